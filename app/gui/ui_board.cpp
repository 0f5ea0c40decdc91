// The board of actions (the Improve screen's Board view): the actions as cards in To do, Doing and
// Done, with the WIP limit on Doing, moved by drag and drop or by keys (board_actions.hpp does the
// work: each move is one plan edit). Side by side when the window is wide enough, else one column
// under the other in one scrolling list.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/board_actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"

namespace gemba::gui {
namespace {

constexpr const char* kCardPayload = "GEMBA_ACTION";  // an ActionId of the open walk
constexpr float kColumnMinEm = 10.0f;  // side by side from 3 × this; below, the columns stack
const ImVec4 kRed(0.80f, 0.10f, 0.10f, 1.0f);
const ImVec4 kAmber(0.70f, 0.42f, 0.0f, 1.0f);

// Puts the next item, `width` wide, on this line when it fits, else on the next.
void same_line_if_fits(float width) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float button_width(const std::string& label) {
    return ImGui::CalcTextSize(label.c_str()).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}

bool button_in_row(const std::string& label, bool first = false) {
    if (!first) same_line_if_fits(button_width(label));
    return ImGui::Button(label.c_str(), ImVec2(0, 2.0f * em()));
}

std::string owner_text(const std::string& owner) { return owner.empty() ? "nobody yet" : owner; }

// The walk and owner filters, the limit on Doing, the plan's undo and redo.
void draw_filters(AppState& app, const ActionBoard& board) {
    BoardView& view = app.board;
    const std::string walk_label = !view.folder ? "This walk"
                                   : view.walk  ? walk_name(view.walks[*view.walk])
                                                : "All walks in this folder";
    ImGui::SetNextItemWidth(12.0f * em());
    if (ImGui::BeginCombo("##walks", walk_label.c_str())) {
        if (ImGui::Selectable("This walk", !view.folder)) show_folder_walks(app, false);
        if (ImGui::Selectable("All walks in this folder", view.folder && !view.walk)) {
            show_folder_walks(app, true);
            filter_walk(app, std::nullopt);
        }
        for (std::size_t w = 1; view.folder && w < view.walks.size(); ++w)
            if (ImGui::Selectable((walk_name(view.walks[w]) + "##walk" + std::to_string(w)).c_str(), view.walk == w))
                filter_walk(app, w);
        ImGui::EndCombo();
    }
    const std::string owner_label = "Owner: " + (view.owner ? owner_text(*view.owner) : std::string("everyone"));
    same_line_if_fits(10.0f * em());
    ImGui::SetNextItemWidth(10.0f * em());
    if (ImGui::BeginCombo("##owner", owner_label.c_str())) {
        if (ImGui::Selectable("Everyone", !view.owner)) filter_owner(app, std::nullopt);
        for (const std::string& owner : board.owners)
            if (ImGui::Selectable((owner_text(owner) + "##owner").c_str(), view.owner == owner)) filter_owner(app, owner);
        ImGui::EndCombo();
    }

    const std::int64_t limit = app.doc.session().improvement.doing_limit;
    const std::string limit_text = "Limit on Doing: " + std::to_string(limit);
    same_line_if_fits(ImGui::CalcTextSize(limit_text.c_str()).x + 5.0f * em());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(limit_text.c_str());
    ImGui::SameLine();
    if (ImGui::Button(" - ##limit", ImVec2(2.0f * em(), 0))) set_board_limit(app, limit - 1);
    ImGui::SameLine();
    if (ImGui::Button(" + ##limit", ImVec2(2.0f * em(), 0))) set_board_limit(app, limit + 1);

    const std::optional<std::string> undo_name = app.doc.plan_undo_name(), redo_name = app.doc.plan_redo_name();
    ImGui::BeginDisabled(!undo_name);
    if (button_in_row(with_key_hint(undo_name ? "Undo: " + *undo_name : std::string("Undo"), KeyAction::undo)))
        undo(app);
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!redo_name);
    if (button_in_row(with_key_hint(redo_name ? "Redo: " + *redo_name : std::string("Redo"), KeyAction::redo))) redo(app);
    ImGui::EndDisabled();
    if (view.folder) {
        if (button_in_row("Read the folder again")) reload_folder_walks(app);
        const std::size_t bad = view.others.unreadable.size();
        if (bad > 0) {
            ImGui::TextColored(kRed, "%zu file%s of this folder did not load (hover to see which)", bad, bad == 1 ? "" : "s");
            if (ImGui::IsItemHovered()) {
                std::string which;
                for (const UnreadableWalk& u : view.others.unreadable) which += u.problem + "\n";
                ImGui::SetTooltip("%s", which.c_str());
            }
        }
    }
    // How to move a card, where the board keeps room for cards after it (the buttons' hints say the rest).
    if (ImGui::GetContentRegionAvail().y < 22.0f * em()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Drag a card to another column, or choose it with the arrow keys and move it with Shift+arrow.");
    ImGui::PopStyleColor();
}

// One line of a card: its text and, when it says something alarming, its colour.
struct CardLine {
    std::string text;
    std::optional<ImVec4> colour{};
};

std::vector<CardLine> card_lines(const BoardCard& card) {
    std::vector<CardLine> lines{{card.title}};
    if (card.overdue) lines.push_back({"OVERDUE: was due " + card.due, kRed});
    else lines.push_back({card.due.empty() ? "No due date" : "Due " + card.due});
    lines.push_back({"Owner: " + owner_text(card.owner)});
    if (!card.problem.empty()) lines.push_back({"Problem: " + card.problem});
    if (!card.expected.empty()) lines.push_back({"Expected: " + card.expected});
    return lines;
}

// A card `width` wide: chosen by a click, dragged to another column (the open walk's cards); the
// other walks' cards name their walk and open it.
void draw_card(AppState& app, const BoardCard& card, float width) {
    const bool own = card.walk == 0;
    const float pad = 0.5f * em();
    const float text_width = width - 2.0f * pad;
    std::vector<CardLine> lines = card_lines(card);
    if (!own) lines.push_back({"From the walk " + walk_name(app.board.walks[card.walk]) + " (read-only)"});
    float height = 2.0f * pad;
    for (const CardLine& line : lines)
        height += ImGui::CalcTextSize(line.text.c_str(), nullptr, false, text_width).y + ImGui::GetStyle().ItemSpacing.y;
    if (!own) height += ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y;

    ImGui::PushID(static_cast<int>(card.walk));
    ImGui::PushID(static_cast<int>(card.action));
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("card", ImVec2(width, height));
    ImGui::SetItemAllowOverlap();  // the Open button on it still takes its click
    if (own && ImGui::IsItemClicked()) app.board.chosen = card.action;
    if (own && ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kCardPayload, &card.action, sizeof card.action);
        ImGui::TextUnformatted(card.title.c_str());
        ImGui::EndDragDropSource();
    }
    const bool chosen = own && app.board.chosen == card.action;
    if (chosen && app.board.reveal_chosen) {
        ImGui::SetScrollHereY(0.5f);
        app.board.reveal_chosen = false;
    }
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 bottom(top.x + width, top.y + height);
    list->AddRectFilled(top, bottom, ImGui::GetColorU32(own ? ImGuiCol_WindowBg : ImGuiCol_FrameBg), 0.3f * em());
    const ImU32 border = chosen ? ImGui::GetColorU32(ImGuiCol_ButtonActive)
                         : card.overdue ? ImGui::GetColorU32(kRed)
                                        : ImGui::GetColorU32(ImGuiCol_Border);
    list->AddRect(top, bottom, border, 0.3f * em(), 0, chosen ? 0.25f * em() : (card.overdue ? 0.12f * em() : 1.0f));

    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_width);
    for (const CardLine& line : lines) {
        if (line.colour) ImGui::PushStyleColor(ImGuiCol_Text, *line.colour);
        ImGui::TextWrapped("%s", line.text.c_str());
        if (line.colour) ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    if (!own && ImGui::Button("Open this walk")) request_open(app, app.board.walks[card.walk].file);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom.y + 0.5f * em()));
    ImGui::Dummy(ImVec2(width, 0));
    ImGui::PopID();
    ImGui::PopID();
}

// The heading of a column: its name, then how many cards it has; Doing's load against the WIP
// limit in words instead, walk by walk when several walks are shown.
void draw_column_heading(const AppState& app, const ActionBoard& board, std::size_t column) {
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted(std::string(display_name(kBoardColumns[column])).c_str());
    ImGui::PopFont();
    const std::size_t count = board.columns[column].size();
    if (kBoardColumns[column] != ActionStatus::doing) {
        ImGui::Text("%zu action%s", count, count == 1 ? "" : "s");
        return;
    }
    for (const WipLoad& load : board.wip) {
        const std::string text = (board.wip.size() > 1 ? walk_name(app.board.walks[load.walk]) + ": " : std::string("WIP ")) +
                                 wip_text(load);
        ImGui::PushStyleColor(ImGuiCol_Text, load.doing > load.limit ? kRed
                                             : load.full()           ? kAmber
                                                                     : ImGui::GetStyle().Colors[ImGuiCol_Text]);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopStyleColor();
    }
}

// Takes a card dropped on the last item (a column).
void accept_drop(AppState& app, std::size_t column) {
    if (!ImGui::BeginDragDropTarget()) return;
    if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload(kCardPayload)) {
        ActionId action = 0;
        std::memcpy(&action, payload->Data, sizeof action);
        app.board.chosen = action;
        // Dropped back where it was: nothing to do, and nothing to say.
        const Action* dropped = app.doc.session().improvement.find_action(action);
        if (dropped && dropped->status != kBoardColumns[column]) move_card(app, action, kBoardColumns[column]);
    }
    ImGui::EndDragDropTarget();
}

void draw_column(AppState& app, const ActionBoard& board, std::size_t column, float width) {
    draw_column_heading(app, board, column);
    if (board.columns[column].empty()) ImGui::TextDisabled("No actions here.");
    for (const BoardCard& card : board.columns[column]) draw_card(app, card, width);
}

void draw_dropped(AppState& app, const ActionBoard& board) {
    if (board.dropped.empty()) return;
    if (!ImGui::CollapsingHeader(("Dropped (" + std::to_string(board.dropped.size()) + ")###dropped").c_str())) return;
    for (const BoardCard& card : board.dropped) {
        ImGui::PushID(static_cast<int>(card.walk));
        ImGui::PushID(static_cast<int>(card.action));
        if (card.walk == 0) {
            if (ImGui::Button("Back to To do")) move_card(app, card.action, ActionStatus::todo);
            ImGui::SameLine();
        }
        ImGui::TextWrapped("%s (owner: %s)", card.title.c_str(), owner_text(card.owner).c_str());
        ImGui::PopID();
        ImGui::PopID();
    }
}

}  // namespace

void draw_actions_board(AppState& app) {
    if (!app.doc.has_walk()) {
        ImGui::TextWrapped("Open or start a walk: the actions it led to are shown here.");
        return;
    }
    const ActionBoard& board = current_board(app);
    draw_filters(app, board);

    ImGui::BeginChild("board", ImVec2(0, 0), false);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float available = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = available >= 3.0f * kColumnMinEm * em();
    if (side_by_side) {
        const float width = (available - 2.0f * spacing) / 3.0f;
        const float height = std::max(ImGui::GetContentRegionAvail().y - (board.dropped.empty() ? 0.0f : ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y),
                                      6.0f * em());
        for (std::size_t c = 0; c < kBoardColumns.size(); ++c) {
            if (c > 0) ImGui::SameLine();
            ImGui::BeginChild(static_cast<ImGuiID>(c + 1), ImVec2(width, height), true);
            draw_column(app, board, c, ImGui::GetContentRegionAvail().x);
            ImGui::EndChild();
            accept_drop(app, c);
        }
    } else {
        for (std::size_t c = 0; c < kBoardColumns.size(); ++c) {
            ImGui::BeginGroup();
            draw_column(app, board, c, available);
            ImGui::EndGroup();
            accept_drop(app, c);
            ImGui::Separator();
        }
    }
    draw_dropped(app, board);
    ImGui::EndChild();
}

}  // namespace gemba::gui
