#include "core/study/walk.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "core/file/session_file.hpp"

namespace gemba {
namespace {

// A message for the status line; an error already said is not hidden by a later success.
void say(Outcome& outcome, std::string message, bool error) {
    if (outcome.error && !error) return;
    outcome.message = std::move(message);
    outcome.error = error;
}

void create_folder_of(const std::filesystem::path& file) {
    std::error_code ec;  // a folder that cannot be made shows up as the write's own error
    std::filesystem::create_directories(file.parent_path().empty() ? "." : file.parent_path(), ec);
}

}  // namespace

std::string file_name_for(const std::string& title) {
    std::string name;
    for (char c : title) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) name += static_cast<char>(std::tolower(u));
        else if (!name.empty() && name.back() != '-') name += '-';
    }
    while (!name.empty() && name.back() == '-') name.pop_back();
    return (name.empty() ? "walk" : name) + ".json";
}

std::filesystem::path unused_session_path(const std::filesystem::path& folder, const std::string& title) {
    const std::string base = title.empty() ? "walk" : title;
    std::filesystem::path path = folder / file_name_for(base);
    for (int n = 2; std::filesystem::exists(path) || has_journal(path); ++n)
        path = folder / file_name_for(base + " " + std::to_string(n));
    return path;
}

WalkDocument::WalkDocument(const Clock& clock) : clock_(clock) {}
WalkDocument::~WalkDocument() = default;

// --- What is open ---------------------------------------------------------------------------------

bool WalkDocument::live() const {
    if (!recorder_) return false;
    // The main loop asks every frame: the scan of every tag runs once per change to the log.
    if (live_revision_ == log_revision_) return live_;
    const LogState& s = recorder_->state();
    live_ = s.paused() || !s.running_readings().empty() ||
            std::any_of(s.tags().begin(), s.tags().end(), [](const WasteTag& t) { return t.running(); });
    live_revision_ = log_revision_;
    return live_;
}

std::optional<std::int64_t> WalkDocument::summary_now() const {
    if (!live()) return std::nullopt;
    return recorder_->now_ms();
}

// --- Life of the walk -----------------------------------------------------------------------------

void WalkDocument::replace(Session session, std::filesystem::path file, std::optional<LogState> replayed) {
    session_ = std::make_unique<Session>(std::move(session));
    recorder_ = replayed ? std::make_unique<Recorder>(*session_, clock_, std::move(*replayed))
                         : std::make_unique<Recorder>(*session_, clock_);
    journal_.reset();  // another walk's journal stays on disk, recoverable
    file_ = std::move(file);
    log_revision_ = ++revision_;
    rebase_clock_on_next_control_ = false;
    plan_edit_pending_ = false;
}

void WalkDocument::start(Plan plan, std::filesystem::path file) {
    Session session;
    session.plan() = std::move(plan);
    session.started_at.clear();  // set at the first tap
    replace(std::move(session), std::move(file));
    last_saved_event_ = kNoEvent;
}

OpenOutcome WalkDocument::open(const std::filesystem::path& path) {
    OpenOutcome outcome;
    if (has_journal(path)) {
        const Outcome offered = offer_recovery(path);
        outcome.needs_recovery = offered.done;
        say(outcome, offered.message, offered.error);
        return outcome;
    }
    LoadResult loaded = load_session(path);
    if (!loaded.ok()) {
        say(outcome, loaded.problem->message(), true);
        return outcome;
    }
    open(std::move(*loaded.session), std::move(loaded.state), path);
    outcome.done = true;
    say(outcome, "Opened " + path.string(), false);
    return outcome;
}

void WalkDocument::open(Session session, std::filesystem::path file) {
    replace(std::move(session), std::move(file));
    mark_opened();
}

void WalkDocument::open(Session session, LogState replayed, std::filesystem::path file) {
    replace(std::move(session), std::move(file), std::move(replayed));
    mark_opened();
}

void WalkDocument::mark_opened() {
    last_saved_event_ = session_->events.empty() ? kNoEvent : session_->events.back().id;
    saved_revision_ = revision_;
    rebase_clock_on_next_control_ = !live();
}

Outcome WalkDocument::offer_recovery(const std::filesystem::path& path) {
    Outcome outcome;
    RecoveryResult result = recover(path);
    if (!result.recovery) {
        say(outcome, result.problem->message() + ". The journal is kept as it is; see gemba-cli recover.", true);
        return outcome;
    }
    recovery_file_ = path;
    recovery_ = std::move(*result.recovery);
    outcome.done = true;
    return outcome;
}

OpenOutcome WalkDocument::accept_recovery() {
    if (!recovery_) return {};
    const std::filesystem::path path = recovery_file_;
    const SaveResult saved = apply_recovery(path, *recovery_);
    dismiss_recovery();
    if (!saved.ok) {
        OpenOutcome outcome;
        say(outcome, saved.error, true);
        return outcome;
    }
    return open(path);
}

OpenOutcome WalkDocument::discard_recovery() {
    if (!recovery_) return {};
    const std::filesystem::path path = recovery_file_;
    dismiss_recovery();
    std::error_code ec;
    std::filesystem::remove(journal_path_for(path), ec);
    if (ec) {
        OpenOutcome outcome;
        say(outcome, "could not remove the journal of " + path.string() + ": " + ec.message(), true);
        return outcome;
    }
    if (std::filesystem::exists(path, ec)) return open(path);
    OpenOutcome outcome;
    outcome.done = true;
    return outcome;
}

void WalkDocument::dismiss_recovery() {
    recovery_.reset();
    recovery_file_.clear();
}

Outcome WalkDocument::save_as(const std::filesystem::path& path) {
    Outcome outcome;
    if (!has_walk()) return outcome;
    create_folder_of(path);
    // The log is the Recorder's: every event passed the rules as it was appended.
    const SaveResult result = save_session(path, *session_, recorder_->state());
    if (!result.ok) {
        say(outcome, result.error, true);
        // The file did not take the plan edit: the journal must.
        if (plan_edit_pending_) journal_plan(outcome);
        return outcome;
    }
    // The journal's events are all in the saved file now: it has nothing left to protect.
    std::string error;
    const bool journal_removed = !journal_ || journal_->remove(error);
    journal_.reset();
    last_saved_event_ = session_->events.empty() ? kNoEvent : session_->events.back().id;
    file_ = path;
    saved_revision_ = revision_;
    plan_edit_pending_ = false;
    outcome.done = true;
    if (journal_removed) say(outcome, "Saved " + path.string(), false);
    else say(outcome, "Saved " + path.string() + ", but " + error, true);
    return outcome;
}

Outcome WalkDocument::save() {
    if (has_walk() && file_.empty()) {
        Outcome outcome;
        say(outcome, "the walk has no file to save to yet", true);
        return outcome;
    }
    return save_as(file_);
}

Outcome WalkDocument::discard_journal() {
    Outcome outcome;
    std::string error;
    if (journal_ && !journal_->remove(error)) say(outcome, error, true);
    else outcome.done = true;
    journal_.reset();
    plan_edit_pending_ = false;
    saved_revision_ = revision_;  // the changes are given up: nothing is left unsaved
    return outcome;
}

// --- Journal --------------------------------------------------------------------------------------

// Starts the journal at the first change since the last save; its first record is the plan.
bool WalkDocument::ensure_journal(Outcome& outcome) {
    if (journal_) return true;
    create_folder_of(file_);
    std::string error;
    journal_ = Journal::start(file_, *session_, last_saved_event_, error);
    if (!journal_) say(outcome, "NOT SAFE, taps are not protected against a crash: " + error, true);
    return journal_ != nullptr;
}

void WalkDocument::journal_plan(Outcome& outcome) {
    plan_edit_pending_ = false;
    std::string error;
    if (!journal_) ensure_journal(outcome);  // its first record is the plan as it is now
    else if (!journal_->append_plan(*session_, error))
        say(outcome, "NOT SAFE: " + error + ". Save now (Ctrl+S).", true);
}

// --- Taps -----------------------------------------------------------------------------------------

// The walk's clock rules. Before the first event the Recorder starts afresh, so that the walk starts
// (t = 0, started_at) at the first tap, not when the walk was set up. A walk opened with nothing
// running continues from its last event at the first new tap: time while the file was closed or
// idle is not observation.
Recorder& WalkDocument::walk_recorder(Outcome& outcome) {
    if (session_->events.empty()) {
        recorder_ = std::make_unique<Recorder>(*session_, clock_);
        session_->started_at = utc_now_iso8601();
        journal_plan(outcome);
    } else if (rebase_clock_on_next_control_) {
        recorder_->restart_clock();
    }
    rebase_clock_on_next_control_ = false;
    return *recorder_;
}

Outcome WalkDocument::tap(TapKind kind, const std::function<TapResult(Recorder&)>& action, const std::string& what,
                          std::optional<std::int64_t> at_ms) {
    Outcome outcome;
    if (!has_walk()) return outcome;
    clock_.pin(at_ms);
    Recorder& recorder = kind == TapKind::control ? walk_recorder(outcome) : *recorder_;
    // The plan as it was when the event happened goes first: a recovery replays them in this order.
    if (plan_edit_pending_) journal_plan(outcome);
    const TapResult result = action(recorder);
    clock_.pin(std::nullopt);
    if (!result.recorded) {
        say(outcome, result.message, !result.debounced);
        return outcome;
    }
    log_revision_ = ++revision_;
    outcome.done = true;
    say(outcome, what, false);
    std::string error;
    if (ensure_journal(outcome) && !journal_->append_event(session_->events.back(), error))
        say(outcome, "NOT SAFE: " + error + ". Save now (Ctrl+S).", true);
    return outcome;
}

// --- Plan edits -----------------------------------------------------------------------------------

void WalkDocument::plan_edited() {
    ++revision_;
    plan_edit_pending_ = true;
    last_plan_edit_ms_ = clock_.base_ms();
}

Outcome WalkDocument::finish_plan_edit() {
    Outcome outcome;
    if (!plan_edit_pending_) return outcome;
    journal_plan(outcome);
    outcome.done = !outcome.error;
    return outcome;
}

Outcome WalkDocument::tick() {
    if (plan_edit_pending_ && clock_.base_ms() - last_plan_edit_ms_ >= kPlanEditPauseMs) return finish_plan_edit();
    return {};
}

}  // namespace gemba
