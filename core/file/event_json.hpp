// Events as JSON, for the session file and the journal. A session holds up to millions of events,
// so they are written and read without cereal: written one object per line straight into a string,
// read from RapidJSON's SAX callbacks straight into Event values, with the same messages the rest of
// the file gets (a JSON Pointer and the problem in words). Internal to core: session_file.hpp and
// journal.hpp are the interfaces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/session.hpp"

namespace gemba::detail {

// The largest id a step or event can have in a file.
inline constexpr std::int64_t kMaxId = 1'000'000'000'000'000;

// A place in a file and what is wrong there.
struct Problem {
    std::string where;  // a JSON Pointer ("/events/12/t_ms"), "line 3, column 14", or "" for the file
    std::string what;
};

// --- Texts for messages ---------------------------------------------------------------------------

// A number as a person would write it in a file: 1.5, 1e+30, 100.0 (a whole double keeps its ".0").
std::string double_text(double value);
// A text from the file as it can appear in a one-line message: control characters escaped as in
// JSON, cut short after max_characters.
std::string printable(std::string_view text, std::size_t max_characters = 40);
// printable, in double quotes.
std::string quote_text(std::string_view text);
// One segment of a JSON Pointer, with '~' and '/' escaped (RFC 6901).
std::string escape_pointer_segment(std::string_view segment);
// "must not be negative, found -5", "must be at least 1, found 0", "must be at most 5000, found 5001"
std::string range_text(std::int64_t min, std::int64_t max, const std::string& found, bool below);

// --- The fields of each event kind ------------------------------------------------------------

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

struct KindFields {
    unsigned required;
    unsigned optional;
};

// Which fields an event of the kind has, besides id, t_ms and kind.
KindFields fields_of(EventKind kind);
// Whether the field is written for this event: a field of its kind, and when optional, one that
// says something (a step, a target, a text that is not empty, new_cycle true).
bool is_written(const Event& event, Field field);
bool is_written(const Event& event, KindFields fields_of_its_kind, Field field);
// The values of the event's written fields against the ranges a file allows; the problem names
// the field as /events/<index>/<field>.
std::optional<Problem> check_event_values(const Event& event, std::size_t index);

// --- Writing ----------------------------------------------------------------------------------------

// Appends the event as one JSON object on one line, fields in a fixed order, optional fields only
// when they say something: {"id": 3, "t_ms": 5200, "kind": "lap", "ended_step": 1, "step": 2}
void append_event_json(std::string& out, const Event& event);
// Appends text as a JSON string, quotes included. The text must be valid UTF-8 without NUL.
void append_json_string(std::string& out, std::string_view text);

// --- Reading ----------------------------------------------------------------------------------------

// True for well-formed UTF-8 (no overlong forms, surrogates or code points beyond U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The events of a list body laid out exactly as append_event_json and session_to_json write it
// (objects joined by ",\n    "), read without a general JSON parser, several times faster. Empty at
// the first thing that is laid out otherwise or is not a valid event (an escape \u, a field twice,
// a value out of range, ...): the caller then reads the text the general way, which accepts any
// layout and names any problem. What this accepts, the general way reads to the same events.
std::optional<std::vector<Event>> read_canonical_events(std::string_view body);

// Builds one event from the SAX callbacks of its JSON value (the value itself and everything inside
// it). After the first problem it only follows the nesting, so the caller can read on.
class EventReader {
public:
    // The members an event can have.
    enum class Key : unsigned char {
        none, id, t_ms, kind, step, ended_step, new_cycle, waste, target, text, note, reason,
        start_ms, end_ms, at_ms, cycle, unknown,
    };

    // The next callback starts the event's value; `prefix` and `index` name it in messages:
    // ("/events/", 12) is "/events/12", ("/event", nullopt) is "/event".
    void begin(const char* prefix, std::optional<std::size_t> index);

    void null();
    void boolean(bool value);
    void integer(std::int64_t value);
    void big_integer(std::uint64_t value);  // above the largest int64
    void real(double value);
    void text(std::string_view value);
    void key(std::string_view name);
    void start_object();
    void end_object();
    void start_array();
    void end_array();

    // The value has ended (with or without a problem).
    bool finished() const { return finished_; }
    const std::optional<Problem>& problem() const { return problem_; }
    // The event read; meaningful once finished without a problem.
    Event& event() { return event_; }

private:
    static Key key_of(std::string_view name);
    static std::string_view name_of(Key key);
    std::string pointer() const;
    // A problem with the value of the current member (or of the member `name`).
    void fail_member(std::string what, std::string_view name = {});
    // A scalar value: the event itself (depth 0: not an object) or the current member's value.
    template <class Found>
    void scalar(Found&& found_text);
    void finish_object();

    const char* prefix_ = "";
    std::optional<std::size_t> index_;
    Event event_;
    std::optional<Problem> problem_;
    unsigned depth_ = 0;
    bool finished_ = false;
    Key current_ = Key::none;  // the member whose value comes next
    std::uint32_t seen_ = 0;    // bit per Key: which members appeared
};

}  // namespace gemba::detail
