// The Map screen rendered with no window: the map and the kanban board of a value stream walk show
// its steps, who touches them, the queues' counts, days and limits, and the ladder's totals, in
// words that ImGui's log reads. The walk is tests/golden/v2/value_stream.json: 920 pieces a day,
// 4,600 stamped parts (limit 4,600) before Welding, 2,690 finished goods before Shipping.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "core/file/session_file.hpp"
#include "gui_support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;

Session golden_walk() {
    LoadResult loaded = load_session(std::filesystem::path(GEMBA_SOURCE_DIR) / "tests/golden/v2/value_stream.json");
    REQUIRE(loaded.ok());
    return *loaded.session;
}

bool shows(const std::string& text, const std::string& what) {
    INFO("looking for: " << what);
    return text.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("the map shows the stream's boxes, queues, ladder and totals, and the board its columns") {
    for (const ImVec2 display : {ImVec2(800, 600), ImVec2(1280, 800)}) {
        CAPTURE(display.x);
        test::HeadlessImGui imgui(display);
        test::TempFolder folder;
        AppState app;
        test::open_walk(app, folder, golden_walk(), TimingMode::lap);
        app.screen = Screen::map;
        const std::string map = imgui.shown_text(app, 3);
        CAPTURE(map);
        for (const char* name : {"Customer", "920 / day", "Stamping", "Welding", "Shipping", "Press operator",
                                 "Welder, Team leader", "Stamped\nparts", "Finished\ngoods"})
            CHECK_MESSAGE(shows(map, name), name);
        // 4,600 ÷ 920 a day = 5 days; 2,690 ÷ 920 = 2.92 days → "2.9 days". Takt = 55,200 s ÷ 920 = 60 s = "1 min".
        CHECK(shows(map, "4600\n"));
        CHECK(shows(map, "5 days"));
        CHECK(shows(map, "2690\n"));
        CHECK(shows(map, "2.9 days"));
        CHECK(shows(map, "Takt 1 min"));
        // Stamping 3 s, 200 t press's data box: C/O 1 h, uptime 85 %, one person, two shifts, batch 500.
        for (const char* line : {"C/T 3 s", "C/O 1 h", "Up 85 %", "1 person", "2 shifts", "Batch 500"})
            CHECK_MESSAGE(shows(map, line), line);
        // Lead time = 5 + 2.92 days of waits + 3 + 3 + 2 s = 7.9 days; the longest wait is Welding's.
        CHECK(shows(map, "Lead time 7.9 days"));
        CHECK(shows(map, "Longest wait: before Welding"));
        CHECK_FALSE(shows(map, "OVER"));  // 4,600 is at its limit of 4,600, not over

        app.map_view.board = true;
        const std::string board = imgui.shown_text(app, 2);
        CAPTURE(board);
        // The columns in view: at 800 px the first three (the board scrolls sideways), at 1280 all five.
        for (const char* what : {"Stamping", "Stamped parts", "Welding", "4600 / 4600 — full", "Press operator", "Team leader", "not running"})
            CHECK_MESSAGE(shows(board, what), what);
        if (display.x >= 1280)
            for (const char* what : {"Finished goods", "2690", "Shipping"}) CHECK_MESSAGE(shows(board, what), what);
    }
}

TEST_CASE("a queue over its WIP limit is said to be over in words, on the map and the board") {
    test::HeadlessImGui imgui(ImVec2(1280, 800));
    test::TempFolder folder;
    AppState app;
    Session walk = golden_walk();
    walk.queues[1].wip_limit = 2000;  // 2,690 finished goods wait
    test::open_walk(app, folder, walk, TimingMode::lap);
    app.screen = Screen::map;
    const std::string map = imgui.shown_text(app, 3);
    CHECK(shows(map, "OVER"));
    CHECK(shows(map, "Over WIP limit: Finished goods"));
    app.map_view.board = true;
    const std::string board = imgui.shown_text(app, 2);
    CHECK(shows(board, "2690 / 2000 — over limit"));
    CHECK(shows(board, "Over its WIP limit"));
    CHECK_FALSE(shows(board, "running now"));
    // A step started on the walk runs now on the board (the walk's first step: Stamping).
    REQUIRE(app.doc.tap(TapKind::control, [](Recorder& r) { return r.next_step(); }, "").done);
    CHECK(shows(imgui.shown_text(app, 2), "● running now"));
}

TEST_CASE("a walk with no steps gets a way to Setup on the Map screen instead of a map") {
    test::HeadlessImGui imgui(ImVec2(800, 600));
    test::TempFolder folder;
    AppState app;
    test::open_walk(app, folder, Session{}, TimingMode::lap);
    app.screen = Screen::map;
    const std::string text = imgui.shown_text(app, 2);
    CHECK(shows(text, "No steps yet"));
    CHECK(shows(text, "Go to Setup"));
}

TEST_CASE("a 50-step stream opens at the readable zoom and scrolls, and Fit shows it whole") {
    test::HeadlessImGui imgui(ImVec2(1280, 800));
    test::TempFolder folder;
    AppState app;
    Session stream;
    for (StepId id = 1; id <= 50; ++id) {
        stream.steps.push_back(Step{id, "Station " + std::to_string(id), ValueClass::value_added});
        stream.queues.push_back(Queue{id, "Buffer " + std::to_string(id), id, {}});
    }
    test::open_walk(app, folder, stream, TimingMode::lap);
    app.screen = Screen::map;
    // No customer side in this plan: the screen says what that leaves out, in words.
    CHECK(shows(imgui.shown_text(app, 3), "no demand per day"));
    // 50 steps are far wider than 1280 px at 70 %: the map opens at the readable zoom and scrolls.
    CHECK(app.map_view.zoom == doctest::Approx(kMapReadableZoom));
    const float width_em = app.value_stream_map.map.width;
    CHECK(width_em * gui::kBaseFontPx * app.map_view.zoom > 1280.0f);
    app.map_view.fit_requested = true;
    imgui.frames(app, 2);
    CHECK(width_em * gui::kBaseFontPx * app.map_view.zoom <= 1280.0f);
    CHECK(app.map_view.zoom < kMapReadableZoom);
    CHECK_FALSE(app.map_view.fit_requested);
}

TEST_CASE("Ctrl+wheel over the map zooms in and out by one step a notch") {
    test::HeadlessImGui imgui(ImVec2(1280, 800));
    test::TempFolder folder;
    AppState app;
    test::open_walk(app, folder, golden_walk(), TimingMode::lap);
    app.screen = Screen::map;
    imgui.frames(app, 3);
    const float opened = app.map_view.zoom;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(640, 500);  // over the map, below the screen's controls
    imgui.frames(app, 2);            // hovered from the next frame on
    io.KeyCtrl = true;
    io.MouseWheel = 1.0f;
    imgui.frames(app, 1);
    io.MouseWheel = 0.0f;
    imgui.frames(app, 1);
    CHECK(app.map_view.zoom == doctest::Approx(opened * 1.15f));
    io.MouseWheel = -2.0f;
    imgui.frames(app, 1);
    io.MouseWheel = 0.0f;
    io.KeyCtrl = false;
    imgui.frames(app, 1);
    CHECK(app.map_view.zoom == doctest::Approx(opened / 1.15f));
}
