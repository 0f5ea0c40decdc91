// Takt and line balance: cycle time, the bottleneck, balance efficiency, takt and the theoretical
// minimum of stations (formulas in SessionSummary). Internal to core/analysis.
#pragma once

#include "core/analysis/summary.hpp"

namespace gemba::analysis {

// Cycle time, the bottleneck and the balance efficiency, from the steps' OT × frequency (needs the
// work content).
void summarize_cycle_time(const StudySettings& settings, SessionSummary& out);

// Takt, CT against takt and the theoretical minimum of stations (needs the cycle time).
void summarize_takt(const StudySettings& settings, SessionSummary& out);

}  // namespace gemba::analysis
