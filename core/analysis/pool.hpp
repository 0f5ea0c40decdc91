// Several time studies of one plan (different observers, or days) pooled into one study
// (LEAN.md "Comparing studies"): steps matched by name (match_steps), never by position; each
// session's numbers beside the pooled ones; a one-way ANOVA per step saying whether the observers
// differ; the waste tallies added up; and, for two sessions, Cohen's κ of their waste tags paired
// on a common clock within a stated window. All functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/analysis/hypothesis.hpp"
#include "core/analysis/stats.hpp"
#include "core/analysis/summary.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// One session of the pool, as loaded; the pointers must outlive the call.
struct PoolInput {
    std::string file;                         // its file name: the observer when `observer` is empty
    const Session* session = nullptr;
    const LogState* state = nullptr;
    const SessionSummary* summary = nullptr;  // summarize(*session, *state): its observed time and tally
};

// The window two tags of two observers may lie apart and still be one event, by default.
inline constexpr std::int64_t kDefaultKappaWindowMs = 5'000;

struct PoolOptions {
    std::int64_t kappa_window_ms = kDefaultKappaWindowMs;  // >= 0
    // The two sessions (indices into the inputs) whose waste tags κ compares; by default the two
    // sessions when there are exactly two, else none.
    std::optional<std::pair<std::size_t, std::size_t>> kappa_pair;
};

// Does a step's time differ between observers?
enum class PoolVerdict {
    observers_differ,     // ANOVA p below 1 − confidence
    no_clear_difference,  // p at or above it
    not_tested,           // no ANOVA (see PooledStep::not_tested_why)
};
std::string_view to_string(PoolVerdict);  // "observers differ", "no clear difference", "not tested"

// A step found in every session under one match key.
struct PooledStep {
    std::string key;                 // step_match_key of its name
    std::string name;                // as the first session names it
    std::vector<StepId> steps;       // per session, that session's id of the step
    std::vector<Descriptive> per_session;  // each session's valid readings (n, mean, SD ...), in ms
    // Over every valid reading of every session taken as one sample (not a mean of the means):
    // pooled n = Σ n_i, pooled mean = Σ x ÷ Σ n_i, pooled SD = the sample SD of all of them.
    Descriptive pooled;
    // The one-way ANOVA across the sessions with 2 or more valid readings of the step (each such
    // session is a group; sessions with 0 or 1 reading are left out of the test, and listed in
    // `tested_sessions` by absence). Empty with fewer than 2 such sessions.
    std::optional<AnovaResult> anova;
    std::vector<std::size_t> tested_sessions;  // indices of the sessions in the ANOVA, ascending
    PoolVerdict verdict = PoolVerdict::not_tested;
    // Why there is no verdict: "fewer than 2 sessions with 2+ readings", or "every session's
    // readings are all equal" (MS within 0: F undefined).
    std::string not_tested_why;
};

// A step of one session that was not pooled, and why.
struct LeftOutStep {
    StepId step = kNoStep;
    std::string name;
    // "not in every session (missing from b.json)" or "its name is used by 2 steps of this plan".
    std::string why;
};

// Cohen's κ of two sessions' waste tags (categories: the eight wastes plus "no tag").
struct PoolAgreement {
    std::size_t a = 0;  // indices into the inputs
    std::size_t b = 0;
    std::int64_t window_ms = 0;
    // Empty when it cannot be computed; `why_not` says why (no started_at, or no tag at all).
    std::optional<TagAgreement> agreement;
    std::string why_not;
};

struct PoolResult {
    std::vector<std::string> observers;  // per session: its `observer`, else its file name
    // The confidence level of the verdicts and of κ's interval, in percent: the first session's
    // (its confidence_pct, or the level its z stands for when z is given), and that z.
    double confidence_pct = 95.0;
    double z = 0.0;
    std::vector<PooledStep> steps;                 // in the first session's plan order
    std::vector<std::vector<LeftOutStep>> left_out;  // per session, in its plan order
    // Waste tags of all sessions together; rates per hour of `observed_ms`, the sum of their
    // observed times.
    std::vector<WasteCount> waste_tally;
    std::size_t waste_total = 0;
    std::int64_t observed_ms = 0;
    std::optional<PoolAgreement> kappa;  // when a pair was chosen (or there are exactly two)
};

// Throws std::invalid_argument when an input lacks a pointer, the window is negative or the pair
// names a session that is not there (or the same session twice).
PoolResult pool_studies(const std::vector<PoolInput>& inputs, const PoolOptions& options = {});

// An ISO 8601 date-time as is_iso8601_datetime accepts it, as milliseconds since 1970-01-01 UTC
// (the offset applied, fractions of a second to the millisecond); empty when it is not one.
std::optional<std::int64_t> iso8601_to_unix_ms(std::string_view text);

}  // namespace gemba
