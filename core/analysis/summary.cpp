// summarize() composes the analyses: the time study of each step (time_study), cycles and flow
// (flow), takt and line balance (line_balance) and waste (waste), after one pass through the
// readings (readings).
#include "core/analysis/summary.hpp"

#include <algorithm>

#include "core/analysis/flow.hpp"
#include "core/analysis/line_balance.hpp"
#include "core/analysis/readings.hpp"
#include "core/analysis/time_study.hpp"
#include "core/analysis/waste.hpp"

namespace gemba {
namespace {

StepSummary summarize_step(const Step& step, analysis::StepReadings readings, std::size_t in_closed_cycles,
                           std::size_t cycles_closed, const StudySettings& settings, double z) {
    StepSummary out;
    out.step = step.id;
    out.name = step.name;
    out.value_class = step.value_class;
    out.rating_pct = step.rating_pct;
    out.allowance_pct = step.allowance_pct;
    out.deleted_readings = readings.deleted;
    out.running_readings = readings.running;
    out.excluded_readings = std::move(readings.excluded);
    if (cycles_closed > 0) out.frequency = static_cast<double>(in_closed_cycles) / static_cast<double>(cycles_closed);
    // In start order; edits can leave a few out of it.
    study_step(step,
               analysis::in_start_order(std::move(readings.valid), readings.valid_start_ms,
                                        std::move(readings.valid_duration_ms)),
               settings, z, out);
    return out;
}

}  // namespace

SessionSummary summarize(const Session& session, const LogState& state, std::optional<std::int64_t> now_ms) {
    SessionSummary out;
    out.steps.reserve(session.steps.size());  // a step's summary is ~380 bytes: no doubling of a long plan's
    const StudySettings& settings = session.settings;
    out.elapsed_ms = now_ms ? std::max(*now_ms, state.last_walk_ms()) : state.last_walk_ms();
    out.paused_ms = state.paused_ms_between(0, out.elapsed_ms);
    out.observed_ms = out.elapsed_ms - out.paused_ms;
    out.z = session_z(settings);

    const analysis::StepPositions positions(session.steps);
    analysis::SortedReadings readings = analysis::sort_out(session, state, positions, !now_ms.has_value());
    const analysis::CycleTotals& cycles = readings.cycles;
    out.cycles_closed = cycles.closed;

    std::size_t running_readings = 0;
    // The readings of a step move into its summary; only a step id the plan holds twice (no file
    // can) needs them once more.
    std::vector<std::size_t> uses(session.steps.size(), 0);
    for (const Step& step : session.steps) ++uses[positions(step.id)];
    for (const Step& step : session.steps) {
        const std::size_t p = positions(step.id);
        analysis::StepReadings& of_step = readings.by_step[p];
        StepSummary s = summarize_step(step, --uses[p] == 0 ? std::move(of_step) : of_step, cycles.in_closed_cycles[p],
                                       cycles.closed, settings, out.z);
        running_readings += s.running_readings;
        analysis::work_content_notices(s, out.notices);
        analysis::time_study_notices(s, settings.outlier_rule, out.notices);
        if (s.required_cycles) {
            out.required_cycles = std::max(out.required_cycles.value_or(0), *s.required_cycles);
            out.more_cycles = std::max(out.more_cycles.value_or(0), *s.more_cycles);
        }
        out.steps.push_back(std::move(s));
    }
    analysis::outlier_rule_notice(out.steps, settings.outlier_rule, out.notices);
    analysis::summarize_work_content(out);

    out.running = state.live();
    if (running_readings > 0)
        out.notices.push_back(std::to_string(running_readings) +
                              " reading(s) still running are not in the statistics");

    analysis::summarize_cycles(session, cycles, out);
    analysis::summarize_cycle_time(settings, out);
    analysis::summarize_takt(settings, out);
    analysis::summarize_wastes(session, state, out.elapsed_ms, out);
    return out;
}

}  // namespace gemba
