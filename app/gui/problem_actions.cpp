#include "app/gui/problem_actions.hpp"

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "core/report/evidence_text.hpp"

namespace gemba::gui {
namespace {

// Runs the edit on the walk's improvement; a refusal is said and changes nothing.
ImprovementEdit run_edit(AppState& app, const ImprovementEditFn& edit) {
    if (!app.doc.has_walk()) return {false, "No walk is open", 0};
    ImprovementEdit result = edit(app.doc.plan().improvement);
    if (!result.done) show(app, result.message, true);
    return result;
}

}  // namespace

ImprovementEdit improvement_edit(AppState& app, const ImprovementEditFn& edit) {
    // A field still being typed in is its own undo step, not part of this one.
    if (app.doc.has_walk() && app.doc.plan_edit_pending()) finish_plan_edit(app);
    ImprovementEdit result = run_edit(app, edit);
    if (!result.done) return result;
    app.doc.plan_edited(result.message);
    const Outcome journaled = app.doc.finish_plan_edit();
    if (journaled.error) show(app, journaled);
    else show(app, "Done: " + result.message + " — Undo [" + key_hint(KeyAction::undo) + "] on this screen", false);
    return result;
}

ImprovementEdit improvement_typing(AppState& app, const ImprovementEditFn& edit) {
    ImprovementEdit result = run_edit(app, edit);
    if (result.done) app.doc.plan_edited(result.message);
    return result;
}

ProblemId raise_problem(AppState& app, const Evidence& evidence) {
    if (!app.doc.has_walk()) return 0;
    const std::string title = default_problem_title(app.doc.session(), app.doc.state(), evidence);
    const ImprovementEdit raised = improvement_edit(app, [&](Improvement& improvement) {
        return gemba::raise_problem(improvement, evidence, title);
    });
    if (!raised.done) return 0;
    app.chosen_problem = raised.id;
    app.screen = Screen::improve;
    app.improve_view = ImproveView::problems;
    return raised.id;
}

bool add_to_problem(AppState& app, ProblemId problem, const Evidence& evidence) {
    const ImprovementEdit added = improvement_edit(app, [&](Improvement& improvement) {
        return add_evidence(improvement, problem, evidence);
    });
    if (!added.done) return false;
    // Undo is the plan's on the Improve screen; here Ctrl+Z would take back a tap.
    if (const RaisedProblem* p = app.doc.session().improvement.find_problem(problem))
        show(app, "Added to “" + p->title + "” (undo it on the Improve screen)", false);
    return true;
}

void add_why_to_chosen(AppState& app) {
    const RaisedProblem* problem = chosen_problem(app);
    if (!problem) {
        show(app, "Raise a problem first (Review: a row's “Problem…”)", true);
        return;
    }
    const ProblemId id = problem->id;
    if (improvement_edit(app, [id](Improvement& improvement) { return add_why(improvement, id); }).done)
        app.focus_field = ProblemsField::last_because;
}

const RaisedProblem* chosen_problem(const AppState& app) {
    if (!app.doc.has_walk()) return nullptr;
    const Improvement& improvement = app.doc.session().improvement;
    if (const RaisedProblem* chosen = improvement.find_problem(app.chosen_problem)) return chosen;
    return improvement.problems.empty() ? nullptr : &improvement.problems.front();
}

}  // namespace gemba::gui
