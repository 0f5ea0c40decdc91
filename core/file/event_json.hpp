// Events as JSON, for the session file and the journal. A session holds up to millions of events,
// so they are written and read without cereal: written one object per line straight into a string,
// read from RapidJSON's SAX callbacks straight into Event values, with the same messages the rest of
// the file gets (a JSON Pointer and the problem in words). Which fields an event has, their names
// and ranges come from core/model/event_fields.hpp. Internal to core: session_file.hpp and
// journal.hpp are the interfaces.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file/problem_text.hpp"
#include "core/model/event_fields.hpp"
#include "core/model/session.hpp"

namespace gemba::detail {

// The values of the event's written fields against the ranges a file allows; the problem names
// the field as /events/<index>/<field>.
std::optional<Problem> check_event_values(const Event& event, std::size_t index);

// --- Writing ----------------------------------------------------------------------------------------

// Appends the event as one JSON object on one line, fields in the order of kEventFields, optional
// fields only when they say something: {"id": 3, "t_ms": 5200, "kind": "lap", "ended_step": 1, "step": 2}
void append_event_json(std::string& out, const Event& event);

// --- Reading ----------------------------------------------------------------------------------------

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
    std::string pointer() const;
    // A problem with the value of the current member.
    void fail_member(std::string what);
    // A problem with the member called `name` (which may be empty: "" is a key like any other).
    void fail_field(std::string_view name, std::string what);
    // A scalar value: the event itself (depth 0: not an object) or the current member's value.
    template <class Found>
    void scalar(Found&& found_text);
    // The current member's field when it is of this type and its value may be taken.
    const EventField* current_of_type(EventFieldType type) const;
    void finish_object();

    const char* prefix_ = "";
    std::optional<std::size_t> index_;
    Event event_;
    std::optional<Problem> problem_;
    unsigned depth_ = 0;
    bool finished_ = false;
    const EventField* current_ = nullptr;  // the member whose value comes next
    EventFieldSet seen_ = 0;               // which fields appeared
};

}  // namespace gemba::detail
