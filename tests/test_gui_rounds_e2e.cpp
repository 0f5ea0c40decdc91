// A work sampling study taken through its prompts in a real window: gemba under Xvfb with its wall
// clock started just before a hand-made schedule (GEMBA_CLOCK_START), driven with real keys from
// xdotool. The test waits for each prompt where a person sees it too (the window title names the
// round due: the app woke for it by itself, with no input), tallies, undoes a mis-tap, takes a round
// late on purpose, skips one with a reason and saves; the file is then loaded with core.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "core/file/session_file.hpp"
#include "core/log/log_state.hpp"
#include "tests/x_display.hpp"

namespace {

using namespace gemba;
using gemba::test::spawn;
using gemba::test::stop;
using gemba::test::Xvfb;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::int64_t kSec = 1'000;
constexpr std::int64_t kNine = 9 * 3'600 * kSec;  // 09:00 from the origin, 00:00 UTC
// 08:59:58 at the start; rounds at 09:00:08, 09:00:35 and 09:01:00 (ms from the origin).
constexpr std::int64_t kRounds[] = {kNine + 8 * kSec, kNine + 35 * kSec, kNine + 60 * kSec};
constexpr std::int64_t kLateAfterMs = 3 * kSec;

void key(const Xvfb& x, const std::string& keys) {
    CHECK(x.run("xdotool key --clearmodifiers " + keys) == 0);
    std::this_thread::sleep_for(250ms);
}

// Until the window's title holds `text` (xdotool matches it as a pattern), for at most `seconds`.
bool wait_for_title(const Xvfb& x, const std::string& text, int seconds) {
    return x.run("timeout " + std::to_string(seconds) + " xdotool search --sync --onlyvisible --name '" + text + "' >/dev/null") == 0;
}

void screenshot(const Xvfb& x, const std::string& name) {
    const fs::path folder = fs::path(GEMBA_BINARY_DIR) / "screenshots";
    fs::create_directories(folder);
    std::this_thread::sleep_for(400ms);
    CHECK(x.run("xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > " + (folder / (name + ".png")).string()) == 0);
}

Session hand_made_study() {
    Session plan;
    plan.title = "Rounds end to end";
    plan.study = StudyKind::work_sampling;
    plan.sampling.subjects = {{1, "Ana"}, {2, "Ben"}, {3, "Cleo"}};
    plan.sampling.categories = default_sampling_categories();  // 0 value-adding, 1-8 wastes, 9 absent
    SamplingSchedule schedule;
    schedule.utc_offset = "+00:00";
    schedule.days = {SamplingDay{"2026-12-01", "08:00", "10:00"}};
    schedule.min_gap_ms = 10 * kSec;
    schedule.max_gap_ms = 3'600 * kSec;
    schedule.mean_gap_ms = 600 * kSec;
    schedule.late_after_ms = kLateAfterMs;
    schedule.grace_ms = 20 * kSec;
    schedule.rounds.assign(std::begin(kRounds), std::end(kRounds));
    plan.sampling.schedule = schedule;
    return plan;
}

}  // namespace

TEST_CASE("a sampling study through its prompts: tallies, an undone mis-tap, a late round and a skip land in the file") {
    const fs::path home = fs::temp_directory_path() / ("gemba-e2e-rounds-" + std::to_string(getpid()));
    fs::remove_all(home);
    fs::create_directories(home);
    const fs::path file = home / "rounds.json";
    REQUIRE(save_session(file, hand_made_study()).ok);

    Xvfb x;
    const pid_t app = spawn({GEMBA_GUI_PATH, file.string()},
                            {x.env(), "XDG_DATA_HOME=" + (home / "data").string(), "XDG_CONFIG_HOME=" + (home / "config").string(),
                             "GEMBA_CLOCK_START=2026-12-01T08:59:58Z"});
    REQUIRE(x.run("timeout 30 xdotool search --sync --onlyvisible --name Gemba >/dev/null") == 0);
    CHECK(x.run("xdotool search --onlyvisible --name Gemba windowfocus --sync") == 0);
    screenshot(x, "rounds-before");

    // Round 1: due (or late, on a slow start). Ana value-adding, Ben a mis-tap undone then Waiting,
    // Cleo absent.
    REQUIRE(wait_for_title(x, "Round 1 is", 60));
    screenshot(x, "rounds-due");
    key(x, "0");
    key(x, "1");
    key(x, "ctrl+z");
    key(x, "3");
    screenshot(x, "rounds-mid");
    key(x, "9");
    screenshot(x, "rounds-between");

    // Round 2 taken late on purpose: once the title says it is late.
    REQUIRE(wait_for_title(x, "Round 2 is late", 60));
    key(x, "0");
    key(x, "0");
    key(x, "7");

    // Round 3 skipped with a reason.
    REQUIRE(wait_for_title(x, "Round 3 is", 60));
    key(x, "Delete");
    CHECK(x.run("xdotool type --delay 60 'fire drill'") == 0);
    key(x, "Return");
    screenshot(x, "rounds-done");
    key(x, "ctrl+s");
    for (int i = 0; i < 100; ++i) {
        const LoadResult saved = load_session(file);
        if (saved.ok() && saved.session->events.size() >= 9) break;
        std::this_thread::sleep_for(100ms);
    }
    stop(app);

    const LoadResult saved = load_session(file);
    REQUIRE_MESSAGE(saved.ok(), (saved.problem ? saved.problem->message() : ""));
    std::optional<LogError> error;
    const LogState state = LogState::replay(*saved.session, &error);
    REQUIRE_FALSE(error);
    const std::vector<Observation>& o = state.observations();
    REQUIRE(o.size() == 6);
    struct Expected {
        std::int64_t round;
        SubjectId subject;
        CategoryId category;  // default_sampling_categories: key 0 is id 1, key k the waste k (id k + 1), 9 absent (10)
    };
    const Expected expected[] = {{1, 1, 1}, {1, 2, 4}, {1, 3, 10}, {2, 1, 1}, {2, 2, 1}, {2, 3, 8}};
    for (std::size_t i = 0; i < o.size(); ++i) {
        CAPTURE(i);
        CHECK(o[i].round == expected[i].round);
        CHECK(o[i].subject == expected[i].subject);
        CHECK(o[i].category == expected[i].category);
        CHECK(o[i].t_ms >= kRounds[o[i].round - 1]);  // never before its round's time
    }
    // The mis-tap: Ben's Defects in round 1, undone.
    const std::vector<Event>& events = saved.session->events;
    REQUIRE(events.size() >= 3);
    CHECK(events[1].kind == EventKind::observation);
    CHECK(events[1].category() == 2);
    CHECK(events[2].kind == EventKind::undo);
    CHECK(events[2].target == events[1].id);
    // Round 2 is late: each tap more than late_after after the round's time.
    for (const Observation& observation : o)
        if (observation.round == 2) CHECK(observation.t_ms - kRounds[1] > kLateAfterMs);
    REQUIRE(state.skipped_rounds().size() == 1);
    CHECK(state.skipped_rounds()[0].round == 3);
    CHECK(state.skipped_rounds()[0].reason == "fire drill");
    fs::remove_all(home);
}
