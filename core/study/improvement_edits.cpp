#include "core/study/improvement_edits.hpp"

#include <algorithm>
#include <utility>

namespace gemba {
namespace {

ImprovementEdit done(std::string what, std::int64_t id = 0) { return {true, std::move(what), id}; }
ImprovementEdit refused(std::string why) { return {false, std::move(why), 0}; }

const ImprovementEdit kNoSuchProblem = refused("That problem is no longer there");
const ImprovementEdit kNoSuchIdea = refused("That idea is no longer there");
const ImprovementEdit kNoSuchAction = refused("That action is no longer there");
const ImprovementEdit kNoSuchLevel = refused("That level of the why chain is no longer there");

std::string quoted(const std::string& text) { return "“" + text + "”"; }

// An idea by id, with the problem holding it.
Idea* find_idea(Improvement& improvement, IdeaId id) {
    for (RaisedProblem& problem : improvement.problems)
        for (Idea& idea : problem.ideas)
            if (idea.id == id) return &idea;
    return nullptr;
}

bool names_step(const Evidence& evidence, StepId step) {
    return (evidence.kind == EvidenceKind::step || evidence.kind == EvidenceKind::waste) && evidence.step == step;
}

}  // namespace

// --- Problems ----------------------------------------------------------------------------------------

ImprovementEdit raise_problem(Improvement& improvement, const Evidence& evidence, std::string title) {
    if (title.empty()) return refused("A problem needs a title");
    RaisedProblem problem;
    problem.id = improvement.next_problem_id();
    problem.title = std::move(title);
    problem.evidence.push_back(evidence);
    improvement.problems.push_back(std::move(problem));
    return done("raise " + quoted(improvement.problems.back().title), improvement.problems.back().id);
}

ImprovementEdit add_evidence(Improvement& improvement, ProblemId id, const Evidence& evidence) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (std::find(problem->evidence.begin(), problem->evidence.end(), evidence) != problem->evidence.end())
        return refused(quoted(problem->title) + " has that evidence already");
    problem->evidence.push_back(evidence);
    return done("add evidence to " + quoted(problem->title), id);
}

ImprovementEdit remove_evidence(Improvement& improvement, ProblemId id, std::size_t index) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (index >= problem->evidence.size()) return refused("That evidence is no longer there");
    problem->evidence.erase(problem->evidence.begin() + static_cast<std::ptrdiff_t>(index));
    return done("remove evidence", id);
}

ImprovementEdit rename_problem(Improvement& improvement, ProblemId id, std::string title) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (title.empty()) return refused("A problem's title cannot be empty; kept the last one");
    problem->title = std::move(title);
    return done("problem title", id);
}

std::vector<ActionId> actions_answering(const Improvement& improvement, ProblemId problem) {
    std::vector<ActionId> ids;
    for (const Action& action : improvement.actions)
        if (action.problem == problem) ids.push_back(action.id);
    return ids;
}

ImprovementEdit remove_problem(Improvement& improvement, ProblemId id, bool with_its_actions) {
    const RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    const std::string title = problem->title;
    const std::vector<ActionId> answering = actions_answering(improvement, id);
    if (!answering.empty() && !with_its_actions) {
        std::string names;
        for (ActionId action : answering) names += (names.empty() ? "" : ", ") + quoted(improvement.find_action(action)->title);
        return refused(quoted(title) + " is answered by " +
                       (answering.size() == 1 ? "the action " : std::to_string(answering.size()) + " actions: ") + names +
                       "; it stays unless they go with it");
    }
    std::erase_if(improvement.actions, [id](const Action& action) { return action.problem == id; });
    std::erase_if(improvement.problems, [id](const RaisedProblem& p) { return p.id == id; });
    return done(answering.empty() ? "remove " + quoted(title)
                                  : "remove " + quoted(title) + " and its " +
                                        (answering.size() == 1 ? std::string("action")
                                                               : std::to_string(answering.size()) + " actions"));
}

// --- 5 Whys --------------------------------------------------------------------------------------------

ImprovementEdit add_why(Improvement& improvement, ProblemId id, WhyLevel level) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    // A chain has one root cause: a level added already marked takes the mark.
    if (level.root_cause)
        for (WhyLevel& other : problem->whys) other.root_cause = false;
    problem->whys.push_back(std::move(level));
    return done("add why", id);
}

ImprovementEdit edit_why(Improvement& improvement, ProblemId id, std::size_t level, std::string why, std::string because) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (level >= problem->whys.size()) return kNoSuchLevel;
    problem->whys[level].why = std::move(why);
    problem->whys[level].because = std::move(because);
    return done("edit why", id);
}

ImprovementEdit remove_why(Improvement& improvement, ProblemId id, std::size_t level) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (level >= problem->whys.size()) return kNoSuchLevel;
    problem->whys.erase(problem->whys.begin() + static_cast<std::ptrdiff_t>(level));
    return done("remove why", id);
}

ImprovementEdit move_why(Improvement& improvement, ProblemId id, std::size_t level, int by) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (level >= problem->whys.size()) return kNoSuchLevel;
    const auto last = static_cast<std::ptrdiff_t>(problem->whys.size()) - 1;
    const std::ptrdiff_t to = std::clamp(static_cast<std::ptrdiff_t>(level) + by, std::ptrdiff_t{0}, last);
    if (to == static_cast<std::ptrdiff_t>(level)) return refused(by < 0 ? "That level is first already" : "That level is last already");
    const auto from = problem->whys.begin() + static_cast<std::ptrdiff_t>(level);
    if (to < static_cast<std::ptrdiff_t>(level)) std::rotate(problem->whys.begin() + to, from, from + 1);
    else std::rotate(from, from + 1, problem->whys.begin() + to + 1);
    return done("move why", id);
}

ImprovementEdit mark_root_cause(Improvement& improvement, ProblemId id, std::size_t level, bool root) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (level >= problem->whys.size()) return kNoSuchLevel;
    if (problem->whys[level].root_cause == root) return refused(root ? "That level is the root cause already" : "That level is not the root cause");
    for (WhyLevel& other : problem->whys) other.root_cause = false;
    problem->whys[level].root_cause = root;
    return done(root ? "mark root cause" : "unmark root cause", id);
}

std::vector<WhyLevel> classic_five_whys() {
    return {
        {"Why did we miss the deadline?", "The report was not finished", false},
        {"Why was the report not finished?", "The data came in late", false},
        {"Why did the data come in late?", "The data team was not told in time", false},
        {"Why was the data team not told in time?", "There is no standard handoff", false},
        {"Why is there no standard handoff?", "Nobody owns the handoff", true},
    };
}

ImprovementEdit fill_classic_example(Improvement& improvement, ProblemId id) {
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (!problem->whys.empty()) return refused("The classic example goes into an empty why chain; this one has levels");
    problem->whys = classic_five_whys();
    return done("classic 5 Whys", id);
}

// --- Ideas ----------------------------------------------------------------------------------------------

ImprovementEdit add_idea(Improvement& improvement, ProblemId id, std::string text, std::string proposed_by) {
    const IdeaId idea = improvement.next_idea_id();  // before the problem is looked up: it reads every problem
    RaisedProblem* problem = improvement.find_problem(id);
    if (!problem) return kNoSuchProblem;
    if (text.empty()) return refused("Write the idea first");
    problem->ideas.push_back({idea, std::move(text), std::move(proposed_by)});
    return done("add idea", idea);
}

ImprovementEdit edit_idea(Improvement& improvement, IdeaId id, std::string text, std::string proposed_by) {
    Idea* idea = find_idea(improvement, id);
    if (!idea) return kNoSuchIdea;
    if (text.empty()) return refused("An idea cannot be empty; kept the last text");
    idea->text = std::move(text);
    idea->proposed_by = std::move(proposed_by);
    return done("edit idea", id);
}

ImprovementEdit remove_idea(Improvement& improvement, IdeaId id) {
    const Idea* idea = find_idea(improvement, id);
    if (!idea) return kNoSuchIdea;
    for (const Action& action : improvement.actions)
        if (action.idea == id)
            return refused(quoted(idea->text) + " is the action " + quoted(action.title) + "; remove the action first");
    for (RaisedProblem& problem : improvement.problems)
        std::erase_if(problem.ideas, [id](const Idea& i) { return i.id == id; });
    return done("remove idea");
}

// --- Actions -----------------------------------------------------------------------------------------

ImprovementEdit choose_idea(Improvement& improvement, IdeaId id) {
    const RaisedProblem* problem = improvement.problem_of_idea(id);
    if (!problem) return kNoSuchIdea;
    const Idea& idea = *std::find_if(problem->ideas.begin(), problem->ideas.end(), [id](const Idea& i) { return i.id == id; });
    for (const Action& action : improvement.actions)
        if (action.idea == id) return refused(quoted(idea.text) + " is an action already");
    Action action;
    action.id = improvement.next_action_id();
    action.problem = problem->id;
    action.idea = id;
    action.title = idea.text;
    action.status = ActionStatus::todo;
    improvement.actions.push_back(action);
    return done("make " + quoted(action.title) + " an action", action.id);
}

ImprovementEdit set_action_title(Improvement& improvement, ActionId id, std::string title) {
    Action* action = improvement.find_action(id);
    if (!action) return kNoSuchAction;
    if (title.empty()) return refused("An action's title cannot be empty; kept the last one");
    action->title = std::move(title);
    return done("action title", id);
}

ImprovementEdit set_action_owner(Improvement& improvement, ActionId id, std::string owner) {
    Action* action = improvement.find_action(id);
    if (!action) return kNoSuchAction;
    action->owner = std::move(owner);
    return done("action owner", id);
}

ImprovementEdit set_action_due(Improvement& improvement, ActionId id, std::string due) {
    Action* action = improvement.find_action(id);
    if (!action) return kNoSuchAction;
    if (!due.empty() && !is_iso8601_date(due))
        return refused("“" + due + "” is not a date: write the due date as YYYY-MM-DD, e.g. 2026-12-15");
    action->due = std::move(due);
    return done("due date", id);
}

ImprovementEdit set_expected_effect(Improvement& improvement, const Plan& plan, ActionId id,
                                    std::optional<ExpectedEffect> expected) {
    Action* action = improvement.find_action(id);
    if (!action) return kNoSuchAction;
    if (expected) {
        if (!metric_takes_step(expected->metric)) expected->step = 0;
        if (!metric_takes_waste(expected->metric)) expected->waste = Waste{};
        if (metric_needs_step(expected->metric) && expected->step == 0)
            return refused(std::string(display_name(expected->metric)) + " needs a step: choose one");
        if (expected->step != 0 && !plan.find_step(expected->step)) return refused("That step is no longer in the plan");
    }
    action->expected = expected;
    return done("expected effect", id);
}

ImprovementEdit remove_action(Improvement& improvement, ActionId id) {
    const Action* action = improvement.find_action(id);
    if (!action) return kNoSuchAction;
    const std::string title = action->title;
    std::erase_if(improvement.actions, [id](const Action& a) { return a.id == id; });
    return done("remove action " + quoted(title));
}

// --- Steps named ----------------------------------------------------------------------------------------

std::vector<std::string> what_names_step(const Plan& plan, StepId step) {
    std::vector<std::string> names;
    for (const RaisedProblem& problem : plan.improvement.problems)
        if (std::any_of(problem.evidence.begin(), problem.evidence.end(), [step](const Evidence& e) { return names_step(e, step); }))
            names.push_back("problem " + quoted(problem.title));
    for (const Action& action : plan.improvement.actions)
        if (action.expected && action.expected->step == step) names.push_back("action " + quoted(action.title));
    return names;
}

}  // namespace gemba
