// The edits of issue 12's improvement thread, apart from any screen: raising a problem from the
// walk's evidence, its 5 Whys, the team's ideas, the ideas chosen as actions. Each edit changes the
// Improvement in place only when it is accepted, and says what it did or why not, so the caller
// makes each accepted one one plan edit (WalkDocument::plan_edited with `what`: undone by the plan's
// undo, journaled with the plan). A refused edit changes nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/improvement.hpp"
#include "core/model/session.hpp"

namespace gemba {

struct ImprovementEdit {
    bool done = false;
    // Done: the edit's name for the plan's undo, "add why" (the status line says "Undone: add why").
    // Refused: why, for a person.
    std::string message;
    std::int64_t id = 0;  // the problem, idea or action the edit made, when it made one
};

// --- Problems ----------------------------------------------------------------------------------------
// A new problem with one piece of evidence; its title is given (evidence_text.hpp's
// default_problem_title words one), an empty one refused.
ImprovementEdit raise_problem(Improvement&, const Evidence& evidence, std::string title);
// More evidence for a problem; the same link twice is refused.
ImprovementEdit add_evidence(Improvement&, ProblemId problem, const Evidence& evidence);
ImprovementEdit remove_evidence(Improvement&, ProblemId problem, std::size_t index);
// An empty title is refused: the last one stays.
ImprovementEdit rename_problem(Improvement&, ProblemId problem, std::string title);
// The actions that answer a problem, in board order.
std::vector<ActionId> actions_answering(const Improvement&, ProblemId problem);
// Removes a problem. While actions answer it, refused (naming them) unless `with_its_actions`: the
// caller asks the person first, and they go with it.
ImprovementEdit remove_problem(Improvement&, ProblemId problem, bool with_its_actions = false);

// --- 5 Whys --------------------------------------------------------------------------------------------
// A level added at the end of the chain (its question may stay empty: "Why?" is asked).
ImprovementEdit add_why(Improvement&, ProblemId problem, WhyLevel level = {});
// The question and answer of a level as typed (either may be empty while typed).
ImprovementEdit edit_why(Improvement&, ProblemId problem, std::size_t level, std::string why, std::string because);
ImprovementEdit remove_why(Improvement&, ProblemId problem, std::size_t level);
// Moves a level `by` places up (< 0) or down (> 0), kept inside the chain.
ImprovementEdit move_why(Improvement&, ProblemId problem, std::size_t level, int by);
// Marks a level as the root cause; one per chain, so marking another moves the mark there. `root`
// false takes the mark off.
ImprovementEdit mark_root_cause(Improvement&, ProblemId problem, std::size_t level, bool root = true);
// The classic example (a missed deadline down to nobody owning the handoff, the root marked), for
// training; only into an empty chain.
std::vector<WhyLevel> classic_five_whys();
ImprovementEdit fill_classic_example(Improvement&, ProblemId problem);

// --- Ideas ----------------------------------------------------------------------------------------------
// An idea needs its text; who proposed it may be left empty.
ImprovementEdit add_idea(Improvement&, ProblemId problem, std::string text, std::string proposed_by);
ImprovementEdit edit_idea(Improvement&, IdeaId idea, std::string text, std::string proposed_by);
// Refused while an action was chosen from it (remove the action first).
ImprovementEdit remove_idea(Improvement&, IdeaId idea);

// --- Actions -----------------------------------------------------------------------------------------
// The idea chosen as an action of its problem: titled from the idea, to do, nobody yet, no date.
// An idea is chosen once.
ImprovementEdit choose_idea(Improvement&, IdeaId idea);
ImprovementEdit set_action_title(Improvement&, ActionId action, std::string title);
ImprovementEdit set_action_owner(Improvement&, ActionId action, std::string owner);
// YYYY-MM-DD, a real date; empty: no date. Anything else is refused with a message.
ImprovementEdit set_action_due(Improvement&, ActionId action, std::string due);
// The number the action should move (none: not said). A step it names must be in `plan`, and a
// metric that needs a step must have one.
ImprovementEdit set_expected_effect(Improvement&, const Plan& plan, ActionId action,
                                    std::optional<ExpectedEffect> expected);
ImprovementEdit remove_action(Improvement&, ActionId action);

// --- Steps named ----------------------------------------------------------------------------------------
// The problems and actions that name a step (in their evidence or expected effect), in words
// ("problem “Motion at Fasten — 4 tags”", "action “Kit parts”"): such a step is not deleted.
std::vector<std::string> what_names_step(const Plan& plan, StepId step);

}  // namespace gemba
