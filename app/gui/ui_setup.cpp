// Setup: the session's header, its steps and its study settings.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "app/gui/ui_sampling_setup.hpp"
#include "core/analysis/line_balance.hpp"
#include "core/model/plan_fields.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {
namespace {

// Puts the next item, `width` wide, on this line when it fits, else on the next: nothing runs off
// the window's edge at a small window or a large UI scale.
void same_line_if_fits(float width) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float radio_width(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
}

// A radio button of a row of choices, on the row while it fits.
bool radio_in_row(const char* label, int* value, int choice) {
    same_line_if_fits(radio_width(label));
    return ImGui::RadioButton(label, value, choice);
}

// A field `width` wide with its label to the right, on the previous item's line when it fits.
void next_field_in_row(float width, const char* label) {
    same_line_if_fits(width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x);
    ImGui::SetNextItemWidth(width);
}

// The width of a text field with its label: 24 em, or what is left of the window beside the label.
float field_width(const char* label) {
    const float beside = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemInnerSpacing.x - ImGui::CalcTextSize(label).x;
    return std::max(8.0f * em(), std::min(24.0f * em(), beside));
}

bool text_field(const char* label, std::string& value) {
    ImGui::SetNextItemWidth(field_width(label));
    return ImGui::InputText(label, &value);
}

// A text cut off by its field's width shows whole in a tooltip.
void tooltip_if_cut(const std::string& text) {
    if (ImGui::IsItemHovered() && !ImGui::IsItemActive() &&
        ImGui::CalcTextSize(text.c_str()).x > ImGui::GetItemRectSize().x - 2.0f * ImGui::GetStyle().FramePadding.x)
        ImGui::SetTooltip("%s", text.c_str());
}

// Whether a typed value is in the range a session file allows. One that is not is not taken: the
// last valid value stays, and the status line names the range (in the field's unit: file values
// are divided by `per_unit`).
bool accept(AppState& app, const char* label, const NumberRange& range, double value, double per_unit = 1.0) {
    if (range.contains(value)) return true;
    NumberRange shown = range;
    shown.min /= per_unit;
    shown.max /= per_unit;
    app.message = Message{std::string(label) + " must be " + shown.text() + "; kept the last valid value", true,
                          app.clock.now_ms()};
    return false;
}

// An optional number of the plan typed as text, in the field's unit (file values ÷ `per_unit`):
// empty clears it; one that is not a number, not whole where a file needs it whole, or out of the
// range is not taken (accept). True when `value` (in file units) changed.
template <typename T>
bool optional_number(AppState& app, const char* label, const char* id, std::optional<T>& value, const NumberRange& range,
                     float width, double per_unit = 1.0) {
    std::string text = value ? plan_number_text(static_cast<double>(*value) / per_unit) : std::string();
    ImGui::SetNextItemWidth(width);
    if (!ImGui::InputText(id, &text)) return false;
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) {
        value.reset();
        return true;
    }
    char* end = nullptr;
    const double typed = std::strtod(text.c_str() + first, &end);
    if (end == text.c_str() + first || text.find_first_not_of(' ', static_cast<std::size_t>(end - text.c_str())) != std::string::npos) {
        app.message = Message{std::string(label) + " must be a number, or empty for none", true, app.clock.now_ms()};
        return false;
    }
    const double in_file = typed * per_unit;
    if (range.whole && std::is_integral_v<T> && per_unit == 1.0 && typed != std::floor(typed)) {
        app.message = Message{std::string(label) + " must be a whole number", true, app.clock.now_ms()};
        return false;
    }
    if (!accept(app, label, range, in_file, per_unit)) return false;
    if constexpr (std::is_integral_v<T>) value = static_cast<T>(std::llround(in_file));
    else value = in_file;
    return true;
}

void draw_header(AppState& app) {
    Plan& s = app.doc.plan();
    for (auto [label, field] : {std::pair{"Title", &s.title}, std::pair{"Process", &s.process}, std::pair{"Area", &s.area},
                                std::pair{"Observer", &s.observer}}) {
        if (text_field(label, *field)) plan_changed(app, label);
        tooltip_if_cut(*field);
    }
    if (ImGui::InputTextMultiline("Notes", &s.notes, ImVec2(field_width("Notes"), 3.0f * em()))) plan_changed(app, "Notes");
}

// Undo and redo of plan changes, saying what they would undo: the plan has its own undo, apart
// from the walk's (taps are undone on the Walk and Review screens).
constexpr const char* kUndoScope = "Changes to the plan (steps, settings, header) are undone here, one by one.\n"
                                   "Taps are undone on the Walk and Review screens.";

// One of the two buttons: "Undo: delete “Fasten” [Ctrl+Z]", or without the name when it would not
// fit the window (the tooltip has it whole).
bool plan_undo_button(const char* verb, const std::optional<std::string>& what, KeyAction action, bool first) {
    const float pad = 2.0f * ImGui::GetStyle().FramePadding.x;
    std::string label = with_key_hint(what ? std::string(verb) + ": " + *what : std::string(verb) + " plan change", action);
    if (ImGui::CalcTextSize(label.c_str()).x + pad > ImGui::GetContentRegionAvail().x)
        label = with_key_hint(std::string(verb), action);
    if (!first) same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x + pad);
    ImGui::BeginDisabled(!what);
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(0, 2.2f * em()));
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s%s%s", what ? (std::string(verb) + ": " + *what).c_str() : "", what ? "\n" : "", kUndoScope);
    return pressed;
}

void draw_plan_undo(AppState& app) {
    if (plan_undo_button("Undo", app.doc.plan_undo_name(), KeyAction::undo, true)) undo(app);
    if (plan_undo_button("Redo", app.doc.plan_redo_name(), KeyAction::redo, false)) redo(app);
}

// Value classes as the narrow Setup table shows them (the lean abbreviations); the full name is in
// the list and its tooltip.
const char* short_name(ValueClass v) {
    switch (v) {
        case ValueClass::value_added: return "VA";
        case ValueClass::necessary_non_value_added: return "NNVA";
        case ValueClass::non_value_added: return "NVA";
    }
    return "";
}

void header_cell(const char* label, const char* tooltip) {
    ImGui::TableNextColumn();
    ImGui::TableHeader(label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
}

void draw_steps(AppState& app) {
    Plan& s = app.doc.plan();
    const bool walk_started = !app.doc.session().events.empty();
    // Columns as wide as what they show; the step's name takes the rest, at least 10 em. Narrow,
    // the value class shows as VA / NNVA / NVA.
    const ImGuiStyle& style = ImGui::GetStyle();
    const auto text = [](const char* t) { return ImGui::CalcTextSize(t).x; };
    const float pad = 2.0f * style.FramePadding.x;
    const float combo_extra = pad + ImGui::GetFrameHeight();
    const float number = text("300.0") + pad;
    const float fixed_but_class = std::max(text("Rating %"), number) + std::max(text("Allowance %"), number) +
                                  2.0f * ImGui::GetFrameHeight() + style.ItemSpacing.x + text("Delete") + pad +
                                  12.0f * style.CellPadding.x;
    const float full_class = std::max(text("Value class"), text("Non-value-added") + combo_extra);
    const bool short_classes = ImGui::GetContentRegionAvail().x - fixed_but_class - full_class < 14.0f * em();
    const float class_width = short_classes ? std::max(text("Class"), text("NNVA") + combo_extra) : full_class;
    if (!ImGui::BeginTable("steps", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(short_classes ? "Class" : "Value class", ImGuiTableColumnFlags_WidthFixed, class_width);
    ImGui::TableSetupColumn("Rating %", ImGuiTableColumnFlags_WidthFixed, std::max(text("Rating %"), number));
    ImGui::TableSetupColumn("Allowance %", ImGuiTableColumnFlags_WidthFixed, std::max(text("Allowance %"), number));
    ImGui::TableSetupColumn("Order", ImGuiTableColumnFlags_WidthFixed, 2.0f * ImGui::GetFrameHeight() + style.ItemSpacing.x);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, text("Delete") + pad);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    header_cell("Step", "The step's name, as the walk screen shows it");
    header_cell(short_classes ? "Class" : "Value class", "Value-added (VA), necessary non-value-added (NNVA) or non-value-added (NVA)");
    const std::string rating_tip = "Performance rating, 100 % = normal pace; " + plan_range::rating_pct.text();
    header_cell("Rating %", rating_tip.c_str());
    const std::string allowance_tip = "Personal, fatigue and delay allowance; " + plan_range::allowance_pct.text();
    header_cell("Allowance %", allowance_tip.c_str());
    header_cell("Order", "Move the step up or down");
    header_cell("", "Delete a step (undo with Ctrl+Z); a step with readings stays");
    std::optional<std::size_t> move_up, remove;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        Step& step = s.steps[i];
        const std::string quoted = "“" + step.name + "”";
        ImGui::PushID(static_cast<int>(step.id));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        // Edited as a copy: rename_step decides whether it is taken.
        if (std::string name = step.name; ImGui::InputText("##name", &name)) rename_step(app, step, std::move(name));
        tooltip_if_cut(step.name);
        std::optional<std::string> changed;
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        const std::string preview = short_classes ? short_name(step.value_class) : std::string(display_name(step.value_class));
        if (ImGui::BeginCombo("##class", preview.c_str())) {
            for (ValueClass v : kValueClasses)
                if (ImGui::Selectable(std::string(display_name(v)).c_str(), v == step.value_class)) {
                    step.value_class = v;
                    changed = "value class of " + quoted;
                }
            ImGui::EndCombo();
        }
        if (short_classes && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(display_name(step.value_class)).c_str());
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        if (double rating = step.rating_pct; ImGui::InputDouble("##rating", &rating, 0, 0, "%.15g") &&
                                              accept(app, "Rating %", plan_range::rating_pct, rating)) {
            changed = "rating of " + quoted + (step.westinghouse ? " typed (its Westinghouse grades cleared)" : "");
            step.set_typed_rating(rating);
        }
        if (step.westinghouse && ImGui::IsItemHovered())
            ImGui::SetTooltip("From the Westinghouse grades: %s\nTyping a rating clears the grades.",
                              rating_breakdown_text(*step.westinghouse).c_str());
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        if (double allowance = step.allowance_pct; ImGui::InputDouble("##allowance", &allowance, 0, 0, "%.1f") &&
                                                   accept(app, "Allowance %", plan_range::allowance_pct, allowance)) {
            changed = "allowance of " + quoted + (step.allowance_items.any() ? " typed (its ILO items cleared)" : "");
            step.set_typed_allowance(allowance);
        }
        if (step.allowance_items.any() && ImGui::IsItemHovered())
            ImGui::SetTooltip("From the ILO items: %s\nTyping an allowance clears the items.",
                              allowance_breakdown_text(step.allowance_items).c_str());
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(i == 0);
        if (ImGui::ArrowButton("up", ImGuiDir_Up)) move_up = i;
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(i + 1 == s.steps.size());
        if (ImGui::ArrowButton("down", ImGuiDir_Down)) move_up = i + 1;
        ImGui::EndDisabled();
        ImGui::TableNextColumn();
        // A step with readings stays: the log refers to it (or to the queue that feeds it).
        const std::optional<std::string> stays = step_delete_problem(app, step);
        ImGui::BeginDisabled(stays.has_value());
        if (ImGui::Button("Delete")) remove = i;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", stays ? stays->c_str() : ("Delete " + quoted + " (undo with Ctrl+Z)").c_str());
        if (changed) plan_changed(app, *changed);
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (move_up) {
        std::swap(s.steps[*move_up - 1], s.steps[*move_up]);
        plan_changed(app, "move “" + s.steps[*move_up - 1].name + "” up");
    }
    if (remove) delete_step(app, *remove);
    if (ImGui::Button("Add step", ImVec2(8.0f * em(), 2.2f * em()))) {
        Step step;
        step.id = s.next_step_id();
        step.name = "Step " + std::to_string(s.steps.size() + 1);
        s.steps.push_back(step);
        plan_changed(app, "add “" + step.name + "”");
    }
    if (walk_started) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("Steps with readings cannot be deleted.");
        ImGui::PopStyleColor();
    }
}

// A percent as typed: "111 %", "12.5 %".
std::string percent_text(double pct) {
    return format_fixed(pct, std::floor(pct) == pct ? 0 : 1) + " %";
}

// A line of text that wraps at the window's edge, dimmed.
void hint(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// The Westinghouse rating helper of one step: a grade per factor, the rating they give and how.
// Returns what changed, for plan undo.
std::optional<std::string> rating_helper(Step& step, const std::string& quoted) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Rating helper (Westinghouse):");
    if (!step.westinghouse) {
        same_line_if_fits(ImGui::CalcTextSize("Rate by grades").x + 2.0f * ImGui::GetStyle().FramePadding.x);
        const bool start = ImGui::Button("Rate by grades");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Grade skill, effort, conditions, consistency A (best) to F;\nstarts at D, average: 100 %%");
        hint("The rating " + percent_text(step.rating_pct) + " was typed.");
        if (!start) return std::nullopt;
        step.set_westinghouse(WestinghouseRating{});
        return "rating of " + quoted + " by Westinghouse grades";
    }
    std::optional<std::string> changed;
    WestinghouseRating grades = *step.westinghouse;
    bool first_in_row = true;
    const float combo_width = ImGui::CalcTextSize("A1 Superskill  +0.15").x + ImGui::GetFrameHeight() +
                              2.0f * ImGui::GetStyle().FramePadding.x;
    for (WestinghouseFactor factor : kWestinghouseFactors) {
        const std::string label(display_name(factor));
        if (first_in_row) ImGui::SetNextItemWidth(combo_width);
        else next_field_in_row(combo_width, label.c_str());
        first_in_row = false;
        const auto choices = westinghouse_grades(factor);
        std::uint8_t& chosen = grades.grade[static_cast<std::size_t>(factor)];
        const auto grade_text = [](const WestinghouseGrade& g) {
            const int h = g.hundredths;
            return std::string(g.spelling) + " " + std::string(g.meaning) + "  " + (h > 0 ? "+" : h < 0 ? "\u2212" : "") +
                   format_fixed(std::abs(h) / 100.0, 2);
        };
        if (ImGui::BeginCombo(label.c_str(), grade_text(choices[chosen]).c_str())) {
            for (std::size_t g = 0; g < choices.size(); ++g)
                if (ImGui::Selectable(grade_text(choices[g]).c_str(), g == chosen) && g != chosen) {
                    chosen = static_cast<std::uint8_t>(g);
                    changed = std::string(to_string(factor)) + " grade of " + quoted;
                }
            ImGui::EndCombo();
        }
    }
    if (changed) step.set_westinghouse(grades);
    ImGui::TextWrapped("Rating: %s", rating_breakdown_text(*step.westinghouse).c_str());
    if (ImGui::Button("Clear grades")) {
        step.westinghouse.reset();
        changed = "Westinghouse grades of " + quoted + " cleared";
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the rating as if typed; typing a rating clears the grades too");
    return changed;
}

// An allowance level as a combo shows it: "Awkward (bending)  2 %"; a level named by its percent
// (atmosphere) shows it once.
std::string level_text(const AllowanceLevel& level) {
    const std::string pct = std::to_string(level.pct) + " %";
    return level.label == pct ? pct : std::string(level.label) + "  " + pct;
}

// The ILO allowance builder of one step: the allowance the items add up to and how, then an item
// per factor.
std::optional<std::string> allowance_helper(Step& step, const std::string& quoted) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Allowance helper (ILO):");
    std::optional<std::string> changed;
    if (!step.allowance_items.any()) {
        same_line_if_fits(ImGui::CalcTextSize("Start with personal + fatigue (9 %)").x + 2.0f * ImGui::GetStyle().FramePadding.x);
        if (ImGui::Button("Start with personal + fatigue (9 %)")) {
            step.set_allowance_items(AllowanceItems::constant_only());
            return "allowance of " + quoted + " by ILO items";
        }
        hint("The allowance " + percent_text(step.allowance_pct) + " was typed; choosing an item replaces it with the items' sum.");
    } else {
        ImGui::TextWrapped("Allowance: %s", allowance_breakdown_text(step.allowance_items).c_str());
        if (ImGui::Button("Clear items")) {
            step.allowance_items = {};
            return "ILO allowance items of " + quoted + " cleared";
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the allowance as if typed; typing an allowance clears the items too");
    }
    AllowanceItems items = step.allowance_items;
    // Every combo as wide as the longest level of any factor: they line up, and none is cut.
    float widest = 0.0f;
    for (const AllowanceFactorInfo& info : allowance_factors())
        for (const AllowanceLevel& level : info.levels) widest = std::max(widest, ImGui::CalcTextSize(level_text(level).c_str()).x);
    const float combo_width = widest + ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().FramePadding.x;
    bool first_in_row = true;
    for (const AllowanceFactorInfo& info : allowance_factors()) {
        ImGui::PushID(static_cast<int>(info.factor));
        std::uint8_t& level = items.level[static_cast<std::size_t>(info.factor)];
        const std::string label(info.label);
        if (info.written == AllowanceWritten::flag) {
            const std::string with_pct = label + " " + std::to_string(info.levels[0].pct) + " %";
            if (!first_in_row) same_line_if_fits(radio_width(with_pct.c_str()));
            bool on = level != 0;
            if (ImGui::Checkbox(with_pct.c_str(), &on)) {
                level = on ? 1 : 0;
                changed = label + " of " + quoted;
            }
        } else {
            if (first_in_row) ImGui::SetNextItemWidth(combo_width);
            else next_field_in_row(combo_width, label.c_str());
            const std::string preview = level == 0 ? std::string("\u2014") : level_text(info.levels[level - 1U]);
            if (ImGui::BeginCombo(label.c_str(), preview.c_str())) {
                if (ImGui::Selectable("\u2014 (none)", level == 0) && level != 0) {
                    level = 0;
                    changed = label + " of " + quoted;
                }
                for (std::size_t l = 0; l < info.levels.size(); ++l)
                    if (ImGui::Selectable(level_text(info.levels[l]).c_str(), level == l + 1) && level != l + 1) {
                        level = static_cast<std::uint8_t>(l + 1);
                        changed = label + " of " + quoted;
                    }
                ImGui::EndCombo();
            }
        }
        first_in_row = false;
        ImGui::PopID();
    }
    if (changed) step.set_allowance_items(items);
    return changed;
}

// Where each step's rating and allowance come from: one collapsed line per step, opened to pick
// Westinghouse grades and ILO allowance items (each change one plan edit, undoable).
void draw_helpers(AppState& app) {
    for (Step& step : app.doc.plan().steps) {
        ImGui::PushID(static_cast<int>(step.id));
        const std::string rating = "rating " + percent_text(step.rating_pct) +
                                   (step.westinghouse ? " from grades" : " typed");
        const std::string allowance = "allowance " + percent_text(step.allowance_pct) +
                                      (step.allowance_items.any() ? " from ILO items" : " typed");
        const std::string line = step.name + " \u00b7 " + rating + " \u00b7 " + allowance;
        const bool open = ImGui::TreeNodeEx("helpers", ImGuiTreeNodeFlags_SpanAvailWidth, "%s", line.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Rate “%s” by the Westinghouse table and build its allowance from the ILO table", step.name.c_str());
        if (open) {
            const std::string quoted = "“" + step.name + "”";
            std::optional<std::string> changed = rating_helper(step, quoted);
            ImGui::Spacing();
            if (auto allowance_changed = allowance_helper(step, quoted)) changed = allowance_changed;
            if (changed) plan_changed(app, *changed);
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
}

// What a value stream map's box carries of a step, one collapsed line per step so that the step
// table above stays as it was: who touches it, what happens, and its optional process data.
void draw_map_data(AppState& app) {
    Plan& plan = app.doc.plan();
    const float number_width = 6.0f * em();
    for (Step& step : plan.steps) {
        ImGui::PushID(static_cast<int>(step.id));
        std::string line = step.name;
        if (!step.touched_by.empty()) line += " · " + names_text(step.touched_by);
        const bool open = ImGui::TreeNodeEx("map", ImGuiTreeNodeFlags_SpanAvailWidth, "%s", line.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Who touches “%s”, what happens in it, and its process data", step.name.c_str());
        if (open) {
            std::optional<std::string> changed;
            const std::string quoted = "“" + step.name + "”";
            // Edited as text: the list is read back from it at each keystroke (ImGui keeps what is typed).
            std::string who = names_text(step.touched_by);
            if (text_field("Touched by (roles, teams, people; commas between)", who)) {
                step.touched_by = names_from_text(who);
                changed = "who touches " + quoted;
            }
            if (text_field("What happens", step.what_happens)) changed = "what happens in " + quoted;
            tooltip_if_cut(step.what_happens);
            // One number of the data box beside the last while it fits; `what` names it in messages and undo.
            bool first_in_row = true;
            const auto number = [&](const char* label, const std::string& what, auto& value, const NumberRange& range,
                                    double per_unit = 1.0) {
                if (!first_in_row) next_field_in_row(number_width, label);
                first_in_row = false;
                if (optional_number(app, (what + " of " + quoted).c_str(), label, value, range, number_width, per_unit))
                    changed = what + " of " + quoted;
            };
            number("Changeover (min)", "Changeover (minutes)", step.changeover_ms, plan_range::changeover_ms, 60000.0);
            number("Uptime %", "Uptime %", step.uptime_pct, plan_range::uptime_pct);
            number("People", "People", step.people, plan_range::people);
            number("Shifts", "Shifts", step.shifts, plan_range::shifts);
            number("Batch size", "Batch size", step.batch_size, plan_range::batch_size);
            if (changed) plan_changed(app, *changed);
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
}

// Where work waits before a step (an inventory, an inbox, a board's column): its name, the step it
// feeds and its WIP limit. A queue the walk counted stays.
void draw_queues(AppState& app) {
    Plan& plan = app.doc.plan();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = 2.0f * style.FramePadding.x;
    const float remove_width = ImGui::CalcTextSize("Remove").x + pad;
    const float limit_width = std::max(ImGui::CalcTextSize("WIP limit").x, 5.0f * em()) + pad;
    std::optional<std::size_t> remove;
    if (!plan.queues.empty() &&
        ImGui::BeginTable("queues", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Queue", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Before step", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("WIP limit", ImGuiTableColumnFlags_WidthFixed, limit_width);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, remove_width);
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        header_cell("Queue", "Where work waits: an inventory, an inbox, a column of a board");
        header_cell("Before step", "The step the queue feeds");
        const std::string limit_tip = "The most it should hold; empty: no limit; " + plan_range::wip_limit.text();
        header_cell("WIP limit", limit_tip.c_str());
        header_cell("", "Remove a queue (undo with Ctrl+Z); a queue with counts stays");
        for (std::size_t i = 0; i < plan.queues.size(); ++i) {
            Queue& queue = plan.queues[i];
            const std::string quoted = "“" + queue.name + "”";
            ImGui::PushID(static_cast<int>(queue.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (std::string name = queue.name; ImGui::InputText("##queue", &name)) rename_queue(app, queue, std::move(name));
            tooltip_if_cut(queue.name);
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            const Step* feeds = plan.find_step(queue.before_step);
            if (ImGui::BeginCombo("##before", feeds ? feeds->name.c_str() : "")) {
                for (const Step& step : plan.steps) {
                    ImGui::PushID(static_cast<int>(step.id));  // two steps may share a name
                    if (ImGui::Selectable(step.name.c_str(), step.id == queue.before_step) && step.id != queue.before_step) {
                        queue.before_step = step.id;
                        app.doc.plan_edited("step " + quoted + " feeds");
                        show(app, app.doc.finish_plan_edit());
                    }
                    ImGui::PopID();
                }
                ImGui::EndCombo();
            }
            ImGui::TableNextColumn();
            if (optional_number(app, ("WIP limit of " + quoted).c_str(), "##limit", queue.wip_limit, plan_range::wip_limit, -1.0f))
                plan_changed(app, "WIP limit of " + quoted);
            ImGui::TableNextColumn();
            const std::optional<std::string> stays = queue_remove_problem(app, queue);
            ImGui::BeginDisabled(stays.has_value());
            if (ImGui::Button("Remove")) remove = i;
            ImGui::EndDisabled();
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("%s", stays ? stays->c_str() : ("Remove " + quoted + " (undo with Ctrl+Z)").c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove) remove_queue(app, *remove);
    if (ImGui::Button("Add queue", ImVec2(8.0f * em(), 2.2f * em()))) add_queue(app);
    if (plan.queues.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, style.Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("Queues are counted on the walk: what waits before a step.");
        ImGui::PopStyleColor();
    }
}

void draw_settings(AppState& app) {
    StudySettings& st = app.doc.plan().settings;
    bool changed = false;
    const bool running = app.doc.has_walk() && !app.doc.recorder().state().running_readings().empty();
    ImGui::BeginDisabled(running);
    int mode = st.timing_mode == TimingMode::lap ? 0 : 1;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Timing:");
    changed |= radio_in_row("Lap (one control, steps in order)", &mode, 0);
    changed |= radio_in_row("Independent timers (one per step)", &mode, 1);
    st.timing_mode = mode == 0 ? TimingMode::lap : TimingMode::independent;
    ImGui::EndDisabled();

    int convention = st.allowance_convention == AllowanceConvention::on_job_time ? 0 : 1;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Allowance:");
    changed |= radio_in_row("on job time, ST = NT × (1 + A)", &convention, 0);
    changed |= radio_in_row("on the workday, ST = NT ÷ (1 − A)", &convention, 1);
    st.allowance_convention = convention == 0 ? AllowanceConvention::on_job_time : AllowanceConvention::on_workday;

    ImGui::SetNextItemWidth(8.0f * em());
    if (double confidence = st.confidence_pct; ImGui::InputDouble("Confidence %", &confidence, 0, 0, "%.2f") &&
                                               accept(app, "Confidence %", plan_range::confidence_pct, confidence)) {
        st.confidence_pct = confidence;
        changed = true;
    }
    int z_table = st.z_convention == ZConvention::table ? 0 : 1;
    changed |= radio_in_row("z from table", &z_table, 0);
    changed |= radio_in_row("exact z", &z_table, 1);
    st.z_convention = z_table == 0 ? ZConvention::table : ZConvention::exact;
    bool absolute = st.accuracy_ms.has_value();
    ImGui::BeginDisabled(absolute);
    ImGui::SetNextItemWidth(8.0f * em());
    if (double accuracy = st.accuracy_pct; ImGui::InputDouble("Accuracy ± % of the mean", &accuracy, 0, 0, "%.1f") &&
                                           accept(app, "Accuracy %", plan_range::accuracy_pct, accuracy)) {
        st.accuracy_pct = accuracy;
        changed = true;
    }
    ImGui::EndDisabled();
    same_line_if_fits(radio_width("or absolute ± seconds"));
    if (ImGui::Checkbox("or absolute ± seconds", &absolute)) {
        st.accuracy_ms = absolute ? std::optional<double>(1000.0) : std::nullopt;
        changed = true;
    }
    if (st.accuracy_ms) {
        double seconds = *st.accuracy_ms / 1000.0;
        next_field_in_row(6.0f * em(), "##accuracy_s");
        if (ImGui::InputDouble("##accuracy_s", &seconds, 0, 0, "%.2f") &&
            accept(app, "Accuracy ± seconds", plan_range::accuracy_ms, seconds * 1000.0, 1000.0)) {
            st.accuracy_ms = seconds * 1000.0;
            changed = true;
        }
    }

    int outliers = st.outlier_rule == OutlierRule::iqr_1_5 ? 0 : 1;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Flag outliers:");
    changed |= radio_in_row("beyond 1.5 IQR from the quartiles", &outliers, 0);
    changed |= radio_in_row("beyond mean ± 3 SD", &outliers, 1);
    st.outlier_rule = outliers == 0 ? OutlierRule::iqr_1_5 : OutlierRule::mean_3_sd;

    int method = static_cast<int>(st.required_cycles_method);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Required cycles:");
    changed |= radio_in_row("z, sample SD", &method, static_cast<int>(RequiredCyclesMethod::z_sample_sd));
    changed |= radio_in_row("traditional (population SD)", &method, static_cast<int>(RequiredCyclesMethod::traditional));
    changed |= radio_in_row("Student's t (n − 1 df)", &method, static_cast<int>(RequiredCyclesMethod::student_t));
    st.required_cycles_method = static_cast<RequiredCyclesMethod>(method);

    // The customer side of the map: a working day and what the customer takes in it; takt follows.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Customer:");
    double available_min = st.takt_available_ms ? static_cast<double>(*st.takt_available_ms) / 60000.0 : 0.0;
    double demand = st.takt_demand_units.value_or(0.0);
    ImGui::SetNextItemWidth(8.0f * em());
    if (ImGui::InputDouble("Working time per day (minutes, breaks excluded)", &available_min, 0, 0, "%.1f") &&
        accept(app, "Working time per day (minutes)", plan_range::takt_available_ms, available_min * 60000.0, 60000.0)) {
        st.takt_available_ms = available_min > 0 ? std::optional<std::int64_t>(static_cast<std::int64_t>(available_min * 60000.0))
                                                 : std::nullopt;
        changed = true;
    }
    ImGui::SetNextItemWidth(8.0f * em());
    if (ImGui::InputDouble("Demand per day (units)", &demand, 0, 0, "%.15g") &&
        accept(app, "Demand per day", plan_range::takt_demand_units, demand)) {
        st.takt_demand_units = demand > 0 ? std::optional<double>(demand) : std::nullopt;
        changed = true;
    }
    // Takt alone, from the settings: not the whole summary at each keystroke.
    SessionSummary takt_only;
    analysis::summarize_takt(st, takt_only);
    if (takt_only.takt_ms) {
        same_line_if_fits(ImGui::CalcTextSize("Takt: 00 min 00 s").x);
        ImGui::Text("Takt: %s", format_duration(*takt_only.takt_ms).c_str());
    } else if (st.takt_available_ms || st.takt_demand_units) {
        // One of the two: say what takt still needs (0 in a field means none).
        const char* needs = st.takt_available_ms ? "Takt needs a demand per day above 0" : "Takt needs the working time per day";
        same_line_if_fits(ImGui::CalcTextSize(needs).x);
        ImGui::TextDisabled("%s", needs);
    }
    int debounce = static_cast<int>(st.debounce_ms);
    ImGui::SetNextItemWidth(8.0f * em());
    if (ImGui::InputInt("Ignore a second tap within (ms)", &debounce) &&
        accept(app, "The second-tap window (ms)", plan_range::debounce_ms, debounce)) {
        st.debounce_ms = debounce;
        changed = true;
    }
    if (changed) plan_changed(app, "study settings");
}

}  // namespace

void draw_setup(AppState& app) {
    if (!app.doc.has_walk()) return;
    draw_plan_undo(app);
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Session");
    ImGui::PopFont();
    draw_header(app);
    // A work sampling study has subjects, categories and a schedule instead of steps.
    if (app.doc.session().study == StudyKind::work_sampling) {
        draw_sampling_setup(app);
        ImGui::Spacing();
        if (ImGui::Button("Go to the rounds", ImVec2(10.0f * em(), 2.4f * em()))) app.screen = Screen::walk;
        return;
    }
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Steps");
    ImGui::PopFont();
    draw_steps(app);
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Rating and allowance helpers");
    ImGui::PopFont();
    draw_helpers(app);
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Map data");
    ImGui::PopFont();
    draw_map_data(app);
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Queues");
    ImGui::PopFont();
    draw_queues(app);
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Study settings");
    ImGui::PopFont();
    draw_settings(app);
    ImGui::Spacing();
    if (ImGui::Button("Go to the walk", ImVec2(10.0f * em(), 2.4f * em()))) app.screen = Screen::walk;
}

}  // namespace gemba::gui
