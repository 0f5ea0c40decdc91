// Review: every reading, tag and note, with core's undoable edits (exclude/include with a reason,
// edit start/end, split, insert, delete/restore, re-tag, edit notes), and each row raised as a problem.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "app/gui/ui_sampling_summary.hpp"
#include "core/model/step_name.hpp"
#include "core/report/event_text.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {
namespace {

// A row's way into Improve: raise a problem from its event, or add it to one.
void problem_button(AppState& app, EventId id) {
    if (ImGui::Button("Problem…", ImVec2(-1, 0))) ImGui::OpenPopup("problem");
    if (ImGui::BeginPopup("problem")) {
        // Items far enough apart for a finger.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.7f * em()));
        problem_menu_items(app, Evidence{EvidenceKind::event, id, kNoStep, {}});
        ImGui::PopStyleVar();
        ImGui::EndPopup();
    }
}

// One edit dialog at a time; which reading it acts on, and its fields as typed. Times are walk-clock
// times (what the walk screen's clock showed), as text: "02:04.913", "2:04.9" or "124.9".
struct EditDialog {
    EventId target = kNoEvent;
    std::string reason;
    std::string start, end, at;
    int cycle = 1;
    StepId step = kNoStep;
    std::string error;  // why the last try was refused, shown in the dialog until the next try
};

// Enter (on the main keyboard or the keypad) confirms a dialog, Escape cancels it.
bool enter_pressed() {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
}
bool escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)); }

// A walk-clock time field with its label.
void time_field(const char* label, std::string& text) {
    ImGui::SetNextItemWidth(9.0f * em());
    ImGui::InputTextWithHint(label, "02:04.9", &text);
}

// Reads the dialog's time `text` (named `what`) on the walk clock; empty, with the dialog's error
// set, when it is not a time or lies after now.
std::optional<std::int64_t> typed_walk_time(const AppState& app, EditDialog& d, const std::string& text, const char* what) {
    const std::optional<std::int64_t> walk = parse_walk_time(text);
    if (!walk) {
        d.error = std::string(what) + ": write a time as the walk clock shows it, e.g. 02:04.9 (or 124.9 seconds)";
        return std::nullopt;
    }
    const LogState& state = app.doc.state();
    const std::int64_t now = state.walk_clock_ms(app.doc.recorder().now_ms());
    if (*walk > now) {
        d.error = std::string(what) + " " + walk_time_text(*walk) + " is later than now (" + walk_time_text(now) + ")";
        return std::nullopt;
    }
    return walk;
}

// The start and end typed in the dialog; empty, with the dialog's error set, when either is not a
// time or lies after now, or the end comes before the start.
std::optional<std::pair<std::int64_t, std::int64_t>> typed_span(const AppState& app, EditDialog& d) {
    d.error.clear();
    const auto start = typed_walk_time(app, d, d.start, "Start");
    if (!start) return std::nullopt;
    const auto end = typed_walk_time(app, d, d.end, "End");
    if (!end) return std::nullopt;
    if (*end < *start) {
        d.error = "The end " + walk_time_text(*end) + " is before the start " + walk_time_text(*start);
        return std::nullopt;
    }
    return std::pair{*start, *end};
}

// Runs one edit; when it is refused the dialog keeps core's reason to show.
bool apply_edit(AppState& app, EditDialog& d, const std::function<TapResult(Recorder&)>& action, const std::string& what) {
    const Outcome outcome = app.doc.tap(TapKind::edit, action, what);
    show(app, outcome);
    if (!outcome.done) d.error = outcome.message;
    return outcome.done;
}

// The dialog's buttons: the confirming one (also Enter, when `ready`) and Cancel (also Escape).
bool dialog_buttons(const char* confirm, bool ready) {
    const ImVec2 button(8.0f * em(), 2.2f * em());
    ImGui::BeginDisabled(!ready);
    const bool confirmed = ImGui::Button(confirm, button) || (ready && enter_pressed());
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", button) || escape_pressed()) ImGui::CloseCurrentPopup();
    return confirmed;
}

void show_error(const EditDialog& d) {
    if (d.error.empty()) return;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 26.0f * em());
    ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.1f, 1), "%s", d.error.c_str());
    ImGui::PopTextWrapPos();
}

void draw_reading_dialogs(AppState& app, EditDialog& d) {
    const Session& session = app.doc.session();
    const LogState& state = app.doc.state();
    using Side = LogState::PauseSide;
    if (ImGui::BeginPopupModal("Exclude reading", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (const Reading* r = state.find_reading(d.target)) ImGui::TextUnformatted(reading_text(session, state, *r).c_str());
        ImGui::TextUnformatted("Why is this reading foreign to the method?");
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(26.0f * em());
        ImGui::InputTextWithHint("##reason", "e.g. phone call, supervisor interrupted", &d.reason);
        show_error(d);
        if (dialog_buttons("Exclude", !d.reason.empty()))
            if (apply_edit(app, d, [&](Recorder& recorder) { return recorder.exclude(d.target, d.reason); }, "Reading excluded"))
                ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("Edit times", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const Reading* r = state.find_reading(d.target);
        if (r) ImGui::TextUnformatted(reading_text(session, state, *r).c_str());
        ImGui::TextUnformatted("Times on the walk clock");
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        time_field("Start", d.start);
        time_field("End", d.end);
        show_error(d);
        if (dialog_buttons("Apply", r != nullptr) && r) {
            if (const auto span = typed_span(app, d)) {
                const auto [start, end] = *span;
                // Only what changed becomes an edit.
                const bool start_changed = start != state.walk_clock_ms(r->start_ms);
                const bool end_changed = r->end_ms && end != state.walk_clock_ms(*r->end_ms);
                const std::int64_t start_ms = state.session_ms_at(start, Side::after);
                const std::int64_t end_ms = state.session_ms_at(end, Side::before);
                const EventId target = d.target;
                const auto set_start = [&] {
                    if (start_changed) apply_edit(app, d, [&](Recorder& rec) { return rec.set_start(target, start_ms); }, "Start changed");
                };
                const auto set_end = [&] {
                    if (end_changed) apply_edit(app, d, [&](Recorder& rec) { return rec.set_end(target, end_ms); }, "End changed");
                };
                // A reading moved later than its old end: the end first; otherwise the start first.
                if (r->end_ms && start_ms > *r->end_ms) {
                    set_end();
                    if (d.error.empty()) set_start();
                } else {
                    set_start();
                    if (d.error.empty()) set_end();
                }
                if (d.error.empty()) ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("Split reading", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const Reading* r = state.find_reading(d.target);
        if (r && r->end_ms) {
            ImGui::TextUnformatted(reading_text(session, state, *r).c_str());
            ImGui::Text("Split at a walk-clock time between %s and %s",
                        walk_time_text(state.walk_clock_ms(r->start_ms)).c_str(),
                        walk_time_text(state.walk_clock_ms(*r->end_ms)).c_str());
        }
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        time_field("##at", d.at);
        show_error(d);
        if (dialog_buttons("Split", r && r->end_ms) && r && r->end_ms) {
            d.error.clear();
            const auto at = typed_walk_time(app, d, d.at, "Split at");
            if (at && (*at <= state.walk_clock_ms(r->start_ms) || *at >= state.walk_clock_ms(*r->end_ms)))
                d.error = "Split at a time inside the reading, after its start and before its end";
            if (d.error.empty()) {
                const std::int64_t at_ms = state.session_ms_at(*at, Side::after);
                const EventId target = d.target;
                if (apply_edit(app, d, [&](Recorder& recorder) { return recorder.split(target, at_ms); }, "Reading split"))
                    ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("Insert reading", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::SetNextItemWidth(16.0f * em());
        // No step chosen yet: the missing mark, not "no step running".
        const std::string chosen = d.step == kNoStep ? std::string(kMissingMark) : step_name(session, d.step);
        if (ImGui::BeginCombo("Step", chosen.c_str())) {
            for (const Step& s : session.steps)
                if (ImGui::Selectable(s.name.c_str(), s.id == d.step)) d.step = s.id;
            ImGui::EndCombo();
        }
        ImGui::SetNextItemWidth(9.0f * em());
        ImGui::InputInt("Cycle", &d.cycle);
        d.cycle = std::max(d.cycle, 1);
        ImGui::TextUnformatted("Times on the walk clock");
        time_field("Start", d.start);
        time_field("End", d.end);
        show_error(d);
        if (dialog_buttons("Insert", d.step != kNoStep)) {
            // What was typed stays in the dialog when it is refused.
            if (const auto span = typed_span(app, d)) {
                const std::int64_t start_ms = state.session_ms_at(span->first, Side::after);
                const std::int64_t end_ms = state.session_ms_at(span->second, Side::before);
                if (apply_edit(app, d, [&](Recorder& recorder) { return recorder.insert_reading(d.step, d.cycle, start_ms, end_ms); },
                               "Reading inserted"))
                    ImGui::CloseCurrentPopup();
            }
        }
        ImGui::EndPopup();
    }
}

// The insert dialog, filled in with the gap after `after` (or after the last reading) on the walk clock.
EditDialog insert_dialog(const AppState& app, StepId step, const Reading* after) {
    const LogState& state = app.doc.state();
    EditDialog d;
    d.step = step;
    d.cycle = static_cast<int>(after ? after->cycle : state.current_cycle());
    const TimeSpan gap = gap_after(state, after, app.doc.recorder().now_ms());
    d.start = walk_time_field_text(state.walk_clock_ms(gap.start_ms));
    d.end = walk_time_field_text(state.walk_clock_ms(gap.end_ms));
    return d;
}

// The rows of the readings list (indices into LogState::readings()) for `step`, in the order of
// the table's sort column (-1: log order), rebuilt only when the session, the step or the sort
// changed. A running reading sorts by its duration at that moment.
const std::vector<std::size_t>& reading_rows(AppState& app, StepId step, int sort_column, bool ascending) {
    ReviewRows& cache = app.review_rows;
    if (cache.revision == app.doc.revision() && cache.step == step && cache.sort_column == sort_column &&
        cache.ascending == ascending)
        return cache.rows;
    cache = ReviewRows{app.doc.revision(), step, sort_column, ascending, {}};
    const LogState& state = app.doc.recorder().state();
    const std::vector<Reading>& readings = state.readings();
    for (std::size_t i = 0; i < readings.size(); ++i)
        if (step == kNoStep || readings[i].step == step) cache.rows.push_back(i);
    if (sort_column < 0) return cache.rows;
    const std::int64_t now = app.doc.recorder().now_ms();
    std::vector<std::int64_t> keys(readings.size());  // the sort column's value, per reading
    for (std::size_t i : cache.rows) {
        const Reading& r = readings[i];
        switch (sort_column) {
            case 0: keys[i] = r.step; break;
            case 1: keys[i] = r.cycle; break;
            case 2: keys[i] = r.start_ms; break;  // a split's second half right after its first
            case 3: keys[i] = state.duration_ms(r, now); break;
            default: keys[i] = r.id; break;
        }
    }
    const auto before = [&](std::size_t a, std::size_t b) { return ascending ? keys[a] < keys[b] : keys[a] > keys[b]; };
    // By start (the default) the log's order nearly always is the order already: no sort then.
    if (!std::is_sorted(cache.rows.begin(), cache.rows.end(), before))
        std::stable_sort(cache.rows.begin(), cache.rows.end(), before);
    return cache.rows;
}

void draw_readings(AppState& app, const ReviewView& view, const std::vector<EventId>& outliers) {
    static EditDialog dialog;
    const Session& session = app.doc.session();
    const Recorder& rec = app.doc.recorder();
    const LogState& state = rec.state();
    // Last frame's sort until the table says otherwise: the count does not depend on it.
    const std::vector<std::size_t>* rows =
        &reading_rows(app, view.step, app.review_rows.sort_column, app.review_rows.ascending);

    const char* open_popup = nullptr;
    if (ImGui::Button("Insert a reading", ImVec2(10.0f * em(), 2.2f * em()))) {
        dialog = insert_dialog(app, view.step != kNoStep ? view.step : (session.steps.empty() ? kNoStep : session.steps.front().id), nullptr);
        open_popup = "Insert reading";
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu readings", rows->size());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Excluded readings stay in the file with their reason; deleted ones can be restored.");

    // No horizontal scrolling: the step column takes what the others leave, so every column stays
    // on screen down to about 40 em (800 px at 100 %, 1280 px at 150 %).
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
    if (ImGui::BeginTable("readings", 6, flags)) {
        ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Cycle", ImGuiTableColumnFlags_WidthFixed, 3.5f * em());
        ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, 4.5f * em());
        ImGui::TableSetupColumn("Duration", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 7.0f * em());
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 4.0f * em());
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();

        if (const ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0)
            rows = &reading_rows(app, view.step, sort->Specs[0].ColumnIndex,
                                 sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending);

        ImGuiListClipper clipper;  // thousands of rows: draw only the visible ones
        clipper.Begin(static_cast<int>(rows->size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                const Reading& r = state.readings()[(*rows)[static_cast<std::size_t>(row)]];
                ImGui::PushID(static_cast<int>(r.id));
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(step_name(session, r.step).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(r.cycle));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(walk_time_text(state.walk_clock_ms(r.start_ms)).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_duration(static_cast<double>(state.duration_ms(r, rec.now_ms()))).c_str());
                ImGui::TableNextColumn();
                const LogStatus status = reading_status(r);
                const std::string word(to_string(status));
                if (status == LogStatus::deleted) ImGui::TextDisabled("%s", word.c_str());
                else if (status == LogStatus::running) ImGui::TextUnformatted(word.c_str());
                else if (status == LogStatus::excluded) {
                    ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.1f, 1), "%s: %s", word.c_str(), r.exclude_reason.c_str());
                    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Excluded: %s", r.exclude_reason.c_str());
                } else if (std::binary_search(outliers.begin(), outliers.end(), r.id)) {
                    ImGui::TextColored(ImVec4(0.8f, 0.5f, 0.0f, 1), "outlier?");
                    if (ImGui::IsItemHovered())
                        ImGui::SetTooltip("A possible outlier: far from the step's other readings by the session's outlier rule.\n"
                                          "Exclude it with a reason if it is foreign to the method.");
                } else ImGui::TextUnformatted(r.manual ? (word + " (manual)").c_str() : word.c_str());
                ImGui::TableNextColumn();
                // The row's edits in one menu: one narrow column instead of six buttons.
                if (ImGui::Button("Edit", ImVec2(-1, 0))) ImGui::OpenPopup("row");
                if (ImGui::BeginPopup("row")) {
                    // Items far enough apart for a finger.
                    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.7f * em()));
                    ImGui::TextDisabled("%s", reading_text(session, state, r).c_str());
                    const bool editable = !r.removed && !r.running();
                    if (r.excluded) {
                        if (ImGui::MenuItem("Include", nullptr, false, editable))
                            edit(app, [&](Recorder& recorder) { return recorder.include(r.id); }, "Reading included");
                    } else if (ImGui::MenuItem("Exclude…", nullptr, false, editable)) {
                        dialog = EditDialog{};
                        dialog.target = r.id;
                        open_popup = "Exclude reading";
                    }
                    if (ImGui::MenuItem("Edit times…", nullptr, false, editable)) {
                        dialog = EditDialog{};
                        dialog.target = r.id;
                        dialog.start = walk_time_field_text(state.walk_clock_ms(r.start_ms));
                        dialog.end = walk_time_field_text(state.walk_clock_ms(r.end_ms.value_or(r.start_ms)));
                        open_popup = "Edit times";
                    }
                    if (ImGui::MenuItem("Split…", nullptr, false, editable)) {
                        dialog = EditDialog{};
                        dialog.target = r.id;
                        const std::int64_t start = state.walk_clock_ms(r.start_ms), end = state.walk_clock_ms(r.end_ms.value_or(r.start_ms));
                        dialog.at = walk_time_field_text(start + (end - start) / 2);
                        open_popup = "Split reading";
                    }
                    if (ImGui::MenuItem("Insert a reading after it…", nullptr, false, !r.running())) {
                        dialog = insert_dialog(app, r.step, &r);
                        open_popup = "Insert reading";
                    }
                    ImGui::Separator();
                    problem_menu_items(app, Evidence{EvidenceKind::event, r.id, kNoStep, {}});
                    ImGui::Separator();
                    if (r.removed) {
                        if (ImGui::MenuItem("Restore")) edit(app, [&](Recorder& recorder) { return recorder.restore(r.id); }, "Reading restored");
                    } else if (ImGui::MenuItem("Delete", nullptr, false, !r.running())) {
                        edit(app, [&](Recorder& recorder) { return recorder.remove(r.id); }, "Reading deleted");
                    }
                    ImGui::PopStyleVar();
                    ImGui::EndPopup();
                }
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (open_popup) ImGui::OpenPopup(open_popup);
    draw_reading_dialogs(app, dialog);
}

void draw_tags(AppState& app) {
    const Session& session = app.doc.session();
    const Recorder& rec = app.doc.recorder();
    const LogState& state = rec.state();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("tags", 7, flags)) return;
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, 4.5f * em());
    ImGui::TableSetupColumn("Waste", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Duration", ImGuiTableColumnFlags_WidthFixed, 4.5f * em());
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
    ImGui::TableSetupColumn("##problem", ImGuiTableColumnFlags_WidthFixed, 5.5f * em());
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.tags().size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const WasteTag t = state.tags()[static_cast<std::size_t>(row)];  // a copy: edits rebuild the list
            ImGui::PushID(static_cast<int>(t.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(walk_time_text(state.walk_clock_ms(t.start_ms)).c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            ImGui::BeginDisabled(t.removed);
            if (ImGui::BeginCombo("##waste", std::string(display_name(t.waste)).c_str())) {
                for (Waste w : kWastes)
                    if (ImGui::Selectable(std::string(display_name(w)).c_str(), w == t.waste) && w != t.waste)
                        edit(app, [&](Recorder& recorder) { return recorder.retag(t.id, w, t.step); }, "Waste re-tagged");
                ImGui::EndCombo();
            }
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            if (ImGui::BeginCombo("##step", step_name(session, t.step).c_str())) {
                if (ImGui::Selectable(step_name(session, kNoStep).c_str(), t.step == kNoStep) && t.step != kNoStep)
                    edit(app, [&](Recorder& recorder) { return recorder.retag(t.id, t.waste, kNoStep); }, "Waste re-tagged");
                for (const Step& s : session.steps)
                    if (ImGui::Selectable(s.name.c_str(), s.id == t.step) && s.id != t.step)
                        edit(app, [&](Recorder& recorder) { return recorder.retag(t.id, t.waste, s.id); }, "Waste re-tagged");
                ImGui::EndCombo();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(t.timed ? format_duration(static_cast<double>(state.duration_ms(t, rec.now_ms()))).c_str() : "instant");
            ImGui::TableNextColumn();
            std::string note = t.note;
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("##note", &note);
            if (ImGui::IsItemDeactivatedAfterEdit() && note != t.note) edit(app, [&](Recorder& recorder) { return recorder.edit_note(t.id, note); }, "Note edited");
            ImGui::EndDisabled();
            ImGui::TableNextColumn();
            if (t.removed) {
                if (ImGui::Button("Restore")) edit(app, [&](Recorder& recorder) { return recorder.restore(t.id); }, "Tag restored");
            } else {
                ImGui::BeginDisabled(t.running());
                if (ImGui::Button("Delete")) edit(app, [&](Recorder& recorder) { return recorder.remove(t.id); }, "Tag deleted");
                ImGui::EndDisabled();
            }
            ImGui::TableNextColumn();
            problem_button(app, t.id);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void draw_notes(AppState& app) {
    const Recorder& rec = app.doc.recorder();
    const LogState& state = rec.state();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("notes", 5, flags)) return;
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, 4.5f * em());
    ImGui::TableSetupColumn("On", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
    ImGui::TableSetupColumn("##problem", ImGuiTableColumnFlags_WidthFixed, 5.5f * em());
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.notes().size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Note n = state.notes()[static_cast<std::size_t>(row)];  // a copy: edits rebuild the list
            ImGui::PushID(static_cast<int>(n.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(walk_time_text(state.walk_clock_ms(n.t_ms)).c_str());
            ImGui::TableNextColumn();
            const std::string on = n.target == kNoEvent ? std::string("the session") : item_text(app.doc.session(), state, n.target);
            ImGui::TextUnformatted(on.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", on.c_str());
            ImGui::TableNextColumn();
            std::string text = n.text;
            ImGui::BeginDisabled(n.removed);
            ImGui::SetNextItemWidth(-1);
            ImGui::InputText("##text", &text);
            if (ImGui::IsItemDeactivatedAfterEdit() && text != n.text) edit(app, [&](Recorder& recorder) { return recorder.edit_note(n.id, text); }, "Note edited");
            ImGui::EndDisabled();
            ImGui::TableNextColumn();
            if (n.removed) {
                if (ImGui::Button("Restore")) edit(app, [&](Recorder& recorder) { return recorder.restore(n.id); }, "Note restored");
            } else if (ImGui::Button("Delete")) {
                edit(app, [&](Recorder& recorder) { return recorder.remove(n.id); }, "Note deleted");
            }
            ImGui::TableNextColumn();
            problem_button(app, n.id);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// The queues' counts as taken on the walk, in order (an undone count is not listed: the walk's
// Undo takes one back), each with the queue's WIP limit and whether it was over.
void draw_counts(AppState& app) {
    const Session& session = app.doc.session();
    const LogState& state = app.doc.state();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("counts", 5, flags)) return;
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, 4.5f * em());
    ImGui::TableSetupColumn("Queue", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableSetupColumn("Count", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
    ImGui::TableSetupColumn("WIP limit", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("##problem", ImGuiTableColumnFlags_WidthFixed, 5.5f * em());
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.queue_counts().size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const QueueCount& c = state.queue_counts()[static_cast<std::size_t>(row)];
            const Queue* queue = session.find_queue(c.queue);
            ImGui::PushID(static_cast<int>(c.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(walk_time_text(state.walk_clock_ms(c.t_ms)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(queue ? queue->name.c_str() : "");
            ImGui::TableNextColumn();
            ImGui::Text("%lld", static_cast<long long>(c.count));
            ImGui::TableNextColumn();
            if (queue && queue->wip_limit) {
                const bool over = c.count > *queue->wip_limit;
                ImGui::Text("%lld%s", static_cast<long long>(*queue->wip_limit), over ? "  OVER the limit" : "");
            }
            ImGui::TableNextColumn();
            problem_button(app, c.id);
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace

void draw_review(AppState& app) {
    if (!app.doc.has_walk()) return;
    if (app.doc.session().study == StudyKind::work_sampling) return draw_sampling_review(app);
    ReviewView& view = app.review;
    // Step counts and outliers: nothing here depends on now.
    const SessionSummary& summary = current_summary(app, /*refresh_live=*/false);
    const std::vector<EventId>& outliers = app.summary_cache.outliers;  // sorted, of that summary
    // What to list, in one combo above the list: the list gets the whole width.
    const LogState& state = app.doc.state();
    std::string shown = "All readings";
    if (view.list == ReviewList::tags) shown = "Waste tags (" + std::to_string(state.tags().size()) + ")";
    else if (view.list == ReviewList::notes) shown = "Notes (" + std::to_string(state.notes().size()) + ")";
    else if (view.list == ReviewList::counts) shown = "Queue counts (" + std::to_string(state.queue_counts().size()) + ")";
    else if (view.step != kNoStep)
        for (const StepSummary& s : summary.steps)
            if (s.step == view.step) shown = s.name + " (" + std::to_string(s.stats.n) + ")";
    ImGui::SetNextItemWidth(std::min(16.0f * em(), ImGui::GetContentRegionAvail().x * 0.5f));
    if (ImGui::BeginCombo("Show", shown.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("All readings", view.list == ReviewList::readings && view.step == kNoStep))
            view = ReviewView{ReviewList::readings, kNoStep};
        for (const StepSummary& s : summary.steps) {
            const std::string label = s.name + " (" + std::to_string(s.stats.n) + ")##" + std::to_string(s.step);
            if (ImGui::Selectable(label.c_str(), view.list == ReviewList::readings && view.step == s.step))
                view = ReviewView{ReviewList::readings, s.step};
        }
        ImGui::Separator();
        if (ImGui::Selectable(("Waste tags (" + std::to_string(state.tags().size()) + ")").c_str(), view.list == ReviewList::tags))
            view.list = ReviewList::tags;
        if (ImGui::Selectable(("Notes (" + std::to_string(state.notes().size()) + ")").c_str(), view.list == ReviewList::notes))
            view.list = ReviewList::notes;
        if (!app.doc.session().queues.empty() &&
            ImGui::Selectable(("Queue counts (" + std::to_string(state.queue_counts().size()) + ")").c_str(),
                              view.list == ReviewList::counts))
            view.list = ReviewList::counts;
        ImGui::EndCombo();
    }
    ImGui::BeginChild("review-list", ImVec2(0, 0), false);
    switch (view.list) {
        case ReviewList::readings: draw_readings(app, view, outliers); break;
        case ReviewList::tags: draw_tags(app); break;
        case ReviewList::notes: draw_notes(app); break;
        case ReviewList::counts: draw_counts(app); break;
    }
    ImGui::EndChild();
}

}  // namespace gemba::gui
