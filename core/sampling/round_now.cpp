#include "core/sampling/round_now.hpp"

#include "core/model/session.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace gemba::sampling {

ScheduleStatus session_round_status(const SamplingStudy& study, const LogState& state, std::int64_t now_ms) {
    if (!study.schedule) return {};
    const SamplingSchedule& schedule = *study.schedule;
    std::vector<Round> rounds;
    rounds.reserve(schedule.rounds.size());
    for (const std::int64_t at : schedule.rounds) rounds.push_back(Round{at, 0, 0});
    std::vector<std::optional<std::int64_t>> taken_at(rounds.size());
    const auto mark = [&](std::int64_t round, std::int64_t t_ms) {
        if (round < 1 || static_cast<std::size_t>(round) > rounds.size()) return;
        std::optional<std::int64_t>& first = taken_at[static_cast<std::size_t>(round - 1)];
        if (!first || t_ms < *first) first = t_ms;
    };
    for (const Observation& o : state.observations()) mark(o.round, o.t_ms);
    for (const SkippedRound& s : state.skipped_rounds()) mark(s.round, s.t_ms);
    return round_status(rounds, taken_at, std::clamp<std::int64_t>(now_ms, 0, kMaxTimeMs),
                        RoundTiming{schedule.late_after_ms, schedule.grace_ms});
}

std::int64_t round_at(const SamplingStudy& study, std::int64_t now_ms) {
    if (!study.schedule) return kNoRound;
    const std::vector<std::int64_t>& rounds = study.schedule->rounds;
    return static_cast<std::int64_t>(std::upper_bound(rounds.begin(), rounds.end(), now_ms) - rounds.begin());
}

}  // namespace gemba::sampling
