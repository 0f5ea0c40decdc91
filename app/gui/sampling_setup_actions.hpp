// What the Setup of a work sampling study and the Start screen's sampling buttons do, apart from
// drawing: each is one edit of core/study/sampling_edits.hpp plus the GUI's bookkeeping (the status
// line, plan undo). No ImGui here, so tests can drive them directly.
#pragma once

#include <cstdint>
#include <string>

#include "app/gui/app_state.hpp"
#include "core/study/sampling_edits.hpp"

namespace gemba::gui {

// The machine's date and UTC offset now, by the app's wall clock.
LocalDay today(const AppState& app);
// 64 fresh random bits (std::random_device) for a new schedule's seed.
std::uint64_t fresh_seed();

// Start: a new work sampling study for today (new_sampling_plan), opened on Setup.
void start_sampling_study(AppState& app);
// Start from a template: a sampling template's days move to today onwards and its rounds are drawn
// again with a fresh seed (move_template_to), said in the status line; any other plan as it is.
void start_from_template(AppState& app, Plan plan);

// A sampling edit as Setup makes it: `edit` ran on the session (refused: the reason in the status
// line, nothing changed). Typing (`finished` false) is one plan edit until the field is left; a
// button's edit (`finished` true) is an undo step of its own, journaled at once. True when made.
bool sampling_edit(AppState& app, const Refusal& refused, const std::string& what, bool finished);

}  // namespace gemba::gui
