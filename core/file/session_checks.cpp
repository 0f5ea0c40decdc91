#include "core/file/session_checks.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/file/event_json.hpp"
#include "core/file/utf8.hpp"
#include "core/log/log_state.hpp"
#include "core/sampling/schedule.hpp"

namespace gemba::detail {
namespace {

std::optional<Problem> check_text(std::string_view text, std::string where) {
    if (text.find('\0') != std::string_view::npos)
        return Problem{std::move(where), "contains the NUL character, which a session cannot hold"};
    if (!is_valid_utf8(text)) return Problem{std::move(where), "is not valid UTF-8 text"};
    return std::nullopt;
}

std::optional<Problem> check_number(double value, std::string where) {
    if (!std::isfinite(value)) return Problem{std::move(where), "is not a finite number (" + double_text(value) + ")"};
    return std::nullopt;
}

std::optional<Problem> check_improvement_texts(const Improvement& improvement) {
    for (std::size_t i = 0; i < improvement.problems.size(); ++i) {
        const RaisedProblem& problem = improvement.problems[i];
        const std::string at = "/improvement/problems/" + std::to_string(i);
        if (auto p = check_text(problem.title, at + "/title")) return p;
        for (std::size_t k = 0; k < problem.whys.size(); ++k) {
            const std::string level = at + "/whys/" + std::to_string(k);
            if (auto p = check_text(problem.whys[k].why, level + "/why")) return p;
            if (auto p = check_text(problem.whys[k].because, level + "/because")) return p;
        }
        for (std::size_t k = 0; k < problem.ideas.size(); ++k) {
            const std::string idea = at + "/ideas/" + std::to_string(k);
            if (auto p = check_text(problem.ideas[k].text, idea + "/text")) return p;
            if (auto p = check_text(problem.ideas[k].proposed_by, idea + "/proposed_by")) return p;
        }
    }
    for (std::size_t i = 0; i < improvement.actions.size(); ++i) {
        const Action& action = improvement.actions[i];
        const std::string at = "/improvement/actions/" + std::to_string(i);
        if (auto p = check_text(action.title, at + "/title")) return p;
        if (auto p = check_text(action.owner, at + "/owner")) return p;
        if (!action.due.empty() && !is_iso8601_date(action.due))
            return Problem{at + "/due", "'" + printable(action.due) + "' is not a date like 2026-12-15"};
    }
    return std::nullopt;
}

}  // namespace

namespace {

// The improvement's links inside the plan: unique ids, steps the plan has, an action's problem and
// idea. (Its links into the log are checked with the log: check_links_to_log.)
std::optional<Problem> check_improvement(const Plan& plan, const std::set<StepId>& step_ids) {
    const Improvement& improvement = plan.improvement;
    const auto step_name = [&](StepId id) { return "step " + std::to_string(id) + ", which the plan does not have"; };
    std::set<ProblemId> problem_ids;
    std::set<IdeaId> idea_ids;
    for (std::size_t i = 0; i < improvement.problems.size(); ++i) {
        const RaisedProblem& problem = improvement.problems[i];
        const std::string at = "/improvement/problems/" + std::to_string(i);
        if (!problem_ids.insert(problem.id).second)
            return Problem{at + "/id", "problem id " + std::to_string(problem.id) + " is used twice"};
        for (std::size_t k = 0; k < problem.evidence.size(); ++k) {
            const Evidence& e = problem.evidence[k];
            if (e.kind != EvidenceKind::event && e.step != kNoStep && !step_ids.count(e.step))
                return Problem{at + "/evidence/" + std::to_string(k) + "/step", "the evidence is " + step_name(e.step)};
        }
        for (std::size_t k = 0; k < problem.ideas.size(); ++k)
            if (!idea_ids.insert(problem.ideas[k].id).second)
                return Problem{at + "/ideas/" + std::to_string(k) + "/id",
                               "idea id " + std::to_string(problem.ideas[k].id) + " is used twice"};
    }
    std::set<ActionId> action_ids;
    for (std::size_t i = 0; i < improvement.actions.size(); ++i) {
        const Action& action = improvement.actions[i];
        const std::string at = "/improvement/actions/" + std::to_string(i);
        if (!action_ids.insert(action.id).second)
            return Problem{at + "/id", "action id " + std::to_string(action.id) + " is used twice"};
        if (!problem_ids.count(action.problem))
            return Problem{at + "/problem", "answers problem " + std::to_string(action.problem) +
                                                ", which the improvement does not have"};
        if (action.idea != 0) {
            const RaisedProblem* of_idea = improvement.problem_of_idea(action.idea);
            if (!of_idea)
                return Problem{at + "/idea", "comes from idea " + std::to_string(action.idea) + ", which no problem has"};
            if (of_idea->id != action.problem)
                return Problem{at + "/idea", "comes from idea " + std::to_string(action.idea) + " of problem " +
                                                 std::to_string(of_idea->id) + ", but answers problem " +
                                                 std::to_string(action.problem)};
        }
        if (action.expected && action.expected->step != kNoStep && !step_ids.count(action.expected->step))
            return Problem{at + "/expected/step", "the expected effect is on " + step_name(action.expected->step)};
    }
    return std::nullopt;
}

// The work sampling study's rules across fields: unique ids and keys, a target category the study
// has, and a schedule whose gaps, days, breaks and rounds make sense.
std::optional<Problem> check_schedule(const SamplingSchedule& schedule) {
    const std::string at = "/sampling/schedule";
    if (schedule.min_gap_ms > schedule.max_gap_ms)
        return Problem{at + "/min_gap_ms", "the minimum gap " + std::to_string(schedule.min_gap_ms) +
                                               " ms is above the maximum gap " + std::to_string(schedule.max_gap_ms) + " ms"};
    if (schedule.mean_gap_ms < schedule.min_gap_ms || schedule.mean_gap_ms > schedule.max_gap_ms)
        return Problem{at + "/mean_gap_ms", "the mean gap " + std::to_string(schedule.mean_gap_ms) +
                                                " ms is outside the minimum and maximum gaps [" +
                                                std::to_string(schedule.min_gap_ms) + ", " +
                                                std::to_string(schedule.max_gap_ms) + "] ms"};
    // Read from a file, every date and time reads (the reader checked them); made in memory, maybe not.
    if (!utc_offset_minutes(schedule.utc_offset))
        return Problem{at + "/utc_offset", "'" + printable(schedule.utc_offset) + "' is not an offset from UTC like +01:00"};
    for (std::size_t i = 0; i < schedule.days.size(); ++i) {
        const SamplingDay& day = schedule.days[i];
        const std::string day_at = at + "/days/" + std::to_string(i);
        if (!days_since_epoch(day.date)) return Problem{day_at + "/date", "'" + printable(day.date) + "' is not a date"};
        std::vector<std::pair<std::string, const std::string*>> times = {{"/start", &day.start}, {"/end", &day.end}};
        for (std::size_t k = 0; k < day.breaks.size(); ++k) {
            times.push_back({"/breaks/" + std::to_string(k) + "/start", &day.breaks[k].start});
            times.push_back({"/breaks/" + std::to_string(k) + "/end", &day.breaks[k].end});
        }
        for (const auto& [where, text] : times)
            if (!minutes_of_day(*text))
                return Problem{day_at + where, "'" + printable(*text) + "' is not a time of day like 07:30"};
    }
    std::optional<std::int64_t> previous_date;
    for (std::size_t i = 0; i < schedule.days.size(); ++i) {
        const SamplingDay& day = schedule.days[i];
        const std::string day_at = at + "/days/" + std::to_string(i);
        const std::int64_t date = *days_since_epoch(day.date);
        if (previous_date && date <= *previous_date)
            return Problem{day_at + "/date", "day " + day.date + " is not after the day before it, " + schedule.days[i - 1].date};
        previous_date = date;
        const std::int64_t start = *minutes_of_day(day.start), end = *minutes_of_day(day.end);
        if (end <= start) return Problem{day_at + "/end", "the day ends at " + day.end + ", not after it starts at " + day.start};
        for (std::size_t k = 0; k < day.breaks.size(); ++k) {
            const SamplingBreak& pause = day.breaks[k];
            const std::string break_at = day_at + "/breaks/" + std::to_string(k);
            const std::int64_t from = *minutes_of_day(pause.start), to = *minutes_of_day(pause.end);
            if (to <= from)
                return Problem{break_at + "/end", "the break ends at " + pause.end + ", not after it starts at " + pause.start};
            if (from < start || to > end)
                return Problem{break_at, "the break " + pause.start + "-" + pause.end + " is outside its day " + day.start +
                                             "-" + day.end};
            for (std::size_t j = 0; j < k; ++j)
                if (from < *minutes_of_day(day.breaks[j].end) && *minutes_of_day(day.breaks[j].start) < to)
                    return Problem{break_at, "the break " + pause.start + "-" + pause.end + " overlaps the break " +
                                                 day.breaks[j].start + "-" + day.breaks[j].end};
        }
    }
    const std::optional<sampling::ScheduleRequest> request = schedule_request(schedule);
    for (std::size_t k = 0; k < schedule.rounds.size(); ++k) {
        const std::int64_t ms = schedule.rounds[k];
        const std::string round_at = at + "/rounds/" + std::to_string(k);
        const std::string round = "round " + std::to_string(k + 1) + " at " + std::to_string(ms) + " ms";
        if (k > 0 && ms <= schedule.rounds[k - 1])
            return Problem{round_at, round + " is not after round " + std::to_string(k) + " at " +
                                         std::to_string(schedule.rounds[k - 1]) + " ms"};
        const bool working = std::any_of(request->days.begin(), request->days.end(), [&](const sampling::WorkingDay& day) {
            return ms >= day.start_ms && ms < day.end_ms &&
                   std::none_of(day.breaks.begin(), day.breaks.end(),
                                [&](const sampling::TimeSpan& b) { return ms >= b.start_ms && ms < b.end_ms; });
        });
        if (!working) return Problem{round_at, round + " is outside the working time of the schedule's days"};
    }
    return std::nullopt;
}

std::optional<Problem> check_sampling(const Plan& plan) {
    const SamplingStudy& study = plan.sampling;
    std::set<SubjectId> subject_ids;
    for (std::size_t i = 0; i < study.subjects.size(); ++i)
        if (!subject_ids.insert(study.subjects[i].id).second)
            return Problem{"/sampling/subjects/" + std::to_string(i) + "/id",
                           "subject id " + std::to_string(study.subjects[i].id) + " is used twice"};
    std::set<CategoryId> category_ids;
    for (std::size_t i = 0; i < study.categories.size(); ++i) {
        const SamplingCategory& category = study.categories[i];
        const std::string at = "/sampling/categories/" + std::to_string(i);
        if (!category_ids.insert(category.id).second)
            return Problem{at + "/id", "category id " + std::to_string(category.id) + " is used twice"};
        if (const SamplingCategory* first = study.category_with_key(category.key); first && first != &category)
            return Problem{at + "/key", "key " + category.key + " is used twice: \"" + printable(first->name) +
                                            "\" has it already"};
    }
    if (study.target && !study.find_category(study.target->category))
        return Problem{"/sampling/target/category", "the target is category " + std::to_string(study.target->category) +
                                                        ", which the study does not have"};
    if (study.schedule) return check_schedule(*study.schedule);
    return std::nullopt;
}

// An event a piece of evidence may point at: one that makes a reading, a tag, a note or a count.
bool makes_evidence(EventKind kind) {
    switch (kind) {
        case EventKind::step_start:
        case EventKind::lap:
        case EventKind::split:
        case EventKind::insert_reading:
        case EventKind::waste_tag:
        case EventKind::waste_start:
        case EventKind::note:
        case EventKind::queue_count: return true;
        default: return false;
    }
}

// The improvement's evidence events are in the log (ids increase along it: a binary search).
std::optional<Problem> check_links_to_log(const Session& session) {
    const std::vector<RaisedProblem>& problems = session.improvement.problems;
    for (std::size_t i = 0; i < problems.size(); ++i)
        for (std::size_t k = 0; k < problems[i].evidence.size(); ++k) {
            const Evidence& e = problems[i].evidence[k];
            if (e.kind != EvidenceKind::event) continue;
            const auto it = std::lower_bound(session.events.begin(), session.events.end(), e.event,
                                             [](const Event& event, EventId id) { return event.id < id; });
            const std::string at = "/improvement/problems/" + std::to_string(i) + "/evidence/" + std::to_string(k) + "/event";
            if (it == session.events.end() || it->id != e.event)
                return Problem{at, "the evidence is event " + std::to_string(e.event) + ", which the log does not have"};
            if (!makes_evidence(it->kind))
                return Problem{at, "the evidence is event " + std::to_string(e.event) + ", a " +
                                       std::string(to_string(it->kind)) +
                                       " event; evidence is a waste tag, a note, a reading or a queue count"};
        }
    return std::nullopt;
}

std::optional<Problem> check_plan_semantics(const Session& session) {
    if (!session.started_at.empty() && !is_iso8601_datetime(session.started_at))
        return Problem{"/started_at",
                       "'" + printable(session.started_at) + "' is not a date and time like 2026-11-27T08:30:00Z"};
    std::set<StepId> step_ids;
    for (std::size_t i = 0; i < session.steps.size(); ++i)
        if (!step_ids.insert(session.steps[i].id).second)
            return Problem{"/steps/" + std::to_string(i) + "/id",
                           "step id " + std::to_string(session.steps[i].id) + " is used twice"};
    std::set<QueueId> queue_ids;
    for (std::size_t i = 0; i < session.queues.size(); ++i) {
        const Queue& queue = session.queues[i];
        const std::string at = "/queues/" + std::to_string(i);
        if (!queue_ids.insert(queue.id).second)
            return Problem{at + "/id", "queue id " + std::to_string(queue.id) + " is used twice"};
        if (!step_ids.count(queue.before_step))
            return Problem{at + "/before_step", "queue \"" + printable(queue.name) + "\" feeds step " +
                                                    std::to_string(queue.before_step) + ", which the plan does not have"};
    }
    if (auto problem = check_improvement(session, step_ids)) return problem;
    return check_sampling(session);
}

// Whether every step (queue, subject, category, round) an event names is in the plan.
bool plan_has_every_step_of_the_log(const Session& session) {
    // A handful of steps, a million events: look each step up once, not once per event.
    std::vector<StepId> known;
    known.reserve(session.steps.size());
    for (const Step& step : session.steps) known.push_back(step.id);
    std::sort(known.begin(), known.end());
    StepId last_found = kNoStep;
    const auto known_step = [&](StepId step) {
        if (step == kNoStep || step == last_found) return true;
        if (!std::binary_search(known.begin(), known.end(), step)) return false;
        last_found = step;
        return true;
    };
    const SamplingStudy& study = session.sampling;
    const bool sampling = session.study == StudyKind::work_sampling;
    return std::all_of(session.events.begin(), session.events.end(), [&](const Event& e) {
        if (e.is_round_kind())  // a sampling study's subjects, categories and rounds, as the replay looks them up
            return sampling && study.round_ms(e.round()) &&
                   (e.kind != EventKind::observation ||
                    (study.find_subject(e.subject()) && study.find_category(e.category())));
        return known_step(e.step) && known_step(e.ended_step()) &&
               (e.queue() == kNoQueue || session.find_queue(e.queue()) != nullptr);
    });
}

}  // namespace

std::optional<Problem> check_semantics(const Session& session, LogState* replayed, LogLinks links) {
    if (auto problem = check_plan_semantics(session)) return problem;
    std::optional<LogError> error;
    LogState state = LogState::replay(session, &error);
    if (error)
        return Problem{"/events/" + std::to_string(error->event_index),
                       "event " + std::to_string(error->event_id) + ": " + error->message};
    // After the replay, which refuses ids out of order: the links' lookup relies on their order.
    if (links == LogLinks::checked)
        if (auto problem = check_links_to_log(session)) return problem;
    if (replayed) *replayed = std::move(state);
    return std::nullopt;
}

std::optional<Problem> check_semantics(const Session& session, const LogState& replayed) {
    const EventId last = session.events.empty() ? kNoEvent : session.events.back().id;
    if (replayed.last_event() != last || !plan_has_every_step_of_the_log(session)) return check_semantics(session);
    if (auto problem = check_plan_semantics(session)) return problem;
    return check_links_to_log(session);
}

std::optional<Problem> check_values(const Session& s) {
    for (const auto& [text, where] : {std::pair{&s.title, "/title"}, std::pair{&s.process, "/process"},
                                      std::pair{&s.area, "/area"}, std::pair{&s.observer, "/observer"},
                                      std::pair{&s.notes, "/notes"}, std::pair{&s.started_at, "/started_at"}})
        if (auto p = check_text(*text, where)) return p;
    const StudySettings& st = s.settings;
    if (auto p = check_number(st.confidence_pct, "/settings/confidence_pct")) return p;
    if (st.z)
        if (auto p = check_number(*st.z, "/settings/z")) return p;
    if (auto p = check_number(st.accuracy_pct, "/settings/accuracy_pct")) return p;
    if (st.accuracy_ms)
        if (auto p = check_number(*st.accuracy_ms, "/settings/accuracy_ms")) return p;
    if (st.takt_demand_units)
        if (auto p = check_number(*st.takt_demand_units, "/settings/takt_demand_units")) return p;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        const std::string at = "/steps/" + std::to_string(i);
        if (auto p = check_text(s.steps[i].name, at + "/name")) return p;
        if (auto p = check_number(s.steps[i].rating_pct, at + "/rating_pct")) return p;
        if (auto p = check_number(s.steps[i].allowance_pct, at + "/allowance_pct")) return p;
        for (std::size_t k = 0; k < s.steps[i].touched_by.size(); ++k)
            if (auto p = check_text(s.steps[i].touched_by[k], at + "/touched_by/" + std::to_string(k))) return p;
        if (auto p = check_text(s.steps[i].what_happens, at + "/what_happens")) return p;
        if (s.steps[i].uptime_pct)
            if (auto p = check_number(*s.steps[i].uptime_pct, at + "/uptime_pct")) return p;
    }
    for (std::size_t i = 0; i < s.queues.size(); ++i)
        if (auto p = check_text(s.queues[i].name, "/queues/" + std::to_string(i) + "/name")) return p;
    if (auto p = check_improvement_texts(s.improvement)) return p;
    for (std::size_t i = 0; i < s.sampling.subjects.size(); ++i)
        if (auto p = check_text(s.sampling.subjects[i].name, "/sampling/subjects/" + std::to_string(i) + "/name")) return p;
    for (std::size_t i = 0; i < s.sampling.categories.size(); ++i)
        if (auto p = check_text(s.sampling.categories[i].name, "/sampling/categories/" + std::to_string(i) + "/name"))
            return p;
    if (s.sampling.target)
        if (auto p = check_number(s.sampling.target->accuracy_pct, "/sampling/target/accuracy_pct")) return p;
    if (s.sampling.units_produced)
        if (auto p = check_number(*s.sampling.units_produced, "/sampling/units_produced")) return p;
    if (auto p = check_number(s.sampling.rating_pct, "/sampling/rating_pct")) return p;
    if (auto p = check_number(s.sampling.allowance_pct, "/sampling/allowance_pct")) return p;
    for (std::size_t i = 0; i < s.events.size(); ++i) {
        const Event& e = s.events[i];
        // The field the text is written to depends on the kind; some kinds write no text at all.
        if (const EventField* text = fields_of(e.kind).text)
            if (auto p = check_text(e.text.view(), "/events/" + std::to_string(i) + "/" + std::string(text->name))) return p;
        if (auto p = check_event_values(e, i)) return p;
    }
    return std::nullopt;
}

}  // namespace gemba::detail
