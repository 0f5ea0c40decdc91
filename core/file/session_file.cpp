// cereal's JSON header must come before any RapidJSON header: it makes RapidJSON's assertions throw.
#include <cereal/archives/json.hpp>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/file/session_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdint>
#include <memory>
#include <set>
#include <sstream>
#include <streambuf>
#include <system_error>
#include <vector>

#include "core/file/event_json.hpp"
#include "core/file/utf8.hpp"
#include "core/model/plan_fields.hpp"
#include "core/log/log_state.hpp"

namespace gemba {
namespace {

using detail::double_text;
using detail::escape_pointer_segment;
using detail::is_valid_utf8;
using detail::line_and_column;
using detail::printable;
using detail::Problem;
using detail::quote_text;
using detail::range_text;

constexpr unsigned kMaxDepth = 32;  // the format nests 3 levels; anything deeper is not a session

// --------------------------------------------------------------------------------------------------
// First pass: RapidJSON's SAX reader finds broken JSON with its offset, invalid UTF-8 and absurd
// nesting, and picks out format_version, before cereal sees the text.
// --------------------------------------------------------------------------------------------------

// Where the events of a text are: the list of a session file's "events" (/events/N), or the one
// event of a journal record ({"event": {...}}, /event).
enum class EventsAt { session_list, journal_record };

// What the first pass read besides problems of the JSON itself.
struct Scan {
    std::optional<std::int64_t> format_version;
    std::vector<Event> events;
    // The bytes of the events list [first, second): the second pass (cereal) reads the text without it.
    std::optional<std::pair<std::size_t, std::size_t>> events_span;
    std::optional<Problem> event_problem;  // the first event that could not be read
    // Zeros written with an exponent (0e-30), which RapidJSON 1.1.0 reads as garbage at full
    // precision: their bytes [first, second), for the second pass to read as 0.0 (or -0.0).
    std::vector<std::pair<std::size_t, std::size_t>> written_zeros;
    bool journal_shape_ok = false;         // a journal record's first member is "event"
};

class Scanner : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Scanner> {
public:
    // `escapes_nul`: the text holds "\u0000", so a decoded string may hold NUL (a raw NUL byte
    // never reaches the parser).
    Scanner(std::string_view text, const rapidjson::MemoryStream& stream, EventsAt events_at, bool escapes_nul,
            Scan& scan)
        : text_(text), stream_(stream), events_at_(events_at), escapes_nul_(escapes_nul), scan_(scan) {}

    bool too_deep = false;
    bool nul_in_text = false;
    std::optional<std::string> root_found;  // what the root is
    int versions_seen = 0;
    std::string version_found;  // what format_version holds, when it is not an integer

    bool Null() { return scalar([] { return std::string("null"); }, [&] { events_.null(); }); }
    bool Bool(bool b) {
        return scalar([b] { return std::string(b ? "true" : "false"); }, [&] { events_.boolean(b); });
    }
    bool Int(int i) { return Int64(i); }
    bool Uint(unsigned u) { return Int64(u); }
    bool Int64(std::int64_t i) {
        if (next_is_version_) scan_.format_version = i;
        return scalar([i] { return std::to_string(i); }, [&] { events_.integer(i); });
    }
    bool Uint64(std::uint64_t u) {
        if (u <= static_cast<std::uint64_t>(INT64_MAX)) return Int64(static_cast<std::int64_t>(u));
        return scalar([u] { return std::to_string(u); }, [&] { events_.big_integer(u); });
    }
    bool Double(double d) {
        if (d == 0.0) note_written_zero();
        return scalar([d] { return detail::double_text(d); }, [&] { events_.real(d); });
    }
    bool String(const char* text, rapidjson::SizeType length, bool) {
        // RapidJSON keeps "\u0000", but cereal hands strings on as C strings: the text would be cut.
        if (escapes_nul_ && std::memchr(text, '\0', length)) return nul_in_text = true, false;
        const std::string_view value(text, length);
        return scalar([value] { return "the text " + detail::quote_text(value); }, [&] { events_.text(value); });
    }
    bool Key(const char* name, rapidjson::SizeType length, bool) {
        if (escapes_nul_ && std::memchr(name, '\0', length)) return nul_in_text = true, false;
        const std::string_view key(name, length);
        if (in_event_) {
            events_.key(key);
            return true;
        }
        if (depth_ != 1) return true;
        next_is_version_ = key == "format_version";
        if (next_is_version_) ++versions_seen;
        if (events_at_ == EventsAt::session_list) {
            awaiting_events_ = key == "events" && !events_key_seen_;
            events_key_seen_ = events_key_seen_ || key == "events";
        } else {
            awaiting_events_ = !members_seen_ && key == "event";
            scan_.journal_shape_ok = scan_.journal_shape_ok || awaiting_events_;
        }
        ++members_seen_;
        return true;
    }
    bool StartObject() {
        if (!start("an object")) return false;
        if (in_event_) events_.start_object();
        return true;
    }
    bool StartArray() {
        if (!start("a list")) return false;
        if (in_event_) {
            events_.start_array();
        } else if (awaiting_list_) {
            // The events list itself: its elements are events.
            awaiting_list_ = false;
            in_list_ = true;
            list_depth_ = depth_;
            list_begin_ = stream_.Tell() - 1;
        }
        return true;
    }
    bool EndObject(rapidjson::SizeType) {
        --depth_;
        if (in_event_) {
            events_.end_object();
            collect();
        }
        return true;
    }
    bool EndArray(rapidjson::SizeType) {
        if (in_list_ && !in_event_ && depth_ == list_depth_) {
            in_list_ = false;
            scan_.events_span = std::pair{list_begin_, stream_.Tell()};
        }
        --depth_;
        if (in_event_) {
            events_.end_array();
            collect();
        }
        return true;
    }

private:
    // Remembers where the number just read is when it is a zero written with an exponent ("0e-30"):
    // RapidJSON 1.1.0 reads those as garbage at full precision (its DiyFp normalises a zero
    // significand), so the second pass (cereal, full precision) gets them spelled 0.0.
    void note_written_zero() {
        const std::size_t end = stream_.Tell();
        std::size_t begin = end;
        while (begin > 0 && std::string_view("0123456789+-.eE").find(text_[begin - 1]) != std::string_view::npos)
            --begin;
        const std::string_view number = text_.substr(begin, end - begin);
        const std::size_t exponent = number.find_first_of("eE");
        if (exponent == std::string_view::npos ||
            number.substr(0, exponent).find_first_of("123456789") != std::string_view::npos)
            return;
        scan_.written_zeros.emplace_back(begin, end);
    }

    // Before any value: is it an event?
    void value_begins() {
        // A new value at the events list's own level is the next event; a value after the
        // "event" key of a journal record is the event.
        if (!in_event_ && ((in_list_ && depth_ == list_depth_) || awaiting_event_)) {
            awaiting_event_ = false;
            in_event_ = true;
            if (events_at_ == EventsAt::session_list) events_.begin("/events/", next_index_++);
            else events_.begin("/event", std::nullopt);
        }
    }

    template <class Found, class Forward>
    bool scalar(Found&& found, Forward&& forward) {
        if (!root_found) root_found = found();
        if (next_is_version_) {
            next_is_version_ = false;
            if (!scan_.format_version) version_found = found();
        }
        take_awaiting(false);
        value_begins();
        if (in_event_) {
            forward();
            collect();
        }
        return true;
    }

    bool start(const char* found) {
        if (!root_found) root_found = found;
        if (next_is_version_) {
            next_is_version_ = false;
            version_found = found;
        }
        take_awaiting(std::string_view(found) == "a list");
        value_begins();
        if (++depth_ > kMaxDepth) return too_deep = true, false;
        return true;
    }

    // The value after the "events" key is the events list only if it is a list; after the "event"
    // key of a journal record, it is the event.
    void take_awaiting(bool is_list) {
        if (!awaiting_events_) return;
        awaiting_events_ = false;
        if (events_at_ == EventsAt::session_list) awaiting_list_ = is_list;
        else awaiting_event_ = true;
    }

    // After a callback inside an event: when the event's value has ended, keep it or its problem.
    void collect() {
        if (!events_.finished()) return;
        in_event_ = false;
        if (scan_.event_problem) return;  // only the first problem counts; the rest is not kept
        if (events_.problem()) scan_.event_problem = events_.problem();
        else scan_.events.push_back(std::move(events_.event()));
    }

    std::string_view text_;
    const rapidjson::MemoryStream& stream_;
    EventsAt events_at_;
    bool escapes_nul_;
    Scan& scan_;
    detail::EventReader events_;
    unsigned depth_ = 0;
    bool next_is_version_ = false;
    std::size_t members_seen_ = 0;  // of the root object
    bool events_key_seen_ = false;
    bool awaiting_events_ = false;  // the "events"/"event" key was just read
    bool awaiting_list_ = false;    // its value comes next and is a list
    bool awaiting_event_ = false;   // its value comes next and is the journal's event
    bool in_list_ = false;
    unsigned list_depth_ = 0;
    std::size_t list_begin_ = 0;
    std::size_t next_index_ = 0;
    bool in_event_ = false;
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

std::optional<Problem> scan(std::string_view json, EventsAt events_at, Scan& out) {
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
    Scanner handler(json, memory, events_at, json.find("\\u0000") != std::string_view::npos, out);
    if (events_at == EventsAt::session_list && json.size() > 1024 * 1024) {
        // A large file: about one event per 40 bytes at most, reserved at once rather than grown.
        out.events.reserve(json.size() / 40);
    }
    // Normal precision: full precision (as cereal reads) would meet RapidJSON's zero bug above. The
    // numbers this pass reads show only in messages about events, which take whole numbers.
    // RapidJSON checks UTF-8 character by character; valid text (nearly every file) is checked
    // faster in one go, and only text that fails is parsed again with RapidJSON's check, which
    // says where.
    constexpr unsigned kFlags = rapidjson::kParseNoFlags;
    const rapidjson::ParseResult result =
        is_valid_utf8(json) ? reader.Parse<kFlags>(memory, handler)
                            : reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(memory, handler);
    if (handler.too_deep)
        // The parser has taken the bracket that went too deep: point at it.
        return Problem{line_and_column(json, result.Offset() - 1),
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
        return Problem{"", "expected a JSON object ({ ... }) holding a session, found " + handler.root_found.value_or("nothing")};
    if (handler.versions_seen > 1) return Problem{"/format_version", "the field appears twice"};
    if (!handler.version_found.empty())
        return Problem{"/format_version", "expected a whole number, found " + handler.version_found};
    return std::nullopt;
}

// A file laid out as session_to_json writes it: the text with its events list emptied, and the
// events read from the list in that layout.
struct CanonicalSplit {
    std::string plan_text;
    std::size_t list_at = 0;  // where the emptied list's '[' is in plan_text
    std::vector<Event> events;
};

std::optional<CanonicalSplit> split_canonical(std::string_view json) {
    constexpr std::string_view open = "\n  \"events\": [\n    ", close = "\n  ]\n}";
    const std::size_t at = json.find(open);
    const std::size_t end = json.rfind(close);
    if (at == std::string_view::npos || end == std::string_view::npos || end < at + open.size()) return std::nullopt;
    if (json.find_first_not_of(" \t\r\n", end + close.size()) != std::string_view::npos) return std::nullopt;
    auto events = detail::read_canonical_events(json.substr(at + open.size(), end - at - open.size()));
    if (!events) return std::nullopt;
    CanonicalSplit split;
    const std::string_view kept = "\n  \"events\": [";
    split.plan_text.reserve(at + 32);
    split.plan_text.append(json.substr(0, at)).append(kept).append("]\n}\n");
    split.list_at = at + kept.size() - 1;
    split.events = std::move(*events);
    return split;
}

// --------------------------------------------------------------------------------------------------
// Second pass: cereal loads the session, with the place of every value tracked for messages.
// --------------------------------------------------------------------------------------------------

struct LoadFailure {
    Problem problem;
};

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

    // A whole number in the range.
    std::int64_t integer(const NumberRange& range) {
        return integer(static_cast<std::int64_t>(range.min), static_cast<std::int64_t>(range.max));
    }

    double number(const NumberRange& range) {
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
        if (!std::isfinite(value) || !range.contains(value)) fail("must be " + range.text() + ", found " + written);
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

    cereal::JSONInputArchive& ar_;
    std::vector<std::string> path_;
};

Step read_step(Reader& in) {
    Step s;
    bool has_id = false, has_name = false, has_class = false;
    in.object([&](std::string_view name) {
        if (name == "id") s.id = in.integer(plan_range::step_id), has_id = true;
        else if (name == "name") s.name = in.text(), has_name = true;
        else if (name == "value_class")
            s.value_class = in.enumeration(parse_value_class, spellings_of_value_class, "value class"), has_class = true;
        else if (name == "rating_pct") s.rating_pct = in.number(plan_range::rating_pct);
        else if (name == "allowance_pct") s.allowance_pct = in.number(plan_range::allowance_pct);
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
        else if (name == "confidence_pct") s.confidence_pct = in.number(plan_range::confidence_pct);
        else if (name == "z_convention") s.z_convention = in.enumeration(parse_z_convention, spellings_of_z_convention, "z convention");
        else if (name == "z") s.z = in.number(plan_range::z);
        else if (name == "accuracy_pct") s.accuracy_pct = in.number(plan_range::accuracy_pct);
        else if (name == "accuracy_ms") s.accuracy_ms = in.number(plan_range::accuracy_ms);
        else if (name == "outlier_rule") s.outlier_rule = in.enumeration(parse_outlier_rule, spellings_of_outlier_rule, "outlier rule");
        else if (name == "takt_available_ms") s.takt_available_ms = in.integer(plan_range::takt_available_ms);
        else if (name == "takt_demand_units") s.takt_demand_units = in.number(plan_range::takt_demand_units);
        else if (name == "debounce_ms") s.debounce_ms = in.integer(plan_range::debounce_ms);
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
        if (const EventField* text = fields_of(e.kind).text)
            if (auto p = check_text(e.text, "/events/" + std::to_string(i) + "/" + std::string(text->name))) return p;
        if (auto p = detail::check_event_values(e, i)) return p;
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

void write_plan(cereal::JSONOutputArchive& ar, const Session& s) {
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
}

// The session file without its events: indented by cereal, ending in "\n}".
std::string plan_json(const Session& session) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options(
                                                   rapidjson::Writer<rapidjson::StringBuffer>::kDefaultMaxDecimalPlaces,
                                                   cereal::JSONOutputArchive::Options::IndentChar::space, 2));
        write_plan(archive, session);
    }
    return out.str();
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
    // First pass: the JSON itself, format_version, and the events; second pass (cereal): the plan.
    // A file as Gemba writes it takes a faster first pass: its events are read in their own layout,
    // and the general pass reads only the rest.
    Scan scanned;
    std::optional<CanonicalSplit> canonical = split_canonical(json);
    if (canonical) {
        if (scan(canonical->plan_text, EventsAt::session_list, scanned) || !scanned.events_span ||
            scanned.events_span->first != canonical->list_at) {
            canonical.reset();  // not the session's own events list after all: read it all the general way
            scanned = Scan{};
        } else {
            scanned.events = std::move(canonical->events);
            json = canonical->plan_text;
        }
    }
    if (!canonical)
        if (auto problem = scan(json, EventsAt::session_list, scanned)) return failed(name, std::move(*problem));
    const std::optional<std::int64_t>& version = scanned.format_version;
    if (!version) return failed(name, Problem{"", "missing field 'format_version'; is this a Gemba session file?"});
    if (*version > kFormatVersion)
        return failed(name, Problem{"/format_version", "format version " + std::to_string(*version) +
                                                           " is newer than this Gemba reads (up to " +
                                                           std::to_string(kFormatVersion) + "); open it with a newer Gemba"});
    if (*version < 1)
        return failed(name, Problem{"/format_version", "format version " + std::to_string(*version) + " does not exist"});

    // The second pass reads the text with the events list emptied and written zeros spelled 0.0.
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::string_view>> edits;
    if (scanned.events_span) edits.push_back({*scanned.events_span, "[]"});
    for (const auto& zero : scanned.written_zeros) {
        const bool in_events = scanned.events_span && zero.first >= scanned.events_span->first &&
                               zero.second <= scanned.events_span->second;
        if (!in_events) edits.push_back({zero, json[zero.first] == '-' ? "-0.0" : "0.0"});
    }
    std::sort(edits.begin(), edits.end());
    std::string plan_text;
    std::size_t copied = 0;
    for (const auto& [span, replacement] : edits) {
        plan_text.append(json.substr(copied, span.first - copied)).append(replacement);
        copied = span.second;
    }
    plan_text.append(json.substr(copied));
    Session session;
    try {
        MemoryBuffer buffer(plan_text);
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
                in.list([](std::size_t) {});  // a list: the first pass read its events
            } else {
                in.unknown(name_here);
            }
            in.pop();
        }
        if (scanned.event_problem) return failed(name, std::move(*scanned.event_problem));
        if (!has_title) return failed(name, Problem{"", "missing field 'title'"});
        if (!has_steps) return failed(name, Problem{"", "missing field 'steps'"});
    } catch (const LoadFailure& failure) {
        return failed(name, failure.problem);
    } catch (const cereal::Exception&) {
        // Every read above is guarded; this is a last line so no cereal message ever leaks raw.
        // (Its own text names RapidJSON's internals, which help no one who opens a file.)
        return failed(name, Problem{"", "could not be read as a session; the file may be damaged"});
    }
    session.events = std::move(scanned.events);
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
    // Read into uninitialised memory (a std::string would first be zero-filled: a second pass over
    // a large file); not mapped, so that a file truncated by another program cannot crash the app.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return failed(name, Problem{"", "cannot be opened: " + std::generic_category().message(errno)});
    const auto length = static_cast<std::size_t>(size);
    const std::unique_ptr<char[]> bytes(new char[length > 0 ? length : 1]);
    std::size_t got = 0;
    while (got < length) {
        const ssize_t n = ::read(fd, bytes.get() + got, length - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (got != length) return failed(name, Problem{"", "could not be read to the end"});
    const std::string_view text(bytes.get(), length);
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
    std::string out = plan_json(session);
    // The plan ends with "\n}": the events list goes in before the closing brace, one event a line.
    out.resize(out.size() - 2);
    out.reserve(out.size() + 96 * session.events.size() + 16);  // about 80 bytes an event
    out += ",\n  \"events\": [";
    for (std::size_t i = 0; i < session.events.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        detail::append_event_json(out, session.events[i]);
    }
    out += session.events.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

std::string event_to_json(const Event& event) {
    std::string out = "{\"event\": ";
    detail::append_event_json(out, event);
    out += '}';
    return out;
}

std::optional<Event> parse_event_json(std::string_view json, std::string& problem) {
    try {
        Scan scanned;
        if (auto syntax = scan(json, EventsAt::journal_record, scanned)) {
            problem = (syntax->where.empty() ? "" : syntax->where + ": ") + syntax->what;
            return std::nullopt;
        }
        if (!scanned.journal_shape_ok) {
            problem = "expected {\"event\": { ... }}";
            return std::nullopt;
        }
        if (scanned.event_problem) {
            problem = scanned.event_problem->where + ": " + scanned.event_problem->what;
            return std::nullopt;
        }
        return std::move(scanned.events.front());
    } catch (const std::bad_alloc&) {
        problem = "too large for the memory available";
    }
    return std::nullopt;
}

std::optional<FileProblem> check_session(const Session& session, const std::string& name) {
    if (auto problem = check_values(session)) return FileProblem{name, problem->where, problem->what};
    // The plan through the loader itself (its text is small); the events' values were checked above,
    // and their log is replayed: together, what loading the whole file would check.
    if (LoadResult plan = parse_session(plan_json(session) + "\n", name); !plan.ok()) return plan.problem;
    if (auto problem = check_semantics(session)) return FileProblem{name, problem->where, problem->what};
    return std::nullopt;
}

SaveResult save_session(const std::filesystem::path& path, const Session& session, FileSystem& fs) {
    // Never write what could not be opened again.
    if (auto problem = check_session(session, path.string()))
        return SaveResult{false, "not saved, the session is not valid: " + problem->message()};
    const std::string json = session_to_json(session);
    if (json.size() > kMaxSessionFileBytes)
        return SaveResult{false, "not saved, the session is too large: " + path.string() + ": it would take " +
                                     std::to_string(json.size()) + " bytes, more than the " +
                                     std::to_string(kMaxSessionFileBytes / (1024 * 1024)) +
                                     " MiB a session file can be"};
    const WriteOutcome written = write_file_atomically(path, json, fs);
    return SaveResult{written.ok, written.error};
}

}  // namespace gemba
