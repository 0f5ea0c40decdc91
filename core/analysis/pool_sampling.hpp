// Several work sampling sessions of one study (different observers, or days) pooled into one
// (LEAN.md "Comparing studies", the sampling counterpart of core/analysis/pool.hpp): categories and
// subjects matched by step_match_key of their names, never by id or position; each session's
// counts and shares beside the pooled ones; a chi-square test of independence of sessions ×
// categories saying whether the observers differ; and, for two sessions, Cohen's κ of their
// observations paired by round and subject. All functions are pure.
//
// Conventions, stated once:
//  - n, the denominator of every share, is the observations in pooled categories that are not
//    "absent / not observable" (as core/analysis/sampling_summary.hpp has it). An observation in a
//    category that was left out (not in every session, or ambiguous) is in no n; it is counted in
//    the left-out list.
//  - Every subject's observations count in the shares; subjects are matched only to pair κ.
//  - The chi-square test leaves out the absent categories (they say nothing about how the time is
//    spent) and the categories and sessions with no observation; each is listed with why.
//  - κ's categories are the pooled categories with the absent one included as a category of its
//    own (one observer saw the subject, the other could not: that is a disagreement).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/hypothesis.hpp"
#include "core/analysis/pool.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"
#include "core/sampling/proportion.hpp"

namespace gemba {

// One sampling session of the pool, as loaded; the pointers must outlive the call.
struct SamplingPoolInput {
    std::string file;                 // its file name: the observer when `observer` is empty
    const Session* session = nullptr; // a work sampling study
    const LogState* state = nullptr;  // its log replayed
};

struct SamplingPoolOptions {
    // The two sessions (indices into the inputs) whose observations κ compares; by default the two
    // sessions when there are exactly two, else none.
    std::optional<std::pair<std::size_t, std::size_t>> kappa_pair;
};

// A category found in every session under one match key.
struct PooledCategory {
    std::string key;                       // step_match_key of its name
    std::string name;                      // as the first session names it
    bool absent = false;                   // "absent / not observable" (in every session)
    std::vector<CategoryId> categories;    // per session, that session's id of the category
    std::vector<std::int64_t> counts;      // per session, its observations in the category
    // Per session: count ÷ that session's n; empty for an absent category or while n is 0.
    std::vector<std::optional<double>> shares;
    std::int64_t count = 0;                // Σ counts
    // The pooled share over the pooled n with its intervals (Wilson's is the one to show); empty
    // for an absent category or while the pooled n is 0.
    std::optional<sampling::ShareEstimate> pooled;
};

// A subject found in every session under one match key.
struct PooledSubject {
    std::string key;
    std::string name;                  // as the first session names it
    std::vector<SubjectId> subjects;   // per session
};

// A category or subject of one session that was not pooled, and why.
struct SamplingLeftOut {
    std::int64_t id = 0;               // the session's CategoryId or SubjectId
    std::string name;
    std::int64_t observations = 0;     // the session's observations in it (or of the subject)
    // "not in every session (missing from b.json)", "its name is used by 2 categories of this
    // study: which one is meant is not clear", "its name is used by 2 or more categories of
    // another session's study", "absent / not observable in some sessions but not in others",
    // "it has no name".
    std::string why;
};

// Do the observers' category shares differ? The chi-square test of independence of the sessions
// (rows) × the pooled categories (columns) of the observations.
struct SamplingIndependence {
    std::vector<std::size_t> sessions_tested;    // indices into the inputs, ascending
    std::vector<std::size_t> categories_tested;  // indices into SamplingPoolResult::categories
    // What was left out of the table and why, in words ("Away: absent / not observable",
    // "Rework: no observation in any session", "b.json: no observation").
    std::vector<std::string> left_out;
    // The test; its rows and columns are sessions_tested × categories_tested (its rows_used and
    // columns_used index those lists). Empty when fewer than 2 sessions or 2 categories have
    // observations.
    std::optional<ChiSquareResult> test;
    PoolVerdict verdict = PoolVerdict::not_tested;  // p below 1 − confidence: observers differ
    std::string not_tested_why;
};

// Cohen's κ of two sessions' observations paired by round and subject: a pair is a round in which
// both observers recorded the same subject (matched by name). Only when both studies have the same
// schedule (the same origin and the same rounds' times): otherwise rounds do not pair.
struct SamplingAgreement {
    std::size_t a = 0;  // indices into the inputs
    std::size_t b = 0;
    // The rows (a's category) and columns (b's) of the table: indices into
    // SamplingPoolResult::categories, every pooled category, the absent one included.
    std::vector<std::size_t> categories;
    std::vector<std::vector<std::int64_t>> table;
    std::int64_t pairs = 0;          // the table's total
    std::int64_t only_a = 0;         // a's observations b has none for (same round and subject)
    std::int64_t only_b = 0;
    // Observations that cannot pair: in a category or of a subject that was not pooled.
    std::int64_t not_pooled_a = 0;
    std::int64_t not_pooled_b = 0;
    // Empty when not computed or when there is no pair; `why_not` says why ("not computed: the two
    // studies' rounds differ", "no round and subject observed by both").
    std::optional<KappaResult> kappa;
    std::string why_not;
};

struct SamplingPoolResult {
    std::vector<std::string> observers;  // per session: its `observer`, else its file name
    // The confidence level of the verdict and of κ's interval, in percent: the first session's (its
    // confidence_pct, or the level its z stands for when z is given), and that session's z (as
    // summarize_sampling takes it), which the pooled intervals use too.
    double confidence_pct = 95.0;
    double z = 0.0;
    std::vector<std::int64_t> observations;  // per session: its n (see the conventions above)
    std::vector<std::int64_t> absent;        // per session: its observations in absent categories
    std::int64_t pooled_observations = 0;    // Σ n
    std::int64_t pooled_absent = 0;
    std::vector<PooledCategory> categories;  // in the first session's category order
    std::vector<PooledSubject> subjects;     // in the first session's subject order
    std::vector<std::vector<SamplingLeftOut>> left_out_categories;  // per session, in its order
    std::vector<std::vector<SamplingLeftOut>> left_out_subjects;    // per session, in its order
    SamplingIndependence independence;
    std::optional<SamplingAgreement> kappa;  // when a pair was chosen (or there are exactly two)
};

// Throws std::invalid_argument when an input lacks a pointer or is not a work sampling study, or
// the pair names a session that is not there (or the same session twice).
SamplingPoolResult pool_sampling_studies(const std::vector<SamplingPoolInput>& inputs,
                                         const SamplingPoolOptions& options = {});

}  // namespace gemba
