#include "core/report/value_stream_report.hpp"

#include <algorithm>

namespace gemba {

bool has_value_stream(const Plan& plan) {
    if (!plan.queues.empty()) return true;
    return std::any_of(plan.steps.begin(), plan.steps.end(), [](const Step& s) {
        return !s.touched_by.empty() || !s.what_happens.empty() || s.changeover_ms || s.uptime_pct || s.people ||
               s.shifts || s.batch_size;
    });
}

std::optional<ValueStreamResult> value_stream_for_report(const Session& session, const LogState& state,
                                                         const SessionSummary& summary) {
    if (!has_value_stream(session)) return std::nullopt;
    return value_stream_of(session, state, summary);
}

std::int64_t working_day_ms(const StudySettings& settings) {
    return settings.takt_available_ms && *settings.takt_available_ms > 0 ? *settings.takt_available_ms : 0;
}

}  // namespace gemba
