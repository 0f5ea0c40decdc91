// The board of actions (core/report/action_board): columns, filters, reading order, the WIP limit
// on Doing and its refusals, overdue on a given day. Every expectation below is written by hand.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/report/action_board.hpp"
#include "support.hpp"

using namespace gemba;

namespace {

Action action(ActionId id, std::string title, std::string owner, std::string due, ActionStatus status,
              ProblemId problem = 1) {
    Action a;
    a.id = id;
    a.problem = problem;
    a.title = std::move(title);
    a.owner = std::move(owner);
    a.due = std::move(due);
    a.status = status;
    return a;
}

// The assembly line walk: one problem (walking to the rack at Fasten), six actions.
BoardWalk assembly() {
    BoardWalk walk;
    walk.file = "walks/assembly.json";
    walk.plan.title = "Assembly line";
    walk.plan.steps = {Step{1, "Pick", ValueClass::value_added}, Step{3, "Fasten", ValueClass::value_added}};
    walk.plan.improvement.problems.push_back(RaisedProblem{1, "Walking to the parts rack", {}, {}, {}});
    using enum ActionStatus;
    walk.plan.improvement.actions = {
        action(1, "Kit parts at Fasten", "Ben", "2026-12-15", doing),
        action(2, "Move the rack", "Ana", "2026-11-20", todo),  // overdue on 2026-11-29
        action(3, "Label the bins", "Ana", "", todo),
        action(4, "Shadow board", "Ben", "2026-11-01", done),  // past, but done: not overdue
        action(5, "Second rack", "", "2026-12-01", todo),
        action(6, "Conveyor", "Cy", "2026-10-01", dropped),
    };
    walk.plan.improvement.actions[0].expected = ExpectedEffect{Metric::wait_before, 3, Waste{}, Direction::decrease};
    return walk;
}

// A second walk in the same folder, without a title.
BoardWalk invoices() {
    BoardWalk walk;
    walk.file = "walks/invoices.json";
    walk.plan.improvement.problems.push_back(RaisedProblem{1, "Invoices wait for approval", {}, {}, {}});
    walk.plan.improvement.actions = {action(1, "Approve under 500 without a second look", "Ana", "2026-11-28",
                                            ActionStatus::doing)};
    walk.plan.improvement.doing_limit = 1;
    return walk;
}

std::vector<ActionId> ids(const std::vector<BoardCard>& cards) {
    std::vector<ActionId> out;
    for (const BoardCard& c : cards) out.push_back(c.action);
    return out;
}

constexpr std::string_view kToday = "2026-11-29";

}  // namespace

TEST_CASE("the board: To do, Doing, Done, dropped apart, overdue first, then by due date, undated last") {
    const std::vector<BoardWalk> walks{assembly()};
    const ActionBoard board = make_board(walks, {}, kToday);
    // To do: 2 (due 11-20, overdue), 5 (12-01), 3 (no date).
    CHECK(ids(board.columns[0]) == std::vector<ActionId>{2, 5, 3});
    CHECK(ids(board.columns[1]) == std::vector<ActionId>{1});
    CHECK(ids(board.columns[2]) == std::vector<ActionId>{4});
    CHECK(ids(board.dropped) == std::vector<ActionId>{6});
    CHECK(board.columns[0][0].overdue);
    CHECK_FALSE(board.columns[0][1].overdue);
    CHECK_FALSE(board.columns[2][0].overdue);  // done on time or not, it is done
    CHECK(board.columns[1][0].problem == "Walking to the parts rack");
    CHECK(board.columns[1][0].expected == "Wait before Fasten should decrease");
    REQUIRE(board.wip.size() == 1);
    CHECK(board.wip[0].doing == 1);
    CHECK(board.wip[0].limit == 3);
    CHECK(board.owners == std::vector<std::string>{"Ana", "Ben", "Cy", ""});
}

TEST_CASE("overdue depends on the day given: due today is not overdue, due yesterday is") {
    std::vector<BoardWalk> walks{assembly()};
    CHECK_FALSE(make_board(walks, {}, "2026-11-20").columns[0][0].overdue);  // action 2 is due that day
    CHECK(make_board(walks, {}, "2026-11-21").columns[0][0].overdue);
    // On 2026-12-02 action 5 (due 12-01) is overdue too, and action 1 (doing, 12-15) is not.
    const ActionBoard later = make_board(walks, {}, "2026-12-02");
    CHECK(ids(later.columns[0]) == std::vector<ActionId>{2, 5, 3});
    CHECK(later.columns[0][1].overdue);
    CHECK_FALSE(later.columns[1][0].overdue);
    // Overdue comes before an earlier date that is not overdue: on 2026-12-16 action 1 (doing) is
    // overdue; in To do, 2 and 5 both are, by date.
    walks[0].plan.improvement.actions[0].status = ActionStatus::todo;
    walks[0].plan.improvement.actions[0].due = "2026-12-20";
    walks[0].plan.improvement.actions[2].due = "2026-12-18";  // 3: due later than today
    const ActionBoard december = make_board(walks, {}, "2026-12-19");
    // 2 (11-20, overdue), 5 (12-01, overdue), 3 (12-18, overdue), 1 (12-20, not yet).
    CHECK(ids(december.columns[0]) == std::vector<ActionId>{2, 5, 3, 1});
}

TEST_CASE("filters: by owner (nobody is an owner too) and by walk, the WIP count ignores the owner filter") {
    const std::vector<BoardWalk> walks{assembly(), invoices()};
    SUBCASE("owner Ana, every walk") {
        const ActionBoard board = make_board(walks, {.owner = "Ana"}, kToday);
        CHECK(ids(board.columns[0]) == std::vector<ActionId>{2, 3});
        REQUIRE(board.columns[1].size() == 1);
        CHECK(board.columns[1][0].walk == 1);  // the invoice walk's action 1
        CHECK(board.columns[1][0].overdue);     // due 11-28
        CHECK(board.columns[2].empty());
        CHECK(board.dropped.empty());
        REQUIRE(board.wip.size() == 2);
        CHECK(board.wip[0].doing == 1);  // Ben's action 1 still counts against the assembly walk's limit
        CHECK(wip_text(board.wip[1]) == "1 / 1 full");
    }
    SUBCASE("nobody yet") {
        const ActionBoard board = make_board(walks, {.owner = ""}, kToday);
        CHECK(ids(board.columns[0]) == std::vector<ActionId>{5});
        CHECK(board.columns[1].empty());
    }
    SUBCASE("one walk") {
        const ActionBoard board = make_board(walks, {.walk = 1}, kToday);
        CHECK(board.columns[0].empty());
        CHECK(ids(board.columns[1]) == std::vector<ActionId>{1});
        CHECK(board.owners == std::vector<std::string>{"Ana"});
        REQUIRE(board.wip.size() == 1);
        CHECK(board.wip[0].walk == 1);
        CHECK(walk_name(walks[1]) == "invoices");  // no title: the file's name
    }
}

TEST_CASE("the WIP limit in words") {
    CHECK(wip_text(0, 3) == "0 / 3");
    CHECK(wip_text(2, 3) == "2 / 3");
    CHECK(wip_text(3, 3) == "3 / 3 full");
    CHECK(wip_text(4, 3) == "4 / 3 over limit");
}

TEST_CASE("moving a card, a full Doing refuses, and says how to go on") {
    Improvement improvement = assembly().plan.improvement;
    using enum ActionStatus;
    BoardEdit moved = move_action(improvement, 2, doing);
    CHECK(moved.done);
    CHECK(moved.undo_name == "move Move the rack to Doing");
    CHECK(improvement.find_action(2)->status == doing);
    CHECK(move_action(improvement, 3, doing).done);  // 3 / 3 now
    const Improvement full = improvement;
    const BoardEdit refused = move_action(improvement, 5, doing);
    CHECK_FALSE(refused.done);
    CHECK(refused.message == "Doing is full (3 / 3 full): finish or drop one of its actions first, or raise the limit.");
    CHECK(improvement == full);
    // Out of Doing and back in: room again.
    CHECK(move_action(improvement, 1, done).done);
    CHECK(move_action(improvement, 5, doing).done);
    // Back from Done into a full Doing is refused the same way.
    CHECK_FALSE(move_action(improvement, 1, doing).done);
    // Dropped and back to To do: always room.
    CHECK(move_action(improvement, 6, todo).done);
    CHECK(move_action(improvement, 6, dropped).done);
    SUBCASE("no such action, already there") {
        CHECK(move_action(improvement, 99, todo).message == "There is no action 99 on the board.");
        CHECK(move_action(improvement, 4, todo).done);
        const BoardEdit again = move_action(improvement, 4, todo);
        CHECK_FALSE(again.done);
        CHECK(again.message == "“Shadow board” is in To do already.");
    }
}

TEST_CASE("a file may hold more in Doing than its limit: shown over limit, nothing more goes in") {
    Improvement improvement = assembly().plan.improvement;
    improvement.doing_limit = 1;
    improvement.find_action(2)->status = ActionStatus::doing;  // 2 in Doing, limit 1
    BoardWalk walk = assembly();
    walk.plan.improvement = improvement;
    const ActionBoard board = make_board(std::vector<BoardWalk>{walk}, {}, kToday);
    CHECK(wip_text(board.wip[0]) == "2 / 1 over limit");
    CHECK_FALSE(move_action(improvement, 3, ActionStatus::doing).done);
    CHECK(move_action(improvement, 2, ActionStatus::done).done);  // moving out is always allowed
}

TEST_CASE("changing the limit: 1 to 1000, never under what is in Doing") {
    Improvement improvement = assembly().plan.improvement;
    improvement.find_action(2)->status = ActionStatus::doing;
    improvement.find_action(3)->status = ActionStatus::doing;  // 3 in Doing
    CHECK(set_doing_limit(improvement, 0).message == "The limit on Doing is a whole number from 1 to 1000.");
    CHECK_FALSE(set_doing_limit(improvement, 1001).done);
    const BoardEdit lower = set_doing_limit(improvement, 2);
    CHECK_FALSE(lower.done);
    CHECK(lower.message ==
          "3 actions are in Doing: move 1 of them on (finish or drop them) first, or keep the limit at 3 or more.");
    CHECK(improvement.doing_limit == 3);
    const BoardEdit raised = set_doing_limit(improvement, 4);
    CHECK(raised.done);
    CHECK(raised.undo_name == "limit Doing to 4");
    CHECK(improvement.doing_limit == 4);
    CHECK(move_action(improvement, 5, ActionStatus::doing).done);  // 4 / 4
}

TEST_CASE("expected effects in words") {
    Plan plan;
    plan.steps = {Step{3, "Fasten", ValueClass::value_added}};
    CHECK(expected_effect_text({Metric::step_mean, 3, Waste{}, Direction::decrease}, plan) ==
          "Mean time of Fasten should decrease");
    CHECK(expected_effect_text({Metric::waste_rate, 3, Waste::motion, Direction::decrease}, plan) ==
          "Motion tags per hour at Fasten should decrease");
    CHECK(expected_effect_text({Metric::waste_rate, 0, Waste::waiting, Direction::decrease}, plan) ==
          "Waiting tags per hour should decrease");
    CHECK(expected_effect_text({Metric::flow_efficiency, 0, Waste{}, Direction::increase}, plan) ==
          "Flow efficiency should increase");
    CHECK(expected_effect_text({Metric::wait_before, 7, Waste{}, Direction::decrease}, plan) ==
          "Wait before (step 7) should decrease");
}

TEST_CASE("every action of many walks in reading order, as a table and as text") {
    const std::vector<BoardWalk> walks{assembly(), invoices()};
    // Overdue: assembly 2 (11-20), invoices 1 (11-28); then by date: assembly 4 (11-01, done),
    // 6 (10-01, dropped) — by date, 10-01 first — then 5 (12-01), 1 (12-15); undated: 3.
    const std::vector<BoardCard> order = ordered_actions(walks, kToday);
    REQUIRE(order.size() == 7);
    CHECK(order[0].walk == 0);
    CHECK(order[0].action == 2);
    CHECK(order[1].walk == 1);
    CHECK(order[1].action == 1);
    CHECK(ids(std::vector<BoardCard>(order.begin() + 2, order.end())) == std::vector<ActionId>{6, 4, 5, 1, 3});

    const CsvTable table = actions_table(walks, kToday);
    REQUIRE(table.rows.size() == 8);
    std::vector<std::string> header;
    for (const CsvCell& c : table.rows[0]) header.push_back(c.value);
    CHECK(header == std::vector<std::string>{"walk", "file", "problem_id", "problem", "action_id", "action", "owner",
                                             "due", "status", "overdue", "expected_effect"});
    CHECK(to_csv(CsvTable{{table.rows[0], table.rows[2]}}) ==
          "walk,file,problem_id,problem,action_id,action,owner,due,status,overdue,expected_effect\r\n"
          "invoices,walks/invoices.json,1,Invoices wait for approval,1,Approve under 500 without a second look,Ana,"
          "2026-11-28,doing,yes,\r\n");

    const std::string text = actions_text(walks, kToday);
    CHECK(text.find("Assembly line (walks/assembly.json)  Walking to the parts rack   Move the rack") !=
          std::string::npos);
    CHECK(text.find("OVERDUE") != std::string::npos);
    CHECK(actions_text(std::vector<BoardWalk>{}, kToday) == "No actions.\n");
}

TEST_CASE("reading walks: a folder's *.json in name order, bad files named and counted") {
    test::TempFolder folder;
    std::filesystem::create_directory(folder / "empty");
    test::write_all(folder / "broken.json", "{ not json");
    test::write_all(folder / "notes.txt", "not a session, not a .json: not read");
    const std::vector<std::filesystem::path> paths{folder.path(), folder / "missing.json", folder / "empty"};
    const WalksRead read = read_walks(paths);
    CHECK(read.walks.empty());
    REQUIRE(read.unreadable.size() == 3);
    CHECK(read.unreadable[0].file == folder / "broken.json");
    CHECK(read.unreadable[0].problem.find("broken.json") != std::string::npos);
    CHECK(read.unreadable[1].file == folder / "missing.json");
    CHECK(read.unreadable[2].problem.find("no session file (*.json) in this folder") != std::string::npos);
}
