// The summary as plain text for a person, in fixed-width columns: what `gemba-cli summary` and
// `gemba-cli tally` print. The step table takes its columns from columns.hpp, its numbers from
// numbers.hpp, like the Summary screen.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/analysis/value_stream.hpp"
#include "core/model/session.hpp"

namespace gemba {

// One session: its header, the step table, the lean numbers, the waste tally, the value stream (when
// given: see value_stream_for_report) and the notices. `file` is the name the header gives it
// ("== walk.json ==").
std::string summary_text(const std::string& file, const Session& session, const SessionSummary& summary,
                         const ValueStreamFigures* value_stream = nullptr);

// The waste tally of several sessions (combine_waste_tallies), under a heading that counts them.
std::string combined_tally_text(const std::vector<WasteCount>& tally, std::size_t sessions);

// How the required cycles were computed, in words: "z = 1.960" (z and the sample SD), "z = 2.000,
// traditional formula (population SD)", "Student's t for each step's n − 1 degrees of freedom at
// 95.00 %".
std::string required_cycles_method_text(const StudySettings& settings, double z);

// The name of the step that sets the cycle time when each step is its own station (independent
// timers); empty in lap timing and without a cycle time.
std::optional<std::string> bottleneck_name(const SessionSummary& summary);

}  // namespace gemba
