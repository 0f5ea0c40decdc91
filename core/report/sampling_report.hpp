// A work sampling study's summary for people (text), for other tools (JSON) and for spreadsheets
// (CSV): the shares of the categories with their intervals, per subject, the target, the p-chart,
// the rounds and the standard time (core/analysis/sampling_summary.hpp says how each is computed).
#pragma once

#include <string>
#include <vector>

#include "core/analysis/sampling_summary.hpp"

namespace gemba {

struct NamedSamplingSummary {
    std::string file;
    const Session* session = nullptr;
    SamplingSummary summary;
};

std::string sampling_summary_text(const std::string& file, const Session& session, const SamplingSummary& summary);

// {"sampling_summary_format_version": 1, "studies": [{file, title, z, confidence_pct, observations,
// absent, categories [...], subjects [...], target, p_chart, rounds, standard_time}]}: shares are
// fractions, times milliseconds, a value that cannot be computed is null.
std::string sampling_summaries_json(const std::vector<NamedSamplingSummary>& studies);

// One table: a row per category of the study (subject empty) and per subject and category, with
// the file: file, subject_id, subject, category_id, category, absent, count, n, share, normal_low,
// normal_high, wilson_low, wilson_high.
std::string sampling_summaries_csv(const std::vector<NamedSamplingSummary>& studies);

}  // namespace gemba
