// A problem's evidence in words with its facts, as the walk has it now: what a link of issue 12's
// improvement thread points at (a tag, a reading, a note, a count, a step, a waste), for the
// Problems view and the reports. No internal number appears; evidence undone or deleted since it
// was linked says so.
#pragma once

#include <string>

#include "core/analysis/summary.hpp"
#include "core/log/log_state.hpp"
#include "core/model/improvement.hpp"
#include "core/model/session.hpp"

namespace gemba {

// One link in words:
//   a tag      "Motion at Fasten, 12:04.3 on the walk clock, note: walking to the rack"
//   a reading  "Fasten cycle 3: 41.2 s"
//   a note     "Note at 03:10.0: the rack is on the far side"
//   a count    "Parts rack: 7 at 03:10.0"
//   a step     "Fasten: mean 38.5 s, n 12, CV 9 %"
//   a waste    "Motion at Fasten: 4 tags, 2.1 per hour" (per observed hour, as the Pareto's rate)
// `summary` is the session's (summarize), for a step's numbers and the observed time.
std::string evidence_text(const Session& session, const LogState& state, const SessionSummary& summary,
                          const Evidence& evidence);

// The title a problem raised from `evidence` starts with: "Motion at Fasten — 4 tags" for a waste,
// "Motion at Fasten" for one tag, the step's name, a note's text (shortened), a reading or count
// as evidence_text words it.
std::string default_problem_title(const Session& session, const LogState& state, const Evidence& evidence);

// The tags of `waste` at `step` (kNoStep: anywhere, every step or none) that count: not deleted, not undone.
std::size_t waste_tag_count(const LogState& state, Waste waste, StepId step);

}  // namespace gemba
