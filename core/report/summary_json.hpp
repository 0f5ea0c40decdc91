// The summary as JSON, for `gemba-cli summary --json`; documented in data/schema/summary.schema.json.
// Times are milliseconds (fractions allowed: they are means), shares are fractions 0..1, and a value
// that cannot be computed is null.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/model/session.hpp"
#include "core/analysis/summary.hpp"
#include "core/analysis/value_stream.hpp"

namespace gemba {

inline constexpr int kSummaryFormatVersion = 1;

struct NamedSummary {
    std::string file;
    const Session* session = nullptr;
    SessionSummary summary;
    // Written as the session's "value_stream" member when set (see value_stream_for_report); a
    // session without one has no such member, so a format-1 file's JSON is what it always was.
    std::optional<ValueStreamFigures> value_stream{};
};

// {"summary_format_version": 1, "sessions": [...], "combined_waste_pareto": [...]}
std::string summaries_to_json(const std::vector<NamedSummary>& summaries);
// The same text written to `out` as it is made, never held whole.
void write_summaries_json(std::ostream& out, const std::vector<NamedSummary>& summaries);

}  // namespace gemba
