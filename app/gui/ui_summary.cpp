// Summary: the step statistics, the session's lean numbers, and three charts drawn with ImGui's draw
// lists (yamazumi against takt, waste Pareto, timeline). Hovering a mark shows its numbers.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/format.hpp"
#include "core/summary.hpp"

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

// Timeline: one row per step, its readings as bars over session time; waste tags as marks on top.
void draw_timeline(const Session& session, const LogState& state, const SessionSummary& s, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("timeline", size);
    // Watch time: paused stretches are left out, as they are from every reading.
    const double span = std::max<double>(static_cast<double>(s.observed_ms), 1.0);
    const float name_w = 9.0f * em();
    const float row_h = (size.y - 1.0f * em()) / static_cast<float>(std::max<std::size_t>(session.steps.size(), 1));
    const float plot_w = size.x - name_w;
    const auto x_of = [&](std::int64_t ms) {
        const std::int64_t watch = ms - state.paused_ms_between(0, ms);
        return origin.x + name_w + static_cast<float>(static_cast<double>(watch) / span) * plot_w;
    };
    for (std::size_t i = 0; i < session.steps.size(); ++i) {
        const Step& step = session.steps[i];
        const float y = origin.y + 1.0f * em() + row_h * static_cast<float>(i);
        clipped_text(draw, ImVec2(origin.x, y + 0.5f * (row_h - ImGui::GetFontSize())), name_w - 0.3f * em(),
                     ImGui::GetColorU32(ImGuiCol_Text), step.name);
        for (const Reading& r : state.readings()) {
            if (r.step != step.id || r.removed) continue;
            const float x0 = x_of(r.start_ms), x1 = std::max(x_of(r.end_ms.value_or(s.elapsed_ms)), x0 + 1.0f);
            const float alpha = r.excluded ? 0.35f : 1.0f;
            draw->AddRectFilled(ImVec2(x0, y + 0.15f * row_h), ImVec2(x1, y + 0.85f * row_h),
                                colour_u32(value_class_colour(step.value_class), alpha));
            if (ImGui::IsMouseHoveringRect(ImVec2(x0, y), ImVec2(x1, y + row_h)))
                ImGui::SetTooltip("%s, cycle %lld\n%s%s", step.name.c_str(), static_cast<long long>(r.cycle),
                                  format_duration(static_cast<double>(state.duration_ms(r, s.elapsed_ms))).c_str(),
                                  r.excluded ? " (excluded)" : "");
        }
    }
    for (const WasteTag& t : state.tags()) {
        if (t.removed) continue;
        const float x = x_of(t.start_ms);
        const ImU32 colour = colour_u32(waste_colour(t.waste));
        draw->AddTriangleFilled(ImVec2(x - 0.3f * em(), origin.y), ImVec2(x + 0.3f * em(), origin.y),
                                ImVec2(x, origin.y + 0.6f * em()), colour);
        if (t.timed) draw->AddLine(ImVec2(x, origin.y + 0.3f * em()), ImVec2(x_of(t.end_ms.value_or(s.elapsed_ms)), origin.y + 0.3f * em()), colour, 3.0f);
        if (ImGui::IsMouseHoveringRect(ImVec2(x - 0.3f * em(), origin.y), ImVec2(x + 0.3f * em(), origin.y + 0.6f * em())))
            ImGui::SetTooltip("%s at %s%s%s", std::string(display_name(t.waste)).c_str(),
                              format_duration(static_cast<double>(t.start_ms)).c_str(), t.note.empty() ? "" : "\n",
                              t.note.c_str());
    }
}

}  // namespace

void draw_summary(AppState& app) {
    if (!app.session) return;
    const SessionSummary s = summarize(*app.session, app.recorder->state(), summary_now(app));
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
    const float rows_h = (static_cast<float>(app.session->steps.size()) * 1.3f + 1.2f) * em();
    draw_timeline(*app.session, app.recorder->state(), s, ImVec2(avail.x, std::max(rows_h, ImGui::GetContentRegionAvail().y)));
}

}  // namespace gemba::gui
