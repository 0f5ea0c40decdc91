// The round screen of a work sampling study without a window: the category keys tally the chosen
// subject in the round whose time has come and move on, a second category is refused until undone,
// a round is skipped with its reason, a round that falls due is announced once, and the moments at
// which the screen changes by the clock alone, worked out by hand for a schedule made by hand.
#include <doctest/doctest.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/round_actions.hpp"
#include "app/gui/rounds_clock.hpp"
#include "app/gui/screens.hpp"
#include "gui_support.hpp"
#include "tests/support.hpp"

using namespace gemba;
using namespace gemba::gui;

namespace {

constexpr std::int64_t kMin = 60'000;

// Three subjects, the default categories (keys 0-9), one day from 00:00 at UTC: round k at k × 10 min.
Session sampling_plan(std::int64_t late_after_ms, std::int64_t grace_ms) {
    Session plan;
    plan.title = "Rounds by hand";
    plan.study = StudyKind::work_sampling;
    plan.sampling.subjects = {{1, "Ana"}, {2, "Ben"}, {3, "Cleo"}};
    plan.sampling.categories = default_sampling_categories();
    SamplingSchedule schedule;
    schedule.utc_offset = "+00:00";
    schedule.days = {SamplingDay{"2026-12-01", "00:00", "01:00"}};
    schedule.min_gap_ms = kMin;
    schedule.max_gap_ms = 30 * kMin;
    schedule.mean_gap_ms = 10 * kMin;
    schedule.late_after_ms = late_after_ms;
    schedule.grace_ms = grace_ms;
    schedule.rounds = {10 * kMin, 20 * kMin, 30 * kMin};
    plan.sampling.schedule = schedule;
    return plan;
}

// 2026-12-01T00:00:00Z in ms since the epoch: 20,788 days (1970-01-01 to 2026-12-01) × 86,400,000.
constexpr std::int64_t kOrigin = 20'788LL * 86'400'000LL;

struct RoundsApp {
    test::TempFolder folder;
    test::HeadlessImGui imgui;
    ManualClock wall{kOrigin};
    AppState app;

    explicit RoundsApp(std::int64_t late_after_ms = kMin, std::int64_t grace_ms = 5 * kMin) {
        app.wall_clock = AppWallClock(wall);
        test::open_walk(app, folder, sampling_plan(late_after_ms, grace_ms), TimingMode::lap);
        REQUIRE(app.doc.sampling_now() == 0);  // the origin computed by hand is the schedule's
    }
    void at(std::int64_t since_origin_ms) { wall.set(kOrigin + since_origin_ms); }
    CategoryId category_of_key(const std::string& key) const {
        return app.doc.session().sampling.category_with_key(key)->id;
    }
    void key(int glfw_key, int mods = 0) {
        test::press(app, glfw_key, mods);
        imgui.frames(app, 1);
    }
};

}  // namespace

TEST_CASE("category keys tally the chosen subject in the round due, move on, and a second category waits for an undo") {
    RoundsApp r;
    r.at(10 * kMin + 5'000);  // round 1 due five seconds ago
    r.imgui.frames(r.app, 2);
    const std::string due = r.imgui.shown_text(r.app);
    CHECK(due.find("Round 1 of 3 · 00:10 ·") != std::string::npos);
    CHECK(due.find("due now") != std::string::npos);
    CHECK(due.find("Round 1 is due now") != std::string::npos);  // the banner
    CHECK(selected_subject(r.app) == 1);

    r.key(GLFW_KEY_0);
    r.key(GLFW_KEY_3);
    const std::vector<Observation> first = r.app.doc.state().observations();
    REQUIRE(first.size() == 2);
    CHECK(first[0].round == 1);
    CHECK(first[0].subject == 1);
    CHECK(first[0].category == r.category_of_key("0"));
    CHECK(first[0].t_ms == 10 * kMin + 5'000);  // the wall time since the origin
    CHECK(first[1].subject == 2);
    CHECK(first[1].category == r.category_of_key("3"));
    CHECK(selected_subject(r.app) == 3);  // the next not yet tallied

    // Up: back to Ben, tallied already; another category is refused and says to undo first.
    r.key(GLFW_KEY_UP);
    CHECK(selected_subject(r.app) == 2);
    r.key(GLFW_KEY_5);
    CHECK(r.app.doc.state().observations().size() == 2);
    REQUIRE(r.app.message);
    CHECK(r.app.message->error);
    CHECK(r.app.message->text.find("undo first (Ctrl+Z)") != std::string::npos);
    const std::string refused = r.imgui.shown_text(r.app);
    CHECK(refused.find("Ben: Waiting") != std::string::npos);  // his tally, shown chosen

    // Ctrl+Z undoes Ben's and goes back to him (the first not tallied): his new category is taken,
    // and Cleo's is next.
    r.key(GLFW_KEY_TAB);  // away from him first
    CHECK(selected_subject(r.app) == 3);
    r.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
    CHECK(r.app.doc.state().observations().size() == 1);
    CHECK_FALSE(r.app.doc.state().observed(1, 2));
    CHECK(selected_subject(r.app) == 2);
    r.key(GLFW_KEY_5);
    CHECK(r.app.doc.state().observed(1, 2));
    CHECK(tallied_category(r.app.doc.state(), 1, 2) == r.category_of_key("5"));
    CHECK(selected_subject(r.app) == 3);
    // Tab moves on round the list, Shift+Tab back.
    r.key(GLFW_KEY_TAB);
    CHECK(selected_subject(r.app) == 1);
    r.key(GLFW_KEY_TAB, GLFW_MOD_SHIFT);
    CHECK(selected_subject(r.app) == 3);
    r.key(GLFW_KEY_9);
    CHECK(tallied_category(r.app.doc.state(), 1, 3) == r.category_of_key("9"));

    // The round is complete: between rounds, the next at 00:20, 9 min 55 s ahead: "in 10 min".
    const std::string between = r.imgui.shown_text(r.app);
    CHECK(between.find("Next round, round 2 of 3, at") != std::string::npos);
    CHECK(between.find("00:20") != std::string::npos);
    CHECK(between.find("in 10 min") != std::string::npos);
    CHECK(between.find("is due") == std::string::npos);  // no banner
    // The walk's keys do nothing here: Space and P are no category's keys and record nothing.
    const std::size_t events = r.app.doc.session().events.size();
    r.key(GLFW_KEY_SPACE);
    r.key(GLFW_KEY_P);
    CHECK(r.app.doc.session().events.size() == events);
}

TEST_CASE("a late round is skipped with its reason, and an empty reason is asked for") {
    RoundsApp r;
    r.at(20 * kMin + 2 * kMin + 1'000);  // round 2, 2 min 1 s after its time: late (after 1 min)
    const std::string late = r.imgui.shown_text(r.app);
    CHECK(late.find("Round 2 of 3 · 00:20 ·") != std::string::npos);
    CHECK(late.find("late by 2 min") != std::string::npos);
    r.app.rounds.skipping = true;  // the "Skip round…" button
    r.imgui.frames(r.app, 2);
    test::key_stroke(r.imgui, r.app, GLFW_KEY_ENTER);
    CHECK(r.app.doc.state().skipped_rounds().empty());
    REQUIRE(r.app.message);
    CHECK(r.app.message->text.find("Say why") != std::string::npos);
    r.imgui.frames(r.app, 2);  // the field takes the keyboard back
    test::type_text(r.imgui, r.app, "ward round 3");
    CHECK(r.app.doc.state().observations().empty());  // the typed digit 3 is text, not a tally
    test::key_stroke(r.imgui, r.app, GLFW_KEY_ENTER);
    REQUIRE(r.app.doc.state().skipped_rounds().size() == 1);
    CHECK(r.app.doc.state().skipped_rounds()[0].round == 2);
    CHECK(r.app.doc.state().skipped_rounds()[0].reason == "ward round 3");
    CHECK_FALSE(r.app.rounds.skipping);
    const std::string after = r.imgui.shown_text(r.app);
    CHECK(after.find("Round 2 of 3 · 00:20 ·") != std::string::npos);
    CHECK(after.find("skipped") != std::string::npos);
    CHECK(after.find("Taken 0, skipped 1 of 3") != std::string::npos);
    // Undo takes the skip back: the round is open again.
    r.key(GLFW_KEY_Z, GLFW_MOD_CONTROL);
    CHECK(r.app.doc.state().skipped_rounds().empty());
}

TEST_CASE("a round that falls due is announced once, on any screen") {
    RoundsApp r;
    r.at(5 * kMin);  // before the first round
    r.app.screen = Screen::summary;
    r.imgui.frames(r.app, 3);
    CHECK(r.app.rounds.attention_requests == 0);
    r.at(10 * kMin);  // round 1 falls due
    r.imgui.frames(r.app, 3);
    CHECK(r.app.rounds.attention_requests == 1);
    CHECK(r.app.rounds.flash_from_ms == 10 * kMin);
    CHECK(r.imgui.shown_text(r.app).find("Round 1 is due now — Rounds tab") != std::string::npos);
    r.at(10 * kMin + 30'000);
    r.imgui.frames(r.app, 3);
    CHECK(r.app.rounds.attention_requests == 1);
    r.at(20 * kMin + 1);  // round 2, round 1 never taken
    r.imgui.frames(r.app, 2);
    CHECK(r.app.rounds.attention_requests == 2);
}

TEST_CASE("a round missed before the study was opened is not announced, and says how to catch up") {
    RoundsApp late;  // opened after round 3's grace
    late.at(30 * kMin + 5 * kMin + 1);
    const std::string shown = late.imgui.shown_text(late.app);
    CHECK(late.app.rounds.attention_requests == 0);
    CHECK(shown.find("Round 3 of 3 · 00:30 ·") != std::string::npos);
    CHECK(shown.find("missed: not taken within 5 min — take it anyway (late) or skip it") != std::string::npos);
    CHECK(shown.find("Rounds tab") == std::string::npos);
}

TEST_CASE("the next moment the round screen changes by the clock alone, by hand") {
    // Rounds at 10, 20 and 30 min; late after 10 s, missed after 30 s.
    RoundsApp r(10'000, 30'000);
    const auto wake_at = [&](std::int64_t now, std::optional<std::int64_t> flash = std::nullopt) {
        r.at(now);
        return rounds_now(r.app.doc.session(), r.app.doc.state(), now, flash).wake_at_ms;
    };
    // Before round 1: the countdown's minutes tick: 10 min ahead, "in 10 min" until 9 min are left.
    CHECK(wake_at(0) == 1 * kMin);
    CHECK(countdown_text(10 * kMin) == "in 10 min");
    CHECK(wake_at(1 * kMin + 1) == 2 * kMin);       // 8 min 59.999 s left: "in 9 min" until 8 min are left
    CHECK(countdown_text(9 * kMin - 1) == "in 9 min");
    CHECK(wake_at(9 * kMin) == 9 * kMin + 1'000);    // the last minute: seconds, "in 60 s"
    CHECK(countdown_text(kMin) == "in 60 s");
    CHECK(wake_at(10 * kMin - 500) == 10 * kMin);    // "in 1 s", then the round falls due
    // Round 1 due at 10 min: late after 10 s (at 10 min + 10 s + 1 ms).
    CHECK(wake_at(10 * kMin) == 10 * kMin + 10'001);
    // Blinking: a change each 500 ms for 4 s from the moment it fell due.
    CHECK(wake_at(10 * kMin, 10 * kMin) == 10 * kMin + 500);
    CHECK(wake_at(10 * kMin + 700, 10 * kMin) == 10 * kMin + 1'000);
    CHECK(wake_at(10 * kMin + 3'999, 10 * kMin) == 10 * kMin + 4'000);
    CHECK(wake_at(10 * kMin + 4'000, 10 * kMin) == 10 * kMin + 10'001);
    // Late: missed after 30 s (at 10 min + 30 s + 1 ms), before its "late by" minute would tick.
    CHECK(wake_at(10 * kMin + 10'001) == 10 * kMin + 30'001);
    // Missed: nothing changes until round 2 falls due (no countdown while round 1 is open).
    CHECK(wake_at(10 * kMin + 30'001) == 20 * kMin);
    // Round 2 taken whole at 20 min + 5 s: between rounds, the countdown to round 3 (9 min 55 s:
    // "in 10 min" until 9 min are left, at 21 min).
    r.at(20 * kMin + 5'000);
    r.imgui.frames(r.app, 1);
    for (const int key : {GLFW_KEY_0, GLFW_KEY_1, GLFW_KEY_2}) r.key(key);
    CHECK(r.app.doc.state().observations().size() == 3);
    CHECK(wake_at(20 * kMin + 5'000) == 21 * kMin);
    // Round 3 skipped with a reason: all rounds done, nothing more to come.
    r.at(30 * kMin + 1'000);
    r.imgui.frames(r.app, 1);
    r.app.rounds.skip_reason = "fire drill";
    skip_current_round(r.app);
    REQUIRE(r.app.doc.state().round_skipped(3));
    CHECK_FALSE(wake_at(30 * kMin + 1'000).has_value());
    CHECK_FALSE(rounds_wait_seconds(r.app).has_value());
    CHECK(r.imgui.shown_text(r.app).find("All 3 rounds are done") != std::string::npos);
    // A late minute ticks when the grace is longer: late by 1 min at 1 min 0 s after the round.
    const Session slow = sampling_plan(10'000, 15 * kMin);
    const LogState nothing_yet = LogState::replay(slow);
    CHECK(rounds_now(slow, nothing_yet, 10 * kMin + 20'000).wake_at_ms == 11 * kMin);
    CHECK(round_state_text(rounds_now(slow, nothing_yet, 11 * kMin + 59'999)) == "late by 1 min");
}

TEST_CASE("keys typed right after Delete are the skip's reason, never a tally") {
    RoundsApp r;
    r.at(10 * kMin + 5'000);  // round 1 due
    r.imgui.frames(r.app, 2);
    // A quick hand: Delete, then "2 nurses away" before the reason's field has the keyboard.
    test::press(r.app, GLFW_KEY_DELETE);
    test::press(r.app, GLFW_KEY_2);
    r.imgui.frames(r.app, 1);
    test::press(r.app, GLFW_KEY_2);
    r.imgui.frames(r.app, 1);
    CHECK(r.app.rounds.skipping);
    CHECK(r.app.doc.state().observations().empty());
}

TEST_CASE("before the study's first day the countdown counts the days to come, not frozen at 00:00") {
    RoundsApp r;
    r.at(-2 * 24 * 60 * kMin);  // two days before the first day's 00:00
    const RoundsNow now = rounds_now(r.app);
    CHECK(now.round == kNoRound);
    CHECK(now.next_round == 1);
    CHECK(now.next_round_ms - now.now_ms == 2 * 24 * 60 * kMin + 10 * kMin);
    CHECK(r.imgui.shown_text(r.app).find("in 2890 min") != std::string::npos);
    // A minute later the countdown has moved on.
    r.at(-2 * 24 * 60 * kMin + kMin);
    CHECK(r.imgui.shown_text(r.app).find("in 2889 min") != std::string::npos);
    const std::optional<double> wait = rounds_wait_seconds(r.app);
    REQUIRE(wait);
    CHECK(*wait > 59.0);
    CHECK(*wait < 61.0);
}

TEST_CASE("a study on a Friday and the Monday after calls the Monday day 2, not day 4") {
    test::TempFolder folder;
    test::HeadlessImGui imgui;
    // 2026-12-04 (a Friday) 00:00 at UTC: 20,791 days since the epoch.
    constexpr std::int64_t kFriday = 20'791LL * 86'400'000LL;
    constexpr std::int64_t kDay = 24 * 60 * kMin;
    ManualClock wall{kFriday};
    AppState app;
    app.wall_clock = AppWallClock(wall);
    Session plan = sampling_plan(kMin, 5 * kMin);
    plan.sampling.schedule->days = {SamplingDay{"2026-12-04", "00:00", "01:00"}, SamplingDay{"2026-12-07", "00:00", "01:00"}};
    plan.sampling.schedule->rounds = {10 * kMin, 3 * kDay + 10 * kMin};
    test::open_walk(app, folder, plan, TimingMode::lap);
    wall.set(kFriday + 20 * kMin);  // round 1 missed: the next is on the Monday
    std::string shown = imgui.shown_text(app);
    CAPTURE(shown);
    CHECK(shown.find("Round 1 of 2 · day 1, 00:10 ·") != std::string::npos);
    CHECK(shown.find("Next round") == std::string::npos);  // round 1 is still open (missed), rows shown
    app.rounds.skip_reason = "closed";
    skip_current_round(app);
    shown = imgui.shown_text(app);
    CHECK(shown.find("Next round, round 2 of 2, day 2, at") != std::string::npos);
    wall.set(kFriday + 3 * kDay + 10 * kMin + 5'000);
    shown = imgui.shown_text(app);
    CHECK(shown.find("Round 2 of 2 · day 2, 00:10 ·") != std::string::npos);
}
