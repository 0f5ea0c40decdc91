// Setting up a work sampling study: a new study's plan, a template moved to today, and the edits of
// the Setup screen (subjects, categories, target, schedule, drawing the rounds) as functions on a
// session, testable without a display.
//
// Every edit is checked as the file loader checks a plan (parse_plan of plan_to_json): a plan an
// edit accepts saves and loads back equal. A refused edit changes nothing and says why in words,
// naming its place as a person reads it ("Tue 1 Dec, break 1"), not as a JSON Pointer.
//
// Once the log holds an observation or a round skip, the rounds drawn are the truth: the schedule
// (its request and its rounds) is no longer edited, and the subjects and categories the log names
// stay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/session.hpp"

namespace gemba {

// ============================================================================================
// Dates and times of day as the Setup shows them
// ============================================================================================

// The machine's date and UTC offset at a wall-clock moment (its time zone, daylight saving time
// included): {"2026-11-29", "+01:00"}.
struct LocalDay {
    std::string date;
    std::string utc_offset;
};
LocalDay local_day(std::int64_t wall_ms_since_epoch);

std::optional<std::string> date_plus_days(std::string_view date, std::int64_t days);  // "2026-11-30", 1 → "2026-12-01"
std::optional<int> weekday_of(std::string_view date);  // 0 = Monday … 6 = Sunday
std::string day_label(std::string_view date);          // "2026-11-30" → "Mon 30 Nov"
std::string time_of_day_text(std::int64_t minutes);    // 450 → "07:30"
std::string utc_offset_text(std::int64_t minutes);     // 60 → "+01:00", -330 → "-05:30"

// ============================================================================================
// New studies
// ============================================================================================

// A new study for `today`: the default categories, one subject ("Subject 1"), a target of ±5
// points on the first category that is not "absent", and a schedule ready to draw (no rounds):
// today 08:00-16:00 with a break 12:00-12:30, gaps 5 / 20 / 40 min, late after 1 min, grace 15
// min, at today's UTC offset, with `seed`.
Plan new_sampling_plan(const LocalDay& today, std::uint64_t seed);

// A template's days are its own dates: started today, its days move by whole weeks to the first
// day on or after today that has the first day's weekday (the same weekdays, windows and breaks,
// the same spacing), its offset becomes today's and its rounds are drawn again with `seed`. Says
// what it did ("5 days moved to Mon 30 Nov – Fri 4 Dec …"); none for a plan with no schedule.
std::optional<std::string> move_template_to(Plan& plan, const LocalDay& today, std::uint64_t seed);

// ============================================================================================
// What the log names
// ============================================================================================

struct RoundEvents {
    std::int64_t observations = 0;
    std::int64_t skips = 0;
};
// Observations and round skips in the log (undone ones too: the log still names their rounds).
RoundEvents round_events(const std::vector<Event>& log);
std::int64_t observations_of_subject(const std::vector<Event>& log, SubjectId subject);
std::int64_t observations_of_category(const std::vector<Event>& log, CategoryId category);
// Why the schedule can no longer change ("12 observations and 1 skipped round in the log: …"); none while
// no round was taken or skipped.
std::optional<std::string> schedule_locked(const std::vector<Event>& log);

// ============================================================================================
// Edits: each returns why it was refused (and changed nothing), or none when it was made
// ============================================================================================

using Refusal = std::optional<std::string>;

// The one way a study changes: `changed` replaces plan.sampling when the plan then loads as a
// file would, the schedule did not change once rounds are taken, and every subject and category
// the log names is still there. A changed request (seed, offset, days, gaps) drops rounds drawn
// for the old one: they are drawn again with draw_rounds.
Refusal change_study(Plan& plan, const std::vector<Event>& log, SamplingStudy changed);

// Subjects. A new one is "Subject N" with the next free id.
Refusal add_subject(Plan& plan, const std::vector<Event>& log);
Refusal rename_subject(Plan& plan, const std::vector<Event>& log, std::size_t index, std::string name);
Refusal remove_subject(Plan& plan, const std::vector<Event>& log, std::size_t index);
// Swaps item `index` with the one before it (up) or after it.
Refusal move_subject(Plan& plan, const std::vector<Event>& log, std::size_t index, bool up);

// Categories. Keys are one of 0-9 or A-Z (a lower-case letter is taken as its capital), or empty.
Refusal add_category(Plan& plan, const std::vector<Event>& log);
Refusal set_category_key(Plan& plan, const std::vector<Event>& log, std::size_t index, std::string key);
Refusal remove_category(Plan& plan, const std::vector<Event>& log, std::size_t index);
Refusal move_category(Plan& plan, const std::vector<Event>& log, std::size_t index, bool up);
// The default categories again (default_sampling_categories), the target on the first category
// that is not absent when its own is gone. Refused once observations are recorded.
Refusal reset_categories(Plan& plan, const std::vector<Event>& log);

// Appends the weekday (Monday to Friday) after the last day with the last day's window and breaks;
// with no day yet, `today`.
Refusal add_next_working_day(Plan& plan, const std::vector<Event>& log, const std::string& today);

// Draws the schedule's rounds from its request (draw_schedule): refused with the problem in words
// when the request has one, or when rounds are taken.
Refusal draw_rounds(Plan& plan, const std::vector<Event>& log);

// ============================================================================================
// What the rounds give
// ============================================================================================

struct DayRounds {
    std::string date;
    std::vector<std::int64_t> minutes;  // each round's time of day, in minutes since 00:00
};
// The schedule's rounds per date, in order.
std::vector<DayRounds> rounds_by_day(const SamplingSchedule& schedule);
// "Mon 30 Nov: 08:12 08:31 … (22 rounds)".
std::string day_rounds_text(const DayRounds& day);

// The rounds against the target: "46 rounds × 3 subjects = 138 observations; the target needs 384
// at p = 0.5: widen the days or shorten the mean gap" (or "…: enough"). None without a target.
std::optional<std::string> rounds_against_target(const Plan& plan);

}  // namespace gemba
