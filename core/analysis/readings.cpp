#include "core/analysis/readings.hpp"

namespace gemba::analysis {

StepPositions::StepPositions(const std::vector<Step>& steps) : none_(steps.size()) {
    StepId max_id = 0;
    for (const Step& s : steps) max_id = std::max(max_id, s.id);
    const bool compact = std::all_of(steps.begin(), steps.end(), [](const Step& s) { return s.id >= 0; }) &&
                         max_id <= static_cast<StepId>(4 * steps.size() + 64);
    if (compact) table_.assign(static_cast<std::size_t>(max_id) + 1, none_);
    for (std::size_t i = steps.size(); i-- > 0;) {
        if (compact) table_[static_cast<std::size_t>(steps[i].id)] = i;
        else map_[steps[i].id] = i;
    }
}

SortedReadings sort_out(const Session& session, const LogState& state, const StepPositions& positions,
                        bool walk_over) {
    const std::vector<Reading>& readings = state.readings();
    const auto for_cycles = [&](const Reading& r, std::size_t position) {
        return CycleReading{r.cycle, r.start_ms, r.end_ms.value_or(0), position, r.running(), r.valid()};
    };
    SortedReadings out;
    out.by_step.resize(session.steps.size());
    // Lap timing shares the readings evenly among the steps; the capacity costs memory only where used.
    const std::size_t expected = session.steps.empty() ? 0 : readings.size() / session.steps.size() + 1;
    for (StepReadings& step : out.by_step) {
        step.valid.reserve(expected);
        step.valid_start_ms.reserve(expected);
        step.valid_duration_ms.reserve(expected);
    }
    CycleWalker walker(session, state, positions, walk_over);
    bool in_cycle_order = true;
    for (const Reading& r : readings) {
        const std::size_t p = positions(r.step);
        if (!r.removed && in_cycle_order) in_cycle_order = walker.add(for_cycles(r, p));
        if (p == positions.none()) continue;
        StepReadings& step = out.by_step[p];
        if (r.removed) {
            ++step.deleted;
        } else if (r.running()) {
            ++step.running;
        } else if (r.excluded) {
            step.excluded.push_back(r.id);
        } else {
            step.valid.push_back(r.id);
            step.valid_start_ms.push_back(r.start_ms);
            step.valid_duration_ms.push_back(static_cast<double>(state.duration_ms(r, 0)));
        }
    }
    if (in_cycle_order) {
        out.cycles = walker.finish();
        return out;
    }
    std::vector<CycleReading> by_cycle;
    for (const Reading& r : readings)
        if (!r.removed) by_cycle.push_back(for_cycles(r, positions(r.step)));
    stable_sort_nearly_sorted(by_cycle, [](const CycleReading& r) { return r.cycle; });
    CycleWalker sorted_walker(session, state, positions, walk_over);
    for (const CycleReading& r : by_cycle) sorted_walker.add(r);
    out.cycles = sorted_walker.finish();
    return out;
}

}  // namespace gemba::analysis
