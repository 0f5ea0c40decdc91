// The board of actions (issue 12): the actions of one or many walks as cards in the columns To do,
// Doing and Done (dropped actions apart, counted), with a WIP limit on Doing; moving a card; the
// walks of a folder read for it; and the actions as one table (`gemba-cli actions`, the workbook's
// Actions sheet) and in the order a person reads them: overdue first, then by due date.
//
// Pure: "today" is given by the caller as YYYY-MM-DD (local_date_today() in the app and the CLI).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/improvement.hpp"
#include "core/model/session.hpp"
#include "core/report/csv.hpp"

namespace gemba {

// One walk whose actions are on the board: its file and its plan (the improvement lives there).
struct BoardWalk {
    std::filesystem::path file;
    Plan plan;
};

// The walk's name on a card: its title, else its file's stem.
std::string walk_name(const BoardWalk& walk);

// What the board shows: every walk, or one (its index in the walks); every owner, or one ("" for
// the actions nobody owns yet).
struct BoardFilter {
    std::optional<std::size_t> walk{};
    std::optional<std::string> owner{};
};

// One action as a card (and as a row of the actions table).
struct BoardCard {
    std::size_t walk = 0;  // index in the walks
    ActionId action = 0;
    std::string title;
    std::string owner;
    std::string due;  // YYYY-MM-DD or empty
    ActionStatus status = ActionStatus::todo;
    bool overdue = false;
    std::string problem;   // the title of the problem it answers
    std::string expected;  // its expected effect in words; empty: none said
};

// The load of Doing against a walk's WIP limit.
struct WipLoad {
    std::size_t walk = 0;
    std::int64_t doing = 0;
    std::int64_t limit = kDefaultDoingLimit;
    bool full() const { return doing >= limit; }
};
// "2 / 3", "3 / 3 full", "4 / 3 over limit".
std::string wip_text(std::int64_t doing, std::int64_t limit);
inline std::string wip_text(const WipLoad& load) { return wip_text(load.doing, load.limit); }

inline constexpr std::array kBoardColumns = {ActionStatus::todo, ActionStatus::doing, ActionStatus::done};

struct ActionBoard {
    // To do, Doing, Done (kBoardColumns order), each overdue first, then by due date (no date last).
    std::array<std::vector<BoardCard>, 3> columns{};
    std::vector<BoardCard> dropped;  // apart, in the same order
    // Doing against the WIP limit of each walk shown (the owner filter does not change it: the
    // limit is the team's).
    std::vector<WipLoad> wip;
    // The owners of the walks shown, sorted, "" (nobody yet) last when an action has no owner.
    std::vector<std::string> owners;
};

// The board of `walks` through `filter`, on `today` (YYYY-MM-DD).
ActionBoard make_board(std::span<const BoardWalk> walks, const BoardFilter& filter, std::string_view today);

// Every action of `walks` (dropped ones too) in reading order: overdue first, then by due date (no
// date last), then by walk and action id.
std::vector<BoardCard> ordered_actions(std::span<const BoardWalk> walks, std::string_view today);

// The actions of one walk in the same order (the report lists each problem's actions so).
std::vector<const Action*> actions_in_reading_order(const Improvement& improvement, std::string_view today);

// The column a status is shown in (kBoardColumns index); none for dropped.
std::optional<std::size_t> column_of(ActionStatus status);

// "Wait before Fasten should decrease", "Motion tags per hour should decrease", "Lead time should
// decrease"; a step the plan lacks as "(step 7)".
std::string expected_effect_text(const ExpectedEffect& effect, const Plan& plan);

// The outcome of a move on the board: done, or refused with what to do instead.
struct BoardEdit {
    bool done = false;
    std::string message;  // done: "Kit parts at Fasten → Doing"; refused: why, and how to proceed
    std::string undo_name;  // done: the name of the plan edit ("move Kit parts at Fasten to Doing")
};

// Moves the action to `to`. Refused (nothing changed): no such action, already there, or `to` is
// Doing and Doing is full (finish or drop one of its actions, or raise the limit).
BoardEdit move_action(Improvement& improvement, ActionId action, ActionStatus to);
// Sets the WIP limit on Doing. Refused: outside 1..1000, or below the number of actions in Doing.
BoardEdit set_doing_limit(Improvement& improvement, std::int64_t limit);
inline constexpr std::int64_t kMaxDoingLimit = 1000;

// --- A folder of sessions -----------------------------------------------------------------------

struct UnreadableWalk {
    std::filesystem::path file;
    std::string problem;  // the loader's message: names the file, the place and the problem
};
struct WalksRead {
    std::vector<BoardWalk> walks;
    std::vector<UnreadableWalk> unreadable;  // named and counted, never silently skipped
};
// The session files named: each a file, or a folder whose *.json files (not its subfolders) are
// read in name order. A folder with no *.json file is named as unreadable too.
WalksRead read_walks(std::span<const std::filesystem::path> paths);

// --- The actions as a table ---------------------------------------------------------------------

// One row per action in ordered_actions order: walk, file, problem_id, problem, action_id, action,
// owner, due, status (file spelling), overdue (yes / no), expected_effect. `gemba-cli actions --csv`
// writes it; the workbook's Actions sheet is the same table.
CsvTable actions_table(std::span<const BoardWalk> walks, std::string_view today);

// The same as aligned text for people (`gemba-cli actions`), with the status as people read it.
std::string actions_text(std::span<const BoardWalk> walks, std::string_view today);
// And as JSON: {"today": ..., "actions": [{walk, file, problem_id, problem, action_id, action, owner,
// due, status, overdue, expected_effect}]}.
std::string actions_json(std::span<const BoardWalk> walks, std::string_view today);

}  // namespace gemba
