// The GUI's one explicit state, passed by reference to every screen. Screens never compute numbers:
// they call core (Recorder for taps and edits, summarize for numbers, once per change: see
// view_cache.hpp) and show what it returns.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/settings.hpp"
#include "app/gui/view_cache.hpp"
#include "core/log/clock.hpp"
#include "core/file/journal.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"

namespace gemba::gui {

enum class Screen { start, setup, walk, review, summary };

// What the Review screen lists.
enum class ReviewList { readings, tags, notes };
struct ReviewView {
    ReviewList list = ReviewList::readings;
    StepId step = kNoStep;  // readings of this step; kNoStep: all steps
};

inline const SteadyClock kSteadyClock;

// The base clock's time (steady, unless a test injects another), except while a queued input event
// is replayed: then it reads the moment the key went down, so a tap is timed when it happened, not
// when the next frame ran.
class TapClock final : public Clock {
public:
    // `base` is not owned and must outlive the TapClock.
    explicit TapClock(const Clock& base = kSteadyClock) : base_(&base) {}
    std::int64_t now_ms() const override { return pinned_ ? *pinned_ : base_->now_ms(); }
    std::int64_t steady_ms() const { return base_->now_ms(); }
    void pin(std::int64_t ms) { pinned_ = ms; }
    void unpin() { pinned_.reset(); }

private:
    const Clock* base_;
    std::optional<std::int64_t> pinned_;
};

// A key press captured by the GLFW callback, in arrival order; ImGui alone would merge a press and
// release that fall between two frames and lose the tap.
struct KeyPress {
    int key = 0;
    int mods = 0;
    std::int64_t at_ms = 0;  // TapClock::steady_ms() when it arrived
};

struct Message {
    std::string text;
    bool error = false;
    std::int64_t shown_at_ms = 0;
};

struct Paths {
    std::filesystem::path data_dir;    // sessions: $XDG_DATA_HOME/gemba
    std::filesystem::path config_dir;  // settings and imgui.ini: $XDG_CONFIG_HOME/gemba
    std::filesystem::path templates_dir;  // data/templates of the installation or source tree
};

struct AppState {
    Screen screen = Screen::start;
    ReviewView review;
    TapClock clock;
    // The session lives behind a pointer so the Recorder's reference stays valid.
    std::unique_ptr<Session> session;
    std::unique_ptr<Recorder> recorder;
    std::filesystem::path file;       // empty until saved or opened
    std::uint64_t revision = 0;       // bumped by every change to the session
    std::uint64_t saved_revision = 0;
    // Derived from the session at a revision, kept between frames (view_cache.hpp).
    SummaryCache summary_cache;
    SessionFacts facts;
    StepsInLog steps_in_log;
    ReviewRows review_rows;
    TimelineCache timeline;
    // Every event and plan change is appended here (and fsynced) before the next frame shows it.
    // Started at the first change after a save (or open), so that only viewing a file writes nothing.
    std::unique_ptr<Journal> journal;
    EventId last_saved_event = kNoEvent;  // the last event the file on disk holds
    // A journal found for a session being opened: what recovering it would give.
    std::optional<std::filesystem::path> recovery_file;
    std::optional<Recovery> recovery;
    std::vector<std::filesystem::path> unsaved_journals;  // in the data folder, found at start
    bool rebase_clock_on_next_tap = false;  // see walk_recorder()

    UiSettings settings;
    SettingsStore settings_store;  // the settings file: loaded yet, writable, what it holds
    Paths paths;
    float content_scale = 1.0f;
    bool fonts_dirty = false;  // the UI scale changed: rebuild the font atlas before the next frame

    std::deque<KeyPress> pending_keys;
    std::int64_t last_pointer_press_ms = 0;  // TapClock::steady_ms() of the latest mouse/touch press
    bool note_requested = false;             // N pressed: open the note dialog
    bool save_as_requested = false;          // Ctrl+Shift+S: open the save-as dialog
    std::optional<Message> message;  // the latest result or refusal, shown in the status line
    EventId selected_note_target = kNoEvent;

    bool quit_requested = false;
    bool confirm_close = false;  // the close-with-unsaved-changes dialog is open

    bool dirty() const { return session && revision != saved_revision; }
};

}  // namespace gemba::gui
