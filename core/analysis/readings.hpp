// The summary's one pass through the readings: each plan step's readings sorted out by status, and
// the cycles walked at the same time (with a million readings every further pass costs as much as
// the whole rest of the summary). Internal to core/analysis.
#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/analysis/flow.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba::analysis {

// The plan position of a step id (of the first step with it; steps.size() when none has it), in
// constant time: readings ask it one by one. A table over the ids when they are compact, as the app
// numbers steps 1, 2, 3 ...; a hash map otherwise.
class StepPositions {
public:
    explicit StepPositions(const std::vector<Step>& steps);
    std::size_t operator()(StepId id) const {
        if (map_.empty()) return id >= 0 && static_cast<std::size_t>(id) < table_.size() ? table_[static_cast<std::size_t>(id)] : none_;
        auto it = map_.find(id);
        return it == map_.end() ? none_ : it->second;
    }
    std::size_t none() const { return none_; }

private:
    std::size_t none_;
    std::vector<std::size_t> table_;
    std::unordered_map<StepId, std::size_t> map_;
};

// std::stable_sort by key, in linear time when the items are nearly in order already, as readings
// in log order nearly are by cycle and by start. The items in order (never below the one kept
// before) stay; the few others are sorted and merged in after their equals, which all came earlier
// in the list: the same order as std::stable_sort.
template <class T, class Key>
void stable_sort_nearly_sorted(std::vector<T>& items, Key key) {
    const auto by_key = [&](const T& a, const T& b) { return key(a) < key(b); };
    if (std::is_sorted(items.begin(), items.end(), by_key)) return;
    std::vector<T> kept, late;
    kept.reserve(items.size());
    for (const T& item : items) {
        if (kept.empty() || !by_key(item, kept.back())) kept.push_back(item);
        else late.push_back(item);
    }
    std::stable_sort(late.begin(), late.end(), by_key);
    std::merge(kept.begin(), kept.end(), late.begin(), late.end(), items.begin(), by_key);
}

// The readings of one plan step.
struct StepReadings {
    // The valid ones, in log order: their ids, starts and durations (paused time left out).
    std::vector<EventId> valid;
    std::vector<std::int64_t> valid_start_ms;
    std::vector<double> valid_duration_ms;
    std::vector<EventId> excluded;  // complete, excluded, not deleted; log order
    std::size_t deleted = 0;
    std::size_t running = 0;
};

// Readings come in cycle order, save for edits (a reading inserted into or split in an earlier
// cycle): only then are the cycles gathered in a second pass and sorted.
struct SortedReadings {
    std::vector<StepReadings> by_step;  // by plan position
    CycleTotals cycles;
};

// `walk_over`: a stored session, whose last cycle may close (see CycleWalker).
SortedReadings sort_out(const Session& session, const LogState& state, const StepPositions& positions, bool walk_over);

}  // namespace gemba::analysis
