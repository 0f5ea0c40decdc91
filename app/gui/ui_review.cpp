// Review: every reading, tag and note, with core's undoable edits (exclude/include with a reason,
// edit start/end, split, insert, delete/restore, re-tag, edit notes).
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/model/step_name.hpp"
#include "core/report/event_text.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {
namespace {

// Seconds typed by a person to session milliseconds.
std::int64_t to_ms(double seconds) { return static_cast<std::int64_t>(std::llround(seconds * 1000.0)); }

// One edit dialog at a time; which reading or tag it acts on, and its fields.
struct EditDialog {
    EventId target = kNoEvent;
    std::string reason;
    double start_s = 0, end_s = 0, at_s = 0;
    int cycle = 1;
    StepId step = kNoStep;
};

void draw_reading_dialogs(AppState& app, EditDialog& d) {
    const Recorder& rec = app.doc.recorder();
    const ImVec2 button(8.0f * em(), 2.2f * em());
    if (ImGui::BeginPopupModal("Exclude reading", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Why is this reading foreign to the method?");
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::SetNextItemWidth(26.0f * em());
        ImGui::InputTextWithHint("##reason", "e.g. phone call, supervisor interrupted", &d.reason);
        ImGui::BeginDisabled(d.reason.empty());
        if (ImGui::Button("Exclude", button)) {
            edit(app, [&](Recorder& recorder) { return recorder.exclude(d.target, d.reason); }, "Reading excluded");
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Cancel", button)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("Edit times", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Session time in seconds");
        ImGui::SetNextItemWidth(10.0f * em());
        ImGui::InputDouble("Start", &d.start_s, 0, 0, "%.3f");
        ImGui::SetNextItemWidth(10.0f * em());
        ImGui::InputDouble("End", &d.end_s, 0, 0, "%.3f");
        if (ImGui::Button("Apply", button)) {
            const Reading* r = rec.state().find_reading(d.target);
            if (r && to_ms(d.start_s) != r->start_ms) edit(app, [&](Recorder& recorder) { return recorder.set_start(d.target, to_ms(d.start_s)); }, "Start changed");
            if (r && r->end_ms && to_ms(d.end_s) != *r->end_ms) edit(app, [&](Recorder& recorder) { return recorder.set_end(d.target, to_ms(d.end_s)); }, "End changed");
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel", button)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("Split reading", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted("Split at session time (seconds)");
        ImGui::SetNextItemWidth(10.0f * em());
        ImGui::InputDouble("##at", &d.at_s, 0, 0, "%.3f");
        if (ImGui::Button("Split", button)) {
            edit(app, [&](Recorder& recorder) { return recorder.split(d.target, to_ms(d.at_s)); }, "Reading split");
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel", button)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (ImGui::BeginPopupModal("Insert reading", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const Session& session = app.doc.session();
        ImGui::SetNextItemWidth(16.0f * em());
        // No step chosen yet: the missing mark, not "no step running".
        const std::string chosen = d.step == kNoStep ? std::string(kMissingMark) : step_name(session, d.step);
        if (ImGui::BeginCombo("Step", chosen.c_str())) {
            for (const Step& s : session.steps)
                if (ImGui::Selectable(s.name.c_str(), s.id == d.step)) d.step = s.id;
            ImGui::EndCombo();
        }
        ImGui::SetNextItemWidth(10.0f * em());
        ImGui::InputInt("Cycle", &d.cycle);
        d.cycle = std::max(d.cycle, 1);
        ImGui::SetNextItemWidth(10.0f * em());
        ImGui::InputDouble("Start (s)", &d.start_s, 0, 0, "%.3f");
        ImGui::SetNextItemWidth(10.0f * em());
        ImGui::InputDouble("End (s)", &d.end_s, 0, 0, "%.3f");
        if (ImGui::Button("Insert", button)) {
            edit(app, [&](Recorder& recorder) { return recorder.insert_reading(d.step, d.cycle, to_ms(d.start_s), to_ms(d.end_s)); }, "Reading inserted");
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel", button)) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
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
            case 1: keys[i] = r.step; break;
            case 2: keys[i] = r.cycle; break;
            case 3: keys[i] = r.start_ms; break;
            case 4: keys[i] = state.duration_ms(r, now); break;
            default: keys[i] = r.id; break;
        }
    }
    std::stable_sort(cache.rows.begin(), cache.rows.end(),
                     [&](std::size_t a, std::size_t b) { return ascending ? keys[a] < keys[b] : keys[a] > keys[b]; });
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
        dialog = EditDialog{};
        dialog.step = view.step != kNoStep ? view.step : (session.steps.empty() ? kNoStep : session.steps.front().id);
        dialog.cycle = static_cast<int>(state.current_cycle());
        open_popup = "Insert reading";
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%zu readings. Excluded readings stay in the file with their reason; deleted ones can be restored.",
                        rows->size());

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
    if (ImGui::BeginTable("readings", 8, flags)) {
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort, 3.0f * em());
        ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthFixed, 9.0f * em());
        ImGui::TableSetupColumn("Cycle", ImGuiTableColumnFlags_WidthFixed, 3.0f * em());
        ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
        ImGui::TableSetupColumn("Duration", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
        ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 10.0f * em());
        ImGui::TableSetupColumn("Edit", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 12.5f * em());
        ImGui::TableSetupColumn("Delete", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort, 5.5f * em());
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
                ImGui::Text("%lld", static_cast<long long>(r.id));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(step_name(session, r.step).c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%lld", static_cast<long long>(r.cycle));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_duration(static_cast<double>(r.start_ms)).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_duration(static_cast<double>(state.duration_ms(r, rec.now_ms()))).c_str());
                ImGui::TableNextColumn();
                const LogStatus status = reading_status(r);
                const std::string word(to_string(status));
                if (status == LogStatus::deleted) ImGui::TextDisabled("%s", word.c_str());
                else if (status == LogStatus::running) ImGui::TextUnformatted(word.c_str());
                else if (status == LogStatus::excluded)
                    ImGui::TextColored(ImVec4(0.8f, 0.3f, 0.1f, 1), "%s: %s", word.c_str(), r.exclude_reason.c_str());
                else if (std::binary_search(outliers.begin(), outliers.end(), r.id))
                    ImGui::TextColored(ImVec4(0.8f, 0.5f, 0.0f, 1), "possible outlier");
                else ImGui::TextUnformatted(r.manual ? (word + " (manual)").c_str() : word.c_str());
                ImGui::TableNextColumn();
                ImGui::BeginDisabled(r.removed || r.running());
                if (r.excluded) {
                    if (ImGui::Button("Include")) edit(app, [&](Recorder& recorder) { return recorder.include(r.id); }, "Reading included");
                } else if (ImGui::Button("Exclude")) {
                    dialog = EditDialog{};
                    dialog.target = r.id;
                    open_popup = "Exclude reading";
                }
                ImGui::SameLine();
                if (ImGui::Button("Times")) {
                    dialog = EditDialog{};
                    dialog.target = r.id;
                    dialog.start_s = static_cast<double>(r.start_ms) / 1000.0;
                    dialog.end_s = static_cast<double>(r.end_ms.value_or(r.start_ms)) / 1000.0;
                    open_popup = "Edit times";
                }
                ImGui::SameLine();
                if (ImGui::Button("Split")) {
                    dialog = EditDialog{};
                    dialog.target = r.id;
                    dialog.at_s = static_cast<double>(r.start_ms + (r.end_ms.value_or(r.start_ms) - r.start_ms) / 2) / 1000.0;
                    open_popup = "Split reading";
                }
                ImGui::EndDisabled();
                ImGui::TableNextColumn();
                if (r.removed) {
                    if (ImGui::Button("Restore")) edit(app, [&](Recorder& recorder) { return recorder.restore(r.id); }, "Reading restored");
                } else {
                    ImGui::BeginDisabled(r.running());
                    if (ImGui::Button("Delete")) edit(app, [&](Recorder& recorder) { return recorder.remove(r.id); }, "Reading deleted");
                    ImGui::EndDisabled();
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
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 4.0f * em());
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, 6.0f * em());
    ImGui::TableSetupColumn("Waste", ImGuiTableColumnFlags_WidthFixed, 12.0f * em());
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthFixed, 10.0f * em());
    ImGui::TableSetupColumn("Duration", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 5.5f * em());
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
            ImGui::Text("%lld", static_cast<long long>(t.id));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_duration(static_cast<double>(t.start_ms)).c_str());
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
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 4.0f * em());
    ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, 6.0f * em());
    ImGui::TableSetupColumn("On", ImGuiTableColumnFlags_WidthFixed, 6.0f * em());
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 5.5f * em());
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
            ImGui::Text("%lld", static_cast<long long>(n.id));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_duration(static_cast<double>(n.t_ms)).c_str());
            ImGui::TableNextColumn();
            if (n.target == kNoEvent) ImGui::TextUnformatted("session");
            else ImGui::Text("#%lld", static_cast<long long>(n.target));
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
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace

void draw_review(AppState& app) {
    if (!app.doc.has_walk()) return;
    ReviewView& view = app.review;
    // Step counts and outliers: nothing here depends on now.
    const SessionSummary& summary = current_summary(app, /*refresh_live=*/false);
    const std::vector<EventId>& outliers = app.summary_cache.outliers;  // sorted, of that summary
    ImGui::BeginChild("review-nav", ImVec2(12.0f * em(), 0), true);
    const ImVec2 item(0, 2.0f * em());  // width 0: the whole row
    if (ImGui::Selectable("All readings", view.list == ReviewList::readings && view.step == kNoStep, 0, item))
        view = ReviewView{ReviewList::readings, kNoStep};
    for (const StepSummary& s : summary.steps) {
        const std::string label = s.name + " (" + std::to_string(s.stats.n) + ")##" + std::to_string(s.step);
        if (ImGui::Selectable(label.c_str(), view.list == ReviewList::readings && view.step == s.step, 0, item))
            view = ReviewView{ReviewList::readings, s.step};
    }
    ImGui::Separator();
    if (ImGui::Selectable(("Waste tags (" + std::to_string(app.doc.recorder().state().tags().size()) + ")").c_str(),
                          view.list == ReviewList::tags, 0, item))
        view.list = ReviewList::tags;
    if (ImGui::Selectable(("Notes (" + std::to_string(app.doc.recorder().state().notes().size()) + ")").c_str(),
                          view.list == ReviewList::notes, 0, item))
        view.list = ReviewList::notes;
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("review-list", ImVec2(0, 0), false);
    switch (view.list) {
        case ReviewList::readings: draw_readings(app, view, outliers); break;
        case ReviewList::tags: draw_tags(app); break;
        case ReviewList::notes: draw_notes(app); break;
    }
    ImGui::EndChild();
}

}  // namespace gemba::gui
