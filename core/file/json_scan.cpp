// cereal's JSON header must come before any RapidJSON header: it makes RapidJSON's assertions throw.
#include <cereal/archives/json.hpp>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "core/file/json_scan.hpp"

#include <cstring>

#include "core/file/event_json.hpp"
#include "core/file/utf8.hpp"

namespace gemba::detail {
namespace {

constexpr unsigned kMaxDepth = 32;  // the format nests 3 levels; anything deeper is not a session

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
        return scalar([d] { return double_text(d); }, [&] { events_.real(d); });
    }
    bool String(const char* text, rapidjson::SizeType length, bool) {
        // RapidJSON keeps "\u0000", but cereal hands strings on as C strings: the text would be cut.
        if (escapes_nul_ && std::memchr(text, '\0', length)) return nul_in_text = true, false;
        const std::string_view value(text, length);
        return scalar([value] { return "the text " + quote_text(value); }, [&] { events_.text(value); });
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
        awaiting_steps_ = key == "steps" && !steps_key_seen_;
        steps_key_seen_ = steps_key_seen_ || key == "steps";
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
        if (in_steps_ && depth_ == steps_depth_) step_begin_ = stream_.Tell() - 1;
        if (!start("an object")) return false;
        if (in_event_) events_.start_object();
        return true;
    }
    bool StartArray() {
        if (in_steps_ && depth_ == steps_depth_) steps_batchable_ = false;  // a list where a step should be
        const bool steps_list = awaiting_steps_;
        if (!start("a list")) return false;
        if (steps_list) {
            in_steps_ = true;
            steps_depth_ = depth_;
            steps_begin_ = stream_.Tell() - 1;
        }
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
        if (in_steps_ && depth_ == steps_depth_) scan_.step_spans.emplace_back(step_begin_, stream_.Tell());
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
        if (in_steps_ && depth_ == steps_depth_) {
            in_steps_ = false;
            if (steps_batchable_) scan_.steps_span = std::pair{steps_begin_, stream_.Tell()};
            else scan_.step_spans.clear();
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
        if (in_steps_ && depth_ == steps_depth_) steps_batchable_ = false;  // not an object: read whole, as before
        awaiting_steps_ = false;
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
        awaiting_steps_ = false;
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
    EventReader events_;
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
    // The root's first "steps" list, while it is read.
    bool steps_key_seen_ = false;
    bool awaiting_steps_ = false;
    bool in_steps_ = false;
    bool steps_batchable_ = true;
    unsigned steps_depth_ = 0;
    std::size_t steps_begin_ = 0;
    std::size_t step_begin_ = 0;
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

}  // namespace

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

std::optional<CanonicalSplit> split_canonical(std::string_view json) {
    constexpr std::string_view open = "\n  \"events\": [\n    ", close = "\n  ]\n}";
    const std::size_t at = json.find(open);
    const std::size_t end = json.rfind(close);
    if (at == std::string_view::npos || end == std::string_view::npos || end < at + open.size()) return std::nullopt;
    if (json.find_first_not_of(" \t\r\n", end + close.size()) != std::string_view::npos) return std::nullopt;
    auto events = read_canonical_events(json.substr(at + open.size(), end - at - open.size()));
    if (!events) return std::nullopt;
    CanonicalSplit split;
    const std::string_view kept = "\n  \"events\": [";
    split.plan_text.reserve(at + 32);
    split.plan_text.append(json.substr(0, at)).append(kept).append("]\n}\n");
    split.list_at = at + kept.size() - 1;
    split.events = std::move(*events);
    return split;
}

}  // namespace gemba::detail
