// The numbers of a work sampling study (LEAN.md "Work sampling"): the share of each category with
// its confidence intervals, the observations required for the target and how many more, the shares
// per subject, a p-chart per day of the target category, how the rounds went, and the standard
// time from sampling.
//
// Conventions, stated once:
//  - n, the denominator of every share, is the observations in categories that are not "absent /
//    not observable": a subject who could not be seen says nothing about how the time is spent.
//    Absent observations are counted (and shown) but have no share.
//  - z comes from the study settings (settings.z, else confidence_pct by settings.z_convention).
//  - A round is taken when it has at least one observation; taken late when its first observation
//    came more than the schedule's late_after_ms after its time; skipped when a round_skip says
//    so (with its reason) or, with none, when it was not taken by grace_ms after its time (missed).
//  - Standard time: total time = the schedule's working time (its days' windows less their breaks)
//    × the number of subjects (each subject's time is observed); share working = the share of the
//    value-added categories; normal time = total time × share working × rating ÷ units produced;
//    standard time by the settings' allowance convention with the study's allowance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/log/log_state.hpp"
#include "core/model/session.hpp"
#include "core/sampling/p_chart.hpp"
#include "core/sampling/proportion.hpp"
#include "core/sampling/standard_time.hpp"

namespace gemba {

struct CategoryShare {
    const SamplingCategory* category = nullptr;
    std::int64_t count = 0;
    // p̂ and its intervals over n; empty for an absent category or while n is 0.
    std::optional<sampling::ShareEstimate> estimate;
};

struct SubjectShares {
    const SamplingSubject* subject = nullptr;
    std::int64_t observations = 0;  // this subject's n (absent left out)
    std::int64_t absent = 0;
    std::vector<CategoryShare> categories;  // in the study's category order
};

struct RoundFigures {
    std::int64_t scheduled = 0;
    std::int64_t taken = 0;       // on time and late together
    std::int64_t taken_late = 0;
    std::int64_t skipped = 0;     // by a round_skip
    std::int64_t missed = 0;      // not taken within the grace, and not skipped by a round_skip
    std::int64_t open = 0;        // due or late now, not yet taken
    std::int64_t to_come = 0;     // not yet due
    std::optional<std::int64_t> max_late_ms;   // the latest of the late rounds, how late
    std::optional<double> mean_late_ms;        // the mean lateness of the late rounds
};

struct TargetFigures {
    const SamplingCategory* category = nullptr;
    SamplingAccuracy accuracy = SamplingAccuracy::absolute;
    double accuracy_pct = 0.0;
    // n = z²·p(1−p)/e² with p the category's share (0.5 before any observation); empty when it has
    // no value (a relative target with p = 0).
    std::optional<sampling::RequiredObservations> required;
};

struct SamplingSummary {
    double z = 0.0;
    std::int64_t observations = 0;  // n: every observation not undone, absent left out
    std::int64_t absent = 0;        // observations in absent categories
    std::vector<CategoryShare> categories;  // in the study's order
    std::vector<SubjectShares> subjects;    // in the study's order
    std::optional<TargetFigures> target;
    // The target category per schedule day (days without observations have no data); empty
    // without a target or when no day has observations.
    std::optional<sampling::PChart> p_chart;
    std::vector<std::string> p_chart_dates;  // the days of p_chart, as the schedule has them
    RoundFigures rounds;
    // Standard time from sampling, per unit; or why there is none.
    std::optional<sampling::SamplingStandardTime> standard_time;
    std::string standard_time_missing;
    double total_time_ms = 0.0;  // the standard time's total time (working time × subjects)
    std::optional<double> share_working;  // the value-added categories' share
};

// The summary of a work sampling session whose log `state` replayed, at `now_ms` on the study's
// clock (the time since the schedule's origin: what is open or still to come depends on it).
SamplingSummary summarize_sampling(const Session& session, const LogState& state, std::int64_t now_ms);

// How one round of the schedule went, at a moment on the study's clock (the conventions above).
enum class RoundStatus { taken, taken_late, skipped, missed, open, to_come };

struct RoundState {
    std::int64_t round = kNoRound;
    std::int64_t at_ms = 0;  // its time from the schedule's origin
    RoundStatus status = RoundStatus::to_come;
    std::int64_t late_ms = 0;  // taken or taken late: its first observation's time − its time
    std::string skip_reason;   // skipped: the round_skip's text
    // Per subject of the study (its order): the observation of this round, if any (an index into
    // LogState::observations(), which a replay of the same log rebuilds identically).
    std::vector<std::optional<std::size_t>> seen;
};

// Every round of the schedule in order, at `now_ms` on the study's clock; empty without a
// schedule. summarize_sampling's RoundFigures count these.
std::vector<RoundState> round_states(const Session& session, const LogState& state, std::int64_t now_ms);

// One point of a category's share as the study went on: after a round was taken, the
// observations so far (n, absent left out), how many of them showed the category, p̂ and its
// Wilson interval.
struct SharePoint {
    std::int64_t round = kNoRound;
    std::int64_t observations = 0;
    std::int64_t count = 0;
    double share = 0.0;
    sampling::ShareInterval wilson;
};

// The share of `category` after each round taken, in the rounds' time order (undone observations
// are not in the log state, so they do not count): the interval narrowing as observations come
// in. A round whose observations are all absent adds nothing to n and has no point. Empty for an absent or unknown category or a z not above 0.
std::vector<SharePoint> share_history(const Session& session, const LogState& state, CategoryId category, double z);

}  // namespace gemba
