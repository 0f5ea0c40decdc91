// Setup of a work sampling study: who is observed (subjects), what they can be seen doing
// (categories), the target and the standard-time data, and when to look (the schedule and its
// rounds). Every control is one edit of core/study/sampling_edits.hpp, made through sampling_edit.
#include "app/gui/ui_sampling_setup.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/sampling_setup_actions.hpp"
#include "app/gui/ui_common.hpp"
#include "core/model/plan_fields.hpp"

namespace gemba::gui {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

std::string quoted(const std::string& name) { return "“" + name + "”"; }

void same_line_if_fits(float width) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float button_width(const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x; }

// A finger-sized button, on the line of the item before it while it fits.
bool big_button(const char* label, bool first_in_row = true) {
    const ImVec2 size(std::max(8.0f * em(), button_width(label)), 2.2f * em());
    if (!first_in_row) same_line_if_fits(size.x);
    return ImGui::Button(label, size);
}

void hint(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void warning(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void header_cell(const char* label, const char* tooltip) {
    ImGui::TableNextColumn();
    ImGui::TableHeader(label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
}

// Up and down arrows of a list's row; sets `move` to (index, up).
void order_buttons(std::size_t index, std::size_t size, std::optional<std::pair<std::size_t, bool>>& move) {
    ImGui::BeginDisabled(index == 0);
    if (ImGui::ArrowButton("up", ImGuiDir_Up)) move = std::pair{index, true};
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(index + 1 == size);
    if (ImGui::ArrowButton("down", ImGuiDir_Down)) move = std::pair{index, false};
    ImGui::EndDisabled();
}

// A Remove button, disabled with the reason in its tooltip when the row stays.
bool remove_button(const std::optional<std::string>& stays, const std::string& name) {
    ImGui::BeginDisabled(stays.has_value());
    const bool pressed = ImGui::Button("Remove");
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", stays ? stays->c_str() : ("Remove " + quoted(name) + " (undo with Ctrl+Z)").c_str());
    return pressed;
}

// ============================================================================================
// Subjects
// ============================================================================================

void draw_subjects(AppState& app) {
    Plan& plan = app.doc.plan();
    const std::vector<Event>& log = app.doc.session().events;
    const std::vector<SamplingSubject>& subjects = plan.sampling.subjects;
    const float order_width = 2.0f * ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.x;
    std::optional<std::pair<std::size_t, bool>> move;
    std::optional<std::size_t> remove;
    if (!subjects.empty() && ImGui::BeginTable("subjects", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Subject", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Order", ImGuiTableColumnFlags_WidthFixed, order_width);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, button_width("Remove"));
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        header_cell("Subject", "Who or what is observed at each round: a person, a machine, a desk");
        header_cell("Order", "Move the subject up or down: the round screen lists them in this order");
        header_cell("", "Remove a subject (undo with Ctrl+Z); one with observations stays");
        for (std::size_t i = 0; i < subjects.size(); ++i) {
            const SamplingSubject subject = subjects[i];
            ImGui::PushID(static_cast<int>(subject.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (std::string name = subject.name; ImGui::InputText("##name", &name))
                sampling_edit(app, rename_subject(plan, log, i, std::move(name)), "name of " + quoted(subject.name), false);
            ImGui::TableNextColumn();
            order_buttons(i, subjects.size(), move);
            ImGui::TableNextColumn();
            const std::int64_t seen = observations_of_subject(log, subject.id);
            const std::optional<std::string> stays =
                seen > 0 ? std::optional<std::string>(quoted(subject.name) + " has " + std::to_string(seen) +
                                                      (seen == 1 ? " observation" : " observations") + ": it stays")
                         : std::nullopt;
            if (remove_button(stays, subject.name)) remove = i;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (move) {
        const std::string name = subjects[move->first].name;
        sampling_edit(app, move_subject(plan, log, move->first, move->second), "move " + quoted(name) + (move->second ? " up" : " down"), true);
    }
    if (remove) {
        const std::string name = subjects[*remove].name;
        sampling_edit(app, remove_subject(plan, log, *remove), "remove " + quoted(name), true);
    }
    if (big_button("Add subject")) sampling_edit(app, add_subject(plan, log), "add a subject", true);
}

// ============================================================================================
// Categories
// ============================================================================================

const char* short_name(ValueClass v) {
    switch (v) {
        case ValueClass::value_added: return "VA";
        case ValueClass::necessary_non_value_added: return "NNVA";
        case ValueClass::non_value_added: return "NVA";
    }
    return "";
}

void draw_categories(AppState& app) {
    Plan& plan = app.doc.plan();
    const std::vector<Event>& log = app.doc.session().events;
    const std::vector<SamplingCategory>& categories = plan.sampling.categories;
    const ImGuiStyle& style = ImGui::GetStyle();
    const auto text = [](const char* t) { return ImGui::CalcTextSize(t).x; };
    const float pad = 2.0f * style.FramePadding.x;
    const float combo_extra = pad + ImGui::GetFrameHeight();
    const float order_width = 2.0f * ImGui::GetFrameHeight() + style.ItemSpacing.x;
    const float key_width = std::max(text("Key"), text("W") + pad) + pad;
    const float absent_width = std::max(text("Absent"), ImGui::GetFrameHeight());
    const float fixed = key_width + absent_width + order_width + button_width("Remove") + 14.0f * style.CellPadding.x;
    // Narrow, the value class shows as VA / NNVA / NVA (its full name in the tooltip).
    const float full_class = text("Non-value-added") + combo_extra;
    const float waste_width = text("Non-utilized talent") + combo_extra;
    const bool short_classes = ImGui::GetContentRegionAvail().x - fixed - full_class - waste_width < 10.0f * em();
    const float class_width = short_classes ? std::max(text("Class"), text("NNVA") + combo_extra) : full_class;
    std::optional<std::pair<std::size_t, bool>> move;
    std::optional<std::size_t> remove;
    if (!categories.empty() && ImGui::BeginTable("categories", 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Category", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(short_classes ? "Class" : "Value class", ImGuiTableColumnFlags_WidthFixed, class_width);
        ImGui::TableSetupColumn("Waste", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthFixed, key_width);
        ImGui::TableSetupColumn("Absent", ImGuiTableColumnFlags_WidthFixed, absent_width);
        ImGui::TableSetupColumn("Order", ImGuiTableColumnFlags_WidthFixed, order_width);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, button_width("Remove"));
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        header_cell("Category", "What a subject can be seen doing");
        header_cell(short_classes ? "Class" : "Value class", "Value-added (VA), necessary non-value-added (NNVA) or non-value-added (NVA)");
        header_cell("Waste", "The lean waste it is, if any");
        header_cell("Key", "The key that tallies it on the round screen: 0-9 or A-Z, or none");
        header_cell("Absent", "Absent / not observable: tallied, but left out of the shares");
        header_cell("Order", "Move the category up or down");
        header_cell("", "Remove a category (undo with Ctrl+Z); one with observations stays");
        for (std::size_t i = 0; i < categories.size(); ++i) {
            const SamplingCategory category = categories[i];
            const std::string name = quoted(category.name);
            ImGui::PushID(static_cast<int>(category.id));
            ImGui::TableNextRow();
            std::optional<SamplingCategory> changed;
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (std::string typed = category.name; ImGui::InputText("##name", &typed)) {
                SamplingStudy study = plan.sampling;
                study.categories[i].name = std::move(typed);
                if (study.categories[i].name.empty()) show(app, "Not changed: a category's name cannot be empty", true);
                else sampling_edit(app, change_study(plan, log, std::move(study)), "name of " + name, false);
            }
            if (ImGui::IsItemHovered() && !ImGui::IsItemActive() &&
                ImGui::CalcTextSize(category.name.c_str()).x > ImGui::GetItemRectSize().x - 2.0f * style.FramePadding.x)
                ImGui::SetTooltip("%s", category.name.c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            const std::string preview = short_classes ? short_name(category.value_class) : std::string(display_name(category.value_class));
            if (ImGui::BeginCombo("##class", preview.c_str())) {
                for (ValueClass v : kValueClasses)
                    if (ImGui::Selectable(std::string(display_name(v)).c_str(), v == category.value_class)) {
                        changed = category;
                        changed->value_class = v;
                    }
                ImGui::EndCombo();
            }
            if (short_classes && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(display_name(category.value_class)).c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            const std::string waste = category.waste ? std::string(display_name(*category.waste)) : "none";
            if (ImGui::BeginCombo("##waste", waste.c_str())) {
                if (ImGui::Selectable("none", !category.waste)) {
                    changed = category;
                    changed->waste.reset();
                }
                for (Waste w : kWastes)
                    if (ImGui::Selectable(std::string(display_name(w)).c_str(), category.waste == w)) {
                        changed = category;
                        changed->waste = w;
                    }
                ImGui::EndCombo();
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", waste.c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (std::string key = category.key; ImGui::InputText("##key", &key, ImGuiInputTextFlags_AutoSelectAll))
                if (key.size() <= 1) sampling_edit(app, set_category_key(plan, log, i, key), "key of " + name, false);
            ImGui::TableNextColumn();
            if (bool absent = category.absent; ImGui::Checkbox("##absent", &absent)) {
                changed = category;
                changed->absent = absent;
            }
            ImGui::TableNextColumn();
            order_buttons(i, categories.size(), move);
            ImGui::TableNextColumn();
            std::optional<std::string> stays;
            if (const std::int64_t seen = observations_of_category(log, category.id); seen > 0)
                stays = name + " has " + std::to_string(seen) + (seen == 1 ? " observation" : " observations") + ": it stays";
            else if (plan.sampling.target && plan.sampling.target->category == category.id)
                stays = name + " is the target's category: aim the target at another one first";
            if (remove_button(stays, category.name)) remove = i;
            if (changed) {
                SamplingStudy study = plan.sampling;
                study.categories[i] = *changed;
                sampling_edit(app, change_study(plan, log, std::move(study)), "category " + name, true);
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (move) {
        const std::string name = categories[move->first].name;
        sampling_edit(app, move_category(plan, log, move->first, move->second), "move " + quoted(name) + (move->second ? " up" : " down"), true);
    }
    if (remove) {
        const std::string name = categories[*remove].name;
        sampling_edit(app, remove_category(plan, log, *remove), "remove " + quoted(name), true);
    }
    if (big_button("Add category")) sampling_edit(app, add_category(plan, log), "add a category", true);
    const bool observed = round_events(log).observations > 0;
    ImGui::BeginDisabled(observed);
    if (big_button("Reset to the defaults", false)) sampling_edit(app, reset_categories(plan, log), "reset the categories", true);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", observed ? "Observations are recorded in these categories: they stay"
                                         : "Value-adding work (key 0), the eight wastes (keys 1-8) and absent (key 9)");
}

// ============================================================================================
// Target and standard-time data
// ============================================================================================

// A number field in the study: the typed value is taken when change_study accepts it.
bool number_field(const char* label, double& value, const char* format, float width = 0.0f) {
    ImGui::SetNextItemWidth(width > 0.0f ? width : 7.0f * em());
    return ImGui::InputDouble(label, &value, 0, 0, format);
}

void draw_target(AppState& app) {
    Plan& plan = app.doc.plan();
    const std::vector<Event>& log = app.doc.session().events;
    SamplingStudy study = plan.sampling;
    std::optional<std::string> what;
    SamplingTarget target = study.target.value_or(SamplingTarget{});
    const SamplingCategory* aimed = study.find_category(target.category);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Share of");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(16.0f * em(), ImGui::GetContentRegionAvail().x));
    if (ImGui::BeginCombo("##target", aimed ? aimed->name.c_str() : "(no target)")) {
        if (ImGui::Selectable("(no target)", !study.target)) {
            study.target.reset();
            what = "no target";
        }
        for (const SamplingCategory& category : study.categories) {
            ImGui::PushID(static_cast<int>(category.id));
            if (ImGui::Selectable(category.name.c_str(), study.target && category.id == target.category)) {
                target.category = category.id;
                study.target = target;
                what = "target on " + quoted(category.name);
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    if (study.target) {
        // "within ± 5 percentage points" or "within ± 10 % of the share": the unit follows the kind.
        int relative = target.accuracy == SamplingAccuracy::relative ? 1 : 0;
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("within ±");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(5.0f * em());
        double accuracy = target.accuracy_pct;
        if (ImGui::InputDouble(relative ? "% of the share##accuracy" : "percentage points##accuracy", &accuracy, 0, 0, "%.15g")) {
            if (accuracy > 0 && std::isfinite(accuracy)) {
                target.accuracy_pct = accuracy;
                what = "target accuracy";
            } else {
                show(app, "Not changed: the accuracy must be above 0", true);
            }
        }
        const auto radio = [&](const char* label, int choice) {
            same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x);
            if (ImGui::RadioButton(label, &relative, choice)) {
                target.accuracy = relative ? SamplingAccuracy::relative : SamplingAccuracy::absolute;
                what = "target accuracy";
            }
        };
        radio("absolute", 0);
        radio("relative", 1);
        if (what) study.target = target;
    }
    double units = study.units_produced.value_or(0.0);
    if (number_field("Units produced (0: none)", units, "%.15g")) {
        study.units_produced = units > 0 ? std::optional<double>(units) : std::nullopt;
        what = "units produced";
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("What the subjects produced over the study, for a standard time per unit");
    double rating = study.rating_pct;
    same_line_if_fits(7.0f * em() + ImGui::CalcTextSize("Rating %").x);
    if (number_field("Rating %", rating, "%.15g")) {
        study.rating_pct = rating;
        what = "rating";
    }
    double allowance = study.allowance_pct;
    same_line_if_fits(7.0f * em() + ImGui::CalcTextSize("Allowance %").x);
    if (number_field("Allowance %", allowance, "%.15g")) {
        study.allowance_pct = allowance;
        what = "allowance";
    }
    if (what) sampling_edit(app, change_study(plan, log, std::move(study)), *what, false);
}

// ============================================================================================
// Schedule
// ============================================================================================

// "12:00-12:30, 15:00-15:10" ↔ the day's breaks. Read back only when every break reads.
std::string breaks_text(const std::vector<SamplingBreak>& breaks) {
    std::string text;
    for (const SamplingBreak& b : breaks) text += (text.empty() ? "" : ", ") + b.start + "-" + b.end;
    return text;
}

std::optional<std::vector<SamplingBreak>> breaks_from_text(const std::string& text) {
    std::vector<SamplingBreak> breaks;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t comma = text.find(',', at);
        if (comma == std::string::npos) comma = text.size();
        std::string part = text.substr(at, comma - at);
        std::erase(part, ' ');
        at = comma + 1;
        if (part.empty()) continue;
        const std::size_t dash = part.find('-');
        if (dash == std::string::npos) return std::nullopt;
        SamplingBreak pause{part.substr(0, dash), part.substr(dash + 1)};
        if (!minutes_of_day(pause.start) || !minutes_of_day(pause.end)) return std::nullopt;
        breaks.push_back(std::move(pause));
    }
    return breaks;
}

std::optional<std::uint64_t> seed_from_text(const std::string& text) {
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return seed;
}

// The schedule as it stands, read-only: once rounds are taken.
void draw_schedule_read_only(const SamplingSchedule& schedule) {
    const auto minutes = [](std::int64_t ms) { return std::to_string(ms / kMinuteMs); };
    ImGui::TextWrapped("UTC offset %s. Gaps %s / %s / %s min (shortest / mean / longest). Late after %s min, skipped after %s min.",
                       schedule.utc_offset.c_str(), minutes(schedule.min_gap_ms).c_str(), minutes(schedule.mean_gap_ms).c_str(),
                       minutes(schedule.max_gap_ms).c_str(), minutes(schedule.late_after_ms).c_str(),
                       minutes(schedule.grace_ms).c_str());
    for (const SamplingDay& day : schedule.days)
        ImGui::BulletText("%s  %s-%s%s%s", day_label(day.date).c_str(), day.start.c_str(), day.end.c_str(),
                          day.breaks.empty() ? "" : day.breaks.size() == 1 ? ", break " : ", breaks ",
                          breaks_text(day.breaks).c_str());
    ImGui::Text("Seed %llu", static_cast<unsigned long long>(schedule.seed));
}

// A text field of the schedule taken when `read` makes sense of it: until then, typing goes on
// (the field keeps what is typed) and nothing changes.
template <class Read>
void schedule_text(const char* id, const std::string& value, float width, Read read) {
    ImGui::SetNextItemWidth(width);
    if (std::string typed = value; ImGui::InputText(id, &typed)) read(typed);
}

void draw_days(SamplingSchedule& schedule, std::optional<std::string>& what) {
    const auto text = [](const char* t) { return ImGui::CalcTextSize(t).x; };
    const float pad = 2.0f * ImGui::GetStyle().FramePadding.x;
    std::optional<std::size_t> remove;
    if (!schedule.days.empty() && ImGui::BeginTable("days", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn("Day", ImGuiTableColumnFlags_WidthFixed, text("Wed 30 Sep"));
        ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, text("2026-12-31") + pad + 0.5f * em());
        ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_WidthFixed, std::max(text("Start"), text("00:00") + pad));
        ImGui::TableSetupColumn("End", ImGuiTableColumnFlags_WidthFixed, std::max(text("Start"), text("00:00") + pad));
        ImGui::TableSetupColumn("Breaks", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, button_width("Remove"));
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        header_cell("Day", "The weekday of the date");
        header_cell("Date", "Year-month-day: 2026-11-30");
        header_cell("Start", "When the working day starts: 08:00");
        header_cell("End", "When it ends: 16:00");
        header_cell("Breaks", "No rounds in them; from-to, commas between: 12:00-12:30, 15:00-15:10");
        header_cell("", "Remove the day");
        for (std::size_t i = 0; i < schedule.days.size(); ++i) {
            SamplingDay& day = schedule.days[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(day_label(day.date).c_str());
            ImGui::TableNextColumn();
            schedule_text("##date", day.date, -1, [&](const std::string& typed) {
                if (is_iso8601_date(typed)) day.date = typed, what = "date of day " + std::to_string(i + 1);
            });
            ImGui::TableNextColumn();
            schedule_text("##start", day.start, -1, [&](const std::string& typed) {
                if (typed.size() == 5 && minutes_of_day(typed)) day.start = typed, what = "start of " + day_label(day.date);
            });
            ImGui::TableNextColumn();
            schedule_text("##end", day.end, -1, [&](const std::string& typed) {
                if (typed.size() == 5 && minutes_of_day(typed)) day.end = typed, what = "end of " + day_label(day.date);
            });
            ImGui::TableNextColumn();
            schedule_text("##breaks", breaks_text(day.breaks), -1, [&](const std::string& typed) {
                if (auto breaks = breaks_from_text(typed)) day.breaks = std::move(*breaks), what = "breaks of " + day_label(day.date);
            });
            ImGui::TableNextColumn();
            if (ImGui::Button("Remove")) remove = i;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove) {
        what = "remove " + day_label(schedule.days[*remove].date);
        schedule.days.erase(schedule.days.begin() + static_cast<std::ptrdiff_t>(*remove));
    }
}

// A whole number of minutes of the schedule; taken when change_study accepts it.
void minutes_field(const char* label, std::int64_t& ms, std::optional<std::string>& what, const char* name, bool first) {
    const float width = 4.0f * em();
    if (!first) same_line_if_fits(width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x);
    ImGui::SetNextItemWidth(width);
    int minutes = static_cast<int>(ms / kMinuteMs);
    if (ImGui::InputInt(label, &minutes, 0, 0) && minutes >= 0 && minutes <= 24 * 60 * 366) {
        ms = static_cast<std::int64_t>(minutes) * kMinuteMs;
        what = name;
    }
}

void draw_rounds_drawn(const Plan& plan) {
    const SamplingSchedule& schedule = *plan.sampling.schedule;
    if (schedule.rounds.empty()) {
        hint("No rounds drawn yet for these days: press Draw rounds.");
        return;
    }
    for (const DayRounds& day : rounds_by_day(schedule)) ImGui::TextWrapped("%s", day_rounds_text(day).c_str());
    if (const std::optional<std::string> against = rounds_against_target(plan)) {
        const bool enough = against->ends_with(": enough");
        if (enough) ImGui::TextWrapped("%s", against->c_str());
        else warning(*against);
    } else {
        ImGui::TextWrapped("%zu rounds in all", schedule.rounds.size());
    }
}

void draw_schedule(AppState& app) {
    Plan& plan = app.doc.plan();
    const std::vector<Event>& log = app.doc.session().events;
    if (!plan.sampling.schedule) {
        hint("No schedule yet.");
        if (big_button("Add a working day"))
            sampling_edit(app, add_next_working_day(plan, log, today(app).date), "add a working day", true);
        return;
    }
    if (const std::optional<std::string> locked = schedule_locked(log)) {
        ImGui::TextWrapped("%s.", locked->c_str());
        draw_schedule_read_only(*plan.sampling.schedule);
        draw_rounds_drawn(plan);
        return;
    }
    SamplingStudy study = plan.sampling;
    SamplingSchedule& schedule = *study.schedule;
    std::optional<std::string> what;
    bool finished = false;
    ImGui::SetNextItemWidth(6.0f * em());
    if (std::string typed = schedule.utc_offset; ImGui::InputText("UTC offset", &typed) && typed.size() == 6 && utc_offset_minutes(typed)) {
        schedule.utc_offset = typed;
        what = "UTC offset";
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The times of day below are local times at this offset: +01:00, -05:30");
    draw_days(schedule, what);
    finished = what && what->starts_with("remove");
    std::optional<std::string> add_day;
    if (big_button("Add the next working day")) add_day = "add a working day";
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The weekday after the last day, with its hours and breaks");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Gaps between rounds (min):");
    minutes_field("shortest", schedule.min_gap_ms, what, "shortest gap", false);
    minutes_field("mean", schedule.mean_gap_ms, what, "mean gap", false);
    minutes_field("longest", schedule.max_gap_ms, what, "longest gap", false);
    minutes_field("late after (min)", schedule.late_after_ms, what, "late after", true);
    minutes_field("skipped after (min)", schedule.grace_ms, what, "grace", false);

    ImGui::SetNextItemWidth(std::min(14.0f * em(), ImGui::GetContentRegionAvail().x - 6.0f * em()));
    if (std::string typed = std::to_string(schedule.seed); ImGui::InputText("Seed", &typed, ImGuiInputTextFlags_CharsDecimal)) {
        if (const std::optional<std::uint64_t> seed = seed_from_text(typed)) {
            schedule.seed = *seed;
            what = "seed";
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The same seed draws the same rounds for the same days and gaps");
    bool new_seed = false;
    if (big_button("New seed", false)) {
        schedule.seed = fresh_seed();
        what = "new seed";
        new_seed = true;
    }
    if (what) sampling_edit(app, change_study(plan, log, std::move(study)), *what, finished || new_seed);
    if (add_day) sampling_edit(app, add_next_working_day(plan, log, today(app).date), *add_day, true);

    ImGui::Spacing();
    if (big_button("Draw rounds")) sampling_edit(app, draw_rounds(plan, log), "draw the rounds", true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Random rounds for these days from the seed; drawn again, the same seed gives the same rounds");
    draw_rounds_drawn(plan);
}

}  // namespace

void draw_sampling_setup(AppState& app) {
    heading("Subjects");
    draw_subjects(app);
    heading("Categories");
    draw_categories(app);
    heading("Target and standard time");
    draw_target(app);
    heading("Schedule");
    draw_schedule(app);
}

}  // namespace gemba::gui
