// A work sampling session (format version 5) in the app: it opens, and every screen renders it
// (with no steps to time) without a window and without touching its file; before its first round
// the Rounds tab counts down to it and neither the walk keys nor a category key record anything.
#include <doctest/doctest.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "gui_support.hpp"
#include "core/file/session_file.hpp"
#include "tests/support.hpp"

using namespace gemba;
using namespace gemba::gui;

TEST_CASE("a work sampling session opens and every screen renders it") {
    gemba::test::TempFolder folder;
    const std::filesystem::path file = folder / "ward.json";
    const std::string original = gemba::test::read_all(std::filesystem::path(GEMBA_SOURCE_DIR) /
                                                       "data/examples/hospital-ward-sampling.json");
    gemba::test::write_all(file, original);
    gemba::test::HeadlessImGui imgui;
    // 2026-11-23T00:00+01:00, the schedule's origin: 20,779 days after 1970-01-01, at 23:00 UTC.
    ManualClock wall(20'779LL * 86'400'000LL + 23LL * 3'600'000LL);
    AppState app;
    app.wall_clock = AppWallClock(wall);
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    REQUIRE(open_session(app, file));
    REQUIRE(app.doc.session().study == StudyKind::work_sampling);
    for (Screen screen : {Screen::start, Screen::setup, Screen::walk, Screen::review, Screen::summary, Screen::map,
                          Screen::improve}) {
        CAPTURE(static_cast<int>(screen));
        app.screen = screen;
        imgui.frames(app, 3);
        CHECK(ImGui::GetDrawData() != nullptr);
        CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    }
    // The Map and Improve screens say what a sampling study has instead, not "add steps".
    app.screen = Screen::map;
    const std::string map_text = imgui.shown_text(app);
    CHECK(map_text.find("A work sampling study has no value stream to map") != std::string::npos);
    CHECK(map_text.find("No steps yet") == std::string::npos);
    app.screen = Screen::improve;
    CHECK(imgui.shown_text(app).find("a work sampling study's shares cannot be raised") != std::string::npos);
    // Space has no step to time, and 3 (Waiting) has no round yet to go to: nothing is recorded,
    // and the file is as it was.
    app.screen = Screen::walk;
    // The Rounds tab counts down to the first round (27,611,807 ms after the origin: 07:40), not "add steps".
    const std::string shown = imgui.shown_text(app);
    CHECK(shown.find("Rounds") != std::string::npos);
    CHECK(shown.find("Next round, round 1 of 46, day 1, at") != std::string::npos);
    CHECK(shown.find("07:40") != std::string::npos);
    CHECK(shown.find("no steps yet") == std::string::npos);
    const std::size_t events = app.doc.session().events.size();
    gemba::test::press(app, GLFW_KEY_SPACE);
    gemba::test::press(app, GLFW_KEY_3);
    imgui.frames(app, 2);
    CHECK(app.doc.session().events.size() == events);
    CHECK(gemba::test::read_all(file) == original);
}
