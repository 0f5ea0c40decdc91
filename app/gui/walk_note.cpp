#include "app/gui/walk_note.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "app/gui/actions.hpp"
#include "core/report/event_text.hpp"
#include "core/report/numbers.hpp"

namespace gemba::gui {
namespace {

// Scans back past notes, undos and review edits: a handful of events at most.
const Event* current_walk_event(const Session& session, const LogState& state) {
    for (auto e = session.events.rbegin(); e != session.events.rend(); ++e)
        if (is_walk_tap(e->kind) && !state.is_undone(e->id)) return &*e;
    return nullptr;
}

const Event* find_event(const Session& session, EventId id) {
    for (auto e = session.events.rbegin(); e != session.events.rend(); ++e)
        if (e->id == id) return &*e;
    return nullptr;
}

// The cycle an event belongs to: its reading's for a step start or lap; otherwise the cycle of the
// latest reading tapped before it (one after it for a new cycle). Readings are in id order, and the
// event is one of the latest: the scan back is short.
std::int64_t cycle_of(const LogState& state, const Event& e) {
    if (const Reading* r = state.find_reading(e.id)) return r->cycle;
    std::int64_t cycle = 1;
    for (auto r = state.readings().rbegin(); r != state.readings().rend(); ++r)
        if (!r->manual && r->id < e.id) {
            cycle = r->cycle;
            break;
        }
    return e.kind == EventKind::cycle ? cycle + 1 : cycle;
}

}  // namespace

void open_note(AppState& app) {
    if (!app.doc.has_walk() || app.note.open) return;
    const Event* current = current_walk_event(app.doc.session(), app.doc.state());
    app.note = NoteDraft{true, current ? current->id : kNoEvent, current == nullptr, {}};
}

bool save_note(AppState& app) {
    if (!app.note.open) return false;
    app.note.save_requested = false;
    while (!app.note.text.empty() && app.note.text.back() == '\n') app.note.text.pop_back();
    if (app.note.text.empty()) {
        cancel_note(app);
        return true;
    }
    const EventId target = app.note.on_session ? kNoEvent : app.note.event;
    const std::string text = app.note.text;
    const std::size_t notes_before = app.doc.state().notes().size();
    edit(app, [&](Recorder& r) { return r.add_note(text, target); }, "Note added");
    if (app.doc.state().notes().size() == notes_before) return false;
    cancel_note(app);
    return true;
}

void cancel_note(AppState& app) { app.note = NoteDraft{}; }

void keep_note_draft(AppState& app) {
    if (app.note.open && !app.note.text.empty()) save_note(app);
}

bool note_being_typed(const AppState& app) { return app.note.open && app.screen == Screen::walk; }

void note_key(AppState& app, int key, int mods) {
    if (key == GLFW_KEY_ESCAPE) {
        cancel_note(app);
    } else if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) {
        if ((mods & (GLFW_MOD_SHIFT | GLFW_MOD_CONTROL)) == GLFW_MOD_SHIFT) ++app.note.new_lines;
        else app.note.save_requested = true;
    }
}

std::string note_event_text(const AppState& app) {
    const Session& session = app.doc.session();
    const Event* e = app.note.event == kNoEvent ? nullptr : find_event(session, app.note.event);
    if (!e) return {};
    const LogState& state = app.doc.state();
    std::string what = describe_event(session, *e);
    if (e->kind == EventKind::waste_end)
        if (const WasteTag* tag = state.find_tag(e->target)) what = std::string(display_name(tag->waste)) + " (timed) ended";
    return what + " · cycle " + std::to_string(cycle_of(state, *e)) + " · at " +
           format_duration(static_cast<double>(state.walk_clock_ms(e->t_ms)));
}

}  // namespace gemba::gui
