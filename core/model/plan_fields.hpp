// The ranges of the plan's numbers (the steps' and the study settings'), described once: the
// session file's loader refuses values outside them, the Setup screen does not take them, and a
// test compares them with data/schema/session.schema.json.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/model/event_fields.hpp"

namespace gemba {

struct NumberRange {
    // Where the field is in a file: "settings", "step", "queue", "allowances", in "improvement" (its
    // own member, "problem", "evidence", "idea", "action", "expected"), or in "sampling" (its own
    // member, "subject", "category", "target", "schedule").
    std::string_view object;
    std::string_view name;    // its name there
    double min = 0, max = 0;
    bool min_inclusive = true, max_inclusive = true;
    bool whole = false;  // a whole number in files

    constexpr bool contains(double value) const {
        // NaN fails both comparisons.
        return (min_inclusive ? value >= min : value > min) && (max_inclusive ? value <= max : value < max);
    }
    // "above 0 and at most 300", "at least 0 and below 100"
    std::string text() const;
};

namespace plan_range {
inline constexpr NumberRange step_id{"step", "id", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange rating_pct{"step", "rating_pct", 0, 300, false, true};
inline constexpr NumberRange allowance_pct{"step", "allowance_pct", 0, 100, true, false};
inline constexpr NumberRange confidence_pct{"settings", "confidence_pct", 0, 100, false, false};
inline constexpr NumberRange z{"settings", "z", 0, 10, false, true};
inline constexpr NumberRange accuracy_pct{"settings", "accuracy_pct", 0, 100, false, true};
inline constexpr NumberRange accuracy_ms{"settings", "accuracy_ms", 0, 1e9, false, true};
inline constexpr NumberRange takt_available_ms{"settings", "takt_available_ms", 0, static_cast<double>(kMaxTimeMs),
                                               true, true, true};
inline constexpr NumberRange takt_demand_units{"settings", "takt_demand_units", 0, 1e12};
inline constexpr NumberRange debounce_ms{"settings", "debounce_ms", 0, 5000, true, true, true};
// A value stream map's process data (format version 2 on).
inline constexpr NumberRange changeover_ms{"step", "changeover_ms", 0, static_cast<double>(kMaxTimeMs), true, true, true};
inline constexpr NumberRange uptime_pct{"step", "uptime_pct", 0, 100, false, true};
inline constexpr NumberRange people{"step", "people", 1, 1'000'000, true, true, true};
inline constexpr NumberRange shifts{"step", "shifts", 1, 24, true, true, true};
inline constexpr NumberRange batch_size{"step", "batch_size", 1, static_cast<double>(kMaxQueueCount), true, true, true};
// A step's allowance items (format version 3 on): the weight lifted, a row of the ILO table (5, 10,
// … 70 lb), and the heat and humidity allowance in whole percent.
inline constexpr NumberRange lifting_lb{"allowances", "lifting_lb", 5, 70, true, true, true};
inline constexpr NumberRange atmosphere_pct{"allowances", "atmosphere_pct", 0, 10, true, true, true};
inline constexpr NumberRange queue_id{"queue", "id", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange queue_before_step{"queue", "before_step", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange wip_limit{"queue", "wip_limit", 1, static_cast<double>(kMaxQueueCount), true, true, true};
// What the walk led to (format version 4 on): ids, the links between them and to the walk, and the
// board's WIP limit on doing.
inline constexpr NumberRange doing_limit{"improvement", "doing_limit", 1, 1000, true, true, true};
inline constexpr NumberRange problem_id{"problem", "id", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange idea_id{"idea", "id", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange action_id{"action", "id", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange action_problem{"action", "problem", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange action_idea{"action", "idea", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange evidence_event{"evidence", "event", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange evidence_step{"evidence", "step", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange expected_step{"expected", "step", 1, static_cast<double>(kMaxId), true, true, true};
// A work sampling study (format version 5 on): its own member, "subject", "category", "target" and
// "schedule" (whose rounds are times from 0 to kMaxTimeMs).
inline constexpr NumberRange units_produced{"sampling", "units_produced", 0, 1e12, false, true};
inline constexpr NumberRange sampling_rating_pct{"sampling", "rating_pct", 0, 300, false, true};
inline constexpr NumberRange sampling_allowance_pct{"sampling", "allowance_pct", 0, 100, true, false};
inline constexpr NumberRange subject_id{"subject", "id", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange category_id{"category", "id", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange target_category{"target", "category", 1, static_cast<double>(kMaxId), true, true, true};
inline constexpr NumberRange target_accuracy_pct{"target", "accuracy_pct", 0, 100, false, true};
inline constexpr NumberRange min_gap_ms{"schedule", "min_gap_ms", 1, static_cast<double>(kMaxTimeMs), true, true, true};
inline constexpr NumberRange max_gap_ms{"schedule", "max_gap_ms", 1, static_cast<double>(kMaxTimeMs), true, true, true};
inline constexpr NumberRange mean_gap_ms{"schedule", "mean_gap_ms", 1, static_cast<double>(kMaxTimeMs), true, true, true};
inline constexpr NumberRange late_after_ms{"schedule", "late_after_ms", 0, static_cast<double>(kMaxTimeMs), true, true, true};
inline constexpr NumberRange grace_ms{"schedule", "grace_ms", 0, static_cast<double>(kMaxTimeMs), true, true, true};
}  // namespace plan_range

// Every range above, for tests that compare them with the schema.
inline constexpr std::array kPlanRanges = {
    &plan_range::step_id,        &plan_range::rating_pct,        &plan_range::allowance_pct,
    &plan_range::confidence_pct, &plan_range::z,                 &plan_range::accuracy_pct,
    &plan_range::accuracy_ms,    &plan_range::takt_available_ms, &plan_range::takt_demand_units,
    &plan_range::debounce_ms,    &plan_range::changeover_ms,     &plan_range::uptime_pct,
    &plan_range::people,         &plan_range::shifts,            &plan_range::batch_size,
    &plan_range::queue_id,       &plan_range::queue_before_step, &plan_range::wip_limit,
    &plan_range::lifting_lb,     &plan_range::atmosphere_pct,    &plan_range::doing_limit,
    &plan_range::problem_id,     &plan_range::idea_id,           &plan_range::action_id,
    &plan_range::action_problem, &plan_range::action_idea,       &plan_range::evidence_event,
    &plan_range::evidence_step,  &plan_range::expected_step,     &plan_range::units_produced,
    &plan_range::sampling_rating_pct, &plan_range::sampling_allowance_pct, &plan_range::subject_id,
    &plan_range::category_id,    &plan_range::target_category,   &plan_range::target_accuracy_pct,
    &plan_range::min_gap_ms,     &plan_range::max_gap_ms,        &plan_range::mean_gap_ms,
    &plan_range::late_after_ms,  &plan_range::grace_ms,
};

}  // namespace gemba
