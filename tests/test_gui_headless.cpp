// Every screen rendered with no window and no GPU (Dear ImGui's example_null pattern) on a populated
// session, and the walk keys driven through the same queue the GLFW callback fills.
#include <doctest/doctest.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "gui_support.hpp"
#include "core/file/session_file.hpp"
#include "core/analysis/summary.hpp"
#include "tests/support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
using gemba::test::HeadlessImGui;
using gemba::test::press;

// A folder of this test process's own: runs of the suite at the same time never share one.
std::filesystem::path scratch_folder(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("gemba-headless-" + name + "-" + std::to_string(::getpid()));
}

void open_in(AppState& app, const std::filesystem::path& file) {
    app.paths.data_dir = scratch_folder("data");
    app.paths.config_dir = scratch_folder("config");
    REQUIRE(open_session(app, file));
}

const std::filesystem::path kExample = std::filesystem::path(GEMBA_SOURCE_DIR) / "data/examples/assembly-line.json";
const std::filesystem::path kIndependentExample =
    std::filesystem::path(GEMBA_SOURCE_DIR) / "data/examples/invoice-approval.json";

}  // namespace

TEST_CASE("every screen renders a populated session without a window") {
    // Lap timing (one operator's yamazumi) and independent timers (one column per station).
    for (const std::filesystem::path& example : {kExample, kIndependentExample}) {
        CAPTURE(example);
        HeadlessImGui imgui;
        AppState app;
        open_in(app, example);
        for (Screen screen : {Screen::start, Screen::setup, Screen::walk, Screen::review, Screen::summary}) {
            app.screen = screen;
            imgui.frames(app, 3);
            CHECK(ImGui::GetDrawData() != nullptr);
            CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
        }
    }
}

TEST_CASE("the dark theme and a larger UI scale render too") {
    HeadlessImGui imgui;
    AppState app;
    open_in(app, kExample);
    app.settings.theme = Theme::dark;
    build_fonts(1.6f);
    apply_theme(Theme::dark, 1.6f);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    for (Screen screen : {Screen::walk, Screen::summary, Screen::review}) {
        app.screen = screen;
        imgui.frames(app, 2);
    }
    CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
}

TEST_CASE("the numbers the screens keep between frames follow every change to the session") {
    HeadlessImGui imgui;
    const auto folder = scratch_folder("cache");
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(kExample, folder / "walk.json");
    AppState app;
    open_in(app, folder / "walk.json");
    const auto check_current = [&] {
        const SessionSummary fresh = summarize(app.doc.session(), app.doc.state(), app.doc.summary_now());
        const SessionSummary& shown = current_summary(app, /*refresh_live=*/false);
        REQUIRE(shown.steps.size() == fresh.steps.size());
        for (std::size_t i = 0; i < fresh.steps.size(); ++i) {
            CHECK(shown.steps[i].stats.n == fresh.steps[i].stats.n);
            CHECK(shown.steps[i].outliers == fresh.steps[i].outliers);
            CHECK(shown.steps[i].normal_ms == fresh.steps[i].normal_ms);
        }
        CHECK(shown.waste_total == fresh.waste_total);
    };
    for (Screen screen : {Screen::walk, Screen::review, Screen::summary, Screen::setup}) {
        app.screen = screen;
        imgui.frames(app, 2);
    }
    check_current();

    SUBCASE("an edit on the Review screen") {
        const EventId first = app.doc.state().readings().front().id;
        edit(app, [first](Recorder& r) { return r.exclude(first, "dropped a part"); }, "Excluded");
    }
    SUBCASE("a plan change on the Setup screen") {
        app.doc.plan().steps.front().rating_pct += 10;
        plan_changed(app);
    }
    SUBCASE("a tap on the walk") {
        app.screen = Screen::walk;
        press(app, GLFW_KEY_2);
    }
    imgui.frames(app, 1);
    check_current();
    std::filesystem::remove_all(folder);
}

TEST_CASE("walk keys become events: Space laps, digits tag wastes, Shift+digit times one, Ctrl+Z undoes") {
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = scratch_folder("keys");
    std::filesystem::remove_all(app.paths.data_dir);
    Session plan;
    plan.title = "Keys";
    plan.steps = {Step{1, "A", ValueClass::value_added, 100, 0}, Step{2, "B", ValueClass::value_added, 100, 0}};
    plan.settings.debounce_ms = 0;  // the test presses faster than a person
    start_session(app, plan);
    REQUIRE(app.screen == Screen::walk);

    press(app, GLFW_KEY_SPACE);
    press(app, GLFW_KEY_3);
    press(app, GLFW_KEY_SPACE);
    press(app, GLFW_KEY_7, GLFW_MOD_SHIFT);
    press(app, GLFW_KEY_7, GLFW_MOD_SHIFT);
    press(app, GLFW_KEY_1);
    press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    imgui.frames(app, 1);

    const auto& events = app.doc.session().events;
    REQUIRE(events.size() == 7);
    CHECK(events[0].kind == EventKind::step_start);
    CHECK(events[0].step == 1);
    CHECK(events[1].kind == EventKind::waste_tag);
    CHECK(events[1].waste == Waste::waiting);
    CHECK(events[1].step == 1);  // the step running when tagged
    CHECK(events[2].kind == EventKind::lap);
    CHECK(events[2].step == 2);
    CHECK(events[3].kind == EventKind::waste_start);
    CHECK(events[3].waste == Waste::motion);
    CHECK(events[4].kind == EventKind::waste_end);
    CHECK(events[5].kind == EventKind::waste_tag);
    CHECK(events[5].waste == Waste::defects);
    CHECK(events[6].kind == EventKind::undo);
    CHECK(events[6].target == events[5].id);
    CHECK(app.dirty());
    CHECK_FALSE(app.doc.session().started_at.empty());

    // Every one of them is already in the journal, before any save.
    const RecoveryResult journaled = recover(app.doc.file());
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->session.events == events);
    CHECK(journaled.recovery->session.started_at == app.doc.session().started_at);
    std::filesystem::remove_all(app.paths.data_dir);
}

TEST_CASE("a tap is timed when its input arrived, not when a slow frame processed it") {
    HeadlessImGui imgui;
    ManualClock clock(900);  // declared first: the app's AppClock reads it
    AppState app;
    app.clock = AppClock(clock);
    app.paths.data_dir = scratch_folder("tap-time");
    std::filesystem::remove_all(app.paths.data_dir);
    Session plan;
    plan.steps = {Step{1, "A", ValueClass::value_added, 100, 0}, Step{2, "B", ValueClass::value_added, 100, 0}};
    start_session(app, plan);  // the default debounce (150 ms) stays: no two taps here are that close

    // The first tap starts the walk: its key arrived at 1,000, which becomes session time 0.
    app.pending_keys.push_back(KeyPress{GLFW_KEY_SPACE, 0, 1'000});
    clock.set(1'020);
    imgui.frames(app, 1);
    // Two keys arrive at 1,100 and 1,250; the frame that processes them runs late, at 1,450.
    app.pending_keys.push_back(KeyPress{GLFW_KEY_1, 0, 1'100});
    app.pending_keys.push_back(KeyPress{GLFW_KEY_SPACE, 0, 1'250});
    clock.set(1'450);
    imgui.frames(app, 1);
    // A pointer went down at 1,300; the click is seen at 1,500.
    app.last_pointer_press_ms = 1'300;
    clock.set(1'500);
    pointer_tap(app, [](Recorder& r) { return r.tag_waste(Waste::motion); }, "Motion");

    const auto& events = app.doc.session().events;
    REQUIRE(events.size() == 4);
    CHECK(events[0].kind == EventKind::step_start);
    CHECK(events[0].t_ms == 0);
    CHECK(events[1].kind == EventKind::waste_tag);
    CHECK(events[1].t_ms == 100);  // 1,100 − 1,000, not the frame's 1,450 − 1,000
    CHECK(events[2].kind == EventKind::lap);
    CHECK(events[2].t_ms == 250);  // 1,250 − 1,000
    CHECK(events[3].kind == EventKind::waste_tag);
    CHECK(events[3].t_ms == 300);  // 1,300 − 1,000, not the click's 1,500 − 1,000
    std::filesystem::remove_all(app.paths.data_dir);
}

TEST_CASE("keys typed into a text field are text, not taps") {
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = scratch_folder("text");
    Session plan;
    plan.steps = {Step{1, "A", ValueClass::value_added, 100, 0}};
    start_session(app, plan);
    press(app, GLFW_KEY_SPACE);
    process_keys(app, /*text_input_active=*/true);
    CHECK(app.doc.session().events.empty());
    CHECK(app.pending_keys.empty());
    std::filesystem::remove_all(app.paths.data_dir);
}

TEST_CASE("Ctrl+S saves to the file the session came from, atomically, and clears the unsaved mark") {
    HeadlessImGui imgui;
    const auto folder = scratch_folder("save");
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const auto file = folder / "walk.json";
    std::filesystem::copy_file(kExample, file);
    AppState app;
    open_in(app, file);
    const std::size_t before = app.doc.session().events.size();
    app.screen = Screen::walk;
    press(app, GLFW_KEY_2);
    press(app, GLFW_KEY_S, GLFW_MOD_CONTROL);
    imgui.frames(app, 1);
    CHECK_FALSE(app.dirty());
    const LoadResult reloaded = load_session(file);
    REQUIRE(reloaded.ok());
    REQUIRE(reloaded.session->events.size() == before + 1);
    CHECK(reloaded.session->events.back().kind == EventKind::waste_tag);
    CHECK(reloaded.session->events.back().waste == Waste::overproduction);
    std::filesystem::remove_all(folder);
}

TEST_CASE("typing in Setup is journaled once, in the first frame where no field is being edited") {
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = scratch_folder("typing");
    std::filesystem::remove_all(app.paths.data_dir);
    Session plan;
    plan.steps = {Step{1, "A", ValueClass::value_added, 100, 0}};
    start_session(app, plan);
    app.screen = Screen::setup;
    for (const char* title : {"L", "Li", "Line"}) {
        app.doc.plan().title = title;
        plan_changed(app);
    }
    CHECK_FALSE(has_journal(app.doc.file()));  // keystrokes write nothing
    imgui.frames(app, 1);
    CHECK_FALSE(app.doc.plan_edit_pending());
    const std::string journal = gemba::test::read_all(journal_path_for(app.doc.file()));
    const std::size_t first_plan = journal.find("\nplan ");
    CHECK(first_plan != std::string::npos);
    CHECK(journal.find("\nplan ", first_plan + 1) == std::string::npos);  // one plan record
    const RecoveryResult journaled = recover(app.doc.file());
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->session.title == "Line");
    std::filesystem::remove_all(app.paths.data_dir);
}

TEST_CASE("Setup does not take an empty step name: the last valid one stays, the status line says why") {
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = scratch_folder("step-name");
    std::filesystem::remove_all(app.paths.data_dir);
    Session plan;
    plan.steps = {Step{1, "A", ValueClass::value_added, 100, 0}};
    start_session(app, plan);
    app.screen = Screen::setup;
    Step& step = app.doc.plan().steps[0];

    CHECK_FALSE(rename_step(app, step, ""));
    CHECK(step.name == "A");
    REQUIRE(app.message);
    CHECK(app.message->error);
    CHECK(app.message->text == "A step's name cannot be empty; kept the last valid name");
    CHECK_FALSE(app.doc.plan_edit_pending());

    CHECK(rename_step(app, step, "Pick"));
    CHECK(app.doc.plan_edit_pending());
    imgui.frames(app, 1);  // no field is being edited: the edit is journaled
    const RecoveryResult journaled = recover(app.doc.file());
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->notices.empty());
    CHECK(journaled.recovery->session.steps[0].name == "Pick");
    std::filesystem::remove_all(app.paths.data_dir);
}

namespace {

// A started walk with one tap (so unsaved changes, journaled) in a data folder of its own.
struct DirtyWalk {
    HeadlessImGui imgui;
    AppState app;
    DirtyWalk(const std::string& name) {
        app.paths.data_dir = scratch_folder(name);
        std::filesystem::remove_all(app.paths.data_dir);
        Session plan;
        plan.title = "Line 3";
        plan.steps = {Step{1, "A", ValueClass::value_added, 100, 0}, Step{2, "B", ValueClass::value_added, 100, 0}};
        start_session(app, plan);
        press(app, GLFW_KEY_SPACE);
        imgui.frames(app, 1);
        REQUIRE(app.dirty());
        REQUIRE(has_journal(app.doc.file()));
    }
    ~DirtyWalk() { std::filesystem::remove_all(app.paths.data_dir); }
};

Plan other_plan() {
    Plan plan;
    plan.title = "Other";
    plan.steps = {Step{1, "X", ValueClass::value_added, 100, 0}};
    return plan;
}

}  // namespace

TEST_CASE("starting or opening another walk with unsaved changes asks first: keep working, discard or save") {
    DirtyWalk walk("ask");
    AppState& app = walk.app;
    const std::filesystem::path first = app.doc.file();
    CHECK(first.filename() == "line-3.json");

    SUBCASE("start, then keep working: nothing changes") {
        request_start(app, other_plan());
        CHECK(app.doc.session().title == "Line 3");
        CHECK(walk.imgui.shown_text(app).find("The walk “Line 3” has changes that are not saved. A new walk is to start.") !=
              std::string::npos);
        answer_unsaved(app, UnsavedChoice::cancel);
        CHECK(app.doc.session().title == "Line 3");
        CHECK(app.doc.session().events.size() == 1);
        CHECK(has_journal(first));
        CHECK_FALSE(app.after_unsaved);
    }
    SUBCASE("start, then discard: the journal is given up as on quitting, the new walk starts") {
        request_start(app, other_plan());
        answer_unsaved(app, UnsavedChoice::discard);
        CHECK(app.doc.session().title == "Other");
        CHECK_FALSE(has_journal(first));
        CHECK_FALSE(std::filesystem::exists(first));
    }
    SUBCASE("open, then save: the walk is saved, then the file opens") {
        const std::filesystem::path other = app.paths.data_dir / "saved-other.json";
        REQUIRE(save_session(other, [] {
                    Session s;
                    s.plan() = other_plan();
                    return s;
                }()).ok);
        request_open(app, other);
        CHECK(app.doc.file() == first);
        CHECK(walk.imgui.shown_text(app).find("Another file is to open.") != std::string::npos);
        answer_unsaved(app, UnsavedChoice::save);
        CHECK(app.doc.file() == other);
        const LoadResult saved = load_session(first);
        REQUIRE(saved.ok());
        CHECK(saved.session->events.size() == 1);
        CHECK_FALSE(has_journal(first));
    }
    SUBCASE("quit asks the same way, and with nothing unsaved it happens at once") {
        request_quit(app);
        CHECK_FALSE(app.quit_requested);
        CHECK(walk.imgui.shown_text(app).find("Quit without saving") != std::string::npos);
        answer_unsaved(app, UnsavedChoice::save);
        CHECK(app.quit_requested);
        app.quit_requested = false;
        request_start(app, other_plan());  // saved: nothing to ask
        CHECK(app.doc.session().title == "Other");
        CHECK_FALSE(app.after_unsaved);
    }
}

TEST_CASE("Save As onto another file asks first and says what that file holds") {
    DirtyWalk walk("save-as");
    AppState& app = walk.app;
    const std::filesystem::path other = app.paths.data_dir / "study.json";
    CHECK_FALSE(save_as_would_replace(app, other));  // no such file
    Session study;
    study.plan() = other_plan();
    study.title = "7-cycle study";
    REQUIRE(save_session(other, study).ok);
    const std::optional<std::string> replaces = save_as_would_replace(app, other);
    REQUIRE(replaces);
    CHECK(replaces->rfind("“7-cycle study”, 0 readings, last saved ", 0) == 0);
    CHECK_FALSE(save_as_would_replace(app, app.doc.file()));  // the walk's own file
    CHECK_FALSE(save_as_would_replace(app, app.paths.data_dir));  // a folder: save_as says why not
}

TEST_CASE("Ctrl+Z on Setup undoes the last plan change, on the Walk screen the last tap") {
    DirtyWalk walk("undo");
    AppState& app = walk.app;
    app.screen = Screen::setup;
    delete_step(app, 1);
    REQUIRE(app.message);
    CHECK(app.message->text == "“B” deleted — Undo [Ctrl+Z]");
    CHECK(app.doc.session().steps.size() == 1);
    press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    walk.imgui.frames(app, 1);
    REQUIRE(app.doc.session().steps.size() == 2);
    CHECK(app.doc.session().steps[1].name == "B");
    CHECK(app.message->text == "Undone: delete “B”");
    CHECK(app.doc.session().events.size() == 1);  // the tap is untouched
    const RecoveryResult journaled = recover(app.doc.file());
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->session.steps.size() == 2);

    press(app, GLFW_KEY_Y, GLFW_MOD_CONTROL);
    walk.imgui.frames(app, 1);
    CHECK(app.doc.session().steps.size() == 1);

    app.screen = Screen::walk;
    press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    walk.imgui.frames(app, 1);
    REQUIRE(app.doc.session().events.size() == 2);
    CHECK(app.doc.session().events.back().kind == EventKind::undo);
    CHECK(app.doc.session().steps.size() == 1);
}

TEST_CASE("a blank walk's file is named after its title until it is saved, and the title bar says just Gemba with no walk") {
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = scratch_folder("naming");
    std::filesystem::remove_all(app.paths.data_dir);
    const std::string empty_bar = imgui.shown_text(app);
    CHECK(empty_bar.find("Gemba") != std::string::npos);
    CHECK(empty_bar.find("not saved yet") == std::string::npos);

    Session blank;
    blank.title = "New walk";
    request_start(app, blank);
    CHECK(app.doc.file() == app.paths.data_dir / "new-walk.json");
    app.screen = Screen::setup;
    app.doc.plan().title = "Line 3";
    plan_changed(app, "Title");
    imgui.frames(app, 1);  // no field is being edited: journaled, and named
    CHECK(app.doc.file() == app.paths.data_dir / "line-3.json");
    CHECK(imgui.shown_text(app).find("Line 3 — line-3.json") != std::string::npos);
    std::filesystem::remove_all(app.paths.data_dir);
}

TEST_CASE("Save straight after typing a new walk's title saves under the title, while the field is still active") {
    AppState app;
    app.paths.data_dir = scratch_folder("save-title");
    app.paths.config_dir = scratch_folder("save-title-config");
    std::filesystem::remove_all(app.paths.data_dir);
    Session blank;
    blank.title = "New walk";
    request_start(app, blank);
    app.screen = Screen::setup;
    app.doc.plan().title = "Line 3";
    plan_changed(app, "Title");  // no frame runs: the field has not let go
    REQUIRE(save(app));
    CHECK(app.doc.file() == app.paths.data_dir / "line-3.json");
    CHECK(std::filesystem::exists(app.paths.data_dir / "line-3.json"));
    CHECK_FALSE(std::filesystem::exists(app.paths.data_dir / "new-walk.json"));
    REQUIRE_FALSE(app.settings.recent_files.empty());
    CHECK(app.settings.recent_files.front() == (app.paths.data_dir / "line-3.json").string());
    std::filesystem::remove_all(app.paths.data_dir);
    std::filesystem::remove_all(app.paths.config_dir);
}

TEST_CASE("Review names readings, tags and notes by step, cycle and walk-clock time, never by event number") {
    // The example pauses from 238.9 s to 1138.9 s (15 min): after it the walk clock is session
    // time − 900 s. The timed waiting tag at 1143.2 s shows 243.2 s = 04:03.2; the note on the
    // pause, made at 238.9 s, 03:58.9; the first note, on the session, 00:00.0.
    HeadlessImGui imgui(ImVec2(1280, 3000));
    AppState app;
    open_in(app, kExample);
    app.screen = Screen::review;
    const std::string readings = imgui.shown_text(app);
    CHECK(readings.find("00:02.0") != std::string::npos);  // the first reading starts at 2.0 s
    CHECK(readings.find('#') == std::string::npos);
    app.review.list = ReviewList::tags;
    const std::string tags = imgui.shown_text(app);
    CHECK(tags.find("04:03.2") != std::string::npos);
    CHECK(tags.find("19:03.2") == std::string::npos);  // session time, pause included
    CHECK(tags.find('#') == std::string::npos);
    app.review.list = ReviewList::notes;
    const std::string notes = imgui.shown_text(app);
    CHECK(notes.find("03:58.9") != std::string::npos);
    CHECK(notes.find("Pause") != std::string::npos);
    CHECK(notes.find("the session") != std::string::npos);
    CHECK(notes.find('#') == std::string::npos);
}
