// The Summary and Review screens of a work sampling study (ui_sampling_summary.cpp): draw_summary
// and draw_review hand a sampling session to these.
#pragma once

#include "app/gui/app_state.hpp"

namespace gemba::gui {

// The study's numbers from core (summarize_sampling, round_states, share_history), remade only
// when the session changed or the study's clock entered another minute.
const SamplingSummaryCache& current_sampling_summary(AppState& app);

// The live table, the target, the shares and their intervals converging, the p-chart, per subject,
// the rounds and the standard time.
void draw_sampling_summary(AppState& app);
// The rounds in order with their status and what each subject was seen doing; filters; undo.
void draw_sampling_review(AppState& app);

}  // namespace gemba::gui
