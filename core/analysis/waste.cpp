#include "core/analysis/waste.hpp"

#include <algorithm>
#include <map>

#include "core/model/step_name.hpp"

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

std::vector<WasteCount> empty_tally() {
    std::vector<WasteCount> tally;
    for (Waste w : kWastes) {
        WasteCount count;
        count.waste = w;
        tally.push_back(count);
    }
    return tally;
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

}  // namespace

namespace analysis {

void summarize_wastes(const Session& session, const LogState& state, std::int64_t now_ms, SessionSummary& out) {
    std::vector<WasteCount> by_waste = empty_tally();
    std::map<StepId, StepWasteCount> by_step;
    for (const WasteTag& t : state.tags()) {
        if (t.removed) continue;
        WasteCount& wc = by_waste[waste_rank(t.waste)];
        const std::int64_t duration = state.duration_ms(t, now_ms);
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
        sc.name = step_name(session, id);
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

}  // namespace analysis

std::vector<WasteCount> combine_waste_tallies(const std::vector<const SessionSummary*>& summaries) {
    std::vector<WasteCount> combined = empty_tally();
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

}  // namespace gemba
