// The walk document: one walk's whole life in one place, for the GUI, the command-line tool and the
// tests alike. It owns the session, its Recorder, the journal, the revision counter and the file,
// and keeps the rules that tie them together:
// - every accepted event and every finished plan edit is in the journal (fsynced) before the call
//   returns, so a crash loses nothing since the last save;
// - a walk's clock starts at its first event of any kind (t = 0, started_at), not when the walk was
//   set up; a reopened walk continues from its last event at the first new tap, so time while the
//   file was closed is not observation;
// - typing in a plan field is journaled once, when the edit is finished (the field lost focus, or
//   kPlanEditPauseMs passed without a keystroke), and always before the next event or save; a
//   write that failed is tried again after another pause;
// - the journal holds only what can be read back: a plan that would not load is not written;
// - a journal the document did not start itself (another walk's unsaved work at the same file) is
//   never overwritten: the walk is told it is not protected instead;
// - a finished plan edit can be undone (the plan's own undo, apart from the event log's);
// - a new walk named after its title moves, journal and all, when the title changes, until its
//   first save.
// Results come back as values (a message for a person, an error or not); nothing here draws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file/journal.hpp"
#include "core/log/clock.hpp"
#include "core/sampling/sampling_clock.hpp"
#include "core/log/log_state.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"

namespace gemba {

// What an operation did, for the status line.
struct Outcome {
    bool done = false;     // the operation took place (event recorded, file opened or saved ...)
    std::string message;   // for a person; empty: nothing to say
    bool error = false;    // the message reports a failure (a debounced tap is neither done nor an error)
};

// open(): the file was opened, or it has a journal and recovery must be decided first
// (pending_recovery() then says what would come back), or it was refused (the message says why).
struct OpenOutcome : Outcome {
    bool needs_recovery = false;
};

// How a tap uses the walk's clock.
enum class TapKind {
    control,  // a walk control (step, cycle, waste, timed waste, pause): starts or continues the walk's clock
    edit,     // undo, redo, a note or a review edit: timed on the clock as it is
};

// Typing in a plan field is journaled after this long without a keystroke, at the latest.
inline constexpr std::int64_t kPlanEditPauseMs = 1000;

// A session file name from a title: "Line 3 fastening" -> "line-3-fastening.json".
std::string file_name_for(const std::string& title);
// A file in `folder` named after `title` that neither a session nor a session's journal uses yet
// ("walk.json", "walk-2.json" ...): never overwrite another walk, or its unsaved work, by accident.
std::filesystem::path unused_session_path(const std::filesystem::path& folder, const std::string& title);
// What a session file holds, in words, read without opening it as the walk: asked before it is
// replaced. "“Line 3”, 42 readings, last saved 2026-11-28 14:05" (local time of the file's last
// change); a file that does not load says so and why.
std::string describe_session_file(const std::filesystem::path& path);

// How a new walk's file is named.
enum class FileNaming {
    fixed,          // the file given stays (the command line's FILE)
    follows_title,  // renamed after the title, journal and all, until the walk is first saved
};

class WalkDocument {
public:
    // `clock` is not owned and must outlive the document; every time of the walk comes from it.
    // `fs` is what the journal and saves write through (tests make it fail).
    explicit WalkDocument(const Clock& clock, FileSystem& fs = posix_file_system());
    ~WalkDocument();
    WalkDocument(const WalkDocument&) = delete;
    WalkDocument& operator=(const WalkDocument&) = delete;

    // --- What is open ----------------------------------------------------------------------------
    bool has_walk() const { return session_ != nullptr; }
    // The walk (has_walk() must be true).
    const Session& session() const { return *session_; }
    const Recorder& recorder() const { return *recorder_; }
    const LogState& state() const { return recorder_->state(); }
    // Where the walk is (to be) saved: set from the start, so its journal has a place.
    const std::filesystem::path& file() const { return file_; }
    // Bumped by every change: caches of derived numbers are keyed by it. It never goes back, also
    // across walks, so a cache cannot mistake one walk for another.
    std::uint64_t revision() const { return revision_; }
    // The revision of the last change to the event log (plan edits leave it).
    std::uint64_t log_revision() const { return log_revision_; }
    // Changes since the last open or save.
    bool dirty() const { return has_walk() && revision_ != saved_revision_; }
    // The walk is live (LogState::live): a step or a timed waste runs, or the walk is paused.
    bool live() const;
    // The walk's clock moves: the walk is live and not paused.
    bool clock_running() const { return live() && !state().paused() && !recorder_->clock_held(); }
    // "Now" for summaries: the session time while the walk is live; otherwise none, so that a stored
    // walk's numbers do not change while it is on screen.
    std::optional<std::int64_t> summary_now() const;

    // --- Life of the walk ------------------------------------------------------------------------
    // A new walk on `plan` (started_at cleared), not yet saved, to be saved at `file`. With
    // FileNaming::follows_title the file moves in its folder when the title changes (an unused name
    // from unused_session_path, checked when the plan is next journaled or saved): the journal is
    // started afresh at the new name before the old one is removed, so a crash in between leaves
    // two copies, never none.
    void start(Plan plan, std::filesystem::path file, FileNaming naming = FileNaming::fixed);
    // Opens a session file. A file with a journal is not opened: the recovery is offered instead.
    // On failure the current walk stays.
    OpenOutcome open(const std::filesystem::path& path);
    // A valid session already in memory (load_session's), as if just opened from `file`, which is
    // not read: nothing unsaved, nothing journaled yet.
    void open(Session session, std::filesystem::path file);
    // The same with the session's log as load_session replayed it, so that it is not replayed again.
    void open(Session session, LogState replayed, std::filesystem::path file);
    // Reads `path`'s journal and holds what recovering it would give (pending_recovery()).
    Outcome offer_recovery(const std::filesystem::path& path);
    const Recovery* pending_recovery() const { return recovery_ ? &*recovery_ : nullptr; }
    const std::filesystem::path& recovery_file() const { return recovery_file_; }
    // Writes the recovered walk into its file, removes the journal (or keeps it aside when records
    // were left out, and says where) and opens the file.
    OpenOutcome accept_recovery();
    // Removes the journal unused, then opens the file if there is one.
    OpenOutcome discard_recovery();
    // Decides later: the journal stays on disk.
    void dismiss_recovery();
    // Saves to file() / to `path` (which becomes file()); the journal's work is then in the file.
    // save() first renames a new walk after its title (FileNaming::follows_title), even one typed
    // just now and not yet journaled; save_as takes `path` as given. The GUI's Save and the CLI call save().
    Outcome save();
    Outcome save_as(const std::filesystem::path& path);
    // The user quits without saving: the journal's events are given up on purpose.
    Outcome discard_journal();

    // The wall clock a work sampling study's time comes from (milliseconds since the Unix epoch; the
    // system's by default, a ManualClock in tests). `wall` is not owned and must outlive the document.
    // A sampling study's taps are timed on it when they run, not at the input's moment.
    void set_wall_clock(const Clock& wall);
    // A work sampling study's clock now: the wall time since its schedule's origin (0 without one),
    // what its rounds and summaries are read against.
    std::int64_t sampling_now() const;

    // --- Taps ------------------------------------------------------------------------------------
    // Runs one Recorder operation at `at_ms` on the clock (when the input arrived; none: now) and
    // journals the event it appends. `what` is the message for a recorded event.
    Outcome tap(TapKind kind, const std::function<TapResult(Recorder&)>& action, const std::string& what,
                std::optional<std::int64_t> at_ms = std::nullopt);

    // Ends the walk at `at_ms` on the clock (none: now): resumes a pause and stops every running
    // step and timed waste, all at one instant (one event each, journaled as taps are). Then the
    // walk's clock stands still: an undo, note or edit before the next control happens at the end,
    // and the next control continues the walk as a new stretch from there, the time between not
    // counted (as for a reopened walk). The file needs nothing more: the end is the stops.
    Outcome end_walk(std::optional<std::int64_t> at_ms = std::nullopt);
    // End walk is one decision, so its stops are one undo step: an undo (redo) that takes back (does
    // again) one of them takes back (does again) the rest at the same instant. Undone, the walk was
    // never ended: its clock runs on from the end as if it had not stood still, so a step restored
    // after a mis-tap keeps the time it went on running on the floor. Redone, the walk ends again
    // there, at the redo. Anything else that makes a step run again while the clock stands still
    // (an undo on a reopened walk) lets the clock run from that moment: a running step is never
    // frozen.
    // The walk has ended (or was reopened) and its clock waits for the next control; nothing runs.
    bool ended() const { return has_walk() && !session_->events.empty() && rebase_clock_on_next_control_; }

    // --- Plan edits ------------------------------------------------------------------------------
    // The plan to edit in place; report each change with plan_edited().
    Plan& plan() { return *session_; }
    // A change to plan(): counted at once, journaled when finished (finish_plan_edit), after a pause
    // (tick), or before the next event or save, whichever comes first. `what` names it for undo
    // ("delete Fasten"); the changes until it is finished are one undo step, named by the first.
    void plan_edited(std::string_view what = {});
    // Journals a pending plan edit now (a field lost focus; a moment a crash must not lose it).
    Outcome finish_plan_edit();
    // Called often (each frame): journals a plan edit that saw no keystroke for kPlanEditPauseMs.
    Outcome tick();
    bool plan_edit_pending() const { return plan_edit_pending_; }

    // Plan undo: a stack of its own, apart from the event log's undo (an undone tap stays in the log
    // as an undo event; a plan has no log: its earlier states are kept here, in memory, for the walk
    // while it is open). An unfinished edit is finished first, so it is the one undone. Each undo or
    // redo is journaled as a plan record like any plan edit. Refused, with the reason, when the
    // plan it would bring back lacks a step or a queue the log names, or changes the timing mode
    // while a step runs.
    Outcome undo_plan_edit();
    Outcome redo_plan_edit();
    // What undo_plan_edit / redo_plan_edit would undo or redo ("delete Fasten"); none: nothing.
    std::optional<std::string> plan_undo_name() const;
    std::optional<std::string> plan_redo_name() const;

private:
    // `replayed`: the session's log replayed already, if it was.
    void replace(Session session, std::filesystem::path file, std::optional<LogState> replayed = std::nullopt);
    // The walk just opened is as its file: nothing unsaved; the clock continues at the first tap.
    void mark_opened();
    bool ensure_journal(Outcome& outcome);
    void drop_broken_journal();
    bool holds_unsaved_work_of_another_walk(const std::filesystem::path& file) const;
    // `journal_started`: set when the journal was started afresh (the plan, then every unsaved event).
    bool journal_plan(Outcome& outcome, bool* journal_started = nullptr);
    std::optional<std::string> plan_problem() const;
    // Renames a never-saved walk's file after its title; true when that started the journal afresh
    // there, with the plan as it is now.
    bool follow_title(Outcome& outcome);
    // Plan undo: ends the open undo step; puts a kept plan back (started_at stays) and journals it.
    void close_plan_undo_step();
    std::optional<std::string> plan_restore_problem(const Plan& plan) const;
    void restore_plan(Plan plan, Outcome& outcome);
    // After an edit tap: End walk undone or redone as one step, and the clock's hold released when
    // something runs again.
    void follow_end_undo(std::optional<std::int64_t> at_ms, Outcome& outcome);

    // The clock of taps: the document's clock, or the moment the input arrived while a tap runs.
    class InputClock final : public Clock {
    public:
        explicit InputClock(const Clock& base) : base_(base) {}
        std::int64_t now_ms() const override { return pinned_ ? *pinned_ : base_.now_ms(); }
        std::int64_t base_ms() const { return base_.now_ms(); }
        void pin(std::optional<std::int64_t> ms) { pinned_ = ms; }

    private:
        const Clock& base_;
        std::optional<std::int64_t> pinned_;
    };

    InputClock clock_;
    FileSystem& fs_;
    // Behind pointers: the Recorder keeps a reference to the session.
    std::unique_ptr<Session> session_;
    std::unique_ptr<Recorder> recorder_;
    const Clock* wall_clock_;
    std::unique_ptr<SamplingClock> sampling_clock_;  // of session_ on *wall_clock_: the Recorder's for a sampling study
    std::filesystem::path file_;
    std::uint64_t revision_ = 0;
    std::uint64_t saved_revision_ = 0;
    std::uint64_t log_revision_ = 0;
    // Started at the first change after a save (or open), so that only viewing a file writes nothing.
    std::unique_ptr<Journal> journal_;
    // The journal file this walk created (a start cut short, a remove that failed): it may start
    // that one afresh, never another.
    std::filesystem::path own_journal_;
    EventId last_saved_event_ = kNoEvent;  // the last event the file on disk holds
    bool rebase_clock_on_next_control_ = false;
    // The last End walk's stops while they are the walk's end (until the next control), or while
    // their undo can be redone; the clock time of that end; set while one is undone or redone.
    std::vector<EventId> end_stops_, undone_end_stops_;
    std::int64_t ended_at_ms_ = 0;
    bool following_end_undo_ = false;
    bool plan_edit_pending_ = false;
    bool plan_write_failed_ = false;      // the pending plan edit's last write failed: retried after a pause
    std::int64_t last_plan_edit_ms_ = 0;  // clock time of the latest unjournaled plan edit, or failed write
    bool name_follows_title_ = false;
    std::string named_after_title_;  // the title file_ was named after
    // Plan undo: each step is the plan before (undo) or after (redo) a finished edit, and its name.
    struct PlanStep {
        Plan plan;
        std::string what;
    };
    std::vector<PlanStep> plan_undo_, plan_redo_;
    // Undo or redo of the plan: restores `from`'s last plan and keeps the current one in `to`.
    Outcome step_plan_history(std::vector<PlanStep>& from, std::vector<PlanStep>& to, std::string_view verb,
                              std::string_view done);
    Plan plan_at_step_start_;                    // the plan after the last finished edit
    std::optional<std::string> open_plan_step_;  // an undo step is open (edits not finished): its name
    std::int64_t last_plan_change_ms_ = 0;       // clock time of the latest plan_edited
    std::filesystem::path recovery_file_;
    std::optional<Recovery> recovery_;
    mutable std::optional<std::uint64_t> live_revision_;  // live_ holds for this revision
    mutable bool live_ = false;
};

}  // namespace gemba
