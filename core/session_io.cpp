// cereal's JSON header must come before any RapidJSON header: it makes RapidJSON's assertions throw.
#include <cereal/archives/json.hpp>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/session_io.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <streambuf>
#include <system_error>
#include <vector>

#include "core/log_state.hpp"

namespace gemba {
namespace {

constexpr unsigned kMaxDepth = 32;  // the format nests 3 levels; anything deeper is not a session

// --------------------------------------------------------------------------------------------------
// First pass: RapidJSON's SAX reader finds broken JSON with its offset, invalid UTF-8 and absurd
// nesting, and picks out format_version, before cereal sees the text.
// --------------------------------------------------------------------------------------------------

// A number as a person would write it in a file: 1.5, 1e+30, 100.0 (a double that is whole keeps
// its ".0", so that "expected a whole number, found 5.0" makes sense).
std::string double_text(double value) {
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string out(buffer, ec == std::errc() ? end : buffer);
    if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
    return out;
}

// A limit in a message: 100, 0.5, 1000000000000.
std::string limit_text(double value) {
    char buffer[400];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    return std::string(buffer, ec == std::errc() ? end : buffer);
}

// A text from the file as it can appear inside a one-line message: control characters escaped as
// in JSON, and cut short when long.
std::string printable(std::string_view text, std::size_t max_characters = 40) {
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

struct PrecheckHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, PrecheckHandler> {
    unsigned depth = 0;
    bool too_deep = false;
    bool nul_in_text = false;
    bool saw_root = false;
    std::string root_found;  // what the root is, when it is not an object
    bool next_is_version = false;
    int versions_seen = 0;
    std::optional<std::int64_t> format_version;
    std::string version_found;  // what format_version holds, when it is not an integer

    // Every value: the root's kind, and format_version's value.
    void value(const std::string& found, std::optional<std::int64_t> integer = std::nullopt) {
        if (!saw_root) {
            saw_root = true;
            root_found = found;
        }
        if (next_is_version) {
            next_is_version = false;
            if (integer) format_version = integer;
            else version_found = found;
        }
    }
    bool Null() { return value("null"), true; }
    bool Bool(bool b) { return value(b ? "true" : "false"), true; }
    bool Int(int i) { return value(std::to_string(i), i), true; }
    bool Uint(unsigned u) { return value(std::to_string(u), u), true; }
    bool Int64(std::int64_t i) { return value(std::to_string(i), i), true; }
    bool Uint64(std::uint64_t u) { return value(std::to_string(u)), true; }  // beyond int64: no version
    bool Double(double d) { return value(double_text(d)), true; }
    bool String(const char* text, rapidjson::SizeType length, bool) {
        // RapidJSON keeps "\u0000", but cereal hands strings on as C strings: the text would be cut.
        if (std::memchr(text, '\0', length)) return nul_in_text = true, false;
        value("the text " + quote_text(std::string_view(text, length)));
        return true;
    }
    bool Key(const char* name, rapidjson::SizeType length, bool) {
        if (std::memchr(name, '\0', length)) return nul_in_text = true, false;
        next_is_version = depth == 1 && std::string_view(name, length) == "format_version";
        if (next_is_version) ++versions_seen;
        return true;
    }
    bool StartObject() { return start("an object"); }
    bool StartArray() { return start("a list"); }
    bool start(const char* found) {
        value(found);
        if (++depth > kMaxDepth) {
            too_deep = true;
            return false;
        }
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return --depth, true; }
    bool EndArray(rapidjson::SizeType) { return --depth, true; }
};

std::string line_and_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

struct Problem {
    std::string where;
    std::string what;
};

// RapidJSON's own words are terse ("Missing a name for object member."); these say it for a person.
std::string syntax_error_text(rapidjson::ParseErrorCode code) {
    switch (code) {
        case rapidjson::kParseErrorDocumentRootNotSingular: return "more text after the end of the session";
        case rapidjson::kParseErrorValueInvalid:
            return "expected a value (text in double quotes, a number, true, false, null, { or [)";
        case rapidjson::kParseErrorObjectMissName: return "expected a field name in double quotes";
        case rapidjson::kParseErrorObjectMissColon: return "expected ':' after the field name";
        case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket: return "expected ',' or '}'";
        case rapidjson::kParseErrorArrayMissCommaOrSquareBracket: return "expected ',' or ']'";
        case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex: return "a \\u escape needs four hexadecimal digits";
        case rapidjson::kParseErrorStringUnicodeSurrogateInvalid: return "a \\u escape is half of a UTF-16 pair";
        case rapidjson::kParseErrorStringEscapeInvalid: return "an unknown escape (\\) in a text";
        case rapidjson::kParseErrorStringMissQuotationMark: return "a text is not closed with '\"'";
        case rapidjson::kParseErrorStringInvalidEncoding: return "the text is not valid UTF-8";
        case rapidjson::kParseErrorNumberTooBig: return "a number is too large";
        case rapidjson::kParseErrorNumberMissFraction: return "a number has no digits after its decimal point";
        case rapidjson::kParseErrorNumberMissExponent: return "a number has no digits in its exponent";
        default: return "the file is not a JSON text";
    }
}

std::optional<Problem> precheck(std::string_view json, std::optional<std::int64_t>& version) {
    // Notepad's "Unicode" is UTF-16: every other byte of a JSON text is then NUL.
    const bool utf16_bom = json.substr(0, 2) == "\xFF\xFE" || json.substr(0, 2) == "\xFE\xFF";
    const auto nul_at = [&](std::size_t i) { return json[i] == '\0'; };
    const bool utf16_bare =
        json.size() >= 4 && nul_at(0) != nul_at(1) && nul_at(2) == nul_at(0) && nul_at(3) == nul_at(1);
    if (utf16_bom || utf16_bare) return Problem{"", "the file is in UTF-16; a session file must be UTF-8"};
    // RapidJSON stops at a NUL byte as at the end of the text: whatever follows would go unseen. A
    // file cut short by a crash often ends in NUL bytes.
    if (const std::size_t nul = json.find('\0'); nul != std::string_view::npos)
        return Problem{line_and_column(json, nul),
                       "not valid JSON: the file contains a NUL byte; it is damaged or not a text file"};

    rapidjson::MemoryStream memory(json.data(), json.size());
    rapidjson::Reader reader;
    PrecheckHandler handler;
    const rapidjson::ParseResult result =
        reader.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(memory, handler);
    if (handler.too_deep)
        return Problem{line_and_column(json, result.Offset()),
                       "nested more than " + std::to_string(kMaxDepth) + " levels deep; this is not a session file"};
    if (handler.nul_in_text)
        return Problem{line_and_column(json, result.Offset()),
                       "not valid JSON: a text contains the NUL character (\\u0000), which a session cannot hold"};
    if (result.IsError()) {
        if (result.Code() == rapidjson::kParseErrorDocumentEmpty) return Problem{"", "the file is empty"};
        std::string what = "not valid JSON: ";
        if (result.Offset() >= json.size()) {
            if (result.Code() == rapidjson::kParseErrorStringMissQuotationMark)
                what += "the file ends inside a text string";
            else
                what += "the file ends too early (" + syntax_error_text(result.Code()) + ")";
            what += "; it may have been cut off";
        } else if (result.Code() == rapidjson::kParseErrorStringEscapeInvalid &&
                   static_cast<unsigned char>(json[result.Offset()]) < 0x20) {
            // RapidJSON files a raw tab or line break inside quotes under "invalid escape".
            what += "a text contains a tab, line break or other control character; write it as \\t, \\n or \\uXXXX";
        } else {
            what += syntax_error_text(result.Code());
        }
        return Problem{line_and_column(json, result.Offset()), what};
    }
    if (handler.root_found != "an object")
        return Problem{"", "expected a JSON object ({ ... }) holding a session, found " + handler.root_found};
    if (handler.versions_seen > 1) return Problem{"/format_version", "the field appears twice"};
    if (!handler.version_found.empty())
        return Problem{"/format_version", "expected a whole number, found " + handler.version_found};
    version = handler.format_version;
    return std::nullopt;
}

// --------------------------------------------------------------------------------------------------
// Second pass: cereal loads the session, with the place of every value tracked for messages.
// --------------------------------------------------------------------------------------------------

struct LoadFailure {
    Problem problem;
};

std::string escape_pointer_segment(std::string_view segment) {
    std::string out;
    for (char c : segment) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

class Reader {
public:
    explicit Reader(cereal::JSONInputArchive& archive) : ar_(archive) {}

    std::string pointer() const {
        std::string out;
        for (const std::string& segment : path_) out += "/" + escape_pointer_segment(segment);
        return out;
    }
    [[noreturn]] void fail(std::string what) const { throw LoadFailure{Problem{pointer(), std::move(what)}}; }

    // Visits the members of the object at the current position; on_member(name) must read the
    // member's value (or fail). Unknown and repeated members are errors.
    template <class OnMember>
    void object(OnMember&& on_member) {
        try {
            ar_.startNode();
        } catch (const cereal::Exception&) {
            fail("expected an object ({ ... }), found " + found());
        }
        if (!ar_.getNodeName()) check_not_a_list();
        std::set<std::string, std::less<>> seen;
        while (const char* raw_name = ar_.getNodeName()) {
            const std::string name = raw_name;
            path_.push_back(name);
            if (!seen.insert(name).second) fail("the field appears twice");
            on_member(std::string_view(name));
            path_.pop_back();
        }
        ar_.finishNode();
    }

    // Visits the elements of the list at the current position; on_element(index) reads one.
    template <class OnElement>
    void list(OnElement&& on_element) {
        try {
            ar_.startNode();
        } catch (const cereal::Exception&) {
            fail("expected a list ([ ... ]), found " + found());
        }
        cereal::size_type size = 0;
        try {
            ar_.loadSize(size);  // only a list has a size
        } catch (const cereal::Exception&) {
            fail("expected a list ([ ... ]), found an object");
        }
        for (cereal::size_type i = 0; i < size; ++i) {
            path_.push_back(std::to_string(i));
            on_element(static_cast<std::size_t>(i));
            path_.pop_back();
        }
        ar_.finishNode();
    }

    std::int64_t integer(std::int64_t min, std::int64_t max) {
        std::int64_t value = 0;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            // Not an int64: a larger integer, a number with a fraction or exponent, or no number.
            std::uint64_t big = 0;
            if (attempt(big)) fail(range_text(min, max, std::to_string(big), false));
            double real = 0;
            if (attempt(real)) {
                const bool below = real < static_cast<double>(min), above = real > static_cast<double>(max);
                if (std::floor(real) == real && (below || above)) fail(range_text(min, max, double_text(real), below));
                fail("expected a whole number, found " + double_text(real));
            }
            fail("expected a whole number, found " + found());
        }
        if (value < min || value > max)
            fail(range_text(min, max, std::to_string(value), value < min));
        return value;
    }
    std::int64_t time_ms() { return integer(0, kMaxTimeMs); }

    double number(double min, double max, bool min_inclusive = true, bool max_inclusive = true) {
        // An integer in the file is quoted back as written ("found 100", not "found 100.0").
        double value = 0;
        std::string written;
        std::int64_t whole = 0;
        if (attempt(whole)) {
            value = static_cast<double>(whole);
            written = std::to_string(whole);
        } else {
            try {
                ar_(value);
            } catch (const cereal::Exception&) {
                fail("expected a number, found " + found());
            }
            written = double_text(value);
        }
        const bool above = min_inclusive ? value >= min : value > min;
        const bool below = max_inclusive ? value <= max : value < max;
        if (!std::isfinite(value) || !above || !below)
            fail(std::string("must be ") + (min_inclusive ? "at least " : "above ") + limit_text(min) + " and " +
                 (max_inclusive ? "at most " : "below ") + limit_text(max) + ", found " + written);
        return value;
    }

    std::string text() {
        std::string value;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected a text string, found " + found());
        }
        return value;
    }

    bool boolean() {
        bool value = false;
        try {
            ar_(value);
        } catch (const cereal::Exception&) {
            fail("expected true or false, found " + found());
        }
        return value;
    }

    template <class E>
    E enumeration(std::optional<E> (*parse)(std::string_view), std::string (*spellings)(), const char* what) {
        const std::string spelled = text();
        if (auto value = parse(spelled)) return *value;
        fail("unknown " + std::string(what) + " '" + printable(spelled) + "' (expected one of: " + spellings() + ")");
    }

    [[noreturn]] void unknown(std::string_view name) { fail("unknown field '" + printable(name) + "'"); }

    void push(std::string segment) { path_.push_back(std::move(segment)); }
    void pop() { path_.pop_back(); }

private:
    // An object with no members may really be a list: loadSize succeeds only on lists.
    void check_not_a_list() {
        cereal::size_type size = 0;
        try {
            ar_.loadSize(size);
        } catch (const cereal::Exception&) {
            return;
        }
        fail("expected an object ({ ... }), found a list");
    }

    // Reads the current value as T if it is one; leaves the position unchanged if not.
    template <class T>
    bool attempt(T& value) {
        try {
            ar_(value);
            return true;
        } catch (const cereal::Exception&) {
            return false;
        }
    }

    // What the current value is, for a message: "the text \"12\"", "1.5", "null", "a list".
    // Called only on the way to a failure: it may move the position.
    std::string found() {
        if (std::string s; attempt(s)) return "the text " + quote_text(s);
        if (bool b = false; attempt(b)) return b ? "true" : "false";
        if (std::int64_t i = 0; attempt(i)) return std::to_string(i);
        if (std::uint64_t u = 0; attempt(u)) return std::to_string(u);
        if (double d = 0; attempt(d)) return double_text(d);
        if (std::nullptr_t n = nullptr; attempt(n)) return "null";
        try {
            ar_.startNode();
        } catch (const cereal::Exception&) {
            return "a value of another kind";
        }
        cereal::size_type size = 0;
        try {
            ar_.loadSize(size);
        } catch (const cereal::Exception&) {
            return "an object";
        }
        return "a list";
    }

    // "must not be negative, found -5", "must be at least 1, found 0", "must be at most 5000, found 5001"
    static std::string range_text(std::int64_t min, std::int64_t max, const std::string& found, bool below) {
        if (!below) return "must be at most " + std::to_string(max) + ", found " + found;
        if (min == 0) return "must not be negative, found " + found;
        return "must be at least " + std::to_string(min) + ", found " + found;
    }

    cereal::JSONInputArchive& ar_;
    std::vector<std::string> path_;
};

// Which fields each event kind has, besides id, t_ms and kind.
enum Field : unsigned {
    f_step = 1u << 0,
    f_ended_step = 1u << 1,
    f_new_cycle = 1u << 2,
    f_waste = 1u << 3,
    f_target = 1u << 4,
    f_text = 1u << 5,
    f_note = 1u << 6,
    f_reason = 1u << 7,
    f_start_ms = 1u << 8,
    f_end_ms = 1u << 9,
    f_at_ms = 1u << 10,
    f_cycle = 1u << 11,
};

struct FieldName {
    Field field;
    const char* name;
};
constexpr FieldName kFieldNames[] = {
    {f_step, "step"},       {f_ended_step, "ended_step"}, {f_new_cycle, "new_cycle"}, {f_waste, "waste"},
    {f_target, "target"},   {f_text, "text"},             {f_note, "note"},           {f_reason, "reason"},
    {f_start_ms, "start_ms"}, {f_end_ms, "end_ms"},       {f_at_ms, "at_ms"},         {f_cycle, "cycle"},
};

struct KindFields {
    unsigned required;
    unsigned optional;
};

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

constexpr std::int64_t kMaxId = 1'000'000'000'000'000;

Event read_event(Reader& in) {
    Event e;
    unsigned seen = 0;
    bool has_id = false, has_t = false, has_kind = false;
    const auto mark = [&](Field f) { seen |= f; };
    in.object([&](std::string_view name) {
        if (name == "id") e.id = in.integer(1, kMaxId), has_id = true;
        else if (name == "t_ms") e.t_ms = in.time_ms(), has_t = true;
        else if (name == "kind")
            e.kind = in.enumeration(parse_event_kind, spellings_of_event_kind, "event kind"), has_kind = true;
        else if (name == "step") e.step = in.integer(1, kMaxId), mark(f_step);
        else if (name == "ended_step") e.ended_step = in.integer(1, kMaxId), mark(f_ended_step);
        else if (name == "new_cycle") e.new_cycle = in.boolean(), mark(f_new_cycle);
        else if (name == "waste") e.waste = in.enumeration(parse_waste, spellings_of_waste, "waste"), mark(f_waste);
        else if (name == "target") e.target = in.integer(1, kMaxId), mark(f_target);
        else if (name == "text") e.text = in.text(), mark(f_text);
        else if (name == "note") e.text = in.text(), mark(f_note);
        else if (name == "reason") e.text = in.text(), mark(f_reason);
        else if (name == "start_ms") e.start_ms = in.time_ms(), mark(f_start_ms);
        else if (name == "end_ms") e.end_ms = in.time_ms(), mark(f_end_ms);
        else if (name == "at_ms") e.at_ms = in.time_ms(), mark(f_at_ms);
        else if (name == "cycle") e.cycle = in.integer(1, kMaxCycle), mark(f_cycle);
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_t) in.fail("missing field 't_ms'");
    if (!has_kind) in.fail("missing field 'kind'");
    const KindFields allowed = fields_of(e.kind);
    const std::string_view kind = to_string(e.kind);
    // "a step_start event", "an exclude event"
    const std::string a_kind =
        std::string(kind.find_first_of("aeiou") == 0 ? "an " : "a ") + std::string(kind) + " event";
    for (const FieldName& f : kFieldNames) {
        if ((allowed.required & f.field) && !(seen & f.field))
            in.fail("missing field '" + std::string(f.name) + "' of " + a_kind);
        if ((seen & f.field) && !((allowed.required | allowed.optional) & f.field)) {
            in.push(f.name);
            in.fail("field '" + std::string(f.name) + "' does not belong to " + a_kind);
        }
    }
    return e;
}

Step read_step(Reader& in) {
    Step s;
    bool has_id = false, has_name = false, has_class = false;
    in.object([&](std::string_view name) {
        if (name == "id") s.id = in.integer(1, kMaxId), has_id = true;
        else if (name == "name") s.name = in.text(), has_name = true;
        else if (name == "value_class")
            s.value_class = in.enumeration(parse_value_class, spellings_of_value_class, "value class"), has_class = true;
        else if (name == "rating_pct") s.rating_pct = in.number(0, 300, false, true);
        else if (name == "allowance_pct") s.allowance_pct = in.number(0, 100, true, false);
        else in.unknown(name);
    });
    if (!has_id) in.fail("missing field 'id'");
    if (!has_name) in.fail("missing field 'name'");
    if (!has_class) in.fail("missing field 'value_class'");
    if (s.name.empty()) {
        in.push("name");
        in.fail("the step's name is empty");
    }
    return s;
}

StudySettings read_settings(Reader& in) {
    StudySettings s;
    in.object([&](std::string_view name) {
        if (name == "timing_mode") s.timing_mode = in.enumeration(parse_timing_mode, spellings_of_timing_mode, "timing mode");
        else if (name == "allowance_convention")
            s.allowance_convention = in.enumeration(parse_allowance_convention, spellings_of_allowance_convention,
                                                    "allowance convention");
        else if (name == "confidence_pct") s.confidence_pct = in.number(0, 100, false, false);
        else if (name == "z_convention") s.z_convention = in.enumeration(parse_z_convention, spellings_of_z_convention, "z convention");
        else if (name == "z") s.z = in.number(0, 10, false, true);
        else if (name == "accuracy_pct") s.accuracy_pct = in.number(0, 100, false, true);
        else if (name == "accuracy_ms") s.accuracy_ms = in.number(0, 1e9, false, true);
        else if (name == "outlier_rule") s.outlier_rule = in.enumeration(parse_outlier_rule, spellings_of_outlier_rule, "outlier rule");
        else if (name == "takt_available_ms") s.takt_available_ms = in.time_ms();
        else if (name == "takt_demand_units") s.takt_demand_units = in.number(0, 1e12);
        else if (name == "debounce_ms") s.debounce_ms = in.integer(0, 5000);
        else in.unknown(name);
    });
    return s;
}

// Rules across fields that no single value shows: unique ids, and the log itself.
std::optional<Problem> check_semantics(const Session& session) {
    if (!session.started_at.empty() && !is_iso8601_datetime(session.started_at))
        return Problem{"/started_at",
                       "'" + printable(session.started_at) + "' is not a date and time like 2026-11-27T08:30:00Z"};
    std::set<StepId> step_ids;
    for (std::size_t i = 0; i < session.steps.size(); ++i)
        if (!step_ids.insert(session.steps[i].id).second)
            return Problem{"/steps/" + std::to_string(i) + "/id",
                           "step id " + std::to_string(session.steps[i].id) + " is used twice"};
    std::optional<LogError> error;
    LogState::replay(session, &error);
    if (error)
        return Problem{"/events/" + std::to_string(error->event_index),
                       "event " + std::to_string(error->event_id) + ": " + error->message};
    return std::nullopt;
}

// --------------------------------------------------------------------------------------------------
// Before writing: values that JSON cannot carry faithfully. The writer would put NaN into the file,
// pass on bytes that are not UTF-8, and a NUL character would cut the text short when loaded again.
// Caught here, they are named by their place in the session rather than a line of a file to be.
// --------------------------------------------------------------------------------------------------

bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
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

std::optional<Problem> check_text(std::string_view text, std::string where) {
    if (text.find('\0') != std::string_view::npos)
        return Problem{std::move(where), "contains the NUL character, which a session cannot hold"};
    if (!is_valid_utf8(text)) return Problem{std::move(where), "is not valid UTF-8 text"};
    return std::nullopt;
}

std::optional<Problem> check_number(double value, std::string where) {
    if (!std::isfinite(value)) return Problem{std::move(where), "is not a finite number (" + double_text(value) + ")"};
    return std::nullopt;
}

std::optional<Problem> check_values(const Session& s) {
    for (const auto& [text, where] : {std::pair{&s.title, "/title"}, std::pair{&s.process, "/process"},
                                      std::pair{&s.area, "/area"}, std::pair{&s.observer, "/observer"},
                                      std::pair{&s.notes, "/notes"}, std::pair{&s.started_at, "/started_at"}})
        if (auto p = check_text(*text, where)) return p;
    const StudySettings& st = s.settings;
    if (auto p = check_number(st.confidence_pct, "/settings/confidence_pct")) return p;
    if (st.z)
        if (auto p = check_number(*st.z, "/settings/z")) return p;
    if (auto p = check_number(st.accuracy_pct, "/settings/accuracy_pct")) return p;
    if (st.accuracy_ms)
        if (auto p = check_number(*st.accuracy_ms, "/settings/accuracy_ms")) return p;
    if (st.takt_demand_units)
        if (auto p = check_number(*st.takt_demand_units, "/settings/takt_demand_units")) return p;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const std::string at = "/steps/" + std::to_string(i);
        if (auto p = check_text(s.steps[i].name, at + "/name")) return p;
        if (auto p = check_number(s.steps[i].rating_pct, at + "/rating_pct")) return p;
        if (auto p = check_number(s.steps[i].allowance_pct, at + "/allowance_pct")) return p;
    }
    for (std::size_t i = 0; i < s.events.size(); ++i) {
        const Event& e = s.events[i];
        // The field the text is written to depends on the kind; some kinds write no text at all.
        const KindFields fields = fields_of(e.kind);
        const unsigned present = fields.required | fields.optional;
        const char* field = (present & f_reason) ? "/reason"
                            : (present & f_note) ? "/note"
                            : (present & f_text) ? "/text"
                                                 : nullptr;
        if (field)
            if (auto p = check_text(e.text, "/events/" + std::to_string(i) + field)) return p;
    }
    return std::nullopt;
}

class MemoryBuffer : public std::streambuf {
public:
    explicit MemoryBuffer(std::string_view text) {
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

LoadResult failed(const std::string& name, Problem problem) {
    LoadResult result;
    result.problem = FileProblem{name, std::move(problem.where), std::move(problem.what)};
    return result;
}

// --------------------------------------------------------------------------------------------------
// Writing
// --------------------------------------------------------------------------------------------------

void write_event(cereal::JSONOutputArchive& ar, const Event& e) {
    using cereal::make_nvp;
    ar.startNode();
    ar(make_nvp("id", e.id), make_nvp("t_ms", e.t_ms), make_nvp("kind", std::string(to_string(e.kind))));
    const KindFields fields = fields_of(e.kind);
    const unsigned present = fields.required | fields.optional;
    const auto has = [&](Field f) {
        if (!(present & f)) return false;
        if (fields.required & f) return true;
        // Optional fields are written only when they say something.
        switch (f) {
            case f_step: return e.step != kNoStep;
            case f_new_cycle: return e.new_cycle;
            case f_note:
            case f_text: return !e.text.empty();
            case f_target: return e.target != kNoEvent;
            default: return true;
        }
    };
    if (has(f_ended_step)) ar(make_nvp("ended_step", e.ended_step));
    if (has(f_step)) ar(make_nvp("step", e.step));
    if (has(f_new_cycle)) ar(make_nvp("new_cycle", e.new_cycle));
    if (has(f_waste)) ar(make_nvp("waste", std::string(to_string(e.waste))));
    if (has(f_target)) ar(make_nvp("target", e.target));
    if (has(f_cycle)) ar(make_nvp("cycle", e.cycle));
    if (has(f_start_ms)) ar(make_nvp("start_ms", e.start_ms));
    if (has(f_end_ms)) ar(make_nvp("end_ms", e.end_ms));
    if (has(f_at_ms)) ar(make_nvp("at_ms", e.at_ms));
    if (has(f_text)) ar(make_nvp("text", e.text));
    if (has(f_note)) ar(make_nvp("note", e.text));
    if (has(f_reason)) ar(make_nvp("reason", e.text));
    ar.finishNode();
}

void write_session(cereal::JSONOutputArchive& ar, const Session& s) {
    using cereal::make_nvp;
    ar(make_nvp("format_version", kFormatVersion), make_nvp("title", s.title), make_nvp("process", s.process),
       make_nvp("area", s.area), make_nvp("observer", s.observer), make_nvp("notes", s.notes),
       make_nvp("started_at", s.started_at));

    const StudySettings& st = s.settings;
    ar.setNextName("settings");
    ar.startNode();
    ar(make_nvp("timing_mode", std::string(to_string(st.timing_mode))),
       make_nvp("allowance_convention", std::string(to_string(st.allowance_convention))),
       make_nvp("confidence_pct", st.confidence_pct),
       make_nvp("z_convention", std::string(to_string(st.z_convention))));
    if (st.z) ar(make_nvp("z", *st.z));
    ar(make_nvp("accuracy_pct", st.accuracy_pct));
    if (st.accuracy_ms) ar(make_nvp("accuracy_ms", *st.accuracy_ms));
    ar(make_nvp("outlier_rule", std::string(to_string(st.outlier_rule))));
    if (st.takt_available_ms) ar(make_nvp("takt_available_ms", *st.takt_available_ms));
    if (st.takt_demand_units) ar(make_nvp("takt_demand_units", *st.takt_demand_units));
    ar(make_nvp("debounce_ms", st.debounce_ms));
    ar.finishNode();

    ar.setNextName("steps");
    ar.startNode();
    ar.makeArray();
    for (const Step& step : s.steps) {
        ar.startNode();
        ar(make_nvp("id", step.id), make_nvp("name", step.name),
           make_nvp("value_class", std::string(to_string(step.value_class))), make_nvp("rating_pct", step.rating_pct),
           make_nvp("allowance_pct", step.allowance_pct));
        ar.finishNode();
    }
    ar.finishNode();

    ar.setNextName("events");
    ar.startNode();
    ar.makeArray();
    for (const Event& e : s.events) write_event(ar, e);
    ar.finishNode();
}

}  // namespace

std::string FileProblem::message() const {
    std::string out = file + ": ";
    if (!where.empty()) out += where + ": ";
    return out + what;
}

static LoadResult parse_unguarded(std::string_view json, const std::string& name) {
    // A UTF-8 byte order mark (some Windows editors write one) says nothing: skip it.
    if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
    std::optional<std::int64_t> version;
    if (auto problem = precheck(json, version)) return failed(name, std::move(*problem));
    if (!version) return failed(name, Problem{"", "missing field 'format_version'; is this a Gemba session file?"});
    if (*version > kFormatVersion)
        return failed(name, Problem{"/format_version", "format version " + std::to_string(*version) +
                                                           " is newer than this Gemba reads (up to " +
                                                           std::to_string(kFormatVersion) + "); open it with a newer Gemba"});
    if (*version < 1)
        return failed(name, Problem{"/format_version", "format version " + std::to_string(*version) + " does not exist"});

    Session session;
    try {
        MemoryBuffer buffer(json);
        std::istream stream(&buffer);
        cereal::JSONInputArchive archive(stream);
        Reader in(archive);
        bool has_title = false, has_steps = false;
        std::set<std::string, std::less<>> seen;
        while (const char* raw_name = archive.getNodeName()) {
            const std::string name_here = raw_name;
            in.push(name_here);
            if (!seen.insert(name_here).second) in.fail("the field appears twice");
            if (name_here == "format_version") in.integer(1, kFormatVersion);
            else if (name_here == "title") session.title = in.text(), has_title = true;
            else if (name_here == "process") session.process = in.text();
            else if (name_here == "area") session.area = in.text();
            else if (name_here == "observer") session.observer = in.text();
            else if (name_here == "notes") session.notes = in.text();
            else if (name_here == "started_at") session.started_at = in.text();
            else if (name_here == "settings") session.settings = read_settings(in);
            else if (name_here == "steps") {
                in.list([&](std::size_t) { session.steps.push_back(read_step(in)); });
                has_steps = true;
            } else if (name_here == "events") {
                in.list([&](std::size_t) { session.events.push_back(read_event(in)); });
            } else {
                in.unknown(name_here);
            }
            in.pop();
        }
        if (!has_title) return failed(name, Problem{"", "missing field 'title'"});
        if (!has_steps) return failed(name, Problem{"", "missing field 'steps'"});
    } catch (const LoadFailure& failure) {
        return failed(name, failure.problem);
    } catch (const cereal::Exception&) {
        // Every read above is guarded; this is a last line so no cereal message ever leaks raw.
        // (Its own text names RapidJSON's internals, which help no one who opens a file.)
        return failed(name, Problem{"", "could not be read as a session; the file may be damaged"});
    }
    if (auto problem = check_semantics(session)) return failed(name, std::move(*problem));
    LoadResult result;
    result.session = std::move(session);
    return result;
}

// Memory is the one thing a large, valid file can exhaust: say so instead of aborting.
static LoadResult out_of_memory(const std::string& name) {
    return failed(name, Problem{"", "is too large to open with the memory available"});
}

LoadResult parse_session(std::string_view json, const std::string& name) {
    try {
        return parse_unguarded(json, name);
    } catch (const std::bad_alloc&) {
        return out_of_memory(name);
    }
}

static LoadResult load_unguarded(const std::filesystem::path& path) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return failed(name, Problem{"", "is a folder, not a session file"});
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) return failed(name, Problem{"", "cannot be opened: " + ec.message()});
    if (size > kMaxSessionFileBytes)
        return failed(name, Problem{"", "is larger than the " + std::to_string(kMaxSessionFileBytes / (1024 * 1024)) +
                                            " MiB a session file can be (it has " + std::to_string(size) + " bytes)"});
    std::ifstream file(path, std::ios::binary);
    if (!file) return failed(name, Problem{"", "cannot be opened: " + std::generic_category().message(errno)});
    std::string text(static_cast<std::size_t>(size), '\0');
    file.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(file.gcount()) != size)
        return failed(name, Problem{"", "could not be read to the end"});
    return parse_session(text, name);
}

LoadResult load_session(const std::filesystem::path& path) {
    try {
        return load_unguarded(path);
    } catch (const std::bad_alloc&) {
        return out_of_memory(path.string());
    }
}

std::string session_to_json(const Session& session) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options(
                                                   rapidjson::Writer<rapidjson::StringBuffer>::kDefaultMaxDecimalPlaces,
                                                   cereal::JSONOutputArchive::Options::IndentChar::space, 2));
        write_session(archive, session);
    }
    out << '\n';
    return out.str();
}

std::string event_to_json(const Event& event) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options::NoIndent());
        archive.setNextName("event");
        write_event(archive, event);
    }
    return out.str();
}

std::optional<Event> parse_event_json(std::string_view json, std::string& problem) {
    std::optional<std::int64_t> unused_version;
    if (auto syntax = precheck(json, unused_version)) {
        problem = (syntax->where.empty() ? "" : syntax->where + ": ") + syntax->what;
        return std::nullopt;
    }
    try {
        MemoryBuffer buffer(json);
        std::istream stream(&buffer);
        cereal::JSONInputArchive archive(stream);
        Reader in(archive);
        const char* name = archive.getNodeName();
        if (!name || std::string_view(name) != "event") {
            problem = "expected {\"event\": { ... }}";
            return std::nullopt;
        }
        in.push("event");
        return read_event(in);
    } catch (const LoadFailure& failure) {
        problem = failure.problem.where + ": " + failure.problem.what;
    } catch (const cereal::Exception&) {
        problem = "could not be read as an event";
    } catch (const std::bad_alloc&) {
        problem = "too large for the memory available";
    }
    return std::nullopt;
}

std::optional<FileProblem> check_session(const Session& session, const std::string& name) {
    if (auto problem = check_values(session)) return FileProblem{name, problem->where, problem->what};
    LoadResult reloaded = parse_session(session_to_json(session), name);
    return reloaded.problem;
}

SaveResult save_session(const std::filesystem::path& path, const Session& session, FileSystem& fs) {
    if (auto problem = check_values(session))
        return SaveResult{false, "not saved, the session is not valid: " +
                                     FileProblem{path.string(), problem->where, problem->what}.message()};
    const std::string json = session_to_json(session);
    // Never write what could not be opened again.
    if (json.size() > kMaxSessionFileBytes)
        return SaveResult{false, "not saved, the session is too large: " + path.string() + ": it would take " +
                                     std::to_string(json.size()) + " bytes, more than the " +
                                     std::to_string(kMaxSessionFileBytes / (1024 * 1024)) +
                                     " MiB a session file can be"};
    if (LoadResult check = parse_session(json, path.string()); !check.ok())
        return SaveResult{false, "not saved, the session is not valid: " + check.problem->message()};
    const WriteOutcome written = write_file_atomically(path, json, fs);
    return SaveResult{written.ok, written.error};
}

}  // namespace gemba
