// The Compare view of the Improve screen: the re-walk. A saved walk (chosen from the sessions folder
// and the recent files, or typed) against the open walk, before and after or swapped; per step the
// means, the difference with its confidence interval, Welch's p and a plain word; the waste rates;
// lead time, flow efficiency and takt gap; each action's expected effect against what moved, in
// words and colour. The numbers come from core/analysis/compare once per change of the inputs.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/file/session_file.hpp"
#include "core/report/compare_report.hpp"
#include "core/report/numbers.hpp"
#include "core/report/value_stream_report.hpp"

namespace gemba::gui {
namespace {

namespace fs = std::filesystem;

const ImVec4 kGood(0.10f, 0.55f, 0.15f, 1.0f);
const ImVec4 kBad(0.80f, 0.10f, 0.10f, 1.0f);

ImVec4 faint() { return ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]; }

// ---- Inputs ----------------------------------------------------------------------------------

std::string open_walk_label(const AppState& app) {
    const std::string name = app.doc.file().empty() ? "the open walk (not saved yet)" : app.doc.file().filename().string();
    return app.doc.file().empty() ? name : name + " (open)";
}

// Loads the file when it changed and compares it with the open walk when anything changed.
void refresh_comparison(AppState& app) {
    CompareView& view = app.compare;
    std::error_code ec;
    const fs::file_time_type file_time = view.file.empty() ? fs::file_time_type{} : fs::last_write_time(view.file, ec);
    const bool file_changed = view.file != view.computed_file || file_time != view.computed_file_time;
    if (!file_changed && view.revision == app.doc.revision() && view.computed_open_is_before == view.open_walk_is_before)
        return;
    view.revision = app.doc.revision();
    view.computed_file = view.file;
    view.computed_file_time = file_time;
    view.computed_open_is_before = view.open_walk_is_before;
    view.comparison.reset();
    // A file that did not load stays unloaded, and its problem said, until the file changes.
    if (file_changed) view.problem.clear();
    if (view.file.empty()) return;
    if (file_changed) {
        view.saved_walk.reset();
        LoadResult loaded = load_session(view.file);
        if (!loaded.ok()) {
            view.problem = loaded.problem->message();
            return;
        }
        view.saved_walk = walk_for_comparison(fs::path(view.file).filename().string(), std::move(*loaded.session),
                                              std::move(loaded.state));
    }
    if (!view.saved_walk) return;
    const WalkForComparison open =
        walk_for_comparison(open_walk_label(app), app.doc.session(), app.doc.state());
    const WalkForComparison& before = view.open_walk_is_before ? open : *view.saved_walk;
    const WalkForComparison& after = view.open_walk_is_before ? *view.saved_walk : open;
    view.comparison = compare_walks(before.view(), after.view());
    view.working_day_ms = working_day_ms(before.session.settings);
}

// A label on the left of a row of controls, level with their text.
void row_label(const char* label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(5.0f * em());
}

void draw_inputs(AppState& app) {
    CompareView& view = app.compare;
    if (!view.files_listed) {
        view.session_files = list_session_files(app);
        view.files_listed = true;
    }
    // Fields and the list as tall as a finger, like the buttons.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.5f * em(), 0.5f * em()));
    row_label(view.open_walk_is_before ? "After" : "Before");
    const std::string chosen = view.file.empty() ? "Choose a saved walk\u2026" : fs::path(view.file).filename().string();
    ImGui::SetNextItemWidth(std::min(22.0f * em(), ImGui::GetContentRegionAvail().x - 6.0f * em()));
    if (ImGui::BeginCombo("##saved walk", chosen.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (view.session_files.empty()) ImGui::TextDisabled("No saved walks in %s", app.paths.data_dir.string().c_str());
        for (const fs::path& file : view.session_files) {
            const bool selected = file.string() == view.file;
            if (ImGui::Selectable(file.filename().string().c_str(), selected, 0, ImVec2(0, 1.8f * em())))
                view.file = file.string();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", file.string().c_str());
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered() && !view.file.empty()) ImGui::SetTooltip("%s", view.file.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Refresh")) view.session_files = list_session_files(app);

    row_label("or path");
    ImGui::SetNextItemWidth(std::min(30.0f * em(), ImGui::GetContentRegionAvail().x));
    if (ImGui::InputTextWithHint("##path", "/path/to/walk.json, then Enter", &view.typed_path,
                                 ImGuiInputTextFlags_EnterReturnsTrue))
        view.file = view.typed_path;

    row_label(view.open_walk_is_before ? "Before" : "After");
    ImGui::TextUnformatted(open_walk_label(app).c_str());
    if (ImGui::Button(view.open_walk_is_before ? "Swap: the open walk is after" : "Swap: the open walk is before"))
        view.open_walk_is_before = !view.open_walk_is_before;
    ImGui::PopStyleVar();
}

// ---- Results ---------------------------------------------------------------------------------

ImGuiTableFlags table_flags() {
    return ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
           ImGuiTableFlags_ScrollX;
}

void coloured_cell(const std::string& text, const std::optional<ImVec4>& colour) {
    ImGui::TableNextColumn();
    if (colour) ImGui::TextColored(*colour, "%s", text.c_str());
    else ImGui::TextUnformatted(text.c_str());
}

// Green when a number went the better way, red when the worse; none for no change.
std::optional<ImVec4> change_colour(const std::optional<double>& change, bool lower_is_better) {
    if (!change || *change == 0.0) return std::nullopt;
    return (*change < 0) == lower_is_better ? kGood : kBad;
}

// Faint wrapped text: what a table's numbers mean.
void faint_wrapped(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, faint());
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// The plain word first, then the difference and p: on a narrow screen they are in view, the means
// a sideways scroll away.
void draw_steps(const WalkComparison& c) {
    heading("Steps");
    const std::string level = format_plain_number(c.confidence_pct) + " %";
    faint_wrapped("Matched by name. Difference = after \u2212 before, with its " + level +
                  " confidence interval (the before walk's confidence) and Welch's t-test p.");
    if (c.steps.empty()) {
        ImGui::TextWrapped("No step of one walk has the name of a step of the other.");
    } else if (ImGui::BeginTable("compare steps", 6, table_flags(), table_size(c.steps.size()))) {
        ImGui::TableSetupScrollFreeze(1, 0);
        ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthFixed, 9.0f * em());
        const std::string ci = "Difference (" + level + " CI)";
        for (const char* label : {"Change", ci.c_str(), "p", "Before", "After"}) ImGui::TableSetupColumn(label);
        ImGui::TableHeadersRow();
        for (const StepComparison& s : c.steps) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            fitted_text(s.before_name, ImGui::GetContentRegionAvail().x);
            const std::optional<ImVec4> colour = s.verdict == StepVerdict::faster   ? std::optional(kGood)
                                                 : s.verdict == StepVerdict::slower ? std::optional(kBad)
                                                                                    : std::nullopt;
            coloured_cell(std::string(display_name(s.verdict)), colour);
            cell(s.test ? difference_text(*s.test) : s.untested);
            cell(s.test ? p_value_text(s.test->p_two_sided) : std::string(kMissingMark));
            cell(sample_text(s.before));
            cell(sample_text(s.after));
        }
        ImGui::EndTable();
    }
    for (const UnmatchedStep& u : c.unmatched)
        ImGui::TextWrapped("Not compared: %s (%s walk, %zu readings): %s", u.name.empty() ? "(no name)" : u.name.c_str(),
                           std::string(display_name(u.side)).c_str(), u.valid_readings,
                           std::string(display_name(u.reason)).c_str());
}

void draw_wastes(const WalkComparison& c, float width) {
    heading("Waste per observed hour");
    if (!ImGui::BeginTable("compare wastes", 6, table_flags(), table_size(c.wastes.size(), width))) return;
    ImGui::TableSetupScrollFreeze(1, 0);
    for (const char* label : {"Waste", "Before", "After", "Change", "Tags", "p"}) ImGui::TableSetupColumn(label);
    ImGui::TableHeadersRow();
    for (const WasteRateChange& w : c.wastes) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(to_imgui(waste_colour(w.waste)), "\u25a0");
        ImGui::SameLine();
        ImGui::TextUnformatted(std::string(display_name(w.waste)).c_str());
        cell(rate_text(w.per_hour.before));
        cell(rate_text(w.per_hour.after));
        const std::optional<double> change = w.per_hour.change();
        // Coloured only when the change is clear: a few tags moving is no news.
        const bool clear = w.p && *w.p < 1.0 - c.confidence_pct / 100.0;
        coloured_cell(change ? signed_rate(*change) : std::string(kMissingMark),
                      clear ? change_colour(change, true) : std::nullopt);
        cell(std::to_string(w.before_count) + " \u2192 " + std::to_string(w.after_count));
        cell(w.p ? p_value_text(*w.p) : std::string(kMissingMark));
    }
    ImGui::EndTable();
}

void draw_flow(const CompareView& view, const WalkComparison& c, float width) {
    heading("Flow");
    if (!ImGui::BeginTable("compare flow", 4, table_flags(), table_size(5, width))) return;
    ImGui::TableSetupScrollFreeze(1, 0);
    for (const char* label : {"", "Before", "After", "Change"}) ImGui::TableSetupColumn(label);
    ImGui::TableHeadersRow();
    const std::int64_t day = view.working_day_ms;
    const auto time_row = [&](const char* name, const BeforeAfter& v, bool lower_is_better, bool signed_values = false) {
        ImGui::TableNextRow();
        cell(name);
        cell(flow_time_text(v.before, day, signed_values));
        cell(flow_time_text(v.after, day, signed_values));
        coloured_cell(flow_time_text(v.change(), day, true), lower_is_better ? change_colour(v.change(), true) : std::nullopt);
    };
    time_row("Lead time", c.flow.lead_time_ms, true);
    const BeforeAfter& fe = c.flow.flow_efficiency;
    ImGui::TableNextRow();
    cell("Flow efficiency");
    cell(fe.before ? format_small_percent(*fe.before) : std::string(kMissingMark));
    cell(fe.after ? format_small_percent(*fe.after) : std::string(kMissingMark));
    const std::optional<double> fe_change = fe.change();
    coloured_cell(fe_change ? points_text(*fe_change) : std::string(kMissingMark), change_colour(fe_change, false));
    time_row("Cycle time", c.flow.cycle_time_ms, true);
    time_row("Takt", c.flow.takt_ms, false);
    time_row("Takt gap (CT \u2212 takt)", c.flow.takt_gap_ms, true, true);
    ImGui::EndTable();
    faint_wrapped("Lead time and flow efficiency from: before, " + std::string(display_name(c.flow.before_source)) +
                  "; after, " + std::string(display_name(c.flow.after_source)) + ".");
}

void draw_actions(const CompareView& view, const WalkComparison& c) {
    heading("Actions: expected against what moved");
    if (c.actions.empty()) {
        ImGui::TextWrapped("Neither walk has actions. Raise a problem and choose an action on the Problems view.");
        return;
    }
    for (const ActionEffect& a : c.actions) {
        const ImVec4 colour = a.verdict == EffectVerdict::met       ? kGood
                              : a.verdict == EffectVerdict::not_met ? kBad
                                                                    : faint();
        ImGui::PushID(&a);
        ImGui::PushFont(fonts().large);
        // A shape as well as a colour (the font holds ● ■ □), and the word.
        const std::string badge = a.verdict == EffectVerdict::met       ? "\u25cf Met"
                                  : a.verdict == EffectVerdict::not_met ? "\u25a0 Not met"
                                                                        : "\u25a1 Not measurable";
        ImGui::TextColored(colour, "%s", badge.c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(a.action.title.c_str());
        ImGui::PopFont();
        std::string line = "#" + std::to_string(a.action.id) + ", " + std::string(display_name(a.walk)) + " walk, " +
                           std::string(display_name(a.action.status)) +
                           (a.action.owner.empty() ? "" : ", " + a.action.owner);
        faint_wrapped(line);
        if (a.action.expected) {
            const bool decrease = a.action.expected->direction == Direction::decrease;
            ImGui::TextWrapped("%s, expected to %s: %s \u2192 %s", a.metric.c_str(), decrease ? "decrease" : "increase",
                               effect_value_text(a, a.value.before, false, view.working_day_ms).c_str(),
                               effect_value_text(a, a.value.after, false, view.working_day_ms).c_str());
            ImGui::PushStyleColor(ImGuiCol_Text, colour);
            ImGui::TextWrapped("%s", effect_text(a, view.working_day_ms).c_str());
            ImGui::PopStyleColor();
        } else {
            ImGui::TextWrapped("No expected effect given: say which number it should move on the Problems view.");
        }
        ImGui::Separator();
        ImGui::PopID();
    }
}

}  // namespace

void draw_compare(AppState& app) {
    if (!app.doc.has_walk()) {
        ImGui::TextWrapped("Open a walk first: it is compared with a saved walk of the same process.");
        return;
    }
    draw_inputs(app);
    refresh_comparison(app);
    const CompareView& view = app.compare;
    if (!view.problem.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBad);
        ImGui::TextWrapped("Cannot compare: %s", view.problem.c_str());
        ImGui::PopStyleColor();
        return;
    }
    if (!view.comparison) {
        ImGui::TextWrapped("Choose the walk to compare the open walk with: a walk of the same process, before (or after) "
                           "an improvement.");
        return;
    }
    ImGui::Separator();
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(0.5f * em(), 0.2f * em()));
    draw_steps(*view.comparison);
    // The waste rates and the flow side by side where each gets 28 em, else one above the other.
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool side_by_side = avail >= 56.0f * em();
    const float half = side_by_side ? (avail - ImGui::GetStyle().ItemSpacing.x) * 0.5f : 0.0f;
    ImGui::BeginGroup();
    draw_wastes(*view.comparison, half);
    ImGui::EndGroup();
    if (side_by_side) ImGui::SameLine();
    ImGui::BeginGroup();
    if (side_by_side) ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
    draw_flow(view, *view.comparison, half);
    if (side_by_side) ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::PopStyleVar();
    draw_actions(view, *view.comparison);
}

}  // namespace gemba::gui
