// The numbers of a current-state value stream map (shared LEAN.md, "Flow"): what waits in each
// queue and how many days of work it holds, the wait and process time of each step, and the
// timeline ladder under the map (production lead time, value-added time, PCE).
//
// Display-free and independent of the session file: the caller describes the stream in order
// (steps, queues before them, the customer's demand) and gets exact values back, times in
// milliseconds as doubles, std::nullopt where a value is undefined or unknown. Units for reading
// come from core/report (format_ladder_time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// ---- Input -----------------------------------------------------------------------------------

// One step of the stream, in flow order.
struct ValueStreamStep {
    StepId id = kNoStep;  // a queue names the step it feeds by this id
    std::string name;
    ValueClass value_class = ValueClass::value_added;
    std::optional<double> process_ms;        // observed process time per unit; none when not timed
    std::optional<double> observed_wait_ms;  // the wait before the step the walk timed (its gaps)
    std::vector<std::string> touched_by;     // roles, teams or people, as typed
};

// A count of what waits in a queue, as it was seen.
struct StreamCount {
    std::int64_t t_ms = 0;   // session time of the count
    std::int64_t units = 0;  // whole units (pieces, requests, cards)
};

// A place where work waits before a step: an inventory triangle, an inbox, a board column.
struct ValueStreamQueue {
    QueueId id = kNoQueue;
    std::string name;
    StepId before_step = kNoStep;            // the id of the step it feeds
    std::vector<StreamCount> counts;          // in time order; the last one is the current count
    std::optional<std::int64_t> wip_limit;   // none: no limit
};

struct ValueStreamInput {
    std::vector<ValueStreamStep> steps;  // flow order, first step first
    std::vector<ValueStreamQueue> queues;
    // The customer side, when known: without demand no queue converts to days or a wait, and
    // without the working day no time converts to working days.
    std::optional<double> demand_per_day;              // customer demand, units per working day
    std::optional<std::int64_t> available_ms_per_day;  // working time per day, breaks excluded
};

// ---- Output ----------------------------------------------------------------------------------

struct QueueFigures {
    QueueId id = kNoQueue;
    std::string name;
    std::size_t step = 0;  // index into ValueStreamInput::steps of the step it feeds
    std::size_t counts_seen = 0;
    std::optional<std::int64_t> last_count;  // the current count; none before the first count
    std::optional<double> mean_count;        // arithmetic mean of the counts seen (not time-weighted)
    // Little's law (wait = WIP ÷ throughput) on the current count: days of work it holds =
    // last count ÷ demand per day; the same as the wait a unit spends there, in working time =
    // days × available time per day (= last count × takt). None before the first count, and
    // without demand (days) or without the working day (wait).
    std::optional<double> days;
    std::optional<double> wait_ms;
    std::optional<std::int64_t> wip_limit;
    bool over_limit = false;  // last count above the WIP limit (at the limit is full, not over)
};

// Where the wait of a step on the ladder comes from.
enum class WaitSource { none, queue, observed };

struct StepFigures {
    StepId id = kNoStep;
    std::string name;
    ValueClass value_class = ValueClass::value_added;
    std::vector<std::string> touched_by;
    std::optional<double> process_ms;
    // The wait before the step from the queues that feed it (Little's law): the sum over its
    // counted queues, so that two piles of one stream (left and right parts) add up; none when no
    // queue before it has a count.
    std::optional<double> queue_days;
    std::optional<double> queue_wait_ms;
    std::optional<double> observed_wait_ms;  // as given, shown beside the queue's
    // The wait the ladder uses. Rule: the queues' when they were counted (a count is the map's
    // snapshot of the current state; the walk's timed gap follows one unit), else the observed
    // wait, else none (the ladder then adds nothing for it).
    WaitSource wait_source = WaitSource::none;
    std::optional<double> wait_ms;
};

struct ValueStreamFigures {
    std::vector<StepFigures> steps;    // input order
    std::vector<QueueFigures> queues;  // input order

    std::optional<double> takt_ms;  // available time per day ÷ demand per day, when both are known

    // The timeline ladder. Production lead time = Σ waits + Σ process times over the steps;
    // a step without a process time or a wait adds nothing for it and is listed below.
    double total_wait_ms = 0;
    double total_process_ms = 0;
    double lead_time_ms = 0;
    std::optional<double> lead_time_days;  // lead time ÷ available time per day (working days)
    double value_added_ms = 0;   // Σ process times of the value-added steps
    std::optional<double> pce;   // value-added ÷ lead time; none when the lead time is 0
    std::optional<std::size_t> longest_wait_step;  // largest ladder wait above 0, the first on a tie
    std::vector<std::size_t> over_limit_queues;    // indices into queues, input order
    std::vector<std::size_t> steps_without_process_time;
    std::vector<std::size_t> steps_without_wait;
    // What a reader should know about the figures ("no demand per day: ..."), in words.
    std::vector<std::string> notices;
};

// Bad input, named by its place: where = "queues[2] \"Inbox\"", "steps[0] \"Stamping\"",
// "demand_per_day", "available_ms_per_day"; what = "count must not be negative, found -3".
struct ValueStreamProblem {
    std::string where;
    std::string what;
    // "queues[2] \"Inbox\": count must not be negative, found -3"
    std::string message() const;
};

// Either figures or the first problem in input order (customer side, then steps, then queues);
// never both. The caller shows problem->message() where it would have shown the map (the CLI
// on stderr with a failing exit, the GUI in place of the map, a loader under its file name) and
// never gets half the figures.
struct ValueStreamResult {
    std::optional<ValueStreamFigures> figures;
    std::optional<ValueStreamProblem> problem;
    bool ok() const { return figures.has_value(); }
};

// The problems: a demand per day given and not above 0 (or not finite); an available time per day
// given and not above 0 or above kMaxTimeMs; a process time or observed wait negative or not
// finite; a queue naming no step; a count below 0, a count time below 0 or before the one ahead of
// it; a WIP limit not above 0.
ValueStreamResult value_stream_figures(const ValueStreamInput& input);

// The value stream of a session, in plan order: each step's process time per unit (its observed
// time × frequency, from the summary), the wait the walk timed before it (observed_waits), who
// touches it; the plan's queues with their counts from the log; the customer side from the takt
// settings (a demand of 0 is left out, with a notice naming /settings/takt_demand_units).
ValueStreamInput value_stream_input(const Session& session, const LogState& state, const SessionSummary& summary,
                                    std::vector<std::string>* notices = nullptr);
// value_stream_figures of value_stream_input, the input's notices added to the figures'.
ValueStreamResult value_stream_of(const Session& session, const LogState& state, const SessionSummary& summary);

// The wait the walk timed before each step, by plan position: over the cycles where both happened,
// the mean of (the step's first start in the cycle − the latest end before it of a valid reading of
// the step before it in plan order, in the same cycle), paused time left out; a start before that
// end counts as no wait. None for the first step and for a step never seen after its predecessor.
std::vector<std::optional<double>> observed_waits(const Session& session, const LogState& state);

// "queue", "observed", "none" (JSON); "queue count (Little's law)", "timed on the walk", "none".
std::string_view to_string(WaitSource);
std::string_view display_name(WaitSource);

}  // namespace gemba
