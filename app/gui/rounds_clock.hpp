// The clock of a work sampling study's round screen: what it shows at a moment (the round taps go
// to, its state, the countdown to the next), the next moment that changes by the clock alone (the
// main loop sleeps until then, never polls), and the announcement of a round that falls due (the
// window asks for attention and a banner blinks on every screen). No ImGui here: tests drive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/gui/app_state.hpp"
#include "core/sampling/schedule.hpp"

namespace gemba::gui {

// The banner blinks this long after a round falls due, changing every kBlinkMs; then it stays.
inline constexpr std::int64_t kFlashMs = 4000;
inline constexpr std::int64_t kBlinkMs = 500;

struct RoundsNow {
    std::int64_t now_ms = 0;                 // time since the schedule's origin
    std::int64_t round_count = 0;            // rounds in the schedule
    std::int64_t round = kNoRound;           // the round taps go to: the latest whose time has come
    std::int64_t round_ms = 0;               // its time
    sampling::RoundState state;              // its state (skipped: not taken within the grace, i.e. missed)
    bool skipped = false;                    // a round_skip says it was not taken
    std::size_t tallied = 0;                 // subjects with an observation in it
    bool complete = false;                   // every subject tallied, or skipped: between rounds now
    std::int64_t next_round = kNoRound;      // the first round after it, and its time
    std::int64_t next_round_ms = 0;
    std::int64_t taken = 0;                  // rounds with an observation
    std::int64_t skipped_count = 0;          // rounds skipped with a reason
    std::int64_t late_after_ms = 0, grace_ms = 0;
    bool banner = false;                     // the round is due or late (within its grace) and not complete
    bool flash_on = false;                   // the banner's blink is in its bright phase
    // The next moment anything shown changes by the clock alone: a round falls due, turns late or is
    // missed, the "late by" minutes or the countdown tick, the blink changes or ends. None: nothing
    // will until something is tapped.
    std::optional<std::int64_t> wake_at_ms;
};

// The rounds of `session` at now_ms (time since the schedule's origin); flash_from_ms: when the banner
// began to blink.
RoundsNow rounds_now(const Session& session, const LogState& state, std::int64_t now_ms,
                     std::optional<std::int64_t> flash_from_ms = std::nullopt);
// The same for the open session now (app.doc.sampling_now(); below 0 before the study's first day).
RoundsNow rounds_now(const AppState& app);

// "in 12 min" (the minutes begun) more than a minute ahead, "in 42 s" in the last minute.
std::string countdown_text(std::int64_t remaining_ms);
// The day of the study (1 for its first) a moment falls on, counted in the schedule's days, not the
// calendar's: a study on a Friday and the Monday after has days 1 and 2. 0 on none of its days.
std::int64_t study_day(const SamplingSchedule& schedule, std::int64_t ms_from_origin);
// A round's time of day at the schedule's offset, "10:42"; "day 2, 10:42" with a study_day above 0.
std::string time_of_day_text(std::int64_t ms_from_origin, std::int64_t study_day = 0);
// The round's state in words: "due now", "late by 3 min" (also once begun, until complete), "missed:
// not taken within 15 min — take it anyway (late) or skip it", "taken", "taken 4 min late", "skipped".
std::string round_state_text(const RoundsNow& now);

// Each frame (and on waking while the window is iconified): a round that fell due since the last
// call, not yet complete, is announced once: attention_requests counts it and the banner blinks.
void tick_rounds(AppState& app);
// Seconds until rounds_now(app).wake_at_ms (a little after, never before it); none: nothing to come,
// or the open session is not a work sampling study.
std::optional<double> rounds_wait_seconds(const AppState& app);

}  // namespace gemba::gui
