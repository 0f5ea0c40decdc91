// A work sampling session's rounds at a moment, from its schedule and its log: what the round screen
// shows and when that changes by the clock alone (schedule.hpp's round_status fed by the log).
#pragma once

#include <cstdint>

#include "core/log/log_state.hpp"
#include "core/model/sampling.hpp"
#include "core/sampling/schedule.hpp"

namespace gemba::sampling {

// Every round's state at now_ms (time since the schedule's origin). A round is taken at its first
// observation, as the summary counts it; a round skipped with a round_skip is done too, at the
// skip's time. No rounds without a schedule.
ScheduleStatus session_round_status(const SamplingStudy& study, const LogState& state, std::int64_t now_ms);

// The round taps go to at now_ms: the latest round whose time has come (Recorder::current_round's
// rule); kNoRound before the first round's time or without a schedule.
std::int64_t round_at(const SamplingStudy& study, std::int64_t now_ms);

}  // namespace gemba::sampling
