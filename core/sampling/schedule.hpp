// Random rounds for a work sampling study: when to look, drawn once from a recorded seed so the
// same seed gives the same schedule on every platform and compiler; and, at any moment, which rounds
// are pending, due, late, skipped or taken, and when the next one falls due.
//
// Times are int64 milliseconds from the start of the study (the caller's zero, e.g. midnight before
// the first day); a day's window and its breaks are given as such offsets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gemba::sampling {

// ============================================================================================
// The generator
// ============================================================================================

// xoshiro256** 1.0 (Blackman & Vigna), its state filled by four outputs of splitmix64 from the
// seed, as the authors recommend. Our own code and our own integer transform, so a seed draws the
// same numbers everywhere (std::*_distribution is implementation-defined). scripts/sampling-schedule.py
// re-implements it and the schedule independently.
class SamplingRandom {
public:
    explicit SamplingRandom(std::uint64_t seed);
    std::uint64_t next();  // the next 64 random bits
    // A uniform integer in [0, bound), bound > 0, without modulo bias: draws below
    // (2^64 − bound) mod bound are rejected and drawn again, then the draw mod bound.
    std::uint64_t below(std::uint64_t bound);

private:
    std::uint64_t state_[4];
};

// ============================================================================================
// Drawing the schedule
// ============================================================================================

// [start_ms, end_ms): a break, or a span of working time.
struct TimeSpan {
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
};

// One working day: its window and the breaks taken out of it (any order, inside the window, not
// overlapping; a break may touch the window's ends or another break).
struct WorkingDay {
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
    std::vector<TimeSpan> breaks;
};

struct ScheduleRequest {
    std::vector<WorkingDay> days;     // in time order, not overlapping
    std::int64_t min_gap_ms = 0;      // >= 1
    std::int64_t max_gap_ms = 0;      // >= min_gap_ms, <= kMaxTimeMs
    std::int64_t mean_gap_ms = 0;     // in [min_gap_ms, max_gap_ms]: sets the number of rounds
    std::uint64_t seed = 0;           // record it with the schedule
};

// When to look: at_ms from the start of the study, on `day` (index into the request's days), in
// that day's `hour` (0 = the window's first hour).
struct Round {
    std::int64_t at_ms = 0;
    std::size_t day = 0;
    std::size_t hour = 0;
};

struct Schedule {
    std::uint64_t seed = 0;
    std::vector<Round> rounds;  // in time order
};

// Bad input named by its place: where = "days[1].breaks[0]", "min_gap_ms"; what in words.
struct ScheduleProblem {
    std::string where;
    std::string what;
    std::string message() const;  // "days[1].breaks[0]: ends at 3600000 ms, not after its start 3600000 ms"
};

// Either the schedule or the first problem found; never both.
struct ScheduleResult {
    std::optional<Schedule> schedule;
    std::optional<ScheduleProblem> problem;
    bool ok() const { return schedule.has_value(); }
};

// The most rounds one schedule may hold (a round a minute for two years).
inline constexpr std::int64_t kMaxScheduledRounds = 1'000'000;

// How the rounds are drawn, day by day, in integer milliseconds (no floating point, so every
// platform computes the same schedule):
//  1. Working time. A day's working time W is its window minus its breaks. Gaps are measured in
//     working time: a break between two rounds does not count towards their gap (so a lunch break
//     longer than the maximum gap still fits).
//  2. Rounds per day: N = max(1, ⌊(W + mean/2) ÷ mean⌋), i.e. W ÷ mean gap rounded half up.
//  3. Hours: hour h of a day is [start + h·1 h, start + (h+1)·1 h) clipped to the window (the last
//     hour may be shorter), and its working time w_h excludes the breaks. Its share of the day's
//     rounds is N·w_h ÷ W. Each hour gets ⌊share⌋ rounds, and the rounds left over go one each to
//     the hours with the largest remainders N·w_h mod W (the earlier hour on a tie): Hamilton's
//     largest-remainder method, so each hour's count is within 1 of its share (|count − share| < 1)
//     and an hour that is all break gets none.
//  4. Times. The rounds of the day, in order, each bound to its hour, must keep gaps in
//     [min_gap, max_gap] with the round before it on the same day (no gap rule across days, nor
//     from the window's start to the first round). A backward pass gives each round the range of
//     working-time positions from which the rest of the day can still be completed; then each round
//     is drawn uniformly (SamplingRandom::below) from its range intersected with [previous + min,
//     previous + max]. Days are drawn in order from one generator.
// Problems: min gap below 1 ms; max gap above kMaxTimeMs (core/model/session.hpp) or below min
// gap; mean gap outside [min, max]; no day; a day's start negative or beyond kMaxTimeMs, its end
// not after its start or beyond kMaxTimeMs; a day that starts before the day before it ends; a
// break that ends not after its start, lies outside its day, or overlaps another break; a day with
// no working time left; more than kMaxScheduledRounds rounds; a day whose rounds cannot keep their
// gaps and hours (widen the gaps or change the mean).
ScheduleResult draw_schedule(const ScheduleRequest& request);

// The working time (window minus breaks) of `day` from its start up to at_ms (clamped to the
// window): how the schedule measures gaps. The gap between two rounds of the day is the difference
// of their working_time_before.
std::int64_t working_time_before(const WorkingDay& day, std::int64_t at_ms);

// ============================================================================================
// The rounds at a moment
// ============================================================================================

// When a round stops being on time, and when it is given up. Both in [0, kMaxTimeMs].
struct RoundTiming {
    std::int64_t late_after_ms = 60'000;   // taken more than this after its time: late
    std::int64_t grace_ms = 15 * 60'000;   // not taken more than this after its time: skipped
};

enum class RoundStatus {
    pending,     // not yet due: now < at
    due,         // not taken, now − at <= late_after
    late,        // not taken, late_after < now − at <= grace
    skipped,     // not taken, now − at > grace
    taken,       // taken no more than late_after after its time (or before it)
    taken_late,  // taken more than late_after after its time (even after the grace)
};

struct RoundState {
    RoundStatus status = RoundStatus::pending;
    // due, late: now − at; taken_late: taken − at; otherwise 0.
    std::int64_t late_by_ms = 0;
};

struct ScheduleStatus {
    std::vector<RoundState> rounds;              // one per scheduled round, same order
    std::optional<std::size_t> current_round;    // the earliest due or late round: the one to take now
    std::optional<std::size_t> next_round;       // the first pending round
    std::optional<std::int64_t> next_round_ms;   // its time
    // The earliest moment after now at which some status changes by the clock alone (a pending
    // round falls due, a due one turns late, a late one is skipped): sleep in a timed wait until
    // then. Empty when no status can change without a round being taken.
    std::optional<std::int64_t> wake_at_ms;
};

// The state of every round at now_ms. taken_at_ms has one entry per round: when it was taken, or
// empty. Times as a schedule and a session file hold them (0 to kMaxTimeMs). Pure; call again after
// each tap and at each wake_at_ms. Throws std::invalid_argument when the sizes differ or a timing is
// outside [0, kMaxTimeMs].
ScheduleStatus round_status(std::span<const Round> rounds, std::span<const std::optional<std::int64_t>> taken_at_ms,
                            std::int64_t now_ms, RoundTiming timing = {});

}  // namespace gemba::sampling
