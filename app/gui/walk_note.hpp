// The walk note: typed while the walk goes on (the clock runs, the walk's buttons record), attached
// to the event that was current when it was opened. No ImGui here: tests drive it directly.
#pragma once

#include <string>

#include "app/gui/app_state.hpp"

namespace gemba::gui {

// Opens the note on the walk (N, or the Note button) on the event current now: the latest walk tap
// (a step, a cycle, a waste, a pause) that is not undone; with none yet, on the session. A note
// already open stays as it is.
void open_note(AppState& app);
// Adds the note on its event or the session and closes it; an empty note is only closed. When the
// walk refuses it, it stays open (the status line says why) and false is returned.
bool save_note(AppState& app);
void cancel_note(AppState& app);
// Before the walk is left (quit, another walk): a note with text is saved on its event, so that it
// counts among the walk's unsaved changes instead of vanishing with the screen.
void keep_note_draft(AppState& app);
// The keys are typing: a note is open on the walk screen.
bool note_being_typed(const AppState& app);
// A key pressed while the note is typed: Enter (or Ctrl+Enter) saves, Shift+Enter starts a new
// line, Esc cancels; the others are its text, which ImGui's text field takes from the characters.
void note_key(AppState& app, int key, int mods);
// The note's event as a person reads it, by step, cycle and walk-clock time (pauses left out):
// "Lap: Pick → Fasten · cycle 2 · at 1:05.3". Empty when there is no event to attach to.
std::string note_event_text(const AppState& app);

}  // namespace gemba::gui
