// What the event log means: the readings, waste tags, notes and pauses it has recorded, derived by
// replaying it. The same rules check a log loaded from a file and every event the Recorder appends,
// so a file can only hold what a walk can produce.
//
// Undo and redo follow a stack: undo targets the latest effective action, redo the latest undone
// one, and any new action clears what could be redone. Undone events stay in the log; their effect
// is left out of the replay.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/model/session.hpp"

namespace gemba {

struct Reading {
    EventId id = kNoEvent;  // the event that created it: step_start, lap, split or insert_reading
    StepId step = kNoStep;
    std::int64_t cycle = 1;
    std::int64_t start_ms = 0;
    std::optional<std::int64_t> end_ms;  // empty while the step runs
    bool manual = false;                 // inserted by hand after the fact
    bool excluded = false;
    std::string exclude_reason;
    bool removed = false;  // soft-deleted; restorable

    bool running() const { return !end_ms.has_value(); }
    // Valid readings feed the statistics: complete, not excluded, not removed.
    bool valid() const { return !running() && !excluded && !removed; }
};

struct WasteTag {
    EventId id = kNoEvent;  // the waste_tag or waste_start event
    Waste waste = Waste::defects;
    StepId step = kNoStep;  // the step running when it was tagged, if any
    std::string note;
    std::int64_t start_ms = 0;
    std::optional<std::int64_t> end_ms;  // timed tags only; empty while running
    bool timed = false;
    bool removed = false;

    bool running() const { return timed && !end_ms.has_value(); }
};

struct Note {
    EventId id = kNoEvent;
    std::int64_t t_ms = 0;
    EventId target = kNoEvent;  // the event it comments on; kNoEvent: the session
    std::string text;
    bool removed = false;
};

// What waited in a queue when it was counted (an undone count is not here).
struct QueueCount {
    EventId id = kNoEvent;  // the queue_count event
    QueueId queue = kNoQueue;
    std::int64_t count = 0;
    std::int64_t t_ms = 0;
};

// What a subject was seen doing at a round of a work sampling study (an undone one is not here).
struct Observation {
    EventId id = kNoEvent;  // the observation event
    std::int64_t round = kNoRound;
    SubjectId subject = kNoSubject;
    CategoryId category = kNoCategory;
    std::int64_t t_ms = 0;  // when it was tapped: its lateness is t_ms − the round's time
};

// A round of a work sampling study not taken, and why (an undone skip is not here).
struct SkippedRound {
    EventId id = kNoEvent;  // the round_skip event
    std::int64_t round = kNoRound;
    std::string reason;
    std::int64_t t_ms = 0;
};

struct PauseInterval {
    std::int64_t start_ms = 0;
    std::optional<std::int64_t> end_ms;  // empty while paused
};

// A rule of the log broken by one event.
struct LogError {
    std::size_t event_index = 0;  // position in Session::events
    EventId event_id = kNoEvent;
    std::string message;  // "step 3 is not running", in words for a person
};

class LogState {
public:
    // Replays the whole log. Stops at the first broken rule.
    static LogState replay(const Session& session, std::optional<LogError>* error = nullptr);

    // Checks the event against the current state; when it fits, applies it and returns no error.
    // `event` must be the next event of the session's log (the caller appends it on success).
    // Redo applies the undone event again, taken from the log, which is why the session is needed.
    std::optional<std::string> apply(const Session& session, const Event& event);

    const std::vector<Reading>& readings() const { return readings_; }
    const std::vector<WasteTag>& tags() const { return tags_; }
    const std::vector<Note>& notes() const { return notes_; }
    const std::vector<PauseInterval>& pauses() const { return pauses_; }
    // Every count of every queue, in the order taken.
    const std::vector<QueueCount>& queue_counts() const { return queue_counts_; }
    // The latest count of the queue; none before its first.
    std::optional<std::int64_t> last_count(QueueId queue) const;
    // A work sampling study's observations and skipped rounds, in the order taken.
    const std::vector<Observation>& observations() const { return observations_; }
    const std::vector<SkippedRound>& skipped_rounds() const { return skipped_rounds_; }
    // Whether the subject has an observation in the round, and whether the round was skipped.
    bool observed(std::int64_t round, SubjectId subject) const { return observed_.count({round, subject}) > 0; }
    bool round_skipped(std::int64_t round) const { return skipped_.count(round) > 0; }

    const Reading* find_reading(EventId id) const;
    const WasteTag* find_tag(EventId id) const;
    const Note* find_note(EventId id) const;

    bool paused() const { return !pauses_.empty() && !pauses_.back().end_ms; }
    // The walk is live: a step runs, a timed waste that is not deleted runs, or the walk is paused.
    // The one rule for the walk document, the summary and the screens. Scans the tags: callers
    // asked every frame keep the answer per change to the log.
    bool live() const;
    std::int64_t current_cycle() const { return current_cycle_; }
    // Readings running now, in the order they started.
    std::vector<const Reading*> running_readings() const;
    // The running reading of a step, if the step runs.
    const Reading* running_reading_of(StepId step) const;

    // Undo targets undo_target(), redo targets redo_target(); kNoEvent when there is none.
    EventId undo_target() const { return undo_stack_.empty() ? kNoEvent : undo_stack_.back(); }
    EventId redo_target() const { return redo_stack_.empty() ? kNoEvent : redo_stack_.back(); }
    bool is_undone(EventId id) const;

    // Paused time inside [from, to], counting a pause still running as lasting until `to`.
    // Inline for the usual walk without pauses: summaries ask it for every reading.
    std::int64_t paused_ms_between(std::int64_t from_ms, std::int64_t to_ms) const {
        return pauses_.empty() ? 0 : paused_ms_within(from_ms, to_ms);
    }
    // The walk clock: session time with the pauses before it left out, the time the walk screen's
    // clock shows and every screen, dialog and CSV file gives. A reading's duration is the
    // difference of the walk-clock times of its end and start.
    std::int64_t walk_clock_ms(std::int64_t session_ms) const {
        return session_ms - paused_ms_between(0, session_ms);
    }
    // The session time at which the walk clock reads `walk_ms`. The walk clock stands still through
    // a pause, so a time that falls on one means the moment the pause began (before: how a reading
    // that ends there is read) or the moment it was resumed (after: a reading that starts there);
    // either way no paused time enters a duration. After a pause still running, the pause is taken
    // as ending at its start (its length is not known yet).
    enum class PauseSide { before, after };
    std::int64_t session_ms_at(std::int64_t walk_ms, PauseSide side) const;
    // A reading's duration with paused time left out; a running reading counts until now_ms.
    std::int64_t duration_ms(const Reading& reading, std::int64_t now_ms) const {
        const std::int64_t end = reading.end_ms.value_or(std::max(now_ms, reading.start_ms));
        return end - reading.start_ms - paused_ms_between(reading.start_ms, end);
    }
    std::int64_t duration_ms(const WasteTag& tag, std::int64_t now_ms) const {
        if (!tag.timed) return 0;
        const std::int64_t end = tag.end_ms.value_or(std::max(now_ms, tag.start_ms));
        return end - tag.start_ms - paused_ms_between(tag.start_ms, end);
    }

    // The id of the last event applied; kNoEvent before the first. A state is the state of a log
    // whose last event has this id.
    EventId last_event() const { return last_id_; }

    // The latest time the walk itself (not an edit, note, undo or redo) was tapped, of the taps that
    // still count: an undone tap never extends the observation. 0 if none.
    std::int64_t last_walk_ms() const { return last_walk_ms_; }

private:
    // apply() for the event at `index` of the session's log (the events before it already applied).
    std::optional<std::string> apply_next(const Session& session, std::size_t index, const Event& event);
    std::optional<std::string> record_order(const Event& event);
    std::int64_t paused_ms_within(std::int64_t from_ms, std::int64_t to_ms) const;  // with pauses
    std::optional<std::string> apply_effect(const Session& session, const Event& event);
    // How to take back one applied action, in 16 bytes: there is one per action of the log. An
    // action appends at most one reading, tag, note and pause, advances the cycle by one at most,
    // and changes at most one item that was there before it: a running reading, timed tag or pause
    // it ends (only the end to clear), or an item an edit changes (kept whole on the matching
    // *_before_ stack, taken back in the same order).
    struct Change {
        enum class Touched : std::uint8_t { nothing, reading_end, tag_end, pause_end, reading, tag, note };
        std::size_t index = 0;  // of the touched item
        Touched touched = Touched::nothing;
        bool added_reading = false, added_tag = false, added_note = false, added_pause = false, added_count = false;
        bool next_cycle = false;
        // An observation or a skipped round: the one of the two lists whose last entry is newer.
        bool added_round_mark = false;
    };
    // apply_effect, remembering how to take it back.
    std::optional<std::string> apply_action(const Session& session, const Event& event);
    void take_back(const Change& change);
    std::optional<std::string> apply_undo_redo(const Session& session, std::size_t index, const Event& event);
    // The event with this id before position `index` of the log, if any.
    static const Event* earlier_event(const Session& session, std::size_t index, EventId id);
    // The time of the latest walk tap that is not undone, of the log before position `index`; 0 if none.
    std::int64_t latest_effective_walk_ms(const Session& session, std::size_t index) const;
    // Positions by id; kNotFound when there is none. The lists are in id order: an action appends
    // items with its own id, and undo/redo follow a stack, so every item there is older.
    static constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);
    std::size_t reading_index(EventId id) const;
    std::size_t tag_index(EventId id) const;
    std::size_t note_index(EventId id) const;
    std::size_t running_index(StepId step) const;
    void set_running(StepId step, std::size_t index);
    void clear_running(StepId step);
    bool accepted(EventId id) const;
    void accept(EventId id);
    Reading* reading(EventId id);
    WasteTag* tag(EventId id);
    Note* note(EventId id);

    std::vector<Reading> readings_;
    std::vector<WasteTag> tags_;
    std::vector<Note> notes_;
    std::vector<PauseInterval> pauses_;
    std::vector<QueueCount> queue_counts_;
    std::vector<Observation> observations_;
    std::vector<SkippedRound> skipped_rounds_;
    std::set<std::pair<std::int64_t, SubjectId>> observed_;  // (round, subject) of observations_
    std::map<std::int64_t, std::int64_t> observations_in_round_;
    std::set<std::int64_t> skipped_;  // the rounds of skipped_rounds_
    // paused_before_[i]: the total length of pauses_[0, i), all of them ended.
    std::vector<std::int64_t> paused_before_;
    // The running reading of each running step: one entry per running step, so a handful.
    std::vector<std::pair<StepId, std::size_t>> running_;
    std::int64_t current_cycle_ = 1;
    std::int64_t last_walk_ms_ = 0;
    EventId last_id_ = kNoEvent;
    std::int64_t last_t_ms_ = 0;
    std::vector<EventId> undo_stack_, redo_stack_;
    std::vector<Change> changes_;  // one per entry of undo_stack_
    std::vector<Reading> reading_before_;
    std::vector<WasteTag> tag_before_;
    std::vector<Note> note_before_;
    std::unordered_set<EventId> undone_;
    // The ids of every event applied, for note targets: runs of consecutive ids, first and last
    // (one run for the usual log numbered 1, 2, 3 ...).
    std::vector<std::pair<EventId, EventId>> accepted_runs_;
};

// Where a reading typed in by hand most likely belongs, in session time: the gap after `after`
// (from its end to the start of the next reading not deleted, or to now), or with no reading given
// the gap after the reading that ended last (from its end, or 0, to now). Never ends before it starts.
struct TimeSpan {
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
};
TimeSpan gap_after(const LogState& state, const Reading* after, std::int64_t now_ms);

// "12.345 s" style rendering of a millisecond time for messages.
std::string seconds_text(std::int64_t ms);

}  // namespace gemba
