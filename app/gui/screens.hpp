// One function per screen, each in its own file; draw_frame is the table of contents.
#pragma once

#include "app/gui/app_state.hpp"

namespace gemba::gui {

// The whole window for one frame: the top bar, the current screen, dialogs, the status line.
void draw_frame(AppState& app);

void draw_start(AppState& app);
void draw_setup(AppState& app);
void draw_walk(AppState& app);
// A work sampling study's round screen (ui_rounds.cpp), drawn by draw_walk in the walk's place.
void draw_rounds(AppState& app);
// Every screen's banner at a round due or late and not yet complete (ui_rounds.cpp; it blinks first).
void draw_round_banner(AppState& app);
void draw_review(AppState& app);
void draw_summary(AppState& app);
// The Summary screen's "This walk" and "Pooled" buttons (ui_pool.cpp); true when it drew the Pooled
// view, which then is the whole screen.
bool draw_summary_views(AppState& app);
void draw_pool(AppState& app);
void draw_map(AppState& app);
// The Improve screen (ui_improve.cpp) and its three views, a file each.
void draw_improve(AppState& app);
void draw_problems(AppState& app);
// Inside a row's popup (Review, Summary): "Raise a problem from it" and "Add to problem ▸" for `evidence`.
void problem_menu_items(AppState& app, const Evidence& evidence);
void draw_actions_board(AppState& app);
void draw_compare(AppState& app);

}  // namespace gemba::gui
