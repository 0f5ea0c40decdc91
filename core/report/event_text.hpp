// Events in words, for the recent-events strip and the review lists: "Lap: Fasten → Inspect"; and
// what a reading or tag of the log counts as, in the words of the CSV's status column and the Review
// screen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// No internal event number appears: what an event acts on is named by its step, cycle and (with
// the log's state) its time on the walk clock: "Exclude Fasten, cycle 3 at 02:04.9: phone call",
// "Undo: Lap: Pick → Fasten". Without the state, cycles and times are left out.
std::string describe_event(const Session& session, const Event& event);
std::string describe_event(const Session& session, const LogState& state, const Event& event);
// A queue count in words, as describe_event gives its event: "Count “Inbox”: 12".
std::string queue_count_text(const Plan& plan, QueueId queue, std::int64_t count);
// "Round 3: Nurse A — Motion": an observation of a work sampling study.
std::string observation_text(const Plan& plan, std::int64_t round, SubjectId subject, CategoryId category);

// A walk-clock time to the tenth, as the walk screen's clock shows it: "02:04.9", "1:02:05.3".
std::string walk_time_text(std::int64_t walk_ms);
// A walk-clock time to the millisecond, for a field to edit: "02:04.913", "1:02:04.913".
std::string walk_time_field_text(std::int64_t walk_ms);
// A walk-clock time typed by a person, in milliseconds: seconds ("124.9"), minutes and seconds
// ("2:04.9", as the clock shows it) or hours, minutes and seconds ("1:02:04"); up to three decimals.
// Empty when it is not such a time (minutes and seconds after a colon must be below 60).
std::optional<std::int64_t> parse_walk_time(std::string_view text);
// What a note or an edit is on, named for a person: a reading ("Fasten, cycle 3 at 02:04.9"), a
// tag ("Motion (Pick) at 01:05.0"), a note, or else the event with that id in words.
std::string item_text(const Session& session, const LogState& state, EventId id);
// A reading named for a person: "Fasten, cycle 3 at 02:04.9" (its start on the walk clock).
std::string reading_text(const Session& session, const LogState& state, const Reading& reading);

// Deleted wins over running, running over excluded. A tag is never excluded.
enum class LogStatus { valid, excluded, deleted, running };
LogStatus reading_status(const Reading& reading);
LogStatus tag_status(const WasteTag& tag);
// "valid", "excluded", "deleted", "running".
std::string_view to_string(LogStatus status);

}  // namespace gemba
