// The walk: the clock, the step control(s), the eight waste buttons, undo/redo and live numbers.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "app/gui/walk_note.hpp"
#include "core/model/step_name.hpp"
#include "core/report/columns.hpp"
#include "core/report/event_text.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {
namespace {

// A press held this long on a waste button starts or stops a timed waste instead of a tag.
constexpr float kLongPressSeconds = 0.5f;

std::string clock_text(std::int64_t ms, bool with_tenths = true) {
    const std::int64_t tenths = std::max<std::int64_t>(ms, 0) / 100;
    const std::int64_t seconds = tenths / 10, minutes = seconds / 60, hours = minutes / 60;
    char buffer[32];
    if (hours > 0)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(hours),
                      static_cast<long long>(minutes % 60), static_cast<long long>(seconds % 60));
    else if (with_tenths)
        std::snprintf(buffer, sizeof buffer, "%02lld:%02lld.%lld", static_cast<long long>(minutes),
                      static_cast<long long>(seconds % 60), static_cast<long long>(tenths % 10));
    else
        std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", static_cast<long long>(minutes),
                      static_cast<long long>(seconds % 60));
    return buffer;
}

// The times the walk screen shows. While the clock runs they move once a second, all together:
// tenths changing ten times a second cannot be read on the move, and each change costs a redrawn
// frame, which in software rendering is most of the app's power use (scripts/measure-power). Taps
// are timed to the millisecond all the same.
struct ShownTime {
    std::int64_t clock_ms = 0;  // the walk clock (observed time)
    std::int64_t now_ms = 0;    // session time the running figures are taken at
    bool whole_seconds = false;
};

ShownTime shown_time(const AppState& app, const SessionSummary& summary) {
    const std::int64_t observed = observed_now_ms(app, summary);
    if (!app.doc.clock_running()) return {observed, app.doc.recorder().now_ms(), false};
    // The moment the walk clock last passed a whole second.
    const std::int64_t past_second = observed % 1000;
    return {observed - past_second, app.doc.recorder().now_ms() - past_second, true};
}

// A running duration as shown: whole seconds while the clock runs ("12 s", "2:05", "1:02:05").
std::string running_text(std::int64_t ms, const ShownTime& shown) {
    if (!shown.whole_seconds) return format_duration(static_cast<double>(ms));
    const std::int64_t seconds = std::max<std::int64_t>(ms, 0) / 1000;
    char buffer[32];
    if (seconds >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                      static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
    else if (seconds >= 60)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", static_cast<long long>(seconds / 60),
                      static_cast<long long>(seconds % 60));
    else
        std::snprintf(buffer, sizeof buffer, "%lld s", static_cast<long long>(seconds));
    return buffer;
}

void draw_clock(AppState& app, const ShownTime& shown) {
    const Recorder& rec = app.doc.recorder();
    ImGui::PushFont(fonts().huge);
    centred_text(clock_text(shown.clock_ms, !shown.whole_seconds));
    ImGui::PopFont();

    ImGui::PushFont(fonts().large);
    std::string line;
    if (rec.state().paused()) {
        line = "PAUSED";
    } else if (const auto running = rec.state().running_readings(); !running.empty()) {
        const Reading& r = *running.back();
        line = "Cycle " + std::to_string(r.cycle) + " · " + step_name(app.doc.session(), r.step) + " · " +
               running_text(rec.state().duration_ms(r, shown.now_ms), shown);
    } else if (app.doc.session().events.empty()) {
        line = "Ready: the clock starts at the first tap";
    } else {
        line = "No step running";
    }
    centred_text(line);
    ImGui::PopFont();
}

void draw_step_controls(AppState& app, const ShownTime& shown) {
    const Recorder& rec = app.doc.recorder();
    const float width = ImGui::GetContentRegionAvail().x;
    if (app.doc.session().settings.timing_mode == TimingMode::lap) {
        std::string label = "Start";
        if (const auto upcoming = rec.upcoming_step()) {
            const bool running = rec.running_step().has_value();
            label = std::string(running ? "Next: " : "Start: ") + step_name(app.doc.session(), upcoming->first) +
                    (upcoming->second ? "  (new cycle)" : "");
        }
        ImGui::PushFont(fonts().large);
        if (coloured_button((label + "\n[" + key_hint(KeyAction::next_step) + "]##next").c_str(), ImVec2(width, 4.0f * em()),
                            ImVec4(0.13f, 0.45f, 0.75f, 1.0f)))
            pointer_tap(app, [](Recorder& r) { return r.next_step(); }, "Next step");
        ImGui::PopFont();
        return;
    }
    // Independent timers: one toggle per step, two columns, each showing its running time.
    const float button_width = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    int column = 0;
    const std::vector<Step>& steps = app.doc.session().steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        const Reading* running = rec.state().running_reading_of(step.id);
        const std::string hint = step_key_hint(i);  // none after the last key: tapped only
        std::string label = hint.empty() ? step.name : hint + "  " + step.name;
        if (running) label += "\n" + running_text(rec.state().duration_ms(*running, shown.now_ms), shown);
        label += "##step" + std::to_string(step.id);
        const ImVec4 colour = running ? ImVec4(0.13f, 0.55f, 0.25f, 1.0f) : ImVec4(0.55f, 0.58f, 0.62f, 1.0f);
        if (column == 1) ImGui::SameLine();
        if (coloured_button(label.c_str(), ImVec2(button_width, 3.0f * em()), colour))
            pointer_tap(app, [&](Recorder& r) { return r.toggle_step(step.id); }, step.name);
        column = 1 - column;
    }
}

void draw_walk_buttons(AppState& app) {
    const Recorder& rec = app.doc.recorder();
    const float width = ImGui::GetContentRegionAvail().x;
    const float w = (width - 4 * ImGui::GetStyle().ItemSpacing.x) / 5.0f;
    const ImVec2 size(w, 2.5f * em());
    const bool paused = rec.state().paused();
    if (ImGui::Button(with_key_hint(paused ? "Resume" : "Pause", KeyAction::toggle_pause).c_str(), size))
        pointer_tap(app, [](Recorder& r) { return r.toggle_pause(); }, paused ? "Resumed" : "Paused");
    ImGui::SameLine();
    if (app.doc.session().settings.timing_mode == TimingMode::lap) {
        // Ends the step without starting the next: the gap until the next tap counts as waiting.
        ImGui::BeginDisabled(!rec.running_step());
        if (ImGui::Button("Stop step", size)) pointer_tap(app, [](Recorder& r) { return r.stop_step(); }, "Step stopped");
        ImGui::EndDisabled();
    } else if (ImGui::Button("New cycle", size)) {
        pointer_tap(app, [](Recorder& r) { return r.new_cycle(); }, "New cycle");
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(!rec.can_undo());
    if (ImGui::Button(with_key_hint("Undo", KeyAction::undo).c_str(), size)) edit(app, [](Recorder& r) { return r.undo(); }, "Undone");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!rec.can_redo());
    if (ImGui::Button(with_key_hint("Redo", KeyAction::redo).c_str(), size)) edit(app, [](Recorder& r) { return r.redo(); }, "Redone");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(with_key_hint("Note", KeyAction::note).c_str(), size)) open_note(app);
}

void draw_waste_buttons(AppState& app, const SessionSummary& summary, const ShownTime& shown) {
    const Recorder& rec = app.doc.recorder();
    const SessionFacts& facts = session_facts(app);  // after this frame's taps: its indices are current
    static int long_pressed = -1;  // visual gesture state: the button whose long press already fired
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 size((avail.x - style.ItemSpacing.x) * 0.5f, (avail.y - 3 * style.ItemSpacing.y) / 4.0f);
    for (std::size_t i = 0; i < kWastes.size(); ++i) {
        const Waste waste = kWastes[i];
        std::size_t count = 0;
        for (const WasteCount& wc : summary.waste_pareto)
            if (wc.waste == waste) count = wc.count;
        std::string label = key_hint(KeyAction::tag_waste, i) + "  " + std::string(display_name(waste)) + "\n× " + std::to_string(count);
        if (const auto running = facts.running_timed_tag[i]) {
            const WasteTag& tag = rec.state().tags()[*running];
            label += "   ● " + running_text(rec.state().duration_ms(tag, shown.now_ms), shown);
        }
        label += "##waste" + std::to_string(i);
        if (i % 2 == 1) ImGui::SameLine();
        // The large font when the name fits, the regular one for long names on narrow windows.
        ImGui::PushFont(fonts().large);
        const float text_width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
        ImGui::PopFont();
        ImGui::PushFont(text_width + 2.0f * style.FramePadding.x <= size.x ? fonts().large : fonts().regular);
        const bool clicked = coloured_button(label.c_str(), size, to_imgui(waste_colour(waste)));
        ImGui::PopFont();
        const bool held_long = ImGui::IsItemActive() && ImGui::GetIO().MouseDownDuration[0] >= kLongPressSeconds;
        if (held_long && long_pressed != static_cast<int>(i)) {
            long_pressed = static_cast<int>(i);
            pointer_tap(app, [&](Recorder& r) { return r.toggle_timed_waste(waste); },
                        std::string(display_name(waste)) + " (timed)");
        }
        if (clicked) {
            if (long_pressed == static_cast<int>(i)) long_pressed = -1;
            else pointer_tap(app, [&](Recorder& r) { return r.tag_waste(waste); }, std::string(display_name(waste)));
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Tap: %s now (key %s). Hold, or %s: start/stop a timed %s.",
                              std::string(display_name(waste)).c_str(), key_hint(KeyAction::tag_waste, i).c_str(),
                              key_hint(KeyAction::toggle_timed_waste, i).c_str(), std::string(display_name(waste)).c_str());
    }
}

void draw_live_table(AppState& app, const SessionSummary& summary) {
    const SessionFacts& facts = session_facts(app);
    const float rows_height = ImGui::GetFrameHeightWithSpacing() * static_cast<float>(summary.steps.size() + 1);
    const float height = std::min(rows_height, ImGui::GetContentRegionAvail().y * 0.6f);
    if (!ImGui::BeginTable("live", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                           ImVec2(0, height)))
        return;
    const auto column = [](StepField field, float width_em) {
        const std::string label(step_column(field).label);
        if (width_em == 0) ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch);
        else ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthFixed, width_em * em());
    };
    column(StepField::name, 0);
    column(StepField::valid_n, 3.0f);
    column(StepField::mean, 5.0f);
    ImGui::TableSetupColumn("Last", ImGuiTableColumnFlags_WidthFixed, 5.0f * em());  // not a statistic: the latest reading
    column(StepField::more_cycles, 6.0f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    const auto cell = [](StepField field, const StepSummary& s) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(text_cell(step_column(field), s).c_str());
    };
    for (const StepSummary& s : summary.steps) {
        const auto last = facts.last_reading_ms.find(s.step);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(to_imgui(value_class_colour(s.value_class)), "■");
        ImGui::SameLine();
        ImGui::TextUnformatted(text_cell(step_column(StepField::name), s).c_str());
        cell(StepField::valid_n, s);
        cell(StepField::mean, s);
        ImGui::TableNextColumn();
        const bool has_last = last != facts.last_reading_ms.end();
        const std::string last_text = has_last ? format_duration(static_cast<double>(last->second)) : std::string(kMissingMark);
        ImGui::TextUnformatted(last_text.c_str());
        cell(StepField::more_cycles, s);
    }
    ImGui::EndTable();
}

void draw_recent_events(AppState& app) {
    const Session& session = app.doc.session();
    const LogState& state = app.doc.recorder().state();
    ImGui::TextDisabled("Recent");
    const std::size_t shown = std::min<std::size_t>(session.events.size(), 6);
    for (std::size_t i = 0; i < shown; ++i) {
        const Event& e = session.events[session.events.size() - 1 - i];
        const std::string line = clock_text(e.t_ms) + "  " + describe_event(session, e);
        if (state.is_undone(e.id)) ImGui::TextDisabled("%s  (undone)", line.c_str());
        else ImGui::TextUnformatted(line.c_str());
    }
}

}  // namespace

void draw_walk(AppState& app) {
    if (!app.doc.has_walk() || app.doc.session().steps.empty()) {
        ImGui::TextWrapped("The session has no steps yet. Add them on the Setup screen.");
        return;
    }
    // Nothing the walk shows from the summary depends on now, except the clock (observed_now_ms).
    const SessionSummary& summary = current_summary(app, /*refresh_live=*/false);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::BeginChild("walk-left", ImVec2(avail.x * 0.56f, 0), false);
    const ShownTime shown = shown_time(app, summary);
    draw_clock(app, shown);
    ImGui::Spacing();
    draw_step_controls(app, shown);
    ImGui::Spacing();
    draw_walk_buttons(app);
    ImGui::Spacing();
    draw_live_table(app, summary);
    draw_recent_events(app);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("walk-wastes", ImVec2(0, 0), false);
    draw_waste_buttons(app, summary, shown);
    ImGui::EndChild();
}

}  // namespace gemba::gui
