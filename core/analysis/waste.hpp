// Waste: the tally by kind and by step, in Pareto order with shares and cumulative shares.
// Internal to core/analysis (combine_waste_tallies, in summary.hpp, is public).
#pragma once

#include "core/analysis/summary.hpp"

namespace gemba::analysis {

// The tally, the Pareto order and the tags by step into out.waste_*, with rates per hour of
// out.observed_ms; a timed tag still running counts until `now_ms`.
void summarize_wastes(const Session& session, const LogState& state, std::int64_t now_ms, SessionSummary& out);

}  // namespace gemba::analysis
