// PLACEHOLDER until its engineer's branch lands (issue 12); replaced, not kept.
#include <imgui.h>

#include "app/gui/screens.hpp"

namespace gemba::gui {

void draw_actions_board(AppState&) { ImGui::TextUnformatted("Being built."); }

}  // namespace gemba::gui
