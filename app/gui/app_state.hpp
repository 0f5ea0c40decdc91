// The GUI's one explicit state, passed by reference to every screen. Screens never compute numbers:
// they call core (the walk document for taps, edits, files; summarize for numbers, once per change:
// see view_cache.hpp) and show what it returns.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/settings.hpp"
#include "app/gui/view_cache.hpp"
#include "core/analysis/pool.hpp"
#include "core/analysis/pool_sampling.hpp"
#include "core/log/clock.hpp"
#include "core/model/session.hpp"
#include "core/sampling/sampling_clock.hpp"
#include "core/report/action_board.hpp"
#include "core/report/compare_report.hpp"
#include "core/study/walk.hpp"

namespace gemba::gui {

enum class Screen { start, setup, walk, review, summary, map, improve };

// What the Improve screen shows: the problems (5 Whys, ideas, actions), the board of actions, or
// the before/after comparison of two walks.
enum class ImproveView { problems, board, compare };

// A field of the Problems view a key asked to type in, given the keyboard in its next frame.
enum class ProblemsField { none, last_because, new_idea };
// The Improve screen's board of actions (ui_board.cpp; board_actions.hpp does its work).
struct BoardView {
    bool folder = false;  // also the other walks of the open walk's folder (read-only): "All walks in this folder"
    std::optional<std::size_t> walk;    // only this walk of the board's walks (0: the open walk)
    std::optional<std::string> owner;   // only this owner's actions ("": nobody's yet)
    ActionId chosen = 0;                // the card the keys act on (an action of the open walk); 0: none
    bool reveal_chosen = false;         // the keys chose or moved it: scroll it into view
    // The folder's other walks, read once (when asked for, or when the open walk's file changed).
    std::filesystem::path read_for;  // the open walk's file when they were read; empty: not read
    WalksRead others;
    // The board as shown, made again when the walk, a filter, the day or the folder's walks changed.
    std::vector<BoardWalk> walks;  // the open walk first, then (folder) the others
    ActionBoard shown;
    bool stale = true;
    std::uint64_t shown_revision = 0;
    std::string shown_today;
};

// What the Review screen lists.
enum class ReviewList { readings, tags, notes, counts };
struct ReviewView {
    ReviewList list = ReviewList::readings;
    StepId step = kNoStep;  // readings of this step; kNoStep: all steps
};

// How the Map screen shows the value stream: as the map or as a kanban board, and at what zoom.
struct MapView {
    bool board = false;
    float zoom = 0.0f;          // 0: not chosen yet; the first frame fits the map (see ui_map.cpp)
    bool fit_requested = false;  // "Fit" was pressed: the next frame fits the whole map
};

// The Compare view of the Improve screen: a saved walk against the open one (before and after, or
// swapped), computed once per change of its inputs (the file and its time, the side, the open
// walk's revision), never per frame.
struct CompareView {
    std::string file;                  // the saved walk compared with the open one: chosen or typed
    std::string typed_path;            // the path field as typed, until Enter takes it
    bool open_walk_is_before = false;  // false: the file is the before walk and the open walk the after
    std::vector<std::filesystem::path> session_files;  // to choose from: the sessions folder and the recent files
    bool files_listed = false;                         // listed when the view is first shown and on Refresh
    // What the comparison was computed for, and what came of it.
    std::optional<std::uint64_t> revision;
    std::string computed_file;
    bool computed_open_is_before = false;
    std::filesystem::file_time_type computed_file_time{};
    std::optional<WalkForComparison> saved_walk;  // the file as loaded, kept while it is unchanged
    std::string problem;                           // why there is no comparison, in words
    std::optional<WalkComparison> comparison;
    std::int64_t working_day_ms = 0;  // the before walk's, to read long times in working days
};

// What the Summary screen shows: the open walk's numbers, or the open walk pooled with other
// observers' sessions of the same plan (ui_pool.cpp; pool_actions.hpp does its work).
enum class SummaryView { this_walk, pooled };

// A saved session added to the pooled view, loaded when added and again when its file changes.
struct PoolMember {
    std::string file;  // as chosen or typed
    std::filesystem::file_time_type loaded_time{};
    std::optional<Session> session;  // set when it loaded
    LogState state;
    SessionSummary summary;
    // Why it is not pooled: load_session's message (which names the file), or "x.json is a work
    // sampling study, not a time study like the open walk".
    std::string problem;
};

// A session the pooled view offers to add, from the sessions folder and the recent files.
struct PoolCandidate {
    std::filesystem::path file;
    bool fits = false;  // the open walk's kind of study, with steps (categories) of the same names
    std::string about;  // "3 of 3 steps match", "a work sampling study", "cannot be read: …"
};

// The Pooled view of the Summary screen: the open walk (always the first observer, unsaved taps
// included) and the sessions added, pooled once per change of its inputs (the files and their
// times, the open walk's revision, the κ window and pair), never per frame.
struct PoolView {
    std::vector<PoolMember> members;  // the sessions added, in the order added
    std::string typed_path;           // the path field as typed, until Enter adds it
    std::vector<PoolCandidate> candidates;
    bool candidates_listed = false;   // listed when the view is first shown and on Refresh
    std::filesystem::path candidates_for;  // the open walk's file they were listed for: another is listed again
    std::int64_t kappa_window_ms = kDefaultKappaWindowMs;
    std::size_t kappa_a = 0, kappa_b = 1;  // the pair κ compares, as observers of the pool (0: the open walk)
    // What the pool was computed for, and what came of it.
    std::optional<std::uint64_t> revision;
    std::vector<std::string> computed_files;
    std::vector<std::filesystem::file_time_type> computed_times;
    std::int64_t computed_window_ms = -1;
    std::size_t computed_a = 0, computed_b = 0;
    SessionSummary open_summary;         // the open walk's, at `revision`
    std::vector<std::size_t> pooled;     // per observer after the first, its index in `members`
    std::vector<std::string> observer_files;  // per observer, its file's name ("the open walk" unsaved)
    std::optional<PoolResult> result;    // time studies; empty with fewer than two observers
    std::optional<SamplingPoolResult> sampling_result;  // work sampling studies; likewise
    std::uint64_t computations = 0;      // how often it was computed (tests check it is not per frame)
};

inline const SteadyClock kSteadyClock;

// The app's clock: steady, unless a test injects another (by assigning an AppClock on it; the walk
// document keeps a reference to this one). Inputs are stamped with it when they arrive, and a tap
// is timed at that stamp (WalkDocument::tap), not when the next frame ran.
class AppClock final : public Clock {
public:
    // `base` is not owned and must outlive the AppClock.
    explicit AppClock(const Clock& base = kSteadyClock) : base_(&base) {}
    std::int64_t now_ms() const override { return base_->now_ms(); }

private:
    const Clock* base_;
};

inline const WallClock kWallClock;

// The wall clock a work sampling study's rounds fall due on: the system's, unless a test injects
// another (by assigning an AppWallClock on it) or GEMBA_CLOCK_START starts it at a given moment
// (main.cpp; for end-to-end tests and demonstrations).
class AppWallClock final : public Clock {
public:
    // `base` is not owned and must outlive the AppWallClock.
    explicit AppWallClock(const Clock& base = kWallClock) : base_(&base) {}
    std::int64_t now_ms() const override { return base_->now_ms(); }

private:
    const Clock* base_;
};

// A key press captured by the GLFW callback, in arrival order; ImGui alone would merge a press and
// release that fall between two frames and lose the tap.
struct KeyPress {
    int key = 0;
    int mods = 0;
    std::int64_t at_ms = 0;  // AppClock::now_ms() when it arrived
};

// A walk note being typed (N or the Note button): the walk goes on meanwhile (walk_note.hpp).
struct NoteDraft {
    bool open = false;
    EventId event = kNoEvent;  // the event current when the note was opened; kNoEvent: none yet
    bool on_session = false;   // the user chose the session instead of the event
    std::string text;
    // Enter and Shift+Enter from the app's key queue (ImGui misses a key pressed and released
    // between two frames): the note bar saves, or types the new lines, in its next frame.
    bool save_requested = false;
    int new_lines = 0;
    // Until its first frame is drawn: the characters typed then are the N's, not text.
    bool opened = true;
};

// Counting what waits in the queues on the walk screen.
struct QueueCounting {
    QueueId selected = kNoQueue;  // the queue the count keys act on; kNoQueue: the plan's first
    bool typing = false;          // a count is being typed in a queue's field (set by the walk screen)
    // Enter from the app's key queue while typing (ImGui misses a key pressed and released between
    // two frames): the field records its number in its next frame.
    bool enter_requested = false;
    std::map<QueueId, std::string> typed;  // what is typed in each queue's field, until Enter
};

// The round screen of a work sampling study (ui_rounds.cpp; round_actions.hpp does its work,
// rounds_clock.hpp keeps its clock and announces a round that falls due).
struct RoundsView {
    SubjectId selected = kNoSubject;  // the subject the category keys tally; kNoSubject: the first
    bool reveal_selected = false;     // the keys chose it: scroll it into view
    bool skipping = false;            // "Skip round…" was pressed: the reason's field is shown
    std::string skip_reason;
    bool typing_reason = false;        // the reason's field has the keyboard (set by the screen)
    bool skip_enter_requested = false;  // Enter from the app's key queue while typing the reason
    std::int64_t alerted_round = kNoRound;      // the latest round whose falling due was announced
    std::optional<std::int64_t> flash_from_ms;  // sampling time the banner began to blink
    int attention_requests = 0;  // rounds announced: main.cpp asks the window manager for attention at each
};

struct Message {
    std::string text;
    bool error = false;
    std::int64_t shown_at_ms = 0;
};

// What to do once the current walk's unsaved changes are saved or given up: the unsaved-changes
// dialog asks first (actions.hpp: request_quit, request_start, request_open).
struct PendingAction {
    enum class Kind { quit, start, open } kind = Kind::quit;
    Plan plan;                   // start: the new walk's plan
    std::filesystem::path file;  // open: the file
};

struct Paths {
    std::filesystem::path data_dir;    // sessions: $XDG_DATA_HOME/gemba
    std::filesystem::path config_dir;  // settings and imgui.ini: $XDG_CONFIG_HOME/gemba
    std::filesystem::path templates_dir;  // data/templates of the installation or source tree
};

struct AppState {
    Screen screen = Screen::start;
    ReviewView review;
    MapView map_view;
    ImproveView improve_view = ImproveView::problems;
    ProblemId chosen_problem = 0;  // the problem the Problems view shows; 0: the first
    ProblemsField focus_field = ProblemsField::none;
    BoardView board;
    CompareView compare;
    SummaryView summary_view = SummaryView::this_walk;
    PoolView pool;
    AppClock clock;
    AppWallClock wall_clock;
    // The walk: session, recorder, journal, file and revision (declared after the clock it reads).
    WalkDocument doc{clock};
    // Derived from the session at a revision, kept between frames (view_cache.hpp).
    SummaryCache summary_cache;
    SamplingSummaryCache sampling_summary;
    SamplingReviewFilter sampling_review;
    SessionFacts facts;
    StepsInLog steps_in_log;
    ReviewRows review_rows;
    EvidenceTexts evidence_texts;
    TimelineCache timeline;
    ValueStreamMapCache value_stream_map;
    std::vector<std::filesystem::path> unsaved_journals;  // in the data folder, found at start

    UiSettings settings;
    SettingsStore settings_store;  // the settings file: loaded yet, writable, what it holds
    Paths paths;
    float content_scale = 1.0f;
    bool fonts_dirty = false;  // the UI scale changed: rebuild the font atlas before the next frame

    std::deque<KeyPress> pending_keys;
    std::int64_t last_pointer_press_ms = 0;  // AppClock::now_ms() of the latest mouse/touch press
    NoteDraft note;                          // the walk note being typed, if open
    QueueCounting counting;
    RoundsView rounds;
    bool save_as_requested = false;          // Ctrl+Shift+S: open the save-as dialog
    std::optional<Message> message;  // the latest result or refusal, shown in the status line
    EventId selected_note_target = kNoEvent;

    // A dialog (a popup) was open at the end of the last frame: keys are its own then, not the
    // note's that may be open behind it.
    bool dialog_open = false;
    bool quit_requested = false;
    bool confirm_close = false;  // the window was closed with unsaved changes: ask (request_quit)
    std::optional<PendingAction> after_unsaved;  // waits for the unsaved-changes dialog's answer
    std::string open_problem;  // why the last file did not open, for the start screen; empty: it did

    bool dirty() const { return doc.dirty(); }

    AppState() { doc.set_wall_clock(wall_clock); }
    // The document holds a reference to `clock`: an AppState stays where it was made.
    AppState(const AppState&) = delete;
    AppState& operator=(const AppState&) = delete;
};

}  // namespace gemba::gui
