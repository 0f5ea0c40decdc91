// The re-walk (core/analysis/compare, core/report/compare_report): Welch's t-test against a published
// example, steps matched by name, waste rates, takt gap and the actions' verdicts. Every expected
// number is worked out by hand in the comment beside it; the p-values and t quantiles come from
// tests/welch_check.py, which integrates Student's t density itself (Simpson's rule), with no code
// of Gemba's and no statistics library.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/compare.hpp"
#include "core/analysis/stats.hpp"
#include "core/report/compare_report.hpp"
#include "tests/compare_walks.hpp"

using doctest::Approx;
using namespace gemba;

namespace {

using gemba::test::action;
using gemba::test::after_steps;
using gemba::test::before_steps;
using gemba::test::make_step;
using gemba::test::record_after;
using gemba::test::record_before;
using gemba::test::with_takt;
using Walk = gemba::test::RecordedWalk;

const ActionEffect& effect_of(const WalkComparison& c, CompareSide walk, ActionId id) {
    const auto found = std::find_if(c.actions.begin(), c.actions.end(),
                                    [&](const ActionEffect& a) { return a.walk == walk && a.action.id == id; });
    REQUIRE(found != c.actions.end());
    return *found;
}

const UnmatchedStep* unmatched(const WalkComparison& c, CompareSide side, StepId step) {
    for (const UnmatchedStep& u : c.unmatched)
        if (u.side == side && u.step == step) return &u;
    return nullptr;
}

Session plan_of(const std::vector<std::string>& names) {
    Session s;
    StepId id = 1;
    for (const std::string& name : names) s.steps.push_back(make_step(id++, name));
    return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Welch's t-test
// ---------------------------------------------------------------------------------------------

TEST_CASE("Welch's t-test: the first example of Wikipedia's article \"Welch's t-test\"") {
    // A1 = 27.5 21.0 19.0 23.6 17.0 17.9 16.9 20.1 21.9 22.6 23.1 19.6 19.0 21.7 21.4 (before) and
    // A2 = 27.1 22.0 20.8 23.4 23.4 23.5 25.8 22.0 24.8 20.2 21.9 22.1 22.9 20.5 24.4 (after).
    // By hand: n 15 each, mean 20.82 and 22.98667, s 2.804894 and 1.952605 (n − 1);
    // s²/n = 0.524497 and 0.254177, se = √0.778674 = 0.882425, d = 2.166667, t = 2.455356,
    // df = 0.778674² / (0.524497²/14 + 0.254177²/14) = 24.98853. The article prints t = 2.46
    // (for A1 − A2: −2.46), ν ≈ 25.0 and p = 0.021 for Welch; welch_check.py integrates the density:
    // p = 0.021378, t_0.975(24.98853) = 2.059586, CI = 2.166667 ± 2.059586 · 0.882425 = [0.349237, 3.984096].
    const std::vector<double> a1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
    const std::vector<double> a2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
    const Descriptive d1 = describe(a1), d2 = describe(a2);
    const std::optional<WelchTest> w = welch_t_test(d1.n, *d1.mean, *d1.sd, d2.n, *d2.mean, *d2.sd, 95.0);
    REQUIRE(w);
    CHECK(w->difference == Approx(2.166667).epsilon(1e-6));
    CHECK(w->standard_error == Approx(0.882425).epsilon(1e-6));
    CHECK(w->t == Approx(2.455356).epsilon(1e-6));
    CHECK(w->df == Approx(24.98853).epsilon(1e-6));
    CHECK(w->p_two_sided == Approx(0.021378).epsilon(1e-4));
    CHECK(w->ci_low == Approx(0.349237).epsilon(1e-4));
    CHECK(w->ci_high == Approx(3.984096).epsilon(1e-5));
    CHECK(w->confidence_pct == 95.0);
}

TEST_CASE("Welch's t-test from summary numbers, and the samples it cannot test") {
    // n 20, mean 100, s 15 before; n 20, mean 95, s 20 after: se = √(225/20 + 400/20) = √31.25 = 5.590170,
    // t = −5 / 5.590170 = −0.894427, df = 31.25² / ((11.25² + 20²)/19) = 976.5625 / 27.71382 = 35.23739;
    // welch_check.py: p = 0.377162, t_0.975 = 2.029619, CI = −5 ± 11.345916 = [−16.345916, 6.345916].
    const std::optional<WelchTest> w = welch_t_test(20, 100, 15, 20, 95, 20, 95.0);
    REQUIRE(w);
    CHECK(w->t == Approx(-0.894427).epsilon(1e-6));
    CHECK(w->df == Approx(35.23739).epsilon(1e-6));
    CHECK(w->p_two_sided == Approx(0.377162).epsilon(1e-5));
    CHECK(w->ci_low == Approx(-16.345916).epsilon(1e-5));
    CHECK(w->ci_high == Approx(6.345916).epsilon(1e-5));
    // 90 %: the interval narrows (t_0.95 < t_0.975) around the same difference.
    const std::optional<WelchTest> w90 = welch_t_test(20, 100, 15, 20, 95, 20, 90.0);
    REQUIRE(w90);
    CHECK(w90->ci_high - w90->ci_low < w->ci_high - w->ci_low);
    CHECK(w90->p_two_sided == Approx(w->p_two_sided));
    // The highest level the comparison uses (z = 10 in a plan): a wide interval, no failure.
    const std::optional<WelchTest> w_high = welch_t_test(20, 100, 15, 20, 95, 20, 99.9999);
    REQUIRE(w_high);
    CHECK(w_high->ci_high - w_high->ci_low > 2 * (w->ci_high - w->ci_low));

    CHECK_FALSE(welch_t_test(1, 10, 0, 5, 9, 1, 95.0));   // one reading: no SD
    CHECK_FALSE(welch_t_test(5, 10, 1, 1, 9, 0, 95.0));
    CHECK_FALSE(welch_t_test(3, 10, 0, 3, 9, 0, 95.0));   // no spread on either side: t undefined
    CHECK(welch_t_test(3, 10, 0, 3, 9, 1, 95.0));         // spread on one side is enough
}

// ---------------------------------------------------------------------------------------------
// Matching steps by name (step_match_key itself: test_step_match.cpp)
// ---------------------------------------------------------------------------------------------

TEST_CASE("steps match by name whatever their order and ids, and renamed, duplicate and nameless steps are listed") {
    // Before: Inspect (1), Fasten (2), Pack (3), "" (4). After: Pack (1), Fasten bolts (2), INSPECT (3),
    // inspect (4). Pack matches (before 3 ↔ after 1, not by position); Fasten and Fasten bolts are
    // different names; "Inspect" is two steps of the after walk: ambiguous, none of the three compared.
    const Session before = plan_of({"Inspect", "Fasten", "Pack", ""});
    const Session after = plan_of({"Pack", "Fasten bolts", "INSPECT", " inspect"});
    const LogState before_state = LogState::replay(before), after_state = LogState::replay(after);
    const SessionSummary before_summary = summarize(before, before_state), after_summary = summarize(after, after_state);
    const WalkComparison c = compare_walks({before, before_state, before_summary}, {after, after_state, after_summary});

    REQUIRE(c.steps.size() == 1);
    CHECK(c.steps[0].key == "pack");
    CHECK(c.steps[0].before_step == 3);
    CHECK(c.steps[0].after_step == 1);
    CHECK(c.steps[0].verdict == StepVerdict::not_testable);
    CHECK(c.steps[0].untested == "fewer than 2 readings before and after");

    REQUIRE(c.unmatched.size() == 6);
    CHECK(unmatched(c, CompareSide::before, 1)->reason == UnmatchedReason::other_twice);
    CHECK(unmatched(c, CompareSide::before, 2)->reason == UnmatchedReason::missing);
    CHECK(unmatched(c, CompareSide::before, 4)->reason == UnmatchedReason::no_name);
    CHECK(unmatched(c, CompareSide::after, 2)->reason == UnmatchedReason::missing);
    CHECK(unmatched(c, CompareSide::after, 3)->reason == UnmatchedReason::name_twice);
    CHECK(unmatched(c, CompareSide::after, 4)->reason == UnmatchedReason::name_twice);
    // Listed in plan order, the before walk's first.
    CHECK(c.unmatched.front().side == CompareSide::before);
    CHECK(c.unmatched.back().side == CompareSide::after);
}

// ---------------------------------------------------------------------------------------------
// The two recorded walks
// ---------------------------------------------------------------------------------------------

TEST_CASE("compare two recorded walks: per step, waste rates, lead time, flow efficiency, takt gap") {
    Walk before(before_steps(), with_takt());
    record_before(before);
    Walk after(after_steps(), with_takt());
    record_after(after);
    const SessionSummary bs = before.summary(), as = after.summary();
    const WalkComparison c = compare_walks({before.session(), before.state(), bs}, {after.session(), after.state(), as});

    CHECK(c.confidence_pct == 95.0);
    CHECK(c.before_observed_ms == 130'000);
    CHECK(c.after_observed_ms == 86'000);

    // Matched in the before walk's plan order: Pick part (1 ↔ 7), Fasten (2 ↔ 5); Inspect unmatched.
    REQUIRE(c.steps.size() == 2);
    const StepComparison& pick = c.steps[0];
    const StepComparison& fasten = c.steps[1];
    CHECK(pick.before_step == 1);
    CHECK(pick.after_step == 7);
    CHECK(pick.after_name == "pick   PART");
    CHECK(fasten.before_step == 2);
    CHECK(fasten.after_step == 5);
    REQUIRE(c.unmatched.size() == 1);
    CHECK(c.unmatched[0].side == CompareSide::after);
    CHECK(c.unmatched[0].name == "Inspect");
    CHECK(c.unmatched[0].reason == UnmatchedReason::missing);
    CHECK(c.unmatched[0].valid_readings == 3);

    // Fasten 20 22 18 24 → 12 14 13: means 21 and 13 s, s = √(20/3) = 2.581989 and 1;
    // se = √(6.666667/4 + 1/3) = √2 = 1.414214, t = −8/√2 = −5.656854,
    // df = 4 / (1.666667²/3 + 0.333333²/2) = 4 / 0.981481 = 4.075472;
    // welch_check.py: p = 0.0045488, t_0.975(4.075472) = 2.756285, CI = −8 ± 3.897975 = [−11.897975, −4.102025] s.
    REQUIRE(fasten.test);
    CHECK(fasten.before.n == 4);
    CHECK(fasten.after.n == 3);
    CHECK(*fasten.before.mean_ms == Approx(21000));
    CHECK(*fasten.after.sd_ms == Approx(1000));
    CHECK(fasten.test->difference == Approx(-8000));
    CHECK(fasten.test->t == Approx(-5.656854).epsilon(1e-6));
    CHECK(fasten.test->df == Approx(4.075472).epsilon(1e-6));
    CHECK(fasten.test->p_two_sided == Approx(0.0045488).epsilon(1e-4));
    CHECK(fasten.test->ci_low == Approx(-11897.975).epsilon(1e-5));
    CHECK(fasten.test->ci_high == Approx(-4102.025).epsilon(1e-5));
    CHECK(fasten.verdict == StepVerdict::faster);
    // Pick 10 12 11 13 → 10 11 10: d = −1.166667 s, t = −1.605910, df = 4.349398, p = 0.177843 ≥ 0.05.
    REQUIRE(pick.test);
    CHECK(pick.test->t == Approx(-1.605910).epsilon(1e-6));
    CHECK(pick.test->df == Approx(4.349398).epsilon(1e-6));
    CHECK(pick.test->p_two_sided == Approx(0.177843).epsilon(1e-4));
    CHECK(pick.verdict == StepVerdict::no_clear_change);
    // Lap taps leave no gap between steps: no wait before Fasten in the before walk; the after walk
    // starts with Fasten, so it times no wait before it at all (unknown, not 0).
    REQUIRE(fasten.wait_ms.before);
    CHECK(*fasten.wait_ms.before == Approx(0));
    CHECK_FALSE(fasten.wait_ms.after);

    // Waste per observed hour: Motion 4 tags in 130 s = 4 × 3600 / 130 = 110.769231 / h, then 1 in
    // 86 s = 41.860465 / h: change −68.908766 / h. Waiting 1 → 0: 27.692308 → 0 / h. Defects 0 → 0.
    const WasteRateChange& motion = c.wastes[static_cast<std::size_t>(Waste::motion)];
    CHECK(motion.waste == Waste::motion);
    CHECK(motion.before_count == 4);
    CHECK(motion.after_count == 1);
    CHECK(*motion.per_hour.before == Approx(110.769231));
    CHECK(*motion.per_hour.after == Approx(41.860465));
    CHECK(*motion.per_hour.change() == Approx(-68.908766));
    const WasteRateChange& waiting = c.wastes[static_cast<std::size_t>(Waste::waiting)];
    CHECK(*waiting.per_hour.before == Approx(27.692308));
    CHECK(*waiting.per_hour.change() == Approx(-27.692308));
    CHECK(*c.wastes[0].per_hour.change() == 0.0);
    CHECK(c.wastes.size() == 8);

    // Cycle time (lap: the work content) 11.5 + 21 = 32.5 s before, 13 + 10.333333 + 5.333333 =
    // 28.666667 s after; takt 27 s; takt gap +5.5 s → +1.666667 s, change −3.833333 s.
    CHECK(*c.flow.cycle_time_ms.before == Approx(32500));
    CHECK(*c.flow.cycle_time_ms.after == Approx(28666.667));
    CHECK(*c.flow.takt_ms.before == Approx(27000));
    CHECK(*c.flow.takt_gap_ms.before == Approx(5500));
    CHECK(*c.flow.takt_gap_ms.after == Approx(1666.667));
    CHECK(*c.flow.takt_gap_ms.change() == Approx(-3833.333));
    // Lead time from the cycles (no value stream mapped): cycles of 30, 34, 29, 37 s → 32.5 s before;
    // 27, 30, 29 s → 28.666667 s after. Flow efficiency: value-added Fasten 21 / 32.5 = 0.646154,
    // then 13 / 28.666667 = 0.453488.
    CHECK(c.flow.before_source == LeadTimeSource::cycles);
    CHECK(c.flow.after_source == LeadTimeSource::cycles);
    CHECK(*c.flow.lead_time_ms.before == Approx(32500));
    CHECK(*c.flow.lead_time_ms.after == Approx(28666.667));
    CHECK(*c.flow.flow_efficiency.before == Approx(0.646154));
    CHECK(*c.flow.flow_efficiency.after == Approx(0.453488));
}

TEST_CASE("each action's expected effect against what moved: met, not met, not measurable") {
    Walk before(before_steps(), with_takt());
    record_before(before);
    Walk after(after_steps(), with_takt());
    record_after(after);
    before.session().improvement.actions = {
        action(1, "Kit the bolts", Metric::step_mean, Direction::decrease, 2),
        action(2, "Parts closer", Metric::step_mean, Direction::decrease, 1),
        action(3, "Tools at hand", Metric::waste_rate, Direction::decrease, 2, Waste::motion),
        action(4, "Balance the line", Metric::takt_gap, Direction::decrease),
        action(5, "More value", Metric::flow_efficiency, Direction::increase),
        action(6, "A step the walk lacks", Metric::step_mean, Direction::decrease, 42),
        action(7, "Shorter queue", Metric::wait_before, Direction::decrease, 2),
        action(8, "Faster flow", Metric::lead_time, Direction::decrease),
    };
    before.session().improvement.actions.push_back(Action{9, 1, 0, "No number", "", "", ActionStatus::todo, {}});
    after.session().improvement.actions = {action(1, "Check less", Metric::step_mean, Direction::decrease, 9)};
    const SessionSummary bs = before.summary(), as = after.summary();
    const WalkComparison c = compare_walks({before.session(), before.state(), bs}, {after.session(), after.state(), as});
    REQUIRE(c.actions.size() == 10);

    // Fasten's mean 21 → 13 s, p = 0.0045 < 0.05: met.
    const ActionEffect& kit = effect_of(c, CompareSide::before, 1);
    CHECK(kit.metric == "Mean time of Fasten");
    CHECK(*kit.value.change() == Approx(-8000));
    CHECK(*kit.moved_as_expected);
    CHECK(*kit.significant);
    CHECK(*kit.p == Approx(0.0045488).epsilon(1e-4));
    CHECK(kit.verdict == EffectVerdict::met);
    CHECK(effect_text(kit, 0) == "decreased by 8.0 s (p = 0.005), as expected");
    // Pick part 11.5 → 10.333 s: down, but p = 0.178: not met.
    const ActionEffect& parts = effect_of(c, CompareSide::before, 2);
    CHECK(*parts.moved_as_expected);
    CHECK_FALSE(*parts.significant);
    CHECK(parts.verdict == EffectVerdict::not_met);
    // Motion at Fasten: 3 tags in 130 s = 83.076923 / h → 1 in 86 s = 41.860465 / h: down, but 4
    // tags in all say little. Exact test of two rates: the after walk's share of the time is
    // 86 / 216 = 0.398148 (q = 0.601852); P(≤ 1 of 4 after) = q⁴ + 4·p·q³ = 0.131208 + 0.347196 =
    // 0.478404, P(≥ 1) = 0.868792; p = 2 × 0.478404 = 0.956808: not met.
    const ActionEffect& tools = effect_of(c, CompareSide::before, 3);
    CHECK(tools.metric == "Motion tags per hour at Fasten");
    CHECK(*tools.value.before == Approx(83.076923));
    CHECK(*tools.value.after == Approx(41.860465));
    CHECK(*tools.moved_as_expected);
    REQUIRE(tools.p);
    CHECK(*tools.p == Approx(0.956808).epsilon(1e-5));
    CHECK_FALSE(*tools.significant);
    CHECK(tools.verdict == EffectVerdict::not_met);
    // Takt gap 5.5 → 1.667 s: met. Flow efficiency 0.646 → 0.453, expected up: not met.
    CHECK(effect_of(c, CompareSide::before, 4).verdict == EffectVerdict::met);
    const ActionEffect& value = effect_of(c, CompareSide::before, 5);
    CHECK_FALSE(*value.moved_as_expected);
    CHECK(value.verdict == EffectVerdict::not_met);
    // A step id the before walk does not hold.
    const ActionEffect& lacks = effect_of(c, CompareSide::before, 6);
    CHECK(lacks.verdict == EffectVerdict::not_measurable);
    CHECK(lacks.reason == "the before walk has no step 42");
    // The wait before Fasten: the before walk timed none between Pick part and Fasten (lap taps: 0 s);
    // the after walk starts with Fasten, so nothing comes before it to time a wait from.
    const ActionEffect& queue = effect_of(c, CompareSide::before, 7);
    CHECK(*queue.value.before == 0.0);
    CHECK_FALSE(queue.value.after);
    CHECK(queue.verdict == EffectVerdict::not_measurable);
    CHECK(queue.reason == "not known in the after walk");
    // Lead time 32.5 → 28.667 s: met.
    CHECK(effect_of(c, CompareSide::before, 8).verdict == EffectVerdict::met);
    // No expected effect: nothing to measure.
    CHECK(effect_of(c, CompareSide::before, 9).verdict == EffectVerdict::not_measurable);
    // The after walk's action names Inspect, which the before walk lacks.
    const ActionEffect& check = effect_of(c, CompareSide::after, 1);
    CHECK(check.verdict == EffectVerdict::not_measurable);
    CHECK(check.reason == "\"Inspect\" has no match in the before walk");
    CHECK(effect_text(check, 0) == "cannot be measured: \"Inspect\" has no match in the before walk");
}

TEST_CASE("an action on a step with fewer than 2 readings is not measurable, saying why") {
    Walk before({make_step(1, "Weld")});
    before.next(0);
    before.stop(30);
    Walk after({make_step(1, "Weld")});
    for (double t : {0, 20, 41}) after.next(t);
    after.stop(60);
    before.session().improvement.actions = {action(1, "Jig", Metric::step_mean, Direction::decrease, 1)};
    const SessionSummary bs = before.summary(), as = after.summary();
    const WalkComparison c = compare_walks({before.session(), before.state(), bs}, {after.session(), after.state(), as});
    REQUIRE(c.steps.size() == 1);
    CHECK(c.steps[0].untested == "fewer than 2 readings before");
    const ActionEffect& jig = effect_of(c, CompareSide::before, 1);
    CHECK(jig.verdict == EffectVerdict::not_measurable);
    CHECK(jig.reason == "fewer than 2 readings before");
    // 30 s → mean of 20, 21, 19 = 20 s: it moved, but cannot be tested.
    CHECK(*jig.value.change() == Approx(-10000));
    CHECK(effect_text(jig, 0) == "decreased by 10.0 s; cannot be tested: fewer than 2 readings before");
}

TEST_CASE("the confidence is the before walk's, from its z when the settings give z") {
    StudySettings settings;
    settings.confidence_pct = 90.0;
    Walk before({make_step(1, "Weld")}, settings);
    Walk after({make_step(1, "Weld")});
    const SessionSummary bs = before.summary(), as = after.summary();
    CHECK(compare_walks({before.session(), before.state(), bs}, {after.session(), after.state(), as}).confidence_pct ==
          90.0);
    // z = 2.58 → 100 · (2Φ(2.58) − 1) = 99.012 %.
    before.session().settings.z = 2.58;
    CHECK(compare_walks({before.session(), before.state(), bs}, {after.session(), after.state(), as}).confidence_pct ==
          Approx(99.0119).epsilon(1e-5));
    // z = 10, the largest the plan allows, is 100 % in a double: the test still has an interval.
    before.session().settings.z = 10.0;
    CHECK(compare_walks({before.session(), before.state(), bs}, {after.session(), after.state(), as}).confidence_pct ==
          99.9999);
}

// ---------------------------------------------------------------------------------------------
// Words and numbers
// ---------------------------------------------------------------------------------------------

TEST_CASE("compare report: p-values, signed changes and intervals as people read them") {
    CHECK(p_value_text(0.0034) == "0.003");
    CHECK(p_value_text(0.25) == "0.250");
    CHECK(p_value_text(0.0009) == "< 0.001");
    CHECK(signed_duration(-2200) == "\u22122.2 s");
    CHECK(signed_duration(1500) == "+1.5 s");
    CHECK(signed_duration(0) == "0.0 s");
    WelchTest t;
    t.difference = -2200;
    t.ci_low = -3200;
    t.ci_high = 300;
    CHECK(difference_text(t) == "\u22122.2 s (\u22123.2 s to 0.3 s)");
    CHECK(sample_text(StepSample{10, 12300, 1200}) == "12.3 s \u00b1 1.2 s (n = 10)");
    CHECK(sample_text(StepSample{1, 12300, std::nullopt}) == "12.3 s (n = 1)");
    CHECK(sample_text(StepSample{}) == "no readings");
    CHECK(rate_text(4.0) == "4.0 / h");
    CHECK(signed_rate(-68.9) == "\u221268.9 / h");
    // 7.5-hour working days: 2 days = 54,000,000 ms.
    CHECK(flow_time_text(54'000'000.0, 27'000'000) == "2 days");
    CHECK(flow_time_text(-5500.0, 27'000'000, true) == "\u22125.5 s");
    CHECK(flow_time_text(std::nullopt, 0) == "\u2014");
    CHECK(points_text(-0.193) == "\u221219.3 points");
    CHECK(signed_fixed(-1.606, 2) == "\u22121.61");
}

TEST_CASE("compare text: aligned tables with units, the unmatched steps and the actions in words") {
    Walk before(before_steps(), with_takt());
    record_before(before);
    Walk after(after_steps(), with_takt());
    record_after(after);
    before.session().improvement.actions = {action(1, "Kit the bolts", Metric::step_mean, Direction::decrease, 2)};
    const WalkForComparison b = walk_for_comparison("before.json", before.session(), before.state());
    const WalkForComparison a = walk_for_comparison("after.json", after.session(), after.state());
    const WalkComparison c = compare_walks(b.view(), a.view());
    const std::string text = compare_text(c, b, a);
    CAPTURE(text);
    const auto has = [&](const std::string& part) { return text.find(part) != std::string::npos; };
    CHECK(has("Before: before.json (2 steps, observed 2:10.0)"));
    CHECK(has("Confidence 95 % (the before walk's setting)"));
    CHECK(has("  Fasten  "));
    CHECK(has("\u22125.66"));
    CHECK(has("21.0 s \u00b1 2.6 s (n = 4)"));
    CHECK(has("\u22128.0 s (\u221211.9 s to \u22124.1 s)"));
    CHECK(has("0.005"));
    CHECK(has("faster"));
    CHECK(has("no clear change"));
    CHECK(has("Inspect  after"));
    CHECK(has("no step of the other walk has this name"));
    CHECK(has("Motion"));
    CHECK(has("110.8 / h"));
    CHECK(has("\u221268.9 / h"));
    CHECK(has("4 \u2192 1"));
    CHECK(has("Takt gap (CT \u2212 takt)"));
    CHECK(has("+5.5 s"));
    CHECK(has("\u221219.3 points"));
    CHECK(has("Lead time and flow efficiency from: before, mean of the closed cycles; after, mean of the closed cycles."));
    CHECK(has("[met] #1 Kit the bolts (before walk, Done)"));
    CHECK(has("Mean time of Fasten, expected to decrease: 21.0 s \u2192 13.0 s; decreased by 8.0 s (p = 0.005), as expected"));
}
