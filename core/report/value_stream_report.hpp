// When the reports (text summary, summary JSON, CSV) carry a session's value stream: only for a
// session that maps one — queues, or a step with who touches it, what happens or process data.
// A format-1 file has none of these, so its reports stay exactly as they were.
#pragma once

#include <optional>

#include "core/analysis/summary.hpp"
#include "core/analysis/value_stream.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// True when the plan has a queue, or a step with touched_by, what_happens or any process data.
bool has_value_stream(const Plan& plan);

// value_stream_of(session, state, summary) when has_value_stream(session), else none.
std::optional<ValueStreamResult> value_stream_for_report(const Session& session, const LogState& state,
                                                         const SessionSummary& summary);

// The working day that ladder times are read in (format_ladder_time): the available time per day,
// 0 when it is not set (no days then).
std::int64_t working_day_ms(const StudySettings& settings);

}  // namespace gemba
