// A work sampling session (format version 5) in today's app, whose round screen is not built yet:
// it opens, and every screen renders it (with no steps to time) without a window and without
// touching its file; the walk keys record nothing.
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
    AppState app;
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
    // Space has no step to time, and a waste digit's tag has no place in a sampling study's log:
    // nothing is recorded, and the file is as it was.
    app.screen = Screen::walk;
    // The walk screen says what the study is and where its rounds are taken, not "add steps".
    const std::string shown = imgui.shown_text(app);
    CHECK(shown.find("This is a work sampling study") != std::string::npos);
    CHECK(shown.find("no steps yet") == std::string::npos);
    const std::size_t events = app.doc.session().events.size();
    gemba::test::press(app, GLFW_KEY_SPACE);
    gemba::test::press(app, GLFW_KEY_3);
    imgui.frames(app, 2);
    CHECK(app.doc.session().events.size() == events);
    CHECK(gemba::test::read_all(file) == original);
}
