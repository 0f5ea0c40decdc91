// Queues without a window: counted on the walk with keys (each count a tap, undone one by one),
// set up on the Setup screen (added, renamed, removed; one the walk counted stays), and shown on
// the Walk, Setup and Review screens in both timing modes and at a small window.
#include <doctest/doctest.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/walk_note.hpp"
#include "core/file/journal.hpp"
#include "gui_support.hpp"
#include "tests/support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
using gemba::test::HeadlessImGui;
using gemba::test::open_walk;
using gemba::test::press;
using gemba::test::TempFolder;

// Pick and Fasten, with "Inbox" (WIP limit 2) before Pick and "Rework" before Fasten.
Session plan_with_queues() {
    Session plan;
    plan.title = "Queues";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0}};
    plan.queues = {Queue{1, "Inbox", 1, 2}, Queue{2, "Rework", 2, std::nullopt}};
    return plan;
}

// The counts the log holds, as (queue, count), undone ones left out.
std::vector<std::pair<QueueId, std::int64_t>> counts(const AppState& app) {
    std::vector<std::pair<QueueId, std::int64_t>> seen;
    for (const QueueCount& c : app.doc.state().queue_counts()) seen.emplace_back(c.queue, c.count);
    return seen;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Where the first count field from the top is: the only text field of the walk screen without a
// note, found by the pointer's shape over it.
std::optional<ImVec2> first_count_field(HeadlessImGui& imgui, AppState& app) {
    ImGuiIO& io = ImGui::GetIO();
    for (float y = 0; y < io.DisplaySize.y; y += 8)
        for (float x = 0; x < io.DisplaySize.x; x += 8) {
            io.MousePos = ImVec2(x, y);
            imgui.frames(app, 1);
            if (ImGui::GetMouseCursor() == ImGuiMouseCursor_TextInput) return ImVec2(x, y);
        }
    return std::nullopt;
}

void click(HeadlessImGui& imgui, AppState& app, ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    io.MouseDown[0] = true;
    imgui.frames(app, 1);
    io.MouseDown[0] = false;
    imgui.frames(app, 2);
}

}  // namespace

TEST_CASE("counting keys: Q chooses the queue, = and - count it, + and the keypad too, each count undone by one Ctrl+Z") {
    TempFolder folder;
    AppState app;
    open_walk(app, folder, plan_with_queues(), TimingMode::lap);
    press(app, GLFW_KEY_EQUAL);                   // Inbox (the first queue) 1
    press(app, GLFW_KEY_EQUAL, GLFW_MOD_SHIFT);   // + on a US layout: 2
    press(app, GLFW_KEY_KP_ADD);                  // 3
    press(app, GLFW_KEY_Q);                       // Rework
    press(app, GLFW_KEY_EQUAL);                   // Rework 1
    press(app, GLFW_KEY_Q, GLFW_MOD_SHIFT);       // back to Inbox
    press(app, GLFW_KEY_MINUS);                   // Inbox 2
    process_keys(app, false);
    using Counts = std::vector<std::pair<QueueId, std::int64_t>>;
    CHECK(counts(app) == Counts{{1, 1}, {1, 2}, {1, 3}, {2, 1}, {1, 2}});
    CHECK(app.message->text == "Count “Inbox”: 2");
    for (const Event& e : app.doc.session().events) CHECK(e.kind == EventKind::queue_count);
    CHECK(has_journal(app.doc.file()));  // each count journaled as the taps are

    press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);  // the −1 taken back: Inbox 3 again
    process_keys(app, false);
    CHECK(app.doc.state().last_count(1) == 3);
    CHECK(counts(app).size() == 4);

    press(app, GLFW_KEY_Q);
    press(app, GLFW_KEY_KP_SUBTRACT);  // Rework 0
    press(app, GLFW_KEY_MINUS);        // below 0: refused, nothing recorded
    process_keys(app, false);
    CHECK(app.doc.state().last_count(2) == 0);
    CHECK(counts(app).size() == 5);
    REQUIRE(app.message);
    CHECK(app.message->error);

    press(app, GLFW_KEY_P);      // paused: counting goes on
    press(app, GLFW_KEY_EQUAL);  // Rework 1
    process_keys(app, false);
    CHECK(app.doc.state().paused());
    CHECK(app.doc.state().last_count(2) == 1);

    // Off the walk screen the keys count nothing.
    app.screen = Screen::setup;
    press(app, GLFW_KEY_EQUAL);
    process_keys(app, false);
    CHECK(counts(app).size() == 6);
}

TEST_CASE("a count's Enter, pressed and released between two frames while its field is typed in, is kept for the field") {
    TempFolder folder;
    AppState app;
    open_walk(app, folder, plan_with_queues(), TimingMode::lap);
    press(app, GLFW_KEY_ENTER);
    process_keys(app, true);  // another text field: its Enter is not the count's
    CHECK_FALSE(app.counting.enter_requested);
    app.counting.typing = true;
    press(app, GLFW_KEY_KP_ENTER);
    process_keys(app, true);
    CHECK(app.counting.enter_requested);
    CHECK(app.doc.session().events.empty());  // the field records it, with its number
}

TEST_CASE("Setup's queues: added, renamed, removed and undone as plan edits, one the walk counted stays, and so does the step it feeds") {
    TempFolder folder;
    AppState app;
    Session plan = plan_with_queues();
    plan.queues.clear();
    open_walk(app, folder, plan, TimingMode::lap);
    app.screen = Screen::setup;

    add_queue(app);
    REQUIRE(app.doc.session().queues.size() == 1);
    Queue& inbox = app.doc.plan().queues[0];
    CHECK(inbox.name == "Queue 1");
    CHECK(inbox.before_step == 1);
    CHECK_FALSE(inbox.wip_limit);
    CHECK(app.message->text == "Queue “Queue 1” added — Undo [Ctrl+Z]");
    const RecoveryResult journaled = recover(app.doc.file());
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->session.queues.size() == 1);  // journaled at once

    CHECK_FALSE(rename_queue(app, inbox, ""));
    CHECK(app.message->error);
    CHECK(inbox.name == "Queue 1");
    CHECK(rename_queue(app, inbox, "Inbox"));
    finish_plan_edit(app);
    const QueueId inbox_id = inbox.id;

    // Counted on the walk: it stays, and so does the step it feeds.
    count_queue(app, inbox_id, 4, app.clock.now_ms());
    CHECK(app.doc.state().last_count(inbox_id) == 4);
    remove_queue(app, 0);
    CHECK(app.doc.session().queues.size() == 1);
    CHECK(app.message->error);
    CHECK(app.message->text == "“Inbox” has counts in the walk: it stays");
    CHECK(step_delete_problem(app, app.doc.session().steps[0]) == "“Pick” is fed by “Inbox”, which has counts: it stays");
    delete_step(app, 0);
    CHECK(app.doc.session().steps.size() == 2);

    // A step deleted takes the queue before it along; the undo brings both back.
    add_queue(app);
    app.doc.plan().queues[1].before_step = 2;
    app.doc.plan_edited("step “Queue 2” feeds");
    finish_plan_edit(app);
    CHECK_FALSE(step_delete_problem(app, app.doc.session().steps[1]));
    delete_step(app, 1);
    CHECK(app.doc.session().steps.size() == 1);
    CHECK(app.doc.session().queues.size() == 1);
    CHECK(app.message->text == "“Fasten” deleted with the queue before it — Undo [Ctrl+Z]");
    undo(app);
    CHECK(app.doc.session().steps.size() == 2);
    REQUIRE(app.doc.session().queues.size() == 2);
    CHECK(app.doc.session().queues[1].before_step == 2);
    remove_queue(app, 1);
    CHECK(app.doc.session().queues.size() == 1);
    CHECK(app.message->text == "Queue “Queue 2” removed — Undo [Ctrl+Z]");
}

TEST_CASE("queues on screen: Walk in both modes and at 800 × 600, Setup, and Review's list of counts") {
    for (const ImVec2 display : {ImVec2(1280, 800), ImVec2(800, 600)})
        for (const TimingMode mode : {TimingMode::lap, TimingMode::independent}) {
            CAPTURE(display.x);
            CAPTURE(static_cast<int>(mode));
            HeadlessImGui imgui(display);
            TempFolder folder;
            AppState app;
            open_walk(app, folder, plan_with_queues(), mode);
            for (int i = 0; i < 3; ++i) press(app, GLFW_KEY_EQUAL);  // Inbox 3: over its limit of 2
            process_keys(app, false);
            const std::string walk = imgui.shown_text(app);
            CHECK(contains(walk, "Inbox"));
            CHECK(contains(walk, "3 OVER limit 2"));
            CHECK(contains(walk, "+1"));
            CHECK(contains(walk, "[=]"));
            CHECK(contains(walk, "[-]"));
            if (display.x > 1000) CHECK(contains(walk, "Rework"));  // a row per queue when they fit
            else CHECK(contains(walk, "[Q]"));  // else the chosen one's, under the wastes, which goes on with Q

            app.screen = Screen::setup;
            const std::string setup = imgui.shown_text(app);
            CHECK(contains(setup, "Queues"));
            CHECK(contains(setup, "Map data"));
            CHECK(contains(setup, "Demand per day"));

            app.screen = Screen::review;
            app.review.list = ReviewList::counts;
            const std::string review = imgui.shown_text(app);
            CHECK(contains(review, "Queue counts (3)"));
            CHECK(contains(review, "OVER the limit"));
        }
}

TEST_CASE("a typed count: a whole number is recorded, and below 0, not a number, or an unknown queue refused with the reason") {
    TempFolder folder;
    AppState app;
    open_walk(app, folder, plan_with_queues(), TimingMode::independent);
    CHECK(count_typed(app, 1, " 12 ", app.clock.now_ms()));
    CHECK(app.doc.state().last_count(1) == 12);
    CHECK(app.message->text == "Count “Inbox”: 12");

    CHECK_FALSE(count_typed(app, 1, "", app.clock.now_ms()));  // nothing typed: nothing said
    CHECK(app.message->text == "Count “Inbox”: 12");
    for (const char* typed : {"3.5", "abc", "12x", "99999999999999999999999"}) {
        CAPTURE(typed);
        CHECK_FALSE(count_typed(app, 1, typed, app.clock.now_ms()));
        CHECK(app.message->error);
        CHECK(app.message->text == "A count is a whole number of items, 0 or more (not “" + std::string(typed) + "”)");
    }
    count_typed(app, 1, "-3", app.clock.now_ms());
    CHECK(app.message->error);
    CHECK(contains(app.message->text, "“Inbox” cannot hold fewer than 0"));
    count_queue(app, 9, 1, app.clock.now_ms());
    CHECK(app.message->error);
    CHECK(contains(app.message->text, "the plan has no queue 9"));
    CHECK(app.doc.session().events.size() == 1);  // only the 12
    CHECK(app.doc.state().last_count(1) == 12);
}

TEST_CASE("who touches a step: typed with commas, read back trimmed, empty entries dropped") {
    using Names = std::vector<std::string>;
    CHECK(names_text(Names{"Operator", "Team lead"}) == "Operator, Team lead");
    CHECK(names_text(Names{}).empty());
    CHECK(names_from_text("Operator, Team lead") == Names{"Operator", "Team lead"});
    CHECK(names_from_text("  Welder ,, Team lead,  ") == Names{"Welder", "Team lead"});
    CHECK(names_from_text("Operator, ") == Names{"Operator"});  // while the next one is being typed
    CHECK(names_from_text(" , ").empty());
    CHECK(names_from_text("Nurse (ward 3)") == Names{"Nurse (ward 3)"});
}

TEST_CASE("a count typed while a walk note is open goes to the count's field, and its Enter records the count, not the note") {
    HeadlessImGui imgui(ImVec2(1280, 800));
    TempFolder folder;
    AppState app;
    open_walk(app, folder, plan_with_queues(), TimingMode::lap);
    const std::optional<ImVec2> field = first_count_field(imgui, app);
    REQUIRE(field);
    open_note(app);
    imgui.frames(app, 1);  // the frame of the N that opened it
    type_text(imgui, app, "box");
    imgui.frames(app, 1);
    click(imgui, app, *field);
    REQUIRE(app.counting.typing);
    type_text(imgui, app, "7");
    key_stroke(imgui, app, GLFW_KEY_ENTER);
    CHECK(counts(app) == std::vector<std::pair<QueueId, std::int64_t>>{{1, 7}});
    CHECK(app.note.open);  // still being typed, without the count's digits
    CHECK(app.note.text == "box");
    CHECK(app.doc.state().notes().empty());
}

TEST_CASE("an optional number of the plan is shown in its Setup field as it reads back, large ones too") {
    // "%g" showed a WIP limit of 2,500,000 as "2.5e+06": one Backspace there read back as 2.5.
    CHECK(plan_number_text(2'500'000) == "2500000");
    CHECK(plan_number_text(1'000'000'000) == "1000000000");
    CHECK(plan_number_text(99.5) == "99.5");
    CHECK(plan_number_text(0.1 + 0.2) == "0.3");
    // A changeover of 7 min 30.5 s, shown in minutes, reads back to the same milliseconds.
    const std::string minutes = plan_number_text(450'500 / 60'000.0);
    CHECK(std::llround(std::strtod(minutes.c_str(), nullptr) * 60'000.0) == 450'500);
}

TEST_CASE("a count field left while typed in, its queues then removed, does not keep a walk note's Enter and Esc from it") {
    HeadlessImGui imgui(ImVec2(1280, 800));
    TempFolder folder;
    AppState app;
    open_walk(app, folder, plan_with_queues(), TimingMode::lap);
    const std::optional<ImVec2> field = first_count_field(imgui, app);
    REQUIRE(field);
    click(imgui, app, *field);
    REQUIRE(app.counting.typing);
    app.screen = Screen::setup;  // left by a tap on Setup, the field let go
    imgui.frames(app, 2);
    remove_queue(app, 1);
    remove_queue(app, 0);
    REQUIRE(app.doc.session().queues.empty());
    app.screen = Screen::walk;
    imgui.frames(app, 2);
    open_note(app);
    imgui.frames(app, 1);  // the frame of the N that opened it
    type_text(imgui, app, "late");
    key_stroke(imgui, app, GLFW_KEY_ENTER);
    REQUIRE(app.doc.state().notes().size() == 1);
    CHECK(app.doc.state().notes()[0].text == "late");
    CHECK_FALSE(app.note.open);
}

TEST_CASE("a count typed and left without Enter stays with its walk: another walk opened has an empty field") {
    HeadlessImGui imgui(ImVec2(1280, 800));
    TempFolder folder;
    AppState app;
    open_walk(app, folder, plan_with_queues(), TimingMode::lap);
    const std::filesystem::path first = app.doc.file();
    const std::optional<ImVec2> field = first_count_field(imgui, app);
    REQUIRE(field);
    click(imgui, app, *field);
    type_text(imgui, app, "12");
    click(imgui, app, ImVec2(640, 790));  // the status line: the field lets go, its 12 not recorded
    REQUIRE_FALSE(app.counting.typing);
    REQUIRE(app.doc.session().events.empty());

    Session other = plan_with_queues();  // the same queue ids
    other.title = "Another line";
    const std::filesystem::path second = folder / "data" / "other.json";
    REQUIRE(save_session(second, other).ok);
    REQUIRE(open_session(app, second));
    REQUIRE(app.doc.file() != first);
    imgui.frames(app, 2);
    click(imgui, app, *field);
    REQUIRE(app.counting.typing);
    key_stroke(imgui, app, GLFW_KEY_ENTER);
    CHECK(counts(app).empty());  // nothing typed in this walk: nothing counted
}
