// The first pass over a session file or a journal record: RapidJSON's SAX reader finds broken JSON
// with its line and column, invalid UTF-8 and absurd nesting, picks out format_version, and reads
// the events (core/file/event_json.hpp) before cereal reads the plan (core/file/plan_json.hpp).
// A file laid out as Gemba writes it has its events read faster, in their own layout. Internal to
// core/file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/file/problem_text.hpp"
#include "core/model/session.hpp"

namespace gemba::detail {

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
    // The bytes of the root's first "steps" list [first, second) and of each of its elements, when
    // every element is an object: the second pass reads the steps a batch at a time, so that
    // cereal's document of a plan of a million steps stays small.
    std::optional<std::pair<std::size_t, std::size_t>> steps_span;
    std::vector<std::pair<std::size_t, std::size_t>> step_spans;
};

// Scans the text; a problem of the JSON itself (broken, not an object, format_version twice or not
// a whole number) is returned, a problem of an event is kept in out.event_problem.
std::optional<Problem> scan(std::string_view json, EventsAt events_at, Scan& out);

// A file laid out as session_to_json writes it: the text with its events list emptied, and the
// events read from the list in that layout.
struct CanonicalSplit {
    std::string plan_text;
    std::size_t list_at = 0;  // where the emptied list's '[' is in plan_text
    std::vector<Event> events;
};
// Empty when the text is not laid out that way (or an event in it is not valid).
std::optional<CanonicalSplit> split_canonical(std::string_view json);

}  // namespace gemba::detail
