// Presentation in core/report: the step-name rule, the step-statistics column table and the chart
// data (yamazumi, Pareto, timeline); and a step's valid readings for pooling (core/analysis).
// Every expected number is worked out by hand in the comment next to it; times there are seconds.
#include <doctest/doctest.h>

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/analysis/time_study.hpp"
#include "core/model/step_name.hpp"
#include "core/report/charts.hpp"
#include "core/report/columns.hpp"
#include "core/report/event_text.hpp"
#include "core/report/text_summary.hpp"
#include "tests/recorded_walk.hpp"

using doctest::Approx;
using namespace gemba;
using gemba::test::make_step;
using Walk = gemba::test::RecordedWalk;

namespace {

// The Recorder's tap for an exclusion (an edit: at the clock's current time).
void exclude(Walk& walk, EventId reading) { REQUIRE(walk.recorder().exclude(reading, "dropped part").recorded); }

// Three steps in lap timing, two cycles, and six waste tags:
//   cycle 1: Pick 0–10, Fit 10–14, Check 14–20;  cycle 2: Pick 20–32, Fit 32–36, Check 36–44.
//   Pick (VA, allowance 10 %): 10, 12 → OT 11, ST 11 × 1.1 = 12.1
//   Fit (NNVA, 0 %): 4, 4 → OT 4, ST 4
//   Check (NVA, 20 %): 6, 8 → OT 7, ST 7 × 1.2 = 8.4
//   Both cycles close (the second holds every step and nothing runs): frequency 1 for each.
//   Takt = 3600 s ÷ 150 units = 24 s.
//   Tags: waiting at 1, 2, 3 (Pick), motion at 11, 12 (Fit), defects at 15 (Check).
struct ThreeStepWalk {
    Walk walk{{make_step(1, "Pick", ValueClass::value_added, 100.0, 10.0),
               make_step(2, "Fit", ValueClass::necessary_non_value_added),
               make_step(3, "Check", ValueClass::non_value_added, 100.0, 20.0)},
              [] {
                  StudySettings s;
                  s.takt_available_ms = 3'600'000;
                  s.takt_demand_units = 150.0;
                  return s;
              }()};
    ThreeStepWalk() {
        walk.next(0);
        walk.tag(1, Waste::waiting);
        walk.tag(2, Waste::waiting);
        walk.tag(3, Waste::waiting);
        walk.next(10);
        walk.tag(11, Waste::motion);
        walk.tag(12, Waste::motion);
        walk.next(14);
        walk.tag(15, Waste::defects);
        walk.next(20);
        walk.next(32);
        walk.next(36);
        walk.stop(44);
    }
};

StepSummary sample_step() {
    StepSummary s;
    s.step = 4;
    s.name = "=Sand, edges";
    s.value_class = ValueClass::necessary_non_value_added;
    s.rating_pct = 110.0;
    s.allowance_pct = 12.5;
    s.stats.n = 11;
    s.stats.mean = 12345.0;
    s.stats.cv = 0.0881;
    s.frequency = 4.0 / 11.0;
    s.required_cycles = 18;
    return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Names

TEST_CASE("step_name: the plan's name, brackets for no step and for an id the plan lacks") {
    Session session;
    session.steps = {make_step(1, "Pick", ValueClass::value_added)};
    CHECK(step_name(session, 1) == "Pick");
    CHECK(step_name(session, kNoStep) == "(no step running)");
    CHECK(step_name(session, 7) == "(step 7)");
}

// ---------------------------------------------------------------------------------------------
// The column table

TEST_CASE("step columns: CSV headers in StepField order") {
    std::string headers;
    for (const StepColumn& c : step_columns()) headers += std::string(c.key) + ",";
    CHECK(headers == "step_id,step,value_class,rating_pct,allowance_pct,valid_n,excluded_n,deleted_n,mean_s,median_s,"
                     "sd_s,cv_pct,min_s,max_s,observed_s,frequency,normal_s,standard_s,required_cycles,more_cycles,"
                     "outliers,");
    for (std::size_t i = 0; i < step_columns().size(); ++i)
        CHECK(static_cast<std::size_t>(step_columns()[i].field) == i);
}

TEST_CASE("step columns: one value, written for a CSV file and for a person") {
    const StepSummary s = sample_step();
    const auto both = [&](StepField f) {
        return std::make_pair(csv_cell(step_column(f), s), text_cell(step_column(f), s));
    };
    CHECK(both(StepField::step_id) == std::make_pair(std::string("4"), std::string("4")));
    // The name as typed; the CSV writer guards it (typed), the cell itself is plain.
    CHECK(both(StepField::name).first == "=Sand, edges");
    CHECK(step_column(StepField::name).typed);
    CHECK(both(StepField::value_class) == std::make_pair(std::string("necessary_non_value_added"), std::string("NNVA")));
    // 110 % with one decimal in CSV, none for a person.
    CHECK(both(StepField::rating) == std::make_pair(std::string("110.0"), std::string("110 %")));
    CHECK(both(StepField::allowance) == std::make_pair(std::string("12.5"), std::string("12 %")));
    CHECK(both(StepField::valid_n) == std::make_pair(std::string("11"), std::string("11")));
    // 12 345 ms: 12.345 s in CSV, 12.3 s for a person.
    CHECK(both(StepField::mean) == std::make_pair(std::string("12.345"), std::string("12.3 s")));
    // CV 0.0881 = 8.81 %: the CSV's cv_pct has 2 decimals, a person sees 1.
    CHECK(both(StepField::cv) == std::make_pair(std::string("8.81"), std::string("8.8 %")));
    // 4/11 = 0.363636...
    CHECK(both(StepField::frequency) == std::make_pair(std::string("0.3636"), std::string("0.36")));
    CHECK(both(StepField::required_cycles) == std::make_pair(std::string("18"), std::string("18")));
    // Missing values: an empty CSV cell, the missing mark for a person.
    CHECK(both(StepField::sd) == std::make_pair(std::string(""), std::string(kMissingMark)));
    CHECK(both(StepField::more_cycles) == std::make_pair(std::string(""), std::string(kMissingMark)));
    CHECK(both(StepField::outliers) == std::make_pair(std::string("0"), std::string("0")));
}

TEST_CASE("step columns: the summary JSON's step members are the schema's, in its order") {
    std::ifstream in(std::string(GEMBA_SOURCE_DIR) + "/data/schema/summary.schema.json");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    rapidjson::Document schema;
    schema.Parse(text.c_str());
    REQUIRE(!schema.HasParseError());
    const rapidjson::Value* required = rapidjson::Pointer("/definitions/step/required").Get(schema);
    REQUIRE(required != nullptr);
    std::vector<std::string> schema_keys, table_keys;
    for (const rapidjson::Value& key : required->GetArray()) schema_keys.emplace_back(key.GetString());
    for (StepField field : json_step_fields()) table_keys.emplace_back(step_column(field).json_key);
    CHECK(table_keys == schema_keys);
}

TEST_CASE("step columns: the summary JSON's id lists") {
    StepSummary s = sample_step();
    s.valid_readings = {3, 8, 12};
    const StepCell cell = step_column(StepField::valid_readings).value(s);
    REQUIRE(std::holds_alternative<std::span<const EventId>>(cell));
    CHECK(std::get<std::span<const EventId>>(cell).size() == 3);
    CHECK(text_cell(step_column(StepField::valid_readings), s) == "3 8 12");
    CHECK(step_column(StepField::outlier_readings).json_key == "outliers");
    CHECK(step_column(StepField::outliers).json_key.empty());  // the CSV's count; the JSON lists them
}

TEST_CASE("bottleneck_name: the step the summary names, nothing without one") {
    SessionSummary summary;
    summary.steps = {sample_step()};
    CHECK(!bottleneck_name(summary));
    summary.bottleneck_step = summary.steps[0].step;
    CHECK(bottleneck_name(summary) == summary.steps[0].name);
    summary.bottleneck_step = 99;  // no such step
    CHECK(!bottleneck_name(summary));
}

// ---------------------------------------------------------------------------------------------
// Yamazumi

TEST_CASE("yamazumi for one operator: work content and standard stacks against takt") {
    const ThreeStepWalk w;
    const Yamazumi chart = operator_yamazumi(w.walk.summary());
    REQUIRE(chart.stacks.size() == 2);
    const YamazumiStack& work = chart.stacks[0];
    CHECK(work.label == "Work content");
    CHECK(work.basis == "observed");
    REQUIRE(work.segments.size() == 3);
    // Pick 0–11, Fit 11–15, Check 15–22: the work content is 22 s.
    CHECK(work.segments[0].name == "Pick");
    CHECK(work.segments[0].value_class == ValueClass::value_added);
    CHECK(work.segments[0].base_ms == 0.0);
    CHECK(work.segments[0].ms == 11000.0);
    CHECK(work.segments[1].value_class == ValueClass::necessary_non_value_added);
    CHECK(work.segments[1].base_ms == 11000.0);
    CHECK(work.segments[1].ms == 4000.0);
    CHECK(work.segments[2].value_class == ValueClass::non_value_added);
    CHECK(work.segments[2].base_ms == 15000.0);
    CHECK(work.segments[2].ms == 7000.0);
    CHECK(work.total_ms == 22000.0);
    // Standard: Pick 12.1, Fit 4 (from 12.1 to 16.1), Check 8.4 (16.1 to 24.5).
    const YamazumiStack& standard = chart.stacks[1];
    CHECK(standard.label == "Standard");
    CHECK(standard.basis == "standard");
    REQUIRE(standard.segments.size() == 3);
    CHECK(standard.segments[0].ms == Approx(12100.0));
    CHECK(standard.segments[0].per_occurrence_ms == Approx(12100.0));
    CHECK(standard.segments[1].base_ms == Approx(12100.0));
    CHECK(standard.segments[2].base_ms == Approx(16100.0));
    CHECK(standard.segments[2].ms == Approx(8400.0));
    CHECK(standard.total_ms == Approx(24500.0));
    // Takt 24 s; the tallest mark is the standard stack, 24.5 s.
    REQUIRE(chart.takt_ms);
    CHECK(*chart.takt_ms == 24000.0);
    CHECK(chart.scale_ms == Approx(24500.0));
}

TEST_CASE("yamazumi by station: one stack per step with valid readings, against takt") {
    const ThreeStepWalk w;
    const Yamazumi chart = station_yamazumi(w.walk.summary());
    REQUIRE(chart.stacks.size() == 3);
    CHECK(chart.stacks[0].label == "Pick");
    CHECK(chart.stacks[0].total_ms == 11000.0);
    CHECK(chart.stacks[1].total_ms == 4000.0);
    CHECK(chart.stacks[2].total_ms == 7000.0);
    CHECK(chart.stacks[2].segments.at(0).value_class == ValueClass::non_value_added);
    // Every station is below the 24 s takt, which sets the scale.
    CHECK(chart.scale_ms == 24000.0);
}

TEST_CASE("yamazumi: steps without valid readings are left out, an empty chart has no scale") {
    Walk walk({make_step(1, "Pick", ValueClass::value_added)});
    const Yamazumi chart = operator_yamazumi(walk.summary());
    CHECK(chart.stacks.at(0).segments.empty());
    CHECK(chart.scale_ms == 0.0);
    CHECK(station_yamazumi(walk.summary()).stacks.empty());
}

// ---------------------------------------------------------------------------------------------
// Axes

namespace {
std::vector<std::string> labels_of(const AxisTicks& t) {
    std::vector<std::string> out;
    for (double v : t.values) out.push_back(time_tick_label(v, t.step, t.top));
    return out;
}
Yamazumi one_stack(double total_ms, std::optional<double> takt_ms) {
    Yamazumi chart;
    chart.stacks.push_back(YamazumiStack{"Work content", "observed", {}, total_ms});
    chart.takt_ms = takt_ms;
    return chart;
}
}  // namespace

TEST_CASE("nice_ticks: steps of 1, 2 or 5 × 10^k from 0 to the first tick at or above the largest") {
    // 7 in at most 5 intervals: 7/5 = 1.4 → 2; ⌈7/2⌉ = 4 intervals → 0 2 4 6 8.
    AxisTicks t = nice_ticks(7, 5);
    CHECK(t.step == 2);
    CHECK(t.top == 8);
    CHECK(t.values == std::vector<double>{0, 2, 4, 6, 8});
    // 100 in at most 4: 25 → 50 (10 and 20 are too small) → 0 50 100.
    t = nice_ticks(100, 4);
    CHECK(t.step == 50);
    CHECK(t.values == std::vector<double>{0, 50, 100});
    // Counts never step below 1: 3 in 5 would be 0.6 → 1 → 0 1 2 3.
    t = nice_ticks(3, 5, 1);
    CHECK(t.step == 1);
    CHECK(t.values == std::vector<double>{0, 1, 2, 3});
    CHECK(nice_ticks(0, 5).values.empty());
}

TEST_CASE("time_ticks: clock steps and labels a stopwatch reader counts in") {
    // 2:05 in at most 6 intervals: 20.8 s → 30 s; ⌈125/30⌉ = 5 intervals up to 2:30.
    AxisTicks t = time_ticks(125'000, 6);
    CHECK(t.step == 30'000);
    CHECK(labels_of(t) == std::vector<std::string>{"0:00", "0:30", "1:00", "1:30", "2:00", "2:30"});
    // 45 s in 5: 9 s → 10 s, up to 50 s; an axis within a minute reads in seconds.
    t = time_ticks(45'000, 5);
    CHECK(t.step == 10'000);
    CHECK(labels_of(t) == std::vector<std::string>{"0 s", "10 s", "20 s", "30 s", "40 s", "50 s"});
    // 2.4 s in 5: 0.48 s → 0.5 s, up to 2.5 s.
    t = time_ticks(2'400, 5);
    CHECK(t.step == 500);
    CHECK(labels_of(t) == std::vector<std::string>{"0.0 s", "0.5 s", "1.0 s", "1.5 s", "2.0 s", "2.5 s"});
    // 3 h in 6: 30 min steps, in hours:minutes.
    t = time_ticks(3.0 * 3'600'000, 6);
    CHECK(t.step == 1'800'000);
    CHECK(labels_of(t).at(1) == "0:30 h");
    CHECK(labels_of(t).back() == "3:00 h");
    // 4 days in 6: 16 h → 1 day; 10 days in 4: 2.5 days → 5 days.
    t = time_ticks(4.0 * 86'400'000, 6);
    CHECK(t.step == 86'400'000);
    CHECK(labels_of(t) == std::vector<std::string>{"0 d", "1 d", "2 d", "3 d", "4 d"});
    t = time_ticks(10.0 * 86'400'000, 4);
    CHECK(t.step == 5.0 * 86'400'000);
    CHECK(t.values.size() == 3);
    // 1.5 days in 4: 9 h → 12 h steps: within the first day in hours, then days and hours.
    t = time_ticks(1.5 * 86'400'000, 4);
    CHECK(t.step == 12 * 3'600'000);
    CHECK(labels_of(t) == std::vector<std::string>{"0 d", "12 h", "1 d", "1 d 12 h"});
    CHECK(time_tick_label(2.0 * 86'400'000 + 6 * 3'600'000, 6 * 3'600'000, 5.0 * 86'400'000) == "2 d 6 h");
}

TEST_CASE("yamazumi_scale: takt to scale up to twice the tallest stack, a marker at the top beyond") {
    SUBCASE("takt far above the work: the axis fits the work, takt is off scale") {
        // 30 s of work, takt 5:00: 30 × 1.2 = 36 s in 5 intervals → 10 s steps, up to 40 s.
        const YamazumiScale s = yamazumi_scale(one_stack(30'000, 300'000), 5);
        CHECK(s.takt_off_scale);
        CHECK(s.ticks.top == 40'000);
        CHECK(*s.tallest_over_takt == Approx(0.1));
    }
    SUBCASE("takt within twice the work: the axis runs past takt") {
        // Takt 45 s: 45 × 1.1 = 49.5 s → 10 s steps up to 50 s. Exactly twice (60 s): 66 s → 15 s to 75 s.
        YamazumiScale s = yamazumi_scale(one_stack(30'000, 45'000), 5);
        CHECK_FALSE(s.takt_off_scale);
        CHECK(s.ticks.top == 50'000);
        s = yamazumi_scale(one_stack(30'000, 60'000), 5);
        CHECK_FALSE(s.takt_off_scale);
        CHECK(s.ticks.step == 15'000);
        CHECK(s.ticks.top == 75'000);
    }
    SUBCASE("work above takt, or no takt: the axis runs to the work × 1.2") {
        // 33.2 s over a 30 s takt: 39.84 s → 10 s steps up to 40 s.
        YamazumiScale s = yamazumi_scale(one_stack(33'200, 30'000), 5);
        CHECK_FALSE(s.takt_off_scale);
        CHECK(s.ticks.top == 40'000);
        CHECK(*s.tallest_over_takt == Approx(33.2 / 30.0));
        s = yamazumi_scale(one_stack(33'200, std::nullopt), 5);
        CHECK(s.ticks.top == 40'000);
        CHECK_FALSE(s.tallest_over_takt);
    }
    SUBCASE("nothing to draw: no ticks") {
        CHECK(yamazumi_scale(one_stack(0, 30'000), 5).ticks.values.empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Pareto

TEST_CASE("waste Pareto chart: bars in Pareto order with the cumulative line") {
    const ThreeStepWalk w;
    const ParetoChart chart = waste_pareto_chart(w.walk.summary().waste_pareto);
    // 6 tags: waiting 3 (1/2), motion 2 (1/3), defects 1 (1/6); the other five wastes have no bar.
    REQUIRE(chart.bars.size() == 3);
    CHECK(chart.max_count == 3);
    CHECK(chart.bars[0].waste == Waste::waiting);
    CHECK(chart.bars[0].label == display_name(Waste::waiting));
    CHECK(chart.bars[0].count == 3);
    CHECK(chart.bars[0].share == 0.5);
    CHECK(chart.bars[0].cumulative_share == 0.5);
    CHECK(chart.bars[1].waste == Waste::motion);
    CHECK(chart.bars[1].share == Approx(1.0 / 3.0));
    CHECK(chart.bars[1].cumulative_share == Approx(5.0 / 6.0));
    CHECK(chart.bars[2].waste == Waste::defects);
    CHECK(chart.bars[2].cumulative_share == Approx(1.0));
}

TEST_CASE("waste Pareto chart: no tags, no bars") {
    Walk walk({make_step(1, "Pick", ValueClass::value_added)});
    const ParetoChart chart = waste_pareto_chart(walk.summary().waste_pareto);
    CHECK(chart.bars.empty());
    CHECK(chart.max_count == 0);
}

// ---------------------------------------------------------------------------------------------
// Timeline

TEST_CASE("timeline: lanes of readings, tags and pauses on the watch-time axis") {
    // Lap: Pick 0–10 with a pause 5–8 inside it, Fit 10–15; waiting tagged at 12; timed motion 13–14.
    // Watch time leaves the 3 s pause out: Pick 0–7, Fit 7–12, the tag at 9, motion 10–11; the
    // pause sits at 5 and lasted 3; the axis runs to 15 − 3 = 12.
    Walk walk({make_step(1, "Pick", ValueClass::value_added), make_step(2, "Fit", ValueClass::non_value_added)});
    walk.next(0);
    walk.pause(5);
    walk.pause(8);
    walk.next(10);
    walk.tag(12, Waste::waiting);
    walk.timed(13, Waste::motion);
    walk.timed(14, Waste::motion);
    walk.stop(15);
    const Timeline t = timeline(walk.session(), walk.state(), walk.summary());
    CHECK(t.span_ms == 12000);
    REQUIRE(t.lanes.size() == 2);
    CHECK(t.lanes[0].name == "Pick");
    CHECK(t.lanes[1].value_class == ValueClass::non_value_added);
    REQUIRE(t.lanes[0].bars.size() == 1);
    CHECK(t.lanes[0].bars[0].start_ms == 0);
    CHECK(t.lanes[0].bars[0].end_ms == 7000);
    REQUIRE(t.lanes[1].bars.size() == 1);
    CHECK(t.lanes[1].bars[0].start_ms == 7000);
    CHECK(t.lanes[1].bars[0].end_ms == 12000);
    CHECK(walk.state().readings()[t.lanes[1].bars[0].reading].step == 2);
    REQUIRE(t.tags.size() == 2);
    CHECK(t.tags[0].waste == Waste::waiting);
    CHECK(t.tags[0].at_ms == 9000);
    CHECK_FALSE(t.tags[0].end_ms);
    CHECK(t.tags[1].at_ms == 10000);
    CHECK(t.tags[1].end_ms == std::optional<std::int64_t>(11000));
    REQUIRE(t.pauses.size() == 1);
    CHECK(t.pauses[0].at_ms == 5000);
    CHECK(t.pauses[0].length_ms == 3000);
    CHECK_FALSE(t.pauses[0].running);
}

TEST_CASE("timeline: excluded readings stay in their lane, marked") {
    Walk walk({make_step(1, "Pick", ValueClass::value_added)});
    const EventId first = walk.next(0);
    walk.next(4);
    walk.stop(6);
    exclude(walk, first);
    const Timeline t = timeline(walk.session(), walk.state(), walk.summary());
    REQUIRE(t.lanes.at(0).bars.size() == 2);
    CHECK(t.lanes[0].bars[0].excluded);
    CHECK_FALSE(t.lanes[0].bars[1].excluded);
}

// ---------------------------------------------------------------------------------------------
// A step's valid readings, for pooling sessions

TEST_CASE("valid_readings: the summary's valid readings of a step, their durations in start order") {
    // Pick 0–4 (excluded), 4–9, 9–15: valid 5 and 6.
    Walk walk({make_step(1, "Pick", ValueClass::value_added)});
    const EventId first = walk.next(0);
    const EventId second = walk.next(4);
    const EventId third = walk.next(9);
    walk.stop(15);
    exclude(walk, first);
    const ValidReadings readings = valid_readings(walk.state(), 1);
    CHECK(readings.ids == std::vector<EventId>{second, third});
    CHECK(readings.duration_ms == std::vector<double>{5000.0, 6000.0});
    CHECK(readings.ids == walk.summary().steps.at(0).valid_readings);
    CHECK(valid_readings(walk.state(), 2).ids.empty());
}

TEST_CASE("study_step: readings pooled from two sessions give one time study") {
    // Session 1: Pick 10, 12 (ThreeStepWalk); session 2: Pick 5, 6 (+ an excluded 4).
    // Pooled 10, 12, 5, 6: n 4, OT 33/4 = 8.25, ST with 10 % = 9.075.
    const ThreeStepWalk one;
    Walk two({make_step(1, "Pick", ValueClass::value_added)});
    const EventId first = two.next(0);
    two.next(4);
    two.next(9);
    two.stop(15);
    exclude(two, first);
    ValidReadings pooled = valid_readings(one.walk.state(), 1);
    const ValidReadings more = valid_readings(two.state(), 1);
    pooled.ids.insert(pooled.ids.end(), more.ids.begin(), more.ids.end());
    pooled.duration_ms.insert(pooled.duration_ms.end(), more.duration_ms.begin(), more.duration_ms.end());
    StepSummary out;
    const Step& step = one.walk.session().steps[0];
    study_step(step, pooled, one.walk.session().settings, session_z(one.walk.session().settings), out);
    CHECK(out.stats.n == 4);
    REQUIRE(out.observed_ms);
    CHECK(*out.observed_ms == 8250.0);
    CHECK(*out.standard_ms == Approx(9075.0));
    CHECK(out.valid_readings.size() == 4);
}

TEST_CASE("describe_event: steps, cycles and walk-clock times, never an internal event number") {
    // Lap, Pick and Fasten: Pick 0–6 with a pause 3–5 (walk clock 0–4), Fasten 6–9 (walk clock 4–7),
    // a motion tag at 2 on Pick; then edits at 9 and an undo.
    gemba::test::RecordedWalk w({gemba::test::make_step(1, "Pick"), gemba::test::make_step(2, "Fasten")});
    const EventId pick = w.next(0);
    const EventId motion = w.tag(2, Waste::motion);
    w.pause(3);
    w.pause(5);
    const EventId fasten = w.next(6);
    w.stop(9);
    Recorder& rec = w.recorder();
    REQUIRE(rec.exclude(fasten, "phone call").recorded);
    REQUIRE(rec.undo().recorded);
    REQUIRE(rec.set_start(pick, 1'000).recorded);
    REQUIRE(rec.split(fasten, 7'000).recorded);  // walk clock 7 − 2 = 5
    REQUIRE(rec.remove(motion).recorded);
    REQUIRE(rec.add_note("loose bolt", fasten).recorded);
    const Session& s = w.session();
    const LogState& state = w.state();
    const auto text = [&](std::size_t from_end) { return describe_event(s, state, s.events[s.events.size() - 1 - from_end]); };
    CHECK(text(0) == "Note: loose bolt");
    CHECK(text(1) == "Delete Motion (Pick) at 00:02.0");
    CHECK(text(2) == "Split Fasten, cycle 1 at 00:05.0");
    CHECK(text(3) == "Start of Pick, cycle 1 moved to 00:01.0");
    CHECK(text(4) == "Undo: Exclude Fasten, cycle 1 at 00:04.0: phone call");
    CHECK(text(5) == "Exclude Fasten, cycle 1 at 00:04.0: phone call");
    CHECK(text(6) == "End Fasten");
    CHECK(text(7) == "Lap: Pick → Fasten");
    for (const Event& e : s.events) {
        CAPTURE(to_string(e.kind));
        CHECK(describe_event(s, state, e).find('#') == std::string::npos);
        CHECK(describe_event(s, e).find('#') == std::string::npos);
    }
    // Without the state: no cycles and no times, the step still named.
    CHECK(describe_event(s, s.events[s.events.size() - 5]) == "Undo: Exclude Fasten: phone call");
}

TEST_CASE("walk times: as the clock shows them, to the millisecond for a field, and read back") {
    CHECK(walk_time_text(124'913) == "02:04.9");
    CHECK(walk_time_text(0) == "00:00.0");
    CHECK(walk_time_text(3'724'950) == "1:02:04.9");
    CHECK(walk_time_field_text(124'913) == "02:04.913");
    CHECK(walk_time_field_text(3'724'950) == "1:02:04.950");
    CHECK(parse_walk_time("02:04.913") == 124'913);
    CHECK(parse_walk_time("2:04.9") == 124'900);
    CHECK(parse_walk_time(" 124.9 ") == 124'900);
    CHECK(parse_walk_time("124") == 124'000);
    CHECK(parse_walk_time("1:02:04.95") == 3'724'950);
    CHECK(parse_walk_time("75:00") == 4'500'000);  // minutes first may pass 59
    for (const char* bad : {"", "2:75", "1:60:00", "1.2.3", "-3", "2:04.9123", "a", "1:2:3:4", "3.", ":5"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_walk_time(bad));
    }
    // What a field shows reads back as the same time.
    for (std::int64_t ms : {0LL, 999LL, 59'999LL, 3'599'999LL, 3'600'000LL, 86'399'001LL})
        CHECK(parse_walk_time(walk_time_field_text(ms)) == ms);
}
