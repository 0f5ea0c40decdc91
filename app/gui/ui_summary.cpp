// Summary: the step statistics, the session's lean numbers, and three charts drawn with ImGui's draw
// lists (yamazumi against takt, waste Pareto, timeline). Hovering a mark shows its numbers.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {
namespace {

std::string dash_or(const std::optional<double>& ms) { return ms ? format_duration(*ms) : "—"; }
std::string percent_or(const std::optional<double>& f) { return f ? format_percent(*f) : "—"; }

ImU32 colour_u32(const ImVec4& c, float alpha = 1.0f) { return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, alpha)); }

void draw_step_table(const SessionSummary& s) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("stats", 12, flags)) return;
    for (const char* h : {"Step", "n", "Mean", "Median", "SD", "CV", "Min", "Max", "Normal", "Standard", "Need", "Outliers"})
        ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const StepSummary& st : s.steps) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(value_class_colour(st.value_class), "■");
        ImGui::SameLine();
        ImGui::TextUnformatted(st.name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%zu", st.stats.n);
        for (const auto& v : {st.stats.mean, st.stats.median, st.stats.sd}) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(dash_or(v).c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(percent_or(st.stats.cv).c_str());
        for (const auto& v : {st.stats.min, st.stats.max, st.normal_ms, st.standard_ms}) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(dash_or(v).c_str());
        }
        ImGui::TableNextColumn();
        if (st.required_cycles) ImGui::Text("%lld (+%lld)", static_cast<long long>(*st.required_cycles), static_cast<long long>(*st.more_cycles));
        else ImGui::TextUnformatted("—");
        ImGui::TableNextColumn();
        ImGui::Text("%zu", st.outliers.size());
    }
    ImGui::EndTable();
}

void draw_key_numbers(const SessionSummary& s) {
    // With independent timers the cycle time is the bottleneck step's time per unit: name it.
    std::string bottleneck;
    if (s.bottleneck_step)
        for (const StepSummary& st : s.steps)
            if (st.step == *s.bottleneck_step) bottleneck = "   (bottleneck: " + st.name + ")";
    ImGui::Text("Work content %s   Cycle time %s%s   Standard time %s   Takt %s%s", dash_or(s.work_content_ms).c_str(),
                dash_or(s.cycle_time_ms).c_str(), bottleneck.c_str(), dash_or(s.standard_time_ms).c_str(),
                dash_or(s.takt_ms).c_str(), s.meets_takt ? (*s.meets_takt ? "   (meets takt)" : "   (ABOVE TAKT)") : "");
    ImGui::Text("Value-added %s   Necessary NVA %s   NVA %s", percent_or(s.value_added_share).c_str(),
                percent_or(s.necessary_share).c_str(), percent_or(s.non_value_added_share).c_str());
    ImGui::Text("Lead time %s   Waiting %s per cycle   Flow efficiency %s   Cycles closed %zu",
                dash_or(s.lead_time_ms).c_str(), dash_or(s.waiting_ms).c_str(), percent_or(s.flow_efficiency).c_str(),
                s.cycles_closed);
    for (const std::string& notice : s.notices) ImGui::TextDisabled("• %s", notice.c_str());
}

// Text clipped to a slot, so long names never run into their neighbours.
void clipped_text(ImDrawList* draw, ImVec2 pos, float width, ImU32 colour, const std::string& text) {
    const ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + ImGui::GetFontSize() * 1.2f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, colour, text.c_str(), nullptr, 0.0f, &clip);
}

// Yamazumi for one operator: the unit's work as stacked columns of its steps, each step's time per
// unit (observed × frequency, then standard × frequency: the work content and the standard time),
// each segment coloured by value class, against the takt line.
void draw_yamazumi(const SessionSummary& s, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("yamazumi", size);
    const double top = std::max({s.takt_ms.value_or(0.0), s.work_content_ms.value_or(0.0), s.cycle_time_ms.value_or(0.0),
                                 s.standard_time_ms.value_or(0.0)}) * 1.12;
    if (top <= 0) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), "No valid readings yet.");
        return;
    }
    const float label_h = 1.4f * em();
    const float plot_h = size.y - label_h;
    const float column_w = size.x * 0.3f;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const auto y_of = [&](double ms) { return origin.y + plot_h - static_cast<float>(ms / top) * plot_h; };
    const auto column = [&](float x0, const char* label, bool standard) {
        double base = 0.0;
        for (const StepSummary& st : s.steps) {
            const double per_occurrence = (standard ? st.standard_ms : st.observed_ms).value_or(0.0);
            const double value = per_occurrence * st.frequency;
            if (value <= 0) continue;
            const ImVec2 a(x0, y_of(base + value)), b(x0 + column_w, y_of(base));
            draw->AddRectFilled(a, b, colour_u32(value_class_colour(st.value_class)));
            draw->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_WindowBg));
            if (b.y - a.y > ImGui::GetFontSize())
                clipped_text(draw, ImVec2(a.x + 0.3f * em(), a.y + 0.5f * (b.y - a.y - ImGui::GetFontSize())),
                             column_w - 0.6f * em(), IM_COL32(0, 0, 0, 255), st.name);
            if (ImGui::IsMouseHoveringRect(a, b))
                ImGui::SetTooltip("%s (%s)\n%s %s × frequency %s = %s per unit", st.name.c_str(),
                                  std::string(display_name(st.value_class)).c_str(), standard ? "standard" : "observed",
                                  format_duration(per_occurrence).c_str(), format_fixed(st.frequency, 2).c_str(),
                                  format_duration(value).c_str());
            base += value;
        }
        const std::string caption = std::string(label) + " " + format_duration(base);
        clipped_text(draw, ImVec2(x0, origin.y + plot_h + 0.2f * em()), column_w, text, caption);
    };
    column(origin.x + size.x * 0.1f, "Work content", false);
    column(origin.x + size.x * 0.6f, "Standard", true);
    if (s.takt_ms) {
        const float y = y_of(*s.takt_ms);
        draw->AddLine(ImVec2(origin.x, y), ImVec2(origin.x + size.x, y), IM_COL32(200, 30, 30, 255), 2.0f);
        draw->AddText(ImVec2(origin.x + 0.2f * em(), y - 1.2f * em()), IM_COL32(200, 30, 30, 255),
                      ("takt " + format_duration(*s.takt_ms)).c_str());
    }
}

// Pareto: waste counts in decreasing bars with the cumulative share as a line.
void draw_pareto(const SessionSummary& s, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pareto", size);
    std::size_t shown = 0, top = 0;
    for (const WasteCount& w : s.waste_pareto)
        if (w.count > 0) ++shown, top = std::max(top, w.count);
    if (shown == 0) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), "No waste tagged yet.");
        return;
    }
    const float label_h = 1.4f * em();
    const float plot_h = size.y - label_h;
    const float bar_w = size.x / static_cast<float>(shown);
    ImVec2 previous;
    for (std::size_t i = 0; i < shown; ++i) {
        const WasteCount& w = s.waste_pareto[i];
        const float x0 = origin.x + bar_w * static_cast<float>(i) + bar_w * 0.1f, x1 = x0 + bar_w * 0.8f;
        const float h = static_cast<float>(w.count) / static_cast<float>(top) * plot_h * 0.9f;
        draw->AddRectFilled(ImVec2(x0, origin.y + plot_h - h), ImVec2(x1, origin.y + plot_h), colour_u32(waste_colour(w.waste)));
        clipped_text(draw, ImVec2(x0, origin.y + plot_h + 0.2f * em()), x1 - x0, ImGui::GetColorU32(ImGuiCol_Text),
                     std::string(display_name(w.waste)));
        const ImVec2 point((x0 + x1) * 0.5f, origin.y + plot_h - static_cast<float>(w.cumulative_share) * plot_h);
        draw->AddCircleFilled(point, 0.25f * em(), ImGui::GetColorU32(ImGuiCol_Text));
        if (i > 0) draw->AddLine(previous, point, ImGui::GetColorU32(ImGuiCol_Text), 2.0f);
        previous = point;
        if (ImGui::IsMouseHoveringRect(ImVec2(x0, origin.y), ImVec2(x1, origin.y + plot_h)))
            ImGui::SetTooltip("%s\n%zu tags (%s), cumulative %s\ntimed %s", std::string(display_name(w.waste)).c_str(),
                              w.count, format_percent(w.share).c_str(), format_percent(w.cumulative_share).c_str(),
                              format_duration(static_cast<double>(w.timed_ms)).c_str());
    }
}

// The timeline laid out in pixels from the plot's left edge, rebuilt only when the session, the
// plot's width or the summary's span changed. Bars of one step and kind that overlap (every bar is
// at least a pixel wide) become one run, so however long the walk, a frame draws at most a few
// shapes per pixel column.
const TimelineCache& timeline_layout(AppState& app, const SessionSummary& s, float plot_w) {
    TimelineCache& c = app.timeline;
    if (c.revision == app.doc.revision() && c.plot_width == plot_w && c.observed_ms == s.observed_ms &&
        c.elapsed_ms == s.elapsed_ms)
        return c;
    c = TimelineCache{};
    c.revision = app.doc.revision();
    c.plot_width = plot_w;
    c.observed_ms = s.observed_ms;
    c.elapsed_ms = s.elapsed_ms;
    const Session& session = app.doc.session();
    const LogState& state = app.doc.recorder().state();
    // Watch time: paused stretches are left out, as they are from every reading.
    const double span = std::max<double>(static_cast<double>(s.observed_ms), 1.0);
    const auto x_of = [&](std::int64_t ms) {
        const std::int64_t watch = ms - state.paused_ms_between(0, ms);
        return static_cast<float>(static_cast<double>(watch) / span) * plot_w;
    };

    std::map<StepId, std::size_t> row_of;
    for (std::size_t i = 0; i < session.steps.size(); ++i) row_of[session.steps[i].id] = i;
    c.bars.resize(session.steps.size());
    c.runs.resize(session.steps.size());
    const std::vector<Reading>& readings = state.readings();
    for (std::size_t i = 0; i < readings.size(); ++i) {
        const Reading& r = readings[i];
        const auto row = row_of.find(r.step);
        if (r.removed || row == row_of.end()) continue;
        const float x0 = x_of(r.start_ms);
        c.bars[row->second].push_back({x0, std::max(x_of(r.end_ms.value_or(s.elapsed_ms)), x0 + 1.0f), i});
    }
    for (std::size_t row = 0; row < c.bars.size(); ++row) {
        std::vector<TimelineCache::Bar>& bars = c.bars[row];
        std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.x0 < b.x0; });
        std::optional<std::size_t> open[2];  // the latest run of valid and of excluded bars
        for (const TimelineCache::Bar& bar : bars) {
            const bool excluded = readings[bar.reading].excluded;
            std::optional<std::size_t>& run = open[excluded ? 1 : 0];
            if (run && bar.x0 <= c.runs[row][*run].x1) {
                c.runs[row][*run].x1 = std::max(c.runs[row][*run].x1, bar.x1);
            } else {
                run = c.runs[row].size();
                c.runs[row].push_back({bar.x0, bar.x1, excluded});
            }
        }
    }

    // Tags: the latest in each pixel column (it is drawn on top of the others there), in log order.
    const std::vector<WasteTag>& tags = state.tags();
    std::vector<std::optional<std::size_t>> top_of_column(static_cast<std::size_t>(std::max(plot_w, 0.0f)) + 1);
    std::optional<std::size_t> open_line[kWastes.size()];  // the latest timed line of each waste
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const WasteTag& t = tags[i];
        if (t.removed) continue;
        const float x = x_of(t.start_ms);
        top_of_column[std::min(static_cast<std::size_t>(std::max(x, 0.0f)), top_of_column.size() - 1)] = i;
        if (!t.timed) continue;
        const float x1 = x_of(t.end_ms.value_or(s.elapsed_ms));
        // Lines of a waste that overlap or lie within a pixel of each other look like one.
        std::optional<std::size_t>& line = open_line[static_cast<std::size_t>(t.waste)];
        if (line && x <= c.lines[*line].x1 + 1.0f && x1 >= c.lines[*line].x0 - 1.0f) {
            c.lines[*line].x0 = std::min(c.lines[*line].x0, x);
            c.lines[*line].x1 = std::max(c.lines[*line].x1, x1);
        } else {
            line = c.lines.size();
            c.lines.push_back({x, x1, t.waste});
        }
    }
    for (const auto& tag : top_of_column)
        if (tag) c.marks.push_back({x_of(tags[*tag].start_ms), *tag});
    std::sort(c.marks.begin(), c.marks.end(), [](const auto& a, const auto& b) { return a.tag < b.tag; });
    return c;
}

// Timeline: one row per step, its readings as bars over session time; waste tags as marks on top.
void draw_timeline(AppState& app, const SessionSummary& s, ImVec2 size) {
    const Session& session = app.doc.session();
    const LogState& state = app.doc.recorder().state();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("timeline", size);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = ImGui::GetMousePos();
    const float name_w = 9.0f * em();
    const float row_h = (size.y - 1.0f * em()) / static_cast<float>(std::max<std::size_t>(session.steps.size(), 1));
    const float plot_x = origin.x + name_w;
    const TimelineCache& layout = timeline_layout(app, s, size.x - name_w);
    for (std::size_t i = 0; i < session.steps.size(); ++i) {
        const Step& step = session.steps[i];
        const float y = origin.y + 1.0f * em() + row_h * static_cast<float>(i);
        clipped_text(draw, ImVec2(origin.x, y + 0.5f * (row_h - ImGui::GetFontSize())), name_w - 0.3f * em(),
                     ImGui::GetColorU32(ImGuiCol_Text), step.name);
        for (const TimelineCache::Run& run : layout.runs[i])
            draw->AddRectFilled(ImVec2(plot_x + run.x0, y + 0.15f * row_h), ImVec2(plot_x + run.x1, y + 0.85f * row_h),
                                colour_u32(value_class_colour(step.value_class), run.excluded ? 0.35f : 1.0f));
        if (!hovered || mouse.y < y || mouse.y >= y + row_h) continue;
        // The reading under the pointer: the latest-starting bar that begins left of it.
        const std::vector<TimelineCache::Bar>& bars = layout.bars[i];
        const auto after = std::upper_bound(bars.begin(), bars.end(), mouse.x - plot_x,
                                            [](float x, const TimelineCache::Bar& b) { return x < b.x0; });
        if (after == bars.begin() || plot_x + std::prev(after)->x1 < mouse.x) continue;
        const Reading& r = state.readings()[std::prev(after)->reading];
        ImGui::SetTooltip("%s, cycle %lld\n%s%s", step.name.c_str(), static_cast<long long>(r.cycle),
                          format_duration(static_cast<double>(state.duration_ms(r, s.elapsed_ms))).c_str(),
                          r.excluded ? " (excluded)" : "");
    }
    for (const TimelineCache::Line& line : layout.lines)
        draw->AddLine(ImVec2(plot_x + line.x0, origin.y + 0.3f * em()), ImVec2(plot_x + line.x1, origin.y + 0.3f * em()),
                      colour_u32(waste_colour(line.waste)), 3.0f);
    const WasteTag* hovered_tag = nullptr;
    for (const TimelineCache::Mark& mark : layout.marks) {
        const WasteTag& t = state.tags()[mark.tag];
        const float x = plot_x + mark.x;
        draw->AddTriangleFilled(ImVec2(x - 0.3f * em(), origin.y), ImVec2(x + 0.3f * em(), origin.y),
                                ImVec2(x, origin.y + 0.6f * em()), colour_u32(waste_colour(t.waste)));
        if (hovered &&
            ImGui::IsMouseHoveringRect(ImVec2(x - 0.3f * em(), origin.y), ImVec2(x + 0.3f * em(), origin.y + 0.6f * em())))
            hovered_tag = &t;
    }
    if (hovered_tag)
        ImGui::SetTooltip("%s at %s%s%s", std::string(display_name(hovered_tag->waste)).c_str(),
                          format_duration(static_cast<double>(hovered_tag->start_ms)).c_str(),
                          hovered_tag->note.empty() ? "" : "\n", hovered_tag->note.c_str());
}

}  // namespace

void draw_summary(AppState& app) {
    if (!app.doc.has_walk()) return;
    const SessionSummary& s = current_summary(app, /*refresh_live=*/true);
    draw_step_table(s);
    ImGui::Spacing();
    draw_key_numbers(s);
    ImGui::Spacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float chart_h = std::max(10.0f * em(), (avail.y - 4.0f * em()) * 0.5f);
    const float half_w = (avail.x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Yamazumi (each step's time per unit stacked, against takt)");
    draw_yamazumi(s, ImVec2(half_w, chart_h));
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("Waste Pareto (count, cumulative share)");
    draw_pareto(s, ImVec2(half_w, chart_h));
    ImGui::EndGroup();
    ImGui::TextUnformatted("Timeline (pauses left out)");
    const float rows_h = (static_cast<float>(app.doc.session().steps.size()) * 1.3f + 1.2f) * em();
    draw_timeline(app, s, ImVec2(avail.x, std::max(rows_h, ImGui::GetContentRegionAvail().y)));
}

}  // namespace gemba::gui
