#include "core/analysis/line_balance.hpp"

#include <algorithm>
#include <cmath>

namespace gemba::analysis {

void summarize_cycle_time(const StudySettings& settings, SessionSummary& out) {
    if (settings.timing_mode == TimingMode::lap) {
        // One operator does every step in turn: a unit comes out once per work content.
        out.cycle_time_ms = out.work_content_ms;
        return;
    }
    // Each step its own station, all working at once: the slowest one sets the pace.
    std::size_t stations = 0;
    const StepSummary* bottleneck = nullptr;
    for (const StepSummary& s : out.steps) {
        if (!s.observed_ms) continue;
        ++stations;
        const double per_unit = *s.observed_ms * s.frequency;
        if (!out.cycle_time_ms || per_unit > *out.cycle_time_ms) {
            out.cycle_time_ms = per_unit;
            bottleneck = &s;
        }
    }
    if (!bottleneck) return;
    out.bottleneck_step = bottleneck->step;
    if (*out.cycle_time_ms > 0 && out.work_content_ms)
        out.balance_efficiency = *out.work_content_ms / (static_cast<double>(stations) * *out.cycle_time_ms);
    out.notices.push_back("cycle time: with independent timers, the time per unit of the slowest step, '" +
                          bottleneck->name +
                          "' (observed × frequency), each step taken as its own station working at the same "
                          "time as the others; steps done by the same person add up");
}

void summarize_takt(const StudySettings& settings, SessionSummary& out) {
    if (!settings.takt_available_ms && !settings.takt_demand_units) return;
    if (!settings.takt_available_ms || !settings.takt_demand_units) {
        out.notices.push_back("takt: both the available time and the demand are needed");
        return;
    }
    if (*settings.takt_demand_units <= 0) {
        out.notices.push_back("takt: undefined, the demand is zero");
        return;
    }
    const double takt = static_cast<double>(*settings.takt_available_ms) / *settings.takt_demand_units;
    // A demand of 1e-310 units makes the takt infinite; one far below a unit makes it centuries.
    if (!std::isfinite(takt) || takt > static_cast<double>(kMaxTimeMs)) {
        out.notices.push_back("takt: undefined, the available time ÷ the demand is longer than any session "
                              "(the demand is far below one unit)");
        return;
    }
    out.takt_ms = takt;
    if (*out.takt_ms <= 0) {
        out.notices.push_back("takt: zero, there is no available time; no cycle time can meet it");
        out.meets_takt = false;
        return;
    }
    if (out.cycle_time_ms) {
        out.cycle_time_over_takt = *out.cycle_time_ms / *out.takt_ms;
        out.meets_takt = *out.cycle_time_ms <= *out.takt_ms;
    }
    if (out.work_content_ms) {
        // Beyond 10^15 stations the count means nothing (and would not fit an integer).
        const double stations = *out.work_content_ms / *out.takt_ms;
        // Rounded up, with a tolerance for floating-point noise (14.0000000001 is 14), yet any work
        // at all needs a station: a tiny quotient never snaps down to 0.
        if (stations < 1e15)
            out.theoretical_min_stations = stations > 0 ? std::max<std::int64_t>(1, ceil_tolerant(stations)) : 0;
        else out.notices.push_back("line balance: the work content ÷ the takt is too large to count stations");
    }
}

}  // namespace gemba::analysis
