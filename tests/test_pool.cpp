// Several observers' time studies of one plan pooled into one study (core/analysis/pool.hpp).
// Every expected number is worked out by hand in the comment beside it; times in comments are
// seconds.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/pool.hpp"
#include "core/analysis/summary.hpp"
#include "tests/recorded_walk.hpp"

using doctest::Approx;
using namespace gemba;

namespace {

using gemba::test::make_step;
using Walk = gemba::test::RecordedWalk;

StudySettings independent_timers() {
    StudySettings s;
    s.timing_mode = TimingMode::independent;
    return s;
}

// Times `step` once per duration, each reading starting 1 s after the last ended; t moves on.
void time_step(Walk& walk, double& t, StepId step, const std::vector<double>& durations) {
    for (double d : durations) {
        t += 1.0;
        walk.toggle(t, step);
        t += d;
        walk.toggle(t, step);
    }
}

// One observer's walk with what pool_studies needs beside it.
struct Observed {
    std::string file;
    Walk walk;
    SessionSummary summary{};

    Observed(std::string file_name, std::string observer, std::vector<Step> steps)
        : file(std::move(file_name)), walk(std::move(steps), independent_timers()) {
        walk.session().observer = std::move(observer);
    }
    PoolInput input() {
        summary = summarize(walk.session(), walk.recorder().state());
        return PoolInput{file, &walk.session(), &walk.recorder().state(), &summary};
    }
};

std::vector<PoolInput> inputs_of(const std::vector<Observed*>& observed) {
    std::vector<PoolInput> inputs;
    for (Observed* o : observed) inputs.push_back(o->input());
    return inputs;
}

}  // namespace

TEST_CASE("three observers' readings of one step: the textbook one-way ANOVA, pooled mean and SD, verdict") {
    // Source: the worked example of Wikipedia's "One-way analysis of variance" (section "Example"),
    // groups a1 = 6 8 4 5 3 4, a2 = 8 12 9 11 6 8, a3 = 13 9 11 8 7 12, here three observers'
    // readings of Fasten in seconds. By hand:
    //   means 5, 9, 10; grand mean 144 / 18 = 8
    //   SS between = 6·(5 − 8)² + 6·(9 − 8)² + 6·(10 − 8)² = 54 + 6 + 24 = 84, df 2, MS 42
    //   SS within  = 16 + 24 + 28 = 68 (squared deviations: 1 9 1 0 4 1 / 1 9 0 4 9 1 / 9 1 1 4 9 4),
    //   df 15, MS 68 / 15 = 4.5333
    //   F = 42 / 4.5333 = 9.2647; for F(2, ν) the tail is (1 + 2F/ν)^(−ν/2):
    //   p = (1 + 18.5294 / 15)^(−7.5) = 2.235294^(−7.5) = e^(−7.5 · 0.804372) = 0.002398
    //   per observer SD: √(16/5) = 1.788854, √(24/5) = 2.190890, √(28/5) = 2.366432
    //   pooled over all 18 readings: n 18, mean 8, SD √((84 + 68) / 17) = √8.941176 = 2.990180
    // p < 1 − 0.95: the observers differ.
    Observed ann("ann.json", "Ann", {make_step(1, "Fasten")});
    Observed ben("ben.json", "Ben", {make_step(1, "Fasten")});
    Observed cy("cy.json", "", {make_step(4, "Fasten")});  // no observer: named by its file
    double t = 0;
    time_step(ann.walk, t, 1, {6, 8, 4, 5, 3, 4});
    t = 0;
    time_step(ben.walk, t, 1, {8, 12, 9, 11, 6, 8});
    t = 0;
    time_step(cy.walk, t, 4, {13, 9, 11, 8, 7, 12});

    const PoolResult pool = pool_studies(inputs_of({&ann, &ben, &cy}));
    CHECK(pool.observers == std::vector<std::string>{"Ann", "Ben", "cy.json"});
    CHECK(pool.confidence_pct == Approx(95.0));
    REQUIRE(pool.steps.size() == 1);
    const PooledStep& step = pool.steps[0];
    CHECK(step.name == "Fasten");
    CHECK(step.steps == std::vector<StepId>{1, 1, 4});
    REQUIRE(step.per_session.size() == 3);
    CHECK(step.per_session[0].n == 6);
    CHECK(*step.per_session[0].mean == Approx(5000.0));
    CHECK(*step.per_session[0].sd == Approx(1788.854).epsilon(1e-6));
    CHECK(*step.per_session[1].mean == Approx(9000.0));
    CHECK(*step.per_session[1].sd == Approx(2190.890).epsilon(1e-6));
    CHECK(*step.per_session[2].mean == Approx(10000.0));
    CHECK(*step.per_session[2].sd == Approx(2366.432).epsilon(1e-6));
    CHECK(step.pooled.n == 18);
    CHECK(*step.pooled.mean == Approx(8000.0));
    CHECK(*step.pooled.sd == Approx(2990.180).epsilon(1e-6));

    REQUIRE(step.anova);
    CHECK(step.tested_sessions == std::vector<std::size_t>{0, 1, 2});
    CHECK(step.anova->df_between == 2);
    CHECK(step.anova->df_within == 15);
    CHECK(step.anova->ss_between == Approx(84.0e6));
    CHECK(step.anova->ss_within == Approx(68.0e6));
    CHECK(*step.anova->f == Approx(9.264706).epsilon(1e-6));
    CHECK(*step.anova->p_value == Approx(0.002398).epsilon(1e-3));
    CHECK(step.verdict == PoolVerdict::observers_differ);
    CHECK(to_string(step.verdict) == "observers differ");
    CHECK(step.not_tested_why.empty());
}

TEST_CASE("two observers close together: no clear difference, and too few readings: not tested, and said why") {
    // Fasten: Ann 10 12, Ben 11 13. Means 11, 12, grand 11.5; SS between = 2·0.25 + 2·0.25 = 1, df 1;
    // SS within = 2 + 2 = 4, df 2, MS 2; F = 0.5. F(1, 2) = t² with 2 df, whose two-sided tail is
    // 1 − t/√(2 + t²): t = √0.5 = 0.707107, p = 1 − 0.707107/√2.5 = 1 − 0.447214 = 0.552786 ≥ 0.05.
    // Pick: Ann 3 5, Ben 4 (one reading): one session with 2+ readings, no test. Pooled 3 4 5:
    // mean 4, SD 1.
    Observed ann("a.json", "Ann", {make_step(1, "Pick"), make_step(2, "Fasten")});
    Observed ben("b.json", "Ben", {make_step(1, "Pick"), make_step(2, "Fasten")});
    double t = 0;
    time_step(ann.walk, t, 2, {10, 12});
    time_step(ann.walk, t, 1, {3, 5});
    t = 0;
    time_step(ben.walk, t, 2, {11, 13});
    time_step(ben.walk, t, 1, {4});

    const PoolResult pool = pool_studies(inputs_of({&ann, &ben}));
    REQUIRE(pool.steps.size() == 2);
    const PooledStep& pick = pool.steps[0];
    const PooledStep& fasten = pool.steps[1];
    CHECK(fasten.verdict == PoolVerdict::no_clear_difference);
    REQUIRE(fasten.anova);
    CHECK(*fasten.anova->f == Approx(0.5));
    CHECK(*fasten.anova->p_value == Approx(0.552786).epsilon(1e-5));

    CHECK(pick.verdict == PoolVerdict::not_tested);
    CHECK_FALSE(pick.anova);
    CHECK(pick.tested_sessions == std::vector<std::size_t>{0});
    CHECK(pick.not_tested_why == "fewer than 2 sessions with 2+ readings");
    CHECK(pick.pooled.n == 3);
    CHECK(*pick.pooled.mean == Approx(4000.0));
    CHECK(*pick.pooled.sd == Approx(1000.0));
}

TEST_CASE("the verdict is at the first session's confidence level") {
    // Fasten as above: p = 0.552786. At 40 % confidence (α = 0.6) p < α: the observers differ;
    // the second session's 99 % is not used.
    Observed ann("a.json", "Ann", {make_step(1, "Fasten")});
    Observed ben("b.json", "Ben", {make_step(1, "Fasten")});
    ann.walk.session().settings.confidence_pct = 40.0;
    ben.walk.session().settings.confidence_pct = 99.0;
    double t = 0;
    time_step(ann.walk, t, 1, {10, 12});
    t = 0;
    time_step(ben.walk, t, 1, {11, 13});
    const PoolResult pool = pool_studies(inputs_of({&ann, &ben}));
    CHECK(pool.confidence_pct == Approx(40.0));
    REQUIRE(pool.steps.size() == 1);
    CHECK(pool.steps[0].verdict == PoolVerdict::observers_differ);
}

TEST_CASE("steps match by name, never by position: the unmatched and the ambiguous are listed per file") {
    // Ann: Pick(1) Fasten(2). Ben: Fasten(1) "  pick " (2) Inspect(3): reordered and renumbered,
    // Inspect his alone. Cy: Fasten(7) Pick(8) Label(9) "label"(10): Label used twice in one plan.
    Observed ann("a.json", "Ann", {make_step(1, "Pick"), make_step(2, "Fasten")});
    Observed ben("b.json", "Ben", {make_step(1, "Fasten"), make_step(2, "  pick "), make_step(3, "Inspect")});
    Observed cy("c.json", "Cy",
                {make_step(7, "Fasten"), make_step(8, "Pick"), make_step(9, "Label"), make_step(10, "label")});
    double t = 0;
    time_step(ann.walk, t, 2, {5});
    t = 0;
    time_step(ben.walk, t, 1, {7});
    t = 0;
    time_step(cy.walk, t, 7, {9});

    const PoolResult pool = pool_studies(inputs_of({&ann, &ben, &cy}));
    REQUIRE(pool.steps.size() == 2);
    CHECK(pool.steps[0].name == "Pick");
    CHECK(pool.steps[0].steps == std::vector<StepId>{1, 2, 8});
    CHECK(pool.steps[1].name == "Fasten");
    CHECK(pool.steps[1].steps == std::vector<StepId>{2, 1, 7});
    // Fasten pooled: 5, 7, 9 → mean 7, SD 2; no session has 2 readings.
    CHECK(*pool.steps[1].pooled.mean == Approx(7000.0));
    CHECK(*pool.steps[1].pooled.sd == Approx(2000.0));
    CHECK(pool.steps[1].verdict == PoolVerdict::not_tested);

    REQUIRE(pool.left_out.size() == 3);
    CHECK(pool.left_out[0].empty());
    REQUIRE(pool.left_out[1].size() == 1);
    CHECK(pool.left_out[1][0].step == 3);
    CHECK(pool.left_out[1][0].name == "Inspect");
    CHECK(pool.left_out[1][0].why == "not in every session (missing from a.json, c.json)");
    REQUIRE(pool.left_out[2].size() == 2);
    CHECK(pool.left_out[2][0].step == 9);
    CHECK(pool.left_out[2][1].step == 10);
    CHECK(pool.left_out[2][1].name == "label");
    CHECK(pool.left_out[2][0].why.find("used by 2 steps of this plan") != std::string::npos);
}

TEST_CASE("the pooled waste tally: counts add up, rates per hour of the summed observed time") {
    // Ann: motion at 0, waiting at 10, then Fasten 1..31 (30 s): observed 31 s.
    // Ben: motion at 0, motion at 20, last tap at 45: observed 45 s.
    // Together 76 s: motion 3 → 3 ÷ (76/3600) = 142.105 per hour; waiting 1 → 47.368.
    Observed ann("a.json", "Ann", {make_step(1, "Fasten")});
    Observed ben("b.json", "Ben", {make_step(1, "Fasten")});
    ann.walk.tag(0, Waste::motion);
    ann.walk.tag(10, Waste::waiting);
    ann.walk.toggle(1, 1);
    ann.walk.toggle(31, 1);
    ben.walk.tag(0, Waste::motion);
    ben.walk.tag(20, Waste::motion);
    ben.walk.toggle(25, 1);
    ben.walk.toggle(45, 1);
    const PoolResult pool = pool_studies(inputs_of({&ann, &ben}));
    CHECK(pool.observed_ms == 76'000);
    CHECK(pool.waste_total == 4);
    REQUIRE(pool.waste_tally.size() == 8);
    CHECK(pool.waste_tally[0].waste == Waste::motion);
    CHECK(pool.waste_tally[0].count == 3);
    CHECK(*pool.waste_tally[0].per_hour == Approx(142.105).epsilon(1e-5));
    CHECK(pool.waste_tally[1].waste == Waste::waiting);
    CHECK(*pool.waste_tally[1].per_hour == Approx(47.368).epsilon(1e-5));
}

namespace {

// Ann and Ben watched the same span. On the wall clock (seconds after 08:00:00) Ann tagged motion
// 10, waiting 20, motion 40, defects 60; Ben motion 11, waiting 27, motion 42, transportation 62.
// Each walk's clock starts at its first tap: Ann's started_at is 08:00:10, Ben's 08:00:11.
void tag_the_common_span(Observed& ann, Observed& ben) {
    ann.walk.session().started_at = "2026-11-30T08:00:10Z";
    ben.walk.session().started_at = "2026-11-30T08:00:11Z";
    ann.walk.tag(0, Waste::motion);
    ann.walk.tag(10, Waste::waiting);
    ann.walk.tag(30, Waste::motion);
    ann.walk.tag(50, Waste::defects);
    ben.walk.tag(0, Waste::motion);
    ben.walk.tag(16, Waste::waiting);
    ben.walk.tag(31, Waste::motion);
    ben.walk.tag(51, Waste::transportation);
}

}  // namespace

TEST_CASE("Cohen's kappa of two observers' waste tags depends on the window that pairs them") {
    Observed ann("a.json", "Ann", {make_step(1, "Fasten")});
    Observed ben("b.json", "Ben", {make_step(1, "Fasten")});
    tag_the_common_span(ann, ben);
    const std::vector<PoolInput> inputs = inputs_of({&ann, &ben});

    SUBCASE("5 s (the default): the waiting tags 7 s apart are two events") {
        // Pairs (nearest first): 10–11 motion/motion, 40–42 motion/motion, 60–62 defects/transport;
        // 20 (waiting, Ann) and 27 (waiting, Ben) each with "no tag". 5 events:
        //   p_o = 2/5 = 0.4 (the two motion pairs)
        //   Ann's row totals: motion 2, waiting 1, defects 1, no tag 1; Ben's: motion 2, waiting 1,
        //   transportation 1, no tag 1
        //   p_e = (2·2 + 1·1 + 1·1) / 25 = 6/25 = 0.24;  κ = (0.4 − 0.24) / 0.76 = 4/19 = 0.210526
        const PoolResult pool = pool_studies(inputs);
        REQUIRE(pool.kappa);
        CHECK(pool.kappa->window_ms == 5000);
        CHECK(pool.kappa->a == 0);
        CHECK(pool.kappa->b == 1);
        REQUIRE(pool.kappa->agreement);
        REQUIRE(pool.kappa->agreement->kappa);
        const KappaResult& k = *pool.kappa->agreement->kappa;
        CHECK(k.items == 5);
        CHECK(k.p_observed == Approx(0.4));
        CHECK(k.p_expected == Approx(0.24));
        CHECK(*k.kappa == Approx(4.0 / 19.0));
    }
    SUBCASE("10 s: the waiting tags pair, and kappa rises") {
        // Pairs: 10–11, 40–42, 60–62 as before, and 20–27 waiting/waiting (7 s; 20–11 is 9 s but
        // 11 is taken by the nearer 10–11 first). 4 events, 3 agree: p_o = 0.75.
        //   p_e = (2·2 + 1·1) / 16 = 5/16 = 0.3125;  κ = 0.4375 / 0.6875 = 7/11 = 0.636364
        //   SE = √(0.75 · 0.25 / (4 · 0.6875²)) = √(0.1875 / 1.890625) = 0.314918;
        //   95 % (z 1.96, the table value the session's settings ask for): 0.636364 ± 0.617239
        PoolOptions options;
        options.kappa_window_ms = 10'000;
        const PoolResult pool = pool_studies(inputs, options);
        REQUIRE(pool.kappa);
        CHECK(pool.kappa->window_ms == 10'000);
        REQUIRE(pool.kappa->agreement);
        const KappaResult& k = *pool.kappa->agreement->kappa;
        CHECK(k.items == 4);
        CHECK(k.p_observed == Approx(0.75));
        CHECK(k.p_expected == Approx(0.3125));
        CHECK(*k.kappa == Approx(7.0 / 11.0));
        CHECK(*k.standard_error == Approx(0.314918).epsilon(1e-5));
        CHECK(*k.low == Approx(0.019125).epsilon(1e-3));
        CHECK(*k.high == Approx(1.253603).epsilon(1e-5));
    }
    SUBCASE("0 s: only tags at the same millisecond pair, and here none do") {
        // 8 events, none agree: p_o = 0. Totals: Ann motion 2, waiting 1, defects 1, no tag 4;
        // Ben motion 2, waiting 1, transportation 1, no tag 4.
        //   p_e = (2·2 + 1·1 + 4·4) / 64 = 21/64;  κ = (0 − 21/64) / (43/64) = −21/43 = −0.488372
        PoolOptions options;
        options.kappa_window_ms = 0;
        const PoolResult pool = pool_studies(inputs, options);
        const KappaResult& k = *pool.kappa->agreement->kappa;
        CHECK(k.items == 8);
        CHECK(*k.kappa == Approx(-21.0 / 43.0));
    }
}

TEST_CASE("kappa needs both walks on one clock: without a started_at it is not computed, and said why") {
    Observed ann("a.json", "Ann", {make_step(1, "Fasten")});
    Observed ben("b.json", "Ben", {make_step(1, "Fasten")});
    tag_the_common_span(ann, ben);
    ben.walk.session().started_at.clear();
    const PoolResult pool = pool_studies(inputs_of({&ann, &ben}));
    REQUIRE(pool.kappa);
    CHECK_FALSE(pool.kappa->agreement);
    CHECK(pool.kappa->why_not ==
          "κ cannot be computed: b.json has no started_at (ISO 8601), so the two walks' tags cannot be put on one clock");
}

TEST_CASE("kappa compares a chosen pair, and with three sessions and no pair chosen there is none") {
    Observed ann("a.json", "Ann", {make_step(1, "Fasten")});
    Observed ben("b.json", "Ben", {make_step(1, "Fasten")});
    Observed cy("c.json", "Cy", {make_step(1, "Fasten")});
    tag_the_common_span(ann, cy);
    const std::vector<PoolInput> inputs = inputs_of({&ann, &ben, &cy});
    CHECK_FALSE(pool_studies(inputs).kappa);
    PoolOptions options;
    options.kappa_pair = std::pair<std::size_t, std::size_t>{0, 2};
    const PoolResult pool = pool_studies(inputs, options);
    REQUIRE(pool.kappa);
    CHECK(*pool.kappa->agreement->kappa->kappa == Approx(4.0 / 19.0));  // as Ann and Ben above, 5 s
    options.kappa_pair = std::pair<std::size_t, std::size_t>{1, 1};
    CHECK_THROWS_AS(pool_studies(inputs, options), std::invalid_argument);
    options.kappa_pair = std::pair<std::size_t, std::size_t>{0, 3};
    CHECK_THROWS_AS(pool_studies(inputs, options), std::invalid_argument);
    options.kappa_pair.reset();
    options.kappa_window_ms = -1;
    CHECK_THROWS_AS(pool_studies(inputs, options), std::invalid_argument);
}

TEST_CASE("ISO 8601 date-times as milliseconds since 1970 (the common clock of two walks)") {
    CHECK(iso8601_to_unix_ms("1970-01-01T00:00:00Z") == 0);
    // 2000-01-01 is 10957 days after 1970-01-01: 946,684,800 s.
    CHECK(iso8601_to_unix_ms("2000-01-01T00:00:00Z") == 946'684'800'000);
    // + 31 days of January + 29 of February 2000 (a leap year) = 60 days = 5,184,000 s.
    CHECK(iso8601_to_unix_ms("2000-03-01T00:00:00Z") == 951'868'800'000);
    // 01:00:00.5 at +01:00 is 00:00:00.5 UTC; 23:00 at −01:00 the next day's 00:00.
    CHECK(iso8601_to_unix_ms("2000-01-01T01:00:00.5+01:00") == 946'684'800'500);
    CHECK(iso8601_to_unix_ms("1999-12-31T23:00:00.1234-01:00") == 946'684'800'123);
    CHECK_FALSE(iso8601_to_unix_ms(""));
    CHECK_FALSE(iso8601_to_unix_ms("2000-02-30T00:00:00Z"));
    CHECK_FALSE(iso8601_to_unix_ms("2000-01-01 00:00:00"));
}

TEST_CASE("steps named with white space only are not one step: left out of the pool, as compare leaves them") {
    // Ann's "  " is her packing, Ben's "\t" his inspection: no name says they are one step.
    Observed ann("ann.json", "Ann", {make_step(1, "Fasten"), make_step(2, "  ")});
    Observed ben("ben.json", "Ben", {make_step(1, "Fasten"), make_step(2, "\t")});
    double t = 0;
    time_step(ann.walk, t, 1, {6, 8});
    time_step(ann.walk, t, 2, {3, 4});
    t = 0;
    time_step(ben.walk, t, 1, {8, 12});
    time_step(ben.walk, t, 2, {30, 40});
    const PoolResult pool = pool_studies(inputs_of({&ann, &ben}));
    REQUIRE(pool.steps.size() == 1);
    CHECK(pool.steps[0].key == "fasten");
    REQUIRE(pool.left_out.size() == 2);
    for (const std::vector<LeftOutStep>& left : pool.left_out) {
        REQUIRE(left.size() == 1);
        CHECK(left[0].step == 2);
        CHECK(left[0].why == "the step has no name");
    }
}
