// From waste to improvement (format version 4 on): the problems a walk raised from its evidence,
// each taken through 5 Whys to a root cause, the team's countermeasure ideas, and the actions chosen
// from them, with an owner, a due date, a status on the board and the number they should move.
//
// It is kept with the plan (Plan::improvement), not in the event log: it is edited like the plan,
// so an edit is one plan edit (journaled when finished, undone by the plan's undo), and a session
// file carries it whole.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gemba {

using ProblemId = std::int64_t;  // > 0
using IdeaId = std::int64_t;     // > 0, unique in the session (across its problems)
using ActionId = std::int64_t;   // > 0

enum class Waste : std::uint8_t;
using StepId = std::int64_t;
using EventId = std::int64_t;

// What a problem points at in the walk it came from.
enum class EvidenceKind {
    event,  // one waste tag (instant or timed), note, reading or queue count: the event that made it
    step,   // a step and its numbers
    waste,  // every tag of one waste, at one step (or anywhere, with no step): "the Motion tags at Fasten"
};
inline constexpr std::array kEvidenceKinds = {EvidenceKind::event, EvidenceKind::step, EvidenceKind::waste};

struct Evidence {
    EvidenceKind kind = EvidenceKind::event;
    EventId event = 0;  // kind event
    StepId step = 0;    // kind step; kind waste: the step, 0 for anywhere
    Waste waste{};      // kind waste

    bool operator==(const Evidence&) const = default;
};

// One level of 5 Whys: the question asked and the answer. The first level asks why the problem
// happens; each next one asks why the previous answer is so. Five is a habit, not a limit.
struct WhyLevel {
    std::string why{};      // the question as asked; empty: "Why?"
    std::string because{};  // the answer (empty while it is being typed)
    bool root_cause = false;  // at most one level of a chain is the root cause

    bool operator==(const WhyLevel&) const = default;
};

// A countermeasure the team proposed.
struct Idea {
    IdeaId id = 0;
    std::string text{};
    std::string proposed_by{};  // who proposed it; empty: not said

    bool operator==(const Idea&) const = default;
};

struct RaisedProblem {
    ProblemId id = 0;
    std::string title{};
    std::vector<Evidence> evidence{};
    std::vector<WhyLevel> whys{};  // empty until the first why is asked
    std::vector<Idea> ideas{};

    // The level marked as the root cause; none: not found yet.
    const WhyLevel* root_cause() const;

    bool operator==(const RaisedProblem&) const = default;
};

// The board's columns, in order; dropped actions leave the board (shown apart).
enum class ActionStatus { todo, doing, done, dropped };
inline constexpr std::array kActionStatuses = {ActionStatus::todo, ActionStatus::doing, ActionStatus::done,
                                               ActionStatus::dropped};

// The number an action should move, as the before/after comparison computes it.
enum class Metric {
    step_mean,        // a step's mean observed time (step)
    wait_before,      // the wait before a step: its counted queues, else the timed gap (step)
    waste_rate,       // tags of a waste per observed hour (waste; at a step, or anywhere with none)
    lead_time,        // the walk's mean lead time per unit
    flow_efficiency,  // value-added time ÷ lead time
    cycle_time,       // how often a unit comes out
    takt_gap,         // cycle time − takt (negative: within takt)
};
inline constexpr std::array kMetrics = {Metric::step_mean,       Metric::wait_before, Metric::waste_rate,
                                        Metric::lead_time,       Metric::flow_efficiency, Metric::cycle_time,
                                        Metric::takt_gap};

enum class Direction { decrease, increase };

struct ExpectedEffect {
    Metric metric = Metric::step_mean;
    StepId step = 0;  // step_mean, wait_before (required); waste_rate (0: anywhere)
    Waste waste{};    // waste_rate
    Direction direction = Direction::decrease;

    bool operator==(const ExpectedEffect&) const = default;
};

struct Action {
    ActionId id = 0;
    ProblemId problem = 0;  // the problem it answers
    IdeaId idea = 0;        // the idea it was chosen from; 0: none
    std::string title{};
    std::string owner{};  // empty: nobody yet
    std::string due{};    // YYYY-MM-DD; empty: no date
    ActionStatus status = ActionStatus::todo;
    std::optional<ExpectedEffect> expected{};

    bool operator==(const Action&) const = default;
};

// The board holds at most this many actions in doing unless the session says otherwise.
inline constexpr std::int64_t kDefaultDoingLimit = 3;

struct Improvement {
    std::vector<RaisedProblem> problems{};
    std::vector<Action> actions{};
    std::int64_t doing_limit = kDefaultDoingLimit;  // the board's WIP limit on doing, ≥ 1

    bool empty() const { return problems.empty() && actions.empty() && doing_limit == kDefaultDoingLimit; }
    const RaisedProblem* find_problem(ProblemId id) const;
    RaisedProblem* find_problem(ProblemId id);
    const Action* find_action(ActionId id) const;
    Action* find_action(ActionId id);
    // The problem holding the idea, or null.
    const RaisedProblem* problem_of_idea(IdeaId id) const;
    ProblemId next_problem_id() const;
    IdeaId next_idea_id() const;
    ActionId next_action_id() const;

    bool operator==(const Improvement&) const = default;
};

std::string_view to_string(EvidenceKind);
std::string_view to_string(ActionStatus);
std::string_view to_string(Metric);
std::string_view to_string(Direction);
// For people: "To do", "Doing", "Done", "Dropped"; "Mean time of a step", "Wait before a step" ...
std::string_view display_name(ActionStatus);
std::string_view display_name(Metric);
std::optional<EvidenceKind> parse_evidence_kind(std::string_view);
std::optional<ActionStatus> parse_action_status(std::string_view);
std::optional<Metric> parse_metric(std::string_view);
std::optional<Direction> parse_direction(std::string_view);
std::string spellings_of_action_status();
std::string spellings_of_metric();
std::string spellings_of_direction();
// Which of a step and a waste a metric names.
bool metric_needs_step(Metric);  // step_mean, wait_before
bool metric_takes_step(Metric);  // those and waste_rate
bool metric_takes_waste(Metric);  // waste_rate

// An action is overdue on `today` (YYYY-MM-DD): it has a due date before today and is still to do
// or doing. ISO dates compare as text.
bool overdue(const Action& action, std::string_view today);
// Today's local date as YYYY-MM-DD.
std::string local_date_today();

}  // namespace gemba
