// What the Problems view and the entry points to it (Review's rows, the Summary's waste) do, apart
// from drawing: each edit of the improvement thread (core/study/improvement_edits.hpp) made one
// plan edit of the walk document, so the plan's undo (Ctrl+Z on the Improve screen) takes it back
// and the journal keeps it. No ImGui here: tests drive these directly.
#pragma once

#include <functional>

#include "app/gui/app_state.hpp"
#include "core/study/improvement_edits.hpp"

namespace gemba::gui {

using ImprovementEditFn = std::function<ImprovementEdit(Improvement&)>;

// A finished edit of its own (a button): journaled at once, one undo step named by the edit
// ("add why"). A refusal goes to the status line and changes nothing. Returns the edit's result.
ImprovementEdit improvement_edit(AppState& app, const ImprovementEditFn& edit);
// A keystroke in a field of the thread: counted at once, journaled and closed as one undo step when
// the field loses focus (finish_plan_edit) or after a pause, as Setup's fields are.
ImprovementEdit improvement_typing(AppState& app, const ImprovementEditFn& edit);

// A new problem from `evidence`, titled by default_problem_title, chosen on the Problems view,
// which is shown. Returns its id (0: refused).
ProblemId raise_problem(AppState& app, const Evidence& evidence);
// The evidence added to an existing problem; the screen stays.
bool add_to_problem(AppState& app, ProblemId problem, const Evidence& evidence);
// W on the Problems view: a why added to the chosen problem, its answer given the keyboard.
void add_why_to_chosen(AppState& app);
// The problem the Problems view shows (app.chosen_problem, or the first); null when there is none.
const RaisedProblem* chosen_problem(const AppState& app);

}  // namespace gemba::gui
