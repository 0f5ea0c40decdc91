// The board of actions on the Improve screen, with no window: cards in their columns with the WIP
// count, chosen with the arrow keys and moved with Shift+arrow, each move one plan edit that Ctrl+Z
// takes back; a full Doing refuses, in words; the folder's other walks shown read-only.
#include <doctest/doctest.h>

#include <imgui_internal.h>

#include "app/gui/board_actions.hpp"
#include "core/file/journal.hpp"
#include "gui_support.hpp"
#include "tests/action_support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
using gemba::test::HeadlessImGui;
using gemba::test::key_stroke;
using gemba::test::open_walk;
using gemba::test::TempFolder;

const std::filesystem::path kSource = GEMBA_SOURCE_DIR;

using gemba::test::action;

// The assembly line with one problem and three actions; the limit on Doing is 2, one is in Doing.
// Due dates far from any day the test runs on: 2001 is overdue, 2999 is not.
void open_with_actions(AppState& app, const TempFolder& folder) {
    open_walk(app, folder, load_session(kSource / "data/templates/assembly-line.json").session.value(), TimingMode::lap);
    Improvement& improvement = app.doc.plan().improvement;
    improvement.problems.push_back(RaisedProblem{1, "Walking to the parts rack", {}, {}, {}});
    improvement.actions = {action(1, "Kit parts at the line", "Ben", "2999-12-15", ActionStatus::doing),
                           action(2, "Move the rack", "Ana", "2001-01-10", ActionStatus::todo),
                           action(3, "Label the bins", "Ana", "", ActionStatus::todo)};
    improvement.doing_limit = 2;
    app.doc.plan_edited("the improvement");
    app.doc.finish_plan_edit();
    app.screen = Screen::improve;
    app.improve_view = ImproveView::board;
}

ActionStatus status_of(const AppState& app, ActionId id) { return app.doc.session().improvement.find_action(id)->status; }

}  // namespace

TEST_CASE("the board shows each card with its owner, due date and OVERDUE in words, and Doing's WIP count") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_with_actions(app, folder);
    const std::string shown = imgui.shown_text(app);
    CHECK(shown.find("To do\n2 actions") != std::string::npos);
    CHECK(shown.find("Doing\nWIP 1 / 2") != std::string::npos);
    CHECK(shown.find("WIP 1 / 2") != std::string::npos);
    CHECK(shown.find("OVERDUE: was due 2001-01-10") != std::string::npos);
    CHECK(shown.find("Due 2999-12-15") != std::string::npos);
    CHECK(shown.find("Owner: Ana") != std::string::npos);
    CHECK(shown.find("Problem: Walking to the parts rack") != std::string::npos);
}

TEST_CASE("a card moved by keys is one plan edit: Ctrl+Z takes it back, a full Doing refuses and says how to go on") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_with_actions(app, folder);
    imgui.frames(app, 2);

    key_stroke(imgui, app, GLFW_KEY_DOWN);  // nothing chosen yet: the first card, To do's overdue one
    CHECK(app.board.chosen == 2);
    key_stroke(imgui, app, GLFW_KEY_RIGHT, GLFW_MOD_SHIFT);
    CHECK(status_of(app, 2) == ActionStatus::doing);
    CHECK(app.doc.plan_undo_name() == "move Move the rack to Doing");
    // Journaled at once: the journal's plan record carries the move, as after a crash.
    const RecoveryResult journaled = recover(app.doc.file());
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->session.improvement.find_action(2)->status == ActionStatus::doing);
    CHECK(imgui.shown_text(app).find("WIP 2 / 2 full") != std::string::npos);

    key_stroke(imgui, app, GLFW_KEY_LEFT);  // back to To do: its one card left, Label the bins
    CHECK(app.board.chosen == 3);
    key_stroke(imgui, app, GLFW_KEY_RIGHT, GLFW_MOD_SHIFT);
    CHECK(status_of(app, 3) == ActionStatus::todo);
    REQUIRE(app.message);
    CHECK(app.message->error);
    CHECK(app.message->text == "Doing is full (2 / 2 full): finish or drop one of its actions first, or raise the limit.");

    key_stroke(imgui, app, GLFW_KEY_Z, GLFW_MOD_CONTROL);  // the plan's undo on the Improve screen
    CHECK(status_of(app, 2) == ActionStatus::todo);
    CHECK(app.doc.session().events.empty());  // no undo event in the log
    CHECK(imgui.shown_text(app).find("WIP 1 / 2") != std::string::npos);
    key_stroke(imgui, app, GLFW_KEY_Y, GLFW_MOD_CONTROL);
    CHECK(status_of(app, 2) == ActionStatus::doing);
}

TEST_CASE("the arrow keys choose among the open walk's cards, Shift+Left from To do goes nowhere") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_with_actions(app, folder);
    imgui.frames(app, 2);
    key_stroke(imgui, app, GLFW_KEY_UP);  // the first card
    CHECK(app.board.chosen == 2);
    key_stroke(imgui, app, GLFW_KEY_DOWN);
    CHECK(app.board.chosen == 3);
    key_stroke(imgui, app, GLFW_KEY_DOWN);  // the last card of the column stays chosen
    CHECK(app.board.chosen == 3);
    key_stroke(imgui, app, GLFW_KEY_RIGHT);  // Doing, at its last card
    CHECK(app.board.chosen == 1);
    key_stroke(imgui, app, GLFW_KEY_RIGHT);  // Done is empty: stays
    CHECK(app.board.chosen == 1);
    key_stroke(imgui, app, GLFW_KEY_RIGHT, GLFW_MOD_SHIFT);  // Kit parts → Done
    CHECK(status_of(app, 1) == ActionStatus::done);
    key_stroke(imgui, app, GLFW_KEY_LEFT);
    key_stroke(imgui, app, GLFW_KEY_LEFT, GLFW_MOD_SHIFT);  // a To do card: no column on its left
    CHECK(status_of(app, 2) == ActionStatus::todo);
    CHECK(status_of(app, 3) == ActionStatus::todo);
    CHECK(app.message->error);
}

TEST_CASE("the board renders at 800x600, its columns one under the other") {
    TempFolder folder;
    HeadlessImGui imgui(ImVec2(800, 600));
    AppState app;
    open_with_actions(app, folder);
    const std::string shown = imgui.shown_text(app);
    CHECK(shown.find("To do\n2 actions") != std::string::npos);
    CHECK(shown.find("Done\n0 actions") != std::string::npos);
}

TEST_CASE("All walks in this folder: the other session files' actions, read once, read-only, bad files counted") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_with_actions(app, folder);
    Session other = load_session(kSource / "data/templates/office-approval.json").session.value();
    other.title = "Office approval";
    other.improvement.problems.push_back(RaisedProblem{1, "Approval waits a day", {}, {}, {}});
    other.improvement.actions = {action(1, "Approve small invoices at once", "Cy", "2001-02-01", ActionStatus::todo)};
    REQUIRE(save_session(app.paths.data_dir / "office.json", other).ok);
    test::write_all(app.paths.data_dir / "broken.json", "{");

    show_folder_walks(app, true);
    const ActionBoard& board = current_board(app);
    REQUIRE(app.board.walks.size() == 2);
    CHECK(app.board.walks[1].file.filename() == "office.json");
    REQUIRE(app.board.others.unreadable.size() == 1);
    CHECK(app.board.others.unreadable[0].file.filename() == "broken.json");
    // To do: both overdue; the open walk's Move the rack (2001-01-10) before the office's (2001-02-01).
    REQUIRE(board.columns[0].size() == 3);
    CHECK(board.columns[0][1].walk == 1);
    CHECK(board.wip.size() == 2);
    const std::string shown = imgui.shown_text(app);
    CHECK(shown.find("From the walk Office approval (read-only)") != std::string::npos);
    CHECK(shown.find("Open this walk") != std::string::npos);
    CHECK(shown.find("1 file of this folder did not load") != std::string::npos);
    CHECK(shown.find("Office approval: 0 / 3") != std::string::npos);

    // The keys choose only the open walk's cards.
    key_stroke(imgui, app, GLFW_KEY_DOWN);
    key_stroke(imgui, app, GLFW_KEY_DOWN);
    CHECK(app.board.chosen == 3);

    // Read once: a change on disk shows after "Read the folder again", not by itself.
    other.improvement.actions[0].title = "Approve at once";
    REQUIRE(save_session(app.paths.data_dir / "office.json", other).ok);
    imgui.frames(app, 2);
    CHECK(app.board.others.walks[0].plan.improvement.actions[0].title == "Approve small invoices at once");
    reload_folder_walks(app);
    CHECK(current_board(app).columns[0][1].title == "Approve at once");

    filter_walk(app, 1);
    CHECK(current_board(app).columns[0].size() == 1);
    filter_owner(app, "Ana");
    CHECK(current_board(app).columns[0].empty());
}

TEST_CASE("a card dragged onto another column moves there, as one plan edit") {
    TempFolder folder;
    HeadlessImGui imgui;  // 1280 × 800 at scale 1: the columns side by side, a third of the width each
    AppState app;
    open_with_actions(app, folder);
    imgui.frames(app, 2);
    ImGuiIO& io = ImGui::GetIO();
    // The To do column's first card (Move the rack, overdue) lies under (200, 330) at this size; the
    // Done column is the right third. Pressed, dragged in steps, released there.
    io.MousePos = ImVec2(200, 330);
    imgui.frames(app, 1);
    io.MouseDown[0] = true;
    imgui.frames(app, 1);
    for (float x = 260; x <= 1060; x += 100) {
        io.MousePos = ImVec2(x, 450);
        imgui.frames(app, 1);
    }
    io.MousePos = ImVec2(1060, 500);
    imgui.frames(app, 2);
    io.MouseDown[0] = false;
    imgui.frames(app, 2);
    CHECK(status_of(app, 2) == ActionStatus::done);
    CHECK(app.board.chosen == 2);
    CHECK(app.doc.plan_undo_name() == "move Move the rack to Done");
    // Dropped back on its own column: nothing happens, nothing is said in red.
    io.MousePos = ImVec2(1060, 330);
    imgui.frames(app, 1);
    io.MouseDown[0] = true;
    imgui.frames(app, 1);
    io.MousePos = ImVec2(1060, 420);
    imgui.frames(app, 2);
    io.MouseDown[0] = false;
    imgui.frames(app, 2);
    CHECK(status_of(app, 2) == ActionStatus::done);
    CHECK_FALSE(app.message->error);
}

TEST_CASE("another walk opened: the card chosen on the last walk's board is not chosen on this one's") {
    TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    open_with_actions(app, folder);
    imgui.frames(app, 2);
    key_stroke(imgui, app, GLFW_KEY_DOWN);  // Move the rack (action 2), on this walk's board
    REQUIRE(app.board.chosen == 2);
    filter_owner(app, "Ana");
    app.chosen_problem = 1;

    // Another walk with actions of the same ids (a copy of the process, saved apart).
    Session other = app.doc.session();
    other.title = "Assembly line, night shift";
    const std::filesystem::path night = app.paths.data_dir / "night.json";
    REQUIRE(save_session(night, other).ok);
    REQUIRE(app.doc.save().done);
    REQUIRE(open_session(app, night));
    app.screen = Screen::improve;
    app.improve_view = ImproveView::board;
    imgui.frames(app, 2);
    CHECK(app.board.chosen == 0);
    CHECK_FALSE(app.board.owner);
    CHECK(app.chosen_problem == 0);

    // Shift+Right at once: nothing was chosen on this walk, so no card of it moves.
    key_stroke(imgui, app, GLFW_KEY_RIGHT, GLFW_MOD_SHIFT);
    CHECK(status_of(app, 2) == ActionStatus::todo);
    CHECK_FALSE(app.doc.plan_undo_name());
    REQUIRE(app.message);
    CHECK(app.message->text == "Choose a card first (arrow keys).");
}

TEST_CASE("Open this walk on a card of the folder's board opens that walk in the middle of drawing the board") {
    TempFolder folder;
    HeadlessImGui imgui(ImVec2(1280, 2000));  // tall: every card in view
    AppState app;
    open_with_actions(app, folder);
    REQUIRE(app.doc.save().done);  // nothing unsaved: the walk opens at the click
    Session other = load_session(kSource / "data/templates/office-approval.json").session.value();
    other.title = "Office approval";
    other.improvement.problems.push_back(RaisedProblem{1, "Approval waits a day", {}, {}, {}});
    other.improvement.actions = {action(1, "Approve small invoices at once", "Cy", "2001-02-01", ActionStatus::todo)};
    const std::filesystem::path office = app.paths.data_dir / "office.json";
    REQUIRE(save_session(office, other).ok);
    show_folder_walks(app, true);
    filter_owner(app, "Ana");  // a choice of this walk's board, not of the next one
    filter_owner(app, std::nullopt);
    imgui.frames(app, 2);

    // Clicks down the To do column (inside the columns only: the filters above would change the
    // board) until the office card's button opens its walk.
    ImGuiIO& io = ImGui::GetIO();
    for (float y = 0; y < 1900 && app.doc.file() != office; y += 6) {
        io.MousePos = ImVec2(40, y);
        imgui.frames(app, 1);
        const ImGuiWindow* hovered = ImGui::GetCurrentContext()->HoveredWindow;
        if (!hovered || std::string(hovered->Name).find("/board") == std::string::npos) continue;
        io.MouseDown[0] = true;
        imgui.frames(app, 1);
        io.MouseDown[0] = false;
        imgui.frames(app, 1);
    }
    REQUIRE(app.doc.file() == office);
    CHECK(app.doc.session().title == "Office approval");
    app.screen = Screen::improve;  // the opened walk shows its Walk screen
    const std::string shown = imgui.shown_text(app);
    CHECK(shown.find("Approve small invoices at once") != std::string::npos);
    CHECK(app.board.chosen == 0);
}
