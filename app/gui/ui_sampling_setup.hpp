// The Setup of a work sampling study (draw_setup dispatches here after the header): subjects,
// categories, target and standard-time data, and the schedule with its rounds.
#pragma once

#include "app/gui/app_state.hpp"

namespace gemba::gui {

void draw_sampling_setup(AppState& app);

}  // namespace gemba::gui
