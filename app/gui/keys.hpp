// The key bindings: one table that the key handler dispatches from and that the on-screen hints, the
// start screen's key help, `gemba --help` and the README's key table (checked by a test) are read from.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/gui/app_state.hpp"

namespace gemba::gui {

enum class KeyAction {
    next_step,           // lap timing: end the running step, start the next
    toggle_step,         // independent timers: the chord's index is the step's place in the plan
    tag_waste,           // the chord's index in the binding is the waste's index in kWastes
    toggle_timed_waste,  // likewise
    toggle_pause,
    select_queue,  // chord 0: the next queue to count, chord 1: the previous one
    count_up,      // the selected queue's count +1
    count_down,    // −1
    note,
    end_walk,
    tally_category,  // the round screen: the chord's index is the key's place in 0-9, A-Z
    choose_subject,  // the round screen: chords 0 and 2 the previous subject, 1 and 3 the next
    skip_round,      // the round screen: the skip's reason field, to type why
    add_why,   // Improve, Problems: a why added to the chosen problem, its answer ready to type
    new_idea,  // Improve, Problems: the new idea's field ready to type
    choose_card,  // the board of actions: the chord's index is the way (left, right, up, down)
    move_card,    // chord 0: the chosen card to the column on its left, chord 1: on its right
    undo,
    redo,
    save,
    save_as,
    export_csv,
    write_report,
    ui_scale_up,
    ui_scale_down,
};

// Where a binding works. Keys never work while a text field has focus: they are typing then.
enum class KeyScope {
    walk,     // the walk screen of a time study, with no dialog open on it
    problems,  // the Improve screen's Problems view, with no dialog open on it
    session,  // any screen, once a session is open
    always,   // any screen, with or without a session
    board,    // the Improve screen's board of actions, with no dialog open on it
    rounds,   // the round screen of a work sampling study (the Rounds tab), with no dialog open on it
};

// Shift is part of some chords (Shift+1 times a waste, 1 tags it) and ignored by others, so that
// Ctrl++ (Ctrl+Shift+= on most layouts) scales like Ctrl+=. Alt and the lock keys are always ignored.
enum class ShiftRule { up, down, either };

// One key with its modifiers, as GLFW reports them.
struct KeyChord {
    int key = 0;  // GLFW_KEY_*
    bool ctrl = false;
    ShiftRule shift = ShiftRule::either;
};

struct KeyBinding {
    KeyAction action;
    std::vector<KeyChord> chords;  // any of them; the first is the one buttons show
    std::string_view label;        // how people read it: "Shift + 1 – 8", "Ctrl+Shift+Z or Ctrl+Y"
    std::string does;              // what it does, in the words of the README's key table
    KeyScope scope;
};

// Every binding, in the order the README and the start screen list them.
const std::vector<KeyBinding>& key_bindings();
const KeyBinding& binding_for(KeyAction action);
// "Walk screen", "Any screen with a session", "Any screen".
std::string_view scope_text(KeyScope scope);

// A run of bindings of one scope in key_bindings(): a group of the key help.
struct KeyGroup {
    KeyScope scope;
    std::span<const KeyBinding> bindings;
};
// key_bindings() as its groups, in order: the start screen's key help and `gemba --help` list them so.
std::vector<KeyGroup> key_groups();

// A chord as a person reads it: "Space", "Shift+3", "Ctrl+Y".
std::string chord_text(const KeyChord& chord);
// The hint a control shows for its key: the binding's `chord`-th chord ("Ctrl+Y" for redo, "Shift+3"
// for the third timed waste).
std::string key_hint(KeyAction action, std::size_t chord = 0);

// A control's label with its key: "Pause [P]".
std::string with_key_hint(std::string_view label, KeyAction action);

// Whether a press (GLFW key and mods) is this chord.
bool matches(const KeyChord& chord, int key, int mods);

// The key that toggles the step at `index` of the plan (independent timers), "" for a step after the
// last key: such steps are toggled by their buttons only.
std::string step_key_hint(std::size_t index);

// The keys pressed since the last frame (app.pending_keys, filled by the GLFW callback), each
// dispatched from the table to the action it is bound to where the app is now, timed at the moment
// it went down. `text_input_active`: a text field has focus, so the keys are typing and are dropped.
// While a walk note is typed (from the N that opened it on) the keys are the note's (note_key).
void process_keys(AppState& app, bool text_input_active);

}  // namespace gemba::gui
