#include "core/file/event_json.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/file/json_text.hpp"
#include "core/file/utf8.hpp"

namespace gemba::detail {

std::optional<Problem> check_event_values(const Event& e, std::size_t index) {
    const KindFields& fields = fields_of(e.kind);
    for (const EventField* f : fields.fields()) {
        if (f->type != EventFieldType::integer || !is_written(e, fields, *f)) continue;
        const std::int64_t value = integer_of(e, *f);
        if (value < f->min || value > f->max)
            return Problem{"/events/" + std::to_string(index) + "/" + std::string(f->name),
                           range_text(f->min, f->max, std::to_string(value), value < f->min)};
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------

namespace {

// `, "name": ` of every field, in a buffer of fixed size: the writer copies it with one fixed-size
// move and the canonical reader compares it a word at a time. A call to memcpy or memcmp per field
// would cost more than the writing or reading itself.
constexpr std::size_t kKeyCopy = 16;  // the longest key, `, "ended_step": `, fits
using KeyWords = std::array<std::uint64_t, kKeyCopy / 8>;
struct FieldKey {
    char text[kKeyCopy + 2] = {};  // + 2: the first field is written from text + 2, without ", "
    std::size_t size = 0;
    KeyWords mask{};  // the bytes of the first kKeyCopy of text that are the key's
};
constexpr std::array<FieldKey, kEventFieldCount> field_keys() {
    std::array<FieldKey, kEventFieldCount> keys{};
    for (const EventField& f : kEventFields) {
        FieldKey& key = keys[static_cast<std::size_t>(f.id)];
        for (char c : std::string_view(", \"")) key.text[key.size++] = c;
        for (char c : f.name) key.text[key.size++] = c;
        for (char c : std::string_view("\": ")) key.text[key.size++] = c;
        std::array<unsigned char, kKeyCopy> mask{};
        for (std::size_t i = 0; i < key.size && i < kKeyCopy; ++i) mask[i] = 0xFF;
        key.mask = std::bit_cast<KeyWords>(mask);
    }
    return keys;
}
constexpr std::array<FieldKey, kEventFieldCount> kFieldKeys = field_keys();
static_assert([] {
    for (const FieldKey& key : kFieldKeys)
        if (key.size > kKeyCopy) return false;
    return true;
}(), "a field name too long for kKeyCopy");

const FieldKey& key_of(const EventField& f) { return kFieldKeys[static_cast<std::size_t>(f.id)]; }

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
    // The first `size` bytes of `text`, which has at least kKeyCopy bytes.
    void padded(const char* text, std::size_t size) {
        if (room() < kKeyCopy) flush();
        std::memcpy(p_, text, kKeyCopy);
        p_ += size;
    }
    void quoted(std::string_view text) {
        literal("\"");
        literal(text);
        literal("\"");
    }
    // A text from the session, escaped as JSON needs.
    void text(std::string_view text) {
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

void append_event_json(std::string& out, const Event& e) {
    LineBuffer line(out);
    const KindFields& fields = fields_of(e.kind);
    line.literal("{");
    std::size_t skip = 2;  // the first field has no ", " before it
    for (const EventField* row : fields.fields()) {
        const EventField& f = *row;
        if (!is_written(e, fields, f)) continue;
        const FieldKey& key = key_of(f);
        line.padded(key.text + skip, key.size - skip);
        skip = 0;
        switch (f.type) {
            case EventFieldType::integer: line.integer(integer_of(e, f)); break;
            case EventFieldType::flag: line.literal(e.*f.flag ? "true" : "false"); break;
            case EventFieldType::kind: line.quoted(to_string(e.*f.kind)); break;
            case EventFieldType::waste: line.quoted(to_string(e.*f.waste)); break;
            case EventFieldType::text: line.text((e.*f.text).view()); break;
        }
    }
    line.literal("}");
}

// ---------------------------------------------------------------------------------------------------
// Reading with the SAX callbacks
// ---------------------------------------------------------------------------------------------------

void EventReader::begin(const char* prefix, std::optional<std::size_t> index) {
    prefix_ = prefix;
    index_ = index;
    event_ = Event{};
    problem_.reset();
    depth_ = 0;
    finished_ = false;
    current_ = nullptr;
    seen_ = 0;
}

std::string EventReader::pointer() const { return prefix_ + (index_ ? std::to_string(*index_) : std::string()); }

void EventReader::fail_member(std::string what) { fail_field(current_->name, std::move(what)); }

void EventReader::fail_field(std::string_view name, std::string what) {
    if (problem_) return;
    problem_ = Problem{pointer() + "/" + escape_pointer_segment(name), std::move(what)};
}

const EventField* EventReader::current_of_type(EventFieldType type) const {
    return depth_ == 1 && !problem_ && current_ && current_->type == type ? current_ : nullptr;
}

template <class Found>
void EventReader::scalar(Found&& found_text) {
    if (depth_ == 0) {
        if (!problem_) problem_ = Problem{pointer(), "expected an object ({ ... }), found " + found_text()};
        finished_ = true;
        return;
    }
    if (depth_ > 1 || problem_ || !current_) return;  // inside a value already refused, or after a problem
    switch (current_->type) {
        case EventFieldType::integer: fail_member("expected a whole number, found " + found_text()); break;
        case EventFieldType::flag: fail_member("expected true or false, found " + found_text()); break;
        default: fail_member("expected a text string, found " + found_text()); break;
    }
    current_ = nullptr;
}

void EventReader::null() {
    scalar([] { return std::string("null"); });
}

void EventReader::boolean(bool value) {
    if (const EventField* f = current_of_type(EventFieldType::flag)) {
        event_.*f->flag = value;
        current_ = nullptr;
        return;
    }
    scalar([value] { return std::string(value ? "true" : "false"); });
}

void EventReader::integer(std::int64_t value) {
    const EventField* f = current_of_type(EventFieldType::integer);
    if (!f) {
        scalar([value] { return std::to_string(value); });
        return;
    }
    if (value < f->min || value > f->max) fail_member(range_text(f->min, f->max, std::to_string(value), value < f->min));
    else set_integer(event_, *f, value);
    current_ = nullptr;
}

void EventReader::big_integer(std::uint64_t value) {
    if (const EventField* f = current_of_type(EventFieldType::integer)) {
        fail_member(range_text(f->min, f->max, std::to_string(value), false));
        current_ = nullptr;
        return;
    }
    scalar([value] { return std::to_string(value); });
}

void EventReader::real(double value) {
    if (const EventField* f = current_of_type(EventFieldType::integer)) {
        const bool below = value < static_cast<double>(f->min), above = value > static_cast<double>(f->max);
        if (std::floor(value) == value && (below || above)) fail_member(range_text(f->min, f->max, double_text(value), below));
        else fail_member("expected a whole number, found " + double_text(value));
        current_ = nullptr;
        return;
    }
    scalar([value] { return double_text(value); });
}

void EventReader::text(std::string_view value) {
    if (depth_ == 1 && !problem_ && current_) {
        const EventField& f = *current_;
        switch (f.type) {
            case EventFieldType::kind:
                if (auto kind = parse_event_kind(value)) event_.*f.kind = *kind;
                else fail_member("unknown event kind '" + printable(value) + "' (expected one of: " +
                                 spellings_of_event_kind() + ")");
                current_ = nullptr;
                return;
            case EventFieldType::waste:
                if (auto waste = parse_waste(value)) event_.*f.waste = *waste;
                else fail_member("unknown waste '" + printable(value) + "' (expected one of: " + spellings_of_waste() + ")");
                current_ = nullptr;
                return;
            case EventFieldType::text:
                (event_.*f.text).assign(value);
                current_ = nullptr;
                return;
            default: break;
        }
    }
    scalar([value] { return "the text " + quote_text(value); });
}

void EventReader::key(std::string_view name) {
    if (depth_ != 1 || problem_) return;
    current_ = find_event_field(name);
    if (!current_) {
        fail_field(name, "unknown field '" + printable(name) + "'");
        return;
    }
    const EventFieldSet bit = field_bit(current_->id);
    if (seen_ & bit) fail_field(name, "the field appears twice");
    seen_ |= bit;
}

void EventReader::start_object() {
    if (depth_ == 1 && current_ && !problem_) scalar([] { return std::string("an object"); });
    ++depth_;
}

void EventReader::start_array() {
    if (depth_ == 0 && !problem_) problem_ = Problem{pointer(), "expected an object ({ ... }), found a list"};
    else if (depth_ == 1 && current_ && !problem_) scalar([] { return std::string("a list"); });
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
    // The kind is known only if its field was there; without it, 'kind' itself is missing.
    const KindFields& allowed = fields_of(event_.kind);
    const EventFieldSet missing = allowed.required & ~seen_, foreign = seen_ & ~allowed.allowed();
    if (!(missing | foreign)) return;
    // The first wrong field in EventFieldId order is the one named.
    const auto first = static_cast<EventFieldId>(std::countr_zero(missing | foreign));
    const EventField& f = event_field(first);
    if (field_bit(first) & kFieldsOfEveryEvent) {
        problem_ = Problem{pointer(), "missing field '" + std::string(f.name) + "'"};
        return;
    }
    const std::string_view kind = to_string(event_.kind);
    // "a step_start event", "an exclude event"
    const std::string a_kind =
        std::string(kind.find_first_of("aeiou") == 0 ? "an " : "a ") + std::string(kind) + " event";
    if (missing & field_bit(first)) problem_ = Problem{pointer(), "missing field '" + std::string(f.name) + "' of " + a_kind};
    else problem_ = Problem{pointer() + "/" + std::string(f.name), "field '" + std::string(f.name) + "' does not belong to " + a_kind};
}

// ---------------------------------------------------------------------------------------------------
// Reading the canonical layout
// ---------------------------------------------------------------------------------------------------

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

    // The member `, "name": ` of an object after its first member.
    bool member(const FieldKey& key) {
        const auto left = static_cast<std::size_t>(end_ - p_);
        if (left >= kKeyCopy) {
            KeyWords here, wanted;
            std::memcpy(here.data(), p_, kKeyCopy);
            std::memcpy(wanted.data(), key.text, kKeyCopy);
            std::uint64_t differ = 0;
            for (std::size_t w = 0; w < here.size(); ++w) differ |= (here[w] ^ wanted[w]) & key.mask[w];
            if (differ) return false;
        } else if (left < key.size || std::memcmp(p_, key.text, key.size) != 0) {
            return false;
        }
        p_ += key.size;
        return true;
    }

private:
    const char* p_;
    const char* end_;
};

static_assert(kEventFields[0].id == EventFieldId::id && kEventFields[1].id == EventFieldId::t_ms &&
                  kEventFields[2].id == EventFieldId::kind,
              "read_one reads the first three fields by name");

// An event laid out as append_event_json writes it: id, t_ms and kind first, then the rest.
bool read_one(Canonical& in, Event& e) {
    if (!in.literal("{\"id\": ") || !in.integer(e.id) || !in.literal(", \"t_ms\": ") || !in.integer(e.t_ms) ||
        !in.literal(", \"kind\": \""))
        return false;
    std::string_view spelled;
    if (!in.plain_string(spelled)) return false;
    const auto kind = parse_event_kind(spelled);
    if (!kind) return false;
    e.kind = *kind;
    // The kind's other fields in the order they are written; a field out of that order, foreign
    // to the kind or repeated is left to the general reader.
    const KindFields& fields = fields_of(e.kind);
    for (const EventField* f : fields.fields().subspan(3)) {  // after id, t_ms and kind
        if (!in.member(key_of(*f))) {
            if (fields.required & field_bit(f->id)) return false;
            continue;
        }
        switch (f->type) {
            case EventFieldType::integer: {
                std::int64_t value = 0;
                if (!in.integer(value) || value < f->min || value > f->max) return false;
                set_integer(e, *f, value);
                break;
            }
            case EventFieldType::flag:
                if (in.literal("true")) e.*f->flag = true;
                else if (!in.literal("false")) return false;
                break;
            case EventFieldType::waste: {
                if (!in.literal("\"") || !in.plain_string(spelled)) return false;
                const auto waste = parse_waste(spelled);
                if (!waste) return false;
                e.*f->waste = *waste;
                break;
            }
            case EventFieldType::text:
                if (!in.literal("\"") || !in.string((e.*f->text).edit())) return false;
                break;
            case EventFieldType::kind: return false;
        }
    }
    const EventField& id = kEventFields[0];
    const EventField& t_ms = kEventFields[1];
    return in.literal("}") && e.id >= id.min && e.id <= id.max && e.t_ms >= t_ms.min && e.t_ms <= t_ms.max;
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
