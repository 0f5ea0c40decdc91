// A pooled work sampling study (core/analysis/pool_sampling.hpp) as text for people, as JSON and as
// CSV, for `gemba-cli summary --pool` of work sampling files.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/analysis/pool_sampling.hpp"

namespace gemba {

// `files` are the pooled sessions' file names, in the order pooled (as SamplingPoolInput::file).
//
// Text: a table of the categories, one column per observer (count and share) then the pooled count,
// share and Wilson interval; n and absent per observer; the chi-square test (χ², df, p, what was
// left out, expected counts below 5) and its verdict at the stated confidence; the categories and
// subjects left out per file; κ with its paired table, p_o, p_e, interval and the unpaired counts.
std::string sampling_pool_text(const SamplingPoolResult& pool, const std::vector<std::string>& files);

// JSON, one object (data/schema/sampling-pool.schema.json):
//   sampling_pool_format_version 1, sessions [{file, observer, observations, absent}],
//   confidence_pct, z, observations, absent,
//   categories [{key, name, absent, sessions [{file, observer, category_id, count, share}], count,
//               pooled {share, normal_low, normal_high, wilson_low, wilson_high} | null}],
//   subjects [{key, name, subject_ids [...]}],
//   left_out [{file, categories [{category_id, name, observations, why}],
//              subjects [{subject_id, name, observations, why}]}],
//   independence {sessions [...], categories [key...], left_out [...], statistic, df, p_value,
//                 total, expected_below_5 [{file, category}], low_expected_share,
//                 any_expected_below_1, verdict, not_tested_why},
//   kappa {file_a, file_b, computed, why_not, categories [name...], table [[...]], pairs, only_a,
//          only_b, not_pooled_a, not_pooled_b, items, p_observed, p_expected, kappa,
//          standard_error, low, high, confidence_pct} | null
// Shares are fractions; what cannot be computed is null; verdict "observers_differ",
// "no_clear_difference" or "not_tested".
void write_sampling_pool_json(std::ostream& out, const SamplingPoolResult& pool, const std::vector<std::string>& files);

// CSV: one row per category per observer and one pooled row per category, the column `row` saying
// which ("observer" or "pooled"): row, category, category_key, absent, file, observer, count, n,
// share, wilson_low, wilson_high (the interval on pooled rows only; share empty for an absent
// category). The test and κ are in the text and the JSON.
std::string sampling_pool_csv(const SamplingPoolResult& pool, const std::vector<std::string>& files);

}  // namespace gemba
