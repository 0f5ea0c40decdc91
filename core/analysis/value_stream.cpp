#include "core/analysis/value_stream.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

namespace gemba {
namespace {

std::string number_text(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return result.ec == std::errc{} ? std::string(buffer, result.ptr) : std::string("?");
}

std::string place(std::string_view list, std::size_t index, const std::string& name) {
    return std::string(list) + "[" + std::to_string(index) + "] \"" + name + "\"";
}

ValueStreamResult refuse(std::string where, std::string what) {
    return {.figures = std::nullopt, .problem = ValueStreamProblem{std::move(where), std::move(what)}};
}

// "must not be negative, found -2" for a time that is negative or not finite; empty when fine.
std::optional<std::string> bad_time(const std::optional<double>& ms) {
    if (!ms) return std::nullopt;
    if (!std::isfinite(*ms)) return "must be a finite number of milliseconds, found " + number_text(*ms);
    if (*ms < 0) return "must not be negative, found " + number_text(*ms);
    return std::nullopt;
}

}  // namespace

std::string ValueStreamProblem::message() const { return where.empty() ? what : where + ": " + what; }

std::string_view to_string(WaitSource source) {
    switch (source) {
    case WaitSource::queue: return "queue";
    case WaitSource::observed: return "observed";
    case WaitSource::none: break;
    }
    return "none";
}

std::string_view display_name(WaitSource source) {
    switch (source) {
    case WaitSource::queue: return "queue count (Little's law)";
    case WaitSource::observed: return "timed on the walk";
    case WaitSource::none: break;
    }
    return "none";
}

ValueStreamResult value_stream_figures(const ValueStreamInput& input) {
    // ---- Checks, in input order: the first problem is the one reported.
    if (input.demand_per_day && (!std::isfinite(*input.demand_per_day) || *input.demand_per_day <= 0))
        return refuse("demand_per_day", "must be above 0 units per day, found " + number_text(*input.demand_per_day));
    if (input.available_ms_per_day && (*input.available_ms_per_day <= 0 || *input.available_ms_per_day > kMaxTimeMs))
        return refuse("available_ms_per_day", "must be above 0 and at most " + std::to_string(kMaxTimeMs) +
                                                  " ms, found " + std::to_string(*input.available_ms_per_day));
    for (std::size_t i = 0; i < input.steps.size(); ++i) {
        const ValueStreamStep& step = input.steps[i];
        if (auto what = bad_time(step.process_ms)) return refuse(place("steps", i, step.name), "process time " + *what);
        if (auto what = bad_time(step.observed_wait_ms))
            return refuse(place("steps", i, step.name), "observed wait " + *what);
    }
    std::vector<std::size_t> fed_step(input.queues.size());
    for (std::size_t q = 0; q < input.queues.size(); ++q) {
        const ValueStreamQueue& queue = input.queues[q];
        const std::string where = place("queues", q, queue.name);
        const auto fed = std::find_if(input.steps.begin(), input.steps.end(),
                                      [&](const ValueStreamStep& step) { return step.id == queue.before_step; });
        if (fed == input.steps.end())
            return refuse(where, "feeds step " + std::to_string(queue.before_step) + ", which the stream does not have");
        fed_step[q] = static_cast<std::size_t>(fed - input.steps.begin());
        for (std::size_t c = 0; c < queue.counts.size(); ++c) {
            const StreamCount& count = queue.counts[c];
            const std::string which = "count " + std::to_string(c + 1) + " ";
            if (count.units < 0) return refuse(where, which + "must not be negative, found " + std::to_string(count.units));
            if (count.t_ms < 0) return refuse(where, which + "has a negative time, " + std::to_string(count.t_ms) + " ms");
            if (c > 0 && count.t_ms < queue.counts[c - 1].t_ms)
                return refuse(where, which + "is earlier than the one before it (" + std::to_string(count.t_ms) +
                                         " ms < " + std::to_string(queue.counts[c - 1].t_ms) + " ms)");
        }
        if (queue.wip_limit && *queue.wip_limit <= 0)
            return refuse(where, "WIP limit must be at least 1, found " + std::to_string(*queue.wip_limit));
    }

    // ---- Figures.
    ValueStreamFigures out;
    // 0: no working day given (a given one is above 0, checked above).
    const double day_ms = static_cast<double>(input.available_ms_per_day.value_or(0));
    if (day_ms > 0 && input.demand_per_day) out.takt_ms = day_ms / *input.demand_per_day;

    out.steps.reserve(input.steps.size());
    for (const ValueStreamStep& step : input.steps) {
        StepFigures& figures = out.steps.emplace_back();
        figures.id = step.id;
        figures.name = step.name;
        figures.value_class = step.value_class;
        figures.touched_by = step.touched_by;
        figures.process_ms = step.process_ms;
        figures.observed_wait_ms = step.observed_wait_ms;
    }

    for (std::size_t q = 0; q < input.queues.size(); ++q) {
        const ValueStreamQueue& queue = input.queues[q];
        QueueFigures figures;
        figures.id = queue.id;
        figures.name = queue.name;
        figures.step = fed_step[q];
        figures.counts_seen = queue.counts.size();
        figures.wip_limit = queue.wip_limit;
        if (!queue.counts.empty()) {
            double sum = 0;
            for (const StreamCount& count : queue.counts) sum += static_cast<double>(count.units);
            const std::int64_t last = queue.counts.back().units;
            figures.last_count = last;
            figures.mean_count = sum / static_cast<double>(queue.counts.size());
            figures.over_limit = queue.wip_limit && last > *queue.wip_limit;
            if (input.demand_per_day) {
                figures.days = static_cast<double>(last) / *input.demand_per_day;
                StepFigures& step = out.steps[fed_step[q]];
                step.queue_days = step.queue_days.value_or(0) + *figures.days;
                if (day_ms > 0) {
                    figures.wait_ms = *figures.days * day_ms;
                    step.queue_wait_ms = step.queue_wait_ms.value_or(0) + *figures.wait_ms;
                }
            }
        }
        if (figures.over_limit) out.over_limit_queues.push_back(q);
        out.queues.push_back(std::move(figures));
    }

    // ---- The ladder.
    double longest = 0;
    for (std::size_t i = 0; i < out.steps.size(); ++i) {
        StepFigures& step = out.steps[i];
        if (step.queue_wait_ms) {
            step.wait_source = WaitSource::queue;
            step.wait_ms = step.queue_wait_ms;
        } else if (step.observed_wait_ms) {
            step.wait_source = WaitSource::observed;
            step.wait_ms = step.observed_wait_ms;
        }
        if (step.wait_ms) {
            out.total_wait_ms += *step.wait_ms;
            if (*step.wait_ms > longest) {
                longest = *step.wait_ms;
                out.longest_wait_step = i;
            }
        } else {
            out.steps_without_wait.push_back(i);
        }
        if (step.process_ms) {
            out.total_process_ms += *step.process_ms;
            if (step.value_class == ValueClass::value_added) out.value_added_ms += *step.process_ms;
        } else {
            out.steps_without_process_time.push_back(i);
        }
    }
    out.lead_time_ms = out.total_wait_ms + out.total_process_ms;
    if (day_ms > 0) out.lead_time_days = out.lead_time_ms / day_ms;
    if (out.lead_time_ms > 0) out.pce = out.value_added_ms / out.lead_time_ms;
    return {.figures = std::move(out), .problem = std::nullopt};
}

std::vector<std::optional<double>> observed_waits(const Session& session, const LogState& state) {
    const std::size_t n = session.steps.size();
    std::vector<std::optional<double>> waits(n);
    if (n < 2) return waits;
    // The valid readings as (cycle, plan position, start, end), sorted: a walk has up to millions,
    // so one flat vector and one sort, not a map of cycles.
    struct Seen {
        std::int64_t cycle;
        std::size_t position;
        std::int64_t start, end;
        bool operator<(const Seen& other) const {
            return std::tie(cycle, position, start) < std::tie(other.cycle, other.position, other.start);
        }
    };
    std::vector<std::pair<StepId, std::size_t>> positions;
    for (std::size_t i = 0; i < n; ++i) positions.emplace_back(session.steps[i].id, i);
    std::sort(positions.begin(), positions.end());
    std::vector<Seen> seen;
    seen.reserve(state.readings().size());
    for (const Reading& r : state.readings()) {
        if (!r.valid()) continue;
        const auto at = std::lower_bound(positions.begin(), positions.end(), std::pair{r.step, std::size_t{0}});
        if (at == positions.end() || at->first != r.step) continue;
        seen.push_back({r.cycle, at->second, r.start_ms, *r.end_ms});
    }
    std::sort(seen.begin(), seen.end());
    std::vector<double> sum(n, 0.0);
    std::vector<std::size_t> cycles_with(n, 0);
    // Runs of one step in one cycle, in start order: a run's first reading is the step's first
    // start in the cycle; the run before it, when it is the step before in plan order, holds the ends.
    std::size_t previous_begin = 0, previous_end = 0;
    for (std::size_t begin = 0; begin < seen.size();) {
        std::size_t end = begin + 1;
        while (end < seen.size() && seen[end].cycle == seen[begin].cycle && seen[end].position == seen[begin].position)
            ++end;
        const Seen& first = seen[begin];
        if (previous_end > previous_begin && seen[previous_begin].cycle == first.cycle &&
            seen[previous_begin].position + 1 == first.position) {
            std::optional<std::int64_t> before;
            for (std::size_t k = previous_begin; k < previous_end; ++k)
                if (seen[k].end <= first.start) before = std::max(before.value_or(seen[k].end), seen[k].end);
            if (before) {
                sum[first.position] +=
                    static_cast<double>(first.start - *before - state.paused_ms_between(*before, first.start));
                ++cycles_with[first.position];
            }
        }
        previous_begin = begin;
        previous_end = end;
        begin = end;
    }
    for (std::size_t i = 1; i < n; ++i)
        if (cycles_with[i] > 0) waits[i] = sum[i] / static_cast<double>(cycles_with[i]);
    return waits;
}

ValueStreamInput value_stream_input(const Session& session, const LogState& state, const SessionSummary& summary,
                                    std::vector<std::string>* notices) {
    ValueStreamInput in;
    const std::vector<std::optional<double>> waits = observed_waits(session, state);
    for (std::size_t i = 0; i < session.steps.size(); ++i) {
        const Step& step = session.steps[i];
        ValueStreamStep& out = in.steps.emplace_back();
        out.id = step.id;
        out.name = step.name;
        out.value_class = step.value_class;
        out.touched_by = step.touched_by;
        out.observed_wait_ms = waits[i];
        if (i < summary.steps.size() && summary.steps[i].step == step.id && summary.steps[i].observed_ms)
            out.process_ms = *summary.steps[i].observed_ms * summary.steps[i].frequency;
    }
    for (const Queue& queue : session.queues) {
        ValueStreamQueue& out = in.queues.emplace_back();
        out.id = queue.id;
        out.name = queue.name;
        out.before_step = queue.before_step;
        out.wip_limit = queue.wip_limit;
        for (const gemba::QueueCount& count : state.queue_counts())
            if (count.queue == queue.id) out.counts.push_back({count.t_ms, count.count});
    }
    const StudySettings& settings = session.settings;
    if (settings.takt_demand_units && *settings.takt_demand_units > 0) in.demand_per_day = settings.takt_demand_units;
    if (settings.takt_available_ms && *settings.takt_available_ms > 0) in.available_ms_per_day = settings.takt_available_ms;
    if (notices && !session.queues.empty()) {
        if (!settings.takt_demand_units)
            notices->push_back("no demand per day (/settings/takt_demand_units): the queues' days of work and waits "
                               "need it; set it in Setup");
        else if (*settings.takt_demand_units <= 0)
            notices->push_back("demand per day is 0 (/settings/takt_demand_units): the queues' days of work and "
                               "waits need a demand above 0; set it in Setup");
        if (!settings.takt_available_ms || *settings.takt_available_ms <= 0)
            notices->push_back("no working time per day (/settings/takt_available_ms): waits and the lead time "
                               "cannot be given in working days; set it in Setup");
    }
    return in;
}

ValueStreamResult value_stream_of(const Session& session, const LogState& state, const SessionSummary& summary) {
    std::vector<std::string> notices;
    ValueStreamResult result = value_stream_figures(value_stream_input(session, state, summary, &notices));
    if (result.figures) result.figures->notices.insert(result.figures->notices.begin(), notices.begin(), notices.end());
    return result;
}

}  // namespace gemba
