// Improve, Problems with no window (Dear ImGui's example_null pattern): a problem raised by clicks on a tag
// in Review, taken through its whys (W and typing), root cause, an idea (I, typing, Enter) and an
// action; each edit one plan edit that Ctrl+Z on the Improve screen takes back, named in the status
// line; and Setup keeping a step that a problem names.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/problem_actions.hpp"
#include "app/gui/screens.hpp"
#include "core/file/journal.hpp"
#include "gui_support.hpp"
#include "tests/support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
using gemba::test::HeadlessImGui;
using gemba::test::key_stroke;
using gemba::test::press;
using gemba::test::type_text;

const std::filesystem::path kExample = std::filesystem::path(GEMBA_SOURCE_DIR) / "data/examples/assembly-line.json";

// The example's first tag: Motion at “Walk & pick housing”, 3.5 s into the walk (event 3), with its note.
constexpr EventId kFirstMotion = 3;

bool shows(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void click(HeadlessImGui& imgui, AppState& app, ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    imgui.frames(app, 1);
    io.MouseDown[0] = true;
    imgui.frames(app, 1);
    io.MouseDown[0] = false;
    imgui.frames(app, 2);
}

// The popup a click opened, if one is open.
ImGuiWindow* open_popup() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.OpenPopupStack.Size > 0 ? g.OpenPopupStack.back().Window : nullptr;
}

}  // namespace

TEST_CASE("a tag raised as a problem in Review, taken through whys, root cause, an idea and an action, each undone by Ctrl+Z on Improve") {
    test::TempFolder folder;
    HeadlessImGui imgui(ImVec2(1280, 3000));  // tall: the whole page in one frame's text
    AppState app;
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    const std::filesystem::path file = folder / "walk.json";
    std::filesystem::copy_file(kExample, file);
    REQUIRE(open_session(app, file));
    app.screen = Screen::review;
    app.review.list = ReviewList::tags;
    imgui.frames(app, 2);
    REQUIRE(app.doc.state().find_tag(kFirstMotion) != nullptr);

    // What each edit leaves, to compare with what each undo brings back.
    std::vector<Improvement> states{app.doc.session().improvement};
    const auto keep = [&] { states.push_back(app.doc.session().improvement); };

    // The first tag row's “Problem…” (the table's last column, found from the top), then its menu's
    // first item, “Raise a problem from it”: the Problems view opens on the new problem.
    const float x = ImGui::GetIO().DisplaySize.x - 3.0f * gui::kBaseFontPx;
    for (float y = 0; y < 600 && !open_popup(); y += 8) click(imgui, app, ImVec2(x, y));
    const ImGuiWindow* menu = open_popup();
    REQUIRE(menu != nullptr);
    click(imgui, app, ImVec2(menu->Pos.x + menu->WindowPadding.x + gui::kBaseFontPx,
                             menu->Pos.y + menu->WindowPadding.y + 0.5f * gui::kBaseFontPx));
    // The example holds two problems and ideas 1 to 4 already: the new ones come next.
    const ProblemId id = 3;
    REQUIRE(app.doc.session().improvement.find_problem(id) != nullptr);
    CHECK(app.doc.session().improvement.find_problem(id)->evidence ==
          std::vector<Evidence>{Evidence{EvidenceKind::event, kFirstMotion, kNoStep, {}}});
    keep();
    CHECK(app.screen == Screen::improve);
    CHECK(app.improve_view == ImproveView::problems);
    REQUIRE(app.message);
    CHECK(app.message->text == "Done: raise “Motion at Walk & pick housing” — Undo [Ctrl+Z] on this screen");

    // W adds a why and gives its answer the keyboard; typed, then Enter leaves the field.
    imgui.frames(app, 2);
    key_stroke(imgui, app, GLFW_KEY_W);
    keep();
    type_text(imgui, app, "the rack is behind her");
    key_stroke(imgui, app, GLFW_KEY_ENTER);
    imgui.frames(app, 2);
    const auto raised = [&] { return *app.doc.session().improvement.find_problem(id); };
    REQUIRE(raised().whys.size() == 1);
    CHECK(raised().whys[0].because == "the rack is behind her");
    keep();
    CHECK(app.doc.plan_undo_name() == "edit why");

    improvement_edit(app, [&](Improvement& i) { return mark_root_cause(i, id, 0); });
    keep();
    // I: the new idea's field, typed, Enter adds it.
    key_stroke(imgui, app, GLFW_KEY_I);
    type_text(imgui, app, "move the rack beside her");
    key_stroke(imgui, app, GLFW_KEY_ENTER);
    imgui.frames(app, 2);
    REQUIRE(raised().ideas.size() == 1);
    CHECK(raised().ideas[0].text == "move the rack beside her");
    CHECK(raised().ideas[0].id == 5);
    keep();
    // Its “Make it an action”.
    REQUIRE(improvement_edit(app, [](Improvement& i) { return choose_idea(i, 5); }).done);
    keep();

    const std::string page = imgui.shown_text(app);
    CAPTURE(page);
    CHECK(shows(page, "Motion at Walk & pick housing, 00:03.5 on the walk clock, note: Turns and walks 3 m to the "
                      "housing rack behind her, every cycle"));
    CHECK(shows(page, "the rack is behind her"));
    CHECK(shows(page, "Root"));
    CHECK(shows(page, "move the rack beside her"));
    CHECK(shows(page, "To do"));

    // The walk's journal holds the plan as it is now: a crash would give the whole thread back.
    const RecoveryResult journaled = recover(file);
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->session.improvement == app.doc.session().improvement);

    // Ctrl+Z on Improve: the plan's undo, one edit at a time, each named; the log is untouched.
    const std::size_t events = app.doc.session().events.size();
    const char* undone[] = {"Undone: make “move the rack beside her” an action", "Undone: add idea",
                            "Undone: mark root cause", "Undone: edit why", "Undone: add why",
                            "Undone: raise “Motion at Walk & pick housing”"};
    for (std::size_t step = 0; step < std::size(undone); ++step) {
        CAPTURE(step);
        press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
        imgui.frames(app, 1);
        REQUIRE(app.message);
        CHECK(app.message->text == undone[step]);
        CHECK(app.doc.session().improvement == states[states.size() - 2 - step]);
    }
    CHECK(app.doc.session().events.size() == events);
    // Ctrl+Y does them again.
    for (int step = 0; step < 6; ++step) press(app, GLFW_KEY_Y, GLFW_MOD_CONTROL);
    imgui.frames(app, 1);
    CHECK(app.doc.session().improvement == states.back());
}

TEST_CASE("a step a problem or an action names stays in Setup, and says which") {
    test::TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    Plan plan;
    plan.title = "Line";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0}};
    start_session(app, plan);
    app.screen = Screen::setup;
    CHECK_FALSE(step_delete_problem(app, app.doc.session().steps[1]));

    REQUIRE(raise_problem(app, Evidence{EvidenceKind::step, kNoEvent, 2, {}}) == 1);
    CHECK(app.doc.session().improvement.problems[0].title == "Fasten");
    app.screen = Screen::setup;
    CHECK(step_delete_problem(app, app.doc.session().steps[1]) == "“Fasten” is named by problem “Fasten”: it stays");
    delete_step(app, 1);
    CHECK(app.doc.session().steps.size() == 2);
    REQUIRE(app.message);
    CHECK(app.message->text == "“Fasten” is named by problem “Fasten”: it stays");
    imgui.frames(app, 2);  // Setup draws the Delete button disabled, with the reason
}

TEST_CASE("the Problems view with nothing raised says how to raise one, and W says to raise one first") {
    test::TempFolder folder;
    HeadlessImGui imgui(ImVec2(800, 600));
    AppState app;
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    Plan plan;
    plan.title = "Line";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}};
    start_session(app, plan);
    app.screen = Screen::improve;
    const std::string empty = imgui.shown_text(app);
    CHECK(shows(empty, "No problems raised yet"));
    key_stroke(imgui, app, GLFW_KEY_W);
    REQUIRE(app.message);
    CHECK(app.message->text == "Raise a problem first (Review: a row's “Problem…”)");
    CHECK(app.doc.session().improvement.empty());
    // I too: with no problem there is no idea field, and the keyboard is not promised to one that a
    // later problem would show (the next W would be typed into it).
    app.message.reset();
    key_stroke(imgui, app, GLFW_KEY_I);
    CHECK(app.focus_field == ProblemsField::none);
    REQUIRE(app.message);
    CHECK(app.message->text == "Raise a problem first (Review: a row's “Problem…”)");
}

TEST_CASE("Add to problem from Review: the evidence joins the problem once, the screen stays, the status line says where to undo it") {
    test::TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    const std::filesystem::path file = folder / "walk.json";
    std::filesystem::copy_file(kExample, file);
    REQUIRE(open_session(app, file));
    app.screen = Screen::review;
    const Evidence tag{EvidenceKind::event, kFirstMotion, kNoStep, {}};
    const std::size_t before = app.doc.session().improvement.find_problem(2)->evidence.size();
    CHECK(add_to_problem(app, 2, tag));
    CHECK(app.screen == Screen::review);
    REQUIRE(app.message);
    CHECK(app.message->text == "Added to “Screws re-tightened by hand after the driver clicked” (undo it on the Improve screen)");
    CHECK(app.doc.session().improvement.find_problem(2)->evidence.size() == before + 1);
    CHECK(app.doc.session().improvement.find_problem(2)->evidence.back() == tag);
    CHECK_FALSE(add_to_problem(app, 2, tag));
    CHECK(app.message->text == "“Screws re-tightened by hand after the driver clicked” has that evidence already");
    CHECK(app.message->error);
    imgui.frames(app, 2);
}

TEST_CASE("the Undo button on the Problems view takes the last edit back, and the page is drawn from what is left") {
    // The button is pressed while the page is being drawn: the plan it restores replaces the list of
    // problems that the view had chosen from (under AddressSanitizer a use after free, before).
    test::TempFolder folder;
    HeadlessImGui imgui;
    AppState app;
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    const std::filesystem::path file = folder / "walk.json";
    std::filesystem::copy_file(kExample, file);
    REQUIRE(open_session(app, file));
    app.screen = Screen::improve;
    app.improve_view = ImproveView::problems;
    imgui.frames(app, 2);
    REQUIRE(chosen_problem(app) != nullptr);
    const ProblemId id = chosen_problem(app)->id;
    const std::size_t whys = chosen_problem(app)->whys.size();
    REQUIRE(improvement_edit(app, [&](Improvement& i) { return add_why(i, id); }).done);
    REQUIRE(chosen_problem(app)->whys.size() == whys + 1);
    imgui.frames(app, 2);

    // The Undo button: the first button of the page under the Problems / Board / Compare row, at the left.
    for (float y = 0; y < 400 && !(app.message && shows(app.message->text, "Undone")); y += 6) {
        click(imgui, app, ImVec2(20, y));
        app.screen = Screen::improve;  // a tab of the top row, passed on the way down
        app.improve_view = ImproveView::problems;
    }
    REQUIRE(app.message);
    CHECK(app.message->text == "Undone: add why");
    CHECK(chosen_problem(app)->whys.size() == whys);
    CHECK(shows(imgui.shown_text(app), chosen_problem(app)->title));
}
