// What the GUI's controls and keys do, apart from drawing: each is one call into core plus the
// bookkeeping around it (revision, message). No ImGui here, so tests can drive them directly.
#pragma once

#include <filesystem>
#include <string>

#include "app/gui/app_state.hpp"
#include "core/log/recorder.hpp"

namespace gemba::gui {

// Starts a fresh walk on `plan` (its steps and settings; its events are dropped), not yet saved.
void start_session(AppState& app, Session plan, std::filesystem::path file = {});
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
// Exports the CSV files next to the session file (or into the data folder).
bool export_csv_files(AppState& app);

// The recorder for a walk tap. Before the first event it restarts the session clock, so that the
// walk starts (t = 0, started_at) at the first tap, not when the screen opened. A session opened
// with nothing running continues from its last event at the first new tap: time while the file
// was closed or idle is not observation.
Recorder& walk_recorder(AppState& app);

// True while the walk is live: a step or timed waste runs, or the walk is paused.
bool walk_live(const AppState& app);
// "Now" for summaries: the recorder's time while the walk is live; otherwise none, so that a stored
// walk's numbers do not change while it is on screen.
std::optional<std::int64_t> summary_now(const AppState& app);

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

// A recorder result: bumps the revision when recorded, and shows refusals and debounces.
void report(AppState& app, const TapResult& result, const std::string& what);
// A tap on an on-screen control: timed at the moment the pointer went down, not at the release
// that ImGui reports as the click.
template <class Action>
void pointer_tap(AppState& app, Action&& action, const std::string& what) {
    app.clock.pin(app.last_pointer_press_ms);
    report(app, action(walk_recorder(app)), what);
    app.clock.unpin();
}

// A plan change (steps, settings, header fields) made by the Setup screen.
void plan_changed(AppState& app);

// A plan file name from a title: "Line 3 fastening" -> "line-3-fastening.json".
std::string file_name_for(const std::string& title);

// The folder of templates shipped with Gemba.
std::filesystem::path find_templates_dir();

}  // namespace gemba::gui
