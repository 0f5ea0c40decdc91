// The walk: the clock, the step control(s), the eight waste buttons, undo/redo and live numbers.
#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: a count typed and recorded by Enter leaves its field
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

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

// `text` in lines no wider than `width` in the current font, broken at spaces and after hyphens
// ("Extra-|processing"); the first line starts with `prefix`. A word wider than `width` keeps its
// own line. Labels of buttons, which ImGui does not wrap, stay readable on narrow windows.
std::string wrapped(const std::string& prefix, const std::string& text, float width) {
    std::string lines, line = prefix;
    bool line_has_word = false;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find_first_of(" -", at);
        end = end == std::string::npos ? text.size() : end + (text[end] == '-' ? 1 : 0);
        const std::string word = text.substr(at, end - at);
        at = end < text.size() && text[end] == ' ' ? end + 1 : end;
        if (word.empty()) continue;  // a run of spaces
        const bool after_hyphen = line_has_word && line.back() == '-';
        const std::string joined = line + (line_has_word && !after_hyphen ? " " : "") + word;
        if (!line_has_word || ImGui::CalcTextSize(joined.c_str()).x <= width) {
            line = joined;
        } else {
            lines += line + "\n";
            line = word;
        }
        line_has_word = true;
    }
    return lines + line;
}

// The size of a label as a button draws it: the text before "##" or "###".
//
// A control whose label may change while it is pressed (a running time ticks over, a count goes up,
// the next step's name) ends it in "###name", its id then "name" alone. With "##" the id was the
// whole label: the release landed on another id and the tap was lost (a stop as its second ticked).
ImVec2 label_size(const std::string& label) { return ImGui::CalcTextSize(label.c_str(), nullptr, true); }

// Buttons of one size side by side, as many to a row as fit at `min_width`, the rows filled evenly.
class ButtonFlow {
public:
    ButtonFlow(std::size_t count, float min_width) {
        const float spacing = ImGui::GetStyle().ItemSpacing.x, avail = ImGui::GetContentRegionAvail().x;
        per_row_ = std::clamp<std::size_t>(static_cast<std::size_t>((avail + spacing) / (min_width + spacing)), 1, count);
        const std::size_t rows = (count + per_row_ - 1) / per_row_;
        per_row_ = (count + rows - 1) / rows;  // 5 in rows of 3 and 2 rather than 4 and 1
        size_.x = (avail - static_cast<float>(per_row_ - 1) * spacing) / static_cast<float>(per_row_);
    }
    float width() const { return size_.x; }
    void set_height(float height) { size_.y = height; }
    // Call before each button: places it beside the last one or at the start of the next row.
    const ImVec2& next() {
        if (placed_++ % per_row_ != 0) ImGui::SameLine();
        return size_;
    }

private:
    std::size_t per_row_ = 1, placed_ = 0;
    ImVec2 size_;
};

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
    // On a short window (a laptop at 150 %) the clock gives up some height so that the walk's
    // buttons stay in view.
    const bool short_window = ImGui::GetContentRegionAvail().y < 22.0f * fonts().regular->FontSize;
    if (short_window) ImGui::SetWindowFontScale(0.6f);
    centred_text(clock_text(shown.clock_ms, !shown.whole_seconds));
    if (short_window) ImGui::SetWindowFontScale(1.0f);
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
    } else if (app.doc.ended()) {
        line = "Walk ended; a tap goes on";
    } else {
        line = "No step running";
    }
    if (ImGui::CalcTextSize(line.c_str()).x > ImGui::GetContentRegionAvail().x) {
        ImGui::PopFont();  // a long step name on a narrow window: the regular font, wrapped
        ImGui::TextWrapped("%s", line.c_str());
        return;
    }
    centred_text(line);
    ImGui::PopFont();
}

void draw_step_controls(AppState& app, const ShownTime& shown) {
    const Recorder& rec = app.doc.recorder();
    const float width = ImGui::GetContentRegionAvail().x;
    if (app.doc.session().settings.timing_mode == TimingMode::lap) {
        std::string what = "Start", step;
        bool new_cycle = false;
        if (const auto upcoming = rec.upcoming_step()) {
            what = rec.running_step() ? "Next: " : "Start: ";
            step = step_name(app.doc.session(), upcoming->first);
            new_cycle = upcoming->second;
        }
        const std::string last_line = (new_cycle ? "new cycle  [" : "[") + key_hint(KeyAction::next_step) + "]";
        const float text_width = width - 2.0f * ImGui::GetStyle().FramePadding.x;
        // The large font when the step's name fits on a line, else the regular one, wrapped.
        ImGui::PushFont(fonts().large);
        if (ImGui::CalcTextSize((what + step).c_str()).x > text_width) {
            ImGui::PopFont();
            ImGui::PushFont(fonts().regular);
        }
        const std::string label = wrapped(what, step, text_width) + "\n" + last_line + "###next";
        const float height =
            std::max(4.0f * fonts().large->FontSize, label_size(label).y + 2.0f * ImGui::GetStyle().FramePadding.y);
        if (coloured_button(label.c_str(), ImVec2(width, height), ImVec4(0.13f, 0.45f, 0.75f, 1.0f)))
            pointer_tap(app, [](Recorder& r) { return r.next_step(); }, "Next step");
        ImGui::PopFont();
        return;
    }
    // Independent timers: one toggle per step, two columns, each with its key and running time, all
    // as tall as the tallest label (names wrapped to the width), at least two lines of text.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float button_width = (width - style.ItemSpacing.x) * 0.5f;
    const std::vector<Step>& steps = app.doc.session().steps;
    std::vector<std::string> labels;
    float height = 2.4f * em();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        const std::string hint = step_key_hint(i);  // none after the last key: tapped only
        std::string label = wrapped(hint.empty() ? "" : hint + "  ", step.name, button_width - 2.0f * style.FramePadding.x);
        if (const Reading* running = rec.state().running_reading_of(step.id))
            label += "\n" + running_text(rec.state().duration_ms(*running, shown.now_ms), shown);
        height = std::max(height, label_size(label).y + 2.0f * style.FramePadding.y);
        labels.push_back(label + "###step" + std::to_string(step.id));
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const Step& step = steps[i];
        const bool running = rec.state().running_reading_of(step.id) != nullptr;
        const ImVec4 colour = running ? ImVec4(0.13f, 0.55f, 0.25f, 1.0f) : ImVec4(0.55f, 0.58f, 0.62f, 1.0f);
        if (i % 2 == 1) ImGui::SameLine();
        if (coloured_button(labels[i].c_str(), ImVec2(button_width, height), colour))
            pointer_tap(app, [&](Recorder& r) { return r.toggle_step(step.id); }, step.name);
    }
}

void draw_walk_buttons(AppState& app) {
    const Recorder& rec = app.doc.recorder();
    const bool paused = rec.state().paused();
    std::string labels[] = {with_key_hint(paused ? "Resume" : "Pause", KeyAction::toggle_pause) + "###pause", "Stop step", "New cycle",
                            with_key_hint("Undo", KeyAction::undo), with_key_hint("Redo", KeyAction::redo),
                            with_key_hint("Note", KeyAction::note), with_key_hint("End walk", KeyAction::end_walk) + "###end"};
    const ImGuiStyle& style = ImGui::GetStyle();
    // All in one row with the keys beside their names when that fits, else the keys under the names.
    const auto widest = [&] {
        float width = 0;
        for (const std::string& label : labels) width = std::max(width, label_size(label).x + 2.0f * style.FramePadding.x);
        return width;
    };
    const std::size_t shown = std::size(labels) - 1;  // Stop step or New cycle: one of the two
    if (static_cast<float>(shown) * widest() + static_cast<float>(shown - 1) * style.ItemSpacing.x > ImGui::GetContentRegionAvail().x)
        for (std::string& label : labels)
            if (const auto key = label.find(" ["); key != std::string::npos) label[key] = '\n';
    ButtonFlow flow(shown, widest());
    const float height = std::max(2.5f * em(), label_size(labels[0]).y + 2.0f * style.FramePadding.y);
    flow.set_height(height);
    if (ImGui::Button(labels[0].c_str(), flow.next()))
        pointer_tap(app, [](Recorder& r) { return r.toggle_pause(); }, paused ? "Resumed" : "Paused");
    if (app.doc.session().settings.timing_mode == TimingMode::lap) {
        // Ends the step without starting the next: the gap until the next tap counts as waiting.
        ImGui::BeginDisabled(!rec.running_step());
        if (ImGui::Button(labels[1].c_str(), flow.next())) pointer_tap(app, [](Recorder& r) { return r.stop_step(); }, "Step stopped");
        ImGui::EndDisabled();
    } else if (ImGui::Button(labels[2].c_str(), flow.next())) {
        pointer_tap(app, [](Recorder& r) { return r.new_cycle(); }, "New cycle");
    }
    ImGui::BeginDisabled(!rec.can_undo());
    if (ImGui::Button(labels[3].c_str(), flow.next())) edit(app, [](Recorder& r) { return r.undo(); }, "Undone");
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!rec.can_redo());
    if (ImGui::Button(labels[4].c_str(), flow.next())) edit(app, [](Recorder& r) { return r.redo(); }, "Redone");
    ImGui::EndDisabled();
    if (ImGui::Button(labels[5].c_str(), flow.next())) open_note(app);
    // Last in the row, far from Pause: the end of an observation is never a slip of the finger.
    ImGui::BeginDisabled(app.doc.session().events.empty() || app.doc.ended());
    if (ImGui::Button(labels[6].c_str(), flow.next())) show(app, app.doc.end_walk(app.last_pointer_press_ms));
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("End the walk (%s): stop everything running; the clock stands still until the next tap",
                          key_hint(KeyAction::end_walk).c_str());
    ImGui::EndDisabled();
}

void draw_waste_buttons(AppState& app, const SessionSummary& summary, const ShownTime& shown) {
    const Recorder& rec = app.doc.recorder();
    const SessionFacts& facts = session_facts(app);  // after this frame's taps: its indices are current
    static int long_pressed = -1;  // visual gesture state: the button whose long press already fired
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 size((avail.x - style.ItemSpacing.x) * 0.5f, (avail.y - 3 * style.ItemSpacing.y) / 4.0f);
    const ImVec2 text_room(size.x - 2.0f * style.FramePadding.x, size.y - 2.0f * style.FramePadding.y);
    // All eight in one size, the largest in which every label fits its button (names wrapped): the
    // large font, scaled down in steps to the regular font's size, then the regular font with the
    // key moved from before the name to before the count.
    struct Look {
        ImFont* font;
        float scale;
        bool key_before_name;
    };
    const auto labels_in = [&](const Look& look) {
        ImGui::PushFont(look.font);
        ImGui::SetWindowFontScale(look.scale);
        std::vector<std::string> labels;
        bool fit = true;
        for (std::size_t i = 0; i < kWastes.size(); ++i) {
            std::size_t count = 0;
            for (const WasteCount& wc : summary.waste_pareto)
                if (wc.waste == kWastes[i]) count = wc.count;
            const std::string key = key_hint(KeyAction::tag_waste, i), name(display_name(kWastes[i]));
            std::string label = look.key_before_name
                                    ? wrapped(key + "  ", name, text_room.x) + "\n× " + std::to_string(count)
                                    : wrapped("", name, text_room.x) + "\n" + key + "  × " + std::to_string(count);
            if (const auto running = facts.running_timed_tag[i]) {
                const WasteTag& tag = rec.state().tags()[*running];
                label += "   ● " + running_text(rec.state().duration_ms(tag, shown.now_ms), shown);
            }
            const ImVec2 text = label_size(label);
            fit = fit && text.x <= text_room.x && text.y <= text_room.y;
            labels.push_back(label + "###waste" + std::to_string(i));
        }
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
        return std::pair(fit, labels);
    };
    const float regular_scale = fonts().regular->FontSize / fonts().large->FontSize;
    std::vector<Look> looks;
    for (float scale = 1.0f; scale > regular_scale + 0.01f; scale -= 0.1f) looks.push_back({fonts().large, scale, true});
    looks.push_back({fonts().regular, 1.0f, true});
    looks.push_back({fonts().regular, 1.0f, false});  // the last resort, fitting or not
    Look look = looks.back();
    std::vector<std::string> labels;
    for (const Look& candidate : looks) {
        bool fit = false;
        std::tie(fit, labels) = labels_in(candidate);
        look = candidate;
        if (fit) break;
    }
    for (std::size_t i = 0; i < kWastes.size(); ++i) {
        const Waste waste = kWastes[i];
        if (i % 2 == 1) ImGui::SameLine();
        ImGui::PushFont(look.font);
        ImGui::SetWindowFontScale(look.scale);
        const bool clicked = coloured_button(labels[i].c_str(), size, to_imgui(waste_colour(waste)));
        ImGui::SetWindowFontScale(1.0f);
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

// `text` cut to `width` in the current font, "…" where it was cut (UTF-8 kept whole).
std::string cut_to_width(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "…").c_str()).x > width) {
        unsigned char dropped = 0;
        do {  // one character: its continuation bytes, then its first byte
            dropped = static_cast<unsigned char>(cut.back());
            cut.pop_back();
        } while (!cut.empty() && (dropped & 0xC0) == 0x80);
    }
    return cut + "…";
}

// "12 · limit 15", "12 OVER limit 10", "not counted".
std::string queue_line(const Queue& queue, std::optional<std::int64_t> count) {
    std::string line = count ? std::to_string(*count) : std::string("not counted");
    if (queue.wip_limit) {
        const bool over = count && *count > *queue.wip_limit;
        line += (over ? " OVER limit " : " · limit ") + std::to_string(*queue.wip_limit);
    }
    return line;
}

// One queue's counting row: its name and count (a tap chooses it for the keys; in the compact row
// it goes on to the next queue), −1 and +1, and a field where a count is typed (Enter records it).
// Each count is a walk control, undone like any tap. True while its field is being typed in.
// The widths of a counting row's −1, +1 and typed count; its name takes the rest, at least 9 em.
constexpr float kCountButtonEm = 3.3f, kCountFieldEm = 3.6f, kQueueNameEm = 9.0f;

// Whether a counting row is too narrow for its name beside its buttons: then the buttons go under it.
// How tall a counting row is: two lines of text, or one when stacked (each of its two parts).
float queue_row_height(bool stacked) {
    const float lines = stacked ? 1.0f : 2.0f;
    return std::max((stacked ? 2.0f : 2.6f) * em(), lines * ImGui::GetTextLineHeight() + 2.0f * ImGui::GetStyle().FramePadding.y);
}

bool queue_row_stacks() {
    const float one_line = (kQueueNameEm + 2.0f * kCountButtonEm + kCountFieldEm) * em() + 3.0f * ImGui::GetStyle().ItemSpacing.x;
    return ImGui::GetContentRegionAvail().x < one_line;
}

bool draw_queue_row(AppState& app, const Queue& queue, bool chosen, bool compact, bool stacked = false) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::optional<std::int64_t> count = app.doc.state().last_count(queue.id);
    const bool over = count && queue.wip_limit && *count > *queue.wip_limit;
    // Stacked, each part is one line high: the waste buttons above keep their room.
    const char* key_break = stacked ? "  [" : "\n[";
    const std::string minus = "−1" + (key_break + key_hint(KeyAction::count_down)) + "]###minus";
    const std::string plus = "+1" + (key_break + key_hint(KeyAction::count_up)) + "]###plus";
    const float avail = ImGui::GetContentRegionAvail().x;
    float button_width = kCountButtonEm * em(), field_width = kCountFieldEm * em();
    float label_width = std::max(kQueueNameEm * em(), avail - 2.0f * button_width - field_width - 3.0f * style.ItemSpacing.x);
    if (stacked) {
        label_width = avail;
        button_width = field_width = (avail - 2.0f * style.ItemSpacing.x) / 3.0f;
    }
    const float height = queue_row_height(stacked);
    ImGui::PushID(static_cast<int>(queue.id));
    const std::string key = key_hint(KeyAction::select_queue);
    const float text_width = label_width - 2.0f * style.FramePadding.x;
    const std::string key_text = compact ? "  [" + key + "]" : "";
    const std::string line = queue_line(queue, count);
    const std::string name = (chosen ? "→ " : "") + queue.name;
    // On one line the name gives way first: the count is what the row is for.
    const std::string after_name = stacked ? key_text + " · " + line : key_text;
    const float name_room = std::max(4.0f * em(), text_width - ImGui::CalcTextSize(after_name.c_str()).x);
    const std::string label = stacked ? cut_to_width(cut_to_width(name, name_room) + after_name, text_width) + "###name"
                                      : cut_to_width(name, name_room) + after_name + "\n" + cut_to_width(line, text_width) + "###name";
    const ImVec4 colour = over ? ImVec4(0.70f, 0.20f, 0.15f, 1.0f) : chosen ? ImVec4(0.20f, 0.35f, 0.55f, 1.0f)
                                                                          : ImVec4(0.30f, 0.32f, 0.36f, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    if (coloured_button(label.c_str(), ImVec2(label_width, height), colour)) {
        if (compact) select_queue(app, 1);
        else app.counting.selected = queue.id;
    }
    ImGui::PopStyleVar();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("“%s”: %s\nTap (or %s) %s", queue.name.c_str(), line.c_str(), key.c_str(),
                          compact ? "for the next queue" : "to count it with the keys");
    if (!stacked) ImGui::SameLine();
    ImGui::BeginDisabled(count.value_or(0) == 0);
    if (ImGui::Button(minus.c_str(), ImVec2(button_width, height))) {
        app.counting.selected = queue.id;
        count_queue_by(app, queue.id, -1, app.last_pointer_press_ms);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(plus.c_str(), ImVec2(button_width, height))) {
        app.counting.selected = queue.id;
        count_queue_by(app, queue.id, 1, app.last_pointer_press_ms);
    }
    ImGui::SameLine();
    std::string& text = app.counting.typed[queue.id];
    ImGui::SetNextItemWidth(field_width);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(style.FramePadding.x, (height - ImGui::GetFontSize()) * 0.5f));
    const bool entered = ImGui::InputTextWithHint("##count", "count", &text,
                                                  ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopStyleVar();
    const bool typing = ImGui::IsItemActive();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type how many wait in “%s” now; Enter records it", queue.name.c_str());
    if (entered || (typing && app.counting.enter_requested)) {
        app.counting.enter_requested = false;
        if (count_typed(app, queue.id, text, app.clock.now_ms())) app.counting.selected = queue.id;
        text.clear();
        if (typing) ImGui::ClearActiveID();
    }
    ImGui::PopID();
    return typing;
}


// Counting what waits in each queue, under the walk's buttons: a row per queue while they fit
// above the live table (with room for a few of its lines). True when they do not: then one compact
// row of the chosen queue, whose name goes on to the next, goes under the waste buttons
// (draw_compact_queue_counting), so that it is in view with the clock, the step controls and the
// waste buttons whatever the window.
bool draw_queue_counting(AppState& app) {
    const std::vector<Queue>& queues = app.doc.session().queues;
    if (queues.empty()) {
        app.counting.typing = false;  // not left over from a field of a queue since removed
        return false;
    }
    const float row = queue_row_height(false) + ImGui::GetStyle().ItemSpacing.y;
    if (static_cast<float>(queues.size()) * row > ImGui::GetContentRegionAvail().y - 4.0f * em()) return true;
    const Queue* chosen = counted_queue(app);
    bool typing = false;
    for (const Queue& queue : queues) typing |= draw_queue_row(app, queue, queues.size() > 1 && &queue == chosen, false);
    app.counting.typing = typing;
    app.counting.enter_requested = false;  // only for a field that was typed in
    return false;
}

// `stacked`: queue_row_stacks() where the row goes.
void draw_compact_queue_counting(AppState& app, bool stacked) {
    const bool several = app.doc.session().queues.size() > 1;
    app.counting.typing = draw_queue_row(app, *counted_queue(app), several, several, stacked);
    app.counting.enter_requested = false;
}

void draw_live_table(AppState& app, const SessionSummary& summary) {
    const SessionFacts& facts = session_facts(app);
    // No scrolling of its own: the walk's column scrolls, one scrollbar. The number columns fit
    // their contents; the names take the rest, wrapped when long.
    if (!ImGui::BeginTable("live", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
        return;
    const auto column = [](StepField field) {
        const std::string label(step_column(field).label);
        if (field == StepField::name) ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthStretch);
        else ImGui::TableSetupColumn(label.c_str(), ImGuiTableColumnFlags_WidthFixed);
    };
    column(StepField::name);
    column(StepField::valid_n);
    column(StepField::mean);
    ImGui::TableSetupColumn("Last", ImGuiTableColumnFlags_WidthFixed);  // not a statistic: the latest reading
    column(StepField::more_cycles);
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
        ImGui::TextWrapped("%s", text_cell(step_column(StepField::name), s).c_str());
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
        const std::string line = clock_text(state.walk_clock_ms(e.t_ms)) + "  " + describe_event(session, state, e);
        if (state.is_undone(e.id)) ImGui::TextDisabled("%s  (undone)", line.c_str());
        else ImGui::TextUnformatted(line.c_str());
    }
}

}  // namespace

void draw_walk(AppState& app) {
    if (app.doc.has_walk() && app.doc.session().study == StudyKind::work_sampling) {
        draw_rounds(app);
        return;
    }
    if (!app.doc.has_walk() || app.doc.session().steps.empty()) {
        ImGui::TextWrapped("The session has no steps yet. Add them on the Setup screen.");
        return;
    }
    // Nothing the walk shows from the summary depends on now, except the clock (observed_now_ms).
    const SessionSummary& summary = current_summary(app, /*refresh_live=*/false);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::BeginChild("walk-left", ImVec2(avail.x * 0.56f, 0), false);
    const ShownTime shown = shown_time(app, summary);
    // On a short window (a laptop at 150 %) the spacing between the parts goes too, like the clock's
    // height, so that the walk's buttons stay in view.
    const bool short_window = avail.y < 22.0f * fonts().regular->FontSize;
    const auto space = [short_window] {
        if (!short_window) ImGui::Spacing();
    };
    draw_clock(app, shown);
    space();
    draw_step_controls(app, shown);
    space();
    draw_walk_buttons(app);
    space();
    const bool compact_counting = draw_queue_counting(app);
    draw_live_table(app, summary);
    draw_recent_events(app);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("walk-wastes", ImVec2(0, 0), false);
    if (compact_counting) {
        const bool stacked = queue_row_stacks();
        const float rows = stacked ? 2.0f : 1.0f;
        ImGui::BeginChild("waste-grid", ImVec2(0, -rows * (queue_row_height(stacked) + ImGui::GetStyle().ItemSpacing.y)), false);
        draw_waste_buttons(app, summary, shown);
        ImGui::EndChild();
        draw_compact_queue_counting(app, stacked);
    } else {
        draw_waste_buttons(app, summary, shown);
    }
    ImGui::EndChild();
}

}  // namespace gemba::gui
