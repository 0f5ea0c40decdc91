#include "core/sampling/schedule.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/model/session.hpp"

namespace gemba::sampling {

// ============================================================================================
// The generator
// ============================================================================================

namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotate_left(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

SamplingRandom::SamplingRandom(std::uint64_t seed) {
    for (std::uint64_t& word : state_) word = splitmix64(seed);
}

std::uint64_t SamplingRandom::next() {
    const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotate_left(state_[3], 45);
    return result;
}

std::uint64_t SamplingRandom::below(std::uint64_t bound) {
    if (bound == 0) throw std::invalid_argument("SamplingRandom::below needs a bound above 0");
    const std::uint64_t threshold = (0 - bound) % bound;  // (2^64 − bound) mod bound
    for (;;) {
        const std::uint64_t draw = next();
        if (draw >= threshold) return draw % bound;
    }
}

// ============================================================================================
// Drawing the schedule
// ============================================================================================

namespace {

constexpr std::int64_t kHourMs = 3'600'000;

std::string ms_text(std::int64_t ms) { return std::to_string(ms) + " ms"; }

ScheduleResult problem(std::string where, std::string what) {
    ScheduleResult result;
    result.problem = ScheduleProblem{std::move(where), std::move(what)};
    return result;
}

std::string day_place(std::size_t day) { return "days[" + std::to_string(day) + "]"; }

// The day's working spans (window minus breaks), in time order. The breaks are valid.
std::vector<TimeSpan> working_spans(const WorkingDay& day) {
    std::vector<TimeSpan> breaks = day.breaks;
    std::sort(breaks.begin(), breaks.end(), [](const TimeSpan& a, const TimeSpan& b) { return a.start_ms < b.start_ms; });
    std::vector<TimeSpan> spans;
    std::int64_t from = day.start_ms;
    for (const TimeSpan& pause : breaks) {
        if (pause.start_ms > from) spans.push_back({from, pause.start_ms});
        from = std::max(from, pause.end_ms);
    }
    if (day.end_ms > from) spans.push_back({from, day.end_ms});
    return spans;
}

std::int64_t working_before(const std::vector<TimeSpan>& spans, std::int64_t at_ms) {
    std::int64_t total = 0;
    for (const TimeSpan& span : spans) total += std::clamp(at_ms, span.start_ms, span.end_ms) - span.start_ms;
    return total;
}

// The clock time of working-time position u (0 <= u < total working time).
std::int64_t clock_time_of(const std::vector<TimeSpan>& spans, std::int64_t u) {
    for (const TimeSpan& span : spans) {
        const std::int64_t length = span.end_ms - span.start_ms;
        if (u < length) return span.start_ms + u;
        u -= length;
    }
    throw std::logic_error("working-time position beyond the day");
}

std::optional<ScheduleProblem> check_request(const ScheduleRequest& request) {
    auto found = [](std::string where, std::string what) { return ScheduleProblem{std::move(where), std::move(what)}; };
    if (request.min_gap_ms < 1) return found("min_gap_ms", "must be at least 1 ms, found " + ms_text(request.min_gap_ms));
    if (request.max_gap_ms > kMaxTimeMs)
        return found("max_gap_ms", "must be at most " + ms_text(kMaxTimeMs) + ", found " + ms_text(request.max_gap_ms));
    if (request.max_gap_ms < request.min_gap_ms)
        return found("max_gap_ms", "the maximum gap (" + ms_text(request.max_gap_ms) + ") is below the minimum gap (" +
                                       ms_text(request.min_gap_ms) + ")");
    if (request.mean_gap_ms < request.min_gap_ms || request.mean_gap_ms > request.max_gap_ms)
        return found("mean_gap_ms", "must lie between the minimum gap (" + ms_text(request.min_gap_ms) +
                                        ") and the maximum gap (" + ms_text(request.max_gap_ms) + "), found " +
                                        ms_text(request.mean_gap_ms));
    if (request.days.empty()) return found("days", "no working day to schedule rounds in");

    for (std::size_t d = 0; d < request.days.size(); ++d) {
        const WorkingDay& day = request.days[d];
        const std::string place = day_place(d);
        if (day.start_ms < 0 || day.start_ms > kMaxTimeMs)
            return found(place + ".start_ms", "must be between 0 and " + ms_text(kMaxTimeMs) + ", found " + ms_text(day.start_ms));
        if (day.end_ms > kMaxTimeMs)
            return found(place + ".end_ms", "must be at most " + ms_text(kMaxTimeMs) + ", found " + ms_text(day.end_ms));
        if (day.end_ms <= day.start_ms)
            return found(place, "the window ends at " + ms_text(day.end_ms) + ", not after its start at " + ms_text(day.start_ms));
        if (d > 0 && day.start_ms < request.days[d - 1].end_ms)
            return found(place, "starts at " + ms_text(day.start_ms) + ", before " + day_place(d - 1) + " ends at " +
                                    ms_text(request.days[d - 1].end_ms));
        for (std::size_t b = 0; b < day.breaks.size(); ++b) {
            const TimeSpan& pause = day.breaks[b];
            const std::string break_place = place + ".breaks[" + std::to_string(b) + "]";
            if (pause.end_ms <= pause.start_ms)
                return found(break_place, "ends at " + ms_text(pause.end_ms) + ", not after its start at " + ms_text(pause.start_ms));
            if (pause.start_ms < day.start_ms || pause.end_ms > day.end_ms)
                return found(break_place, "from " + ms_text(pause.start_ms) + " to " + ms_text(pause.end_ms) +
                                              " lies outside its day, from " + ms_text(day.start_ms) + " to " + ms_text(day.end_ms));
            for (std::size_t other = 0; other < b; ++other) {
                const TimeSpan& earlier = day.breaks[other];
                if (pause.start_ms < earlier.end_ms && earlier.start_ms < pause.end_ms)
                    return found(break_place, "overlaps " + place + ".breaks[" + std::to_string(other) + "]");
            }
        }
        if (working_spans(day).empty()) return found(place, "no working time is left between the breaks");
    }
    return std::nullopt;
}

// Rounds per hour of the day (step 3 of draw_schedule): largest remainder.
std::vector<std::int64_t> rounds_per_hour(const std::vector<std::int64_t>& hour_working_ms, std::int64_t working_ms,
                                          std::int64_t rounds) {
    std::vector<std::int64_t> counts(hour_working_ms.size());
    std::vector<std::int64_t> remainders(hour_working_ms.size());
    std::int64_t left = rounds;
    for (std::size_t h = 0; h < counts.size(); ++h) {
        counts[h] = rounds * hour_working_ms[h] / working_ms;
        remainders[h] = rounds * hour_working_ms[h] % working_ms;
        left -= counts[h];
    }
    std::vector<std::size_t> order(counts.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    for (std::size_t i = 0; left > 0; ++i, --left) ++counts[order[i]];
    return counts;
}

}  // namespace

std::string ScheduleProblem::message() const { return where + ": " + what; }

std::int64_t working_time_before(const WorkingDay& day, std::int64_t at_ms) {
    return working_before(working_spans(day), at_ms);
}

ScheduleResult draw_schedule(const ScheduleRequest& request) {
    if (auto found = check_request(request)) {
        ScheduleResult result;
        result.problem = std::move(*found);
        return result;
    }
    const std::int64_t min_gap = request.min_gap_ms;
    const std::int64_t max_gap = request.max_gap_ms;
    const std::int64_t mean_gap = request.mean_gap_ms;

    // Each day's rounds per hour first, so a schedule too large is refused before any is drawn.
    std::vector<std::vector<TimeSpan>> spans_of_day;
    std::vector<std::vector<std::int64_t>> hour_bounds_of_day;  // working-time position of each hour's start, and the end
    std::vector<std::vector<std::int64_t>> counts_of_day;
    std::int64_t total_rounds = 0;
    for (const WorkingDay& day : request.days) {
        std::vector<TimeSpan> spans = working_spans(day);
        const std::int64_t working_ms = working_before(spans, day.end_ms);
        const std::int64_t rounds = std::max<std::int64_t>(1, (working_ms + mean_gap / 2) / mean_gap);
        total_rounds += rounds;
        if (total_rounds > kMaxScheduledRounds)
            return problem("mean_gap_ms", "the days would need more than " + std::to_string(kMaxScheduledRounds) +
                                              " rounds; make the mean gap longer");
        std::vector<std::int64_t> bounds;
        std::vector<std::int64_t> hour_working_ms;
        for (std::int64_t hour_start = day.start_ms; hour_start < day.end_ms; hour_start += kHourMs) {
            bounds.push_back(working_before(spans, hour_start));
            hour_working_ms.push_back(working_before(spans, std::min(day.end_ms, hour_start + kHourMs)) - bounds.back());
        }
        bounds.push_back(working_ms);
        counts_of_day.push_back(rounds_per_hour(hour_working_ms, working_ms, rounds));
        spans_of_day.push_back(std::move(spans));
        hour_bounds_of_day.push_back(std::move(bounds));
    }

    SamplingRandom random(request.seed);
    Schedule schedule;
    schedule.seed = request.seed;
    for (std::size_t d = 0; d < request.days.size(); ++d) {
        // Each round's hour, and the working-time range [low, high] that hour allows.
        std::vector<std::size_t> hour_of_round;
        std::vector<std::int64_t> low, high;
        const std::vector<std::int64_t>& bounds = hour_bounds_of_day[d];
        for (std::size_t h = 0; h < counts_of_day[d].size(); ++h)
            for (std::int64_t i = 0; i < counts_of_day[d][h]; ++i) {
                hour_of_round.push_back(h);
                low.push_back(bounds[h]);
                high.push_back(bounds[h + 1] - 1);
            }
        // Backward pass: narrow each range to the positions from which the later rounds still fit.
        for (std::size_t k = low.size() - 1; k-- > 0;) {
            high[k] = std::min(high[k], high[k + 1] - min_gap);
            low[k] = std::max(low[k], low[k + 1] - max_gap);
        }
        for (std::size_t k = 0; k < low.size(); ++k)
            if (low[k] > high[k])
                return problem(day_place(d), "no schedule fits " + std::to_string(low.size()) + " rounds with gaps from " +
                                                 ms_text(min_gap) + " to " + ms_text(max_gap) +
                                                 " and each hour's share of them; widen the gaps or change the mean gap");
        // Forward: draw each round within its range and the gap rule from the round before it.
        std::int64_t previous = 0;
        for (std::size_t k = 0; k < low.size(); ++k) {
            const std::int64_t from = k == 0 ? low[k] : std::max(low[k], previous + min_gap);
            const std::int64_t to = k == 0 ? high[k] : std::min(high[k], previous + max_gap);
            previous = from + static_cast<std::int64_t>(random.below(static_cast<std::uint64_t>(to - from + 1)));
            schedule.rounds.push_back({clock_time_of(spans_of_day[d], previous), d, hour_of_round[k]});
        }
    }
    ScheduleResult result;
    result.schedule = std::move(schedule);
    return result;
}

// ============================================================================================
// The rounds at a moment
// ============================================================================================

ScheduleStatus round_status(std::span<const Round> rounds, std::span<const std::optional<std::int64_t>> taken_at_ms,
                            std::int64_t now_ms, RoundTiming timing) {
    if (rounds.size() != taken_at_ms.size()) throw std::invalid_argument("round_status needs one taken time (or none) per round");
    if (timing.late_after_ms < 0 || timing.grace_ms < 0 || timing.late_after_ms > kMaxTimeMs || timing.grace_ms > kMaxTimeMs)
        throw std::invalid_argument("round timings must be between 0 and kMaxTimeMs");

    ScheduleStatus status;
    status.rounds.reserve(rounds.size());
    // Round times come from files: keep at + timing and now − at from overflowing near the int64 ends.
    auto plus = [](std::int64_t at, std::int64_t span) {
        return at > std::numeric_limits<std::int64_t>::max() - span ? std::numeric_limits<std::int64_t>::max() : at + span;
    };
    auto wake_at = [&](std::int64_t moment) {
        if (moment > now_ms && (!status.wake_at_ms || moment < *status.wake_at_ms)) status.wake_at_ms = moment;
    };
    for (std::size_t i = 0; i < rounds.size(); ++i) {
        const std::int64_t at = rounds[i].at_ms;
        RoundState state;
        if (taken_at_ms[i]) {
            if (*taken_at_ms[i] > plus(at, timing.late_after_ms)) state = {RoundStatus::taken_late, *taken_at_ms[i] - at};
            else state = {RoundStatus::taken, 0};
        } else if (now_ms < at) {
            state = {RoundStatus::pending, 0};
            if (!status.next_round || at < rounds[*status.next_round].at_ms) status.next_round = i;
            wake_at(at);
        } else {
            if (now_ms > plus(at, timing.grace_ms)) {
                state = {RoundStatus::skipped, 0};
            } else {
                const std::int64_t overdue = now_ms - at;  // <= grace: no overflow
                state = {overdue > timing.late_after_ms ? RoundStatus::late : RoundStatus::due, overdue};
                if (!status.current_round || at < rounds[*status.current_round].at_ms) status.current_round = i;
                wake_at(plus(at, timing.late_after_ms + 1));
                wake_at(plus(at, timing.grace_ms + 1));
            }
        }
        status.rounds.push_back(state);
    }
    if (status.next_round) status.next_round_ms = rounds[*status.next_round].at_ms;
    return status;
}

}  // namespace gemba::sampling
