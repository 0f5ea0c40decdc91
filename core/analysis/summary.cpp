#include "core/analysis/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace gemba {
namespace {

constexpr double kMsPerHour = 3'600'000.0;

// kWastes lists the wastes in the order the enum declares them, so a waste's rank is its value.
constexpr bool wastes_in_declaration_order() {
    for (std::size_t i = 0; i < kWastes.size(); ++i)
        if (static_cast<std::size_t>(kWastes[i]) != i) return false;
    return true;
}
static_assert(wastes_in_declaration_order());

std::size_t waste_rank(Waste w) { return static_cast<std::size_t>(w); }

WasteCount empty_count(Waste w) {
    WasteCount count;
    count.waste = w;
    return count;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

// The plan position of a step id (of the first step with it; steps.size() when none has it), in
// constant time: readings ask it one by one. A table over the ids when they are compact, as the app
// numbers steps 1, 2, 3 ...; a hash map otherwise.
class StepPositions {
public:
    explicit StepPositions(const std::vector<Step>& steps) : none_(steps.size()) {
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

StepSummary summarize_step(const Step& step, StepReadings readings, std::size_t in_closed_cycles,
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
    std::vector<double> durations;
    const std::vector<std::int64_t>& starts = readings.valid_start_ms;
    if (std::is_sorted(starts.begin(), starts.end())) {
        out.valid_readings = std::move(readings.valid);
        durations = std::move(readings.valid_duration_ms);
    } else {
        std::vector<std::size_t> order(starts.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        stable_sort_nearly_sorted(order, [&](std::size_t i) { return starts[i]; });
        for (std::size_t i : order) {
            out.valid_readings.push_back(readings.valid[i]);
            durations.push_back(readings.valid_duration_ms[i]);
        }
    }
    out.stats = describe(durations);
    for (std::size_t i : outlier_indices(durations, settings.outlier_rule, out.stats))
        out.outliers.push_back(out.valid_readings[i]);

    if (out.stats.mean) {
        out.observed_ms = *out.stats.mean;
        out.normal_ms = *out.observed_ms * step.rating_pct / 100.0;
        out.standard_ms = standard_time(*out.normal_ms, step.allowance_pct, settings.allowance_convention);
        out.required_cycles = settings.accuracy_ms
                                  ? required_cycles_absolute(z, out.stats.sd, *settings.accuracy_ms)
                                  : required_cycles(z, out.stats.sd, *out.stats.mean, settings.accuracy_pct / 100.0);
        if (out.required_cycles)
            out.more_cycles = std::max<std::int64_t>(0, *out.required_cycles - static_cast<std::int64_t>(out.stats.n));
    }
    return out;
}

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
    CycleWalker(const Session& session, const LogState& state, const StepPositions& positions, bool walk_over)
        : session_(session), state_(state), positions_(positions), seen_in_(session.steps.size(), 0) {
        // With independent timers a cycle need not hold every step (a mismatch is resolved only
        // sometimes), so once the walk is over its last cycle closes too.
        last_closes_ = walk_over && session.settings.timing_mode == TimingMode::independent;
        for (std::size_t i = 0; i < session.steps.size(); ++i) plan_steps_ += positions(session.steps[i].id) == i;
        totals_.in_closed_cycles.assign(session.steps.size(), 0);
    }

    // False, taking nothing, when the reading's cycle is below the one at hand: out of order.
    bool add(const CycleReading& r) {
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

    CycleTotals finish() {
        if (cycles_ > 0) close_cycle();
        return std::move(totals_);
    }

private:
    void start_cycle(std::int64_t number) {
        ++cycles_;
        cycle_ = number;
        open_ = has_valid_ = false;
        steps_in_ = 0;
        intervals_.clear();
        value_added_.clear();
        complete_positions_.clear();
    }

    void close_cycle() {
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

// What the summary needs of the readings, sorted out in one pass through them: with a million
// readings every further pass costs as much as the whole rest of the summary. Readings come in
// cycle order, save for edits (a reading inserted into or split in an earlier cycle): only then
// are the cycles gathered in a second pass and sorted.
struct SortedReadings {
    std::vector<StepReadings> by_step;  // by plan position
    CycleTotals cycles;
};

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

// Lead time, waiting and flow efficiency, from the closed cycles.
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

// Cycle time, the bottleneck and the balance efficiency, from the steps' OT × frequency.
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
    out.notices.push_back("cycle time: with independent timers, the time per unit of the slowest step, " +
                          quoted(bottleneck->name) +
                          " (observed × frequency), each step taken as its own station working at the same "
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

// Pareto order: count, then timed duration, then DOWNTIME order; shares follow it.
void pareto_order(std::vector<WasteCount>& by_waste, std::int64_t observed_ms) {
    std::size_t total_count = 0;
    for (const WasteCount& wc : by_waste) total_count += wc.count;
    const double total = static_cast<double>(total_count);
    std::stable_sort(by_waste.begin(), by_waste.end(), [](const WasteCount& a, const WasteCount& b) {
        if (a.count != b.count) return a.count > b.count;
        if (a.timed_ms != b.timed_ms) return a.timed_ms > b.timed_ms;
        return waste_rank(a.waste) < waste_rank(b.waste);
    });
    double cumulative = 0;
    for (WasteCount& wc : by_waste) {
        wc.per_hour.reset();
        if (observed_ms > 0)
            wc.per_hour = static_cast<double>(wc.count) / (static_cast<double>(observed_ms) / kMsPerHour);
        wc.share = total > 0 ? static_cast<double>(wc.count) / total : 0.0;
        cumulative += wc.share;
        wc.cumulative_share = total > 0 ? cumulative : 0.0;
    }
}

void summarize_wastes(const Session& session, const LogState& state, std::int64_t now, SessionSummary& out) {
    std::vector<WasteCount> by_waste;
    for (Waste w : kWastes) by_waste.push_back(empty_count(w));
    std::map<StepId, StepWasteCount> by_step;
    for (const WasteTag& t : state.tags()) {
        if (t.removed) continue;
        WasteCount& wc = by_waste[waste_rank(t.waste)];
        const std::int64_t duration = state.duration_ms(t, now);
        ++wc.count;
        StepWasteCount& sc = by_step[t.step];
        sc.step = t.step;
        ++sc.count;
        if (t.timed) {
            ++wc.timed_count;
            wc.timed_ms += duration;
            sc.timed_ms += duration;
        }
        ++out.waste_total;
    }
    pareto_order(by_waste, out.observed_ms);
    out.waste_pareto = std::move(by_waste);

    const auto plan_rank = [&](StepId id) {
        for (std::size_t i = 0; i < session.steps.size(); ++i)
            if (session.steps[i].id == id) return i;
        return session.steps.size();  // "no step" last among ties
    };
    for (auto& [id, sc] : by_step) {
        const Step* step = session.find_step(id);
        sc.name = step ? step->name : "(no step running)";
        out.waste_by_step.push_back(sc);
    }
    std::stable_sort(out.waste_by_step.begin(), out.waste_by_step.end(),
                     [&](const StepWasteCount& a, const StepWasteCount& b) {
                         if (a.count != b.count) return a.count > b.count;
                         if (a.timed_ms != b.timed_ms) return a.timed_ms > b.timed_ms;
                         return plan_rank(a.step) < plan_rank(b.step);
                     });
    const double total = static_cast<double>(out.waste_total);
    double cumulative = 0;
    for (StepWasteCount& sc : out.waste_by_step) {
        sc.share = static_cast<double>(sc.count) / total;
        cumulative += sc.share;
        sc.cumulative_share = cumulative;
    }
}

}  // namespace

std::vector<WasteCount> combine_waste_tallies(const std::vector<const SessionSummary*>& summaries) {
    std::vector<WasteCount> combined;
    for (Waste w : kWastes) combined.push_back(empty_count(w));
    std::int64_t observed_ms = 0;
    for (const SessionSummary* s : summaries) {
        observed_ms += s->observed_ms;
        for (const WasteCount& wc : s->waste_pareto) {
            WasteCount& into = combined[waste_rank(wc.waste)];
            into.count += wc.count;
            into.timed_count += wc.timed_count;
            into.timed_ms += wc.timed_ms;
        }
    }
    pareto_order(combined, observed_ms);
    return combined;
}

std::optional<double> standard_time(double normal_ms, double allowance_pct, AllowanceConvention convention) {
    const double a = allowance_pct / 100.0;
    if (convention == AllowanceConvention::on_job_time) return normal_ms * (1.0 + a);
    if (a >= 1.0) return std::nullopt;
    return normal_ms / (1.0 - a);
}

double session_z(const StudySettings& settings) {
    return settings.z ? *settings.z : z_for_confidence(settings.confidence_pct, settings.z_convention);
}

SessionSummary summarize(const Session& session, const LogState& state, std::optional<std::int64_t> now_ms) {
    SessionSummary out;
    const StudySettings& settings = session.settings;
    out.elapsed_ms = now_ms ? std::max(*now_ms, state.last_walk_ms()) : state.last_walk_ms();
    out.paused_ms = state.paused_ms_between(0, out.elapsed_ms);
    out.observed_ms = out.elapsed_ms - out.paused_ms;
    out.z = session_z(settings);

    const StepPositions positions(session.steps);
    SortedReadings readings = sort_out(session, state, positions, !now_ms.has_value());
    const CycleTotals& cycles = readings.cycles;
    out.cycles_closed = cycles.closed;

    std::size_t running_readings = 0;
    bool any_observed = false;
    double work_content = 0, value_added = 0, necessary = 0, non_value_added = 0;
    std::vector<std::string> too_few_for_3_sd;
    // The readings of a step move into its summary; only a step id the plan holds twice (no file
    // can) needs them once more.
    std::vector<std::size_t> uses(session.steps.size(), 0);
    for (const Step& step : session.steps) ++uses[positions(step.id)];
    for (const Step& step : session.steps) {
        const std::size_t p = positions(step.id);
        StepReadings& of_step = readings.by_step[p];
        StepSummary s = summarize_step(step, --uses[p] == 0 ? std::move(of_step) : of_step, cycles.in_closed_cycles[p],
                                       cycles.closed, settings, out.z);
        running_readings += s.running_readings;
        if (!s.observed_ms) {
            out.notices.push_back("step " + quoted(step.name) + " has no valid readings; it is left out of the work content");
        } else {
            any_observed = true;
            const double per_unit = *s.observed_ms * s.frequency;
            work_content += per_unit;
            switch (step.value_class) {
                case ValueClass::value_added: value_added += per_unit; break;
                case ValueClass::necessary_non_value_added: necessary += per_unit; break;
                case ValueClass::non_value_added: non_value_added += per_unit; break;
            }
            if (s.frequency == 0.0)
                out.notices.push_back("step " + quoted(step.name) +
                                      " has no reading in a closed cycle yet, so it adds nothing to the work content");
            if (s.standard_ms) {
                out.standard_time_ms = out.standard_time_ms.value_or(0.0) + *s.standard_ms * s.frequency;
            } else {
                out.notices.push_back("step " + quoted(step.name) +
                                      ": an allowance of 100 % or more has no standard time on the workday convention");
            }
        }
        if (s.stats.n == 1)
            out.notices.push_back("step " + quoted(step.name) +
                                  " has 1 valid reading; its required cycles need at least 2, so the study's "
                                  "required cycles leave it out");
        if (s.required_cycles) {
            out.required_cycles = std::max(out.required_cycles.value_or(0), *s.required_cycles);
            out.more_cycles = std::max(out.more_cycles.value_or(0), *s.more_cycles);
        }
        // With n readings no value lies more than (n − 1)/√n sample SDs from the mean: below 3 up to n = 10.
        if (settings.outlier_rule == OutlierRule::mean_3_sd && s.stats.n >= 3 && s.stats.n <= 10)
            too_few_for_3_sd.push_back(quoted(step.name));
        if (!s.outliers.empty())
            out.notices.push_back("step " + quoted(step.name) + ": " + std::to_string(s.outliers.size()) +
                                  " possible outlier(s) by the " + std::string(to_string(settings.outlier_rule)) +
                                  " rule; exclude them with a reason if they are foreign to the method");
        out.steps.push_back(std::move(s));
    }
    if (!too_few_for_3_sd.empty()) {
        std::string names;
        for (const std::string& name : too_few_for_3_sd) names += (names.empty() ? "" : ", ") + name;
        out.notices.push_back("outliers: the mean ± 3 SD rule cannot flag any reading of a step with 10 or fewer "
                              "valid readings (" + names + "); take more readings or use the 1.5 IQR rule");
    }
    // Without a single valid reading the work content is unknown, not zero.
    if (any_observed) {
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

    bool timed_waste_running = false;
    for (const WasteTag& t : state.tags()) timed_waste_running = timed_waste_running || (!t.removed && t.running());
    out.running = running_readings > 0 || timed_waste_running || state.paused();
    if (running_readings > 0)
        out.notices.push_back(std::to_string(running_readings) +
                              " reading(s) still running are not in the statistics");

    summarize_cycles(session, cycles, out);
    summarize_cycle_time(settings, out);
    summarize_takt(settings, out);
    summarize_wastes(session, state, out.elapsed_ms, out);
    return out;
}

}  // namespace gemba
