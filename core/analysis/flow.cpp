#include "core/analysis/flow.hpp"

#include <algorithm>

#include "core/analysis/readings.hpp"

namespace gemba::analysis {
namespace {

// Total length of the union of intervals (all inside one cycle), paused time left out. Sorts them.
std::int64_t covered_ms(std::vector<std::pair<std::int64_t, std::int64_t>>& intervals, const LogState& state) {
    if (!std::is_sorted(intervals.begin(), intervals.end())) std::sort(intervals.begin(), intervals.end());
    std::int64_t total = 0;
    std::int64_t run_start = 0, run_end = -1;
    const auto flush = [&] {
        if (run_end > run_start) total += run_end - run_start - state.paused_ms_between(run_start, run_end);
    };
    for (const auto& [start, end] : intervals) {
        if (run_end < 0 || start > run_end) {
            flush();
            run_start = start;
            run_end = end;
        } else {
            run_end = std::max(run_end, end);
        }
    }
    flush();
    return total;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Cycles

CycleWalker::CycleWalker(const Session& session, const LogState& state, const StepPositions& positions, bool walk_over)
    : session_(session), state_(state), positions_(positions), seen_in_(session.steps.size(), 0) {
    // With independent timers a cycle need not hold every step (a mismatch is resolved only
    // sometimes), so once the walk is over its last cycle closes too.
    last_closes_ = walk_over && session.settings.timing_mode == TimingMode::independent;
    for (std::size_t i = 0; i < session.steps.size(); ++i) plan_steps_ += positions(session.steps[i].id) == i;
    totals_.in_closed_cycles.assign(session.steps.size(), 0);
}

bool CycleWalker::add(const CycleReading& r) {
    if (cycles_ > 0 && r.cycle != cycle_) {
        if (r.cycle < cycle_) return false;
        close_cycle();
    }
    if (cycles_ == 0 || r.cycle != cycle_) start_cycle(r.cycle);
    if (r.running) {
        open_ = true;
        return true;
    }
    intervals_.emplace_back(r.start_ms, r.end_ms);
    const bool in_plan = r.position != positions_.none();
    if (in_plan) {
        complete_positions_.push_back(r.position);
        if (seen_in_[r.position] != cycles_) {
            seen_in_[r.position] = cycles_;
            ++steps_in_;
        }
    }
    if (r.valid) {
        has_valid_ = true;
        if (in_plan && session_.steps[r.position].value_class == ValueClass::value_added)
            value_added_.emplace_back(r.start_ms, r.end_ms);
    }
    return true;
}

CycleTotals CycleWalker::finish() {
    if (cycles_ > 0) close_cycle();
    return std::move(totals_);
}

void CycleWalker::start_cycle(std::int64_t number) {
    ++cycles_;
    cycle_ = number;
    open_ = has_valid_ = false;
    steps_in_ = 0;
    intervals_.clear();
    value_added_.clear();
    complete_positions_.clear();
}

void CycleWalker::close_cycle() {
    const bool every_step = steps_in_ == plan_steps_;
    if (open_ || intervals_.empty() || !(cycle_ < state_.current_cycle() || every_step || last_closes_)) return;
    for (std::size_t p : complete_positions_) ++totals_.in_closed_cycles[p];
    std::int64_t first = intervals_.front().first, last = intervals_.front().second;
    for (const auto& [start, end] : intervals_) {
        first = std::min(first, start);
        last = std::max(last, end);
    }
    const std::int64_t lead = last - first - state_.paused_ms_between(first, last);
    totals_.lead += static_cast<double>(lead);
    totals_.waiting += static_cast<double>(lead - covered_ms(intervals_, state_));
    totals_.value_added += static_cast<double>(covered_ms(value_added_, state_));
    totals_.valid_in_closed = totals_.valid_in_closed || has_valid_;
    ++totals_.closed;
}

// ---------------------------------------------------------------------------------------------
// Work content

void work_content_notices(const StepSummary& s, std::vector<std::string>& notices) {
    if (!s.observed_ms) {
        notices.push_back("step " + quoted(s.name) + " has no valid readings; it is left out of the work content");
        return;
    }
    if (s.frequency == 0.0)
        notices.push_back("step " + quoted(s.name) +
                          " has no reading in a closed cycle yet, so it adds nothing to the work content");
    if (!s.standard_ms)
        notices.push_back("step " + quoted(s.name) +
                          ": an allowance of 100 % or more has no standard time on the workday convention");
}

void summarize_work_content(SessionSummary& out) {
    bool any_observed = false;
    double work_content = 0, value_added = 0, necessary = 0, non_value_added = 0;
    for (const StepSummary& s : out.steps) {
        if (!s.observed_ms) continue;
        any_observed = true;
        const double per_unit = *s.observed_ms * s.frequency;
        work_content += per_unit;
        switch (s.value_class) {
            case ValueClass::value_added: value_added += per_unit; break;
            case ValueClass::necessary_non_value_added: necessary += per_unit; break;
            case ValueClass::non_value_added: non_value_added += per_unit; break;
        }
        if (s.standard_ms) out.standard_time_ms = out.standard_time_ms.value_or(0.0) + *s.standard_ms * s.frequency;
    }
    // Without a single valid reading the work content is unknown, not zero.
    if (!any_observed) return;
    out.work_content_ms = work_content;
    out.value_added_ms = value_added;
    out.necessary_ms = necessary;
    out.non_value_added_ms = non_value_added;
    if (work_content > 0) {
        out.value_added_share = value_added / work_content;
        out.necessary_share = necessary / work_content;
        out.non_value_added_share = non_value_added / work_content;
    }
}

// ---------------------------------------------------------------------------------------------
// Lead time and flow efficiency

void summarize_cycles(const Session& session, const CycleTotals& totals, SessionSummary& out) {
    if (totals.closed > 0) {
        out.lead_time_ms = totals.lead / static_cast<double>(totals.closed);
        out.waiting_ms = totals.waiting / static_cast<double>(totals.closed);
    }

    if (session.settings.timing_mode == TimingMode::lap) {
        if (out.value_added_ms && out.lead_time_ms && *out.lead_time_ms > 0)
            out.flow_efficiency = *out.value_added_ms / *out.lead_time_ms;
        return;
    }
    if (totals.valid_in_closed && totals.lead > 0) out.flow_efficiency = totals.value_added / totals.lead;
}

}  // namespace gemba::analysis
