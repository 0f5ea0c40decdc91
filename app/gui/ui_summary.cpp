// Summary: the step statistics, the session's lean numbers, and three charts drawn with ImGui's draw
// lists (yamazumi against takt, waste Pareto, timeline). Hovering a mark shows its numbers.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/report/charts.hpp"
#include "core/report/columns.hpp"
#include "core/report/numbers.hpp"
#include "core/report/text_summary.hpp"

namespace gemba::gui {
namespace {

// A colour of core's palette with its own alpha.
ImU32 colour_u32(const Rgba& c, float alpha = 1.0f) { return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, alpha)); }

// The step statistics: the columns of core/report/columns.hpp that fit a screen.
constexpr StepField kScreenColumns[] = {StepField::name,   StepField::valid_n, StepField::mean,     StepField::median,
                                        StepField::sd,     StepField::cv,      StepField::min,      StepField::max,
                                        StepField::normal, StepField::standard, StepField::required_cycles,
                                        StepField::more_cycles, StepField::outliers};

void draw_step_table(const SessionSummary& s) {
    // Too wide for a small screen: the table scrolls sideways rather than squeezing its headers.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollX;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_height = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    const ImVec2 outer_size(0.0f, static_cast<float>(s.steps.size() + 1) * row_height + style.ScrollbarSize);
    if (!ImGui::BeginTable("stats", static_cast<int>(std::size(kScreenColumns)), flags, outer_size)) return;
    ImGui::TableSetupScrollFreeze(1, 0);  // the step's name stays in view
    for (StepField field : kScreenColumns) ImGui::TableSetupColumn(std::string(step_column(field).label).c_str());
    ImGui::TableHeadersRow();
    for (const StepSummary& st : s.steps) {
        ImGui::TableNextRow();
        for (StepField field : kScreenColumns) {
            ImGui::TableNextColumn();
            if (field == StepField::name) {
                ImGui::TextColored(to_imgui(value_class_colour(st.value_class)), "■");
                ImGui::SameLine();
            }
            ImGui::TextUnformatted(text_cell(step_column(field), st).c_str());
        }
    }
    ImGui::EndTable();
}

void draw_key_numbers(const SessionSummary& s) {
    // With independent timers the cycle time is the bottleneck step's time per unit: name it.
    const std::optional<std::string> bottleneck_step = bottleneck_name(s);
    const std::string bottleneck = bottleneck_step ? "   (bottleneck: " + *bottleneck_step + ")" : "";
    ImGui::Text("Work content %s   Cycle time %s%s   Standard time %s   Takt %s%s",
                duration_or_missing(s.work_content_ms).c_str(), duration_or_missing(s.cycle_time_ms).c_str(),
                bottleneck.c_str(), duration_or_missing(s.standard_time_ms).c_str(),
                duration_or_missing(s.takt_ms).c_str(),
                s.meets_takt ? (*s.meets_takt ? "   (meets takt)" : "   (ABOVE TAKT)") : "");
    ImGui::Text("Value-added %s   Necessary NVA %s   NVA %s", percent_or_missing(s.value_added_share).c_str(),
                percent_or_missing(s.necessary_share).c_str(), percent_or_missing(s.non_value_added_share).c_str());
    ImGui::Text("Lead time %s   Waiting %s per cycle   Flow efficiency %s   Cycles closed %zu",
                duration_or_missing(s.lead_time_ms).c_str(), duration_or_missing(s.waiting_ms).c_str(),
                percent_or_missing(s.flow_efficiency).c_str(), s.cycles_closed);
    for (const std::string& notice : s.notices) ImGui::TextDisabled("• %s", notice.c_str());
}

// Text clipped to a slot, so long names never run into their neighbours.
void clipped_text(ImDrawList* draw, ImVec2 pos, float width, ImU32 colour, const std::string& text) {
    const ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + ImGui::GetFontSize() * 1.2f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, colour, text.c_str(), nullptr, 0.0f, &clip);
}

// Yamazumi (core/report/charts.hpp) against takt, each segment coloured by value class: for one
// operator (lap timing) the work content and the standard time as stacks of the steps' times per
// unit; with independent timers one column per station (step), the tallest the bottleneck.
void draw_yamazumi(const Yamazumi& chart, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("yamazumi", size);
    const double top = chart.scale_ms * 1.12;  // headroom above the tallest mark
    if (top <= 0) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), "No valid readings yet.");
        return;
    }
    const float label_h = 1.4f * em();
    const float plot_h = size.y - label_h;
    // Each stack in a slot of its own, 60 % of the slot wide and centred.
    const float slot_w = size.x / static_cast<float>(std::max<std::size_t>(chart.stacks.size(), 1));
    const float column_w = slot_w * 0.6f;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const auto y_of = [&](double ms) { return origin.y + plot_h - static_cast<float>(ms / top) * plot_h; };
    for (std::size_t i = 0; i < chart.stacks.size(); ++i) {
        const YamazumiStack& stack = chart.stacks[i];
        const float x0 = origin.x + slot_w * (static_cast<float>(i) + 0.2f);
        for (const YamazumiSegment& seg : stack.segments) {
            const ImVec2 a(x0, y_of(seg.base_ms + seg.ms)), b(x0 + column_w, y_of(seg.base_ms));
            draw->AddRectFilled(a, b, colour_u32(value_class_colour(seg.value_class)));
            draw->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_WindowBg));
            if (b.y - a.y > ImGui::GetFontSize())
                clipped_text(draw, ImVec2(a.x + 0.3f * em(), a.y + 0.5f * (b.y - a.y - ImGui::GetFontSize())),
                             column_w - 0.6f * em(), IM_COL32(0, 0, 0, 255), seg.name);
            if (ImGui::IsMouseHoveringRect(a, b))
                ImGui::SetTooltip("%s (%s)\n%s %s × frequency %s = %s per unit", seg.name.c_str(),
                                  std::string(display_name(seg.value_class)).c_str(), stack.basis.c_str(),
                                  format_duration(seg.per_occurrence_ms).c_str(), format_fixed(seg.frequency, 2).c_str(),
                                  format_duration(seg.ms).c_str());
        }
        const std::string caption = stack.label + " " + format_duration(stack.total_ms);
        clipped_text(draw, ImVec2(x0, origin.y + plot_h + 0.2f * em()), column_w, text, caption);
    }
    if (chart.takt_ms) {
        const float y = y_of(*chart.takt_ms);
        draw->AddLine(ImVec2(origin.x, y), ImVec2(origin.x + size.x, y), IM_COL32(200, 30, 30, 255), 2.0f);
        draw->AddText(ImVec2(origin.x + 0.2f * em(), y - 1.2f * em()), IM_COL32(200, 30, 30, 255),
                      ("takt " + format_duration(*chart.takt_ms)).c_str());
    }
}

// Pareto: waste counts in decreasing bars with the cumulative share as a line.
void draw_pareto(const SessionSummary& s, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pareto", size);
    const ParetoChart chart = waste_pareto_chart(s.waste_pareto);
    if (chart.bars.empty()) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), "No waste tagged yet.");
        return;
    }
    const float label_h = 1.4f * em();
    const float plot_h = size.y - label_h;
    const float bar_w = size.x / static_cast<float>(chart.bars.size());
    ImVec2 previous;
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const ParetoBar& bar = chart.bars[i];
        const float x0 = origin.x + bar_w * static_cast<float>(i) + bar_w * 0.1f, x1 = x0 + bar_w * 0.8f;
        const float h = static_cast<float>(bar.count) / static_cast<float>(chart.max_count) * plot_h * 0.9f;
        draw->AddRectFilled(ImVec2(x0, origin.y + plot_h - h), ImVec2(x1, origin.y + plot_h), colour_u32(waste_colour(bar.waste)));
        clipped_text(draw, ImVec2(x0, origin.y + plot_h + 0.2f * em()), x1 - x0, ImGui::GetColorU32(ImGuiCol_Text), bar.label);
        const ImVec2 point((x0 + x1) * 0.5f, origin.y + plot_h - static_cast<float>(bar.cumulative_share) * plot_h);
        draw->AddCircleFilled(point, 0.25f * em(), ImGui::GetColorU32(ImGuiCol_Text));
        if (i > 0) draw->AddLine(previous, point, ImGui::GetColorU32(ImGuiCol_Text), 2.0f);
        previous = point;
        if (ImGui::IsMouseHoveringRect(ImVec2(x0, origin.y), ImVec2(x1, origin.y + plot_h)))
            ImGui::SetTooltip("%s\n%zu tags (%s), cumulative %s\ntimed %s", bar.label.c_str(), bar.count,
                              format_percent(bar.share).c_str(), format_percent(bar.cumulative_share).c_str(),
                              format_duration(static_cast<double>(bar.timed_ms)).c_str());
    }
}

// The timeline (core/report/charts.hpp) laid out in pixels from the plot's left edge, rebuilt only
// when the session, the plot's width or the summary's span changed. Bars of one step and kind that
// overlap (every bar is at least a pixel wide) become one run, so however long the walk, a frame
// draws at most a few shapes per pixel column.
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
    const Timeline chart = timeline(app.doc.session(), app.doc.state(), s);
    const double span = std::max<double>(static_cast<double>(chart.span_ms), 1.0);
    const auto x_of = [&](std::int64_t watch_ms) {
        return static_cast<float>(static_cast<double>(watch_ms) / span) * plot_w;
    };

    c.bars.resize(chart.lanes.size());
    c.runs.resize(chart.lanes.size());
    for (std::size_t row = 0; row < chart.lanes.size(); ++row) {
        c.lanes.push_back({chart.lanes[row].name, chart.lanes[row].value_class});
        std::optional<std::size_t> open[2];  // the latest run of valid and of excluded bars
        for (const TimelineBar& bar : chart.lanes[row].bars) {
            const float x0 = x_of(bar.start_ms), x1 = std::max(x_of(bar.end_ms), x0 + 1.0f);
            c.bars[row].push_back({x0, x1, bar.reading});
            std::optional<std::size_t>& run = open[bar.excluded ? 1 : 0];
            if (run && x0 <= c.runs[row][*run].x1) {
                c.runs[row][*run].x1 = std::max(c.runs[row][*run].x1, x1);
            } else {
                run = c.runs[row].size();
                c.runs[row].push_back({x0, x1, bar.excluded});
            }
        }
    }

    // Tags: the latest in each pixel column (it is drawn on top of the others there), in log order.
    std::vector<std::optional<std::size_t>> top_of_column(static_cast<std::size_t>(std::max(plot_w, 0.0f)) + 1);
    std::optional<std::size_t> open_line[kWastes.size()];  // the latest timed line of each waste
    for (std::size_t i = 0; i < chart.tags.size(); ++i) {
        const TimelineTag& t = chart.tags[i];
        const float x = x_of(t.at_ms);
        top_of_column[std::min(static_cast<std::size_t>(std::max(x, 0.0f)), top_of_column.size() - 1)] = i;
        if (!t.end_ms) continue;
        const float x1 = x_of(*t.end_ms);
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
    for (const auto& i : top_of_column)
        if (i) c.marks.push_back({x_of(chart.tags[*i].at_ms), chart.tags[*i].tag});
    std::sort(c.marks.begin(), c.marks.end(), [](const auto& a, const auto& b) { return a.tag < b.tag; });
    for (const TimelinePause& pause : chart.pauses) c.pauses.push_back(x_of(pause.at_ms));
    return c;
}

// Timeline: one row per step, its readings as bars over session time; waste tags as marks on top.
void draw_timeline(AppState& app, const SessionSummary& s, ImVec2 size) {
    const LogState& state = app.doc.recorder().state();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("timeline", size);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = ImGui::GetMousePos();
    const float name_w = 9.0f * em();
    const float plot_x = origin.x + name_w;
    const TimelineCache& layout = timeline_layout(app, s, size.x - name_w);
    const float row_h = (size.y - 1.0f * em()) / static_cast<float>(std::max<std::size_t>(layout.lanes.size(), 1));
    for (std::size_t i = 0; i < layout.lanes.size(); ++i) {
        const TimelineCache::Lane& lane = layout.lanes[i];
        const float y = origin.y + 1.0f * em() + row_h * static_cast<float>(i);
        clipped_text(draw, ImVec2(origin.x, y + 0.5f * (row_h - ImGui::GetFontSize())), name_w - 0.3f * em(),
                     ImGui::GetColorU32(ImGuiCol_Text), lane.name);
        for (const TimelineCache::Run& run : layout.runs[i])
            draw->AddRectFilled(ImVec2(plot_x + run.x0, y + 0.15f * row_h), ImVec2(plot_x + run.x1, y + 0.85f * row_h),
                                colour_u32(value_class_colour(lane.value_class), run.excluded ? 0.35f : 1.0f));
        if (!hovered || mouse.y < y || mouse.y >= y + row_h) continue;
        // The reading under the pointer: the latest-starting bar that begins left of it.
        const std::vector<TimelineCache::Bar>& bars = layout.bars[i];
        const auto after = std::upper_bound(bars.begin(), bars.end(), mouse.x - plot_x,
                                            [](float x, const TimelineCache::Bar& b) { return x < b.x0; });
        if (after == bars.begin() || plot_x + std::prev(after)->x1 < mouse.x) continue;
        const Reading& r = state.readings()[std::prev(after)->reading];
        ImGui::SetTooltip("%s, cycle %lld\n%s%s", lane.name.c_str(), static_cast<long long>(r.cycle),
                          format_duration(static_cast<double>(state.duration_ms(r, s.elapsed_ms))).c_str(),
                          r.excluded ? " (excluded)" : "");
    }
    // A pause is a point on this axis (its time is left out): a faint line across the lanes.
    for (float x : layout.pauses)
        draw->AddLine(ImVec2(plot_x + x, origin.y + 1.0f * em()), ImVec2(plot_x + x, origin.y + size.y),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.5f), 1.0f);
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
    if (app.doc.session().settings.timing_mode == TimingMode::independent) {
        ImGui::TextUnformatted("Yamazumi (each station's time per unit, against takt)");
        draw_yamazumi(station_yamazumi(s), ImVec2(half_w, chart_h));
    } else {
        ImGui::TextUnformatted("Yamazumi (each step's time per unit stacked, against takt)");
        draw_yamazumi(operator_yamazumi(s), ImVec2(half_w, chart_h));
    }
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
