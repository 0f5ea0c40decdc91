// The session: one gemba walk, its plan (steps, study settings) and its append-only event log.
//
// Everything recorded during and after a walk is an Event. The log is never rewritten: undo and
// redo are events too, and an undone event stays in the log, marked by the undo that targets it.
// What the log means (readings, tags, notes) is derived by replaying it (see log_state.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gemba {

using StepId = std::int64_t;   // > 0; 0 means "no step"
using EventId = std::int64_t;  // > 0, strictly increasing in the log; 0 means "none"
inline constexpr StepId kNoStep = 0;
inline constexpr EventId kNoEvent = 0;
// Upper bound of any time in a session: about 317 years. Keeps every sum and difference of times
// far from overflow, whatever a file says.
inline constexpr std::int64_t kMaxTimeMs = 10'000'000'000'000;
// The largest cycle number a reading can carry, in memory and in files alike.
inline constexpr std::int64_t kMaxCycle = 1'000'000'000;

// ---------------------------------------------------------------------------------------------
// Enumerations. Each has a stable snake_case spelling used in files, CSV and JSON output.
// ---------------------------------------------------------------------------------------------

enum class ValueClass { value_added, necessary_non_value_added, non_value_added };
inline constexpr std::array kValueClasses = {ValueClass::value_added,
                                             ValueClass::necessary_non_value_added,
                                             ValueClass::non_value_added};

// The eight wastes in DOWNTIME order; the order is part of the product (keys 1-8, tallies).
enum class Waste {
    defects,
    overproduction,
    waiting,
    non_utilized_talent,
    transportation,
    inventory,
    motion,
    extra_processing,
};
inline constexpr std::array kWastes = {
    Waste::defects,   Waste::overproduction, Waste::waiting, Waste::non_utilized_talent,
    Waste::transportation, Waste::inventory, Waste::motion,  Waste::extra_processing,
};

// How allowances turn normal time into standard time (LEAN.md: textbooks use both).
enum class AllowanceConvention {
    on_job_time,  // ST = NT × (1 + A)
    on_workday,   // ST = NT ÷ (1 − A), A < 100 %
};

// How a confidence level becomes the z of the required-cycles formula.
enum class ZConvention {
    table,  // the rounded values of textbook tables: 90 % → 1.645, 95 % → 1.96, 99 % → 2.58 ...
    exact,  // the exact two-sided normal quantile: 95 % → 1.959964
};

// Which readings are flagged as possible outliers (flagged only; the observer decides).
enum class OutlierRule {
    iqr_1_5,     // below Q1 − 1.5·IQR or above Q3 + 1.5·IQR (Tukey's fences)
    mean_3_sd,   // farther than 3 sample standard deviations from the mean
};

enum class TimingMode {
    lap,          // one control: each tap ends the running step and starts the next
    independent,  // one toggle per step; any number may run at once
};

enum class EventKind {
    // During the walk
    step_start,   // step
    step_end,     // step
    lap,          // ended_step, step, new_cycle: ends the running step and starts the next
    cycle,        // a new cycle begins (independent timers; lap mode marks it on the lap)
    waste_tag,    // waste, [step], [text]: an instant waste
    waste_start,  // waste, [step], [text]: a timed waste begins
    waste_end,    // target = the waste_start
    note,         // text, [target]: a note on an event, or on the session when target is 0
    pause,
    resume,
    // Edits, during or after the walk
    exclude,         // target reading, text = reason
    include,         // target reading
    set_start,       // target reading, start_ms
    set_end,         // target reading, end_ms
    split,           // target reading, at_ms: the second part becomes a reading with this event's id
    insert_reading,  // step, cycle, start_ms, end_ms: a manual reading with this event's id
    remove,          // target reading, tag or note: soft delete
    restore,         // target reading, tag or note
    retag,           // target tag, waste, [step]
    edit_note,       // target note or tag, text
    // Undo and redo of any of the above
    undo,  // target
    redo,  // target
};

std::string_view to_string(ValueClass);
std::string_view to_string(Waste);
std::string_view to_string(AllowanceConvention);
std::string_view to_string(ZConvention);
std::string_view to_string(OutlierRule);
std::string_view to_string(TimingMode);
std::string_view to_string(EventKind);

// A person's name for a waste: "Non-utilized talent".
std::string_view display_name(Waste);
// A person's name for a value class: "Value-added".
std::string_view display_name(ValueClass);

// Parse the snake_case spelling; std::nullopt when unknown.
std::optional<ValueClass> parse_value_class(std::string_view);
std::optional<Waste> parse_waste(std::string_view);
std::optional<AllowanceConvention> parse_allowance_convention(std::string_view);
std::optional<ZConvention> parse_z_convention(std::string_view);
std::optional<OutlierRule> parse_outlier_rule(std::string_view);
std::optional<TimingMode> parse_timing_mode(std::string_view);
std::optional<EventKind> parse_event_kind(std::string_view);

// Every spelling of an enum, comma-separated, for error messages.
std::string spellings_of_value_class();
std::string spellings_of_waste();
std::string spellings_of_allowance_convention();
std::string spellings_of_z_convention();
std::string spellings_of_outlier_rule();
std::string spellings_of_timing_mode();
std::string spellings_of_event_kind();

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

struct Step {
    StepId id = kNoStep;
    std::string name;
    ValueClass value_class = ValueClass::value_added;
    double rating_pct = 100.0;    // performance rating R, 100 = normal pace
    double allowance_pct = 0.0;   // allowance A for personal, fatigue and delay time
};

struct StudySettings {
    TimingMode timing_mode = TimingMode::lap;
    AllowanceConvention allowance_convention = AllowanceConvention::on_job_time;
    // Confidence for the required number of cycles: a level, or z given directly (z wins).
    double confidence_pct = 95.0;
    ZConvention z_convention = ZConvention::table;
    std::optional<double> z;
    double accuracy_pct = 5.0;  // ± a, as a share of the mean
    // ± e in milliseconds: when set, required cycles use n = ⌈(z·s / e)²⌉ instead of accuracy_pct.
    std::optional<double> accuracy_ms;
    OutlierRule outlier_rule = OutlierRule::iqr_1_5;
    // Takt inputs: available working time in a period (breaks excluded) and demand in it.
    std::optional<std::int64_t> takt_available_ms;
    std::optional<double> takt_demand_units;
    // A second tap on the same control within this window is ignored.
    std::int64_t debounce_ms = 150;
};

// ---------------------------------------------------------------------------------------------
// The log
// ---------------------------------------------------------------------------------------------

// One entry of the log. Which fields carry meaning depends on the kind (see EventKind); the rest
// keep their defaults and are not written to files.
struct Event {
    EventId id = kNoEvent;
    std::int64_t t_ms = 0;  // session clock when recorded: monotonic, pauses included
    EventKind kind = EventKind::note;

    StepId step = kNoStep;
    StepId ended_step = kNoStep;
    bool new_cycle = false;
    Waste waste = Waste::defects;
    EventId target = kNoEvent;
    std::string text;
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
    std::int64_t at_ms = 0;
    std::int64_t cycle = 0;

    bool operator==(const Event&) const = default;
};

// What a walk sets out to observe: the header, the study settings and the steps. A plan edit
// changes only this part, so it can be journaled without the log.
struct Plan {
    std::string title;
    std::string process;
    std::string area;
    std::string observer;
    std::string notes;
    std::string started_at;  // wall clock at t_ms = 0, UTC, ISO 8601 ("2026-11-27T08:30:00Z")
    StudySettings settings;
    std::vector<Step> steps;

    const Step* find_step(StepId id) const;
    StepId next_step_id() const;
};

// One walk: its plan and its append-only event log.
struct Session : Plan {
    std::vector<Event> events;

    Plan& plan() { return *this; }
    const Plan& plan() const { return *this; }
    EventId next_event_id() const;
};

// The current UTC wall-clock time as ISO 8601 with seconds ("2026-11-27T08:30:00Z").
std::string utc_now_iso8601();
// True for "YYYY-MM-DDTHH:MM:SS[.fff]Z" or with a "+HH:MM"/"-HH:MM" offset, with valid ranges.
bool is_iso8601_datetime(std::string_view);

}  // namespace gemba
