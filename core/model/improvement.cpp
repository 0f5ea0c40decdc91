#include "core/model/improvement.hpp"

#include <algorithm>
#include <ctime>

#include "core/model/spellings.hpp"

namespace gemba {
namespace {

using spellings::list_of;
using spellings::name_in;
using spellings::parse_in;

constexpr auto kEvidenceKindNames = std::to_array<std::pair<EvidenceKind, std::string_view>>({
    {EvidenceKind::event, "event"},
    {EvidenceKind::step, "step"},
    {EvidenceKind::waste, "waste"},
});
constexpr auto kActionStatusNames = std::to_array<std::pair<ActionStatus, std::string_view>>({
    {ActionStatus::todo, "todo"},
    {ActionStatus::doing, "doing"},
    {ActionStatus::done, "done"},
    {ActionStatus::dropped, "dropped"},
});
constexpr auto kActionStatusDisplay = std::to_array<std::pair<ActionStatus, std::string_view>>({
    {ActionStatus::todo, "To do"},
    {ActionStatus::doing, "Doing"},
    {ActionStatus::done, "Done"},
    {ActionStatus::dropped, "Dropped"},
});
constexpr auto kMetricNames = std::to_array<std::pair<Metric, std::string_view>>({
    {Metric::step_mean, "step_mean"},
    {Metric::wait_before, "wait_before"},
    {Metric::waste_rate, "waste_rate"},
    {Metric::lead_time, "lead_time"},
    {Metric::flow_efficiency, "flow_efficiency"},
    {Metric::cycle_time, "cycle_time"},
    {Metric::takt_gap, "takt_gap"},
});
constexpr auto kMetricDisplay = std::to_array<std::pair<Metric, std::string_view>>({
    {Metric::step_mean, "Mean time of a step"},
    {Metric::wait_before, "Wait before a step"},
    {Metric::waste_rate, "Waste tags per hour"},
    {Metric::lead_time, "Lead time"},
    {Metric::flow_efficiency, "Flow efficiency"},
    {Metric::cycle_time, "Cycle time"},
    {Metric::takt_gap, "Cycle time over takt"},
});
constexpr auto kDirectionNames = std::to_array<std::pair<Direction, std::string_view>>({
    {Direction::decrease, "decrease"},
    {Direction::increase, "increase"},
});

// The item with `id` in a vector (const or not), or null.
template <class Items>
auto find_by_id(Items& items, std::int64_t id) -> decltype(&items.front()) {
    const auto it = std::find_if(items.begin(), items.end(), [id](const auto& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

template <class T>
std::int64_t next_id(const std::vector<T>& items) {
    std::int64_t highest = 0;
    for (const T& item : items) highest = std::max(highest, item.id);
    return highest + 1;
}

}  // namespace

const WhyLevel* RaisedProblem::root_cause() const {
    const auto it = std::find_if(whys.begin(), whys.end(), [](const WhyLevel& level) { return level.root_cause; });
    return it == whys.end() ? nullptr : &*it;
}

const RaisedProblem* Improvement::find_problem(ProblemId id) const {
    return find_by_id(problems, id);
}
RaisedProblem* Improvement::find_problem(ProblemId id) { return find_by_id(problems, id); }
const Action* Improvement::find_action(ActionId id) const {
    return find_by_id(actions, id);
}
Action* Improvement::find_action(ActionId id) { return find_by_id(actions, id); }

const RaisedProblem* Improvement::problem_of_idea(IdeaId id) const {
    for (const RaisedProblem& problem : problems)
        for (const Idea& idea : problem.ideas)
            if (idea.id == id) return &problem;
    return nullptr;
}

ProblemId Improvement::next_problem_id() const { return next_id(problems); }
ActionId Improvement::next_action_id() const { return next_id(actions); }
IdeaId Improvement::next_idea_id() const {
    IdeaId highest = 0;
    for (const RaisedProblem& problem : problems)
        for (const Idea& idea : problem.ideas) highest = std::max(highest, idea.id);
    return highest + 1;
}

std::string_view to_string(EvidenceKind v) { return name_in(kEvidenceKindNames, v); }
std::string_view to_string(ActionStatus v) { return name_in(kActionStatusNames, v); }
std::string_view to_string(Metric v) { return name_in(kMetricNames, v); }
std::string_view to_string(Direction v) { return name_in(kDirectionNames, v); }
std::string_view display_name(ActionStatus v) { return name_in(kActionStatusDisplay, v); }
std::string_view display_name(Metric v) { return name_in(kMetricDisplay, v); }
std::optional<EvidenceKind> parse_evidence_kind(std::string_view s) { return parse_in(kEvidenceKindNames, s); }
std::optional<ActionStatus> parse_action_status(std::string_view s) { return parse_in(kActionStatusNames, s); }
std::optional<Metric> parse_metric(std::string_view s) { return parse_in(kMetricNames, s); }
std::optional<Direction> parse_direction(std::string_view s) { return parse_in(kDirectionNames, s); }
std::string spellings_of_action_status() { return list_of(kActionStatusNames); }
std::string spellings_of_metric() { return list_of(kMetricNames); }
std::string spellings_of_direction() { return list_of(kDirectionNames); }

bool metric_needs_step(Metric metric) { return metric == Metric::step_mean || metric == Metric::wait_before; }
bool metric_takes_step(Metric metric) { return metric_needs_step(metric) || metric == Metric::waste_rate; }
bool metric_takes_waste(Metric metric) { return metric == Metric::waste_rate; }

bool overdue(const Action& action, std::string_view today) {
    const bool open = action.status == ActionStatus::todo || action.status == ActionStatus::doing;
    return open && !action.due.empty() && std::string_view(action.due) < today;
}

std::string local_date_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

}  // namespace gemba
