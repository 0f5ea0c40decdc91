// The Improve screen: from the waste a walk saw to what the team does about it. Three views of one
// thread, one screen (the top bar has room for one tab more): the problems with their 5 Whys, ideas
// and actions; the board of actions; the comparison of a walk before and a walk after.
#include <imgui.h>

#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"

namespace gemba::gui {

void draw_improve(AppState& app) {
    const ImVec2 size(7.0f * em(), 2.2f * em());
    const auto toggle = [&](const char* label, ImproveView view) {
        const bool current = app.improve_view == view;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button(label, size)) app.improve_view = view;
        if (current) ImGui::PopStyleColor();
        ImGui::SameLine();
    };
    toggle("Problems", ImproveView::problems);
    toggle("Board", ImproveView::board);
    toggle("Compare", ImproveView::compare);
    ImGui::NewLine();
    switch (app.improve_view) {
        case ImproveView::problems: draw_problems(app); break;
        case ImproveView::board: draw_actions_board(app); break;
        case ImproveView::compare: draw_compare(app); break;
    }
}

}  // namespace gemba::gui
