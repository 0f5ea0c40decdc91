// The Summary and Review screens of a work sampling study, rendered with no window on the hospital
// ward example with its wall clock fixed after the study's last day. Expected numbers are counted
// from the example's JSON independently of the code under test:
//   python3 -c "import json,collections; d=json.load(open('data/examples/hospital-ward-sampling.json'));
//     u={e['target'] for e in d['events'] if e['kind']=='undo'};
//     print(collections.Counter(e['category'] for e in d['events'] if e['kind']=='observation' and e['id'] not in u))"
// gives 135 observations (event 11 is undone): Direct patient care (1) 45, Charting (11) 34,
// Medication preparation (12) 20, Motion (8) 13, Defects (2) 5, Waiting (4) 4, Extra processing (9) 3,
// Transportation (6) 2, Inventory (7) 1, Absent (10) 8: n = 135 − 8 = 127.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "app/gui/ui_sampling_summary.hpp"
#include "core/log/clock.hpp"
#include "gui_support.hpp"
#include "tests/support.hpp"

using namespace gemba;
using namespace gemba::gui;

namespace {

// 2026-11-25 12:00 at +01:00, the day after the study's last day (2026-11-24): nothing is open or
// to come, so the numbers do not move with the clock.
constexpr std::int64_t kAfterTheStudyMs = 1'795'604'400'000;

// The shown line that holds `what` (ImGui's log puts the items of one row on one line).
std::string line_with(const std::string& shown, const std::string& what) {
    std::istringstream lines(shown);
    for (std::string line; std::getline(lines, line);)
        if (line.find(what) != std::string::npos) return line;
    return {};
}

struct WardStudy {
    gemba::test::TempFolder folder;
    ManualClock wall{kAfterTheStudyMs};
    AppState app;

    WardStudy() {
        const std::filesystem::path file = folder / "ward.json";
        gemba::test::write_all(file, gemba::test::read_all(std::filesystem::path(GEMBA_SOURCE_DIR) /
                                                           "data/examples/hospital-ward-sampling.json"));
        app.paths.data_dir = folder / "data";
        app.paths.config_dir = folder / "config";
        app.wall_clock = AppWallClock(wall);
        REQUIRE(open_session(app, file));
        REQUIRE(app.doc.session().study == StudyKind::work_sampling);
    }
};

}  // namespace

TEST_CASE("sampling Summary: the live table, the target line, per subject, rounds, by hand") {
    WardStudy ward;
    gemba::test::HeadlessImGui imgui(ImVec2(1280, 3000));
    ward.app.screen = Screen::summary;
    const std::string shown = imgui.shown_text(ward.app);
    CAPTURE(shown);
    // Direct patient care 45 of 127: p̂ = 0.354331; e = 1.96·√(0.354331·0.645669/127) = 0.083189;
    // normal 27.1 % – 43.8 %; Wilson (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n) = 27.7 % – 44.1 %.
    // Required n = ⌈3.8416·0.354331·0.645669 / 0.05²⌉ = ⌈351.6⌉ = 352: 225 more, ⌈225 / 3⌉ = 75 rounds.
    CHECK(shown.find("Direct patient care: 35.4 % ± 8.3 points now; the target ±5 points needs 352 observations: "
                     "225 more (about 75 rounds of 3 subjects)") != std::string::npos);
    const std::string care = line_with(shown, "Direct patient care | 45 |");
    CHECK(care.find("35.4 %") != std::string::npos);
    CHECK(care.find("27.1 % – 43.8 %") != std::string::npos);
    CHECK(care.find("27.7 % – 44.1 %") != std::string::npos);
    // The other shares over n = 127: 34 → 26.8 %, 20 → 15.7 %, 13 → 10.2 %, 5 → 3.9 %, 4 → 3.1 %.
    CHECK(line_with(shown, "Charting | 34 |").find("26.8 %") != std::string::npos);
    CHECK(line_with(shown, "Medication preparation | 20 |").find("15.7 %") != std::string::npos);
    CHECK(line_with(shown, "Motion | 13 |").find("10.2 %") != std::string::npos);
    CHECK(line_with(shown, "Defects | 5 |").find("3.9 %") != std::string::npos);
    CHECK(line_with(shown, "Waiting | 4 |").find("3.1 %") != std::string::npos);
    // Absent: counted, no share, and why.
    CHECK(line_with(shown, "Absent / not observable | 8 |").find("not in n") != std::string::npos);
    CHECK(shown.find("n = 127 observations at 95 % confidence") != std::string::npos);
    CHECK(shown.find("Normal 95 %") != std::string::npos);
    CHECK(shown.find("Wilson 95 %") != std::string::npos);
    // Per subject (n, absent): Ana 45 − 5 = 40 (5), Ben 44 (1), Chloé 43 (2); Direct patient care 15, 13, 17.
    CHECK(line_with(shown, "n (absent)").find("40 (5)") != std::string::npos);
    CHECK(line_with(shown, "n (absent)").find("44 (1)") != std::string::npos);
    CHECK(line_with(shown, "n (absent)").find("43 (2)") != std::string::npos);
    // Rounds: 46 scheduled; 45 taken, of which rounds 2, 14, 33, 43, 46 (3 min) and 12, 19, 21, 23,
    // 29, 40 (1 min 35 s) late: 11; round 9 skipped; none missed, open or to come.
    CHECK(shown.find("Rounds: 46 scheduled, 45 taken (11 late") != std::string::npos);
    CHECK(shown.find("1 skipped with a reason, 0 missed, 0 open now, 0 to come") != std::string::npos);
    // No units produced in the example: no standard time, and why.
    CHECK(shown.find("Standard time from sampling: none — no units produced given") != std::string::npos);
    CHECK(shown.find("p-chart of Direct patient care per day") != std::string::npos);
}

TEST_CASE("sampling Summary: computed once per change or minute, not per frame") {
    WardStudy ward;
    gemba::test::HeadlessImGui imgui;
    ward.app.screen = Screen::summary;
    imgui.frames(ward.app, 5);
    const std::uint64_t made = ward.app.sampling_summary.computations;
    CHECK(made == 1);
    imgui.frames(ward.app, 20);
    CHECK(ward.app.sampling_summary.computations == made);
    // Within the same minute on the study's clock: still the same numbers.
    ward.wall.advance(10'000);
    imgui.frames(ward.app, 3);
    CHECK(ward.app.sampling_summary.computations == made);
    // The next minute: made again, once.
    ward.wall.advance(60'000);
    imgui.frames(ward.app, 3);
    CHECK(ward.app.sampling_summary.computations == made + 1);
    // A change to the log (undo): made again, once.
    gemba::test::press(ward.app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    imgui.frames(ward.app, 3);
    CHECK(ward.app.sampling_summary.computations == made + 2);
    CHECK(ward.app.sampling_summary.summary.observations == 126);
}

TEST_CASE("sampling Review: 46 rounds with their statuses, filters, and Ctrl+Z / Ctrl+Y") {
    WardStudy ward;
    // Tall enough that every round's row is drawn (the list clips rows out of view).
    gemba::test::HeadlessImGui imgui(ImVec2(1280, 6000));
    ward.app.screen = Screen::review;
    std::string shown = imgui.shown_text(ward.app);
    CAPTURE(shown);
    CHECK(shown.find("46 of 46 rounds") != std::string::npos);
    CHECK(shown.find("Time (+01:00)") != std::string::npos);
    // The schedule's rounds (ms from 2026-11-23 00:00 +01:00): round 1 at 07:40, round 2 at 07:54
    // taken 3 min late, round 9 at 09:53 skipped, round 46 on the second day at 14:55. A day's
    // date is on its first round's row: round 24 at 07:43 opens 2026-11-24.
    const std::string round1 = line_with(shown, "| 1 | 2026-11-23  07:40");
    CHECK(round1.find("taken | ■ Absent / not observable") != std::string::npos);
    CHECK(round1.find("Charting") != std::string::npos);
    CHECK(line_with(shown, "| 2 | 07:54").find("taken late by 3 min") != std::string::npos);
    // A skip's reason wraps in its cell: its start is on the round's line, all of it on the screen.
    CHECK(line_with(shown, "| 9 | 09:53").find("skipped: Cardiac") != std::string::npos);
    CHECK(shown.find("everyone at the bedside") != std::string::npos);
    CHECK(shown.find("| 24 | 2026-11-24  07:43") != std::string::npos);
    const std::string round46 = line_with(shown, "| 46 | 14:55");
    CHECK(round46.find("taken late by 3 min") != std::string::npos);
    CHECK(round46.find("Waiting") != std::string::npos);
    // Eleven rounds late (counted from the JSON: first tap more than 60 s after the round's time).
    std::size_t late = 0;
    for (std::size_t at = shown.find("taken late by"); at != std::string::npos; at = shown.find("taken late by", at + 1)) ++late;
    CHECK(late == 11);

    // Only Nurse Chloé, only Waiting: she was seen waiting in rounds 11 and 46 (from the JSON).
    ward.app.sampling_review = SamplingReviewFilter{3, 4};
    shown = imgui.shown_text(ward.app);
    CHECK(shown.find("2 of 46 rounds") != std::string::npos);

    // Ctrl+Z takes back the last observation (Chloé, Waiting, round 46); Ctrl+Y puts it back.
    ward.app.sampling_review = SamplingReviewFilter{};
    gemba::test::press(ward.app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    shown = imgui.shown_text(ward.app);
    CHECK(line_with(shown, "| 46 | 14:55").find("Waiting") == std::string::npos);
    gemba::test::press(ward.app, GLFW_KEY_Y, GLFW_MOD_CONTROL);
    shown = imgui.shown_text(ward.app);
    CHECK(line_with(shown, "| 46 | 14:55").find("Waiting") != std::string::npos);
}

TEST_CASE("sampling Review: the frame of the Undo button shows the log as undone") {
    WardStudy ward;
    gemba::test::HeadlessImGui imgui(ImVec2(1280, 6000));
    ward.app.screen = Screen::review;
    REQUIRE(line_with(imgui.shown_text(ward.app), "| 46 | 14:55").find("Waiting") != std::string::npos);
    const std::size_t before = ward.app.doc.state().observations().size();
    // The Undo button is the first control at the left under the top bar: probe down the left edge
    // with a click until one undoes (a click on a tab of the top bar is put back).
    ImGuiIO& io = ImGui::GetIO();
    std::string shown;
    for (float y = 2.0f; y < 400.0f && ward.app.doc.state().observations().size() == before; y += 4.0f) {
        ward.app.screen = Screen::review;
        io.MousePos = ImVec2(20.0f, y);
        io.MouseDown[0] = true;
        imgui.frames(ward.app, 1);
        io.MouseDown[0] = false;
        shown = imgui.shown_text(ward.app, 0);  // the frame in which the click is released
    }
    REQUIRE(ward.app.doc.state().observations().size() == before - 1);
    CAPTURE(shown);
    // Chloé's Waiting in round 46, the last observation, is gone in that very frame.
    const std::string round46 = line_with(shown, "| 46 | 14:55");
    CHECK(round46.find("taken late by 3 min") != std::string::npos);
    CHECK(round46.find("Waiting") == std::string::npos);
}

TEST_CASE("sampling Review: another study opened starts with no filter") {
    WardStudy ward;
    gemba::test::HeadlessImGui imgui(ImVec2(1280, 6000));
    ward.app.screen = Screen::review;
    ward.app.sampling_review = SamplingReviewFilter{3, 4};  // Chloé, Waiting
    CHECK(imgui.shown_text(ward.app).find("2 of 46 rounds") != std::string::npos);
    // Another file of the study (another observer's, say): its subject 3 was never chosen here.
    const std::filesystem::path other = ward.folder / "ward-2.json";
    std::filesystem::copy_file(ward.folder / "ward.json", other);
    REQUIRE(open_session(ward.app, other));
    ward.app.screen = Screen::review;
    CHECK(imgui.shown_text(ward.app).find("46 of 46 rounds") != std::string::npos);
}
