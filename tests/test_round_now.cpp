// A work sampling session's rounds at a moment, from its log (core/sampling/round_now.hpp): a round
// is taken at its first observation, a skipped round is done, and the round taps go to is the latest
// whose time has come. Times by hand for a schedule made by hand.
#include <doctest/doctest.h>

#include "core/log/recorder.hpp"
#include "core/sampling/round_now.hpp"

using namespace gemba;
using sampling::RoundStatus;

namespace {

// One subject, two categories; rounds at 1 s, 5 s and 9 s; late after 0.5 s, missed after 2 s.
Session small_study() {
    Session s;
    s.study = StudyKind::work_sampling;
    s.sampling.subjects = {{1, "Ana"}};
    s.sampling.categories = {SamplingCategory{1, "Work", {}, std::nullopt, "0", false},
                             SamplingCategory{2, "Idle", {}, std::nullopt, "1", false}};
    SamplingSchedule schedule;
    schedule.days = {SamplingDay{"2026-12-01", "00:00", "01:00"}};
    schedule.min_gap_ms = 1'000;
    schedule.max_gap_ms = 10'000;
    schedule.mean_gap_ms = 4'000;
    schedule.late_after_ms = 500;
    schedule.grace_ms = 2'000;
    schedule.rounds = {1'000, 5'000, 9'000};
    s.sampling.schedule = schedule;
    return s;
}

}  // namespace

TEST_CASE("round_at: the latest round whose time has come") {
    const Session s = small_study();
    CHECK(sampling::round_at(s.sampling, 999) == kNoRound);
    CHECK(sampling::round_at(s.sampling, 1'000) == 1);
    CHECK(sampling::round_at(s.sampling, 4'999) == 1);
    CHECK(sampling::round_at(s.sampling, 5'000) == 2);
    CHECK(sampling::round_at(s.sampling, 1'000'000) == 3);
    CHECK(sampling::round_at(Session{}.sampling, 5'000) == kNoRound);  // no schedule
}

TEST_CASE("session_round_status: taken at the first observation, a skip is done, the rest by the clock") {
    Session s = small_study();
    ManualClock clock(0);
    Recorder r(s, clock);  // no sampling clock: its own clock is the time since the origin
    CHECK(sampling::session_round_status(s.sampling, r.state(), 0).wake_at_ms == 1'000);

    clock.set(1'200);  // round 1, 0.2 s after its time: on time
    REQUIRE(r.observe(1, 2).recorded);
    clock.set(5'800);  // round 2 skipped 0.8 s after its time
    REQUIRE(r.skip_round("fire drill").recorded);

    const sampling::ScheduleStatus at_6 = sampling::session_round_status(s.sampling, r.state(), 6'000);
    REQUIRE(at_6.rounds.size() == 3);
    CHECK(at_6.rounds[0].status == RoundStatus::taken);
    CHECK(at_6.rounds[1].status == RoundStatus::taken_late);  // done, at the skip's time: 0.8 s after
    CHECK(at_6.rounds[1].late_by_ms == 800);
    CHECK(at_6.rounds[2].status == RoundStatus::pending);
    CHECK_FALSE(at_6.current_round.has_value());  // nothing to take now
    CHECK(at_6.wake_at_ms == 9'000);

    // Round 3 not taken: due until 9.5 s, late until 11 s, then missed.
    const sampling::ScheduleStatus at_9_6 = sampling::session_round_status(s.sampling, r.state(), 9'600);
    CHECK(at_9_6.rounds[2].status == RoundStatus::late);
    CHECK(at_9_6.rounds[2].late_by_ms == 600);
    CHECK(at_9_6.current_round == 2u);
    CHECK(at_9_6.wake_at_ms == 11'001);
    CHECK(sampling::session_round_status(s.sampling, r.state(), 11'001).rounds[2].status == RoundStatus::skipped);

    // An undone observation does not take its round.
    clock.set(9'100);
    REQUIRE(r.observe(1, 1).recorded);
    CHECK(sampling::session_round_status(s.sampling, r.state(), 9'200).rounds[2].status == RoundStatus::taken);
    REQUIRE(r.undo().recorded);
    CHECK(sampling::session_round_status(s.sampling, r.state(), 9'200).rounds[2].status == RoundStatus::due);
}
