// The before/after comparison of two walks (core/analysis/compare) for people and programs: the
// text `gemba-cli compare` prints, its JSON and its CSV, and the words and numbers the Compare view
// shows, written once here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/analysis/compare.hpp"
#include "core/analysis/summary.hpp"
#include "core/analysis/value_stream.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// A walk with everything the comparison reads, owned: its summary and, when it maps one, its value
// stream's figures (value_stream_for_report; figures that cannot be made are left out, and the
// lead time then comes from the cycles).
struct WalkForComparison {
    std::string label;  // how the outputs name it: the file name
    Session session;
    LogState state;
    SessionSummary summary;
    std::optional<ValueStreamFigures> value_stream;

    ComparedWalk view() const { return {session, state, summary, value_stream ? &*value_stream : nullptr}; }
};
WalkForComparison walk_for_comparison(std::string label, Session session, LogState state);

// ---- Words and numbers, shared by the text and the Compare view -------------------------------

// A change of a share in percentage points: −0.193 → "−19.3 points".
std::string points_text(double change);
// A number with U+2212 for its minus sign: "−1.61".
std::string signed_fixed(double value, int decimals);
// A two-sided p-value: "0.003", "0.250", "< 0.001".
std::string p_value_text(double p);
// A change of time with its sign: "+1.2 s", "−2:05.4" (U+2212), "0.0 s".
std::string signed_duration(double ms);
// A difference with its interval: "−2.2 s (−3.2 s to −1.2 s)".
std::string difference_text(const WelchTest& test);
// A step's readings: "12.3 s ± 1.2 s (n = 10)", "12.3 s (n = 1)", "no readings".
std::string sample_text(const StepSample& sample);
// A waste rate: "4.0 / h"; kMissingMark when unknown.
std::string rate_text(const std::optional<double>& per_hour);
// A change of a waste rate: "+1.5 / h", "−4.0 / h".
std::string signed_rate(double per_hour);
// A flow time (lead time, cycle time, takt, takt gap) at the walk's working day: durations below a
// working day as format_duration, longer ones in working days ("4.5 days"); kMissingMark when
// unknown. `signed_change`: with a + or − sign.
std::string flow_time_text(const std::optional<double>& ms, std::int64_t working_day_ms, bool signed_change = false);
// An action's metric values in its unit: times, a percent for flow efficiency, "/ h" for rates.
std::string effect_value_text(const ActionEffect& effect, const std::optional<double>& value, bool signed_change,
                              std::int64_t working_day_ms);
// What moved, in one line: "decreased by 2.2 s (p < 0.001), as expected", "increased by 1.5 / h,
// expected a decrease", or the reason it cannot be measured.
std::string effect_text(const ActionEffect& effect, std::int64_t working_day_ms);

// ---- Outputs ----------------------------------------------------------------------------------

// For people, in aligned columns: the walks, the confidence, the step table, unmatched steps, the
// waste rates, lead time / flow efficiency / cycle time / takt gap, the actions.
std::string compare_text(const WalkComparison& comparison, const WalkForComparison& before,
                         const WalkForComparison& after);

// Stable keys (documented in gemba-cli --help), times in ms, rates per hour, fractions for shares:
// {"before": {"file", "title", "observed_ms"}, "after": {...}, "confidence_pct",
//  "steps": [{"key", "before_step_id", "after_step_id", "before_name", "after_name",
//             "before": {"n", "mean_ms", "sd_ms"}, "after": {...}, "difference_ms", "ci_low_ms",
//             "ci_high_ms", "t", "df", "p", "verdict", "untested", "wait_before_ms": {"before", "after", "change"}}],
//  "unmatched": [{"side", "step_id", "name", "key", "reason", "valid_readings"}],
//  "wastes": [{"waste", "before_count", "after_count", "before_per_hour", "after_per_hour", "change_per_hour"}],
//  "flow": {"lead_time_ms", "flow_efficiency", "cycle_time_ms", "takt_ms", "takt_gap_ms": {"before", "after",
//           "change"}, "lead_time_source": {"before", "after"}},
//  "actions": [{"walk", "id", "title", "owner", "status", "metric", "step_id", "waste", "direction",
//               "metric_text", "before", "after", "change", "moved_as_expected", "p", "significant",
//               "verdict", "reason"}]}
// Unknown numbers are null.
std::string compare_json(const WalkComparison& comparison, const WalkForComparison& before,
                         const WalkForComparison& after);

// One CSV table (RFC 4180, no byte order mark), one row per item, the kind of row in `section`:
// step, wait_before, unmatched, waste, flow, action. Columns: section, name, side, id, before_n,
// after_n, before, after, change, unit (s, fraction, per_hour), before_sd, after_sd, ci_low,
// ci_high, t, df, p, verdict, detail. Times in seconds. A step row: means and the difference after
// − before; verdict faster / slower / no_clear_change / not_testable. Unmatched: side and the reason
// in verdict. Waste: counts in before_n / after_n, rates per hour. Flow: lead_time, flow_efficiency,
// cycle_time, takt, takt_gap (detail: where each side's lead time comes from). Action: its walk in
// side, its id, the metric's values, verdict met / not_met / not_measurable.
std::string compare_csv(const WalkComparison& comparison);

}  // namespace gemba
