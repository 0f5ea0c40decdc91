// Work sampling in core/sampling: shares and their intervals, observations required, the p-chart,
// standard time from sampling, the random-round schedule and the state of its rounds.
// Expected values come from the cited sources or from hand calculations written out beside them
// (checked with python3; no scipy on this machine).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/analysis/stats.hpp"
#include "core/model/session.hpp"
#include "core/sampling/p_chart.hpp"
#include "core/sampling/proportion.hpp"
#include "core/sampling/schedule.hpp"
#include "core/sampling/standard_time.hpp"
#include "support.hpp"

using doctest::Approx;
using namespace gemba::sampling;

namespace {

const double z95 = gemba::z_for_confidence(95.0, gemba::ZConvention::exact);  // 1.959964

}  // namespace

// ============================================================================================
// Shares and intervals
// ============================================================================================

// Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
// methods", Statistics in Medicine 17 (1998) 857–872, Table II, 95 %: method 1 (simple asymptotic
// = normal) and method 3 (Wilson score without continuity correction).
TEST_CASE("estimate_share: Newcombe's 81/263 and 15/148") {
    const auto a = estimate_share(81, 263, z95);
    REQUIRE(a);
    CHECK(a->share == Approx(81.0 / 263.0));
    CHECK(a->normal.low == Approx(0.2522).epsilon(0.0002));
    CHECK(a->normal.high == Approx(0.3638).epsilon(0.0002));
    CHECK_FALSE(a->normal.clipped);
    CHECK(a->wilson.low == Approx(0.2553).epsilon(0.0002));
    CHECK(a->wilson.high == Approx(0.3662).epsilon(0.0002));
    // e = 1.959964 · √(0.307985 · 0.692015 / 263) = 1.959964 · 0.028468 = 0.055797
    CHECK(a->half_width == Approx(0.055797).epsilon(1e-4));

    const auto b = estimate_share(15, 148, z95);
    REQUIRE(b);
    CHECK(b->normal.low == Approx(0.0527).epsilon(0.001));
    CHECK(b->normal.high == Approx(0.1500).epsilon(0.001));
    CHECK(b->wilson.low == Approx(0.0624).epsilon(0.001));
    CHECK(b->wilson.high == Approx(0.1605).epsilon(0.001));
}

TEST_CASE("estimate_share: near 0 the normal interval is clipped (or empty) and Wilson's is not") {
    // Newcombe's 0/20: the normal interval has width 0; Wilson's is 0 to 0.1611
    // (z²/n = 0.192073; upper = 2·(z²/2n)/(1 + z²/n) = 0.192073/1.192073 = 0.16113).
    const auto none = estimate_share(0, 20, z95);
    REQUIRE(none);
    CHECK(none->normal.low == 0.0);
    CHECK(none->normal.high == 0.0);
    CHECK_FALSE(none->normal.clipped);
    CHECK(none->wilson.low == 0.0);
    CHECK(none->wilson.high == Approx(0.1611).epsilon(0.001));

    // Newcombe's 1/29: p̂ = 0.034483, e = 1.959964·√(0.034483·0.965517/29) = 0.066401, so the normal
    // interval would start at −0.031918: clipped to 0 and said so. Wilson: 0.0061 to 0.1718.
    const auto one = estimate_share(1, 29, z95);
    REQUIRE(one);
    CHECK(one->normal.low == 0.0);
    CHECK(one->normal.high == Approx(0.100884).epsilon(1e-4));
    CHECK(one->normal.clipped);
    CHECK(one->wilson.low == Approx(0.0061).epsilon(0.002));
    CHECK(one->wilson.high == Approx(0.1718).epsilon(0.001));

    // The mirror image at the top: 28/29 clips the upper end at 1.
    const auto top = estimate_share(28, 29, z95);
    REQUIRE(top);
    CHECK(top->normal.high == 1.0);
    CHECK(top->normal.clipped);
    CHECK(top->wilson.high == Approx(1.0 - 0.0061).epsilon(0.002));
}

TEST_CASE("estimate_share: no observations give no estimate — impossible counts are refused") {
    CHECK_FALSE(estimate_share(0, 0, 1.96));
    CHECK_THROWS_AS(estimate_share(5, 4, 1.96), std::invalid_argument);
    CHECK_THROWS_AS(estimate_share(-1, 4, 1.96), std::invalid_argument);
    CHECK_THROWS_AS(estimate_share(1, 4, 0.0), std::invalid_argument);
}

// ============================================================================================
// Observations required
// ============================================================================================

TEST_CASE("required_observations: absolute accuracy, with and without an estimate") {
    const double z = gemba::z_for_confidence(95.0, gemba::ZConvention::table);  // 1.96
    // No estimate: p = 0.5, ±5 points: n = 1.96² · 0.25 / 0.05² = 3.8416 · 0.25 / 0.0025 = 384.16 → 385.
    const auto start = required_observations(z, std::nullopt, {AccuracyKind::absolute, 0.05});
    REQUIRE(start);
    CHECK(start->share_used == 0.5);
    CHECK(start->required == 385);
    CHECK(start->more == 385);

    // Machine down 10 % of the time, ±1 point: n = 3.8416 · 0.1 · 0.9 / 0.0001 = 3457.44 → 3458;
    // 1000 taken so far leaves 2458.
    const auto down = required_observations(z, 0.10, {AccuracyKind::absolute, 0.01}, 1000);
    REQUIRE(down);
    CHECK(down->required == 3458);
    CHECK(down->more == 2458);

    // An exact n is not rounded up by floating-point noise: z = 2 (95.45 %), p = 0.25, ±2 points:
    // n = 4 · 0.1875 / 0.0004 = 1875 (the double is 1874.9999999999998).
    const double z2 = gemba::z_for_confidence(95.45, gemba::ZConvention::table);
    REQUIRE(z2 == 2.0);
    const auto exact = required_observations(z2, 0.25, {AccuracyKind::absolute, 0.02}, 2000);
    REQUIRE(exact);
    CHECK(exact->required == 1875);
    CHECK(exact->more == 0);
}

TEST_CASE("required_observations: relative accuracy is a fraction of the share") {
    // p = 0.30, ±5 % of p (e = 0.015), 95 %: n = 3.8416 · 0.3 · 0.7 / 0.015² = 0.806736 / 0.000225
    // = 3585.49 → 3586.
    const auto idle = required_observations(1.96, 0.30, {AccuracyKind::relative, 0.05}, 586);
    REQUIRE(idle);
    CHECK(idle->absolute_accuracy == Approx(0.015));
    CHECK(idle->required == 3586);
    CHECK(idle->more == 3000);
    // Without an estimate: p = 0.5, e = 0.025: n = 3.8416 · 0.25 / 0.000625 = 1536.64 → 1537.
    const auto start = required_observations(1.96, std::nullopt, {AccuracyKind::relative, 0.05});
    REQUIRE(start);
    CHECK(start->required == 1537);
}

TEST_CASE("required_observations: targets with no answer are empty, caller mistakes throw") {
    CHECK_FALSE(required_observations(1.96, 0.0, {AccuracyKind::relative, 0.05}));  // ±5 % of nothing
    CHECK_FALSE(required_observations(1.96, 0.5, {AccuracyKind::absolute, 0.0}));
    CHECK_FALSE(required_observations(1.96, 0.5, {AccuracyKind::absolute, 1e-9}));  // n ≈ 1e18
    CHECK_THROWS_AS(required_observations(1.96, 1.5, {AccuracyKind::absolute, 0.05}), std::invalid_argument);
    CHECK_THROWS_AS(required_observations(1.96, 0.5, {AccuracyKind::absolute, 0.05}, -1), std::invalid_argument);
}

// ============================================================================================
// p-chart
// ============================================================================================

TEST_CASE("p_chart: limits per day from p-bar and that day's n — days above and below flagged") {
    // Σ count = 20 + 25 + 15 + 40 + 2 + 0 = 102, Σ n = 450: p̄ = 0.226667.
    // n = 100: 3·√(0.226667 · 0.773333 / 100) = 3 · 0.041868 = 0.125603 → [0.101064, 0.352269]
    //          day 3 (0.40) lies above.
    // n = 50:  3·√(0.226667 · 0.773333 / 50) = 0.177629 → [0.049038, 0.404295]; day 4 (0.04) below.
    // day 5 has no observations: no share, no limits.
    const std::vector<DayTally> days = {{20, 100}, {25, 100}, {15, 100}, {40, 100}, {2, 50}, {0, 0}};
    const auto chart = p_chart(days);
    REQUIRE(chart);
    CHECK(chart->total_count == 102);
    CHECK(chart->total_observations == 450);
    CHECK(chart->centre == Approx(0.226667).epsilon(1e-5));
    REQUIRE(chart->days.size() == 6);
    CHECK(*chart->days[0].lower_limit == Approx(0.101064).epsilon(1e-5));
    CHECK(*chart->days[0].upper_limit == Approx(0.352269).epsilon(1e-5));
    CHECK(chart->days[0].signal == ControlSignal::in_control);
    CHECK(chart->days[3].signal == ControlSignal::above);
    CHECK(*chart->days[4].lower_limit == Approx(0.049038).epsilon(1e-5));
    CHECK(*chart->days[4].upper_limit == Approx(0.404295).epsilon(1e-5));
    CHECK(chart->days[4].signal == ControlSignal::below);
    CHECK(chart->days[5].signal == ControlSignal::no_data);
    CHECK_FALSE(chart->days[5].share);
    CHECK_FALSE(chart->days[5].upper_limit);
    CHECK(chart->out_of_control == std::vector<std::size_t>{3, 4});
}

TEST_CASE("p_chart: a lower limit below 0 is clipped and said so — a share of 0 on it is in control") {
    // p̄ = 1/20 = 0.05; n = 10: 3·√(0.05 · 0.95 / 10) = 0.206761 → [−0.156761, 0.256761].
    const std::vector<DayTally> days = {{1, 10}, {0, 10}};
    const auto chart = p_chart(days);
    REQUIRE(chart);
    CHECK(*chart->days[1].lower_limit == 0.0);
    CHECK(chart->days[1].lower_clipped);
    CHECK_FALSE(chart->days[1].upper_clipped);
    CHECK(*chart->days[1].upper_limit == Approx(0.256761).epsilon(1e-5));
    CHECK(chart->days[1].signal == ControlSignal::in_control);
    CHECK(chart->out_of_control.empty());

    CHECK_FALSE(p_chart(std::vector<DayTally>{{0, 0}}));
    CHECK_THROWS_AS(p_chart(std::vector<DayTally>{{3, 2}}), std::invalid_argument);
}

// ============================================================================================
// Standard time from sampling
// ============================================================================================

TEST_CASE("standard_time_from_sampling: both allowance conventions") {
    // A 480-minute day (28 800 000 ms), working 85 % of it at a rating of 110 %, 420 units, 15 %:
    // NT = 28 800 000 · 0.85 · 1.10 / 420 = 26 928 000 / 420 = 64 114.29 ms per unit;
    // on job time ST = 64 114.29 · 1.15 = 73 731.43 ms; on the workday ST = 64 114.29 / 0.85 = 75 428.57 ms.
    SamplingTimeInput input{28'800'000.0, 0.85, 110.0, 420.0, 15.0, gemba::AllowanceConvention::on_job_time};
    auto on_job = standard_time_from_sampling(input);
    REQUIRE(on_job.ok());
    CHECK_FALSE(on_job.problem);
    CHECK(on_job.time->normal_time_ms == Approx(64'114.2857));
    CHECK(on_job.time->standard_time_ms == Approx(73'731.4286));
    input.convention = gemba::AllowanceConvention::on_workday;
    auto on_workday = standard_time_from_sampling(input);
    REQUIRE(on_workday.ok());
    CHECK(on_workday.time->standard_time_ms == Approx(75'428.5714));
}

TEST_CASE("standard_time_from_sampling: bad input is a problem naming the field") {
    const SamplingTimeInput good{28'800'000.0, 0.85, 110.0, 420.0, 15.0, gemba::AllowanceConvention::on_workday};
    auto message_of = [](SamplingTimeInput input) {
        const auto result = standard_time_from_sampling(input);
        REQUIRE_FALSE(result.ok());
        REQUIRE(result.problem);
        return result.problem->message();
    };
    SamplingTimeInput input = good;
    input.units_produced = 0.0;
    CHECK(message_of(input) == "units_produced: must be above 0, found 0");
    input = good;
    input.allowance_pct = 100.0;
    CHECK(message_of(input) == "allowance_pct: must be below 100 with the allowance on the workday, found 100");
    input.convention = gemba::AllowanceConvention::on_job_time;  // 100 % on job time doubles NT: fine
    CHECK(standard_time_from_sampling(input).time->standard_time_ms ==
          Approx(2.0 * standard_time_from_sampling(input).time->normal_time_ms));
    input = good;
    input.share_working = 1.2;
    CHECK(message_of(input) == "share_working: must be between 0 and 1, found 1.2");
    input = good;
    input.total_time_ms = 0.0;
    CHECK(message_of(input) == "total_time_ms: must be above 0, found 0");
    input = good;
    input.rating_pct = -5.0;
    CHECK(message_of(input) == "rating_pct: must be above 0, found -5");
    input = good;
    input.allowance_pct = -1.0;
    CHECK(message_of(input) == "allowance_pct: must not be negative, found -1");
    input = good;
    input.share_working = std::nan("");
    CHECK(message_of(input) == "share_working: must be a finite number, found nan");
}

// ============================================================================================
// The schedule
// ============================================================================================

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

// Two days: 08:00–16:00 with breaks 12:00–12:30 and 10:00–10:10 (given out of order), and the next
// day 08:00–16:00 with 12:00–12:45; rounds 5 to 40 minutes apart, 20 on average.
ScheduleRequest two_days(std::uint64_t seed) {
    ScheduleRequest request;
    request.days = {{8 * kHour, 16 * kHour, {{12 * kHour, 12 * kHour + 30 * kMinute}, {10 * kHour, 10 * kHour + 10 * kMinute}}},
                    {32 * kHour, 40 * kHour, {{36 * kHour, 36 * kHour + 45 * kMinute}}}};
    request.min_gap_ms = 5 * kMinute;
    request.max_gap_ms = 40 * kMinute;
    request.mean_gap_ms = 20 * kMinute;
    request.seed = seed;
    return request;
}

std::string problem_of(const ScheduleRequest& request) {
    const ScheduleResult result = draw_schedule(request);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problem);
    return result.problem->message();
}

}  // namespace

TEST_CASE("SamplingRandom: xoshiro256** seeded by splitmix64, as scripts/sampling-schedule computes it") {
    // scripts/sampling-schedule --raw 0 3. Its generator reproduces the published vectors: splitmix64
    // from 0 first gives 0xe220a8397b1dcdaf (Vigna's splitmix64.c), and xoshiro256** from the state
    // {1, 2, 3, 4} gives 11520, 0, 1509978240, 1215971899390074240, ... (rand_xoshiro's test).
    SamplingRandom random(0);
    CHECK(random.next() == 0x99ec5f36cb75f2b4ULL);
    CHECK(random.next() == 0xbf6e1f784956452aULL);
    CHECK(random.next() == 0x1a5f849d4933e6e0ULL);
    SamplingRandom bounded(7);
    for (int i = 0; i < 1000; ++i) CHECK(bounded.below(3) < 3);
    CHECK(bounded.below(1) == 0);
}

TEST_CASE("draw_schedule: a seed gives the same schedule, pinned against the independent script") {
    // scripts/sampling-schedule on this request (seed 20261129) prints 44 rounds; the first of each
    // day and the last:
    //   29809821 0 0 / 30620353 0 0 / 32260015 0 0 / 32853135 0 1 / 33571925 0 1 / 35671468 0 1 ...
    //   117671053 1 0 / 118127480 1 0 / 118594134 1 0 ... 143892312 1 7
    const auto first = draw_schedule(two_days(20261129));
    const auto again = draw_schedule(two_days(20261129));
    REQUIRE(first.ok());
    REQUIRE(again.ok());
    const std::vector<Round>& rounds = first.schedule->rounds;
    CHECK(first.schedule->seed == 20261129);
    REQUIRE(rounds.size() == 44);
    const std::int64_t expected_day0[] = {29809821, 30620353, 32260015, 32853135, 33571925, 35671468};
    const std::size_t expected_hour0[] = {0, 0, 0, 1, 1, 1};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(rounds[i].at_ms == expected_day0[i]);
        CHECK(rounds[i].day == 0);
        CHECK(rounds[i].hour == expected_hour0[i]);
    }
    CHECK(rounds[22].at_ms == 117671053);
    CHECK(rounds[23].at_ms == 118127480);
    CHECK(rounds[24].at_ms == 118594134);
    CHECK(rounds[22].day == 1);
    CHECK(rounds[43].at_ms == 143892312);
    CHECK(rounds[43].hour == 7);
    REQUIRE(again.schedule->rounds.size() == rounds.size());
    for (std::size_t i = 0; i < rounds.size(); ++i) CHECK(again.schedule->rounds[i].at_ms == rounds[i].at_ms);

    const auto other = draw_schedule(two_days(20261130));
    REQUIRE(other.ok());
    CHECK(other.schedule->rounds[0].at_ms != rounds[0].at_ms);
}

namespace {

std::string request_json(const ScheduleRequest& request) {
    std::string json = "{\"days\": [";
    for (std::size_t d = 0; d < request.days.size(); ++d) {
        const WorkingDay& day = request.days[d];
        json += (d ? ", " : "") + std::string("{\"start_ms\": ") + std::to_string(day.start_ms) +
                ", \"end_ms\": " + std::to_string(day.end_ms) + ", \"breaks\": [";
        for (std::size_t b = 0; b < day.breaks.size(); ++b)
            json += (b ? ", [" : "[") + std::to_string(day.breaks[b].start_ms) + ", " + std::to_string(day.breaks[b].end_ms) + "]";
        json += "]}";
    }
    return json + "], \"min_gap_ms\": " + std::to_string(request.min_gap_ms) + ", \"max_gap_ms\": " +
           std::to_string(request.max_gap_ms) + ", \"mean_gap_ms\": " + std::to_string(request.mean_gap_ms) +
           ", \"seed\": " + std::to_string(request.seed) + "}";
}

}  // namespace

TEST_CASE("draw_schedule: every round equals the independent re-implementation's, over seeds and shapes") {
    // scripts/sampling-schedule, written from the header's description in Python (arbitrary-precision
    // integers masked to 64 bits), must print exactly the rounds draw_schedule draws.
    gemba::test::TempFolder folder;
    std::vector<ScheduleRequest> requests;
    for (std::uint64_t seed : {0ULL, 1ULL, 20261129ULL, 0x8000000000000000ULL, ~0ULL}) requests.push_back(two_days(seed));
    ScheduleRequest tight;  // gaps 9 to 11 minutes around a mean of 10, a short last hour, touching breaks
    tight.days = {{0,
                   5 * kHour + 20 * kMinute,
                   {{2 * kHour, 2 * kHour + 7 * kMinute}, {2 * kHour + 7 * kMinute, 2 * kHour + 15 * kMinute}}},
                  {6 * kHour, 6 * kHour + 50 * kMinute, {}}};
    tight.min_gap_ms = 9 * kMinute;
    tight.max_gap_ms = 11 * kMinute;
    tight.mean_gap_ms = 10 * kMinute;
    for (std::uint64_t seed : {7ULL, 99ULL}) {
        tight.seed = seed;
        requests.push_back(tight);
    }
    ScheduleRequest seconds;  // a round every 1 to 120 s, 30 s on average, over 90 minutes
    seconds.days = {{1234, 1234 + 90 * kMinute, {{1234 + 40 * kMinute, 1234 + 41 * kMinute}}}};
    seconds.min_gap_ms = 1000;
    seconds.max_gap_ms = 120'000;
    seconds.mean_gap_ms = 30'000;
    seconds.seed = 123456789;
    requests.push_back(seconds);

    for (std::size_t i = 0; i < requests.size(); ++i) {
        CAPTURE(i);
        const auto result = draw_schedule(requests[i]);
        REQUIRE(result.ok());
        std::string expected;
        for (const Round& round : result.schedule->rounds)
            expected += std::to_string(round.at_ms) + " " + std::to_string(round.day) + " " + std::to_string(round.hour) + "\n";
        const auto request_file = folder / ("request" + std::to_string(i) + ".json");
        const auto output_file = folder / ("rounds" + std::to_string(i) + ".txt");
        gemba::test::write_all(request_file, request_json(requests[i]));
        using gemba::test::shell_quote;
        const std::string command = "/usr/bin/python3 " + shell_quote(GEMBA_SOURCE_DIR "/scripts/sampling-schedule") + " " +
                                    shell_quote(request_file.string()) + " > " + shell_quote(output_file.string());
        REQUIRE(std::system(command.c_str()) == 0);
        CHECK(gemba::test::read_all(output_file) == expected);
    }
}

TEST_CASE("draw_schedule: rounds lie in working time, keep their gaps and give each hour its share") {
    // Day 0: W = 480 − 30 − 10 = 440 min, N = 440 / 20 = 22. Hours' working minutes 60, 60, 50, 60, 30,
    // 60, 60, 60; shares N·w/W = w/20 = 3, 3, 2.5, 3, 1.5, 3, 3, 3; the one round left over goes to
    // hour 2 (remainders 0.5 tie with hour 4: the earlier hour).
    // Day 1: W = 480 − 45 = 435 min, N = ⌊(435 + 10) / 20⌋ = 22; hours 60 ×4, 15, 60 ×3: shares
    // 22·60/435 = 3.034 and 22·15/435 = 0.759: 3 each, and the leftover round to hour 4.
    const std::vector<std::vector<double>> shares = {{3, 3, 2.5, 3, 1.5, 3, 3, 3},
                                                     {3.034, 3.034, 3.034, 3.034, 0.759, 3.034, 3.034, 3.034}};
    const std::vector<std::vector<int>> counts_expected = {{3, 3, 3, 3, 1, 3, 3, 3}, {3, 3, 3, 3, 1, 3, 3, 3}};
    for (std::uint64_t seed : {1ULL, 2ULL, 3ULL, 42ULL, 0xdeadbeefULL, ~0ULL}) {
        CAPTURE(seed);
        const ScheduleRequest request = two_days(seed);
        const auto result = draw_schedule(request);
        REQUIRE(result.ok());
        const std::vector<Round>& rounds = result.schedule->rounds;
        REQUIRE(rounds.size() == 44);
        std::vector<std::vector<int>> counts(2, std::vector<int>(8, 0));
        for (std::size_t i = 0; i < rounds.size(); ++i) {
            const Round& round = rounds[i];
            const WorkingDay& day = request.days[round.day];
            CHECK(round.at_ms >= day.start_ms);
            CHECK(round.at_ms < day.end_ms);
            for (const TimeSpan& pause : day.breaks) CHECK_FALSE((round.at_ms >= pause.start_ms && round.at_ms < pause.end_ms));
            CHECK(round.hour == static_cast<std::size_t>((round.at_ms - day.start_ms) / kHour));
            ++counts[round.day][round.hour];
            if (i > 0 && rounds[i - 1].day == round.day) {
                const std::int64_t gap = working_time_before(day, round.at_ms) - working_time_before(day, rounds[i - 1].at_ms);
                CHECK(gap >= request.min_gap_ms);
                CHECK(gap <= request.max_gap_ms);
            }
        }
        for (std::size_t d = 0; d < 2; ++d)
            for (std::size_t h = 0; h < 8; ++h) {
                CHECK(counts[d][h] == counts_expected[d][h]);
                CHECK(std::abs(counts[d][h] - shares[d][h]) < 1.0);
            }
    }
}

TEST_CASE("draw_schedule: a break longer than the largest gap does not count towards the gap") {
    // 08:00–10:00 with a 60-minute break at 09:00; gaps 10 to 20 minutes in working time, mean 15:
    // W = 60 min, N = 4, all in hour 0 (hour 1 is all break).
    ScheduleRequest request;
    request.days = {{8 * kHour, 10 * kHour, {{9 * kHour, 10 * kHour}}}};
    request.min_gap_ms = 10 * kMinute;
    request.max_gap_ms = 20 * kMinute;
    request.mean_gap_ms = 15 * kMinute;
    request.seed = 5;
    const auto result = draw_schedule(request);
    REQUIRE(result.ok());
    REQUIRE(result.schedule->rounds.size() == 4);
    for (const Round& round : result.schedule->rounds) {
        CHECK(round.at_ms < 9 * kHour);
        CHECK(round.hour == 0);
    }
    // And the working-time gap across a break: 08:50 and 10:05 with a break 09:00–10:00 are 15 min apart.
    const WorkingDay day{8 * kHour, 11 * kHour, {{9 * kHour, 10 * kHour}}};
    CHECK(working_time_before(day, 10 * kHour + 5 * kMinute) - working_time_before(day, 8 * kHour + 50 * kMinute) == 15 * kMinute);
    CHECK(working_time_before(day, 9 * kHour + 30 * kMinute) == 60 * kMinute);
    CHECK(working_time_before(day, 12 * kHour) == 120 * kMinute);
}

TEST_CASE("draw_schedule: bad requests give a problem with its place") {
    ScheduleRequest request = two_days(1);
    request.min_gap_ms = 50 * kMinute;
    CHECK(problem_of(request) == "max_gap_ms: the maximum gap (2400000 ms) is below the minimum gap (3000000 ms)");
    request = two_days(1);
    request.mean_gap_ms = 45 * kMinute;
    CHECK(problem_of(request) == "mean_gap_ms: must lie between the minimum gap (300000 ms) and the maximum gap (2400000 ms), found 2700000 ms");
    request = two_days(1);
    request.max_gap_ms = gemba::kMaxTimeMs + 1;
    CHECK(problem_of(request) == "max_gap_ms: must be at most 10000000000000 ms, found 10000000000001 ms");
    request = two_days(1);
    request.min_gap_ms = 0;
    CHECK(problem_of(request) == "min_gap_ms: must be at least 1 ms, found 0 ms");
    request = two_days(1);
    request.days.clear();
    CHECK(problem_of(request) == "days: no working day to schedule rounds in");
    request = two_days(1);
    request.days[1].end_ms = request.days[1].start_ms;
    CHECK(problem_of(request) == "days[1]: the window ends at 115200000 ms, not after its start at 115200000 ms");
    request = two_days(1);
    request.days[1].start_ms = 15 * kHour;
    CHECK(problem_of(request) == "days[1]: starts at 54000000 ms, before days[0] ends at 57600000 ms");
    request = two_days(1);
    request.days[0].start_ms = -1;
    CHECK(problem_of(request) == "days[0].start_ms: must be between 0 and 10000000000000 ms, found -1 ms");
    request = two_days(1);
    request.days[1].breaks[0] = {39 * kHour, 41 * kHour};
    CHECK(problem_of(request) == "days[1].breaks[0]: from 140400000 ms to 147600000 ms lies outside its day, from 115200000 ms to 144000000 ms");
    request = two_days(1);
    request.days[0].breaks[1] = {12 * kHour + 20 * kMinute, 13 * kHour};
    CHECK(problem_of(request) == "days[0].breaks[1]: overlaps days[0].breaks[0]");
    request = two_days(1);
    request.days[0].breaks[1] = {10 * kHour, 10 * kHour};
    CHECK(problem_of(request) == "days[0].breaks[1]: ends at 36000000 ms, not after its start at 36000000 ms");
    request = two_days(1);
    request.days[1].breaks = {{32 * kHour, 36 * kHour}, {36 * kHour, 40 * kHour}};  // touching breaks fill the day
    CHECK(problem_of(request) == "days[1]: no working time is left between the breaks");
    request = two_days(1);
    request.min_gap_ms = request.mean_gap_ms = 1;
    request.days = {{0, 2 * gemba::kMaxTimeMs / 3, {}}};
    CHECK(problem_of(request) == "mean_gap_ms: the days would need more than 1000000 rounds; make the mean gap longer");
}

TEST_CASE("draw_schedule: gaps that cannot keep each hour's share are refused") {
    // A 3-hour window, every gap exactly 40 min: N = ⌊(180 + 20) / 40⌋ = 5, shares 5/3 each: 2, 2, 1
    // (the leftover two rounds to hours 0 and 1). Rounds t, t+40 in hour 0 need t <= 19 min; t+80 and
    // t+120 in hour 1 need t + 120 <= 119 min: no t.
    ScheduleRequest request;
    request.days = {{0, 3 * kHour, {}}};
    request.min_gap_ms = request.max_gap_ms = request.mean_gap_ms = 40 * kMinute;
    CHECK(problem_of(request) == "days[0]: no schedule fits 5 rounds with gaps from 2400000 ms to 2400000 ms and each hour's share of them; widen the gaps or change the mean gap");
    // With every gap exactly 30 min the same window takes 6 rounds, two an hour, t <= 29:59.999 each.
    request.min_gap_ms = request.max_gap_ms = request.mean_gap_ms = 30 * kMinute;
    const auto fits = draw_schedule(request);
    REQUIRE(fits.ok());
    REQUIRE(fits.schedule->rounds.size() == 6);
    for (std::size_t i = 1; i < 6; ++i) CHECK(fits.schedule->rounds[i].at_ms - fits.schedule->rounds[i - 1].at_ms == 30 * kMinute);
}

// ============================================================================================
// The rounds at a moment
// ============================================================================================

TEST_CASE("round_status: pending, due, late, skipped, taken and taken late, and when to wake") {
    const std::vector<Round> rounds = {{1000, 0, 0}, {2000, 0, 0}, {3000, 0, 0}, {10'000, 0, 0}};
    const RoundTiming timing{100, 500};  // late after 100 ms, skipped after 500 ms
    // Round 0 taken 50 ms after its time (on time), round 1 taken 300 ms after (late by 300).
    const std::vector<std::optional<std::int64_t>> taken = {1050, 2300, std::nullopt, std::nullopt};

    // 3050: round 2 due for 50 ms; it turns late at 3101 (the next change), round 3 is next at 10 000.
    auto at_3050 = round_status(rounds, taken, 3050, timing);
    CHECK(at_3050.rounds[0].status == RoundStatus::taken);
    CHECK(at_3050.rounds[1].status == RoundStatus::taken_late);
    CHECK(at_3050.rounds[1].late_by_ms == 300);
    CHECK(at_3050.rounds[2].status == RoundStatus::due);
    CHECK(at_3050.rounds[2].late_by_ms == 50);
    CHECK(at_3050.rounds[3].status == RoundStatus::pending);
    CHECK(at_3050.current_round == 2u);
    CHECK(at_3050.next_round == 3u);
    CHECK(at_3050.next_round_ms == 10'000);
    CHECK(at_3050.wake_at_ms == 3101);

    // 3200: late by 200; skipped after 3500, so wake at 3501.
    auto at_3200 = round_status(rounds, taken, 3200, timing);
    CHECK(at_3200.rounds[2].status == RoundStatus::late);
    CHECK(at_3200.rounds[2].late_by_ms == 200);
    CHECK(at_3200.wake_at_ms == 3501);

    // 3500 is still within the grace; 3501 is not.
    CHECK(round_status(rounds, taken, 3500, timing).rounds[2].status == RoundStatus::late);
    auto at_3501 = round_status(rounds, taken, 3501, timing);
    CHECK(at_3501.rounds[2].status == RoundStatus::skipped);
    CHECK_FALSE(at_3501.current_round);
    CHECK(at_3501.wake_at_ms == 10'000);

    // After the last round's grace nothing changes by the clock any more.
    auto at_end = round_status(rounds, taken, 20'000, timing);
    CHECK(at_end.rounds[3].status == RoundStatus::skipped);
    CHECK_FALSE(at_end.next_round);
    CHECK_FALSE(at_end.next_round_ms);
    CHECK_FALSE(at_end.wake_at_ms);

    // Before the first round: everything pending, wake at the first.
    auto at_start = round_status(rounds, std::vector<std::optional<std::int64_t>>(4), 0, timing);
    CHECK(at_start.next_round == 0u);
    CHECK(at_start.wake_at_ms == 1000);
    CHECK(at_start.rounds[0].status == RoundStatus::pending);

    CHECK_THROWS_AS(round_status(rounds, taken, 0, RoundTiming{-1, 10}), std::invalid_argument);
    CHECK_THROWS_AS(round_status(rounds, taken, 0, RoundTiming{10, gemba::kMaxTimeMs + 1}), std::invalid_argument);
    CHECK_THROWS_AS(round_status(rounds, std::vector<std::optional<std::int64_t>>(3), 0, timing), std::invalid_argument);
}

TEST_CASE("round_status: of several overdue rounds the earliest is the one to take") {
    const std::vector<Round> rounds = {{1000, 0, 0}, {1200, 0, 0}};
    auto status = round_status(rounds, std::vector<std::optional<std::int64_t>>(2), 1300, {});
    CHECK(status.rounds[0].status == RoundStatus::due);
    CHECK(status.rounds[1].status == RoundStatus::due);
    CHECK(status.current_round == 0u);
    CHECK(status.wake_at_ms == 1000 + 60'000 + 1);  // the default: late after 1 minute
}
