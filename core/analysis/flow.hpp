// Cycles and flow: the work content and its value-class shares, lead time, waiting and flow
// efficiency (formulas in SessionSummary). Internal to core/analysis: summarize() composes it.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/analysis/summary.hpp"

namespace gemba::analysis {

class StepPositions;

// A reading that is not deleted, as the cycles need it.
struct CycleReading {
    std::int64_t cycle = 0;
    std::int64_t start_ms = 0, end_ms = 0;  // end_ms: only when complete
    std::size_t position = 0;               // of its step in the plan
    bool running = false;
    bool valid = false;
};

// Sums over the closed cycles, in cycle order.
struct CycleTotals {
    std::size_t closed = 0;
    double lead = 0, waiting = 0, value_added = 0;
    bool valid_in_closed = false;            // a closed cycle holds a valid reading
    std::vector<std::size_t> in_closed_cycles;  // by plan position: complete readings in closed cycles
};

// Goes through the readings (not deleted) cycle by cycle, each cycle's readings one after another
// and the cycles in number order, and sums up the closed ones. A cycle is closed when none of its
// readings runs, it holds a complete one, and a later cycle has begun, it holds every step of the
// plan, or (independent timers) the walk is over.
class CycleWalker {
public:
    CycleWalker(const Session& session, const LogState& state, const StepPositions& positions, bool walk_over);
    // False, taking nothing, when the reading's cycle is below the one at hand: out of order.
    bool add(const CycleReading& r);
    CycleTotals finish();

private:
    void start_cycle(std::int64_t number);
    void close_cycle();

    const Session& session_;
    const LogState& state_;
    const StepPositions& positions_;
    bool last_closes_ = false;
    std::size_t plan_steps_ = 0;          // distinct step ids in the plan
    std::vector<std::size_t> seen_in_;    // by plan position: the last cycle (its ordinal) with the step
    CycleTotals totals_;
    // The cycle at hand.
    std::size_t cycles_ = 0;  // ordinal of the cycle at hand, 0 before the first
    std::int64_t cycle_ = 0;
    bool open_ = false;       // a reading of it still runs
    bool has_valid_ = false;  // it holds a valid reading
    std::size_t steps_in_ = 0;  // distinct plan steps among its complete readings
    std::vector<std::pair<std::int64_t, std::int64_t>> intervals_;    // complete readings
    std::vector<std::pair<std::int64_t, std::int64_t>> value_added_;  // the valid ones of value-added steps
    std::vector<std::size_t> complete_positions_;                      // plan positions of complete readings
};

// A step's share of the work content, with what a reader should know about it ("left out ..."),
// added to out.notices. Call once per step, in plan order, before summarize_work_content.
void work_content_notices(const StepSummary& step, std::vector<std::string>& notices);

// The work content, its value-class parts and shares, and the standard time, from out.steps.
void summarize_work_content(SessionSummary& out);

// Lead time, waiting and flow efficiency, from the closed cycles (needs the work content).
void summarize_cycles(const Session& session, const CycleTotals& totals, SessionSummary& out);

}  // namespace gemba::analysis
