// Map: the current-state value stream map of the walk (core/report/value_stream_map lays it out in
// em and words it), drawn with ImGui's draw list at a zoom, panned by dragging, the scrollbars or
// the arrow keys, zoomed by Ctrl+wheel, − / + and Fit. A toggle shows the same data as a kanban
// board instead: one screen, since map and board are two views of one stream and the top bar has
// no room for another tab on a small window.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/analysis/value_stream.hpp"
#include "core/report/value_stream_map.hpp"

namespace gemba::gui {
namespace {

// Down to a tenth: Fit shows a 50-step stream whole as an overview (its shape and red triangles).
constexpr float kMinZoom = 0.1f, kMaxZoom = 2.0f, kZoomStep = 1.15f;
constexpr float kBoardColumnEm = 11.0f;
constexpr float kSmallerText = 0.82f;  // a line too long for its box first shrinks to this, then is cut

// The map and board of the current revision; built when the session changed, never per frame.
const ValueStreamMapCache& current_map(AppState& app) {
    ValueStreamMapCache& cache = app.value_stream_map;
    if (cache.revision == app.doc.revision()) return cache;
    cache = ValueStreamMapCache{};
    const Session& session = app.doc.session();
    const ValueStreamResult result = value_stream_of(session, app.doc.state(), current_summary(app, false));
    if (result.ok()) {
        cache.map = layout_value_stream_map(session, *result.figures);
        std::vector<StepId> running;
        for (const Reading* reading : app.doc.state().running_readings()) running.push_back(reading->step);
        cache.board = value_stream_board(session, *result.figures, running);
    } else {
        cache.problem = result.problem->message();
    }
    cache.revision = app.doc.revision();
    return cache;
}

// Black or white, whichever reads better on `c`.
ImU32 text_on(const Rgba& c) {
    return dark_text_reads_on(c) ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

const ImU32 kRed = IM_COL32(200, 30, 30, 255);
// What waits is grey, not a value class's colour: amber is already "necessary non-value-added".
const ImU32 kWaiting = IM_COL32(200, 200, 205, 255);

// Draws the map's layout at origin (screen pixels of its top left) and `unit` pixels per em.
class MapPainter {
public:
    MapPainter(ImDrawList* list, ImVec2 origin, float unit, ImVec2 clip_min, ImVec2 clip_max)
        : list_(list), origin_(origin), unit_(unit), clip_min_(clip_min), clip_max_(clip_max),
          font_size_(unit), ink_(ImGui::GetColorU32(ImGuiCol_Text)),
          paper_(ImGui::GetColorU32(ImGuiCol_FrameBg)), line_(std::max(1.0f, 0.08f * unit)) {}

    ImVec2 at(float x, float y) const { return ImVec2(origin_.x + x * unit_, origin_.y + y * unit_); }

    // Whether a rectangle in em is in view, so that a 50-step map draws only what shows.
    bool visible(const MapRect& r) const {
        const ImVec2 a = at(r.x, r.y), b = at(r.right(), r.bottom());
        return b.x >= clip_min_.x && a.x <= clip_max_.x && b.y >= clip_min_.y && a.y <= clip_max_.y;
    }

    void box(const MapRect& r, ImU32 fill, ImU32 border, float thickness = 1.0f) const {
        list_->AddRectFilled(at(r.x, r.y), at(r.right(), r.bottom()), fill);
        list_->AddRect(at(r.x, r.y), at(r.right(), r.bottom()), border, 0.0f, 0, line_ * thickness);
    }

    // One line of text in a box of `width` em, centred; when too long, first a size smaller, then
    // cut with "…" (the tooltip has it whole). The line also goes to ImGui's log, so that copying
    // the screen (and a test) reads the map.
    void text(float x, float y, float width, const std::string& s, ImU32 colour, bool centred = true) const {
        if (s.empty()) return;
        ImGui::LogText("%s\n", s.c_str());
        ImFont* font = ImGui::GetFont();
        const float room = width * unit_;
        float size = font_size_;
        std::string shown = s;
        float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, shown.c_str()).x;
        if (w > room) {
            size = kSmallerText * font_size_;
            w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, shown.c_str()).x;
        }
        if (w > room) {
            while (!shown.empty() && w > room) {
                // One whole UTF-8 character off: its continuation bytes, then its first byte.
                while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
                if (!shown.empty()) shown.pop_back();
                w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, (shown + "…").c_str()).x;
            }
            shown += "…";
        }
        const ImVec2 p = at(x, y);
        list_->AddText(font, size, ImVec2(p.x + (centred ? 0.5f * (room - w) : 0.0f), p.y + 0.15f * unit_ + 0.5f * (font_size_ - size)), colour,
                       shown.c_str());
    }

    void lines(const MapRect& r, const std::vector<std::string>& texts, ImU32 colour, float top_pad = 0.3f) const {
        float y = r.y + top_pad;
        for (const std::string& t : texts) {
            text(r.x + 0.15f, y, r.w - 0.3f, t, colour);
            y += kMapLineEm;
        }
    }

    void arrow(const MapArrow& a, ImU32 colour, float thickness) const {
        const ImVec2 p0 = at(a.x0, a.y0), p1 = at(a.x1, a.y1);
        const float dx = p1.x - p0.x, dy = p1.y - p0.y, length = std::sqrt(dx * dx + dy * dy);
        if (length <= 0.0f) return;
        const float ux = dx / length, uy = dy / length, head = 0.45f * unit_;
        const ImVec2 base(p1.x - ux * head, p1.y - uy * head);
        list_->AddLine(p0, base, colour, line_ * thickness);
        list_->AddTriangleFilled(p1, ImVec2(base.x - uy * 0.5f * head, base.y + ux * 0.5f * head),
                                 ImVec2(base.x + uy * 0.5f * head, base.y - ux * 0.5f * head), colour);
    }

    void draw(const ValueStreamMapLayout& map) const {
        if (visible(map.customer)) {
            box(map.customer, paper_, ink_, 1.5f);
            lines(map.customer, map.customer_lines, ink_);
        }
        if (!map.processes.empty()) arrow(map.ship_arrow, ink_, 2.0f);
        for (const MapArrow& a : map.push_arrows)
            if (visible({a.x0, a.y0 - 0.5f, a.x1 - a.x0, 1.0f})) arrow(a, ink_, 2.5f);
        for (const MapProcess& p : map.processes) {
            if (!visible({p.box.x, p.box.y, p.box.w, p.data.bottom() - p.box.y})) continue;
            const Rgba band = value_class_colour(p.value_class);
            box(p.box, paper_, ink_, 1.5f);
            list_->AddRectFilled(at(p.box.x, p.box.y), at(p.box.right(), p.box.y + p.band_height), colour_u32(band));
            list_->AddRect(at(p.box.x, p.box.y), at(p.box.right(), p.box.bottom()), ink_, 0.0f, 0, 1.5f * line_);
            for (std::size_t i = 0; i < p.name_lines.size(); ++i)
                text(p.box.x + 0.15f, p.box.y + static_cast<float>(i) * kMapLineEm, p.box.w - 0.3f, p.name_lines[i],
                     text_on(band));
            text(p.box.x + 0.15f, p.box.y + p.band_height, p.box.w - 0.3f, p.touched_by.empty() ? "—" : p.touched_by, ink_);
            box(p.data, paper_, ink_);
            lines(p.data, p.data_lines, ink_);
        }
        for (const MapQueue& q : map.queues) {
            if (!visible({q.label.x, q.triangle.y, q.label.w, q.label.bottom() - q.triangle.y})) continue;
            const MapRect& t = q.triangle;
            const ImVec2 apex = at(t.x + 0.5f * t.w, t.y), left = at(t.x, t.bottom()), right = at(t.right(), t.bottom());
            list_->AddTriangleFilled(apex, left, right, q.over_limit ? kRed : kWaiting);
            list_->AddTriangle(apex, left, right, ink_, line_);
            text(t.x, t.y + 0.35f, t.w, "I", q.over_limit ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 255));
            for (std::size_t i = 0; i < q.label_lines.size(); ++i) {
                const bool over_word = q.over_limit && i + 1 == q.label_lines.size();
                text(q.label.x, q.label.y + static_cast<float>(i) * kMapLineEm, q.label.w, q.label_lines[i], over_word ? kRed : ink_);
            }
        }
        draw_ladder(map);
        if (visible(map.totals)) {
            box(map.totals, paper_, ink_, 1.5f);
            float y = map.totals.y + 0.3f;
            for (const std::string& line : map.totals_lines) {
                text(map.totals.x + 0.4f, y, map.totals.w - 0.8f, line, ink_, false);
                y += kMapLineEm;
            }
        }
    }

private:
    void draw_ladder(const ValueStreamMapLayout& map) const {
        const float up = map.ladder_wait_y, down = map.ladder_process_y;
        for (const MapLadderStep& rung : map.ladder) {
            if (!visible({rung.wait_x0, up - 1.6f, rung.process_x1 - rung.wait_x0, down - up + 3.2f})) continue;
            list_->AddLine(at(rung.wait_x0, up), at(rung.wait_x1, up), ink_, 1.5f * line_);
            list_->AddLine(at(rung.wait_x1, up), at(rung.process_x0, down), ink_, 1.5f * line_);
            list_->AddLine(at(rung.process_x0, down), at(rung.process_x1, down), ink_, 1.5f * line_);
            list_->AddLine(at(rung.process_x1, down), at(rung.process_x1, up), ink_, 1.5f * line_);
            // The wait may be wider than its slot: it is centred over it, with the box's width of room.
            text(rung.wait_x0 - 0.8f, up - kMapLineEm - 0.2f, rung.wait_x1 - rung.wait_x0 + 1.6f, rung.wait_text,
                 rung.longest_wait ? kRed : ink_);
            text(rung.process_x0, down + 0.1f, rung.process_x1 - rung.process_x0, rung.process_text, ink_);
        }
    }

    ImDrawList* list_;
    ImVec2 origin_;
    float unit_;
    ImVec2 clip_min_, clip_max_;
    float font_size_;
    ImU32 ink_, paper_;
    float line_;
};

// What the pointer is over, in words (a cut name, a queue's limit and mean).
void map_tooltip(const ValueStreamMapLayout& map, ImVec2 origin, float unit) {
    if (!ImGui::IsWindowHovered()) return;
    const ImVec2 mouse = ImGui::GetMousePos();
    const float x = (mouse.x - origin.x) / unit, y = (mouse.y - origin.y) / unit;
    const auto inside = [&](const MapRect& r) { return x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom(); };
    for (const MapQueue& q : map.queues)
        if (inside(q.triangle) || inside(q.label)) return ImGui::SetTooltip("%s", q.detail.c_str());
    for (const MapProcess& p : map.processes) {
        if (!inside(p.box) && !inside(p.data)) continue;
        std::string text = p.name;
        if (!p.touched_by.empty()) text += "\nTouched by: " + p.touched_by;
        for (const std::string& line : p.data_lines) text += "\n" + line;
        return ImGui::SetTooltip("%s", text.c_str());
    }
}

// The arrow keys scroll the current region (the map or the board) while it is pointed at or focused.
void pan_with_keys() {
    if (!ImGui::IsWindowFocused() && !ImGui::IsWindowHovered()) return;
    const float step = 3.0f * em();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) ImGui::SetScrollX(ImGui::GetScrollX() - step);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) ImGui::SetScrollX(ImGui::GetScrollX() + step);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) ImGui::SetScrollY(ImGui::GetScrollY() - step);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) ImGui::SetScrollY(ImGui::GetScrollY() + step);
}

// The zoom that shows the whole map in `avail` pixels.
float fit_zoom(const ValueStreamMapLayout& map, ImVec2 avail) {
    // Inside the region's border and padding, and clear of a scrollbar.
    const ImGuiStyle& style = ImGui::GetStyle();
    avail.x -= 2.0f * style.WindowPadding.x + style.ScrollbarSize + 2.0f;
    avail.y -= 2.0f * style.WindowPadding.y + style.ScrollbarSize + 2.0f;
    const float by_width = avail.x / (map.width * em()), by_height = avail.y / (map.height * em());
    return std::clamp(std::min(by_width, by_height), kMinZoom, kMaxZoom);
}

// The map in a scrolling region: drag, scrollbars and arrow keys pan; Ctrl+wheel zooms at the pointer.
void draw_map_canvas(AppState& app, const ValueStreamMapLayout& map) {
    MapView& view = app.map_view;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (view.zoom <= 0.0f) view.zoom = std::clamp(fit_zoom(map, avail), kMapReadableZoom, 1.0f);
    const bool fitting = view.fit_requested;
    if (fitting) {
        view.zoom = fit_zoom(map, avail);
        view.fit_requested = false;
    }
    const ImGuiIO& io = ImGui::GetIO();
    // With Ctrl held the wheel zooms, so the region must not scroll with it as well.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_HorizontalScrollbar | (io.KeyCtrl ? ImGuiWindowFlags_NoScrollWithMouse : 0);
    ImGui::BeginChild("map", ImVec2(0, 0), true, flags);
    if (fitting) {
        ImGui::SetScrollX(0.0f);
        ImGui::SetScrollY(0.0f);
    }
    const float unit = em() * view.zoom;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(map.width * unit, map.height * unit));
    const ImVec2 clip_min = ImGui::GetWindowPos(), clip_max(clip_min.x + ImGui::GetWindowWidth(), clip_min.y + ImGui::GetWindowHeight());
    MapPainter(ImGui::GetWindowDrawList(), origin, unit, clip_min, clip_max).draw(map);
    map_tooltip(map, origin, unit);

    if (ImGui::IsWindowHovered()) {
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
            ImGui::SetScrollX(ImGui::GetScrollX() - io.MouseDelta.x);
            ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        }
        if (io.KeyCtrl && io.MouseWheel != 0.0f) {
            // The point under the pointer stays under it.
            const float old_zoom = view.zoom;
            view.zoom = std::clamp(view.zoom * std::pow(kZoomStep, io.MouseWheel), kMinZoom, kMaxZoom);
            const float ratio = view.zoom / old_zoom;
            const float mx = io.MousePos.x - clip_min.x, my = io.MousePos.y - clip_min.y;
            ImGui::SetScrollX((ImGui::GetScrollX() + mx) * ratio - mx);
            ImGui::SetScrollY((ImGui::GetScrollY() + my) * ratio - my);
        }
    }
    pan_with_keys();
    ImGui::EndChild();
}

// ---- Board -----------------------------------------------------------------------------------

void draw_board_column(const BoardColumn& column) {
    const float width = kBoardColumnEm * em();
    const bool queue = column.kind == BoardColumn::Kind::queue;
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float height = ImGui::GetContentRegionAvail().y;
    // The column's paper first, its heading band of the step's value class or a queue's amber/red.
    const Rgba band = queue ? (column.over_limit ? Rgba{0.78f, 0.12f, 0.12f, 1} : Rgba{0.78f, 0.78f, 0.80f, 1})
                            : value_class_colour(column.value_class);
    list->AddRectFilled(top, ImVec2(top.x + width, top.y + height), ImGui::GetColorU32(ImGuiCol_FrameBg));
    const float band_height = 0.4f * em() + 2.0f * ImGui::GetTextLineHeightWithSpacing();
    list->AddRectFilled(top, ImVec2(top.x + width, top.y + band_height), colour_u32(band));
    list->AddRect(top, ImVec2(top.x + width, top.y + height), column.over_limit ? kRed : ImGui::GetColorU32(ImGuiCol_Border), 0.0f, 0,
                  column.over_limit ? 0.2f * em() : 1.0f);

    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 0.4f * em());
    ImGui::Indent(0.4f * em());
    ImGui::Dummy(ImVec2(0, 0.2f * em()));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(text_on(band)));
    ImGui::TextUnformatted(queue ? "WAITING" : "STEP");
    fitted_text(column.title, width - 0.8f * em());
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(0, 0.4f * em()));
    ImGui::PushFont(fonts().large);
    if (column.over_limit) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kRed));
    ImGui::TextWrapped("%s", column.count_text.c_str());
    if (column.over_limit) ImGui::PopStyleColor();
    ImGui::PopFont();
    if (queue) {
        if (!column.days_text.empty()) ImGui::TextWrapped("%s of work", column.days_text.c_str());
        if (column.over_limit) ImGui::TextWrapped("Over its WIP limit: work piles up here.");
    } else {
        if (column.running) ImGui::TextColored(ImVec4(0.0f, 0.55f, 0.2f, 1.0f), "● running now");
        else ImGui::TextUnformatted("not running");
        ImGui::TextDisabled("Touched by");
        if (column.touched_by.empty()) ImGui::TextUnformatted("—");
        for (const std::string& who : column.touched_by) ImGui::TextWrapped("%s", who.c_str());
    }
    ImGui::Unindent(0.4f * em());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::SameLine(0, 0);
    ImGui::SetCursorScreenPos(ImVec2(top.x + width + 0.6f * em(), top.y));
}

void draw_board(const std::vector<BoardColumn>& board) {
    ImGui::BeginChild("board", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    const float clip_left = ImGui::GetWindowPos().x, clip_right = clip_left + ImGui::GetWindowWidth();
    const float pitch = (kBoardColumnEm + 0.6f) * em();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    // Only the columns in view are drawn; the others keep their room, so the scrollbar is right.
    for (std::size_t i = 0; i < board.size(); ++i) {
        const float x = start.x + static_cast<float>(i) * pitch;
        if (x + pitch < clip_left || x > clip_right) continue;
        ImGui::SetCursorScreenPos(ImVec2(x, start.y));
        draw_board_column(board[i]);
    }
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(static_cast<float>(board.size()) * pitch, 1.0f));
    if (ImGui::IsWindowHovered() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f))
        ImGui::SetScrollX(ImGui::GetScrollX() - ImGui::GetIO().MouseDelta.x);
    pan_with_keys();
    ImGui::EndChild();
}

// ---- The screen ------------------------------------------------------------------------------

void draw_controls(AppState& app) {
    MapView& view = app.map_view;
    const ImVec2 size(6.0f * em(), 2.2f * em());
    const auto toggle = [&](const char* label, bool board) {
        const bool current = view.board == board;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button(label, size)) view.board = board;
        if (current) ImGui::PopStyleColor();
        ImGui::SameLine();
    };
    toggle("Map", false);
    toggle("Board", true);
    if (view.board) {
        ImGui::NewLine();
        return;
    }
    ImGui::Dummy(ImVec2(em(), 0));
    ImGui::SameLine();
    const ImVec2 square(2.4f * em(), 2.2f * em());
    if (ImGui::Button("−", square)) view.zoom = std::max(kMinZoom, view.zoom / kZoomStep);
    ImGui::SameLine();
    if (ImGui::Button("+", square)) view.zoom = std::min(kMaxZoom, view.zoom * kZoomStep);
    ImGui::SameLine();
    if (ImGui::Button("Fit", ImVec2(4.0f * em(), 2.2f * em()))) view.fit_requested = true;
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%d %%", static_cast<int>(std::lround(view.zoom * 100.0f)));
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    fitted_text("Drag or arrow keys to pan, Ctrl+wheel to zoom", ImGui::GetContentRegionAvail().x);
    ImGui::PopStyleColor();
}

}  // namespace

void draw_map(AppState& app) {
    const Session& session = app.doc.session();
    if (session.study == StudyKind::work_sampling) {
        ImGui::Dummy(ImVec2(0, 2.0f * em()));
        ImGui::PushFont(fonts().large);
        ImGui::TextWrapped("A work sampling study has no value stream to map.");
        ImGui::PopFont();
        ImGui::TextWrapped("It tallies what each subject is doing at random rounds; its shares, their intervals and the "
                           "p-chart are on the Summary. The map is drawn from a time study of the process's steps.");
        if (ImGui::Button("Go to Summary", ImVec2(10.0f * em(), 2.4f * em()))) app.screen = Screen::summary;
        return;
    }
    if (session.steps.empty()) {
        ImGui::Dummy(ImVec2(0, 2.0f * em()));
        ImGui::PushFont(fonts().large);
        ImGui::TextWrapped("No steps yet, so there is no value stream to map.");
        ImGui::PopFont();
        ImGui::TextWrapped("Add the steps on Setup, in the order work flows, with who touches each, and the queues where "
                           "work waits before them. Walk and count the queues: the map and the board draw themselves from "
                           "the walk.");
        if (ImGui::Button("Go to Setup", ImVec2(10.0f * em(), 2.4f * em()))) app.screen = Screen::setup;
        return;
    }
    const ValueStreamMapCache& cache = current_map(app);
    if (!cache.problem.empty()) {
        ImGui::TextColored(ImVec4(0.80f, 0.10f, 0.10f, 1.0f), "The map cannot be drawn:");
        ImGui::TextWrapped("%s", cache.problem.c_str());
        return;
    }
    draw_controls(app);
    for (const std::string& notice : cache.map.notices) ImGui::TextWrapped("Note: %s", notice.c_str());
    if (app.map_view.board) draw_board(cache.board);
    else draw_map_canvas(app, cache.map);
}

}  // namespace gemba::gui
