// The Compare view of the Improve screen rendered with no window: a saved walk against the open one
// shows the numbers of the two walks of tests/compare_walks.hpp (worked out by hand in
// test_compare.cpp) in words that ImGui's log reads, at 800×600 and 1280×800; it computes once per
// change of its inputs; the actions' verdicts are in words.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "core/file/session_file.hpp"
#include "gui_support.hpp"
#include "tests/compare_walks.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;

bool shows(const std::string& text, const std::string& what) {
    INFO("looking for: " << what);
    return text.find(what) != std::string::npos;
}

// The before walk saved in the app's sessions folder, the after walk open; the Compare view shown.
struct Comparing {
    test::TempFolder folder;
    AppState app;
    std::filesystem::path before_file;

    // `open_before`: the before walk is the open one (swapped), the after walk the saved file.
    explicit Comparing(bool open_before = false) {
        test::RecordedWalk before(test::before_steps(), test::with_takt());
        test::record_before(before);
        test::RecordedWalk after(test::after_steps(), test::with_takt());
        test::record_after(after);
        test::open_walk(app, folder, open_before ? before.session() : after.session(), TimingMode::lap);
        before_file = app.paths.data_dir / (open_before ? "after.json" : "before.json");
        REQUIRE(save_session(before_file, open_before ? after.session() : before.session()).ok);
        app.screen = Screen::improve;
        app.improve_view = ImproveView::compare;
    }
};

}  // namespace

TEST_CASE("the Compare view lists the saved walks, and shows the steps, waste rates and flow of two walks") {
    for (const ImVec2 display : {ImVec2(800, 600), ImVec2(1280, 800)}) {
        CAPTURE(display.x);
        test::HeadlessImGui imgui(display);
        Comparing c;
        CHECK(shows(imgui.shown_text(c.app), "Choose a saved walk"));
        // The sessions folder holds the open walk's file (left out) and before.json.
        REQUIRE(c.app.compare.session_files.size() == 1);
        CHECK(c.app.compare.session_files[0].filename() == "before.json");
        c.app.compare.file = c.app.compare.session_files[0].string();
        // Tall enough to show every section at once: the screen scrolls otherwise.
        ImGui::GetIO().DisplaySize.y = 3000;
        const std::string text = imgui.shown_text(c.app);
        CAPTURE(text);
        // Fasten 21 → 13 s: −8.0 s, CI [−11.9, −4.1] s, p = 0.0045, faster; Pick part: p = 0.178.
        for (const char* what : {"Fasten", "faster", "\u22128.0 s (\u221211.9 s to \u22124.1 s)", "0.005",
                                 "21.0 s \u00b1 2.6 s (n = 4)", "13.0 s \u00b1 1.0 s (n = 3)", "Pick part",
                                 "no clear change", "0.178", "Difference (95 % CI)"})
            CHECK_MESSAGE(shows(text, what), what);
        CHECK(shows(text, "Not compared: Inspect (after walk, 3 readings): no step of the other walk has this name"));
        // Motion 4 in 130 s → 1 in 86 s: 110.8 → 41.9 / h, −68.9 / h; takt gap +5.5 → +1.7 s.
        for (const char* what : {"Motion", "110.8 / h", "41.9 / h", "\u221268.9 / h", "4 \u2192 1", "+5.5 s", "+1.7 s",
                                 "\u22123.8 s", "64.6 %", "45.3 %", "\u221219.3 points", "mean of the closed cycles"})
            CHECK_MESSAGE(shows(text, what), what);
        CHECK(shows(text, "Neither walk has actions"));
    }
}

TEST_CASE("the Compare view computes once per change of its inputs, not per frame") {
    test::HeadlessImGui imgui(ImVec2(1280, 800));
    Comparing c;
    c.app.compare.file = c.before_file.string();
    imgui.frames(c.app, 2);
    REQUIRE(c.app.compare.comparison);
    CHECK(c.app.compare.revision == c.app.doc.revision());
    // A mark on the computed comparison survives frames while nothing changes ...
    c.app.compare.comparison->confidence_pct = 12.0;
    CHECK(shows(imgui.shown_text(c.app, 3), "Difference (12 % CI)"));
    // ... and goes when an input changes: the side, then the open walk.
    c.app.compare.open_walk_is_before = true;
    CHECK(shows(imgui.shown_text(c.app), "Difference (95 % CI)"));
    c.app.compare.comparison->confidence_pct = 12.0;
    c.app.doc.plan().title = "Re-walked";
    c.app.doc.plan_edited("title");
    CHECK(shows(imgui.shown_text(c.app), "Difference (95 % CI)"));
}

TEST_CASE("the Compare view says why a file cannot be compared, and the actions' verdicts in words") {
    test::HeadlessImGui imgui(ImVec2(1280, 3000));
    Comparing c(/*open_before=*/true);
    c.app.compare.file = (c.folder / "nowhere.json").string();
    CHECK(shows(imgui.shown_text(c.app), "Cannot compare: "));
    CHECK(shows(imgui.shown_text(c.app), "nowhere.json"));

    // The open walk is the before walk; its actions are judged against the saved after walk.
    c.app.compare.file = c.before_file.string();
    c.app.compare.open_walk_is_before = true;
    c.app.doc.plan().improvement.actions = {
        test::action(1, "Kit the bolts", Metric::step_mean, Direction::decrease, 2),
        test::action(2, "More value", Metric::flow_efficiency, Direction::increase),
        test::action(3, "A step the walk lacks", Metric::step_mean, Direction::decrease, 42)};
    c.app.doc.plan_edited("actions");
    const std::string text = imgui.shown_text(c.app);
    CAPTURE(text);
    CHECK(shows(text, "Before plan.json (open)"));
    CHECK(shows(text, "\u25cf Met Kit the bolts"));
    CHECK(shows(text, "Mean time of Fasten, expected to decrease: 21.0 s \u2192 13.0 s"));
    CHECK(shows(text, "decreased by 8.0 s (p = 0.005), as expected"));
    CHECK(shows(text, "\u25a0 Not met More value"));
    CHECK(shows(text, "decreased by 19.3 points, expected an increase"));
    CHECK(shows(text, "\u25a1 Not measurable A step the walk lacks"));
    CHECK(shows(text, "cannot be measured: the before walk has no step 42"));
}

TEST_CASE("a saved walk that does not load: its problem stays on screen while the open walk is edited") {
    test::HeadlessImGui imgui;
    Comparing c;
    const std::filesystem::path bad = c.app.paths.data_dir / "bad.json";
    test::write_all(bad, "{\"format_version\": 4,");
    c.app.compare.file = bad.string();
    CHECK(shows(imgui.shown_text(c.app), "Cannot compare: "));
    // A plan edit of the open walk: the comparison is looked at again, the file is still bad.
    c.app.doc.plan().title += " (edited)";
    c.app.doc.plan_edited("title");
    c.app.doc.finish_plan_edit();
    const std::string shown = imgui.shown_text(c.app);
    CHECK(shows(shown, "Cannot compare: "));
    CHECK(shows(shown, "bad.json"));
    CHECK_FALSE(shows(shown, "Choose the walk to compare the open walk with"));
}
