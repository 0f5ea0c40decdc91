#include "core/report/charts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
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

// Ticks of `step` from 0 to the first multiple of it at or above `largest`.
AxisTicks ticks_of(double largest, double step) {
    AxisTicks out;
    out.step = step;
    const double intervals = std::ceil(largest / step - 1e-9);
    for (double i = 0; i <= intervals; ++i) out.values.push_back(i * step);
    out.top = out.values.back();
    return out;
}

}  // namespace

AxisTicks nice_ticks(double largest, int max_intervals, double min_step) {
    if (!(largest > 0) || max_intervals < 1) return {};
    const double raw = std::max(largest / max_intervals, min_step);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * decade;
    for (double m : {1.0, 2.0, 5.0})
        if (m * decade >= raw * (1 - 1e-9)) {
            step = m * decade;
            break;
        }
    return ticks_of(largest, step);
}

AxisTicks time_ticks(double largest_ms, int max_intervals) {
    if (!(largest_ms > 0) || max_intervals < 1) return {};
    constexpr double s = 1000, min = 60 * s, h = 60 * min, d = 24 * h;
    constexpr std::array kSteps = {100.0,  200.0,  500.0,   1 * s,  2 * s,  5 * s,  10 * s, 15 * s, 30 * s,
                                   1 * min, 2 * min, 5 * min, 10 * min, 15 * min, 30 * min, 1 * h,  2 * h,
                                   3 * h,  6 * h,  12 * h,  1 * d};
    const double raw = largest_ms / max_intervals;
    for (double step : kSteps)
        if (step >= raw * (1 - 1e-9)) return ticks_of(largest_ms, step);
    // Beyond a day per interval: whole days, counted as plain numbers.
    return ticks_of(largest_ms, d * nice_ticks(raw / d, 1, 1).step);
}

std::string time_tick_label(double ms, double step_ms, double top_ms) {
    char text[48];
    const auto whole = static_cast<long long>(std::llround(ms / 1000.0));  // seconds
    if (step_ms < 1000)
        std::snprintf(text, sizeof text, "%.1f s", ms / 1000.0);
    else if (top_ms <= 60'000)
        std::snprintf(text, sizeof text, "%lld s", whole);
    else if (top_ms <= 3'600'000)
        std::snprintf(text, sizeof text, "%lld:%02lld", whole / 60, whole % 60);
    else if (top_ms <= 86'400'000)
        std::snprintf(text, sizeof text, "%lld:%02lld h", whole / 3600, whole / 60 % 60);
    else if (whole % 86'400 == 0)
        std::snprintf(text, sizeof text, "%lld d", whole / 86'400);
    else if (whole < 86'400)
        std::snprintf(text, sizeof text, "%lld h", whole / 3600);
    else
        std::snprintf(text, sizeof text, "%lld d %lld h", whole / 86'400, whole / 3600 % 24);
    return text;
}

YamazumiScale yamazumi_scale(const Yamazumi& chart, int max_intervals) {
    YamazumiScale out;
    double tallest = 0;
    for (const YamazumiStack& stack : chart.stacks) tallest = std::max(tallest, stack.total_ms);
    if (tallest <= 0) return out;
    const double takt = chart.takt_ms.value_or(0.0);
    if (takt > 0) out.tallest_over_takt = tallest / takt;
    out.takt_off_scale = takt > 2 * tallest;
    out.ticks = time_ticks(out.takt_off_scale || takt <= tallest ? tallest * 1.2 : takt * 1.1, max_intervals);
    return out;
}

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
