// The lean numbers of a session (core/analysis). Every expected value is worked out by hand in the
// comment next to it, from the formulas of shared LEAN.md; times in the comments are seconds.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"
#include "core/analysis/summary.hpp"
#include "core/report/summary_json.hpp"
#include "tests/recorded_walk.hpp"

using doctest::Approx;
using namespace gemba;

namespace {

using gemba::test::make_step;
using gemba::test::sec;
using Walk = gemba::test::RecordedWalk;

StudySettings settings_with(OutlierRule rule) {
    StudySettings s;
    s.outlier_rule = rule;
    return s;
}

bool has_notice(const SessionSummary& s, const std::string& part) {
    for (const std::string& n : s.notices)
        if (n.find(part) != std::string::npos) return true;
    return false;
}

const WasteCount& tally_of(const std::vector<WasteCount>& list, Waste w) {
    for (const WasteCount& wc : list)
        if (wc.waste == w) return wc;
    FAIL("waste missing from the tally");
    return list.front();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Per step
// ---------------------------------------------------------------------------------------------

TEST_CASE("step: statistics of the valid readings - excluded, deleted and running ones counted apart") {
    // One step "Fasten", R = 110 %, A = 15 % on job time. Lap taps at 0, 10, 22, 33, 46, 60, 100,
    // 101 give readings 10, 12, 11, 13, 14, 40 (excluded: phone call), 1 (deleted: mis-tap) and one
    // still running from 101.
    Walk w({make_step(1, "Fasten", ValueClass::value_added, 110.0, 15.0)});
    std::vector<EventId> id;
    for (double t : {0, 10, 22, 33, 46, 60, 100, 101}) id.push_back(w.next(t));
    w.exclude(id[5], "phone call");
    w.remove(id[6]);

    const SessionSummary s = w.summary();
    REQUIRE(s.steps.size() == 1);
    const StepSummary& f = s.steps[0];
    CHECK(f.valid_readings == std::vector<EventId>{id[0], id[1], id[2], id[3], id[4]});
    CHECK(f.excluded_readings == std::vector<EventId>{id[5]});
    CHECK(f.deleted_readings == 1);
    CHECK(f.running_readings == 1);

    // Valid {10, 12, 11, 13, 14}: n 5, mean 60/5 = 12, sorted 10 11 12 13 14 → median 12,
    // deviations −2 0 −1 1 2 → Σd² = 10 → s = √(10/4) = 1.58114; cv = 1.58114/12 = 0.131762.
    CHECK(f.stats.n == 5);
    CHECK(*f.stats.mean == Approx(12000.0));
    CHECK(*f.stats.median == Approx(12000.0));
    CHECK(*f.stats.sd == Approx(1581.1388));
    CHECK(*f.stats.cv == Approx(0.1317616));
    CHECK(*f.stats.min == Approx(10000.0));
    CHECK(*f.stats.max == Approx(14000.0));
    // Tukey fences: Q1 = 11, Q3 = 13, IQR 2 → [8, 16]: nothing flagged (the excluded 40 is not a
    // valid reading, so it is neither in the statistics nor flagged).
    CHECK(f.outliers.empty());

    // OT = 12; NT = 12 × 1.10 = 13.2; ST on job time = 13.2 × 1.15 = 15.18.
    CHECK(*f.observed_ms == Approx(12000.0));
    CHECK(*f.normal_ms == Approx(13200.0));
    CHECK(*f.standard_ms == Approx(15180.0));
    // 95 % (table z 1.96), ±5 %: n = (1.96 × 1.58114 / (0.05 × 12))² = 5.16505² = 26.678 → 27;
    // more = 27 − 5 = 22.
    CHECK(*f.required_cycles == 27);
    CHECK(*f.more_cycles == 22);
    CHECK(s.z == Approx(1.96));
    CHECK(*s.required_cycles == 27);
    CHECK(*s.more_cycles == 22);

    CHECK(s.running);
    CHECK(has_notice(s, "1 reading(s) still running"));
}

TEST_CASE("step: readings a millisecond apart flag no outlier") {
    // Lap readings 2.018, 2.018, 2.018, 2.018, 2.019 s (the walk): SD 0.0 s, nothing flagged.
    Walk w({make_step(1, "Pick")});
    w.laps(0, {2.018, 2.018, 2.018, 2.018, 2.019});
    const SessionSummary summary = w.summary();
    const StepSummary& s = summary.steps[0];
    CHECK(s.stats.n == 5);
    CHECK(s.outliers.empty());
}

TEST_CASE("step: standard time under both allowance conventions") {
    // NT 10 s, A 15 %: on job time ST = 10 × 1.15 = 11.5 s; on the workday 10 / 0.85 = 11.7647 s.
    CHECK(*standard_time(10000.0, 15.0, AllowanceConvention::on_job_time) == Approx(11500.0));
    CHECK(*standard_time(10000.0, 15.0, AllowanceConvention::on_workday) == Approx(11764.706));
    // A = 0: ST = NT under both.
    CHECK(*standard_time(10000.0, 0.0, AllowanceConvention::on_job_time) == Approx(10000.0));
    CHECK(*standard_time(10000.0, 0.0, AllowanceConvention::on_workday) == Approx(10000.0));
    // A = 100 % on the workday divides by zero: no standard time. On job time it doubles NT.
    CHECK_FALSE(standard_time(10000.0, 100.0, AllowanceConvention::on_workday));
    CHECK(*standard_time(10000.0, 100.0, AllowanceConvention::on_job_time) == Approx(20000.0));

    SUBCASE("through the summary, on the workday") {
        // Readings 9 and 11: OT 10, R 100 % → NT 10, A 15 % on the workday → ST 11.7647.
        StudySettings settings;
        settings.allowance_convention = AllowanceConvention::on_workday;
        Walk w({make_step(1, "Pick", ValueClass::value_added, 100.0, 15.0)}, settings);
        w.laps(0, {9, 11});
        const SessionSummary s = w.summary();
        CHECK(*s.steps[0].normal_ms == Approx(10000.0));
        CHECK(*s.steps[0].standard_ms == Approx(11764.706));
        CHECK(*s.standard_time_ms == Approx(11764.706));
    }
    SUBCASE("through the summary, a rating below normal pace") {
        // Readings 9 and 11, R 80 %, A 10 % on job time: NT = 10 × 0.8 = 8, ST = 8 × 1.1 = 8.8.
        Walk w({make_step(1, "Pick", ValueClass::value_added, 80.0, 10.0)});
        w.laps(0, {9, 11});
        const SessionSummary s = w.summary();
        CHECK(*s.steps[0].normal_ms == Approx(8000.0));
        CHECK(*s.steps[0].standard_ms == Approx(8800.0));
    }
}

TEST_CASE("step: a published time-study example (rating below normal, allowance on the workday)") {
    // University of Hawaii at Hilo, QBA 361, Chapter 10 Supplement "Time Studies", the Cinnabon
    // example (studylib.net/doc/5841379): six pans of cinnamon rolls took 20, 23, 19, 18, 24, 25
    // minutes; rating 0.85; allowance factor 0.10 with ST = NT / (1 − allowance).
    //   OT = 129 / 6 = 21.5 min; NT = 21.5 × 0.85 = 18.275 min; ST = 18.275 / 0.9 = 20.3056 min.
    StudySettings settings;
    settings.allowance_convention = AllowanceConvention::on_workday;
    Walk w({make_step(1, "Make a pan of rolls", ValueClass::value_added, 85.0, 10.0)}, settings);
    w.laps(0, {20 * 60, 23 * 60, 19 * 60, 18 * 60, 24 * 60, 25 * 60});
    const SessionSummary summary = w.summary();
    const StepSummary& s = summary.steps[0];
    CHECK(s.stats.n == 6);
    CHECK(*s.observed_ms == Approx(21.5 * 60000));
    CHECK(*s.normal_ms == Approx(18.275 * 60000));
    CHECK(*s.standard_ms == Approx(18.275 / 0.9 * 60000));  // 20.3056 min
    // Range 18–25 min, median (20 + 23)/2 = 21.5 min.
    CHECK(*s.stats.min == Approx(18 * 60000.0));
    CHECK(*s.stats.max == Approx(25 * 60000.0));
    CHECK(*s.stats.median == Approx(21.5 * 60000));
}

TEST_CASE("step: outliers are flagged by the session's rule, and stay in the statistics") {
    SUBCASE("Tukey fences flag a long reading") {
        // {10, 11, 12, 13, 30}: type-7 Q1 at h = 1 → 11, Q3 at h = 3 → 13, IQR 2,
        // fences 11 − 3 = 8 and 13 + 3 = 16 → 30 is flagged.
        Walk w({make_step(1, "Pick")}, settings_with(OutlierRule::iqr_1_5));
        const std::vector<EventId> id = w.laps(0, {10, 11, 12, 13, 30});
        const SessionSummary s = w.summary();
        CHECK(s.steps[0].outliers == std::vector<EventId>{id[4]});
        // Flagged only: the mean still holds it, (10+11+12+13+30)/5 = 15.2.
        CHECK(*s.steps[0].stats.mean == Approx(15200.0));
        CHECK(has_notice(s, "1 possible outlier(s), more than 1.5 × IQR outside the step's quartiles"));
    }
    SUBCASE("mean ± 3 s cannot flag anything among 5 readings, and a notice says so") {
        // With n readings no value is more than (n−1)/√n sample sd from the mean: 4/√5 = 1.79 < 3.
        Walk w({make_step(1, "Pick")}, settings_with(OutlierRule::mean_3_sd));
        w.laps(0, {10, 11, 12, 13, 30});
        const SessionSummary s = w.summary();
        CHECK(s.steps[0].outliers.empty());
        CHECK_FALSE(has_notice(s, "possible outlier"));
        CHECK(has_notice(s, "the mean ± 3 SD rule cannot flag any reading of a step with 10 or fewer valid readings ('Pick')"));
    }
    SUBCASE("mean ± 3 s flags one long reading among eleven") {
        // Ten 10 s and one 30 s: mean 130/11 = 11.818; deviations −20/11 (×10) and 200/11;
        // Σd² = 10·400/121 + 40000/121 = 363.64 → s² = 36.364, s = 6.0302, 3 s = 18.091;
        // |30 − 11.818| = 18.182 > 18.091 → flagged; |10 − 11.818| = 1.818 is not.
        Walk w({make_step(1, "Pick")}, settings_with(OutlierRule::mean_3_sd));
        const std::vector<EventId> id = w.laps(0, {10, 10, 10, 10, 10, 30, 10, 10, 10, 10, 10});
        const SessionSummary s = w.summary();
        CHECK(s.steps[0].outliers == std::vector<EventId>{id[5]});
        CHECK(has_notice(s, "possible outlier(s), more than 3 SD from the step's mean"));
    }
}

TEST_CASE("step: required cycles with z from the table, exact, or given") {
    // Readings 9 and 11: x̄ = 10, s = √2, so (s / x̄)² = 0.02 and n = z² · 0.02 / a².
    StudySettings settings;
    settings.confidence_pct = 99.0;
    SUBCASE("99 %, ±5 %: table and exact agree after rounding up") {
        // table z 2.58: 2.58² · 0.02 / 0.0025 = 6.6564 · 8 = 53.25 → 54.
        // exact z 2.575829: 6.634897 · 8 = 53.08 → 54.
        settings.z_convention = ZConvention::table;
        Walk table({make_step(1, "Pick")}, settings);
        table.laps(0, {9, 11});
        const SessionSummary t = table.summary();
        CHECK(t.z == Approx(2.58).epsilon(1e-12));
        CHECK(*t.steps[0].required_cycles == 54);
        CHECK(*t.steps[0].more_cycles == 52);

        settings.z_convention = ZConvention::exact;
        Walk exact({make_step(1, "Pick")}, settings);
        exact.laps(0, {9, 11});
        const SessionSummary e = exact.summary();
        CHECK(e.z == Approx(2.5758293).epsilon(1e-7));
        CHECK(*e.steps[0].required_cycles == 54);
    }
    SUBCASE("99 %, ±3.645 %: the rounded table z asks for one cycle more") {
        // (s/x̄)²/a² = 0.02 / 0.03645² = 15.05342.
        // table: 15.05342 · 6.6564 = 100.20 → 101; exact: 15.05342 · 6.634897 = 99.88 → 100.
        settings.accuracy_pct = 3.645;
        settings.z_convention = ZConvention::table;
        Walk table({make_step(1, "Pick")}, settings);
        table.laps(0, {9, 11});
        CHECK(*table.summary().steps[0].required_cycles == 101);

        settings.z_convention = ZConvention::exact;
        Walk exact({make_step(1, "Pick")}, settings);
        exact.laps(0, {9, 11});
        CHECK(*exact.summary().steps[0].required_cycles == 100);
    }
    SUBCASE("z given directly wins over the confidence level") {
        // z = 2: 4 · 0.02 / 0.0025 = 32 exactly → 32 (floating-point noise must not make it 33).
        settings.z = 2.0;
        Walk w({make_step(1, "Pick")}, settings);
        w.laps(0, {9, 11});
        const SessionSummary s = w.summary();
        CHECK(s.z == 2.0);
        CHECK(*s.steps[0].required_cycles == 32);
        CHECK(*s.steps[0].more_cycles == 30);
    }
    SUBCASE("90 % from the table is 1.645") {
        // 1.645² · 8 = 2.706025 · 8 = 21.648 → 22 (exact 1.644854: 21.644 → 22 too).
        settings.confidence_pct = 90.0;
        Walk w({make_step(1, "Pick")}, settings);
        w.laps(0, {9, 11});
        const SessionSummary s = w.summary();
        CHECK(s.z == 1.645);
        CHECK(*s.steps[0].required_cycles == 22);
    }
}

TEST_CASE("study: required and more cycles are the largest over the steps, each on its own") {
    // Independent timers, 95 % (1.96, z² = 3.8416), ±5 % (a² = 0.0025), mean 10 for both steps.
    //   A: {9, 11}: s² = 2 → n = 3.8416 · 2 / (0.0025 · 100) = 30.73 → 31; more 31 − 2 = 29.
    //   B: six 8.5 and six 11.5: deviations ±1.5, Σd² = 12 · 2.25 = 27, s² = 27/11 = 2.4545
    //      → n = 3.8416 · 2.4545 / 0.25 = 37.72 → 38; more 38 − 12 = 26.
    // The study needs 38 cycles (B) and 29 more (A): two different steps.
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    Walk w({make_step(1, "A"), make_step(2, "B"), make_step(3, "C")}, settings);
    double t = 0;
    for (double d : {9.0, 11.0}) {
        w.toggle(t, 1);
        w.toggle(t + d, 1);
        t += d + 1;
    }
    for (int i = 0; i < 12; ++i) {
        const double d = i % 2 == 0 ? 8.5 : 11.5;
        w.toggle(t, 2);
        w.toggle(t + d, 2);
        t += d + 1;
    }
    // C: a single reading of 5 s has no sd, so no required cycles.
    w.toggle(t, 3);
    w.toggle(t + 5, 3);

    const SessionSummary s = w.summary();
    CHECK(*s.steps[0].required_cycles == 31);
    CHECK(*s.steps[0].more_cycles == 29);
    CHECK(*s.steps[1].required_cycles == 38);
    CHECK(*s.steps[1].more_cycles == 26);
    CHECK_FALSE(s.steps[2].required_cycles);
    CHECK_FALSE(s.steps[2].more_cycles);
    CHECK(*s.required_cycles == 38);
    CHECK(*s.more_cycles == 29);
    // ...and the reader is told that C is not in that number.
    CHECK(has_notice(s, "step 'C' has 1 valid reading"));
}

// ---------------------------------------------------------------------------------------------
// Session: cycle time, value classes, lead time, waiting, flow efficiency
// ---------------------------------------------------------------------------------------------

namespace {

// Lap timing, three steps: Pick (VA), Walk (NVA), Inspect (NNVA).
//   cycle 1: Pick 0–10, Walk 10–16, stop, gap 16–20, Inspect 20–24
//   cycle 2: Pick 24–36 with a pause 30–33 (9 s), Walk 36–41, Inspect 41–45, stop
//   cycle 3: Pick 50–70 (excluded: phone call), Walk 70–76, Inspect 76–80, stop
//   cycle 4: Pick 90–100, stop; the walk ends there (cycle 4 lacks Walk and Inspect: not closed)
struct LeadWalk {
    explicit LeadWalk(StudySettings settings = {})
        : walk({make_step(1, "Pick", ValueClass::value_added), make_step(2, "Walk", ValueClass::non_value_added),
                make_step(3, "Inspect", ValueClass::necessary_non_value_added)},
               settings) {
        walk.next(0);
        walk.next(10);
        walk.stop(16);
        walk.next(20);
        walk.next(24);
        walk.pause(30);
        walk.pause(33);
        walk.next(36);
        walk.next(41);
        walk.stop(45);
        phone_call = walk.next(50);
        walk.next(70);
        walk.next(76);
        walk.stop(80);
        walk.next(90);
        walk.stop(100);
        walk.exclude(phone_call, "phone call");
    }
    Walk walk;
    EventId phone_call = kNoEvent;
};

}  // namespace

TEST_CASE("session: cycle time, value classes, lead time, waiting and flow efficiency (lap timing)") {
    LeadWalk lw;
    const SessionSummary s = lw.walk.summary();

    // Pick valid 10, 9, 10 → OT 29/3 = 9.6667; Walk 6, 5, 6 → 17/3 = 5.6667; Inspect 4, 4, 4 → 4.
    REQUIRE(s.steps.size() == 3);
    CHECK(*s.steps[0].observed_ms == Approx(29000.0 / 3));
    CHECK(s.steps[0].excluded_readings == std::vector<EventId>{lw.phone_call});
    CHECK(*s.steps[1].observed_ms == Approx(17000.0 / 3));
    CHECK(*s.steps[2].observed_ms == Approx(4000.0));
    // Frequency: cycles 1–3 are closed and each holds one complete Pick (the excluded one counts:
    // the step happened), one Walk and one Inspect → 3/3 = 1 each. Cycle 4's Pick is not counted.
    CHECK(s.steps[0].frequency == 1.0);
    CHECK(s.steps[1].frequency == 1.0);
    CHECK(s.steps[2].frequency == 1.0);
    // Work content = 29/3 × 1 + 17/3 × 1 + 4 × 1 = 58/3 = 19.333; lap timing: CT = work content.
    // R 100 %, A 0 → ST = work content.
    CHECK(*s.work_content_ms == Approx(58000.0 / 3));
    CHECK(*s.cycle_time_ms == Approx(58000.0 / 3));
    CHECK(*s.standard_time_ms == Approx(58000.0 / 3));
    // One operator is one station: no bottleneck step, no balance efficiency; no takt, so no
    // theoretical minimum of stations either.
    CHECK_FALSE(s.bottleneck_step);
    CHECK_FALSE(s.balance_efficiency);
    CHECK_FALSE(s.theoretical_min_stations);
    // VA 29/3 (share 29/58 = 0.5), NVA 17/3 (17/58 = 0.293103), NNVA 4 (12/58 = 0.206897).
    CHECK(*s.value_added_ms == Approx(29000.0 / 3));
    CHECK(*s.non_value_added_ms == Approx(17000.0 / 3));
    CHECK(*s.necessary_ms == Approx(4000.0));
    CHECK(*s.value_added_share == Approx(0.5));
    CHECK(*s.non_value_added_share == Approx(0.2931034));
    CHECK(*s.necessary_share == Approx(0.2068966));

    // Closed cycles 1–3 (4 is the current one and lacks two steps).
    //   lead 1 = 24 − 0 = 24, covered 10 + 6 + 4 = 20, waiting 4 (the stop gap 16–20)
    //   lead 2 = 45 − 24 − 3 (pause) = 18, covered 9 + 5 + 4 = 18, waiting 0
    //   lead 3 = 80 − 50 = 30 (the excluded 20 s still passed), waiting 0
    // Means: lead (24 + 18 + 30)/3 = 24, waiting 4/3 = 1.3333.
    CHECK(s.cycles_closed == 3);
    CHECK(*s.lead_time_ms == Approx(24000.0));
    CHECK(*s.waiting_ms == Approx(4000.0 / 3));
    // Flow efficiency = VA ÷ lead = (29/3) / 24 = 0.402778.
    CHECK(*s.flow_efficiency == Approx(29.0 / 72.0));

    // Required cycles (1.96, ±5 %): Pick and Walk both have s² = 1/3.
    //   Pick: 3.8416 · (1/3) / (0.0025 · (29/3)²) = 1.28053 / 0.233611 = 5.48 → 6, more 3
    //   Walk: 1.28053 / (0.0025 · (17/3)²) = 1.28053 / 0.0802778 = 15.95 → 16, more 13
    //   Inspect: s = 0 → 0, more 0.
    CHECK(*s.steps[0].required_cycles == 6);
    CHECK(*s.steps[1].required_cycles == 16);
    CHECK(*s.steps[2].required_cycles == 0);
    CHECK(*s.steps[2].more_cycles == 0);
    CHECK(*s.required_cycles == 16);
    CHECK(*s.more_cycles == 13);

    // No takt inputs: no takt, no notice about it.
    CHECK_FALSE(s.takt_ms);
    CHECK_FALSE(s.meets_takt);
    CHECK_FALSE(has_notice(s, "takt"));
}

TEST_CASE("session: an undone tap never extends the observation") {
    // The walk: taps until the stop at 125 s (Observed 2:05), with 8 waste tags in it; a
    // waste key pressed at 301 s and undone must leave Observed at 125 s and the rates per hour at
    // 8 ÷ (125/3600) = 230.4 (not 8 ÷ (301/3600) = 95.7).
    Walk w({make_step(1, "Fasten")});
    w.next(0);
    for (int i = 1; i <= 8; ++i) w.tag(10.0 * i, Waste::motion);
    w.stop(125);
    w.tag(301, Waste::waiting);
    REQUIRE(w.recorder().undo().recorded);
    const SessionSummary s = w.summary();
    CHECK(s.elapsed_ms == sec(125));
    CHECK(s.observed_ms == sec(125));
    CHECK(tally_of(s.waste_pareto, Waste::motion).count == 8);
    CHECK(*tally_of(s.waste_pareto, Waste::motion).per_hour == Approx(230.4));
    CHECK(tally_of(s.waste_pareto, Waste::waiting).count == 0);

    SUBCASE("redone, it counts again: Observed 301 s") {
        REQUIRE(w.recorder().redo().recorded);
        CHECK(w.state().last_walk_ms() == sec(301));
        CHECK(w.summary().observed_ms == sec(301));
    }
    SUBCASE("the stop undone too: the observation of the stored walk ends at the last tag, 80 s") {
        w.at(302, [](Recorder& r) { return r.undo(); });  // the stop at 125
        CHECK(w.state().last_walk_ms() == sec(80));
        CHECK(w.summary().elapsed_ms == sec(80));
    }
}

TEST_CASE("session: elapsed, paused and observed time, stored and live") {
    LeadWalk lw;
    SUBCASE("stored: observation ends at the last walk tap") {
        // Last walk tap: the stop at 100 (the exclude after it is an edit). Paused 30–33.
        const SessionSummary s = lw.walk.summary();
        CHECK(s.elapsed_ms == sec(100));
        CHECK(s.paused_ms == sec(3));
        CHECK(s.observed_ms == sec(97));
        CHECK_FALSE(s.running);
    }
    SUBCASE("live: observation runs until now") {
        const SessionSummary s = lw.walk.summary(130.0);
        CHECK(s.elapsed_ms == sec(130));
        CHECK(s.paused_ms == sec(3));
        CHECK(s.observed_ms == sec(127));
        // The lean numbers do not move with the clock when nothing runs.
        CHECK(*s.lead_time_ms == Approx(24000.0));
        CHECK(*s.cycle_time_ms == Approx(58000.0 / 3));
    }
    SUBCASE("paused at the end: a running pause counts until now, and the session is still open") {
        lw.walk.pause(110);
        const SessionSummary live = lw.walk.summary(125.0);
        // Paused 3 + (125 − 110) = 18; observed 125 − 18 = 107.
        CHECK(live.elapsed_ms == sec(125));
        CHECK(live.paused_ms == sec(18));
        CHECK(live.observed_ms == sec(107));
        CHECK(live.running);
        // Stored: the pause tap at 110 is the last walk tap; nothing of the open pause is inside.
        const SessionSummary stored = lw.walk.summary();
        CHECK(stored.elapsed_ms == sec(110));
        CHECK(stored.paused_ms == sec(3));
        CHECK(stored.observed_ms == sec(107));
        CHECK(stored.running);
    }
}

TEST_CASE("session: takt time against the cycle time") {
    // CT of LeadWalk = 58/3 = 19.333 s.
    StudySettings settings;
    SUBCASE("takt 20 s: 7.5 h = 27 000 s for 1 350 units, CT/takt = 19.333/20 = 0.96667, met") {
        settings.takt_available_ms = sec(27000);
        settings.takt_demand_units = 1350.0;
        LeadWalk lw(settings);
        const SessionSummary s = lw.walk.summary();
        CHECK(*s.takt_ms == Approx(20000.0));
        CHECK(*s.cycle_time_over_takt == Approx(0.9666667));
        CHECK(*s.meets_takt);
        CHECK_FALSE(has_notice(s, "takt"));
        // Theoretical minimum stations = ⌈19.333 / 20⌉ = ⌈0.967⌉ = 1; lap timing: no balance efficiency.
        CHECK(*s.theoretical_min_stations == 1);
        CHECK_FALSE(s.balance_efficiency);
    }
    SUBCASE("takt 18 s: 27 000 s for 1 500 units, CT/takt = 19.333/18 = 1.07407, not met") {
        settings.takt_available_ms = sec(27000);
        settings.takt_demand_units = 1500.0;
        LeadWalk lw(settings);
        const SessionSummary s = lw.walk.summary();
        CHECK(*s.takt_ms == Approx(18000.0));
        CHECK(*s.cycle_time_over_takt == Approx(1.0740741));
        CHECK_FALSE(*s.meets_takt);
        // Above takt with one operator: ⌈19.333 / 18⌉ = ⌈1.074⌉ = 2 operators would be needed.
        CHECK(*s.theoretical_min_stations == 2);
    }
    SUBCASE("zero demand: no takt, a notice") {
        settings.takt_available_ms = sec(27000);
        settings.takt_demand_units = 0.0;
        LeadWalk lw(settings);
        const SessionSummary s = lw.walk.summary();
        CHECK_FALSE(s.takt_ms);
        CHECK_FALSE(s.cycle_time_over_takt);
        CHECK_FALSE(s.meets_takt);
        CHECK_FALSE(s.theoretical_min_stations);
        CHECK(has_notice(s, "takt: undefined, the demand is zero"));
    }
    SUBCASE("only the available time, or only the demand: no takt, a notice") {
        settings.takt_available_ms = sec(27000);
        {
            LeadWalk lw(settings);
            const SessionSummary s = lw.walk.summary();
            CHECK_FALSE(s.takt_ms);
            CHECK_FALSE(s.meets_takt);
            CHECK(has_notice(s, "takt: both the available time and the demand are needed"));
        }
        settings.takt_available_ms.reset();
        settings.takt_demand_units = 100.0;
        {
            LeadWalk lw(settings);
            const SessionSummary s = lw.walk.summary();
            CHECK_FALSE(s.takt_ms);
            CHECK(has_notice(s, "takt: both the available time and the demand are needed"));
        }
    }
    SUBCASE("no available time: takt 0, which no cycle time meets") {
        settings.takt_available_ms = 0;
        settings.takt_demand_units = 100.0;
        LeadWalk lw(settings);
        const SessionSummary s = lw.walk.summary();
        CHECK(*s.takt_ms == 0.0);
        CHECK_FALSE(*s.meets_takt);
        CHECK(has_notice(s, "takt: zero"));
        // Work content ÷ 0 has no ceiling: no theoretical minimum of stations.
        CHECK_FALSE(s.theoretical_min_stations);
    }
    SUBCASE("a demand so small that the takt is not finite: undefined, a notice") {
        // 27 000 000 ms ÷ 1e-310 = 2.7e317 ms, beyond the largest double: infinite.
        settings.takt_available_ms = sec(27000);
        settings.takt_demand_units = 1e-310;
        LeadWalk lw(settings);
        const SessionSummary s = lw.walk.summary();
        CHECK_FALSE(s.takt_ms);
        CHECK_FALSE(s.cycle_time_over_takt);
        CHECK_FALSE(s.meets_takt);
        CHECK(has_notice(s, "takt: undefined, the available time ÷ the demand is longer than any session"));
    }
    SUBCASE("a takt longer than any session (10^13 ms) is undefined, up to it is kept") {
        // 10^13 ms ÷ 1 = 10^13 ms: exactly the limit, kept. 10^13 ÷ 0.5 = 2·10^13 ms: undefined.
        // 27 000 000 ms ÷ 1e-9 = 2.7·10^16 ms: undefined.
        settings.takt_available_ms = kMaxTimeMs;
        settings.takt_demand_units = 1.0;
        {
            LeadWalk lw(settings);
            const SessionSummary s = lw.walk.summary();
            CHECK(*s.takt_ms == Approx(1e13));
            CHECK(*s.meets_takt);
            // ⌈19 333 ms / 10^13 ms⌉ = ⌈1.9e-9⌉ = 1: any work needs one station.
            CHECK(*s.theoretical_min_stations == 1);
        }
        settings.takt_demand_units = 0.5;
        {
            LeadWalk lw(settings);
            const SessionSummary s = lw.walk.summary();
            CHECK_FALSE(s.takt_ms);
            CHECK(has_notice(s, "takt: undefined"));
        }
        settings.takt_available_ms = sec(27000);
        settings.takt_demand_units = 1e-9;
        {
            LeadWalk lw(settings);
            const SessionSummary s = lw.walk.summary();
            CHECK_FALSE(s.takt_ms);
            CHECK(has_notice(s, "takt: undefined"));
        }
    }
    SUBCASE("a takt so short that the stations cannot be counted: none, a notice") {
        // 1 ms for 10^12 units: takt 10^-12 ms; 19 333 ms ÷ 10^-12 ms = 1.9·10^16 stations, beyond
        // the 10^15 that a count can mean.
        settings.takt_available_ms = 1;
        settings.takt_demand_units = 1e12;
        LeadWalk lw(settings);
        const SessionSummary s = lw.walk.summary();
        CHECK(*s.takt_ms == Approx(1e-12));
        CHECK_FALSE(*s.meets_takt);
        CHECK_FALSE(s.theoretical_min_stations);
        CHECK(has_notice(s, "line balance: the work content ÷ the takt is too large to count stations"));
    }
    SUBCASE("takt without any valid reading: takt known, no comparison") {
        // 3 600 s / 120 units = 30 s.
        settings.takt_available_ms = sec(3600);
        settings.takt_demand_units = 120.0;
        Walk w({make_step(1, "Pick")}, settings);
        const SessionSummary s = w.summary();
        CHECK(*s.takt_ms == Approx(30000.0));
        CHECK_FALSE(s.cycle_time_ms);
        CHECK_FALSE(s.cycle_time_over_takt);
        CHECK_FALSE(s.meets_takt);
        CHECK_FALSE(s.theoretical_min_stations);
    }
}

TEST_CASE("session: independent timers - waiting is the time no reading covers, overlaps once") {
    // A (VA) and B (NVA) with their own timers:
    //   cycle 1: A 0–10, B 5–15 (overlapping); new cycle at 20
    //   cycle 2: A 22–30, B 32–40
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    Walk w({make_step(1, "A", ValueClass::value_added), make_step(2, "B", ValueClass::non_value_added)}, settings);
    w.toggle(0, 1);
    w.toggle(5, 2);
    w.toggle(10, 1);
    w.toggle(15, 2);
    w.new_cycle(20);
    w.toggle(22, 1);
    w.toggle(30, 1);
    w.toggle(32, 2);
    w.toggle(40, 2);
    const SessionSummary s = w.summary();
    // Cycle 1: lead 15 − 0 = 15, covered [0, 15] = 15, waiting 0.
    // Cycle 2 (every step timed, nothing running): lead 40 − 22 = 18, covered 8 + 8 = 16, waiting 2.
    // Means: lead 16.5, waiting 1.
    CHECK(s.cycles_closed == 2);
    CHECK(*s.lead_time_ms == Approx(16500.0));
    CHECK(*s.waiting_ms == Approx(1000.0));
    // OT A = (10 + 8)/2 = 9, OT B = (10 + 8)/2 = 9, both once in each closed cycle (frequency 1):
    // work content 18.
    CHECK(*s.work_content_ms == Approx(18000.0));
    // Cycle time: each step its own station, A 9 × 1 = 9 and B 9 × 1 = 9: CT = 9 (not the 25 s
    // between the cycle ends 15 and 40). A tie: the first step in plan order, A, is the bottleneck.
    CHECK(*s.cycle_time_ms == Approx(9000.0));
    CHECK(*s.bottleneck_step == 1);
    // Balance efficiency = 18 / (2 steps × 9) = 1: both stations equally loaded.
    CHECK(*s.balance_efficiency == Approx(1.0));
    // Flow: value-added unions A 10 and 8 over lead times 15 and 18: 18 / 33 = 0.545455.
    CHECK(*s.flow_efficiency == Approx(18.0 / 33.0));
}

TEST_CASE("session: a deleted reading is not in the lead time, inside a cycle its time is waiting") {
    // Lap, steps A, B, C:
    //   cycle 1: A 0–10, B 10–12 (deleted), C 12–20, stop
    //   cycle 2: A 25–30, B 30–33, C 33–35 (deleted), stop; the current cycle, and without its C
    //            reading it lacks a step: not closed.
    Walk w({make_step(1, "A"), make_step(2, "B"), make_step(3, "C")});
    w.next(0);
    const EventId b1 = w.next(10);
    w.next(12);
    w.stop(20);
    w.next(25);
    w.next(30);
    const EventId c2 = w.next(33);
    w.stop(35);
    w.remove(b1);
    w.remove(c2);
    const SessionSummary s = w.summary();
    // Cycle 1: lead 20 − 0 = 20, covered 10 + 8 = 18, waiting 2 (the deleted B).
    CHECK(s.cycles_closed == 1);
    CHECK(*s.lead_time_ms == Approx(20000.0));
    CHECK(*s.waiting_ms == Approx(2000.0));
    CHECK(s.steps[1].deleted_readings == 1);
    CHECK(s.steps[2].deleted_readings == 1);
    // Frequency over the one closed cycle: A 1/1, B 0/1 (its reading there is deleted), C 1/1.
    // B's valid reading (cycle 2, 3 s) has OT 3 but adds 3 × 0 = 0 to the work content:
    // A (10 + 5)/2 × 1 + 0 + C 8 × 1 = 7.5 + 8 = 15.5, and a notice says why.
    CHECK(s.steps[0].frequency == 1.0);
    CHECK(s.steps[1].frequency == 0.0);
    CHECK(s.steps[2].frequency == 1.0);
    CHECK(*s.work_content_ms == Approx(15500.0));
    CHECK(has_notice(s, "step 'B' has no reading in a closed cycle yet"));
}

TEST_CASE("session: one reading only") {
    // One step, lap: 0–5, stop. n 1: location statistics only.
    Walk w({make_step(1, "Pick")});
    w.laps(0, {5});
    const SessionSummary s = w.summary();
    const StepSummary& p = s.steps[0];
    CHECK(p.stats.n == 1);
    CHECK(*p.stats.mean == Approx(5000.0));
    CHECK(*p.stats.median == Approx(5000.0));
    CHECK(*p.stats.min == Approx(5000.0));
    CHECK(*p.stats.max == Approx(5000.0));
    CHECK_FALSE(p.stats.sd);
    CHECK_FALSE(p.stats.cv);
    CHECK_FALSE(p.required_cycles);
    CHECK_FALSE(s.required_cycles);
    CHECK_FALSE(s.more_cycles);
    CHECK(has_notice(s, "step 'Pick' has 1 valid reading"));
    // CT = OT = 5. The only cycle holds every step and nothing runs: closed, lead 5, waiting 0,
    // flow = 5 / 5 = 1.
    CHECK(*s.cycle_time_ms == Approx(5000.0));
    CHECK(s.cycles_closed == 1);
    CHECK(*s.lead_time_ms == Approx(5000.0));
    CHECK(*s.waiting_ms == Approx(0.0));
    CHECK(*s.flow_efficiency == Approx(1.0));
    CHECK(*s.value_added_share == Approx(1.0));
}

TEST_CASE("session: every reading excluded") {
    // One VA step, readings 0–4 and 4–10, both excluded.
    Walk w({make_step(1, "Pick")});
    const std::vector<EventId> id = w.laps(0, {4, 6});
    w.exclude(id[0], "supervisor");
    w.exclude(id[1], "supervisor");
    const SessionSummary s = w.summary();
    CHECK(s.steps[0].stats.n == 0);
    CHECK(s.steps[0].excluded_readings.size() == 2);
    CHECK_FALSE(s.steps[0].observed_ms);
    CHECK_FALSE(s.steps[0].standard_ms);
    CHECK_FALSE(s.cycle_time_ms);
    CHECK_FALSE(s.work_content_ms);
    CHECK_FALSE(s.standard_time_ms);
    // Unknown, not zero.
    CHECK_FALSE(s.value_added_ms);
    CHECK_FALSE(s.necessary_ms);
    CHECK_FALSE(s.non_value_added_ms);
    CHECK_FALSE(s.value_added_share);
    CHECK_FALSE(s.required_cycles);
    CHECK(has_notice(s, "step 'Pick' has no valid readings"));
    // The step still happened in both closed cycles: frequency 2/2 = 1.
    CHECK(s.steps[0].frequency == 1.0);
    // Lead time still counts the time that passed: cycle 1 = 0–4 (closed, 1 < 2), cycle 2 = 4–10
    // (every step): (4 + 6)/2 = 5.
    CHECK(s.cycles_closed == 2);
    CHECK(*s.lead_time_ms == Approx(5000.0));
    // The value-added time is unknown, not zero: no flow efficiency (it used to say 0 %).
    CHECK_FALSE(s.flow_efficiency);
}

TEST_CASE("session: a walk still running, summarized live") {
    // One step, lap: 0–10, then a reading running from 10; a timed waiting started at 12.
    Walk w({make_step(1, "Pick")});
    w.next(0);
    w.next(10);
    w.timed(12, Waste::waiting);
    const SessionSummary s = w.summary(20.0);
    CHECK(s.running);
    CHECK(s.elapsed_ms == sec(20));
    CHECK(s.observed_ms == sec(20));
    CHECK(s.steps[0].stats.n == 1);
    CHECK(s.steps[0].running_readings == 1);
    CHECK(has_notice(s, "1 reading(s) still running"));
    // Cycle 1 (0–10) is closed: cycle 2 began. Cycle 2 runs: not closed.
    CHECK(s.cycles_closed == 1);
    CHECK(*s.lead_time_ms == Approx(10000.0));
    // The running timed waste counts until now: 20 − 12 = 8.
    const WasteCount& waiting = tally_of(s.waste_pareto, Waste::waiting);
    CHECK(waiting.count == 1);
    CHECK(waiting.timed_ms == sec(8));
}

// ---------------------------------------------------------------------------------------------
// Waste tally
// ---------------------------------------------------------------------------------------------

namespace {

// Lap timing, steps A and B:
//   A 0–10: defects at 2; timed waiting 3–7 (4 s)
//   B 10–15: motion at 12, defects at 13, inventory at 14 (deleted later); stop at 15
//   no step: transportation at 16; timed motion 17–25 with a pause 18–21 (5 s);
//            timed waiting from 26, still running; overproduction at 30 (the last walk tap)
struct WasteWalk {
    WasteWalk() : walk({make_step(1, "A"), make_step(2, "B")}) {
        walk.next(0);
        walk.tag(2, Waste::defects);
        walk.timed(3, Waste::waiting);
        walk.timed(7, Waste::waiting);
        walk.next(10);
        walk.tag(12, Waste::motion);
        walk.tag(13, Waste::defects);
        const EventId inventory = walk.tag(14, Waste::inventory);
        walk.stop(15);
        walk.tag(16, Waste::transportation);
        walk.timed(17, Waste::motion);
        walk.pause(18);
        walk.pause(21);
        walk.timed(25, Waste::motion);
        walk.timed(26, Waste::waiting);
        walk.tag(30, Waste::overproduction);
        walk.remove(inventory);
    }
    Walk walk;
};

}  // namespace

TEST_CASE("waste tally: counts, timed durations, rates and Pareto order (stored)") {
    WasteWalk ww;
    const SessionSummary s = ww.walk.summary();
    // Observed: elapsed 30 (last walk tap) − paused 3 = 27 s. The running waiting counts until 30.
    CHECK(s.observed_ms == sec(27));
    CHECK(s.running);  // a timed waste is open
    // Tags not deleted: defects 2, waiting 2 (4 + 4 = 8 s), motion 2 (one timed, 5 s),
    // transportation 1, overproduction 1; total 8. The deleted inventory is left out.
    CHECK(s.waste_total == 8);
    // Pareto: count, then timed time, then DOWNTIME order:
    //   waiting 2/8 s, motion 2/5 s, defects 2/0, overproduction 1 (D-O-W order before
    //   transportation 1), then the zeros in DOWNTIME order: non-utilized talent, inventory,
    //   extra-processing.
    REQUIRE(s.waste_pareto.size() == 8);
    const std::vector<Waste> order = {Waste::waiting,        Waste::motion,    Waste::defects,
                                      Waste::overproduction, Waste::transportation, Waste::non_utilized_talent,
                                      Waste::inventory,      Waste::extra_processing};
    const std::vector<std::size_t> counts = {2, 2, 2, 1, 1, 0, 0, 0};
    const std::vector<std::int64_t> timed = {sec(8), sec(5), 0, 0, 0, 0, 0, 0};
    const std::vector<std::size_t> timed_counts = {2, 1, 0, 0, 0, 0, 0, 0};
    // Shares of 8: .25 .25 .25 .125 .125 0 0 0; cumulative .25 .5 .75 .875 1 1 1 1.
    const std::vector<double> shares = {0.25, 0.25, 0.25, 0.125, 0.125, 0, 0, 0};
    const std::vector<double> cumulative = {0.25, 0.5, 0.75, 0.875, 1, 1, 1, 1};
    for (std::size_t i = 0; i < 8; ++i) {
        CAPTURE(i);
        const WasteCount& wc = s.waste_pareto[i];
        CHECK(wc.waste == order[i]);
        CHECK(wc.count == counts[i]);
        CHECK(wc.timed_ms == timed[i]);
        CHECK(wc.timed_count == timed_counts[i]);
        CHECK(wc.share == Approx(shares[i]));
        CHECK(wc.cumulative_share == Approx(cumulative[i]));
        // Per observed hour: count × 3600 / 27 = count × 133.333.
        CHECK(*wc.per_hour == Approx(static_cast<double>(counts[i]) * 3600.0 / 27.0));
    }

    // By step: no step 4 tags (transportation, motion 5 s, waiting 4 s, overproduction: 9 s),
    // A 2 (defects, waiting 4 s), B 2 (motion, defects; 0 s) → A before B on time.
    // Shares .5 .25 .25, cumulative .5 .75 1.
    REQUIRE(s.waste_by_step.size() == 3);
    CHECK(s.waste_by_step[0].step == kNoStep);
    CHECK(s.waste_by_step[0].name == "(no step running)");
    CHECK(s.waste_by_step[0].count == 4);
    CHECK(s.waste_by_step[0].timed_ms == sec(9));
    CHECK(s.waste_by_step[0].share == Approx(0.5));
    CHECK(s.waste_by_step[1].step == 1);
    CHECK(s.waste_by_step[1].name == "A");
    CHECK(s.waste_by_step[1].count == 2);
    CHECK(s.waste_by_step[1].timed_ms == sec(4));
    CHECK(s.waste_by_step[1].cumulative_share == Approx(0.75));
    CHECK(s.waste_by_step[2].step == 2);
    CHECK(s.waste_by_step[2].count == 2);
    CHECK(s.waste_by_step[2].timed_ms == 0);
    CHECK(s.waste_by_step[2].cumulative_share == Approx(1.0));
}

TEST_CASE("waste tally: live, a running timed waste counts until now") {
    WasteWalk ww;
    const SessionSummary s = ww.walk.summary(36.0);
    // Observed 36 − 3 = 33 s. Waiting: 4 + (36 − 26) = 14 s.
    CHECK(s.observed_ms == sec(33));
    const WasteCount& waiting = tally_of(s.waste_pareto, Waste::waiting);
    CHECK(waiting.timed_ms == sec(14));
    CHECK(*waiting.per_hour == Approx(2.0 * 3600.0 / 33.0));  // 218.18
    CHECK(s.waste_pareto[0].waste == Waste::waiting);
}

TEST_CASE("waste by step: ties go by plan order, 'no step running' last") {
    // Plan order Pick (id 7), Place (id 3): not id order. One defect each in Pick, Place and with
    // no step running: count 1, time 0 for all three.
    Walk w({make_step(7, "Pick"), make_step(3, "Place")});
    w.next(0);
    w.tag(1, Waste::defects);
    w.next(5);
    w.tag(6, Waste::defects);
    w.stop(10);
    w.tag(11, Waste::defects);
    const SessionSummary s = w.summary();
    REQUIRE(s.waste_by_step.size() == 3);
    CHECK(s.waste_by_step[0].step == 7);
    CHECK(s.waste_by_step[1].step == 3);
    CHECK(s.waste_by_step[2].step == kNoStep);
    // Shares 1/3 each; cumulative 1/3, 2/3, 1.
    CHECK(s.waste_by_step[0].cumulative_share == Approx(1.0 / 3));
    CHECK(s.waste_by_step[1].cumulative_share == Approx(2.0 / 3));
    CHECK(s.waste_by_step[2].cumulative_share == Approx(1.0));
}

TEST_CASE("waste tally: nothing observed gives no rate, no tags give zero shares") {
    SUBCASE("a tag at 0 s: no observed time, no rate") {
        Walk w({make_step(1, "A")});
        w.tag(0, Waste::defects);
        const SessionSummary s = w.summary();
        CHECK(s.observed_ms == 0);
        CHECK(s.waste_pareto[0].waste == Waste::defects);
        CHECK(s.waste_pareto[0].share == Approx(1.0));
        CHECK_FALSE(s.waste_pareto[0].per_hour);
    }
    SUBCASE("no tags: all eight listed in DOWNTIME order, shares 0") {
        Walk w({make_step(1, "A")});
        w.laps(0, {5});
        const SessionSummary s = w.summary();
        REQUIRE(s.waste_pareto.size() == 8);
        for (std::size_t i = 0; i < 8; ++i) {
            CHECK(s.waste_pareto[i].waste == kWastes[i]);
            CHECK(s.waste_pareto[i].share == 0.0);
            CHECK(s.waste_pareto[i].cumulative_share == 0.0);
            CHECK(*s.waste_pareto[i].per_hour == 0.0);
        }
        CHECK(s.waste_by_step.empty());
        CHECK(s.waste_total == 0);
    }
}

TEST_CASE("combine_waste_tallies: counts and times add up, rate over all observed time") {
    // First: the WasteWalk (observed 27 s): defects 2, waiting 2 (8 s), motion 2 (5 s),
    // overproduction 1, transportation 1.
    // Second: three defects (observed: last walk tap 11 s, no pause).
    WasteWalk ww;
    const SessionSummary first = ww.walk.summary();
    Walk w({make_step(7, "Pick"), make_step(3, "Place")});
    w.next(0);
    w.tag(1, Waste::defects);
    w.next(5);
    w.tag(6, Waste::defects);
    w.stop(10);
    w.tag(11, Waste::defects);
    const SessionSummary second = w.summary();
    REQUIRE(second.observed_ms == sec(11));

    const std::vector<WasteCount> all = combine_waste_tallies({&first, &second});
    // Total 11: defects 5, waiting 2 (8 s), motion 2 (5 s), overproduction 1, transportation 1.
    // Rate over 27 + 11 = 38 s: defects 5 × 3600/38 = 473.68 per hour.
    REQUIRE(all.size() == 8);
    CHECK(all[0].waste == Waste::defects);
    CHECK(all[0].count == 5);
    CHECK(all[0].share == Approx(5.0 / 11));
    CHECK(*all[0].per_hour == Approx(5.0 * 3600.0 / 38.0));
    CHECK(all[1].waste == Waste::waiting);
    CHECK(all[1].timed_ms == sec(8));
    CHECK(all[1].timed_count == 2);
    CHECK(all[1].cumulative_share == Approx(7.0 / 11));
    CHECK(all[2].waste == Waste::motion);
    CHECK(all[2].cumulative_share == Approx(9.0 / 11));
    CHECK(all[3].waste == Waste::overproduction);
    CHECK(all[4].waste == Waste::transportation);
    CHECK(all[4].cumulative_share == Approx(1.0));
    CHECK(all[5].waste == Waste::non_utilized_talent);
    CHECK(all[6].waste == Waste::inventory);
    CHECK(all[7].waste == Waste::extra_processing);

    // Nothing to combine: eight zeros, no rate.
    const std::vector<WasteCount> none = combine_waste_tallies({});
    REQUIRE(none.size() == 8);
    CHECK(none[0].count == 0);
    CHECK_FALSE(none[0].per_hour);
}

TEST_CASE("independent timers: the last cycle of a stored walk closes even without every step") {
    // Steps A, B, C; cycle 1 has all three, cycle 2 only A and B (a step that happens sometimes).
    Session s;
    s.steps = {Step{1, "A", ValueClass::value_added, 100, 0}, Step{2, "B", ValueClass::value_added, 100, 0},
               Step{3, "C", ValueClass::non_value_added, 100, 0}};
    s.settings.timing_mode = TimingMode::independent;
    s.settings.debounce_ms = 0;
    ManualClock clock;
    Recorder rec(s, clock);
    const auto at = [&](std::int64_t ms) { clock.set(ms); };
    at(0), rec.toggle_step(1);
    at(10'000), rec.toggle_step(1), rec.toggle_step(2);
    at(30'000), rec.toggle_step(2), rec.toggle_step(3);
    at(35'000), rec.toggle_step(3), rec.new_cycle();
    at(40'000), rec.toggle_step(1);
    at(50'000), rec.toggle_step(1), rec.toggle_step(2);
    at(70'000), rec.toggle_step(2);
    REQUIRE(s.events.size() == 11);  // 1 + 2 + 2 + 2 + 1 + 2 + 1 taps

    SUBCASE("stored: both cycles close, lead times 35 s and 30 s, mean 32.5 s, no gaps, no waiting") {
        const SessionSummary m = summarize(s, rec.state());
        CHECK(m.cycles_closed == 2);
        CHECK(*m.lead_time_ms == Approx(32'500.0));
        CHECK(*m.waiting_ms == Approx(0.0));
        // C happened in 1 of the 2 closed cycles: frequency 1/2; A and B 2/2 = 1.
        CHECK(m.steps[0].frequency == 1.0);
        CHECK(m.steps[1].frequency == 1.0);
        CHECK(m.steps[2].frequency == 0.5);
        // Work content = A 10 × 1 + B 20 × 1 + C 5 × 0.5 = 32.5; VA 30, NVA 2.5.
        CHECK(*m.work_content_ms == Approx(32'500.0));
        CHECK(*m.value_added_ms == Approx(30'000.0));
        CHECK(*m.non_value_added_ms == Approx(2'500.0));
        // Cycle time: the slowest station per unit, max(A 10 × 1, B 20 × 1, C 5 × 0.5 = 2.5) = 20,
        // step B (not the 35 s between the cycle ends 35 and 70).
        CHECK(*m.cycle_time_ms == Approx(20'000.0));
        CHECK(*m.bottleneck_step == 2);
        // Balance efficiency = 32.5 / (3 steps × 20) = 0.541667.
        CHECK(*m.balance_efficiency == Approx(32.5 / 60.0));
        // Flow: value-added unions 0–30 (A, B) and 40–70 (A, B) = 30 + 30 over leads 35 + 30:
        // 60 / 65 = 0.923077.
        CHECK(*m.flow_efficiency == Approx(60.0 / 65.0));
    }
    SUBCASE("live: cycle 2 may still get its C, so only cycle 1 (35 s) counts") {
        const SessionSummary m = summarize(s, rec.state(), 71'000);
        CHECK(m.cycles_closed == 1);
        CHECK(*m.lead_time_ms == Approx(35'000.0));
        // Frequencies over cycle 1 alone: 1 each.
        CHECK(m.steps[2].frequency == 1.0);
        // The cycle time needs no second cycle: A (10 + 10)/2 × 1 = 10, B (20 + 20)/2 × 1 = 20,
        // C 5 × 1 = 5 → 20, step B. Work content 35; balance 35 / (3 × 20) = 0.583333.
        CHECK(*m.cycle_time_ms == Approx(20'000.0));
        CHECK(*m.bottleneck_step == 2);
        CHECK(*m.work_content_ms == Approx(35'000.0));
        CHECK(*m.balance_efficiency == Approx(35.0 / 60.0));
    }
}

// ---------------------------------------------------------------------------------------------
// Work content, step frequency, cycle time and flow efficiency with parallel work
// ---------------------------------------------------------------------------------------------

TEST_CASE("independent timers: two value-added steps in parallel are 100 % flow, not 200 %") {
    // Two operators, A and B (both VA), each with a timer; takt 3 600 s ÷ 240 units = 15 s.
    //   cycle 1: A 0–10 and B 0–10 at once; new cycle at 12
    //   cycle 2: A 12–22 and B 12–22 at once
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    settings.takt_available_ms = sec(3600);
    settings.takt_demand_units = 240.0;
    Walk w({make_step(1, "A"), make_step(2, "B")}, settings);
    w.toggle(0, 1);
    w.toggle(0, 2);
    w.toggle(10, 1);
    w.toggle(10, 2);
    w.new_cycle(12);
    w.toggle(12, 1);
    w.toggle(12, 2);
    w.toggle(22, 1);
    w.toggle(22, 2);
    const SessionSummary s = w.summary();
    CHECK(s.cycles_closed == 2);
    // Each step once per cycle: frequency 1. OT 10 each.
    CHECK(s.steps[0].frequency == 1.0);
    CHECK(s.steps[1].frequency == 1.0);
    // Work content (labour per unit) = 10 + 10 = 20, all of it value-added; ST = 20 (R 100 %, A 0).
    CHECK(*s.work_content_ms == Approx(20000.0));
    CHECK(*s.value_added_ms == Approx(20000.0));
    CHECK(*s.value_added_share == Approx(1.0));
    CHECK(*s.necessary_ms == 0.0);
    CHECK(*s.non_value_added_ms == 0.0);
    CHECK(*s.standard_time_ms == Approx(20000.0));
    // Cycle time: each operator is a station, A 10 × 1 and B 10 × 1 work at once, so a unit comes
    // out every max(10, 10) = 10 s: not Σ OT = 20 (one operator doing both) and not the 12 s
    // between the cycle ends at 10 and 22 (the observer's pace: the 2 s gap before cycle 2 is not
    // the line's). A tie: the first in plan order, A, is named the bottleneck.
    CHECK(*s.cycle_time_ms == Approx(10000.0));
    CHECK(*s.bottleneck_step == 1);
    CHECK(has_notice(s, "cycle time: with independent timers, the time per unit of the slowest step, 'A'"));
    // Against takt 15: 10 / 15 = 0.666667, met (Σ OT = 20 would have said "above takt").
    CHECK(*s.takt_ms == Approx(15000.0));
    CHECK(*s.cycle_time_over_takt == Approx(10.0 / 15.0));
    CHECK(*s.meets_takt);
    // Line balance: ⌈20 / 15⌉ = ⌈1.333⌉ = 2 stations at least (one operator could not keep up);
    // balance efficiency = 20 / (2 × 10) = 1, both equally loaded.
    CHECK(*s.theoretical_min_stations == 2);
    CHECK(*s.balance_efficiency == Approx(1.0));
    // Lead 10 per cycle, waiting 0; the value-added union of each cycle is 0–10 = 10:
    // flow = (10 + 10) / (10 + 10) = 1 (Σ OT ÷ lead would be 20 / 10 = 200 %).
    CHECK(*s.lead_time_ms == Approx(10000.0));
    CHECK(*s.waiting_ms == Approx(0.0));
    CHECK(*s.flow_efficiency == Approx(1.0));
}

TEST_CASE("independent timers: a step done in some cycles only is weighted by its frequency") {
    // An invoice desk: Register (VA), Resolve mismatch (NVA, A 20 %), Pay (VA), independent timers.
    //   cycle 1: Register 0–10, Pay 10–14; new cycle at 20
    //   cycle 2: Register 20–32, Resolve 32–62, Pay 62–68; new cycle at 70
    //   cycle 3: Register 70–78, (a gap 78–80), Pay 80–86; the walk ends (the last cycle closes)
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    Walk w({make_step(1, "Register"), make_step(2, "Resolve mismatch", ValueClass::non_value_added, 100.0, 20.0),
            make_step(3, "Pay")},
           settings);
    w.toggle(0, 1);
    w.toggle(10, 1);
    w.toggle(10, 3);
    w.toggle(14, 3);
    w.new_cycle(20);
    w.toggle(20, 1);
    w.toggle(32, 1);
    w.toggle(32, 2);
    w.toggle(62, 2);
    w.toggle(62, 3);
    w.toggle(68, 3);
    w.new_cycle(70);
    w.toggle(70, 1);
    w.toggle(78, 1);
    w.toggle(80, 3);
    w.toggle(86, 3);
    const SessionSummary s = w.summary();
    REQUIRE(s.cycles_closed == 3);
    // OT: Register (10 + 12 + 8)/3 = 10; Resolve 30; Pay (4 + 6 + 6)/3 = 16/3 = 5.3333.
    // Frequency: Register 3/3 = 1, Resolve 1/3, Pay 3/3 = 1.
    CHECK(s.steps[0].frequency == 1.0);
    CHECK(s.steps[1].frequency == Approx(1.0 / 3));
    CHECK(s.steps[2].frequency == 1.0);
    // Work content = 10 + 30/3 + 16/3 = 76/3 = 25.3333 (unweighted it would be 45.333).
    CHECK(*s.work_content_ms == Approx(76000.0 / 3));
    // VA = 10 + 16/3 = 46/3 = 15.3333 (share 46/76 = 0.605263); NVA 10 (30/76 = 0.394737).
    CHECK(*s.value_added_ms == Approx(46000.0 / 3));
    CHECK(*s.non_value_added_ms == Approx(10000.0));
    CHECK(*s.necessary_ms == 0.0);
    CHECK(*s.value_added_share == Approx(0.6052632));
    CHECK(*s.non_value_added_share == Approx(0.3947368));
    // Standard time: Resolve ST = 30 × 1.2 = 36, weighted 36/3 = 12; the others A 0:
    // 10 + 12 + 16/3 = 82/3 = 27.3333.
    CHECK(*s.steps[1].standard_ms == Approx(36000.0));
    CHECK(*s.standard_time_ms == Approx(82000.0 / 3));
    // Cycle time per station: Register 10 × 1 = 10, Resolve 30 × 1/3 = 10, Pay 16/3 × 1 = 5.333 →
    // 10 (the interval of the cycle ends 14, 68, 86 would say (86 − 14)/2 = 36). Register and
    // Resolve tie (30 000 × (1/3) is 10 000 exactly in double arithmetic): the first in plan order,
    // Register, is the bottleneck.
    CHECK(*s.cycle_time_ms == Approx(10000.0));
    CHECK(*s.bottleneck_step == 1);
    // Balance efficiency = (76/3) / (3 × 10) = 76/90 = 0.844444. No takt: no minimum of stations.
    CHECK(*s.balance_efficiency == Approx(76.0 / 90.0));
    CHECK_FALSE(s.theoretical_min_stations);
    // Leads 14, 48, 16: mean 78/3 = 26; waiting 0, 0, 2 (the gap): mean 2/3.
    CHECK(*s.lead_time_ms == Approx(26000.0));
    CHECK(*s.waiting_ms == Approx(2000.0 / 3));
    // Flow: value-added unions 10 + 4 = 14, 12 + 6 = 18, 8 + 6 = 14 → 46 / 78 = 0.589744.
    CHECK(*s.flow_efficiency == Approx(46.0 / 78.0));
}

TEST_CASE("independent timers: the bottleneck is the largest OT × frequency, not the largest OT") {
    // Two stations: Cut (VA) done for every other unit, Sand (VA) twice per unit.
    //   cycle 1: Cut 0–12; Sand 12–16 and 18–22; new cycle at 24
    //   cycle 2: Sand 24–28 and 30–34; the walk ends (the last cycle closes)
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    const auto walk = [](const StudySettings& with) {
        auto w = std::make_unique<Walk>(std::vector<Step>{make_step(1, "Cut"), make_step(2, "Sand")}, with);
        w->toggle(0, 1);
        w->toggle(12, 1);
        w->toggle(12, 2);
        w->toggle(16, 2);
        w->toggle(18, 2);
        w->toggle(22, 2);
        w->new_cycle(24);
        w->toggle(24, 2);
        w->toggle(28, 2);
        w->toggle(30, 2);
        w->toggle(34, 2);
        return w;
    };
    SUBCASE("no takt") {
        const SessionSummary s = walk(settings)->summary();
        REQUIRE(s.cycles_closed == 2);
        // Cut: OT 12, 1 reading in 2 closed cycles → frequency 1/2, 12 × 1/2 = 6 per unit.
        // Sand: OT 4, 4 readings in 2 closed cycles → frequency 2, 4 × 2 = 8 per unit.
        CHECK(s.steps[0].frequency == 0.5);
        CHECK(s.steps[1].frequency == 2.0);
        // Work content 6 + 8 = 14. CT = max(6, 8) = 8: Sand, though Cut has the longer OT.
        CHECK(*s.work_content_ms == Approx(14000.0));
        CHECK(*s.cycle_time_ms == Approx(8000.0));
        CHECK(*s.bottleneck_step == 2);
        CHECK(has_notice(s, "the slowest step, 'Sand'"));
        // Balance efficiency = 14 / (2 × 8) = 0.875.
        CHECK(*s.balance_efficiency == Approx(0.875));
        CHECK_FALSE(s.takt_ms);
        CHECK_FALSE(s.theoretical_min_stations);
    }
    SUBCASE("takt 14 s: 2 800 s for 200 units") {
        settings.takt_available_ms = sec(2800);
        settings.takt_demand_units = 200.0;
        const SessionSummary s = walk(settings)->summary();
        // CT/takt = 8 / 14 = 0.571429, met; ⌈14 / 14⌉ = 1 exactly (not 2 from rounding noise).
        CHECK(*s.takt_ms == Approx(14000.0));
        CHECK(*s.cycle_time_over_takt == Approx(8.0 / 14.0));
        CHECK(*s.meets_takt);
        CHECK(*s.theoretical_min_stations == 1);
    }
    SUBCASE("takt 8 s: 3 600 s for 450 units, the bottleneck exactly at takt") {
        settings.takt_available_ms = sec(3600);
        settings.takt_demand_units = 450.0;
        const SessionSummary s = walk(settings)->summary();
        // CT = takt = 8: met (CT ≤ takt), ratio 1; ⌈14 / 8⌉ = ⌈1.75⌉ = 2 stations at least.
        CHECK(*s.takt_ms == Approx(8000.0));
        CHECK(*s.cycle_time_over_takt == Approx(1.0));
        CHECK(*s.meets_takt);
        CHECK(*s.theoretical_min_stations == 2);
    }
    SUBCASE("one operator doing both (lap timing) names no bottleneck") {
        // Lap: Cut 0–12, Sand 12–20, stop. CT = work content = 12 + 8 = 20; one operator is one
        // station: no bottleneck, no balance efficiency.
        Walk w({make_step(1, "Cut"), make_step(2, "Sand")});
        w.next(0);
        w.next(12);
        w.stop(20);
        const SessionSummary s = w.summary();
        CHECK(*s.cycle_time_ms == Approx(20000.0));
        CHECK_FALSE(s.bottleneck_step);
        CHECK_FALSE(s.balance_efficiency);
    }
}

TEST_CASE("lap timing: a step split into two readings per cycle has frequency 2") {
    // Lap timing, Scan (VA) and Pack (NNVA):
    //   cycle 1: Scan 0–10, Pack 10–14; cycle 2: Scan 14–24, Pack 24–28, stop.
    // Each Scan reading is then split in two: 0–4 | 4–10 and 14–18 | 18–24.
    Walk w({make_step(1, "Scan"), make_step(2, "Pack", ValueClass::necessary_non_value_added)});
    const EventId scan1 = w.next(0);
    w.next(10);
    const EventId scan2 = w.next(14);
    w.next(24);
    w.stop(28);
    w.split(scan1, 4);
    w.split(scan2, 18);
    const SessionSummary s = w.summary();
    REQUIRE(s.cycles_closed == 2);
    // Scan: readings 4, 6, 4, 6 → OT 5; 4 readings in 2 closed cycles: frequency 2.
    CHECK(s.steps[0].stats.n == 4);
    CHECK(*s.steps[0].observed_ms == Approx(5000.0));
    CHECK(s.steps[0].frequency == 2.0);
    CHECK(s.steps[1].frequency == 1.0);
    // Work content = 5 × 2 + 4 × 1 = 14: the real time per unit (Σ OT would say 9).
    // Lap timing: CT = work content = 14.
    CHECK(*s.work_content_ms == Approx(14000.0));
    CHECK(*s.cycle_time_ms == Approx(14000.0));
    // VA 10 of 14 = 0.714286; lead 14 per cycle; flow = 10 / 14.
    CHECK(*s.value_added_ms == Approx(10000.0));
    CHECK(*s.value_added_share == Approx(10.0 / 14.0));
    CHECK(*s.lead_time_ms == Approx(14000.0));
    CHECK(*s.flow_efficiency == Approx(10.0 / 14.0));
}

TEST_CASE("frequency is 1 while no cycle is closed, and the cycle time is already the slowest step") {
    // Independent timers, live at 15: A 0–10 done, B running from 5. No cycle is closed.
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    Walk w({make_step(1, "A"), make_step(2, "B")}, settings);
    w.toggle(0, 1);
    w.toggle(5, 2);
    w.toggle(10, 1);
    const SessionSummary s = w.summary(15.0);
    CHECK(s.cycles_closed == 0);
    CHECK(s.steps[0].frequency == 1.0);
    CHECK(s.steps[1].frequency == 1.0);
    // Work content = A 10 × 1 (B has no valid reading yet).
    CHECK(*s.work_content_ms == Approx(10000.0));
    CHECK(has_notice(s, "step 'B' has no valid readings; it is left out of the work content"));
    // The cycle time needs no closed cycle: A 10 × 1 = 10, the only step with a valid reading, is
    // the bottleneck; balance 10 / (1 × 10) = 1.
    CHECK(*s.cycle_time_ms == Approx(10000.0));
    CHECK(*s.bottleneck_step == 1);
    CHECK(*s.balance_efficiency == Approx(1.0));
    // No closed cycle: no lead time, no flow efficiency.
    CHECK_FALSE(s.lead_time_ms);
    CHECK_FALSE(s.flow_efficiency);
}

TEST_CASE("independent timers: closed cycles that all end at once still have a cycle time") {
    // A 0–10 in cycle 1; a new cycle at 2; B 2–10 in cycle 2. Both end at 10 (an interval of the
    // ends would be 0 s and say nothing); the stations' times per unit still do.
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    Walk w({make_step(1, "A"), make_step(2, "B")}, settings);
    w.toggle(0, 1);
    w.new_cycle(2);
    w.toggle(2, 2);
    w.toggle(10, 1);
    w.toggle(10, 2);
    const SessionSummary s = w.summary();
    CHECK(s.cycles_closed == 2);
    // Work content: A 10 × 1/2 + B 8 × 1/2 = 9 (each happened in one of the two cycles).
    CHECK(*s.work_content_ms == Approx(9000.0));
    // CT = max(A 5, B 4) = 5, step A; balance 9 / (2 × 5) = 0.9.
    CHECK(*s.cycle_time_ms == Approx(5000.0));
    CHECK(*s.bottleneck_step == 1);
    CHECK(*s.balance_efficiency == Approx(0.9));
}

TEST_CASE("independent timers: every reading excluded keeps the lead time but gives no flow efficiency") {
    // One VA step: 0–4 (cycle 1), a new cycle at 5, 5–10 (cycle 2); both excluded.
    StudySettings settings;
    settings.timing_mode = TimingMode::independent;
    Walk w({make_step(1, "Pick")}, settings);
    const EventId first = w.toggle(0, 1);
    w.toggle(4, 1);
    w.new_cycle(5);
    const EventId second = w.toggle(5, 1);
    w.toggle(10, 1);
    w.exclude(first, "supervisor");
    w.exclude(second, "supervisor");
    const SessionSummary s = w.summary();
    // The time passed: leads 4 and 5, mean 4.5.
    CHECK(s.cycles_closed == 2);
    CHECK(*s.lead_time_ms == Approx(4500.0));
    // No step has a valid reading: no station time, so no cycle time, bottleneck or balance.
    CHECK_FALSE(s.cycle_time_ms);
    CHECK_FALSE(s.bottleneck_step);
    CHECK_FALSE(s.balance_efficiency);
    // The value-added time is unknown: no work content, no class times, no flow efficiency.
    CHECK_FALSE(s.work_content_ms);
    CHECK_FALSE(s.value_added_ms);
    CHECK_FALSE(s.flow_efficiency);
}

TEST_CASE("lap timing: flow efficiency exceeds 100 % only with value-added readings outside the closed cycles") {
    // A (VA), B (NVA), lap: cycle 1 A 0–1, B 1–2; cycle 2 A 2–102, stop. Cycle 2 lacks B and is
    // the current one: not closed. OT A = (1 + 100)/2 = 50.5 (frequency 1/1), lead of cycle 1 = 2:
    // flow = 50.5 / 2 = 25.25. Stated in summary.hpp; the closed cycles alone would give 1/2.
    Walk w({make_step(1, "A"), make_step(2, "B", ValueClass::non_value_added)});
    w.next(0);
    w.next(1);
    w.next(2);
    w.stop(102);
    const SessionSummary s = w.summary();
    CHECK(s.cycles_closed == 1);
    CHECK(*s.lead_time_ms == Approx(2000.0));
    CHECK(*s.flow_efficiency == Approx(25.25));
}

TEST_CASE("required cycles with an absolute accuracy in milliseconds") {
    // Readings 9 and 11: s = √2 s, s² = 2 s².
    StudySettings settings;
    SUBCASE("95 % (1.96), ±1 s: n = 1.96² · 2 / 1² = 3.8416 · 2 = 7.68 → 8, more 8 − 2 = 6") {
        settings.accuracy_ms = 1000.0;
        Walk w({make_step(1, "Pick")}, settings);
        w.laps(0, {9, 11});
        const SessionSummary s = w.summary();
        CHECK(*s.steps[0].required_cycles == 8);
        CHECK(*s.steps[0].more_cycles == 6);
        CHECK(*s.required_cycles == 8);
    }
    SUBCASE("the relative accuracy of the same study (±5 %) would ask for 31") {
        // 3.8416 · 2 / (0.05 · 10)² = 7.6832 / 0.25 = 30.73 → 31.
        Walk w({make_step(1, "Pick")}, settings);
        w.laps(0, {9, 11});
        CHECK(*w.summary().steps[0].required_cycles == 31);
    }
    SUBCASE("z = 2, ±0.2 s: 4 · 2 / 0.04 = 200 exactly → 200, not 201") {
        settings.z = 2.0;
        settings.accuracy_ms = 200.0;
        Walk w({make_step(1, "Pick")}, settings);
        w.laps(0, {9, 11});
        CHECK(*w.summary().steps[0].required_cycles == 200);
    }
}

TEST_CASE("the mean ± 3 SD rule: one notice for all the steps with 3 to 10 valid readings") {
    // Independent timers, readings of 1, 2, 3, ... s one after another:
    //   A 3 readings, B 10, C 11, D 2. The rule cannot flag anything in A or B (n ≤ 10); C can
    //   (n = 11: (n − 1)/√n = 10/3.317 = 3.015 > 3); D is below the rule's minimum of 3.
    const auto walk_with = [](OutlierRule rule) {
        StudySettings settings = settings_with(rule);
        settings.timing_mode = TimingMode::independent;
        auto w = std::make_unique<Walk>(
            std::vector<Step>{make_step(1, "A"), make_step(2, "B"), make_step(3, "C"), make_step(4, "D")}, settings);
        double t = 0;
        for (const auto& [step, n] : std::vector<std::pair<StepId, int>>{{1, 3}, {2, 10}, {3, 11}, {4, 2}}) {
            for (int i = 1; i <= n; ++i) {
                w->toggle(t, step);
                w->toggle(t + i, step);
                t += i + 1;
            }
        }
        return w;
    };
    const SessionSummary s = walk_with(OutlierRule::mean_3_sd)->summary();
    std::size_t about_3_sd = 0;
    for (const std::string& n : s.notices) about_3_sd += n.find("mean ± 3 SD rule cannot flag") != std::string::npos;
    CHECK(about_3_sd == 1);
    CHECK(has_notice(s, "10 or fewer valid readings ('A', 'B');"));

    const SessionSummary iqr = walk_with(OutlierRule::iqr_1_5)->summary();
    CHECK_FALSE(has_notice(iqr, "mean ± 3 SD"));
}

TEST_CASE("summary JSON: a number that is not finite is written as null") {
    // Defensive: summarize() never produces one, but JSON has no infinity or NaN.
    Session session;
    session.title = "t";
    NamedSummary named{"x.json", &session, {}};
    named.summary.cycle_time_ms = std::numeric_limits<double>::infinity();
    named.summary.takt_ms = std::numeric_limits<double>::quiet_NaN();
    named.summary.work_content_ms = 1500.0;
    StepSummary step;
    step.step = 1;
    step.frequency = -std::numeric_limits<double>::infinity();
    named.summary.steps.push_back(step);
    const std::string json = summaries_to_json({named});
    CHECK(json.find("\"cycle_time_ms\": null") != std::string::npos);
    CHECK(json.find("\"takt_ms\": null") != std::string::npos);
    CHECK(json.find("\"frequency\": null") != std::string::npos);
    CHECK(json.find("\"work_content_ms\": 1500") != std::string::npos);
    for (const char* bad : {"inf", "Inf", "nan", "NaN"}) CHECK_MESSAGE(json.find(bad) == std::string::npos, bad);
}
