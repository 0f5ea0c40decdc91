// What the board of actions does, apart from drawing (ui_board.cpp draws it): the board as shown,
// made once per change; choosing a card and moving it, each move one plan edit that the plan's
// undo takes back; the other walks of the open walk's folder, read once. No ImGui here.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "app/gui/app_state.hpp"

namespace gemba::gui {

// The board as the filters show it today (local date), made again only when the open walk, a
// filter, the day or the folder's walks changed. app.board.walks holds the walks its cards name.
const ActionBoard& current_board(AppState& app);

// The filters. Each makes the board again at the next current_board.
void show_folder_walks(AppState& app, bool folder);  // reads the folder's other walks the first time
void filter_walk(AppState& app, std::optional<std::size_t> walk);
void filter_owner(AppState& app, std::optional<std::string> owner);
// Reads the folder's other walks again (the Reload button).
void reload_folder_walks(AppState& app);

// Moves an action of the open walk to `to`: one finished plan edit, undone by the plan's undo. A
// refusal (a full Doing, ...) is said in the status line, in red. True when moved.
bool move_card(AppState& app, ActionId action, ActionStatus to);
// Sets the WIP limit on Doing of the open walk (a plan edit too), or says why not.
bool set_board_limit(AppState& app, std::int64_t limit);

// The keys: chooses the card left, right, above or below the chosen one (dx, dy: −1, 0 or 1),
// or the first card when none is chosen; moves the chosen card one column left (−1) or right (1).
void choose_card(AppState& app, int dx, int dy);
void move_chosen_card(AppState& app, int direction);

}  // namespace gemba::gui
