// The numbers behind the Summary's charts, computed once here and drawn by the GUI (or an HTML
// report): yamazumi stacks against takt, the waste Pareto with its cumulative line, and the
// timeline's lanes on a time axis. Times in ms; nothing here knows about pixels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// ---------------------------------------------------------------------------------------------
// Axes

// The ticks of an axis from 0: 0, step, 2·step, ... up to top (the last tick, ≥ the largest value
// shown). The step is a "nice" number a reader counts in without effort.
struct AxisTicks {
    double step = 0;
    double top = 0;
    std::vector<double> values;
};

// Counts and plain quantities: steps of 1, 2 or 5 × 10^k (never below min_step), the fewest that keep
// the number of intervals at most max_intervals. Empty for a largest value ≤ 0.
AxisTicks nice_ticks(double largest, int max_intervals, double min_step = 0);

// Times in ms: steps a clock reader counts in (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15,
// 30 min; 1, 2, 3, 6, 12 h; then days), the fewest that keep the intervals at most max_intervals.
AxisTicks time_ticks(double largest_ms, int max_intervals);

// A tick's label on a time axis running to top_ms with the given step: "1.5 s" for steps below a
// second, "45 s" on axes up to a minute, "2:30" (minutes:seconds) up to an hour, "1:30 h"
// (hours:minutes) up to a day, "12 h", "1 d", "2 d 6 h" beyond.
std::string time_tick_label(double ms, double step_ms, double top_ms);

// ---------------------------------------------------------------------------------------------
// Yamazumi

// One step's part of a stack: its time per unit (per occurrence × frequency), coloured by its
// value class, from base_ms up to base_ms + ms.
struct YamazumiSegment {
    StepId step = kNoStep;
    std::string name;
    ValueClass value_class = ValueClass::value_added;
    double per_occurrence_ms = 0;
    double frequency = 1;
    double ms = 0;
    double base_ms = 0;
};

struct YamazumiStack {
    std::string label;  // "Work content", "Standard", or the station's (step's) name
    std::string basis;  // what a segment's per-occurrence time is: "observed" or "standard"
    std::vector<YamazumiSegment> segments;  // bottom to top, plan order; steps with no time left out
    double total_ms = 0;                    // top of the stack
};

struct Yamazumi {
    std::vector<YamazumiStack> stacks;
    std::optional<double> takt_ms;
    // The largest time the chart must show (takt included); 0 when there is nothing to draw.
    double scale_ms = 0;
};

// How a yamazumi is scaled so that the work stays readable. With takt up to twice the tallest
// stack the axis runs to takt's nice ceiling and takt is a line across the stacks. Further above,
// drawing takt to scale would squeeze the stacks into slivers: the axis then runs to the tallest
// stack × 1.2 (nice ceiling) and takt is drawn as a marker at the top, labelled with its time and
// how much of it the tallest stack uses.
struct YamazumiScale {
    AxisTicks ticks;            // from 0 to ticks.top; empty with nothing to draw
    bool takt_off_scale = false;
    std::optional<double> tallest_over_takt;  // tallest stack ÷ takt, with a takt above 0
};
YamazumiScale yamazumi_scale(const Yamazumi& chart, int max_intervals);

// The unit's work for one operator: two stacks, the work content (each step's observed time ×
// frequency) and the standard time (standard × frequency).
Yamazumi operator_yamazumi(const SessionSummary& summary);

// Each step taken as its own station (independent timers, line balance): one stack per step with a
// valid reading, its observed time × frequency as one segment; the tallest is the bottleneck.
Yamazumi station_yamazumi(const SessionSummary& summary);

// ---------------------------------------------------------------------------------------------
// Pareto

struct ParetoBar {
    Waste waste = Waste::defects;
    std::string label;  // display name
    std::size_t count = 0;
    double share = 0;             // of all tags
    double cumulative_share = 0;  // the cumulative line's point above this bar
    std::int64_t timed_ms = 0;
};

struct ParetoChart {
    std::vector<ParetoBar> bars;  // wastes with tags, in Pareto order
    std::size_t max_count = 0;    // the tallest bar
};

ParetoChart waste_pareto_chart(const std::vector<WasteCount>& pareto);

// ---------------------------------------------------------------------------------------------
// Timeline

// The timeline's axis is watch time: session time with paused stretches left out, from 0 to the
// observed time; readings and tags sit where the stopwatch stood.

struct TimelineBar {
    std::size_t reading = 0;  // index into LogState::readings()
    std::int64_t start_ms = 0, end_ms = 0;  // watch time; a running reading ends at the summary's end
    bool excluded = false;
    bool running = false;
};

// One step's lane: its readings (deleted ones left out) sorted by start.
struct TimelineLane {
    StepId step = kNoStep;
    std::string name;
    ValueClass value_class = ValueClass::value_added;
    std::vector<TimelineBar> bars;
};

struct TimelineTag {
    std::size_t tag = 0;  // index into LogState::tags()
    Waste waste = Waste::defects;
    std::int64_t at_ms = 0;                // watch time
    std::optional<std::int64_t> end_ms;    // timed tags: watch time of the end (running: the summary's end)
};

// A pause sits at one point of the axis (its time is left out); it lasted length_ms.
struct TimelinePause {
    std::int64_t at_ms = 0;
    std::int64_t length_ms = 0;
    bool running = false;
};

struct Timeline {
    std::int64_t span_ms = 0;          // the observed time: the axis runs from 0 to here
    std::vector<TimelineLane> lanes;   // plan order
    std::vector<TimelineTag> tags;     // log order, deleted ones left out
    std::vector<TimelinePause> pauses; // in order
};

Timeline timeline(const Session& session, const LogState& state, const SessionSummary& summary);

}  // namespace gemba
