// The lean numbers of a session. Formulas follow shared LEAN.md; every time is in milliseconds with
// paused time left out. Only valid readings (complete, not excluded, not deleted) feed statistics.
// summarize() composes the analyses of time_study, flow, line_balance and waste (one file each);
// a step's valid readings, to pool sessions, come from valid_readings() in time_study.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/log/log_state.hpp"
#include "core/model/session.hpp"
#include "core/analysis/stats.hpp"

namespace gemba {

struct StepSummary {
    StepId step = kNoStep;
    std::string name;
    ValueClass value_class = ValueClass::value_added;
    double rating_pct = 100.0;
    double allowance_pct = 0.0;

    std::vector<EventId> valid_readings;     // in start order
    std::vector<EventId> excluded_readings;  // complete, excluded, not deleted
    std::size_t deleted_readings = 0;
    std::size_t running_readings = 0;

    Descriptive stats;                  // of the valid readings' durations
    std::vector<EventId> outliers;      // valid readings flagged by the session's outlier rule

    // How often the step happens per unit: its complete, non-deleted readings (excluded ones too:
    // the step did happen) whose cycle is closed ÷ the closed cycles; 1 while no cycle is closed.
    // A step done in 4 of 11 cycles has 4/11; a step read twice per cycle (a split reading) has 2.
    double frequency = 1.0;

    // Observed time OT = mean of valid readings. Normal time NT = OT × R/100.
    // Standard time ST = NT × (1 + A/100) on job time, NT ÷ (1 − A/100) on the workday.
    // All three are per occurrence; the session's work content weighs them by frequency.
    std::optional<double> observed_ms;
    std::optional<double> normal_ms;
    std::optional<double> standard_ms;
    // Required number of readings for the session's confidence z and accuracy; needs 2+ valid
    // readings. Relative accuracy ±a (accuracy_pct): n = ⌈(z·s / (a·x̄))²⌉; absolute accuracy ±e
    // (accuracy_ms, when set, wins): n = ⌈(z·s / e)²⌉. The settings' required_cycles_method may put
    // the population SD for s, or Student's t for z (cycles_formula in time_study.hpp).
    std::optional<std::int64_t> required_cycles;
    std::optional<std::int64_t> more_cycles;  // max(0, required − valid n)
    // The Student's t the required cycles used (RequiredCyclesMethod::student_t), else empty.
    std::optional<double> cycles_t;
};

struct WasteCount {
    Waste waste = Waste::defects;
    std::size_t count = 0;          // instant and timed tags, deleted ones left out
    std::size_t timed_count = 0;
    std::int64_t timed_ms = 0;      // total duration of timed tags; running ones count until now
    std::optional<double> per_hour; // count ÷ observed hours; empty when nothing was observed
    double share = 0.0;             // of all tags
    double cumulative_share = 0.0;  // in Pareto order
};

struct StepWasteCount {
    StepId step = kNoStep;  // kNoStep: tags made while no step ran
    std::string name;
    std::size_t count = 0;
    std::int64_t timed_ms = 0;
    double share = 0.0;
    double cumulative_share = 0.0;
};

struct SessionSummary {
    std::vector<StepSummary> steps;  // plan order

    // Time observed: from the start to the last walk tap that still counts (an undone tap does not;
    // notes and edits are no taps), or now while the walk runs.
    std::int64_t elapsed_ms = 0;
    std::int64_t paused_ms = 0;
    std::int64_t observed_ms = 0;  // elapsed − paused
    bool running = false;          // a step, timed waste or pause is still open

    double z = 0.0;  // used for required cycles
    std::optional<std::int64_t> required_cycles;  // the largest over the steps
    std::optional<std::int64_t> more_cycles;      // the largest over the steps

    // Work content: the labour one unit takes = Σ over the steps with valid readings of
    // OT × frequency. The value-class times are its parts (Σ OT × frequency of the steps of each
    // class) and their shares are of it; all of them are empty when no step has a valid reading
    // (unknown, not zero). Standard time = Σ ST × frequency.
    std::optional<double> work_content_ms;
    std::optional<double> value_added_ms;
    std::optional<double> necessary_ms;
    std::optional<double> non_value_added_ms;
    std::optional<double> value_added_share;  // of the work content
    std::optional<double> necessary_share;
    std::optional<double> non_value_added_share;
    std::optional<double> standard_time_ms;

    // Per closed cycle: lead time = first start to last end; waiting = the part of it no reading
    // covers (readings not deleted, excluded ones included: that time passed). Means over cycles.
    // A cycle closes when a later one has begun, or when it holds every step and nothing in it
    // runs; with independent timers, the last cycle of a stored walk closes too.
    std::size_t cycles_closed = 0;
    std::optional<double> lead_time_ms;
    std::optional<double> waiting_ms;

    // Cycle time CT: how often a unit comes out.
    //   Lap timing (one operator does every step in turn): CT = the work content.
    //   Independent timers: each step is taken as its own station (its own operator), all of them
    //   working at once on different units, so a unit comes out as often as the slowest station
    //   allows: CT = max over the steps with valid readings of OT × frequency, the bottleneck of a
    //   line balance (LEAN.md). Not the interval between the ends of the walk's cycles: when the
    //   observer follows one unit at a time, that interval is the observer's pace, not the line's.
    //   Empty when no step has a valid reading.
    std::optional<double> cycle_time_ms;
    // Independent timers: the step that sets the cycle time (the first in plan order on a tie);
    // empty in lap timing (one operator: no station is the bottleneck) and without a cycle time.
    std::optional<StepId> bottleneck_step;
    // Line balance (LEAN.md), the steps taken as stations:
    //   theoretical minimum stations = ⌈work content ÷ takt⌉ (operators the work content needs to
    //   meet takt, however it is split; at least 1 for any work); empty without a work content or
    //   a takt above 0, and beyond 10^15 (with a notice). Given in lap timing too: a one-operator
    //   job above takt needs that many operators.
    //   balance efficiency = work content ÷ (number of steps with valid readings × CT), a fraction
    //   ≤ 1 (1 when every station is as loaded as the bottleneck); independent timers only (lap:
    //   one operator, one station, always 100 %); empty without a cycle time above 0.
    std::optional<std::int64_t> theoretical_min_stations;
    std::optional<double> balance_efficiency;

    // Flow efficiency (PCE) = value-added time ÷ lead time.
    //   Lap timing: the value-added work content ÷ the mean lead time. Lap taps never make
    //   readings overlap, so it exceeds 100 % only when the typical value-added time (means over
    //   all valid readings × frequency) is longer than what the closed cycles held, e.g. one short
    //   closed cycle and a long value-added reading in the running one, or when edits (inserted or
    //   moved readings) made readings overlap.
    //   Independent timers: Σ over closed cycles of the union of the cycle's valid value-added
    //   readings (overlaps once, paused time left out) ÷ Σ of their lead times, i.e. the mean
    //   value-added union ÷ the mean lead time. Each union lies inside its cycle's lead time, so
    //   it never exceeds 100 %, however many steps run in parallel.
    // Empty without a closed cycle of positive lead time, or without a valid reading (lap) or a
    // valid reading in a closed cycle (independent): the value-added time is unknown then.
    std::optional<double> flow_efficiency;

    // Takt = available time ÷ demand; CT against takt as a ratio (> 1: demand cannot be met).
    // A takt that is not finite or longer than kMaxTimeMs (a demand far below one unit) is
    // undefined, with a notice.
    std::optional<double> takt_ms;
    std::optional<double> cycle_time_over_takt;
    std::optional<bool> meets_takt;

    std::vector<WasteCount> waste_pareto;          // all eight, Pareto order (count, then time)
    std::vector<StepWasteCount> waste_by_step;     // steps with tags, Pareto order
    std::size_t waste_total = 0;

    // What a reader should know about these numbers: "takt: demand is zero", ...
    std::vector<std::string> notices;
};

// `now_ms` is the session time "now" for a live walk; std::nullopt for a stored session, whose
// observation ends at its last walk tap.
SessionSummary summarize(const Session& session, const LogState& state,
                         std::optional<std::int64_t> now_ms = std::nullopt);

// The waste tally of several sessions together: counts and timed durations add up, the rate is
// per hour of all their observed time, in Pareto order.
std::vector<WasteCount> combine_waste_tallies(const std::vector<const SessionSummary*>& summaries);

// Standard time from normal time by the convention; A in percent. Empty when A >= 100 % on the
// workday (the formula has no meaning there).
std::optional<double> standard_time(double normal_ms, double allowance_pct, AllowanceConvention convention);

// The z the session's settings ask for.
double session_z(const StudySettings& settings);

}  // namespace gemba
