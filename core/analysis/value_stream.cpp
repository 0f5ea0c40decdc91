#include "core/analysis/value_stream.hpp"

#include <charconv>
#include <cmath>

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
    if (!std::isfinite(input.demand_per_day) || input.demand_per_day <= 0)
        return refuse("demand_per_day", "must be above 0 units per day, found " + number_text(input.demand_per_day));
    if (input.available_ms_per_day <= 0 || input.available_ms_per_day > kMaxTimeMs)
        return refuse("available_ms_per_day", "must be above 0 and at most " + std::to_string(kMaxTimeMs) +
                                                  " ms, found " + std::to_string(input.available_ms_per_day));
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
        std::size_t matches = 0;
        for (std::size_t i = 0; i < input.steps.size(); ++i)
            if (input.steps[i].name == queue.before_step) {
                if (matches++ == 0) fed_step[q] = i;
            }
        if (matches == 0) return refuse(where, "feeds step \"" + queue.before_step + "\", which the stream does not have");
        if (matches > 1)
            return refuse(where, "feeds step \"" + queue.before_step + "\", a name " + std::to_string(matches) +
                                     " steps share: rename them apart");
        for (std::size_t c = 0; c < queue.counts.size(); ++c) {
            const QueueCount& count = queue.counts[c];
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
    const double day_ms = static_cast<double>(input.available_ms_per_day);
    out.takt_ms = day_ms / input.demand_per_day;

    out.steps.reserve(input.steps.size());
    for (const ValueStreamStep& step : input.steps) {
        StepFigures& figures = out.steps.emplace_back();
        figures.name = step.name;
        figures.value_class = step.value_class;
        figures.touched_by = step.touched_by;
        figures.process_ms = step.process_ms;
        figures.observed_wait_ms = step.observed_wait_ms;
    }

    for (std::size_t q = 0; q < input.queues.size(); ++q) {
        const ValueStreamQueue& queue = input.queues[q];
        QueueFigures figures;
        figures.name = queue.name;
        figures.step = fed_step[q];
        figures.counts_seen = queue.counts.size();
        figures.wip_limit = queue.wip_limit;
        if (!queue.counts.empty()) {
            double sum = 0;
            for (const QueueCount& count : queue.counts) sum += static_cast<double>(count.units);
            const std::int64_t last = queue.counts.back().units;
            figures.last_count = last;
            figures.mean_count = sum / static_cast<double>(queue.counts.size());
            figures.days = static_cast<double>(last) / input.demand_per_day;
            figures.wait_ms = *figures.days * day_ms;
            figures.over_limit = queue.wip_limit && last > *queue.wip_limit;
            StepFigures& step = out.steps[fed_step[q]];
            step.queue_days = step.queue_days.value_or(0) + *figures.days;
            step.queue_wait_ms = step.queue_wait_ms.value_or(0) + *figures.wait_ms;
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
    out.lead_time_days = out.lead_time_ms / day_ms;
    if (out.lead_time_ms > 0) out.pce = out.value_added_ms / out.lead_time_ms;
    return {.figures = std::move(out), .problem = std::nullopt};
}

}  // namespace gemba
