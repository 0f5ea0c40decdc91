// The re-walk: a walk of a process before an improvement and a walk of it after, compared (issue 12,
// LEAN.md "Comparing studies"). Per step: the readings' mean before and after, the difference with
// its confidence interval and Welch's t-test; the waste rate per observed hour of each kind; lead
// time, flow efficiency, cycle time and takt gap; and each action's expected effect against what
// moved. Times in milliseconds; every difference is after − before.
//
// Steps of the two walks are matched by step_match_key (core/model/step_name: the name trimmed,
// white space collapsed, ASCII case folded), never by position or id (ids are each walk's own). A
// step that matches nothing, or whose key two steps of a walk share, is listed as unmatched, never
// dropped or guessed.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/stats.hpp"
#include "core/analysis/summary.hpp"
#include "core/analysis/value_stream.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"
#include "core/model/step_name.hpp"

namespace gemba {

// One walk as the comparison reads it. All three must outlive the call.
struct ComparedWalk {
    const Session& session;
    const LogState& state;
    const SessionSummary& summary;  // summarize(session, state)
    // The value stream's figures when the walk maps one (value_stream_for_report in core/report);
    // null otherwise. Its ladder gives the lead time, PCE and the wait before each step.
    const ValueStreamFigures* value_stream = nullptr;
};

enum class CompareSide { before, after };

// A number of each walk; the change is after − before when both are known.
struct BeforeAfter {
    std::optional<double> before;
    std::optional<double> after;
    std::optional<double> change() const {
        if (before && after) return *after - *before;
        return std::nullopt;
    }
};

// The plain word for a step's change at the comparison's confidence.
enum class StepVerdict {
    faster,           // significant (p < 1 − confidence) and the mean went down
    slower,           // significant and the mean went up
    no_clear_change,  // tested, not significant
    not_testable,     // fewer than 2 valid readings on a side, or no spread at all (StepComparison::untested)
};

struct StepSample {
    std::size_t n = 0;  // valid readings
    std::optional<double> mean_ms;
    std::optional<double> sd_ms;  // sample SD; needs n ≥ 2
};

// A step found in both walks.
struct StepComparison {
    std::string key;
    StepId before_step = kNoStep, after_step = kNoStep;
    std::string before_name, after_name;  // as each walk names it
    StepSample before, after;
    std::optional<WelchTest> test;  // after − before, in ms, at the comparison's confidence
    std::string untested;           // why there is no test, in words ("fewer than 2 readings after")
    StepVerdict verdict = StepVerdict::not_testable;
    BeforeAfter wait_ms;  // the wait before the step (the ladder's: queue counts, else timed on the walk)
};

enum class UnmatchedReason {
    missing,      // no step of the other walk has its key
    name_twice,   // its walk has two or more steps with this key (ambiguous)
    other_twice,  // the other walk has two or more steps with its key (ambiguous there)
    no_name,      // the name is empty once trimmed
};

struct UnmatchedStep {
    CompareSide side = CompareSide::before;  // the walk it belongs to
    StepId step = kNoStep;
    std::string name;
    std::string key;
    UnmatchedReason reason = UnmatchedReason::missing;
    std::size_t valid_readings = 0;
};

// Tags of one waste per observed hour (deleted tags left out).
struct WasteRateChange {
    Waste waste = Waste::defects;
    std::size_t before_count = 0, after_count = 0;
    BeforeAfter per_hour;  // empty on a side that observed no time
    // Whether the rates differ more than chance: the exact conditional test of two Poisson rates
    // (rate_difference_p); empty with no tag in either walk.
    std::optional<double> p;
};

// Where a walk's lead time (and its flow efficiency with it) comes from.
enum class LeadTimeSource {
    value_stream,  // the value stream ladder: Σ waits + Σ process times; PCE from the same ladder
    cycles,        // the summary: mean lead time of the closed cycles; its flow efficiency
    none,          // neither is known
};

struct FlowComparison {
    BeforeAfter lead_time_ms;
    LeadTimeSource before_source = LeadTimeSource::none, after_source = LeadTimeSource::none;
    BeforeAfter flow_efficiency;  // a fraction
    BeforeAfter cycle_time_ms;
    BeforeAfter takt_ms;
    BeforeAfter takt_gap_ms;  // cycle time − takt; negative: within takt
};

enum class EffectVerdict {
    met,             // moved in the expected direction (step means: and significantly)
    not_met,         // did not move that way (or, for a step mean, not significantly)
    not_measurable,  // a side lacks the number, or the step has no match (ActionEffect::reason)
};

// One action's expected effect against what the walks show.
struct ActionEffect {
    CompareSide walk = CompareSide::before;  // whose plan holds the action
    Action action;
    std::string metric;  // in words: "Mean time of Fasten", "Motion tags per hour at Fasten", "Lead time"
    BeforeAfter value;   // ms for times, a fraction for flow efficiency, tags per hour for waste rates
    std::optional<bool> moved_as_expected;
    // step_mean: Welch's two-sided p; waste_rate: the exact test of two rates (WasteRateChange::p)
    std::optional<double> p;
    std::optional<bool> significant;  // p < 1 − confidence (step_mean and waste_rate)
    EffectVerdict verdict = EffectVerdict::not_measurable;
    std::string reason;  // not_measurable: why, in words; empty otherwise
};

struct WalkComparison {
    // The confidence of every interval and test: the before walk's setting (its z turned into a
    // level when the settings give z), in percent.
    double confidence_pct = 95.0;
    std::vector<StepComparison> steps;       // the before walk's plan order
    std::vector<UnmatchedStep> unmatched;    // the before walk's first (plan order), then the after's
    std::array<WasteRateChange, kWastes.size()> wastes{};  // DOWNTIME order, all eight
    FlowComparison flow;
    std::vector<ActionEffect> actions;  // the before walk's, then the after walk's, each in plan order
    std::int64_t before_observed_ms = 0, after_observed_ms = 0;
};

WalkComparison compare_walks(const ComparedWalk& before, const ComparedWalk& after);

// Words for people: "faster", "slower", "no clear change", "not testable"; "met", "not met", "not
// measurable"; "value stream ladder", "mean of the closed cycles", "none"; "before", "after";
// "no step of the other walk has this name", ...
std::string_view display_name(StepVerdict);
std::string_view display_name(EffectVerdict);
std::string_view display_name(LeadTimeSource);
std::string_view display_name(CompareSide);
std::string_view display_name(UnmatchedReason);
// Stable spellings for JSON and CSV: "faster", "slower", "no_clear_change", "not_testable"; "met",
// "not_met", "not_measurable"; "value_stream", "cycles", "none"; "before", "after"; "missing",
// "name_twice", "other_twice", "no_name".
std::string_view to_string(StepVerdict);
std::string_view to_string(EffectVerdict);
std::string_view to_string(LeadTimeSource);
std::string_view to_string(CompareSide);
std::string_view to_string(UnmatchedReason);

}  // namespace gemba
