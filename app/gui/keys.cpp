#include "app/gui/keys.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <optional>

#include "app/gui/actions.hpp"
#include "app/gui/problem_actions.hpp"
#include "app/gui/round_actions.hpp"
#include "app/gui/board_actions.hpp"
#include "app/gui/settings.hpp"
#include "app/gui/walk_note.hpp"

namespace gemba::gui {
namespace {

constexpr KeyChord key(int glfw_key, ShiftRule shift = ShiftRule::either) { return KeyChord{glfw_key, false, shift}; }
constexpr KeyChord ctrl(int glfw_key, ShiftRule shift = ShiftRule::either) { return KeyChord{glfw_key, true, shift}; }

// 1 to 8, one chord per waste in kWastes order.
std::vector<KeyChord> digit_per_waste(ShiftRule shift) {
    std::vector<KeyChord> chords;
    for (std::size_t i = 0; i < kWastes.size(); ++i) chords.push_back(key(GLFW_KEY_1 + static_cast<int>(i), shift));
    return chords;
}

// The home row, left to right: one press each, under the fingers of one hand, clear of the digits
// (wastes), P (pause), N (note) and the Ctrl chords. A walk rarely has more stations than this.
std::vector<KeyChord> key_per_step() {
    std::vector<KeyChord> chords;
    for (const int k : {GLFW_KEY_A, GLFW_KEY_S, GLFW_KEY_D, GLFW_KEY_F, GLFW_KEY_G, GLFW_KEY_H, GLFW_KEY_J, GLFW_KEY_K, GLFW_KEY_L})
        chords.push_back(key(k, ShiftRule::up));
    return chords;
}

// 0 to 9, then A to Z: every key a sampling category may have (SamplingCategory::key).
std::vector<KeyChord> category_keys() {
    std::vector<KeyChord> chords;
    for (int k = GLFW_KEY_0; k <= GLFW_KEY_9; ++k) chords.push_back(key(k, ShiftRule::up));
    for (int k = GLFW_KEY_A; k <= GLFW_KEY_Z; ++k) chords.push_back(key(k, ShiftRule::up));
    return chords;
}

// The key of the chord_index-th chord of category_keys(): '0' to '9', 'A' to 'Z'.
char category_key_char(std::size_t chord_index) {
    return chord_index < 10 ? static_cast<char>('0' + chord_index) : static_cast<char>('A' + (chord_index - 10));
}

bool sampling_study(const AppState& app) {
    return app.doc.has_walk() && app.doc.session().study == StudyKind::work_sampling;
}

std::string tag_waste_text() {
    std::string text = "tag a waste: ";
    for (std::size_t i = 0; i < kWastes.size(); ++i) text += (i ? ", " : "") + std::string(display_name(kWastes[i]));
    return text;
}

std::vector<KeyBinding> make_bindings() {
    using enum KeyAction;
    using enum ShiftRule;
    return {
        {next_step, {key(GLFW_KEY_SPACE)}, "Space", "next step (lap timing) / start the first one", KeyScope::walk},
        {toggle_step, key_per_step(), "A S D F G H J K L",
         "start / stop the 1st to 9th step (independent timers); later steps by their buttons", KeyScope::walk},
        {tag_waste, digit_per_waste(up), "1 – 8", tag_waste_text(), KeyScope::walk},
        {toggle_timed_waste, digit_per_waste(down), "Shift + 1 – 8",
         "start / stop that waste as timed (or hold its button)", KeyScope::walk},
        {toggle_pause, {key(GLFW_KEY_P)}, "P", "pause / resume", KeyScope::walk},
        // Beside the digits, where a counting hand finds them without looking: = is + unshifted.
        {select_queue, {key(GLFW_KEY_Q, up), key(GLFW_KEY_Q, down)}, "Q or Shift+Q",
         "choose the next / previous queue to count", KeyScope::walk},
        {count_up, {key(GLFW_KEY_EQUAL), key(GLFW_KEY_KP_ADD)}, "=", "count +1 in the chosen queue (+ too)", KeyScope::walk},
        {count_down, {key(GLFW_KEY_MINUS), key(GLFW_KEY_KP_SUBTRACT)}, "-", "count −1 in the chosen queue", KeyScope::walk},
        {note, {key(GLFW_KEY_N)}, "N", "note on the current event or the session, typed while the walk goes on (Enter saves, Esc cancels)", KeyScope::walk},
        // Two keys far apart: the end of an observation is never a slip of the finger.
        {end_walk, {ctrl(GLFW_KEY_END)}, "Ctrl+End", "end the walk: stop everything running, the clock stands still",
         KeyScope::walk},
        // A study's own keys (its categories'), so the table says what they do, not which they are.
        {tally_category, category_keys(), "0 – 9, A – Z",
         "the category with that key, for the chosen subject; then the next subject not yet tallied in the round",
         KeyScope::rounds},
        {choose_subject, {key(GLFW_KEY_UP), key(GLFW_KEY_DOWN), key(GLFW_KEY_TAB, down), key(GLFW_KEY_TAB, up)},
         "Up or Down or Tab or Shift+Tab", "choose the subject the category keys tally (Up and Shift+Tab: the one above)", KeyScope::rounds},
        // Harmless if slipped: it only opens the reason's field (Esc puts it away).
        {skip_round, {key(GLFW_KEY_DELETE)}, "Delete", "skip the round: type why, Enter records it (Esc: not skipped)",
         KeyScope::rounds},
        // One hand on the keys while the other holds the device: the next why, the next idea.
        {add_why, {key(GLFW_KEY_W)}, "W", "add a why to the chosen problem and type its answer", KeyScope::problems},
        {new_idea, {key(GLFW_KEY_I)}, "I", "type a new idea for the chosen problem (Enter adds it)", KeyScope::problems},
        {choose_card, {key(GLFW_KEY_LEFT, up), key(GLFW_KEY_RIGHT, up), key(GLFW_KEY_UP, up), key(GLFW_KEY_DOWN, up)},
         "Left or Right or Up or Down", "choose a card", KeyScope::board},
        {move_card, {key(GLFW_KEY_LEFT, down), key(GLFW_KEY_RIGHT, down)}, "Shift+Left or Shift+Right",
         "move the chosen card to the column on its left / right (a full Doing refuses it)", KeyScope::board},
        {undo, {ctrl(GLFW_KEY_Z, up)}, "Ctrl+Z", "undo (on Setup and Improve: the last plan change)", KeyScope::session},
        // Ctrl+Y first: it is the one the Redo button shows.
        {redo, {ctrl(GLFW_KEY_Y), ctrl(GLFW_KEY_Z, down)}, "Ctrl+Shift+Z or Ctrl+Y", "redo (on Setup and Improve: of the plan)", KeyScope::session},
        {save, {ctrl(GLFW_KEY_S, up)}, "Ctrl+S", "save", KeyScope::session},
        {save_as, {ctrl(GLFW_KEY_S, down)}, "Ctrl+Shift+S", "save as", KeyScope::session},
        {export_csv, {ctrl(GLFW_KEY_E)}, "Ctrl+E", "export CSV and a workbook (.xlsx) next to the session file", KeyScope::session},
        {write_report, {ctrl(GLFW_KEY_R)}, "Ctrl+R", "write the HTML report next to the session file", KeyScope::session},
        {ui_scale_up, {ctrl(GLFW_KEY_EQUAL), ctrl(GLFW_KEY_KP_ADD)}, "Ctrl+=", "UI scale up by 10 %",
         KeyScope::always},
        {ui_scale_down, {ctrl(GLFW_KEY_MINUS), ctrl(GLFW_KEY_KP_SUBTRACT)}, "Ctrl+-", "UI scale down by 10 %",
         KeyScope::always},
    };
}

bool in_scope(KeyScope scope, const AppState& app) {
    switch (scope) {
        // Not while a dialog is open: it is being answered, and the walk behind it is out of sight.
        case KeyScope::walk: return app.doc.has_walk() && !sampling_study(app) && app.screen == Screen::walk && !app.dialog_open;
        case KeyScope::rounds: return sampling_study(app) && app.screen == Screen::walk && !app.dialog_open;
        case KeyScope::problems:
            return app.doc.has_walk() && app.screen == Screen::improve && app.improve_view == ImproveView::problems &&
                   !app.dialog_open;
        case KeyScope::session: return app.doc.has_walk();
        case KeyScope::always: return true;
        case KeyScope::board:
            return app.doc.has_walk() && app.screen == Screen::improve && app.improve_view == ImproveView::board &&
                   !app.dialog_open;
    }
    return false;
}

struct KeyMatch {
    const KeyBinding* binding = nullptr;
    std::size_t chord = 0;
};

std::optional<KeyMatch> find_match(const AppState& app, const KeyPress& press) {
    for (const KeyBinding& binding : key_bindings()) {
        if (!in_scope(binding.scope, app)) continue;
        for (std::size_t i = 0; i < binding.chords.size(); ++i)
            if (matches(binding.chords[i], press.key, press.mods)) return KeyMatch{&binding, i};
    }
    return std::nullopt;
}

// A walk key is a tap (control): the first of the walk starts its clock. Undo and redo act on the
// session as it is (edit). Both are timed when the key went down.
void run(AppState& app, const KeyMatch& match, std::int64_t at_ms) {
    switch (match.binding->action) {
        case KeyAction::next_step:
            if (app.doc.session().settings.timing_mode == TimingMode::lap)
                control(app, [](Recorder& r) { return r.next_step(); }, "Next step", at_ms);
            break;
        case KeyAction::toggle_step: {
            const std::vector<Step>& steps = app.doc.session().steps;
            if (app.doc.session().settings.timing_mode != TimingMode::independent || match.chord >= steps.size()) break;
            const StepId step = steps[match.chord].id;
            control(app, [step](Recorder& r) { return r.toggle_step(step); }, steps[match.chord].name, at_ms);
            break;
        }
        case KeyAction::tag_waste: {
            const Waste waste = kWastes[match.chord];
            control(app, [waste](Recorder& r) { return r.tag_waste(waste); }, std::string(display_name(waste)), at_ms);
            break;
        }
        case KeyAction::toggle_timed_waste: {
            const Waste waste = kWastes[match.chord];
            control(app, [waste](Recorder& r) { return r.toggle_timed_waste(waste); },
                    std::string(display_name(waste)) + " (timed)", at_ms);
            break;
        }
        case KeyAction::toggle_pause: {
            const bool was_paused = app.doc.state().paused();
            control(app, [](Recorder& r) { return r.toggle_pause(); }, was_paused ? "Resumed" : "Paused", at_ms);
            break;
        }
        case KeyAction::select_queue: select_queue(app, match.chord == 0 ? 1 : -1); break;
        case KeyAction::count_up:
        case KeyAction::count_down:
            if (const Queue* queue = counted_queue(app))
                count_queue_by(app, queue->id, match.binding->action == KeyAction::count_up ? 1 : -1, at_ms);
            break;
        case KeyAction::note: open_note(app); break;
        case KeyAction::end_walk: show(app, app.doc.end_walk(at_ms)); break;
        case KeyAction::tally_category:
            // The skip's reason is being typed: its field takes the keyboard a frame or two after
            // Delete opened it, and the keys typed meanwhile are its text, never a tally.
            if (!app.rounds.skipping) tally_key(app, category_key_char(match.chord));
            break;
        case KeyAction::choose_subject: choose_subject(app, match.chord % 2 == 0 ? -1 : 1); break;
        case KeyAction::skip_round: app.rounds.skipping = true; break;
        case KeyAction::add_why: add_why_to_chosen(app); break;
        case KeyAction::new_idea:
            // No problem, no idea field: the focus would wait for the next problem shown.
            if (chosen_problem(app)) app.focus_field = ProblemsField::new_idea;
            else show(app, "Raise a problem first (Review: a row's “Problem…”)", true);
            break;
        case KeyAction::choose_card: {
            constexpr int kWays[][2] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};  // the chords' order
            choose_card(app, kWays[match.chord][0], kWays[match.chord][1]);
            break;
        }
        case KeyAction::move_card: move_chosen_card(app, match.chord == 0 ? -1 : 1); break;
        case KeyAction::undo:
        case KeyAction::redo:
            if (match.binding->action == KeyAction::undo) undo(app, at_ms);
            else redo(app, at_ms);
            // A mis-tap undone is tapped again: the keys go back to the first subject not yet tallied.
            if (sampling_study(app)) app.rounds.selected = kNoSubject;
            break;
        case KeyAction::save: save(app); break;
        case KeyAction::save_as: app.save_as_requested = true; break;
        case KeyAction::export_csv: export_csv_files(app); break;
        case KeyAction::write_report: write_report(app); break;
        case KeyAction::ui_scale_up: change_ui_scale(app, kUiScaleStep); break;
        case KeyAction::ui_scale_down: change_ui_scale(app, -kUiScaleStep); break;
    }
}

}  // namespace

const std::vector<KeyBinding>& key_bindings() {
    static const std::vector<KeyBinding> bindings = make_bindings();
    return bindings;
}

const KeyBinding& binding_for(KeyAction action) {
    const auto& bindings = key_bindings();
    return *std::find_if(bindings.begin(), bindings.end(), [&](const KeyBinding& b) { return b.action == action; });
}

std::string_view scope_text(KeyScope scope) {
    constexpr std::string_view kText[] = {"Walk screen", "Improve screen, Problems", "Any screen with a session",
                                          "Any screen", "Improve screen, Board", "Rounds screen (work sampling)"};  // KeyScope order
    return kText[static_cast<std::size_t>(scope)];
}

std::vector<KeyGroup> key_groups() {
    std::vector<KeyGroup> groups;
    const std::span<const KeyBinding> bindings = key_bindings();
    for (std::size_t i = 0; i < bindings.size();) {
        std::size_t end = i + 1;
        while (end < bindings.size() && bindings[end].scope == bindings[i].scope) ++end;
        groups.push_back({bindings[i].scope, bindings.subspan(i, end - i)});
        i = end;
    }
    return groups;
}

std::string chord_text(const KeyChord& chord) {
    std::string text = chord.ctrl ? "Ctrl+" : "";
    if (chord.shift == ShiftRule::down) text += "Shift+";
    if (chord.key >= GLFW_KEY_0 && chord.key <= GLFW_KEY_9) return text + static_cast<char>('0' + chord.key - GLFW_KEY_0);
    if (chord.key >= GLFW_KEY_A && chord.key <= GLFW_KEY_Z) return text + static_cast<char>('A' + chord.key - GLFW_KEY_A);
    switch (chord.key) {
        case GLFW_KEY_SPACE: return text + "Space";
        case GLFW_KEY_END: return text + "End";
        case GLFW_KEY_LEFT: return text + "Left";
        case GLFW_KEY_RIGHT: return text + "Right";
        case GLFW_KEY_UP: return text + "Up";
        case GLFW_KEY_DOWN: return text + "Down";
        case GLFW_KEY_TAB: return text + "Tab";
        case GLFW_KEY_DELETE: return text + "Delete";
        case GLFW_KEY_EQUAL: return text + "=";
        case GLFW_KEY_MINUS: return text + "-";
        case GLFW_KEY_KP_ADD: return text + "Keypad +";
        case GLFW_KEY_KP_SUBTRACT: return text + "Keypad -";
        default: return text + "key " + std::to_string(chord.key);
    }
}

std::string key_hint(KeyAction action, std::size_t chord) { return chord_text(binding_for(action).chords.at(chord)); }

std::string step_key_hint(std::size_t index) {
    const std::vector<KeyChord>& chords = binding_for(KeyAction::toggle_step).chords;
    return index < chords.size() ? chord_text(chords[index]) : std::string();
}

std::string with_key_hint(std::string_view label, KeyAction action) {
    return std::string(label) + " [" + key_hint(action) + "]";
}

bool matches(const KeyChord& chord, int key, int mods) {
    if (key != chord.key || chord.ctrl != ((mods & GLFW_MOD_CONTROL) != 0)) return false;
    const bool shift = (mods & GLFW_MOD_SHIFT) != 0;
    switch (chord.shift) {
        case ShiftRule::up: return !shift;
        case ShiftRule::down: return shift;
        case ShiftRule::either: return true;
    }
    return false;
}

void process_keys(AppState& app, bool text_input_active) {
    while (!app.pending_keys.empty()) {
        const KeyPress press = app.pending_keys.front();
        app.pending_keys.pop_front();
        // A count field being typed in keeps its keys, Enter too, though a note is open.
        if (note_being_typed(app) && !app.dialog_open && !app.counting.typing) {
            note_key(app, press.key, press.mods);
            continue;
        }
        if (text_input_active) {
            const bool enter = press.key == GLFW_KEY_ENTER || press.key == GLFW_KEY_KP_ENTER;
            if (app.counting.typing && enter) app.counting.enter_requested = true;
            if (app.rounds.typing_reason && enter) app.rounds.skip_enter_requested = true;
            continue;
        }
        const std::optional<KeyMatch> match = find_match(app, press);
        if (!match) continue;
        run(app, *match, press.at_ms);
    }
}

}  // namespace gemba::gui
