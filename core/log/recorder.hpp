// The live side of a walk: turns taps and edits into events on the session's log.
//
// Every method either appends exactly one event (and says which) or appends nothing and says why.
// One tap is one event, so one undo takes back exactly one tap. The session time of an event is
// the clock's time since the Recorder was attached, continued from the log's last event when the
// session already has events (time while the file was closed is not counted).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/log/clock.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

struct TapResult {
    bool recorded = false;
    EventId event = kNoEvent;  // the appended event when recorded
    bool debounced = false;    // ignored as a second tap within the debounce window
    std::string message;       // why nothing was recorded, for a person
};

// The controls a walk has, for debouncing: a second tap on the same control within
// StudySettings::debounce_ms of the last accepted one is ignored.
enum class Control { next_step, stop_step, step_toggle, new_cycle, waste, timed_waste, pause, undo, redo };

class Recorder {
public:
    // The session's log must be valid (as load_session guarantees); throws std::invalid_argument
    // otherwise. The Recorder keeps references to both arguments.
    Recorder(Session& session, const Clock& clock);
    // The same for a log replayed already: `replayed` is the state of this session's log (as
    // load_session gives it), taken over instead of replaying a large log a second time. Throws
    // std::invalid_argument when it is the state of a log with another last event.
    Recorder(Session& session, const Clock& clock, LogState replayed);

    const Session& session() const { return session_; }
    const LogState& state() const { return state_; }
    // Session time now: milliseconds since the walk started.
    std::int64_t now_ms() const;
    // From now on, session time continues from the log's last event, as for a Recorder attached
    // now: time while the walk stood closed or idle is not counted. Debouncing starts afresh.
    void restart_clock();
    // From now on, session time stands still at the log's last event until restart_clock(): the walk
    // has ended, so an undo, note or edit made before it goes on happens at its end and the time
    // until then is not observation. Debouncing goes on (it is timed on the clock, not the session).
    void hold_clock();
    bool clock_held() const { return clock_held_; }
    // Ends a hold: session time runs again from the log's last event as from clock time `from_ms`
    // (earlier than now: a hold taken back counts the time since). Debouncing goes on.
    void release_clock(std::int64_t from_ms);

    // A work sampling study's clock (core/sampling/sampling_clock.hpp): its session time is this
    // clock's time, never rebased nor held, and never before the log's last event. Without one, the
    // Recorder's own clock is read as it (tests and scripts give it the time since the origin).
    void set_sampling_clock(const Clock* since_origin) { sampling_clock_ = since_origin; }

    // --- A work sampling study (not debounced: one tap per subject, each a different control) ---
    // What `subject` is doing at the current round is `category`.
    TapResult observe(SubjectId subject, CategoryId category);
    // The current round is not taken, for `reason`.
    TapResult skip_round(std::string reason);
    // The round taps go to now: the latest round whose time has come (at or before now); none
    // (kNoRound) before the first round's time. A late tap is the round's, late: the next round takes
    // over only once its own time has come.
    std::int64_t current_round() const;

    // --- Walk controls (debounced) -------------------------------------------------------------
    // Lap mode: starts the next step (the first when nothing ran yet), ending the running one;
    // after the last step a new cycle begins.
    TapResult next_step();
    // Lap mode: ends the running step without starting another (the gap until the next counts as
    // waiting).
    TapResult stop_step();
    // Independent timers: starts the step, or ends it if it runs.
    TapResult toggle_step(StepId step);
    // Independent timers: marks the start of a new cycle. Refused in lap mode, where the lap after
    // the last step does it.
    TapResult new_cycle();
    // An instant waste, attributed to the running step (the latest started), if any.
    TapResult tag_waste(Waste waste, std::string note = {});
    // Starts a timed waste of this kind, or ends the running one.
    TapResult toggle_timed_waste(Waste waste, std::string note = {});
    TapResult toggle_pause();
    // What waits in a queue now, as counted (a typed number), or the latest count (0 before the
    // first) changed by `delta` (a tap +1 / −1). Not debounced: quick taps are how a pile is
    // counted, and a mistaken one is undone like any tap. Allowed while paused. Refused below 0.
    TapResult count_queue(QueueId queue, std::int64_t count);
    TapResult count_queue_by(QueueId queue, std::int64_t delta);
    // The end of the walk, one event per call, not debounced (it is one decision, not a repeated
    // finger): resumes a pause, else ends the latest started step, else ends a running timed waste;
    // refused when nothing runs. WalkDocument::end_walk calls it until then, at one instant.
    TapResult stop_for_end();
    TapResult undo();
    TapResult redo();
    // The same, not debounced: the rest of one decision taken back or done again at once
    // (WalkDocument: End walk's stops are one undo step).
    TapResult undo_rest_of_group();
    TapResult redo_rest_of_group();

    // --- Notes and edits (not debounced) ----------------------------------------------------------
    // A note on an event (target) or on the session (kNoEvent).
    TapResult add_note(std::string text, EventId target = kNoEvent);
    TapResult exclude(EventId reading, std::string reason);
    TapResult include(EventId reading);
    TapResult set_start(EventId reading, std::int64_t start_ms);
    TapResult set_end(EventId reading, std::int64_t end_ms);
    TapResult split(EventId reading, std::int64_t at_ms);
    TapResult insert_reading(StepId step, std::int64_t cycle, std::int64_t start_ms, std::int64_t end_ms);
    TapResult remove(EventId item);
    TapResult restore(EventId item);
    TapResult retag(EventId tag, Waste waste, StepId step);
    TapResult edit_note(EventId note_or_tag, std::string text);

    // --- What the controls would do -------------------------------------------------------------
    bool can_undo() const { return state_.undo_target() != kNoEvent; }
    bool can_redo() const { return state_.redo_target() != kNoEvent; }
    // Lap mode: the running step (the latest started), if any.
    std::optional<StepId> running_step() const;
    // Lap mode: the step next_step would start, and whether that begins a new cycle: the step after
    // the latest tapped one in plan order (edited times and manual readings do not count).
    std::optional<std::pair<StepId, bool>> upcoming_step() const;
    // The running timed waste of a kind, if any.
    const WasteTag* running_timed_waste(Waste waste) const;

private:
    TapResult append(Event event);
    std::optional<TapResult> debounce(Control control, std::int64_t param, std::int64_t now);
    void accept(Control control, std::int64_t param, std::int64_t now);
    TapResult tap(Control control, std::int64_t param, Event event);

    Session& session_;
    const Clock& clock_;
    LogState state_;
    std::int64_t clock_origin_ms_ = 0;  // clock time that maps to session time `time_offset_ms_`
    std::int64_t time_offset_ms_ = 0;
    bool clock_held_ = false;  // session time stands at time_offset_ms_
    const Clock* sampling_clock_ = nullptr;
    std::map<std::pair<Control, std::int64_t>, std::int64_t> last_tap_ms_;  // on the clock
};

}  // namespace gemba
