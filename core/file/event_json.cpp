#include "core/file/event_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace gemba::detail {

std::string double_text(double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string out(buffer, ec == std::errc() ? end : buffer);
    if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
    return out;
}

std::string printable(std::string_view text, std::size_t max_characters) {
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++characters > max_characters) return out + "...";
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string quote_text(std::string_view text) { return "\"" + printable(text) + "\""; }

std::string escape_pointer_segment(std::string_view segment) {
    std::string out;
    for (char c : segment) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string range_text(std::int64_t min, std::int64_t max, const std::string& found, bool below) {
    if (!below) return "must be at most " + std::to_string(max) + ", found " + found;
    if (min == 0) return "must not be negative, found " + found;
    return "must be at least " + std::to_string(min) + ", found " + found;
}

KindFields fields_of(EventKind kind) {
    switch (kind) {
        case EventKind::step_start: return {f_step, f_new_cycle};
        case EventKind::step_end: return {f_step, 0};
        case EventKind::lap: return {f_ended_step | f_step, f_new_cycle};
        case EventKind::cycle: return {0, 0};
        case EventKind::waste_tag:
        case EventKind::waste_start: return {f_waste, f_step | f_note};
        case EventKind::waste_end: return {f_target, 0};
        case EventKind::note: return {f_text, f_target};
        case EventKind::pause:
        case EventKind::resume: return {0, 0};
        case EventKind::exclude: return {f_target | f_reason, 0};
        case EventKind::include: return {f_target, 0};
        case EventKind::set_start: return {f_target | f_start_ms, 0};
        case EventKind::set_end: return {f_target | f_end_ms, 0};
        case EventKind::split: return {f_target | f_at_ms, 0};
        case EventKind::insert_reading: return {f_step | f_cycle | f_start_ms | f_end_ms, 0};
        case EventKind::remove:
        case EventKind::restore: return {f_target, 0};
        case EventKind::retag: return {f_target | f_waste, f_step};
        case EventKind::edit_note: return {f_target | f_text, 0};
        case EventKind::undo:
        case EventKind::redo: return {f_target, 0};
    }
    return {0, 0};
}

bool is_written(const Event& e, Field f) { return is_written(e, fields_of(e.kind), f); }

bool is_written(const Event& e, KindFields fields, Field f) {
    if (!((fields.required | fields.optional) & f)) return false;
    if (fields.required & f) return true;
    switch (f) {
        case f_step: return e.step != kNoStep;
        case f_new_cycle: return e.new_cycle;
        case f_note:
        case f_text: return !e.text.empty();
        case f_target: return e.target != kNoEvent;
        default: return true;
    }
}

std::optional<Problem> check_event_values(const Event& e, std::size_t index) {
    struct Limit {
        std::optional<Field> field;  // empty: id and t_ms, which every event has
        const char* name;
        std::int64_t value, min, max;
    };
    const Limit limits[] = {
        {std::nullopt, "id", e.id, 1, kMaxId},          {std::nullopt, "t_ms", e.t_ms, 0, kMaxTimeMs},
        {f_ended_step, "ended_step", e.ended_step, 1, kMaxId}, {f_step, "step", e.step, 1, kMaxId},
        {f_target, "target", e.target, 1, kMaxId},      {f_cycle, "cycle", e.cycle, 1, kMaxCycle},
        {f_start_ms, "start_ms", e.start_ms, 0, kMaxTimeMs}, {f_end_ms, "end_ms", e.end_ms, 0, kMaxTimeMs},
        {f_at_ms, "at_ms", e.at_ms, 0, kMaxTimeMs},
    };
    const KindFields fields = fields_of(e.kind);
    for (const Limit& l : limits) {
        if (l.field && !is_written(e, fields, *l.field)) continue;
        if (l.value < l.min || l.value > l.max)
            return Problem{"/events/" + std::to_string(index) + "/" + l.name,
                           range_text(l.min, l.max, std::to_string(l.value), l.value < l.min)};
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------

namespace {

// One event's line is built in a small buffer and appended once: a session file has millions of
// them, and a std::string append per field costs more than the writing itself.
class LineBuffer {
public:
    explicit LineBuffer(std::string& out) : out_(out) {}
    ~LineBuffer() { flush(); }

    void literal(std::string_view text) {
        if (text.size() > room()) flush();
        if (text.size() > room()) {
            out_.append(text);
            return;
        }
        std::memcpy(p_, text.data(), text.size());
        p_ += text.size();
    }
    void integer(std::int64_t value) {
        if (room() < 24) flush();
        p_ = std::to_chars(p_, buffer_ + sizeof buffer_, value).ptr;
    }
    void member(std::string_view name, std::int64_t value) {
        literal(", \"");
        literal(name);
        literal("\": ");
        integer(value);
    }
    void member(std::string_view name, std::string_view text) {
        literal(", \"");
        literal(name);
        literal("\": ");
        flush();
        append_json_string(out_, text);
    }

private:
    std::size_t room() const { return static_cast<std::size_t>(buffer_ + sizeof buffer_ - p_); }
    void flush() {
        out_.append(buffer_, p_);
        p_ = buffer_;
    }

    std::string& out_;
    char buffer_[256];
    char* p_ = buffer_;
};

}  // namespace

// The escapes RapidJSON's writer uses, so that the plan (written by cereal) and the events read alike.
void append_json_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

void append_event_json(std::string& out, const Event& e) {
    LineBuffer line(out);
    line.literal("{\"id\": ");
    line.integer(e.id);
    line.member("t_ms", e.t_ms);
    line.literal(", \"kind\": \"");
    line.literal(to_string(e.kind));
    line.literal("\"");
    const KindFields fields = fields_of(e.kind);
    const auto has = [&](Field f) { return is_written(e, fields, f); };
    if (has(f_ended_step)) line.member("ended_step", e.ended_step);
    if (has(f_step)) line.member("step", e.step);
    if (has(f_new_cycle)) line.literal(e.new_cycle ? ", \"new_cycle\": true" : ", \"new_cycle\": false");
    if (has(f_waste)) {
        line.literal(", \"waste\": \"");
        line.literal(to_string(e.waste));
        line.literal("\"");
    }
    if (has(f_target)) line.member("target", e.target);
    if (has(f_cycle)) line.member("cycle", e.cycle);
    if (has(f_start_ms)) line.member("start_ms", e.start_ms);
    if (has(f_end_ms)) line.member("end_ms", e.end_ms);
    if (has(f_at_ms)) line.member("at_ms", e.at_ms);
    if (has(f_text)) line.member("text", e.text);
    if (has(f_note)) line.member("note", e.text);
    if (has(f_reason)) line.member("reason", e.text);
    line.literal("}");
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        // Runs of ASCII eight bytes at a time: session files are mostly ASCII.
        while (i + 8 <= text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + i, 8);
            if (word & 0x8080808080808080u) break;
            i += 8;
        }
        if (i >= text.size()) break;
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char c = byte(i);
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            length = 2, code = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3, code = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4, code = c & 0x07u;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) return false;
            code = (code << 6) | (byte(i + k) & 0x3Fu);
        }
        if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) || code > 0x10FFFF ||
            (code >= 0xD800 && code <= 0xDFFF))
            return false;  // overlong, beyond Unicode, or a UTF-16 surrogate
        i += length;
    }
    return true;
}

namespace {

using Key = EventReader::Key;

struct FieldName {
    Field field;
    Key key;
    const char* name;
};
// In the order of the checks for missing and foreign fields.
constexpr FieldName kFieldNames[] = {
    {f_step, Key::step, "step"},
    {f_ended_step, Key::ended_step, "ended_step"},
    {f_new_cycle, Key::new_cycle, "new_cycle"},
    {f_waste, Key::waste, "waste"},
    {f_target, Key::target, "target"},
    {f_text, Key::text, "text"},
    {f_note, Key::note, "note"},
    {f_reason, Key::reason, "reason"},
    {f_start_ms, Key::start_ms, "start_ms"},
    {f_end_ms, Key::end_ms, "end_ms"},
    {f_at_ms, Key::at_ms, "at_ms"},
    {f_cycle, Key::cycle, "cycle"},
};

// The range of an integer member, as the session format defines it; false for other members.
bool integer_limits(Key key, std::int64_t& min, std::int64_t& max) {
    switch (key) {
        case Key::id: case Key::step: case Key::ended_step: case Key::target: min = 1, max = kMaxId; return true;
        case Key::cycle: min = 1, max = kMaxCycle; return true;
        case Key::t_ms: case Key::start_ms: case Key::end_ms: case Key::at_ms: min = 0, max = kMaxTimeMs; return true;
        default: return false;
    }
}

}  // namespace

EventReader::Key EventReader::key_of(std::string_view name) {
    switch (name.size()) {
        case 2: return name == "id" ? Key::id : Key::unknown;
        case 4:
            if (name == "t_ms") return Key::t_ms;
            if (name == "kind") return Key::kind;
            if (name == "step") return Key::step;
            if (name == "text") return Key::text;
            if (name == "note") return Key::note;
            return Key::unknown;
        case 5:
            if (name == "waste") return Key::waste;
            if (name == "cycle") return Key::cycle;
            if (name == "at_ms") return Key::at_ms;
            return Key::unknown;
        case 6:
            if (name == "target") return Key::target;
            if (name == "reason") return Key::reason;
            if (name == "end_ms") return Key::end_ms;
            return Key::unknown;
        case 8: return name == "start_ms" ? Key::start_ms : Key::unknown;
        case 9: return name == "new_cycle" ? Key::new_cycle : Key::unknown;
        case 10: return name == "ended_step" ? Key::ended_step : Key::unknown;
        default: return Key::unknown;
    }
}

void EventReader::begin(const char* prefix, std::optional<std::size_t> index) {
    prefix_ = prefix;
    index_ = index;
    event_ = Event{};
    problem_.reset();
    depth_ = 0;
    finished_ = false;
    current_ = Key::none;
    seen_ = 0;
}

std::string EventReader::pointer() const { return prefix_ + (index_ ? std::to_string(*index_) : std::string()); }

std::string_view EventReader::name_of(Key key) {
    switch (key) {
        case Key::id: return "id";
        case Key::t_ms: return "t_ms";
        case Key::kind: return "kind";
        case Key::step: return "step";
        case Key::ended_step: return "ended_step";
        case Key::new_cycle: return "new_cycle";
        case Key::waste: return "waste";
        case Key::target: return "target";
        case Key::text: return "text";
        case Key::note: return "note";
        case Key::reason: return "reason";
        case Key::start_ms: return "start_ms";
        case Key::end_ms: return "end_ms";
        case Key::at_ms: return "at_ms";
        case Key::cycle: return "cycle";
        case Key::none: case Key::unknown: break;
    }
    return {};
}

void EventReader::fail_member(std::string what, std::string_view name) {
    if (problem_) return;
    problem_ = Problem{pointer() + "/" + escape_pointer_segment(name.empty() ? name_of(current_) : name), std::move(what)};
}

template <class Found>
void EventReader::scalar(Found&& found_text) {
    if (depth_ == 0) {
        if (!problem_) problem_ = Problem{pointer(), "expected an object ({ ... }), found " + found_text()};
        finished_ = true;
        return;
    }
    if (depth_ > 1 || problem_) return;  // inside a value already refused, or after a problem
    std::int64_t min = 0, max = 0;
    if (integer_limits(current_, min, max)) fail_member("expected a whole number, found " + found_text());
    else if (current_ == Key::new_cycle) fail_member("expected true or false, found " + found_text());
    else fail_member("expected a text string, found " + found_text());
    current_ = Key::none;
}

void EventReader::null() {
    scalar([] { return std::string("null"); });
}

void EventReader::boolean(bool value) {
    if (depth_ == 1 && current_ == Key::new_cycle && !problem_) {
        event_.new_cycle = value;
        current_ = Key::none;
        return;
    }
    scalar([value] { return std::string(value ? "true" : "false"); });
}

void EventReader::integer(std::int64_t value) {
    std::int64_t min = 0, max = 0;
    if (depth_ != 1 || problem_ || !integer_limits(current_, min, max)) {
        scalar([value] { return std::to_string(value); });
        return;
    }
    if (value < min || value > max) {
        fail_member(range_text(min, max, std::to_string(value), value < min));
    } else {
        switch (current_) {
            case Key::id: event_.id = value; break;
            case Key::t_ms: event_.t_ms = value; break;
            case Key::step: event_.step = value; break;
            case Key::ended_step: event_.ended_step = value; break;
            case Key::target: event_.target = value; break;
            case Key::start_ms: event_.start_ms = value; break;
            case Key::end_ms: event_.end_ms = value; break;
            case Key::at_ms: event_.at_ms = value; break;
            case Key::cycle: event_.cycle = value; break;
            default: break;
        }
    }
    current_ = Key::none;
}

void EventReader::big_integer(std::uint64_t value) {
    std::int64_t min = 0, max = 0;
    if (depth_ == 1 && !problem_ && integer_limits(current_, min, max)) {
        fail_member(range_text(min, max, std::to_string(value), false));
        current_ = Key::none;
        return;
    }
    scalar([value] { return std::to_string(value); });
}

void EventReader::real(double value) {
    std::int64_t min = 0, max = 0;
    if (depth_ == 1 && !problem_ && integer_limits(current_, min, max)) {
        const bool below = value < static_cast<double>(min), above = value > static_cast<double>(max);
        if (std::floor(value) == value && (below || above)) fail_member(range_text(min, max, double_text(value), below));
        else fail_member("expected a whole number, found " + double_text(value));
        current_ = Key::none;
        return;
    }
    scalar([value] { return double_text(value); });
}

void EventReader::text(std::string_view value) {
    if (depth_ == 1 && !problem_) {
        switch (current_) {
            case Key::kind:
                if (auto kind = parse_event_kind(value)) event_.kind = *kind;
                else fail_member("unknown event kind '" + printable(value) + "' (expected one of: " +
                                 spellings_of_event_kind() + ")");
                current_ = Key::none;
                return;
            case Key::waste:
                if (auto waste = parse_waste(value)) event_.waste = *waste;
                else fail_member("unknown waste '" + printable(value) + "' (expected one of: " + spellings_of_waste() + ")");
                current_ = Key::none;
                return;
            case Key::text: case Key::note: case Key::reason:
                event_.text.assign(value);
                current_ = Key::none;
                return;
            default: break;
        }
    }
    scalar([value] { return "the text " + quote_text(value); });
}

void EventReader::key(std::string_view name) {
    if (depth_ != 1 || problem_) return;
    current_ = key_of(name);
    const std::uint32_t bit = 1u << static_cast<unsigned>(current_);
    if (seen_ & bit) fail_member("the field appears twice", name);
    else if (current_ == Key::unknown) fail_member("unknown field '" + printable(name) + "'", name);
    seen_ |= bit;
}

void EventReader::start_object() {
    if (depth_ == 1 && current_ != Key::none && !problem_) {
        scalar([] { return std::string("an object"); });
    }
    ++depth_;
}

void EventReader::start_array() {
    if (depth_ == 0 && !problem_) problem_ = Problem{pointer(), "expected an object ({ ... }), found a list"};
    else if (depth_ == 1 && current_ != Key::none && !problem_) scalar([] { return std::string("a list"); });
    ++depth_;
}

void EventReader::end_array() {
    if (--depth_ == 0) finished_ = true;
}

void EventReader::end_object() {
    if (--depth_ != 0) return;
    finished_ = true;
    if (!problem_) finish_object();
}

void EventReader::finish_object() {
    const auto has = [&](Key k) { return (seen_ & (1u << static_cast<unsigned>(k))) != 0; };
    if (!has(Key::id)) problem_ = Problem{pointer(), "missing field 'id'"};
    else if (!has(Key::t_ms)) problem_ = Problem{pointer(), "missing field 't_ms'"};
    else if (!has(Key::kind)) problem_ = Problem{pointer(), "missing field 'kind'"};
    if (problem_) return;
    unsigned present = 0;
    for (const FieldName& f : kFieldNames)
        if (has(f.key)) present |= f.field;
    const KindFields allowed = fields_of(event_.kind);
    if ((present & ~(allowed.required | allowed.optional)) == 0 && (allowed.required & ~present) == 0) return;
    const std::string_view kind = to_string(event_.kind);
    // "a step_start event", "an exclude event"
    const std::string a_kind =
        std::string(kind.find_first_of("aeiou") == 0 ? "an " : "a ") + std::string(kind) + " event";
    for (const FieldName& f : kFieldNames) {
        if ((allowed.required & f.field) && !(present & f.field)) {
            problem_ = Problem{pointer(), "missing field '" + std::string(f.name) + "' of " + a_kind};
            return;
        }
        if ((present & f.field) && !((allowed.required | allowed.optional) & f.field)) {
            problem_ = Problem{pointer() + "/" + f.name, "field '" + std::string(f.name) + "' does not belong to " + a_kind};
            return;
        }
    }
}

}  // namespace gemba::detail

// ---------------------------------------------------------------------------------------------------
// Reading the canonical layout
// ---------------------------------------------------------------------------------------------------

namespace gemba::detail {
namespace {

// A cursor over the body; every read either matches exactly or fails.
class Canonical {
public:
    explicit Canonical(std::string_view body) : p_(body.data()), end_(body.data() + body.size()) {}

    bool at_end() const { return p_ == end_; }

    bool literal(std::string_view text) {
        if (static_cast<std::size_t>(end_ - p_) < text.size() || std::memcmp(p_, text.data(), text.size()) != 0)
            return false;
        p_ += text.size();
        return true;
    }

    // A non-negative JSON integer of at most 18 digits (larger ones, negative ones, fractions and
    // exponents are left to the general reader, which names the problem).
    bool integer(std::int64_t& value) {
        const char* start = p_;
        std::int64_t v = 0;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
            if (p_ - start == 18) return false;
            v = v * 10 + (*p_++ - '0');
        }
        const auto digits = p_ - start;
        if (digits == 0 || (digits > 1 && *start == '0')) return false;
        if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
        value = v;
        return true;
    }

    // A string after its opening quote, up to and past its closing quote. Escapes other than \u are
    // decoded; \u and raw control characters are left to the general reader.
    bool string(std::string& out) {
        out.clear();
        const char* run = p_;
        while (p_ < end_) {
            const char c = *p_;
            if (c == '"') {
                out.append(run, p_);
                ++p_;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') {
                ++p_;
                continue;
            }
            out.append(run, p_);
            if (++p_ == end_) return false;
            switch (*p_) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                default: return false;
            }
            run = ++p_;
        }
        return false;
    }

    // A string without escapes after its opening quote, as a view into the body.
    bool plain_string(std::string_view& out) {
        const char* start = p_;
        while (p_ < end_ && *p_ != '"') {
            if (*p_ == '\\' || static_cast<unsigned char>(*p_) < 0x20) return false;
            ++p_;
        }
        if (p_ == end_) return false;
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
    }

    // A member name after its opening quote, up to and past `": `.
    bool member_name(std::string_view& name) { return plain_string(name) && literal(": "); }

private:
    const char* p_;
    const char* end_;
};

using Key = EventReader::Key;

bool read_one(Canonical& in, Event& e) {
    if (!in.literal("{\"id\": ") || !in.integer(e.id) || !in.literal(", \"t_ms\": ") || !in.integer(e.t_ms) ||
        !in.literal(", \"kind\": \""))
        return false;
    std::string_view spelled;
    if (!in.plain_string(spelled)) return false;
    const auto kind = parse_event_kind(spelled);
    if (!kind) return false;
    e.kind = *kind;
    unsigned present = 0;
    while (in.literal(", \"")) {
        std::string_view name;
        if (!in.member_name(name)) return false;
        Field field{};
        std::int64_t* slot = nullptr;
        std::int64_t min = 1, max = kMaxId;
        if (name == "step") field = f_step, slot = &e.step;
        else if (name == "ended_step") field = f_ended_step, slot = &e.ended_step;
        else if (name == "target") field = f_target, slot = &e.target;
        else if (name == "cycle") field = f_cycle, slot = &e.cycle, max = kMaxCycle;
        else if (name == "start_ms") field = f_start_ms, slot = &e.start_ms, min = 0, max = kMaxTimeMs;
        else if (name == "end_ms") field = f_end_ms, slot = &e.end_ms, min = 0, max = kMaxTimeMs;
        else if (name == "at_ms") field = f_at_ms, slot = &e.at_ms, min = 0, max = kMaxTimeMs;
        else if (name == "new_cycle") field = f_new_cycle;
        else if (name == "waste") field = f_waste;
        else if (name == "text") field = f_text;
        else if (name == "note") field = f_note;
        else if (name == "reason") field = f_reason;
        else return false;
        if (present & field) return false;
        present |= field;
        if (slot) {
            if (!in.integer(*slot) || *slot < min || *slot > max) return false;
        } else if (field == f_new_cycle) {
            if (in.literal("true")) e.new_cycle = true;
            else if (!in.literal("false")) return false;
        } else if (field == f_waste) {
            if (!in.literal("\"") || !in.plain_string(spelled)) return false;
            const auto waste = parse_waste(spelled);
            if (!waste) return false;
            e.waste = *waste;
        } else {
            // text, note and reason: at most one of them belongs to any kind (checked below)
            if (!in.literal("\"") || !in.string(e.text)) return false;
        }
    }
    if (!in.literal("}")) return false;
    if (e.id < 1 || e.t_ms > kMaxTimeMs) return false;
    const KindFields allowed = fields_of(e.kind);
    return (allowed.required & ~present) == 0 && (present & ~(allowed.required | allowed.optional)) == 0;
}

}  // namespace

std::optional<std::vector<Event>> read_canonical_events(std::string_view body) {
    if (!is_valid_utf8(body)) return std::nullopt;
    std::vector<Event> events;
    events.reserve(body.size() / 40);  // about one event per 40 bytes at most
    Canonical in(body);
    if (in.at_end()) return events;
    do {
        Event& e = events.emplace_back();
        if (!read_one(in, e)) return std::nullopt;
        if (in.at_end()) return events;
    } while (in.literal(",\n    "));
    return std::nullopt;
}

}  // namespace gemba::detail
