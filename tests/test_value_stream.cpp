// The numbers of a value stream map (core/analysis/value_stream) and the ladder's time units
// (core/report/ladder_time). Every expected value is worked out by hand in the comment next to it,
// from shared LEAN.md: inventory days = quantity ÷ daily demand (Little's law), production lead
// time = Σ waits + Σ process times, PCE = value-added time ÷ lead time, takt = available ÷ demand.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/value_stream.hpp"
#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "core/report/ladder_time.hpp"

using doctest::Approx;
using namespace gemba;

namespace {

constexpr double kSecond = 1000.0, kMinute = 60'000.0, kHour = 3'600'000.0;

ValueStreamStep step(std::string name, std::optional<double> process_ms, ValueClass value_class = ValueClass::value_added,
                     std::vector<std::string> touched_by = {}, std::optional<double> observed_wait_ms = std::nullopt) {
    ValueStreamStep s;
    s.name = std::move(name);
    s.value_class = value_class;
    s.process_ms = process_ms;
    s.observed_wait_ms = observed_wait_ms;
    s.touched_by = std::move(touched_by);
    return s;
}

// Steps are numbered 1, 2, 3 ... in flow order (numbered()); a queue names the step it feeds by it.
ValueStreamQueue queue(std::string name, StepId before_step, std::vector<StreamCount> counts,
                       std::optional<std::int64_t> wip_limit = std::nullopt) {
    return {.id = kNoQueue, .name = std::move(name), .before_step = before_step, .counts = std::move(counts),
            .wip_limit = wip_limit};
}

std::vector<ValueStreamStep> numbered(std::vector<ValueStreamStep> steps) {
    for (std::size_t i = 0; i < steps.size(); ++i) steps[i].id = static_cast<StepId>(i + 1);
    return steps;
}

// ---- Rother & Shook, Learning to See (Lean Enterprise Institute, 1999), the Acme Stamping
// current-state map. Customer side: 18,400 pieces a month (12,000 L + 6,400 R) over 20 working
// days → 920 pieces a day; two shifts, each 8 h = 28,800 s less two 10-minute breaks = 27,600 s,
// so 55,200 s available a day. Takt = 55,200 ÷ 920 = 60 s (the book: 27,600 s ÷ 460 pieces a
// shift = 60 s; one shift's 27,600 s over a whole day's 920 pieces would wrongly give 30 s). Inventory days
// depend on demand alone.
// Inventories (pieces; L + R) and the days the book writes under each triangle, ÷ 920:
//   coils before stamping: 5 days (the book gives days only: 5 × 920 = 4,600 pieces-equivalent)
//   before S. Weld #1: 4,600 L + 2,400 R = 7,000 → 7.6 days
//   before S. Weld #2: 1,100 L +   600 R = 1,700 → 1.8 days
//   before Assembly #1: 1,600 L +  850 R = 2,450 → 2.7 days
//   before Assembly #2: 1,200 L +  640 R = 1,840 → 2.0 days
//   before shipping:   2,700 L + 1,440 R = 4,140 → 4.5 days
//   production lead time 5 + 7.6 + 1.8 + 2.7 + 2 + 4.5 = 23.6 days (exactly 21,730 ÷ 920 =
//   23.6196); processing time 1 + 39 + 46 + 62 + 40 = 188 s.
// ----
constexpr std::int64_t kAcmeDayMs = 55'200'000;  // 2 shifts × 27,600 s
constexpr double kAcmeDemand = 920;
constexpr double kAcmeTaktMs = 60'000;  // 55,200,000 ÷ 920; a piece waiting costs one takt per piece ahead

ValueStreamInput acme() {
    ValueStreamInput in;
    in.demand_per_day = kAcmeDemand;
    in.available_ms_per_day = kAcmeDayMs;
    in.steps = numbered({step("Stamping", 1 * kSecond, ValueClass::value_added, {"Press operator"}),
                step("S. Weld #1", 39 * kSecond, ValueClass::value_added, {"Welder"}),
                step("S. Weld #2", 46 * kSecond, ValueClass::value_added, {"Welder"}),
                step("Assembly #1", 62 * kSecond, ValueClass::value_added, {"Assembler"}),
                step("Assembly #2", 40 * kSecond, ValueClass::value_added, {"Assembler"}),
                step("Shipping", std::nullopt, ValueClass::necessary_non_value_added, {"Shipping"})});
    in.queues = {queue("Coils", 1, {{0, 4'600}}),
                 // The book's one triangle of L and R, as two queues feeding one step: their days add.
                 queue("Stamped L", 2, {{0, 4'600}}),
                 queue("Stamped R", 2, {{0, 2'400}}),
                 // Counted three times on the walk; the last count (1,700) is the current state.
                 queue("Welded #1", 3, {{0, 1'500}, {3'600'000, 1'900}, {7'200'000, 1'700}}),
                 queue("Welded #2", 4, {{0, 2'450}}),
                 queue("Assembled #1", 5, {{0, 1'840}}),
                 queue("Shipping staging", 6, {{0, 4'140}})};
    return in;
}

ValueStreamFigures figures_of(const ValueStreamInput& in) {
    const ValueStreamResult result = value_stream_figures(in);
    REQUIRE_MESSAGE(result.ok(), (result.problem ? result.problem->message() : std::string()));
    CHECK_FALSE(result.problem);
    return *result.figures;
}

std::string problem_of(const ValueStreamInput& in) {
    const ValueStreamResult result = value_stream_figures(in);
    CHECK_FALSE(result.figures);
    REQUIRE(result.problem);
    return result.problem->message();
}

}  // namespace

TEST_CASE("value stream, Learning to See: takt and the inventory days of each queue") {
    const ValueStreamFigures f = figures_of(acme());
    CHECK(f.takt_ms == Approx(kAcmeTaktMs));  // 55,200 s ÷ 920 = 60 s
    REQUIRE(f.queues.size() == 7);
    // Days = last count ÷ 920; wait = days × 55,200,000 ms = count × 60,000 ms.
    CHECK(f.queues[0].days == Approx(5.0));             // 4,600 ÷ 920
    CHECK(f.queues[0].wait_ms == Approx(276'000'000));  // 4,600 × 60 s
    CHECK(f.queues[1].days == Approx(5.0));             // 4,600 ÷ 920
    CHECK(f.queues[2].days == Approx(2.6087).epsilon(1e-4));  // 2,400 ÷ 920
    CHECK(f.queues[3].last_count == 1'700);
    CHECK(f.queues[3].mean_count == Approx(1'700));      // (1,500 + 1,900 + 1,700) ÷ 3
    CHECK(f.queues[3].counts_seen == 3);
    CHECK(f.queues[3].days == Approx(1.8478).epsilon(1e-4));  // 1,700 ÷ 920: the book's 1.8
    CHECK(f.queues[4].days == Approx(2.6630).epsilon(1e-4));  // 2,450 ÷ 920: the book's 2.7
    CHECK(f.queues[5].days == Approx(2.0));                   // 1,840 ÷ 920
    CHECK(f.queues[6].days == Approx(4.5));                   // 4,140 ÷ 920
    CHECK(f.queues[6].wait_ms == Approx(248'400'000));        // 4,140 × 60 s
    for (const QueueFigures& q : f.queues) CHECK_FALSE(q.over_limit);  // no limits on this map
    CHECK(f.over_limit_queues.empty());
    CHECK(f.queues[2].step == 1);  // "Stamped R" feeds S. Weld #1
    CHECK(f.queues[6].step == 5);
}

TEST_CASE("value stream, Learning to See: each step's wait and process time") {
    const ValueStreamFigures f = figures_of(acme());
    REQUIRE(f.steps.size() == 6);
    // S. Weld #1 is fed by two queues: 4,600 + 2,400 = 7,000 ÷ 920 = 7.6087 days, 420,000,000 ms.
    CHECK(f.steps[1].queue_days == Approx(7.6087).epsilon(1e-4));
    CHECK(f.steps[1].queue_wait_ms == Approx(420'000'000));
    CHECK(f.steps[1].wait_source == WaitSource::queue);
    CHECK(f.steps[1].wait_ms == Approx(420'000'000));
    CHECK_FALSE(f.steps[1].observed_wait_ms);
    CHECK(f.steps[1].process_ms == Approx(39'000));
    CHECK(f.steps[1].touched_by == std::vector<std::string>{"Welder"});
    CHECK(f.steps[0].wait_ms == Approx(276'000'000));  // the coils' 5 days
    CHECK(f.steps[3].wait_ms == Approx(147'000'000));  // 2,450 × 60 s
    CHECK(f.steps[5].value_class == ValueClass::necessary_non_value_added);
    CHECK_FALSE(f.steps[5].process_ms);  // shipping is not timed on the book's ladder
}

TEST_CASE("value stream, Learning to See: the ladder (23.6 days, 188 s)") {
    const ValueStreamFigures f = figures_of(acme());
    // Σ waits = (4,600 + 7,000 + 1,700 + 2,450 + 1,840 + 4,140) × 60 s = 21,730 × 60,000 ms.
    CHECK(f.total_wait_ms == Approx(1'303'800'000));
    CHECK(f.total_wait_ms / kAcmeDayMs == Approx(23.6196).epsilon(1e-5));  // 21,730 ÷ 920: the book's 23.6 days
    // Σ process times = 1 + 39 + 46 + 62 + 40 = 188 s; shipping has none and is listed.
    CHECK(f.total_process_ms == Approx(188'000));
    CHECK(f.steps_without_process_time == std::vector<std::size_t>{5});
    CHECK(f.steps_without_wait.empty());
    // Lead time = 1,303,800,000 + 188,000 = 1,303,988,000 ms = 23.61957 + 0.00341 = 23.62297 working days.
    CHECK(f.lead_time_ms == Approx(1'303'988'000));
    CHECK(f.lead_time_days == Approx(23.62297).epsilon(1e-6));
    // The five process steps are value-added: 188 s; PCE = 188,000 ÷ 1,303,988,000 = 0.00014417.
    CHECK(f.value_added_ms == Approx(188'000));
    REQUIRE(f.pce);
    CHECK(*f.pce == Approx(0.00014417).epsilon(1e-5));
    // The longest wait: 7.6 days before S. Weld #1.
    CHECK(f.longest_wait_step == std::optional<std::size_t>{1});
    // As a person reads them.
    CHECK(format_ladder_time(f.total_wait_ms, kAcmeDayMs) == "23.6 days");
    CHECK(format_ladder_time(f.steps[1].wait_ms.value_or(0), kAcmeDayMs) == "7.6 days");
    CHECK(format_ladder_time(f.steps[4].wait_ms.value_or(0), kAcmeDayMs) == "2 days");
    CHECK(format_ladder_time(f.total_process_ms, kAcmeDayMs) == "3.1 min");  // 188 s = 3.133 min
    CHECK(format_ladder_time(f.steps[2].process_ms.value_or(0), kAcmeDayMs) == "46 s");
}

// ---- An office stream, made up for this test and worked by hand: a change request through four
// steps, 4 requests a day finished (throughput = demand), an 8-hour working day (28,800,000 ms),
// so a request waiting costs 28,800,000 ÷ 4 = 7,200,000 ms (2 h, the takt) per request ahead.
//   Intake   (necessary NVA, 15 min): inbox counted 5 then 6 → 6 ÷ 4 = 1.5 days = 43,200,000 ms
//   Review   (VA, 45 min): 10 waiting, WIP limit 8 → over; 2.5 days = 72,000,000 ms
//   Approve  (necessary NVA, 10 min): 2 waiting, limit 3 → 0.5 day = 14,400,000 ms; the walk
//            also timed a 3 h wait (10,800,000 ms): the ladder uses the queue's, both are shown
//   Release  (VA, 30 min): its column was not counted (limit 5); the walk timed 8 h = 1 day
//            (28,800,000 ms) before it: the ladder uses that
//   Σ waits = 43.2 + 72 + 14.4 + 28.8 = 158.4 M ms (5.5 days); Σ process = 100 min = 6,000,000 ms
//   lead time = 164,400,000 ms = 5.7083 days; VA = 45 + 30 = 75 min = 4,500,000 ms;
//   PCE = 4.5 ÷ 164.4 = 0.0273723 (2.7 %).
// ----
namespace {

constexpr std::int64_t kOfficeDayMs = 28'800'000;

ValueStreamInput office() {
    ValueStreamInput in;
    in.demand_per_day = 4;
    in.available_ms_per_day = kOfficeDayMs;
    in.steps = numbered({step("Intake", 15 * kMinute, ValueClass::necessary_non_value_added, {"Service desk"}),
                step("Review", 45 * kMinute, ValueClass::value_added, {"Engineer", "Team lead"}),
                step("Approve", 10 * kMinute, ValueClass::necessary_non_value_added, {"Change board"}, 3 * kHour),
                step("Release", 30 * kMinute, ValueClass::value_added, {"Operations"}, 8 * kHour)});
    in.queues = {queue("Inbox", 1, {{0, 5}, {3'600'000, 6}}),
                 queue("To review", 2, {{0, 10}}, 8),
                 queue("To approve", 3, {{0, 2}}, 3),
                 queue("To release", 4, {}, 5)};
    return in;
}

}  // namespace

TEST_CASE("value stream, office: queues, WIP limits and where each wait comes from") {
    const ValueStreamFigures f = figures_of(office());
    CHECK(f.takt_ms == Approx(7'200'000));  // 28,800,000 ÷ 4
    CHECK(f.queues[0].last_count == 6);
    CHECK(f.queues[0].mean_count == Approx(5.5));  // (5 + 6) ÷ 2
    CHECK(f.queues[0].days == Approx(1.5));        // 6 ÷ 4
    CHECK(f.queues[0].wait_ms == Approx(43'200'000));
    CHECK(f.queues[1].over_limit);                 // 10 > 8
    CHECK_FALSE(f.queues[2].over_limit);           // 2 ≤ 3
    CHECK_FALSE(f.queues[3].over_limit);           // not counted
    CHECK_FALSE(f.queues[3].last_count);
    CHECK_FALSE(f.queues[3].days);
    CHECK(f.queues[3].counts_seen == 0);
    CHECK(f.over_limit_queues == std::vector<std::size_t>{1});

    // Approve: both waits, side by side; the ladder takes the counted queue's.
    CHECK(f.steps[2].queue_wait_ms == Approx(14'400'000));  // 2 ÷ 4 = 0.5 day
    CHECK(f.steps[2].queue_days == Approx(0.5));
    CHECK(f.steps[2].observed_wait_ms == Approx(10'800'000));
    CHECK(f.steps[2].wait_source == WaitSource::queue);
    CHECK(f.steps[2].wait_ms == Approx(14'400'000));
    // Release: its queue has no count, so the walk's timed wait.
    CHECK_FALSE(f.steps[3].queue_wait_ms);
    CHECK(f.steps[3].wait_source == WaitSource::observed);
    CHECK(f.steps[3].wait_ms == Approx(28'800'000));
    CHECK(f.steps[1].touched_by == std::vector<std::string>{"Engineer", "Team lead"});
    CHECK(to_string(WaitSource::queue) == "queue");
    CHECK(to_string(WaitSource::observed) == "observed");
    CHECK(display_name(WaitSource::queue) == "queue count (Little's law)");
}

TEST_CASE("value stream, office: the ladder and PCE") {
    const ValueStreamFigures f = figures_of(office());
    CHECK(f.total_wait_ms == Approx(158'400'000));
    CHECK(f.total_process_ms == Approx(6'000'000));
    CHECK(f.lead_time_ms == Approx(164'400'000));
    CHECK(f.lead_time_days == Approx(5.708333).epsilon(1e-6));  // 164.4 ÷ 28.8
    CHECK(f.value_added_ms == Approx(4'500'000));                // Review 45 + Release 30 min
    REQUIRE(f.pce);
    CHECK(*f.pce == Approx(0.0273723).epsilon(1e-5));            // 4.5 ÷ 164.4
    CHECK(f.longest_wait_step == std::optional<std::size_t>{1});  // Review, 2.5 days
    CHECK(f.steps_without_process_time.empty());
    CHECK(f.steps_without_wait.empty());
    CHECK(format_ladder_time(f.lead_time_ms, kOfficeDayMs) == "5.7 days");
    CHECK(format_ladder_time(f.steps[1].process_ms.value_or(0), kOfficeDayMs) == "45 min");
    CHECK(format_ladder_time(f.steps[2].observed_wait_ms.value_or(0), kOfficeDayMs) == "3 h");
    CHECK(format_ladder_time(f.steps[3].wait_ms.value_or(0), kOfficeDayMs) == "1 day");
}

TEST_CASE("value stream: nothing known, nothing waiting") {
    SUBCASE("no step timed and no wait: lead time 0, PCE undefined, no longest wait") {
        ValueStreamInput in;
        in.demand_per_day = 10;
        in.available_ms_per_day = 1'000;
        in.steps = numbered({step("A", std::nullopt), step("B", std::nullopt)});
        const ValueStreamFigures f = figures_of(in);
        CHECK(f.lead_time_ms == 0);
        CHECK_FALSE(f.pce);
        CHECK_FALSE(f.longest_wait_step);
        CHECK(f.steps_without_process_time == std::vector<std::size_t>{0, 1});
        CHECK(f.steps_without_wait == std::vector<std::size_t>{0, 1});
        CHECK(f.steps[0].wait_source == WaitSource::none);
        CHECK(f.takt_ms == Approx(100));  // 1,000 ÷ 10
    }
    SUBCASE("an empty queue counts: a wait of 0 from the queue wins over the timed one") {
        ValueStreamInput in;
        in.demand_per_day = 10;
        in.available_ms_per_day = 1'000;
        in.steps = numbered({step("A", 50.0, ValueClass::non_value_added, {}, 300.0)});
        in.queues = {queue("Before A", 1, {{0, 0}})};
        const ValueStreamFigures f = figures_of(in);
        CHECK(f.steps[0].wait_source == WaitSource::queue);
        CHECK(f.steps[0].wait_ms == 0);
        CHECK_FALSE(f.longest_wait_step);  // nothing waits
        CHECK(f.lead_time_ms == Approx(50));
        CHECK(f.value_added_ms == 0);  // a non-value-added step
        CHECK(f.pce == std::optional<double>{0.0});
    }
    SUBCASE("a count at the WIP limit is full, not over") {
        ValueStreamInput in;
        in.demand_per_day = 1;
        in.available_ms_per_day = 1'000;
        in.steps = numbered({step("A", 1.0)});
        in.queues = {queue("Before A", 1, {{0, 3}}, 3)};
        CHECK_FALSE(figures_of(in).queues[0].over_limit);
    }
}

TEST_CASE("value stream: bad input is a problem naming its place") {
    ValueStreamInput in = office();
    SUBCASE("demand of 0") {
        in.demand_per_day = 0;
        CHECK(problem_of(in) == "demand_per_day: must be above 0 units per day, found 0");
    }
    SUBCASE("negative demand") {
        in.demand_per_day = -2.5;
        CHECK(problem_of(in) == "demand_per_day: must be above 0 units per day, found -2.5");
    }
    SUBCASE("demand not a number") {
        in.demand_per_day = std::numeric_limits<double>::quiet_NaN();
        CHECK(problem_of(in) == "demand_per_day: must be above 0 units per day, found nan");
    }
    SUBCASE("no available time") {
        in.available_ms_per_day = 0;
        CHECK(problem_of(in) == "available_ms_per_day: must be above 0 and at most 10000000000000 ms, found 0");
    }
    SUBCASE("a negative process time") {
        in.steps[1].process_ms = -5.0;
        CHECK(problem_of(in) == "steps[1] \"Review\": process time must not be negative, found -5");
    }
    SUBCASE("an observed wait that is not finite") {
        in.steps[2].observed_wait_ms = std::numeric_limits<double>::infinity();
        CHECK(problem_of(in) == "steps[2] \"Approve\": observed wait must be a finite number of milliseconds, found inf");
    }
    SUBCASE("a count below 0") {
        in.queues[0].counts[1].units = -3;
        CHECK(problem_of(in) == "queues[0] \"Inbox\": count 2 must not be negative, found -3");
    }
    SUBCASE("a count before the one ahead of it") {
        in.queues[0].counts[1].t_ms = -1;
        CHECK(problem_of(in) == "queues[0] \"Inbox\": count 2 has a negative time, -1 ms");
        in.queues[0].counts = {{500, 1}, {400, 2}};
        CHECK(problem_of(in) == "queues[0] \"Inbox\": count 2 is earlier than the one before it (400 ms < 500 ms)");
    }
    SUBCASE("a queue naming an unknown step") {
        in.queues[3].before_step = 9;
        CHECK(problem_of(in) == "queues[3] \"To release\": feeds step 9, which the stream does not have");
    }
    SUBCASE("a WIP limit of 0") {
        in.queues[2].wip_limit = 0;
        CHECK(problem_of(in) == "queues[2] \"To approve\": WIP limit must be at least 1, found 0");
    }
    SUBCASE("the first problem in input order is the one reported") {
        in.queues[2].wip_limit = 0;
        in.demand_per_day = 0;
        CHECK(problem_of(in) == "demand_per_day: must be above 0 units per day, found 0");
    }
}

TEST_CASE("ladder time: the unit grows with the time") {
    constexpr std::int64_t day = 28'800'000;  // an 8-hour working day
    CHECK(format_ladder_time(0, day) == "0 s");
    CHECK(format_ladder_time(40, day) == "0 s");        // 0.04 s rounds to 0.0
    CHECK(format_ladder_time(500, day) == "0.5 s");
    CHECK(format_ladder_time(1'000, day) == "1 s");     // ".0" dropped
    CHECK(format_ladder_time(30'000, day) == "30 s");
    CHECK(format_ladder_time(59'940, day) == "59.9 s");
    CHECK(format_ladder_time(59'960, day) == "1 min");  // would show as 60.0 s: 0.9993 min
    CHECK(format_ladder_time(62'000, day) == "1 min");  // 1.033 min
    CHECK(format_ladder_time(720'000, day) == "12 min");
    CHECK(format_ladder_time(5'400'000, day) == "1.5 h");  // 90 min
    CHECK(format_ladder_time(28'799'999, day) == "8 h");   // a hair under a working day
    CHECK(format_ladder_time(28'800'000, day) == "1 day");
    CHECK(format_ladder_time(129'600'000, day) == "4.5 days");  // 4.5 × 8 h
    CHECK(format_ladder_time(57'600'000, day) == "2 days");
    CHECK(format_ladder_time(-720'000, day) == "-12 min");  // the unit by size, the sign kept
}

TEST_CASE("ladder time: days are working days, and only with a working day") {
    CHECK(format_ladder_time(27'600'000, 27'600'000) == "1 day");    // one Acme shift as the day
    CHECK(format_ladder_time(28'800'000, 27'600'000) == "1 day");    // 1.043 days
    CHECK(format_ladder_time(86'400'000, 27'600'000) == "3.1 days");  // 24 h = 3.13 working days
    CHECK(format_ladder_time(172'800'000, 0) == "48 h");              // no working day: hours go on
    CHECK(ladder_unit(172'800'000, 0) == LadderUnit::hours);
    CHECK(ladder_unit(172'800'000, 28'800'000) == LadderUnit::days);
    CHECK(format_in_unit(90'000, LadderUnit::seconds, 0) == "90 s");      // a unit the caller fixed
    CHECK(format_in_unit(14'400'000, LadderUnit::days, 28'800'000) == "0.5 days");
    CHECK(format_in_unit(14'400'000, LadderUnit::days, 0) == "—");
    CHECK(format_ladder_time(std::numeric_limits<double>::quiet_NaN(), 28'800'000) == "—");
}

// ---- From a session: the walk's readings, counts and plan.

TEST_CASE("value stream of a session: the v2 golden walk, worked by hand") {
    const LoadResult loaded = load_session(std::filesystem::path(GEMBA_SOURCE_DIR) / "tests/golden/v2/value_stream.json");
    REQUIRE(loaded.ok());
    const Session& s = *loaded.session;
    const ValueStreamResult result = value_stream_of(s, loaded.state, summarize(s, loaded.state));
    REQUIRE(result.ok());
    const ValueStreamFigures& f = *result.figures;
    // Lap walk: Stamping 0–3 s, Welding 3–6 s, Shipping 6–9 s with a 1 s pause inside: 3, 3, 2 s.
    REQUIRE(f.steps.size() == 3);
    CHECK(f.steps[0].process_ms == Approx(3000));
    CHECK(f.steps[1].process_ms == Approx(3000));
    CHECK(f.steps[2].process_ms == Approx(2000));
    // Laps leave no gap: each step after the first waited 0 s on the walk; the first has no wait.
    CHECK_FALSE(f.steps[0].observed_wait_ms);
    CHECK(f.steps[1].observed_wait_ms == Approx(0));
    CHECK(f.steps[2].observed_wait_ms == Approx(0));
    CHECK(f.steps[1].touched_by == std::vector<std::string>{"Welder", "Team leader"});
    // Takt 55,200,000 ÷ 920 = 60 s. Stamped parts: 4,600 (4,601 undone) ÷ 920 = 5 days, at its
    // limit of 4,600 (full, not over); Finished goods: 2,690 (the later count) ÷ 920 = 2.9239 days.
    CHECK(f.takt_ms == Approx(60'000));
    REQUIRE(f.queues.size() == 2);
    CHECK(f.queues[0].id == 1);
    CHECK(f.queues[0].last_count == 4600);
    CHECK(f.queues[0].days == Approx(5.0));
    CHECK_FALSE(f.queues[0].over_limit);
    CHECK(f.queues[1].counts_seen == 2);
    CHECK(f.queues[1].mean_count == Approx(2695));  // (2,700 + 2,690) ÷ 2
    CHECK(f.queues[1].days == Approx(2690.0 / 920.0));
    CHECK(f.steps[1].wait_source == WaitSource::queue);
    CHECK(f.steps[1].wait_ms == Approx(276'000'000));  // 5 days × 55,200,000 ms
    CHECK(f.steps[2].wait_ms == Approx(161'400'000));  // 2,690 × 60 s
    // Lead time = 276,000,000 + 161,400,000 + 3,000 + 3,000 + 2,000 ms; VA = 6,000 ms (Shipping is NNVA).
    CHECK(f.lead_time_ms == Approx(437'408'000));
    CHECK(f.lead_time_days == Approx(437'408'000.0 / 55'200'000.0));
    CHECK(f.value_added_ms == Approx(6000));
    CHECK(f.pce == Approx(6000.0 / 437'408'000.0));
    CHECK(f.longest_wait_step == std::optional<std::size_t>{1});
    CHECK(f.steps_without_wait == std::vector<std::size_t>{0});
    CHECK(f.notices.empty());
}

TEST_CASE("value stream of a session: the wait the walk timed before a step, pauses left out") {
    Session s;
    s.title = "Two desks";
    s.settings.timing_mode = TimingMode::independent;
    s.steps = {Step{1, "Check", ValueClass::value_added}, Step{2, "Sign", ValueClass::value_added}};
    ManualClock clock(0);
    Recorder r(s, clock);
    const auto at = [&](std::int64_t ms, auto tap) {
        clock.set(ms);
        REQUIRE(tap().recorded);
    };
    // Cycle 1: Check 0–1 s; Sign starts at 4 s with a 0.5 s pause between: waited 3 − 0.5 = 2.5 s.
    at(0, [&] { return r.toggle_step(1); });
    at(1000, [&] { return r.toggle_step(1); });
    at(2000, [&] { return r.toggle_pause(); });
    at(2500, [&] { return r.toggle_pause(); });
    at(4000, [&] { return r.toggle_step(2); });
    at(4500, [&] { return r.toggle_step(2); });
    // Cycle 2: Check 5–6 s, Sign 6.5–7 s: waited 0.5 s. Mean (2.5 + 0.5) ÷ 2 = 1.5 s.
    at(4800, [&] { return r.new_cycle(); });
    at(5000, [&] { return r.toggle_step(1); });
    at(6000, [&] { return r.toggle_step(1); });
    at(6500, [&] { return r.toggle_step(2); });
    at(7000, [&] { return r.toggle_step(2); });
    const std::vector<std::optional<double>> waits = observed_waits(s, r.state());
    REQUIRE(waits.size() == 2);
    CHECK_FALSE(waits[0]);
    CHECK(waits[1] == Approx(1500));
    // No queues and no customer side: the ladder is the walk's own, with no days.
    const ValueStreamResult result = value_stream_of(s, r.state(), summarize(s, r.state()));
    REQUIRE(result.ok());
    CHECK(result.figures->steps[1].wait_source == WaitSource::observed);
    CHECK(result.figures->lead_time_ms == Approx(1000 + 500 + 1500));  // Check 1 s, Sign 0.5 s, wait 1.5 s
    CHECK_FALSE(result.figures->lead_time_days);
    CHECK_FALSE(result.figures->takt_ms);
}

TEST_CASE("value stream of a session: a demand of 0 is named, and the counts still stand") {
    LoadResult loaded = load_session(std::filesystem::path(GEMBA_SOURCE_DIR) / "tests/golden/v2/value_stream.json");
    REQUIRE(loaded.ok());
    Session s = *loaded.session;
    s.settings.takt_demand_units = 0.0;
    const ValueStreamResult result = value_stream_of(s, loaded.state, summarize(s, loaded.state));
    REQUIRE(result.ok());
    const ValueStreamFigures& f = *result.figures;
    CHECK(f.queues[0].last_count == 4600);
    CHECK_FALSE(f.queues[0].days);
    CHECK_FALSE(f.takt_ms);
    REQUIRE(f.notices.size() == 1);
    CHECK(f.notices[0] ==
          "demand per day is 0 (/settings/takt_demand_units): the queues' days of work and waits need a demand above "
          "0; set it in Setup");
}
