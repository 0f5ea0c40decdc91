// The work of the round screen of a work sampling study (ui_rounds.cpp and the keys): tallies, the
// subject the keys tally, skipping a round. Thin calls into WalkDocument; no ImGui, so tests drive them.
#pragma once

#include <cstdint>

#include "app/gui/app_state.hpp"

namespace gemba::gui {

// The category tallied for `subject` in `round`; kNoCategory when none.
CategoryId tallied_category(const LogState& state, std::int64_t round, SubjectId subject);

// The subject the category keys tally: the chosen one, or else the first not yet tallied in the
// current round (the first subject when all are).
SubjectId selected_subject(const AppState& app);

// Tallies `subject` as `category` in the current round (Recorder::observe, journaled as every tap);
// then the keys move on to the next subject not yet tallied in the round. A second category for a
// subject already tallied is refused by core: the status line says so and to undo first.
void tally(AppState& app, SubjectId subject, CategoryId category);
// The key of a category ("0"-"9", "A"-"Z"): tallies the selected subject in it; a key no category
// has says so.
void tally_key(AppState& app, char key);
// The previous (step −1) or next (+1) subject, round the list.
void choose_subject(AppState& app, int step);
// The current round not taken, for the reason typed (app.rounds.skip_reason; an empty one is asked
// for). Closes the reason's field when recorded.
void skip_current_round(AppState& app);

}  // namespace gemba::gui
