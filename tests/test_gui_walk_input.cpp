// Input on the walk screen without a window: pointer taps that arrive between frames (the pointer
// queue), the step keys of independent timers, and the walk note that never stops the walk.
#include <doctest/doctest.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/pointer_input.hpp"
#include "app/gui/walk_note.hpp"
#include "core/file/journal.hpp"
#include "core/file/session_file.hpp"
#include "gui_support.hpp"
#include "support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
using gemba::test::HeadlessImGui;
using gemba::test::key_stroke;
using gemba::test::open_walk;
using gemba::test::press;
using gemba::test::TempFolder;
using gemba::test::type_text;

// Two buttons, A at (100, 100) and B at (300, 100), each 100 × 50, in a window of their own.
struct TwoButtons {
    int a = 0, b = 0;
    std::vector<char> order;
    void frame() {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(600, 300));
        ImGui::Begin("two buttons", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::SetCursorScreenPos(ImVec2(100, 100));
        if (ImGui::Button("A", ImVec2(100, 50))) {
            ++a;
            order.push_back('A');
        }
        ImGui::SetCursorScreenPos(ImVec2(300, 100));
        if (ImGui::Button("B", ImVec2(100, 50))) {
            ++b;
            order.push_back('B');
        }
        ImGui::End();
        ImGui::Render();
    }
};

// A tap on A then one on B, all before the next frame: what a busy machine delivers.
void two_taps(PointerQueue& queue) {
    queue.moved(150, 125);
    queue.button(0, true, 1'000);
    queue.button(0, false, 1'040);
    queue.moved(350, 125);
    queue.button(0, true, 1'090);
    queue.button(0, false, 1'130);
}

void open_plan(AppState& app, const TempFolder& folder, TimingMode mode, int step_count = 5) {
    Session plan;
    plan.title = "Input";
    for (int i = 1; i <= step_count; ++i)
        plan.steps.push_back(Step{i, "Step " + std::to_string(i), ValueClass::value_added, 100, 0});
    open_walk(app, folder, std::move(plan), mode);
}

}  // namespace

TEST_CASE("the pointer queue gives each frame one button change, where and when it happened") {
    PointerQueue queue;
    two_taps(queue);
    PointerQueue::Frame f = queue.next_frame();
    REQUIRE(f.position);
    CHECK(f.position->x == 150);
    CHECK(f.down[0]);
    CHECK(f.pressed_at_ms == 1'000);
    f = queue.next_frame();
    CHECK(f.position->x == 150);  // A is released on A, although the pointer has moved on since
    CHECK_FALSE(f.down[0]);
    CHECK_FALSE(f.pressed_at_ms);
    f = queue.next_frame();
    CHECK(f.position->x == 350);
    CHECK(f.down[0]);
    CHECK(f.pressed_at_ms == 1'090);
    CHECK(queue.pending());
    f = queue.next_frame();
    CHECK(f.position->x == 350);
    CHECK_FALSE(f.down[0]);
    CHECK_FALSE(queue.pending());
    f = queue.next_frame();  // nothing queued: the backend's own reading of the pointer stands
    CHECK_FALSE(f.position);
    CHECK_FALSE(f.down[0]);
    queue.button(7, true, 2'000);  // a button ImGui has no slot for
    CHECK_FALSE(queue.pending());
}

TEST_CASE("two taps between two frames: the backend's polling loses both, the queue gives both") {
    HeadlessImGui imgui(ImVec2(600, 300));
    ImGuiIO& io = ImGui::GetIO();
    TwoButtons buttons;
    buttons.frame();

    SUBCASE("ImGui 1.86's GLFW backend: a press since the last frame, the pointer where it is now") {
        // Frame 1 sees A's press; A's release, B's press and release come before frame 2.
        io.MousePos = ImVec2(150, 125);
        io.MouseDown[0] = true;  // just pressed
        buttons.frame();
        io.MousePos = ImVec2(350, 125);
        io.MouseDown[0] = true;  // B was "just pressed" since: down for this frame too
        buttons.frame();
        io.MouseDown[0] = false;
        for (int i = 0; i < 3; ++i) buttons.frame();
        CHECK(buttons.a + buttons.b == 0);
    }
    SUBCASE("the queue") {
        PointerQueue queue;
        two_taps(queue);
        while (queue.pending()) {
            const PointerQueue::Frame f = queue.next_frame();
            if (f.position) io.MousePos = ImVec2(f.position->x, f.position->y);
            for (int i = 0; i < PointerQueue::kButtons; ++i) io.MouseDown[i] = f.down[static_cast<std::size_t>(i)];
            buttons.frame();
        }
        buttons.frame();
        CHECK(buttons.a == 1);
        CHECK(buttons.b == 1);
        CHECK(buttons.order == std::vector<char>{'A', 'B'});
    }
}

TEST_CASE("independent timers: A S D F G H J K L toggle the steps in plan order, later steps have no key") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_plan(app, folder, TimingMode::independent, 11);
    press(app, GLFW_KEY_A);
    press(app, GLFW_KEY_D);
    press(app, GLFW_KEY_L);
    press(app, GLFW_KEY_A);
    press(app, GLFW_KEY_S, GLFW_MOD_SHIFT);  // Shift+S is no step key
    process_keys(app, false);
    const std::vector<Event>& e = app.doc.session().events;
    REQUIRE(e.size() == 4);
    CHECK(e[0].kind == EventKind::step_start);
    CHECK(e[0].step == 1);
    CHECK(e[1].kind == EventKind::step_start);
    CHECK(e[1].step == 3);
    CHECK(e[2].kind == EventKind::step_start);
    CHECK(e[2].step == 9);
    CHECK(e[3].kind == EventKind::step_end);
    CHECK(e[3].step == 1);
    CHECK(step_key_hint(0) == "A");
    CHECK(step_key_hint(8) == "L");
    CHECK(step_key_hint(9).empty());
    const std::string walk = imgui.shown_text(app);
    CHECK(walk.find("A  Step 1") != std::string::npos);
    CHECK(walk.find("L  Step 9") != std::string::npos);
    CHECK(walk.find("Step 10") != std::string::npos);
    CHECK(walk.find("  Step 10") == std::string::npos);  // no key in front of it
}

TEST_CASE("the step keys do nothing in lap timing") {
    TempFolder folder;
    AppState app;
    open_plan(app, folder, TimingMode::lap);
    press(app, GLFW_KEY_A);
    press(app, GLFW_KEY_S);
    process_keys(app, false);
    CHECK(app.doc.session().events.empty());
}

TEST_CASE("a walk note: attached to the event current at N, typed while the walk goes on, Enter saves") {
    TempFolder folder;
    HeadlessImGui imgui;
    ManualClock clock(10'000);
    AppState app;
    app.clock = AppClock(clock);
    open_plan(app, folder, TimingMode::lap, 3);
    press(app, GLFW_KEY_SPACE);  // Step 1 starts at walk time 0
    imgui.frames(app, 1);
    clock.set(12'000);
    press(app, GLFW_KEY_P);  // pause 2 s
    imgui.frames(app, 1);
    clock.set(14'000);
    press(app, GLFW_KEY_P);
    imgui.frames(app, 1);
    clock.set(15'500);
    press(app, GLFW_KEY_3);  // Waiting at 5.5 s session time, 3.5 s on the walk clock
    imgui.frames(app, 1);
    const EventId waiting = app.doc.session().events.back().id;
    clock.set(16'000);
    key_stroke(imgui, app, GLFW_KEY_N);
    REQUIRE(app.note.open);
    CHECK(app.note.event == waiting);
    CHECK(note_event_text(app) == "Waiting at Step 1 · cycle 1 · at 3.5 s");
    const std::string shown = imgui.shown_text(app);
    CHECK(shown.find("Note on") != std::string::npos);
    CHECK(shown.find("Waiting at Step 1 · cycle 1 · at 3.5 s") != std::string::npos);
    CHECK(ImGui::GetIO().WantTextInput);

    // Typed keys are text: no waste, no pause, no lap.
    const std::size_t events_before = app.doc.session().events.size();
    type_text(imgui, app, "belt 3 p");
    CHECK(app.doc.session().events.size() == events_before);
    CHECK(app.note.text == "belt 3 p");

    // A tap on the walk's buttons records meanwhile (a pointer tap is a control), and the note keeps
    // the event it was opened on.
    app.last_pointer_press_ms = 16'500;
    pointer_tap(app, [](Recorder& r) { return r.next_step(); }, "Next step");
    pointer_tap(app, [](Recorder& r) { return r.tag_waste(Waste::motion); }, "Motion");
    CHECK(app.doc.session().events.size() == events_before + 2);
    imgui.frames(app, 3);
    CHECK(ImGui::GetIO().WantTextInput);  // the field has the keyboard again

    key_stroke(imgui, app, GLFW_KEY_ENTER, GLFW_MOD_SHIFT);  // a new line
    type_text(imgui, app, "again");
    CHECK(app.note.open);
    key_stroke(imgui, app, GLFW_KEY_ENTER);
    CHECK_FALSE(app.note.open);
    const std::vector<Note>& notes = app.doc.state().notes();
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].text == "belt 3 p\nagain");
    CHECK(notes[0].target == waiting);
    // With the note closed, keys are walk keys again.
    press(app, GLFW_KEY_1);
    imgui.frames(app, 1);
    CHECK(app.doc.state().tags().back().waste == Waste::defects);
}

TEST_CASE("a walk note on the session, Esc cancels, an empty one adds nothing") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_plan(app, folder, TimingMode::lap, 3);

    SUBCASE("before any tap it can only be on the session") {
        open_note(app);
        CHECK(app.note.on_session);
        CHECK(note_event_text(app).empty());
        app.note.text = "line 4 short of staff";
        CHECK(save_note(app));
        REQUIRE(app.doc.state().notes().size() == 1);
        CHECK(app.doc.state().notes()[0].target == kNoEvent);
    }
    SUBCASE("chosen on the session although an event was current") {
        press(app, GLFW_KEY_SPACE);
        imgui.frames(app, 1);
        key_stroke(imgui, app, GLFW_KEY_N);
        CHECK_FALSE(app.note.on_session);
        app.note.on_session = true;
        type_text(imgui, app, "x");
        key_stroke(imgui, app, GLFW_KEY_ENTER);
        REQUIRE(app.doc.state().notes().size() == 1);
        CHECK(app.doc.state().notes()[0].target == kNoEvent);
    }
    SUBCASE("Esc cancels: nothing added, the keys work again") {
        key_stroke(imgui, app, GLFW_KEY_N);
        type_text(imgui, app, "oops");
        key_stroke(imgui, app, GLFW_KEY_ESCAPE);
        CHECK_FALSE(app.note.open);
        CHECK(app.doc.state().notes().empty());
        press(app, GLFW_KEY_SPACE);
        imgui.frames(app, 1);
        CHECK(app.doc.session().events.size() == 1);
    }
    SUBCASE("an empty note closes and adds nothing") {
        key_stroke(imgui, app, GLFW_KEY_N);
        key_stroke(imgui, app, GLFW_KEY_ENTER);
        CHECK_FALSE(app.note.open);
        CHECK(app.doc.session().events.empty());
    }
    SUBCASE("an undone tap is not current: the note goes on the tap before it") {
        press(app, GLFW_KEY_SPACE);
        press(app, GLFW_KEY_2);
        press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
        imgui.frames(app, 1);
        open_note(app);
        CHECK(app.note.event == app.doc.session().events.front().id);
        CHECK(note_event_text(app) == "Start Step 1 · cycle 1 · at 0.0 s");
    }
    SUBCASE("on another screen the keys are not the note's") {
        open_note(app);
        app.screen = Screen::review;
        CHECK_FALSE(note_being_typed(app));
        app.screen = Screen::walk;
        CHECK(note_being_typed(app));
    }
}

TEST_CASE("a tap on a toggle whose running time ticks over between press and release is still a tap") {
    // The label shows the running time in whole seconds; the button's id must not change with it.
    TempFolder folder;
    HeadlessImGui imgui;  // 1280 × 800 at scale 1, as the end-to-end test's window
    ManualClock clock(10'000);
    AppState app;
    app.clock = AppClock(clock);
    open_plan(app, folder, TimingMode::independent, 4);
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 toggle_a(182, 226);  // the first step's toggle (tests/test_gui_e2e.cpp, kToggleSpot)
    const auto tap = [&](std::int64_t press_ms, std::int64_t release_ms) {
        io.MousePos = toggle_a;
        imgui.frames(app, 1);
        clock.set(press_ms);
        app.last_pointer_press_ms = press_ms;
        io.MouseDown[0] = true;
        imgui.frames(app, 1);
        clock.set(release_ms);
        io.MouseDown[0] = false;
        imgui.frames(app, 2);
    };
    tap(10'000, 10'100);
    REQUIRE(app.doc.session().events.size() == 1);  // the spot is the toggle: it started
    CHECK(app.doc.session().events[0].step == 1);
    tap(11'950, 12'050);  // pressed at "1 s", released at "2 s"
    REQUIRE(app.doc.session().events.size() == 2);
    CHECK(app.doc.session().events[1].kind == EventKind::step_end);
    CHECK(app.doc.session().events[1].t_ms == 1'950);  // timed at the press
}

TEST_CASE("a walk note's Enter and Shift+Enter count when ImGui never saw them down (pressed and released between frames)") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_plan(app, folder, TimingMode::lap, 3);
    key_stroke(imgui, app, GLFW_KEY_N);
    type_text(imgui, app, "first");
    press(app, GLFW_KEY_ENTER, GLFW_MOD_SHIFT);  // only in the app's key queue, as the GLFW callback left it
    imgui.frames(app, 1);
    type_text(imgui, app, "second");
    press(app, GLFW_KEY_KP_ENTER);
    imgui.frames(app, 1);
    CHECK_FALSE(app.note.open);
    REQUIRE(app.doc.state().notes().size() == 1);
    CHECK(app.doc.state().notes()[0].text == "first\nsecond");
}

TEST_CASE("a walk note keeps what is typed while a tap on a waste button has the pointer") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_plan(app, folder, TimingMode::lap, 3);
    ImGuiIO& io = ImGui::GetIO();
    press(app, GLFW_KEY_SPACE);
    imgui.frames(app, 1);
    key_stroke(imgui, app, GLFW_KEY_N);
    type_text(imgui, app, "ab");
    io.MousePos = ImVec2(859, 150);  // Defects (tests/test_gui_e2e.cpp, kWasteSpot)
    io.MouseDown[0] = true;
    imgui.frames(app, 1);
    io.MouseDown[0] = false;
    type_text(imgui, app, "cd");  // the frame of the release: the button has the pointer, not the field
    type_text(imgui, app, "e");   // the field has the keyboard again or gets it now
    imgui.frames(app, 2);
    type_text(imgui, app, "f");
    key_stroke(imgui, app, GLFW_KEY_ENTER);
    REQUIRE(app.doc.state().tags().size() == 1);
    CHECK(app.doc.state().tags()[0].waste == Waste::defects);
    REQUIRE(app.doc.state().notes().size() == 1);
    CHECK(app.doc.state().notes()[0].text == "abcdef");
}

TEST_CASE("the note's bar takes clicks while the status line shows a message") {
    TempFolder folder;
    HeadlessImGui imgui;  // 1280 × 800: the bar's Cancel is its last button, at the bottom right
    AppState app;
    open_plan(app, folder, TimingMode::lap, 3);
    press(app, GLFW_KEY_SPACE);
    imgui.frames(app, 1);
    REQUIRE(app.message);  // "Step 1 started" stays on screen for seconds
    open_note(app);
    imgui.frames(app, 3);
    ImGui::GetIO().MousePos = ImVec2(1280 - 40, 800 - 25);
    imgui.frames(app, 2);
    ImGui::GetIO().MouseDown[0] = true;
    imgui.frames(app, 1);
    ImGui::GetIO().MouseDown[0] = false;
    imgui.frames(app, 1);
    CHECK_FALSE(app.note.open);
}

TEST_CASE("a note being typed is saved on its event before the walk is left, and never carried into the next walk") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_plan(app, folder, TimingMode::lap, 3);
    REQUIRE(save(app));
    press(app, GLFW_KEY_SPACE);
    imgui.frames(app, 1);
    const EventId started = app.doc.session().events.back().id;
    REQUIRE(save(app));
    open_note(app);
    app.note.text = "bin empty";
    Session next;
    next.title = "Next walk";
    next.steps.push_back(Step{1, "X", ValueClass::value_added, 100, 0});
    request_start(app, next);
    // The note is in the walk, which now has unsaved changes: the dialog asks before leaving it.
    REQUIRE(app.after_unsaved);
    REQUIRE(app.doc.state().notes().size() == 1);
    CHECK(app.doc.state().notes()[0].text == "bin empty");
    CHECK(app.doc.state().notes()[0].target == started);
    answer_unsaved(app, UnsavedChoice::save);
    CHECK(app.doc.session().title == "Next walk");
    CHECK_FALSE(app.note.open);
    CHECK(app.note.text.empty());
}

TEST_CASE("discard, then open a file that does not open: the walk stays, its journal and changes too") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_plan(app, folder, TimingMode::lap, 3);
    press(app, GLFW_KEY_SPACE);
    imgui.frames(app, 1);
    REQUIRE(app.dirty());
    REQUIRE(has_journal(app.doc.file()));
    const std::filesystem::path missing = folder / "nope.json";
    request_open(app, missing);
    REQUIRE(app.after_unsaved);
    answer_unsaved(app, UnsavedChoice::discard);
    CHECK(app.doc.session().title == "Input");
    CHECK(app.dirty());
    CHECK(has_journal(app.doc.file()));
    REQUIRE(app.message);
    CHECK(app.message->error);
    CHECK(app.message->text.find("nope.json") != std::string::npos);
    CHECK(app.message->text.find("the current walk is kept") != std::string::npos);

    // A file that opens: now the journal is given up and the file opens.
    Session other;
    other.title = "Other";
    other.steps.push_back(Step{1, "X", ValueClass::value_added, 100, 0});
    const std::filesystem::path good = folder / "other.json";
    REQUIRE(save_session(good, other).ok);
    const std::filesystem::path first = app.doc.file();
    request_open(app, good);
    answer_unsaved(app, UnsavedChoice::discard);
    CHECK(app.doc.session().title == "Other");
    CHECK_FALSE(has_journal(first));
}

TEST_CASE("while a dialog is open its keys are its own, not the note's behind it nor the walk's") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_plan(app, folder, TimingMode::lap, 3);
    press(app, GLFW_KEY_SPACE);
    imgui.frames(app, 1);
    open_note(app);
    app.note.text = "half typed";
    imgui.frames(app, 2);
    REQUIRE(app.note.text == "half typed");
    app.save_as_requested = true;
    imgui.frames(app, 2);
    REQUIRE(app.dialog_open);
    press(app, GLFW_KEY_ESCAPE);
    imgui.frames(app, 1);
    CHECK(app.note.open);
    CHECK(app.note.text == "half typed");
    CHECK(app.doc.state().notes().empty());
    // Nor are walk keys taps while the dialog is being answered.
    const std::size_t events = app.doc.session().events.size();
    press(app, GLFW_KEY_1);
    press(app, GLFW_KEY_SPACE);
    imgui.frames(app, 1);
    CHECK(app.doc.session().events.size() == events);
}
