// What the GUI's controls and keys do, apart from drawing: each is one call into core plus the
// bookkeeping around it (message, recent files, screen). No ImGui here, so tests can drive them directly.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/gui/app_state.hpp"
#include "core/log/recorder.hpp"
#include "core/study/walk.hpp"

namespace gemba::gui {

// Each call below is one call into the walk document (core/study/walk.hpp) plus what the GUI adds:
// the message in the status line, the recent files, the screen to show.

// Starts a fresh walk on `plan` (its steps and settings), not yet saved; without `file`, it gets a
// new file name in the data folder at once, so that its journal has a place from the first tap, and
// the name follows the title until the walk is first saved (FileNaming::follows_title).
void start_session(AppState& app, Plan plan, std::filesystem::path file = {});
// Opens a session file; on failure leaves the current session and shows the problem. When the file
// has a journal (a crash left unsaved events), nothing is opened yet: the recovery dialog asks.
bool open_session(AppState& app, const std::filesystem::path& path);
// Reads the journal of `path` and opens the recovery dialog (or shows why it cannot be read).
void offer_recovery(AppState& app, const std::filesystem::path& path);
// The dialog's answers: fold the journal into the file and open it, or discard the journal.
bool accept_recovery(AppState& app);
bool discard_recovery(AppState& app);
// The session files in the data folder that have a journal, i.e. unsaved work from a crash.
std::vector<std::filesystem::path> find_unsaved_journals(const std::filesystem::path& data_dir);
// The user quits without saving: the journal's events are given up on purpose.
void discard_journal(AppState& app);
// Saves to the session's file (Ctrl+S); without one, to a new file in the data folder.
bool save(AppState& app);
bool save_as(AppState& app, const std::filesystem::path& path);
// Save As onto another file that exists asks first: what that file holds, in words
// (describe_session_file). None: nothing to ask (no such file, the walk's own file, or one that
// save_as refuses anyway because another walk's journal lies beside it).
std::optional<std::string> save_as_would_replace(const AppState& app, const std::filesystem::path& path);

// --- Leaving the current walk ----------------------------------------------------------------------
// Quitting, starting a new walk or opening a file while the current walk has unsaved changes asks
// first, in one dialog (frame.cpp): save, discard or cancel; the action is carried out after a
// save or a discard. Without unsaved changes it is carried out at once.
void request_quit(AppState& app);
void request_start(AppState& app, Plan plan);
void request_open(AppState& app, const std::filesystem::path& path);
enum class UnsavedChoice { save, discard, cancel };
// The dialog's answer. Save: the pending action follows only if the save worked. Discard: the
// journal is given up as on quitting without saving. Cancel: nothing happens.
void answer_unsaved(AppState& app, UnsavedChoice choice);
// Exports the CSV files and the workbook (NAME.xlsx, the same tables as sheets) next to the session
// file (or into the data folder).
bool export_csv_files(AppState& app);
// Writes the HTML report NAME.report.html next to the session file (or into the data folder) and
// says where in the status line.
bool write_report(AppState& app);

// --- Numbers derived from the session, kept between frames (view_cache.hpp) ----------------------
// The screens call these every frame; the work behind them runs once per revision.

// The session's summary, computed when the session changed. While the walk is live, its
// now-dependent numbers (observed time, running timed wastes) age: `refresh_live` also recomputes
// it when it is older than kLiveSummaryRefreshMs. Stats, counts and outliers never depend on now.
inline constexpr std::int64_t kLiveSummaryRefreshMs = 1000;
const SessionSummary& current_summary(AppState& app, bool refresh_live);
// The walk clock: the observed time (pauses left out) now, from a summary of the current revision.
std::int64_t observed_now_ms(const AppState& app, const SessionSummary& summary);
const SessionFacts& session_facts(AppState& app);
const std::vector<StepId>& steps_in_log(AppState& app);

// --- Taps and edits -------------------------------------------------------------------------------

// Posts a message in the status line (an error in red); every screen and action posts through this.
void show(AppState& app, std::string text, bool error);
// Shows what an operation of the document did in the status line.
void show(AppState& app, const Outcome& outcome);
// A walk control (step, cycle, waste, pause) given at `at_ms` on the app's clock (when the input
// arrived), under the walk's clock rules (see WalkDocument).
void control(AppState& app, const std::function<TapResult(Recorder&)>& action, const std::string& what,
             std::int64_t at_ms);
// A tap on an on-screen control: timed at the moment the pointer went down, not at the release
// that ImGui reports as the click.
inline void pointer_tap(AppState& app, const std::function<TapResult(Recorder&)>& action, const std::string& what) {
    control(app, action, what, app.last_pointer_press_ms);
}
// Undo, redo, a note or a review edit, timed now (or at `at_ms`, a key's arrival).
void edit(AppState& app, const std::function<TapResult(Recorder&)>& action, const std::string& what,
          std::optional<std::int64_t> at_ms = std::nullopt);

// A plan change (steps, settings, header fields) made by the Setup screen: typing is journaled
// once, by finish_plan_edit when no field is being edited any more, or after a pause (the document's
// tick, each frame), or before the next event or save.
// `what` names the change for plan undo ("rating of “Pick”"); see WalkDocument::plan_edited.
void plan_changed(AppState& app, std::string_view what = {});
void finish_plan_edit(AppState& app);
// A step's name as typed in Setup. An empty one is not taken (a session file cannot hold it, and a
// journaled plan with it would not load): the last valid name stays and the status line says why.
// True when taken.
bool rename_step(AppState& app, Step& step, std::string name);
// Whether some event of the log names the queue (a count, also an undone one).
bool queue_in_log(AppState& app, QueueId id);
// Why the step cannot be deleted: it has readings, a queue with counts feeds it, or a problem or action
// names it. None: it can.
std::optional<std::string> step_delete_problem(AppState& app, const Step& step);
// Deletes the plan's `index`-th step, with the queues that feed it, as one finished plan edit, and
// says how to undo it; refused with step_delete_problem's reason.
void delete_step(AppState& app, std::size_t index);

// Who touches a step, as Setup edits it: {"Operator", "Team lead"} <-> "Operator, Team lead".
// Read back, entries are trimmed and empty ones dropped.
std::string names_text(const std::vector<std::string>& names);
std::vector<std::string> names_from_text(const std::string& text);
// An optional number of the plan as its Setup field shows it: every digit a whole number has (no
// exponent: 2500000, not 2.5e+06), and 15 significant digits of a fraction, so that it reads back.
std::string plan_number_text(double value);

// --- Queues (where work waits before a step) ---------------------------------------------------------
// Each a finished plan edit of its own, journaled at once and undone with the plan's undo.
// A new queue "Queue N" before the first step; refused on a plan without steps.
void add_queue(AppState& app);
// An empty name is not taken (as for steps); true when taken. Typing: journaled as the step names are.
bool rename_queue(AppState& app, Queue& queue, std::string name);
// Why the queue cannot be removed: the log has counts of it. None: it can.
std::optional<std::string> queue_remove_problem(AppState& app, const Queue& queue);
void remove_queue(AppState& app, std::size_t index);

// --- Counting on the walk ---------------------------------------------------------------------------
// The queue the count keys act on (app.counting.selected, or the first); none without queues.
const Queue* counted_queue(const AppState& app);
// Selects the next (`step` 1) or previous (-1) queue of the plan, round the end.
void select_queue(AppState& app, int step);
// A count of what waits in the queue now, typed or ±1 from the latest, as a walk control at `at_ms`
// (undone like any tap). A count below 0 is refused with the reason.
void count_queue(AppState& app, QueueId queue, std::int64_t count, std::int64_t at_ms);
void count_queue_by(AppState& app, QueueId queue, std::int64_t delta, std::int64_t at_ms);
// A count as typed in the walk's field: a whole number, spaces around it allowed. Anything else is
// refused with the reason; nothing typed does nothing. True when it went to count_queue.
bool count_typed(AppState& app, QueueId queue, const std::string& typed, std::int64_t at_ms);
// Ctrl+Z / Ctrl+Y: on the Setup and Improve screens the plan's own undo (WalkDocument::undo_plan_edit),
// on every other screen the event log's (an undo event, timed at `at_ms`).
void undo(AppState& app, std::optional<std::int64_t> at_ms = std::nullopt);
void redo(AppState& app, std::optional<std::int64_t> at_ms = std::nullopt);


// The folder of templates shipped with Gemba.
std::filesystem::path find_templates_dir();

// The session files to choose from (Compare, the Pooled view): the sessions folder's and the recent
// ones, newest first, the open walk's own file left out.
std::vector<std::filesystem::path> list_session_files(const AppState& app);

}  // namespace gemba::gui
