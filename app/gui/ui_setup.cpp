// Setup: the session's header, its steps and its study settings.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/model/plan_fields.hpp"

namespace gemba::gui {
namespace {

bool text_field(const char* label, std::string& value) {
    ImGui::SetNextItemWidth(24.0f * em());
    return ImGui::InputText(label, &value);
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

bool step_has_readings(AppState& app, StepId id) {
    const std::vector<StepId>& steps = steps_in_log(app);
    return std::binary_search(steps.begin(), steps.end(), id);
}

void draw_header(AppState& app) {
    Plan& s = app.doc.plan();
    bool changed = false;
    changed |= text_field("Title", s.title);
    changed |= text_field("Process", s.process);
    changed |= text_field("Area", s.area);
    changed |= text_field("Observer", s.observer);
    ImGui::SetNextItemWidth(24.0f * em());
    changed |= ImGui::InputTextMultiline("Notes", &s.notes, ImVec2(24.0f * em(), 3.0f * em()));
    if (changed) plan_changed(app);
}

void draw_steps(AppState& app) {
    Plan& s = app.doc.plan();
    const bool walk_started = !app.doc.session().events.empty();
    if (!ImGui::BeginTable("steps", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) return;
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Value class", ImGuiTableColumnFlags_WidthFixed, 15.0f * em());
    ImGui::TableSetupColumn("Rating %", ImGuiTableColumnFlags_WidthFixed, 7.0f * em());
    ImGui::TableSetupColumn("Allowance %", ImGuiTableColumnFlags_WidthFixed, 7.0f * em());
    ImGui::TableSetupColumn("Order", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
    ImGui::TableHeadersRow();
    std::optional<std::size_t> move_up, remove;
    for (std::size_t i = 0; i < s.steps.size(); ++i) {
        Step& step = s.steps[i];
        ImGui::PushID(static_cast<int>(step.id));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        // Edited as a copy: rename_step decides whether it is taken.
        if (std::string name = step.name; ImGui::InputText("##name", &name)) rename_step(app, step, std::move(name));
        bool changed = false;
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##class", std::string(display_name(step.value_class)).c_str())) {
            for (ValueClass v : kValueClasses)
                if (ImGui::Selectable(std::string(display_name(v)).c_str(), v == step.value_class)) {
                    step.value_class = v;
                    changed = true;
                }
            ImGui::EndCombo();
        }
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        if (double rating = step.rating_pct; ImGui::InputDouble("##rating", &rating, 0, 0, "%.0f") &&
                                              accept(app, "Rating %", plan_range::rating_pct, rating)) {
            step.rating_pct = rating;
            changed = true;
        }
        ImGui::TableNextColumn();
        ImGui::SetNextItemWidth(-1);
        if (double allowance = step.allowance_pct; ImGui::InputDouble("##allowance", &allowance, 0, 0, "%.1f") &&
                                                   accept(app, "Allowance %", plan_range::allowance_pct, allowance)) {
            step.allowance_pct = allowance;
            changed = true;
        }
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(i == 0);
        if (ImGui::ArrowButton("up", ImGuiDir_Up)) move_up = i;
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(i + 1 == s.steps.size());
        if (ImGui::ArrowButton("down", ImGuiDir_Down)) move_up = i + 1;
        ImGui::EndDisabled();
        ImGui::TableNextColumn();
        // A step with readings stays: the log refers to it.
        ImGui::BeginDisabled(step_has_readings(app, step.id));
        if (ImGui::Button("Delete")) remove = i;
        ImGui::EndDisabled();
        if (changed) plan_changed(app);
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (move_up) {
        std::swap(s.steps[*move_up - 1], s.steps[*move_up]);
        plan_changed(app);
    }
    if (remove) {
        s.steps.erase(s.steps.begin() + static_cast<std::ptrdiff_t>(*remove));
        plan_changed(app);
    }
    if (ImGui::Button("Add step", ImVec2(8.0f * em(), 2.2f * em()))) {
        Step step;
        step.id = s.next_step_id();
        step.name = "Step " + std::to_string(s.steps.size() + 1);
        s.steps.push_back(step);
        plan_changed(app);
    }
    if (walk_started) {
        ImGui::SameLine();
        ImGui::TextDisabled("Steps with readings cannot be deleted.");
    }
}

void draw_settings(AppState& app) {
    StudySettings& st = app.doc.plan().settings;
    bool changed = false;
    const bool running = app.doc.has_walk() && !app.doc.recorder().state().running_readings().empty();
    ImGui::BeginDisabled(running);
    int mode = st.timing_mode == TimingMode::lap ? 0 : 1;
    ImGui::TextUnformatted("Timing:");
    ImGui::SameLine();
    changed |= ImGui::RadioButton("Lap (one control, steps in order)", &mode, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("Independent timers (one per step)", &mode, 1);
    st.timing_mode = mode == 0 ? TimingMode::lap : TimingMode::independent;
    ImGui::EndDisabled();

    int convention = st.allowance_convention == AllowanceConvention::on_job_time ? 0 : 1;
    ImGui::TextUnformatted("Allowance:");
    ImGui::SameLine();
    changed |= ImGui::RadioButton("on job time, ST = NT × (1 + A)", &convention, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("on the workday, ST = NT ÷ (1 − A)", &convention, 1);
    st.allowance_convention = convention == 0 ? AllowanceConvention::on_job_time : AllowanceConvention::on_workday;

    ImGui::SetNextItemWidth(8.0f * em());
    if (double confidence = st.confidence_pct; ImGui::InputDouble("Confidence %", &confidence, 0, 0, "%.2f") &&
                                               accept(app, "Confidence %", plan_range::confidence_pct, confidence)) {
        st.confidence_pct = confidence;
        changed = true;
    }
    ImGui::SameLine();
    int z_table = st.z_convention == ZConvention::table ? 0 : 1;
    changed |= ImGui::RadioButton("z from table", &z_table, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("exact z", &z_table, 1);
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
    ImGui::SameLine();
    if (ImGui::Checkbox("or absolute ± seconds", &absolute)) {
        st.accuracy_ms = absolute ? std::optional<double>(1000.0) : std::nullopt;
        changed = true;
    }
    if (st.accuracy_ms) {
        ImGui::SameLine();
        double seconds = *st.accuracy_ms / 1000.0;
        ImGui::SetNextItemWidth(6.0f * em());
        if (ImGui::InputDouble("##accuracy_s", &seconds, 0, 0, "%.2f") &&
            accept(app, "Accuracy ± seconds", plan_range::accuracy_ms, seconds * 1000.0, 1000.0)) {
            st.accuracy_ms = seconds * 1000.0;
            changed = true;
        }
    }

    int outliers = st.outlier_rule == OutlierRule::iqr_1_5 ? 0 : 1;
    ImGui::TextUnformatted("Flag outliers:");
    ImGui::SameLine();
    changed |= ImGui::RadioButton("beyond 1.5 IQR from the quartiles", &outliers, 0);
    ImGui::SameLine();
    changed |= ImGui::RadioButton("beyond mean ± 3 SD", &outliers, 1);
    st.outlier_rule = outliers == 0 ? OutlierRule::iqr_1_5 : OutlierRule::mean_3_sd;

    double available_min = st.takt_available_ms ? static_cast<double>(*st.takt_available_ms) / 60000.0 : 0.0;
    double demand = st.takt_demand_units.value_or(0.0);
    ImGui::SetNextItemWidth(8.0f * em());
    if (ImGui::InputDouble("Available minutes per period (breaks excluded)", &available_min, 0, 0, "%.1f") &&
        accept(app, "Available minutes", plan_range::takt_available_ms, available_min * 60000.0, 60000.0)) {
        st.takt_available_ms = available_min > 0 ? std::optional<std::int64_t>(static_cast<std::int64_t>(available_min * 60000.0))
                                                 : std::nullopt;
        changed = true;
    }
    ImGui::SetNextItemWidth(8.0f * em());
    if (ImGui::InputDouble("Demand per period (units)", &demand, 0, 0, "%.0f") &&
        accept(app, "Demand", plan_range::takt_demand_units, demand)) {
        st.takt_demand_units = demand > 0 ? std::optional<double>(demand) : std::nullopt;
        changed = true;
    }
    int debounce = static_cast<int>(st.debounce_ms);
    ImGui::SetNextItemWidth(8.0f * em());
    if (ImGui::InputInt("Ignore a second tap within (ms)", &debounce) &&
        accept(app, "The second-tap window (ms)", plan_range::debounce_ms, debounce)) {
        st.debounce_ms = debounce;
        changed = true;
    }
    if (changed) plan_changed(app);
}

}  // namespace

void draw_setup(AppState& app) {
    if (!app.doc.has_walk()) return;
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Session");
    ImGui::PopFont();
    draw_header(app);
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Steps");
    ImGui::PopFont();
    draw_steps(app);
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Study settings");
    ImGui::PopFont();
    draw_settings(app);
    ImGui::Spacing();
    if (ImGui::Button("Go to the walk", ImVec2(10.0f * em(), 2.4f * em()))) app.screen = Screen::walk;
}

}  // namespace gemba::gui
