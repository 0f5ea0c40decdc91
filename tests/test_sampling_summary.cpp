// The numbers of a work sampling study, against hand calculations and textbook worked examples.
#include <doctest/doctest.h>

#include <string>

#include "core/analysis/sampling_summary.hpp"
#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"

using namespace gemba;

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;

// One operator (or four, for the second example), two days 08:00-16:00 with no break, categories
// Work (value-added), Idle (waiting) and Away (absent), rounds every 40 minutes from 08:00.
Session two_day_study(int subjects, std::int64_t rounds_per_day) {
    Session s;
    s.title = "Press shop";
    s.study = StudyKind::work_sampling;
    for (int i = 1; i <= subjects; ++i) s.sampling.subjects.push_back({i, "Operator " + std::to_string(i)});
    s.sampling.categories = {{1, "Work", ValueClass::value_added, std::nullopt, "0", false},
                             {2, "Idle", ValueClass::non_value_added, Waste::waiting, "3", false},
                             {3, "Away", ValueClass::non_value_added, std::nullopt, "9", true}};
    SamplingSchedule schedule;
    schedule.seed = 1;
    schedule.days = {{"2026-12-01", "08:00", "16:00", {}}, {"2026-12-02", "08:00", "16:00", {}}};
    schedule.min_gap_ms = 10 * kMinute;
    schedule.max_gap_ms = 60 * kMinute;
    schedule.mean_gap_ms = 40 * kMinute;
    for (std::int64_t day = 0; day < 2; ++day)
        for (std::int64_t k = 0; k < rounds_per_day; ++k) schedule.rounds.push_back(day * kDay + 8 * 60 * kMinute + k * 20 * kMinute);
    s.sampling.schedule = schedule;
    return s;
}

// Taps `category` for `subject` at `round`, `late_ms` after its time.
void observe(Recorder& r, ManualClock& clock, const Session& s, std::int64_t round, SubjectId subject,
             CategoryId category, std::int64_t late_ms = 1'000) {
    clock.set(std::max(clock.now_ms(), *s.sampling.round_ms(round) + late_ms));
    const TapResult result = r.observe(subject, category);
    REQUIRE_MESSAGE(result.recorded, result.message);
}

}  // namespace

TEST_CASE("sampling summary: shares, intervals, target, p-chart, rounds and standard time, by hand") {
    // Day 1: rounds 1-11 (9 Work, 1 Idle, 1 Away); day 2: rounds 12-21 (8 Work, 2 Idle), round 22
    // skipped, round 23 missed, round 24 open. Rounds 20 minutes apart from 08:00: 24 a day fit.
    Session s = two_day_study(1, 24);
    s.sampling.target = SamplingTarget{1, SamplingAccuracy::absolute, 5.0};
    s.sampling.units_produced = 840.0;
    s.sampling.rating_pct = 110.0;
    s.sampling.allowance_pct = 15.0;
    ManualClock clock(0);
    Recorder r(s, clock);
    for (std::int64_t round = 1; round <= 9; ++round) observe(r, clock, s, round, 1, 1, round == 2 ? 90'000 : 1'000);
    observe(r, clock, s, 10, 1, 2);
    observe(r, clock, s, 11, 1, 3);
    // Day 2 starts at round 25 (the 24 rounds of day 1 are 08:00 ... 15:40).
    for (std::int64_t round = 25; round <= 32; ++round) observe(r, clock, s, round, 1, 1);
    observe(r, clock, s, 33, 1, 2, 150'000);
    observe(r, clock, s, 34, 1, 2);
    clock.set(*s.sampling.round_ms(35) + 1'000);
    REQUIRE(r.skip_round("Die change").recorded);
    REQUIRE_FALSE(check_session(s, "study.json").has_value());

    // Now: round 37's time + 5 min (round 36 is 20 min before it: past the 15 min grace).
    const std::int64_t now = *s.sampling.round_ms(37) + 5 * kMinute;
    const SamplingSummary sum = summarize_sampling(s, r.state(), now);
    CHECK(sum.z == 1.96);
    CHECK(sum.observations == 20);  // Away left out of n
    CHECK(sum.absent == 1);
    REQUIRE(sum.categories.size() == 3);
    const CategoryShare& work = sum.categories[0];
    CHECK(work.count == 17);
    REQUIRE(work.estimate.has_value());
    CHECK(work.estimate->share == doctest::Approx(0.85));
    // Normal: 0.85 ± 1.96·√(0.85·0.15/20) = 0.85 ± 0.156493, the top cut at 1.
    CHECK(work.estimate->half_width == doctest::Approx(0.156493).epsilon(1e-5));
    CHECK(work.estimate->normal.low == doctest::Approx(0.693507).epsilon(1e-5));
    CHECK(work.estimate->normal.high == 1.0);
    CHECK(work.estimate->normal.clipped);
    // Wilson: (0.85 + 1.96²/40 ± 1.96·√(0.85·0.15/20 + 1.96²/1600)) ÷ (1 + 1.96²/20) = 0.793604 ± 0.154028.
    CHECK(work.estimate->wilson.low == doctest::Approx(0.639577).epsilon(1e-5));
    CHECK(work.estimate->wilson.high == doctest::Approx(0.947632).epsilon(1e-5));
    CHECK(sum.categories[1].count == 3);
    CHECK(sum.categories[1].estimate->share == doctest::Approx(0.15));
    CHECK(sum.categories[2].count == 1);
    CHECK_FALSE(sum.categories[2].estimate.has_value());  // absent: no share
    REQUIRE(sum.subjects.size() == 1);
    CHECK(sum.subjects[0].observations == 20);
    CHECK(sum.subjects[0].categories[0].count == 17);

    // Target ±5 points on Work: n = ⌈1.96²·0.85·0.15 / 0.05²⌉ = ⌈195.92⌉ = 196, 176 more.
    REQUIRE(sum.target.has_value());
    REQUIRE(sum.target->required.has_value());
    CHECK(sum.target->required->required == 196);
    CHECK(sum.target->required->more == 176);

    // p-chart of Work: p̄ = 17/20; day 1 9/10, day 2 8/10; limits 0.85 ± 3·√(0.1275/10) = [0.511252, 1].
    REQUIRE(sum.p_chart.has_value());
    CHECK(sum.p_chart->centre == doctest::Approx(0.85));
    REQUIRE(sum.p_chart->days.size() == 2);
    CHECK(sum.p_chart->days[0].share == doctest::Approx(0.9));
    CHECK(sum.p_chart->days[1].share == doctest::Approx(0.8));
    CHECK(*sum.p_chart->days[0].lower_limit == doctest::Approx(0.511252).epsilon(1e-5));
    CHECK(*sum.p_chart->days[0].upper_limit == 1.0);
    CHECK(sum.p_chart->out_of_control.empty());
    CHECK(sum.p_chart_dates == std::vector<std::string>{"2026-12-01", "2026-12-02"});

    // Rounds: 48 scheduled; taken 1-11 and 25-34 (21), two of them late (90 s and 150 s after their
    // time, above the 60 s limit); 35 skipped; 12-24 and 36 missed (14); 37 open; 38-48 to come (11).
    CHECK(sum.rounds.scheduled == 48);
    CHECK(sum.rounds.taken == 21);
    CHECK(sum.rounds.taken_late == 2);
    CHECK(sum.rounds.max_late_ms == 150'000);
    CHECK(sum.rounds.mean_late_ms == doctest::Approx(120'000.0));
    CHECK(sum.rounds.skipped == 1);
    CHECK(sum.rounds.missed == 14);
    CHECK(sum.rounds.open == 1);
    CHECK(sum.rounds.to_come == 11);

    // Standard time (the Niebel form): total 2 × 480 min, working 85 %, rating 110 %, 840 units:
    // NT = 960 min × 0.85 × 1.10 ÷ 840 = 1.068571 min = 64,114.29 ms; ST = NT × 1.15 = 73,731.43 ms.
    CHECK(sum.total_time_ms == 960.0 * kMinute);
    CHECK(sum.share_working == doctest::Approx(0.85));
    REQUIRE(sum.standard_time.has_value());
    CHECK(sum.standard_time->normal_time_ms == doctest::Approx(64'114.2857));
    CHECK(sum.standard_time->standard_time_ms == doctest::Approx(73'731.4286));
    // The other convention: ST = NT ÷ (1 − 0.15) = 75,428.57 ms.
    s.settings.allowance_convention = AllowanceConvention::on_workday;
    CHECK(summarize_sampling(s, r.state(), now).standard_time->standard_time_ms == doctest::Approx(75'428.5714));
}

TEST_CASE("sampling summary: Niebel's relative accuracy example, 25 idle in 100 observations, needs 4610") {
    // A preliminary study finds a machine idle in 25 of 100 observations; for ±5 % of that share at
    // 95 % confidence, e = 0.05 × 0.25 = 0.0125 and n = 1.96² × 0.25 × 0.75 ÷ 0.0125² = 4609.92 → 4610.
    Session s = two_day_study(4, 24);
    s.sampling.target = SamplingTarget{2, SamplingAccuracy::relative, 5.0};
    ManualClock clock(0);
    Recorder r(s, clock);
    // In each round one operator of the four is idle, in turn: operator 3 in rounds 1, 5, ... 25 (7).
    for (std::int64_t round = 1; round <= 25; ++round)
        for (SubjectId subject = 1; subject <= 4; ++subject)
            observe(r, clock, s, round, subject, (round + subject) % 4 == 0 ? 2 : 1);
    const SamplingSummary sum = summarize_sampling(s, r.state(), *s.sampling.round_ms(48) + kDay);
    CHECK(sum.observations == 100);
    CHECK(sum.categories[1].count == 25);
    REQUIRE(sum.target->required.has_value());
    CHECK(sum.target->required->absolute_accuracy == doctest::Approx(0.0125));
    CHECK(sum.target->required->required == 4610);
    CHECK(sum.target->required->more == 4510);
    for (const SubjectShares& subject : sum.subjects) CHECK(subject.observations == 25);
    CHECK(sum.subjects[0].categories[1].count == 6);
    CHECK(sum.subjects[2].categories[1].count == 7);
    CHECK(sum.subjects[2].categories[1].estimate->share == doctest::Approx(0.28));
    // No units produced: no standard time, and why.
    CHECK_FALSE(sum.standard_time.has_value());
    CHECK(sum.standard_time_missing == "no units produced given (sampling.units_produced)");
}

TEST_CASE("sampling summary: before any observation, the target asks for p = 0.5's n and nothing has a share") {
    Session s = two_day_study(2, 3);
    s.sampling.target = SamplingTarget{1, SamplingAccuracy::absolute, 5.0};
    const SamplingSummary sum = summarize_sampling(s, LogState::replay(s), 0);
    CHECK(sum.observations == 0);
    CHECK_FALSE(sum.categories[0].estimate.has_value());
    // n = ⌈1.96² × 0.25 / 0.0025⌉ = ⌈384.16⌉ = 385.
    CHECK(sum.target->required->required == 385);
    CHECK(sum.rounds.to_come == 6);
    CHECK_FALSE(sum.p_chart.has_value());
}

TEST_CASE("share history: the target's p̂ and Wilson interval after each round, by hand") {
    // Three operators; Work seen 1 of 3 in round 1, 2 of 6 after round 2, 2 of 9 after round 3.
    // Round 3's first tap (Work) is undone and tapped again as Idle; round 4 sees only Away (absent):
    // n does not grow, so it has no point.
    Session s = two_day_study(3, 24);
    ManualClock clock(0);
    Recorder r(s, clock);
    observe(r, clock, s, 1, 1, 1);
    observe(r, clock, s, 1, 2, 2);
    observe(r, clock, s, 1, 3, 2);
    observe(r, clock, s, 2, 1, 2);
    observe(r, clock, s, 2, 2, 1);
    observe(r, clock, s, 2, 3, 2);
    observe(r, clock, s, 3, 1, 1);
    REQUIRE(r.undo().recorded);
    observe(r, clock, s, 3, 1, 2);
    observe(r, clock, s, 3, 2, 2);
    observe(r, clock, s, 3, 3, 2);
    observe(r, clock, s, 4, 1, 3);

    const std::vector<SharePoint> history = share_history(s, r.state(), 1, 1.96);
    REQUIRE(history.size() == 3);
    // Wilson: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), z² = 3.8416.
    //  1/3: centre 0.333333 + 0.640267 = 0.973600; root 1.96·√(0.074074 + 0.106711) = 0.833369;
    //       ÷ 2.280533: 0.061490 – 0.792345
    //  2/6: centre 0.333333 + 0.320133 = 0.653467; root 1.96·√(0.037037 + 0.026678) = 0.494739;
    //       ÷ 1.640267: 0.096769 – 0.700012
    //  2/9: centre 0.222222 + 0.213422 = 0.435644; root 1.96·√(0.019204 + 0.011857) = 0.345434;
    //       ÷ 1.426844: 0.063224 – 0.547417
    const struct {
        std::int64_t round, n, count;
        double share, low, high;
    } expected[] = {{1, 3, 1, 1.0 / 3.0, 0.061490, 0.792345},
                    {2, 6, 2, 1.0 / 3.0, 0.096769, 0.700012},
                    {3, 9, 2, 2.0 / 9.0, 0.063224, 0.547417}};
    for (std::size_t i = 0; i < 3; ++i) {
        CAPTURE(i);
        CHECK(history[i].round == expected[i].round);
        CHECK(history[i].observations == expected[i].n);
        CHECK(history[i].count == expected[i].count);
        CHECK(history[i].share == doctest::Approx(expected[i].share).epsilon(1e-9));
        CHECK(history[i].wilson.low == doctest::Approx(expected[i].low).epsilon(1e-5));
        CHECK(history[i].wilson.high == doctest::Approx(expected[i].high).epsilon(1e-5));
    }
    // An absent or unknown category has no share to follow.
    CHECK(share_history(s, r.state(), 3, 1.96).empty());
    CHECK(share_history(s, r.state(), 99, 1.96).empty());
}
