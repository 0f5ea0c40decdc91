#include "core/summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace gemba {
namespace {

constexpr double kMsPerHour = 3'600'000.0;

std::size_t waste_rank(Waste w) {
    return static_cast<std::size_t>(std::find(kWastes.begin(), kWastes.end(), w) - kWastes.begin());
}

WasteCount empty_count(Waste w) {
    WasteCount count;
    count.waste = w;
    return count;
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

StepSummary summarize_step(const Step& step, const LogState& state, const StudySettings& settings, double z,
                           const std::set<std::int64_t>& closed_cycles) {
    StepSummary out;
    out.step = step.id;
    out.name = step.name;
    out.value_class = step.value_class;
    out.rating_pct = step.rating_pct;
    out.allowance_pct = step.allowance_pct;

    std::vector<const Reading*> valid;
    std::size_t in_closed_cycles = 0;
    for (const Reading& r : state.readings()) {
        if (r.step != step.id) continue;
        if (!r.removed && !r.running() && closed_cycles.count(r.cycle) != 0) ++in_closed_cycles;
        if (r.removed) ++out.deleted_readings;
        else if (r.running()) ++out.running_readings;
        else if (r.excluded) out.excluded_readings.push_back(r.id);
        else valid.push_back(&r);
    }
    if (!closed_cycles.empty())
        out.frequency = static_cast<double>(in_closed_cycles) / static_cast<double>(closed_cycles.size());
    std::stable_sort(valid.begin(), valid.end(),
                     [](const Reading* a, const Reading* b) { return a->start_ms < b->start_ms; });
    std::vector<double> durations;
    for (const Reading* r : valid) {
        out.valid_readings.push_back(r->id);
        durations.push_back(static_cast<double>(state.duration_ms(*r, 0)));
    }
    out.stats = describe(durations);
    for (std::size_t i : outlier_indices(durations, settings.outlier_rule))
        out.outliers.push_back(valid[i]->id);

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

// Total length of the union of intervals (all inside one cycle), paused time left out.
std::int64_t covered_ms(std::vector<std::pair<std::int64_t, std::int64_t>> intervals, const LogState& state) {
    std::sort(intervals.begin(), intervals.end());
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

struct Cycle {
    std::vector<std::pair<std::int64_t, std::int64_t>> intervals;    // complete readings, not deleted
    std::vector<std::pair<std::int64_t, std::int64_t>> value_added;  // the valid ones of value-added steps
    std::set<StepId> steps;
    bool open = false;       // a reading of it still runs
    bool has_valid = false;  // it holds a valid reading
    bool closed = false;
};

// The cycles of the walk by number, each marked closed or not.
std::map<std::int64_t, Cycle> find_cycles(const Session& session, const LogState& state, bool walk_over) {
    std::map<std::int64_t, Cycle> cycles;
    for (const Reading& r : state.readings()) {
        if (r.removed) continue;
        Cycle& c = cycles[r.cycle];
        if (r.running()) {
            c.open = true;
            continue;
        }
        c.intervals.emplace_back(r.start_ms, *r.end_ms);
        c.steps.insert(r.step);
        if (r.valid()) {
            c.has_valid = true;
            const Step* step = session.find_step(r.step);
            if (step && step->value_class == ValueClass::value_added) c.value_added.emplace_back(r.start_ms, *r.end_ms);
        }
    }
    // With independent timers a cycle need not hold every step (a mismatch is resolved only
    // sometimes), so once the walk is over its last cycle closes too.
    const bool last_closes = walk_over && session.settings.timing_mode == TimingMode::independent;
    for (auto& entry : cycles) {
        // Not a structured binding: clang 14 cannot capture one in the lambda below.
        Cycle& c = entry.second;
        const bool every_step = std::all_of(session.steps.begin(), session.steps.end(),
                                            [&](const Step& s) { return c.steps.count(s.id) != 0; });
        c.closed = !c.open && !c.intervals.empty() && (entry.first < state.current_cycle() || every_step || last_closes);
    }
    return cycles;
}

// Lead time, waiting and flow efficiency, from the closed cycles.
void summarize_cycles(const Session& session, const LogState& state, const std::map<std::int64_t, Cycle>& cycles,
                      SessionSummary& out) {
    double lead_total = 0, waiting_total = 0, value_added_total = 0;
    bool valid_in_closed = false;
    std::size_t closed = 0;
    for (const auto& [number, c] : cycles) {
        if (!c.closed) continue;
        std::int64_t first = c.intervals.front().first, last = c.intervals.front().second;
        for (const auto& [start, end] : c.intervals) {
            first = std::min(first, start);
            last = std::max(last, end);
        }
        const std::int64_t lead = last - first - state.paused_ms_between(first, last);
        lead_total += static_cast<double>(lead);
        waiting_total += static_cast<double>(lead - covered_ms(c.intervals, state));
        value_added_total += static_cast<double>(covered_ms(c.value_added, state));
        valid_in_closed = valid_in_closed || c.has_valid;
        ++closed;
    }
    if (closed > 0) {
        out.lead_time_ms = lead_total / static_cast<double>(closed);
        out.waiting_ms = waiting_total / static_cast<double>(closed);
    }

    if (session.settings.timing_mode == TimingMode::lap) {
        if (out.value_added_ms && out.lead_time_ms && *out.lead_time_ms > 0)
            out.flow_efficiency = *out.value_added_ms / *out.lead_time_ms;
        return;
    }
    if (valid_in_closed && lead_total > 0) out.flow_efficiency = value_added_total / lead_total;
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

    const std::map<std::int64_t, Cycle> cycles = find_cycles(session, state, !now_ms.has_value());
    std::set<std::int64_t> closed_cycles;
    for (const auto& [number, c] : cycles)
        if (c.closed) closed_cycles.insert(number);
    out.cycles_closed = closed_cycles.size();

    std::size_t running_readings = 0;
    bool any_observed = false;
    double work_content = 0, value_added = 0, necessary = 0, non_value_added = 0;
    std::vector<std::string> too_few_for_3_sd;
    for (const Step& step : session.steps) {
        StepSummary s = summarize_step(step, state, settings, out.z, closed_cycles);
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

    summarize_cycles(session, state, cycles, out);
    summarize_cycle_time(settings, out);
    summarize_takt(settings, out);
    summarize_wastes(session, state, out.elapsed_ms, out);
    return out;
}

}  // namespace gemba
