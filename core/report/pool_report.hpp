// A pooled study (core/analysis/pool.hpp) as text for people, as JSON and as CSV, for
// `gemba-cli summary --pool`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/analysis/pool.hpp"

namespace gemba {

// `files` are the pooled sessions' file names, in the order pooled (as PoolInput::file).
//
// Text: per matched step a table, one row per observer then the pooled row (n, mean, SD), the ANOVA
// (F, df between and within, p) and the verdict at the stated confidence; the steps left out per
// file; the pooled waste tally with its observed time; κ with p_o, p_e, its interval and window.
std::string pool_text(const PoolResult& pool, const std::vector<std::string>& files);

// JSON, one object (keys in `gemba-cli --help` and README "Several observers"):
//   sessions [{file, observer}], confidence_pct, z, pooled_over,
//   steps [{key, name, sessions [{file, observer, step_id, n, mean_ms, sd_ms}], pooled {n, mean_ms,
//          sd_ms}, anova {sessions, f, df_between, df_within, p_value, ss_between, ss_within,
//          ms_between, ms_within} | null, verdict, not_tested_why | null}],
//   left_out [{file, steps [{step_id, name, why}]}],
//   waste_tally {observed_ms, total, wastes [{waste, name, count, timed_count, timed_ms, per_hour,
//                share}]},
//   kappa {file_a, file_b, window_ms, computed, why_not | null, items, p_observed, p_expected,
//          kappa, standard_error, low, high, confidence_pct} | null
// Times in ms; verdict "observers_differ", "no_clear_difference" or "not_tested".
void write_pool_json(std::ostream& out, const PoolResult& pool, const std::vector<std::string>& files);

// CSV: one row per step per observer and one pooled row per step, the column `row` saying which
// ("observer" or "pooled"): row, step, step_key, file, observer, n, mean_s, sd_s, and on pooled
// rows f, df_between, df_within, p_value, verdict (empty on observer rows).
std::string pool_csv(const PoolResult& pool, const std::vector<std::string>& files);

// Pieces both pool reports (this one and sampling_pool_report) write with.
namespace pool_parts {
// `text` padded with spaces to `width` characters (UTF-8 characters, not bytes), on the left when `right`.
std::string pad(const std::string& text, std::size_t width, bool right = false);
// p as a person reads it: four decimals, and "< 0.0001" rather than "0.0000".
std::string p_text(double p);
std::string confidence_text(double pct);  // "95 %"
std::string verdict_key(PoolVerdict verdict);  // the JSON and CSV spelling
}  // namespace pool_parts

class JsonWriter;
// A κ's fields in an open JSON object, as both pools write them (all null when `kappa` is null).
void write_kappa_json_fields(JsonWriter& json, const KappaResult* kappa);
// "0.146 to 0.654"; "0.021 to 1.000 (cut to κ's range −1 to 1)" when the interval left it.
std::string kappa_interval_text(const KappaResult& kappa);

}  // namespace gemba
