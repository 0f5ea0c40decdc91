// Summary: everything `gemba-cli summary` prints — the session's lean numbers in a grid that follows
// the width, the notices, the waste and step tables — and three charts drawn with ImGui's draw lists
// on axes from core/report/charts (yamazumi against takt, waste Pareto, timeline). Hovering a mark
// shows its numbers; the screen scrolls rather than squeezing anything.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/problem_actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "app/gui/ui_sampling_summary.hpp"
#include "core/report/charts.hpp"
#include "core/report/columns.hpp"
#include "core/report/evidence_text.hpp"
#include "core/report/numbers.hpp"
#include "core/report/text_summary.hpp"

namespace gemba::gui {
namespace {

// A colour of core's palette with its own alpha.

// The step statistics: every column the command-line summary prints, and the median and outliers.
constexpr StepField kScreenColumns[] = {
    StepField::name,     StepField::value_class, StepField::valid_n,  StepField::excluded_n, StepField::frequency,
    StepField::mean,     StepField::median,      StepField::sd,       StepField::cv,         StepField::min,
    StepField::max,      StepField::rating,      StepField::normal,   StepField::allowance,  StepField::standard,
    StepField::required_cycles, StepField::more_cycles, StepField::outliers};

// What a step column holds, in words, with its unit.
std::string column_meaning(StepField field) {
    const StepColumn& column = step_column(field);
    std::string meaning(column.meaning.empty() ? column.label : column.meaning);
    if (!column.unit.empty()) meaning += " (" + std::string(column.unit) + ")";
    return meaning;
}

void draw_step_table(const SessionSummary& s) {
    // Too wide for a small screen: the table scrolls sideways rather than squeezing its headers.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_ScrollX;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_height = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    const ImVec2 outer_size(0.0f, static_cast<float>(s.steps.size() + 1) * row_height + style.ScrollbarSize);
    if (!ImGui::BeginTable("stats", static_cast<int>(std::size(kScreenColumns)), flags, outer_size)) return;
    ImGui::TableSetupScrollFreeze(1, 0);  // the step's name stays in view
    for (StepField field : kScreenColumns) {
        const StepColumn& column = step_column(field);
        // The name column at most 12 em wide: a long name is cut with "…" and whole in a tooltip.
        if (field == StepField::name)
            ImGui::TableSetupColumn(std::string(column.label).c_str(), ImGuiTableColumnFlags_WidthFixed, 12.0f * em());
        else
            ImGui::TableSetupColumn(std::string(column.label).c_str());
    }
    // The headers are short; each says in full what it counts when pointed at.
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (std::size_t i = 0; i < std::size(kScreenColumns); ++i) {
        ImGui::TableSetColumnIndex(static_cast<int>(i));
        ImGui::TableHeader(std::string(step_column(kScreenColumns[i]).label).c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", column_meaning(kScreenColumns[i]).c_str());
    }
    for (const StepSummary& st : s.steps) {
        ImGui::TableNextRow();
        for (StepField field : kScreenColumns) {
            ImGui::TableNextColumn();
            if (field == StepField::name) {
                ImGui::TextColored(to_imgui(value_class_colour(st.value_class)), "■");
                ImGui::SameLine();
                fitted_text(st.name, ImGui::GetContentRegionAvail().x);
                continue;
            }
            ImGui::TextUnformatted(text_cell(step_column(field), st).c_str());
        }
    }
    ImGui::EndTable();
}

// One number of the session: its name small above it, what it means in a tooltip.
struct KeyNumber {
    std::string label;
    std::string value;
    std::string about;
    bool alarm = false;  // drawn in red: demand cannot be met
};

std::vector<KeyNumber> key_numbers(const Session& session, const SessionSummary& s) {
    const bool independent = session.settings.timing_mode == TimingMode::independent;
    std::vector<KeyNumber> out;
    out.push_back({"Observed", format_duration(static_cast<double>(s.observed_ms)),
                   std::string("Walk time, pauses left out") + (s.running ? "; the walk is still running" : ""), false});
    out.push_back({"Paused", format_duration(static_cast<double>(s.paused_ms)), "Time the walk was paused", false});
    out.push_back({"Cycles closed", std::to_string(s.cycles_closed), "Cycles with every reading done", false});
    const std::optional<std::string> bottleneck = bottleneck_name(s);
    out.push_back({"Cycle time", duration_or_missing(s.cycle_time_ms),
                   independent ? (bottleneck ? "The slowest station (bottleneck): " + *bottleneck
                                             : std::string("Each step its own station: the slowest step"))
                               : "One operator: the work content",
                   false});
    if (bottleneck) out.push_back({"Bottleneck", *bottleneck, "The step that sets the cycle time", false});
    out.push_back({"Takt", duration_or_missing(s.takt_ms), "Available time ÷ demand", false});
    if (s.cycle_time_over_takt)
        out.push_back({"Cycle time ÷ takt",
                       format_fixed(*s.cycle_time_over_takt, 2) + (*s.meets_takt ? "  meets takt" : "  ABOVE TAKT"),
                       *s.meets_takt ? "The line keeps up with demand" : "Above 1: demand cannot be met",
                       !*s.meets_takt});
    out.push_back({"Work content", duration_or_missing(s.work_content_ms), "Per unit: Σ observed time × frequency", false});
    out.push_back({"Standard time", duration_or_missing(s.standard_time_ms),
                   std::string("Per unit: Σ standard time × frequency, allowance ") +
                       (session.settings.allowance_convention == AllowanceConvention::on_job_time ? "on job time"
                                                                                                  : "on the workday"),
                   false});
    const auto part = [](const std::optional<double>& ms, const std::optional<double>& share) {
        return duration_or_missing(ms) + " (" + percent_or_missing(share) + ")";
    };
    out.push_back({"Value-added", part(s.value_added_ms, s.value_added_share), "Share of the work content", false});
    out.push_back({"Necessary NVA", part(s.necessary_ms, s.necessary_share), "Share of the work content", false});
    out.push_back({"Non-value-added", part(s.non_value_added_ms, s.non_value_added_share), "Share of the work content",
                   false});
    out.push_back({"Lead time", duration_or_missing(s.lead_time_ms), "Per closed cycle: first start to last end", false});
    out.push_back({"Waiting per cycle", duration_or_missing(s.waiting_ms), "Lead time no reading covers", false});
    out.push_back({"Flow efficiency", percent_or_missing(s.flow_efficiency), "Value-added time ÷ lead time", false});
    if (s.theoretical_min_stations)
        out.push_back({"Stations for takt", std::to_string(*s.theoretical_min_stations),
                       "Line balance: at least ⌈work content ÷ takt⌉ operators meet takt", false});
    if (s.balance_efficiency)
        out.push_back({"Balance efficiency", percent_or_missing(s.balance_efficiency),
                       "Line balance: work content ÷ (stations × cycle time)", false});
    const std::string accuracy = session.settings.accuracy_ms ? format_duration(*session.settings.accuracy_ms)
                                                              : format_fixed(session.settings.accuracy_pct, 1) + " %";
    out.push_back({"Required cycles",
                   s.required_cycles ? std::to_string(*s.required_cycles) + " (" + std::to_string(*s.more_cycles) + " more)"
                                     : std::string(kMissingMark),
                   "For ±" + accuracy + " at z = " + format_fixed(s.z, 3) + ", the largest over the steps", false});
    std::size_t excluded = 0, deleted = 0;
    for (const StepSummary& st : s.steps) {
        excluded += st.excluded_readings.size();
        deleted += st.deleted_readings;
    }
    out.push_back({"Readings excluded", std::to_string(excluded),
                   "Excluded with a reason: kept, left out of the numbers; " + std::to_string(deleted) + " deleted",
                   false});
    out.push_back({"Waste tags", std::to_string(s.waste_total), "Per waste and per hour below the Pareto", false});
    return out;
}

// The key numbers in a grid that takes as many columns as the width holds.
void draw_key_numbers(const Session& session, const SessionSummary& s) {
    const std::vector<KeyNumber> numbers = key_numbers(session, s);
    const float cell_w = 12.5f * em();
    const int columns = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / cell_w));
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ImGui::GetStyle().CellPadding.x, 0.3f * em()));
    const bool shown = ImGui::BeginTable("key numbers", columns, ImGuiTableFlags_SizingStretchSame);
    ImGui::PopStyleVar();
    if (!shown) return;
    for (const KeyNumber& n : numbers) {
        ImGui::TableNextColumn();
        const float width = ImGui::GetContentRegionAvail().x;
        ImGui::BeginGroup();
        // The label close over its value, the next row's label well apart.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.0f));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        fitted_text(n.label, width);
        ImGui::PopStyleColor();
        if (n.alarm) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
        fitted_text(n.value, width);
        if (n.alarm) ImGui::PopStyleColor();
        ImGui::PopStyleVar();
        ImGui::EndGroup();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s\n%s", n.label.c_str(), n.value.c_str(), n.about.c_str());
    }
    ImGui::EndTable();
}

void draw_notices(const SessionSummary& s) {
    for (const std::string& notice : s.notices) ImGui::TextWrapped("• %s", notice.c_str());
}

// A waste's way into Improve: a problem for its tags at one step, or everywhere.
void waste_problem_button(AppState& app, const SessionSummary& s, Waste waste) {
    ImGui::PushID(static_cast<int>(waste));
    if (ImGui::Button("Problem…")) ImGui::OpenPopup("problem");
    if (ImGui::BeginPopup("problem")) {
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.7f * em()));  // finger room
        const std::string name(display_name(waste));
        for (const StepWasteCount& step : s.waste_by_step)
            if (const std::size_t tags = waste_tag_count(app.doc.state(), waste, step.step); step.step != kNoStep && tags > 0)
                if (ImGui::MenuItem(("Raise problem for " + name + " at " + step.name + " (" + std::to_string(tags) + ")").c_str()))
                    raise_problem(app, Evidence{EvidenceKind::waste, kNoEvent, step.step, waste});
        if (ImGui::MenuItem(("Raise problem for " + name + ", all steps").c_str()))
            raise_problem(app, Evidence{EvidenceKind::waste, kNoEvent, kNoStep, waste});
        ImGui::PopStyleVar();
        ImGui::EndPopup();
    }
    ImGui::PopID();
}

// The waste tally the Pareto draws, with rates per hour, and the steps the tags fell in.
void draw_waste_table(AppState& app, const SessionSummary& s) {
    if (s.waste_total == 0) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("wastes", 7, flags)) {
        for (const char* label : {"Waste", "Count", "Share", "Cumulative", "Timed", "Per hour", ""}) ImGui::TableSetupColumn(label);
        ImGui::TableHeadersRow();
        for (const WasteCount& w : s.waste_pareto) {
            if (w.count == 0) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(to_imgui(waste_colour(w.waste)), "■");
            ImGui::SameLine();
            ImGui::TextUnformatted(std::string(display_name(w.waste)).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", w.count);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_percent(w.share).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_percent(w.cumulative_share).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(w.timed_count ? format_duration(static_cast<double>(w.timed_ms)).c_str()
                                                 : std::string(kMissingMark).c_str());
            ImGui::TableNextColumn();
            // One decimal, two below 1 per hour (a rare waste in a long walk), as the CLI prints it.
            ImGui::TextUnformatted(w.per_hour ? format_fixed(*w.per_hour, *w.per_hour < 1.0 ? 2 : 1).c_str()
                                              : std::string(kMissingMark).c_str());
            ImGui::TableNextColumn();
            waste_problem_button(app, s, w.waste);
        }
        ImGui::EndTable();
    }
    std::string by_step = "Waste by step: ";
    for (std::size_t i = 0; i < s.waste_by_step.size(); ++i)
        by_step += (i ? ", " : "") + s.waste_by_step[i].name + " " + std::to_string(s.waste_by_step[i].count);
    ImGui::TextWrapped("%s", by_step.c_str());
}

// Text clipped to a slot, so long names never run into their neighbours.
void clipped_text(ImDrawList* draw, ImVec2 pos, float width, ImU32 colour, const std::string& text) {
    const ImVec4 clip(pos.x, pos.y, pos.x + width, pos.y + ImGui::GetFontSize() * 1.2f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, colour, text.c_str(), nullptr, 0.0f, &clip);
}

// A value axis along the left of a plot: faint lines across it at each tick, the labels right-aligned
// to the left of the plot.
void draw_value_axis(ImDrawList* draw, const AxisTicks& ticks, float left, float right, float bottom, float plot_h,
                     const std::function<std::string(double)>& label) {
    const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.35f);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (double v : ticks.values) {
        const float y = bottom - static_cast<float>(v / ticks.top) * plot_h;
        draw->AddLine(ImVec2(left, y), ImVec2(right, y), grid, 1.0f);
        const std::string t = label(v);
        const ImVec2 size = ImGui::CalcTextSize(t.c_str());
        draw->AddText(ImVec2(left - size.x - 0.3f * em(), y - 0.5f * size.y), text, t.c_str());
    }
}

// How many intervals an axis of `length` pixels holds with a label every `spacing_em` at least.
int intervals_for(float length, float spacing_em) { return std::max(1, static_cast<int>(length / (spacing_em * em()))); }

// Yamazumi (core/report/charts.hpp) against takt, each segment coloured by value class: for one
// operator (lap timing) the work content and the standard time as stacks of the steps' times per
// unit; with independent timers one column per station (step), the tallest the bottleneck. A takt far
// above the work stays a marker at the top (yamazumi_scale) so the stacks keep their height.
void draw_yamazumi(const Yamazumi& chart, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("yamazumi", size);
    const float axis_w = 4.0f * em(), top_h = 1.6f * em(), label_h = 2.6f * em();
    const float plot_h = size.y - top_h - label_h;
    const YamazumiScale scale = yamazumi_scale(chart, intervals_for(plot_h, 1.5f));
    if (scale.ticks.values.empty()) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), "No valid readings yet.");
        return;
    }
    // A takt line to scale is labelled in a margin of its own on the right, clear of the stacks.
    const bool takt_on_scale = chart.takt_ms && !scale.takt_off_scale;
    const float takt_w = takt_on_scale ? 4.5f * em() : 0.0f;
    const float left = origin.x + axis_w, right = origin.x + size.x - takt_w, bottom = origin.y + top_h + plot_h;
    const auto y_of = [&](double ms) { return bottom - static_cast<float>(ms / scale.ticks.top) * plot_h; };
    draw_value_axis(draw, scale.ticks, left, right, bottom, plot_h,
                    [&](double v) { return time_tick_label(v, scale.ticks.step, scale.ticks.top); });
    // Each stack in a slot of its own, 60 % of the slot wide and centred.
    const float slot_w = (right - left) / static_cast<float>(std::max<std::size_t>(chart.stacks.size(), 1));
    const float column_w = slot_w * 0.6f;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    for (std::size_t i = 0; i < chart.stacks.size(); ++i) {
        const YamazumiStack& stack = chart.stacks[i];
        const float x0 = left + slot_w * (static_cast<float>(i) + 0.2f);
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
        // Under the stack: its name, then its height; cut to the slot, whole in a tooltip.
        const float slot_x = left + slot_w * static_cast<float>(i);
        clipped_text(draw, ImVec2(slot_x + 0.1f * em(), bottom + 0.2f * em()), slot_w - 0.2f * em(), text, stack.label);
        clipped_text(draw, ImVec2(slot_x + 0.1f * em(), bottom + 1.3f * em()), slot_w - 0.2f * em(), text,
                     format_duration(stack.total_ms));
        if (ImGui::IsMouseHoveringRect(ImVec2(slot_x, bottom), ImVec2(slot_x + slot_w, bottom + label_h)))
            ImGui::SetTooltip("%s: %s per unit", stack.label.c_str(), format_duration(stack.total_ms).c_str());
    }
    if (!chart.takt_ms) return;
    const ImU32 red = IM_COL32(200, 30, 30, 255);
    const std::string takt = "takt " + format_duration(*chart.takt_ms);
    if (takt_on_scale) {
        const float y = y_of(*chart.takt_ms);
        draw->AddLine(ImVec2(left, y), ImVec2(right + 0.2f * em(), y), red, 2.0f);
        const float x = right + 0.4f * em(), w = takt_w - 0.4f * em();
        clipped_text(draw, ImVec2(x, y - 1.1f * em()), w, red, "takt");
        clipped_text(draw, ImVec2(x, y + 0.05f * em()), w, red, format_duration(*chart.takt_ms));
        return;
    }
    // Takt off the scale: a dashed red line along the top, and how much of takt the work uses.
    const float y = origin.y + 0.2f * em();
    for (float x = left; x < right; x += 1.0f * em())
        draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 0.6f * em(), right), y), red, 2.0f);
    const std::string label = takt + " ↑ off the scale: the tallest is " + format_percent(*scale.tallest_over_takt, 0) + " of it";
    clipped_text(draw, ImVec2(left + 0.2f * em(), y + 0.2f * em()), right - left - 0.4f * em(), red, label);
    if (ImGui::IsMouseHoveringRect(ImVec2(left, origin.y), ImVec2(right, origin.y + top_h))) ImGui::SetTooltip("%s", label.c_str());
}

// Pareto: waste counts in decreasing bars (count on the left axis and above each bar) with the
// cumulative share as a line (0–100 % on the right axis).
void draw_pareto(const SessionSummary& s, ImVec2 size) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pareto", size);
    const ParetoChart chart = waste_pareto_chart(s.waste_pareto);
    if (chart.bars.empty()) {
        draw->AddText(origin, ImGui::GetColorU32(ImGuiCol_TextDisabled), "No waste tagged yet.");
        return;
    }
    const float axis_w = 2.6f * em(), right_w = 3.4f * em(), top_h = 1.4f * em();
    const float left = origin.x + axis_w, right = origin.x + size.x - right_w;
    const float bar_w = (right - left) / static_cast<float>(chart.bars.size());
    // Names too wide for their bar go on two staggered rows, each then as wide as two bars.
    bool stagger = false;
    for (const ParetoBar& bar : chart.bars) stagger |= ImGui::CalcTextSize(bar.label.c_str()).x > 0.95f * bar_w;
    const float label_h = (stagger ? 2.5f : 1.4f) * em();
    const float plot_h = size.y - top_h - label_h;
    const float bottom = origin.y + top_h + plot_h;
    const AxisTicks counts = nice_ticks(static_cast<double>(chart.max_count), intervals_for(plot_h, 1.5f), 1);
    draw_value_axis(draw, counts, left, right, bottom, plot_h,
                    [](double v) { return std::to_string(static_cast<long long>(v)); });
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (double share : {0.0, 0.5, 1.0}) {
        const std::string t = format_percent(share, 0);
        draw->AddText(ImVec2(right + 0.3f * em(), bottom - static_cast<float>(share) * plot_h - 0.5f * em()), faint, t.c_str());
    }
    ImVec2 previous;
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const ParetoBar& bar = chart.bars[i];
        const float x0 = left + bar_w * static_cast<float>(i) + bar_w * 0.1f, x1 = x0 + bar_w * 0.8f;
        const float h = static_cast<float>(static_cast<double>(bar.count) / counts.top) * plot_h;
        draw->AddRectFilled(ImVec2(x0, bottom - h), ImVec2(x1, bottom), colour_u32(waste_colour(bar.waste)));
        const std::string count = std::to_string(bar.count);
        const float count_w = ImGui::CalcTextSize(count.c_str()).x;
        draw->AddText(ImVec2(0.5f * (x0 + x1 - count_w), bottom - h - 1.15f * em()), text, count.c_str());
        const float label_w = std::min(ImGui::CalcTextSize(bar.label.c_str()).x, stagger ? 1.9f * bar_w : x1 - x0);
        const float label_y = bottom + (stagger && i % 2 == 1 ? 1.3f : 0.2f) * em();
        clipped_text(draw, ImVec2(0.5f * (x0 + x1 - label_w), label_y), label_w, text, bar.label);
        const ImVec2 point((x0 + x1) * 0.5f, bottom - static_cast<float>(bar.cumulative_share) * plot_h);
        draw->AddCircleFilled(point, 0.25f * em(), text);
        if (i > 0) draw->AddLine(previous, point, text, 2.0f);
        previous = point;
        if (ImGui::IsMouseHoveringRect(ImVec2(x0, origin.y), ImVec2(x1, bottom + label_h)))
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
    const float plot_w = size.x - name_w - 1.0f * em();  // room for the last tick's label
    const TimelineCache& layout = timeline_layout(app, s, plot_w);
    // The time axis along the bottom: walk-clock time (pauses left out), ticks in clock steps.
    const float axis_h = 1.6f * em();
    const float bottom = origin.y + size.y - axis_h;
    const AxisTicks ticks = time_ticks(static_cast<double>(std::max<std::int64_t>(s.observed_ms, 1)), intervals_for(plot_w, 5.0f));
    const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    draw->AddLine(ImVec2(plot_x, bottom), ImVec2(plot_x + plot_w, bottom), faint, 1.0f);
    for (double v : ticks.values) {
        if (v > static_cast<double>(s.observed_ms)) break;
        const float x = plot_x + static_cast<float>(v / static_cast<double>(std::max<std::int64_t>(s.observed_ms, 1))) * plot_w;
        draw->AddLine(ImVec2(x, origin.y + 1.0f * em()), ImVec2(x, bottom + 0.3f * em()),
                      ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.3f), 1.0f);
        const std::string t = time_tick_label(v, ticks.step, ticks.top);
        const float w = ImGui::CalcTextSize(t.c_str()).x;
        draw->AddText(ImVec2(x - 0.5f * w, bottom + 0.3f * em()), faint, t.c_str());
    }
    const float row_h = (bottom - origin.y - 1.0f * em()) / static_cast<float>(std::max<std::size_t>(layout.lanes.size(), 1));
    for (std::size_t i = 0; i < layout.lanes.size(); ++i) {
        const TimelineCache::Lane& lane = layout.lanes[i];
        const float y = origin.y + 1.0f * em() + row_h * static_cast<float>(i);
        clipped_text(draw, ImVec2(origin.x, y + 0.5f * (row_h - ImGui::GetFontSize())), name_w - 0.3f * em(),
                     ImGui::GetColorU32(ImGuiCol_Text), lane.name);
        for (const TimelineCache::Run& run : layout.runs[i])
            draw->AddRectFilled(ImVec2(plot_x + run.x0, y + 0.15f * row_h), ImVec2(plot_x + run.x1, y + 0.85f * row_h),
                                colour_u32(value_class_colour(lane.value_class), run.excluded ? 0.35f : 1.0f));
        if (!hovered || mouse.y < y || mouse.y >= y + row_h) continue;
        if (mouse.x < plot_x) {  // on the lane's name, which may be cut
            ImGui::SetTooltip("%s", lane.name.c_str());
            continue;
        }
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
        draw->AddLine(ImVec2(plot_x + x, origin.y + 1.0f * em()), ImVec2(plot_x + x, bottom),
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
    if (draw_summary_views(app)) return;
    if (app.doc.session().study == StudyKind::work_sampling) return draw_sampling_summary(app);
    const SessionSummary& s = current_summary(app, /*refresh_live=*/true);
    const Session& session = app.doc.session();
    // As tall as the top bar's buttons: a finger's target.
    if (ImGui::Button(with_key_hint("Write report (HTML)", KeyAction::write_report).c_str(), ImVec2(0, kTopBarHeightEm * em())))
        write_report(app);
    draw_key_numbers(session, s);
    draw_notices(s);
    ImGui::Spacing();
    // The two charts side by side where each gets 24 em (room for the Pareto's waste names), else one
    // above the other; the screen scrolls.
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail_w >= 48.0f * em();
    const float chart_w = side_by_side ? (avail_w - ImGui::GetStyle().ItemSpacing.x) * 0.5f : avail_w;
    const float chart_h = std::clamp(ImGui::GetMainViewport()->WorkSize.y * 0.4f, 12.0f * em(), 20.0f * em());
    ImGui::BeginGroup();
    const bool independent = session.settings.timing_mode == TimingMode::independent;
    fitted_text(independent ? "Yamazumi: each station's time per unit, against takt"
                            : "Yamazumi: each step's time per unit stacked, against takt",
                chart_w);
    draw_yamazumi(independent ? station_yamazumi(s) : operator_yamazumi(s), ImVec2(chart_w, chart_h));
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginGroup();
    fitted_text("Waste Pareto: tags per waste, cumulative share", chart_w);
    draw_pareto(s, ImVec2(chart_w, chart_h));
    ImGui::EndGroup();
    draw_waste_table(app, s);
    ImGui::Spacing();
    draw_step_table(s);
    ImGui::Spacing();
    fitted_text("Timeline: walk-clock time, pauses left out (faint lines)", avail_w);
    const float rows_h = (static_cast<float>(session.steps.size()) * 1.4f + 2.8f) * em();
    draw_timeline(app, s, ImVec2(avail_w, std::max(rows_h, 10.0f * em())));
}

}  // namespace gemba::gui
