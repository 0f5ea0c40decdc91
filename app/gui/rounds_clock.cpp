#include "app/gui/rounds_clock.hpp"

#include <algorithm>
#include <cstdio>

#include "core/sampling/round_now.hpp"

namespace gemba::gui {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kSecondMs = 1'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

std::string minutes_text(std::int64_t ms) { return std::to_string(ms / kMinuteMs) + " min"; }

}  // namespace

RoundsNow rounds_now(const Session& session, const LogState& state, std::int64_t now_ms,
                     std::optional<std::int64_t> flash_from_ms) {
    RoundsNow out;
    out.now_ms = now_ms;
    if (session.study != StudyKind::work_sampling || !session.sampling.schedule) return out;
    const SamplingStudy& study = session.sampling;
    const std::vector<std::int64_t>& rounds = study.schedule->rounds;
    out.round_count = static_cast<std::int64_t>(rounds.size());
    out.late_after_ms = study.schedule->late_after_ms;
    out.grace_ms = study.schedule->grace_ms;
    const sampling::ScheduleStatus status = sampling::session_round_status(study, state, now_ms);
    for (std::size_t k = 0; k < status.rounds.size(); ++k) {
        const sampling::RoundStatus s = status.rounds[k].status;
        if (state.round_skipped(static_cast<std::int64_t>(k) + 1)) ++out.skipped_count;
        else if (s == sampling::RoundStatus::taken || s == sampling::RoundStatus::taken_late) ++out.taken;
    }

    std::optional<std::int64_t> wake = status.wake_at_ms;
    const auto earliest = [&](std::int64_t at) {
        if (at > now_ms && (!wake || at < *wake)) wake = at;
    };
    out.round = sampling::round_at(study, now_ms);
    if (out.round != kNoRound) {
        const std::size_t index = static_cast<std::size_t>(out.round - 1);
        out.round_ms = rounds[index];
        out.state = status.rounds[index];
        out.skipped = state.round_skipped(out.round);
        for (const SamplingSubject& subject : study.subjects)
            if (state.observed(out.round, subject.id)) ++out.tallied;
        out.complete = out.skipped || (!study.subjects.empty() && out.tallied == study.subjects.size());
        const std::int64_t since = now_ms - out.round_ms;
        if (!out.complete && since <= out.grace_ms) {
            out.banner = true;
            earliest(out.round_ms + out.grace_ms + 1);  // missed then: the banner goes
        }
        // Until complete a round reads "due now", then "late by" whole minutes (round_state_text).
        if (out.banner || out.state.status == sampling::RoundStatus::late) {
            if (since <= out.late_after_ms) earliest(out.round_ms + out.late_after_ms + 1);
            else earliest(out.round_ms + kMinuteMs * (since / kMinuteMs + 1));
        }
    }
    if (out.round < out.round_count) {
        out.next_round = out.round + 1;
        out.next_round_ms = rounds[static_cast<std::size_t>(out.round)];
    }
    // Between rounds the countdown ticks: a minute at a time, then, in the last minute, a second.
    if ((out.round == kNoRound || out.complete) && out.next_round != kNoRound) {
        const std::int64_t remaining = out.next_round_ms - now_ms;
        const std::int64_t unit = remaining > kMinuteMs ? kMinuteMs : kSecondMs;
        earliest(out.next_round_ms - unit * ((remaining + unit - 1) / unit - 1));
    }
    if (out.banner && flash_from_ms && now_ms >= *flash_from_ms && now_ms < *flash_from_ms + kFlashMs) {
        const std::int64_t phase = (now_ms - *flash_from_ms) / kBlinkMs;
        out.flash_on = phase % 2 == 0;
        earliest(*flash_from_ms + (phase + 1) * kBlinkMs);
    }
    out.wake_at_ms = wake;
    return out;
}

RoundsNow rounds_now(const AppState& app) {
    if (!app.doc.has_walk()) return {};
    const Session& session = app.doc.session();
    std::int64_t now = app.doc.sampling_now();
    // The study's clock stands at 0 until its first day begins: before then the countdown counts
    // from the wall clock, or it would say "in 10 min" for days on end.
    if (now == 0 && session.sampling.schedule)
        if (const std::optional<std::int64_t> origin = schedule_origin_ms(*session.sampling.schedule))
            now = std::min<std::int64_t>(app.wall_clock.now_ms() - *origin, 0);
    return rounds_now(session, app.doc.state(), now, app.rounds.flash_from_ms);
}

std::string countdown_text(std::int64_t remaining_ms) {
    if (remaining_ms > kMinuteMs) return "in " + std::to_string((remaining_ms + kMinuteMs - 1) / kMinuteMs) + " min";
    return "in " + std::to_string((std::max<std::int64_t>(remaining_ms, 0) + kSecondMs - 1) / kSecondMs) + " s";
}

std::int64_t study_day(const SamplingSchedule& schedule, std::int64_t ms_from_origin) {
    if (schedule.days.empty()) return 0;
    const std::optional<std::int64_t> first = days_since_epoch(schedule.days.front().date);
    if (!first) return 0;
    const std::int64_t date = *first + ms_from_origin / kDayMs;
    for (std::size_t i = 0; i < schedule.days.size(); ++i)
        if (days_since_epoch(schedule.days[i].date) == date) return static_cast<std::int64_t>(i) + 1;
    return 0;
}

std::string time_of_day_text(std::int64_t ms_from_origin, std::int64_t day) {
    const std::int64_t minutes = ms_from_origin % kDayMs / kMinuteMs;
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
    return day > 0 ? "day " + std::to_string(day) + ", " + text : std::string(text);
}

std::string round_state_text(const RoundsNow& now) {
    if (now.skipped) return "skipped";
    // Begun but not complete: due or late by the clock, as if not taken yet.
    if (now.banner) {
        const std::int64_t since = now.now_ms - now.round_ms;
        if (since <= now.late_after_ms) return "due now";
        return since < kMinuteMs ? "late by less than a minute" : "late by " + minutes_text(since);
    }
    const std::int64_t late = now.state.late_by_ms;
    switch (now.state.status) {
        case sampling::RoundStatus::pending: return "not due yet";
        case sampling::RoundStatus::due: return "due now";
        case sampling::RoundStatus::late: return late < kMinuteMs ? "late by less than a minute" : "late by " + minutes_text(late);
        case sampling::RoundStatus::skipped:
            return "missed: not taken within " + minutes_text(now.grace_ms) + " — take it anyway (late) or skip it";
        case sampling::RoundStatus::taken: return "taken";
        case sampling::RoundStatus::taken_late:
            return late < kMinuteMs ? "taken late" : "taken " + minutes_text(late) + " late";
    }
    return {};
}

void tick_rounds(AppState& app) {
    app.rounds.typing_reason = false;  // until the reason's field, drawn after this, says it has the keyboard
    if (!app.doc.has_walk() || app.doc.session().study != StudyKind::work_sampling) return;
    const RoundsNow now = rounds_now(app);
    if (now.round == kNoRound || now.round == app.rounds.alerted_round) return;
    // A new round: the keys start again at the first subject, and a reason typed for the last one
    // is not this one's.
    app.rounds.alerted_round = now.round;
    app.rounds.selected = kNoSubject;
    app.rounds.skipping = false;
    app.rounds.skip_reason.clear();
    if (!now.banner) return;  // already taken, or missed long ago: nothing to announce
    ++app.rounds.attention_requests;
    app.rounds.flash_from_ms = now.now_ms;
}

std::optional<double> rounds_wait_seconds(const AppState& app) {
    if (!app.doc.has_walk() || app.doc.session().study != StudyKind::work_sampling) return std::nullopt;
    const RoundsNow now = rounds_now(app);
    if (!now.wake_at_ms) return std::nullopt;
    // 5 ms after: a wait that ends a hair early would only wake to find nothing changed yet.
    return static_cast<double>(*now.wake_at_ms - now.now_ms + 5) / 1000.0;
}

}  // namespace gemba::gui
