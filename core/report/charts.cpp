#include "core/report/charts.hpp"

#include <algorithm>
#include <unordered_map>

namespace gemba {
namespace {

YamazumiStack stack(std::string label, const std::vector<StepSummary>& steps, bool standard) {
    YamazumiStack out;
    out.label = std::move(label);
    out.basis = standard ? "standard" : "observed";
    for (const StepSummary& s : steps) {
        const double per_occurrence = (standard ? s.standard_ms : s.observed_ms).value_or(0.0);
        const double ms = per_occurrence * s.frequency;
        if (ms <= 0) continue;
        out.segments.push_back({s.step, s.name, s.value_class, per_occurrence, s.frequency, ms, out.total_ms});
        out.total_ms += ms;
    }
    return out;
}

}  // namespace

Yamazumi operator_yamazumi(const SessionSummary& s) {
    Yamazumi out;
    out.stacks.push_back(stack("Work content", s.steps, false));
    out.stacks.push_back(stack("Standard", s.steps, true));
    out.takt_ms = s.takt_ms;
    out.scale_ms = std::max({s.takt_ms.value_or(0.0), s.work_content_ms.value_or(0.0), s.cycle_time_ms.value_or(0.0),
                             s.standard_time_ms.value_or(0.0)});
    return out;
}

Yamazumi station_yamazumi(const SessionSummary& s) {
    Yamazumi out;
    out.takt_ms = s.takt_ms;
    out.scale_ms = s.takt_ms.value_or(0.0);
    for (const StepSummary& step : s.steps) {
        if (!step.observed_ms) continue;
        YamazumiStack station = stack(step.name, {step}, false);
        out.scale_ms = std::max(out.scale_ms, station.total_ms);
        out.stacks.push_back(std::move(station));
    }
    return out;
}

ParetoChart waste_pareto_chart(const std::vector<WasteCount>& pareto) {
    ParetoChart out;
    for (const WasteCount& w : pareto) {
        if (w.count == 0) continue;
        out.bars.push_back({w.waste, std::string(display_name(w.waste)), w.count, w.share, w.cumulative_share, w.timed_ms});
        out.max_count = std::max(out.max_count, w.count);
    }
    return out;
}

Timeline timeline(const Session& session, const LogState& state, const SessionSummary& summary) {
    Timeline out;
    out.span_ms = summary.observed_ms;
    const std::int64_t end = summary.elapsed_ms;
    const auto watch = [&](std::int64_t ms) { return ms - state.paused_ms_between(0, ms); };

    std::unordered_map<StepId, std::size_t> lane_of;
    for (std::size_t i = 0; i < session.steps.size(); ++i) {
        const Step& step = session.steps[i];
        lane_of.emplace(step.id, i);  // the first step with an id gets its readings
        out.lanes.push_back({step.id, step.name, step.value_class, {}});
    }
    const std::vector<Reading>& readings = state.readings();
    for (std::size_t i = 0; i < readings.size(); ++i) {
        const Reading& r = readings[i];
        const auto lane = lane_of.find(r.step);
        if (r.removed || lane == lane_of.end()) continue;
        out.lanes[lane->second].bars.push_back(
            {i, watch(r.start_ms), watch(r.end_ms.value_or(end)), r.excluded, r.running()});
    }
    for (TimelineLane& lane : out.lanes)
        std::stable_sort(lane.bars.begin(), lane.bars.end(),
                         [](const TimelineBar& a, const TimelineBar& b) { return a.start_ms < b.start_ms; });

    const std::vector<WasteTag>& tags = state.tags();
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const WasteTag& t = tags[i];
        if (t.removed) continue;
        TimelineTag tag{i, t.waste, watch(t.start_ms), std::nullopt};
        if (t.timed) tag.end_ms = watch(t.end_ms.value_or(end));
        out.tags.push_back(tag);
    }
    for (const PauseInterval& p : state.pauses()) {
        const std::int64_t pause_end = p.end_ms.value_or(std::max(end, p.start_ms));
        out.pauses.push_back({watch(p.start_ms), pause_end - p.start_ms, !p.end_ms.has_value()});
    }
    return out;
}

}  // namespace gemba
