#include "core/study/walk.hpp"

#include <time.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <iterator>
#include <system_error>
#include <utility>
#include <vector>

#include "core/file/session_file.hpp"

namespace gemba {
namespace {

// The wall clock at t_ms = 0: a walk's first tap, or a work sampling study's origin (its t_ms is
// the time since the origin, see core/sampling/sampling_clock.hpp).
std::string started_at_of(const Session& session) {
    if (session.study == StudyKind::work_sampling && session.sampling.schedule)
        if (std::optional<std::string> origin = schedule_origin_utc(*session.sampling.schedule)) return *origin;
    return utc_now_iso8601();
}

const WallClock& system_wall_clock() {
    static const WallClock wall;
    return wall;
}

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

std::string describe_session_file(const std::filesystem::path& path) {
    const LoadResult loaded = load_session(path);
    if (!loaded.ok()) return "a file that does not open as a session (" + loaded.problem->message() + ")";
    std::size_t readings = 0;
    for (const Reading& r : loaded.state.readings())
        if (!r.running() && !r.removed) ++readings;
    std::string text = (loaded.session->title.empty() ? std::string("an untitled walk") : "“" + loaded.session->title + "”") +
                       ", " + std::to_string(readings) + (readings == 1 ? " reading" : " readings");
    std::error_code ec;
    const auto written = std::filesystem::last_write_time(path, ec);
    if (ec) return text;
    const std::time_t at = std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(written));
    std::tm local{};
    char when[32];
    if (::localtime_r(&at, &local) && std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local) > 0)
        text += std::string(", last saved ") + when;
    return text;
}

WalkDocument::WalkDocument(const Clock& clock, FileSystem& fs)
    : clock_(clock), fs_(fs), wall_clock_(&system_wall_clock()) {}
WalkDocument::~WalkDocument() = default;

// --- What is open ---------------------------------------------------------------------------------

bool WalkDocument::live() const {
    if (!recorder_) return false;
    // The main loop asks every frame: the scan of every tag runs once per change to the log.
    if (live_revision_ == log_revision_) return live_;
    live_ = recorder_->state().live();
    live_revision_ = log_revision_;
    return live_;
}

std::optional<std::int64_t> WalkDocument::summary_now() const {
    if (!live()) return std::nullopt;
    return recorder_->now_ms();
}

// --- Life of the walk -----------------------------------------------------------------------------

void WalkDocument::replace(Session session, std::filesystem::path file, std::optional<LogState> replayed) {
    // The walk being put away keeps its last plan edit: its journal stays on disk, recoverable.
    if (plan_edit_pending_) {
        Outcome ignored;  // nobody is left to tell; a failure leaves the journal's earlier plan
        journal_plan(ignored);
    }
    session_ = std::make_unique<Session>(std::move(session));
    recorder_ = replayed ? std::make_unique<Recorder>(*session_, clock_, std::move(*replayed))
                         : std::make_unique<Recorder>(*session_, clock_);
    sampling_clock_ = std::make_unique<SamplingClock>(*wall_clock_, *session_);
    recorder_->set_sampling_clock(sampling_clock_.get());
    journal_.reset();  // another walk's journal stays on disk, recoverable
    own_journal_.clear();
    file_ = std::move(file);
    log_revision_ = ++revision_;
    rebase_clock_on_next_control_ = false;
    end_stops_.clear();
    undone_end_stops_.clear();
    plan_edit_pending_ = false;
    plan_write_failed_ = false;
    name_follows_title_ = false;
    plan_undo_.clear();
    plan_redo_.clear();
    plan_at_step_start_ = session_->plan();
    open_plan_step_.reset();
}

void WalkDocument::start(Plan plan, std::filesystem::path file, FileNaming naming) {
    Session session;
    session.plan() = std::move(plan);
    session.started_at.clear();  // set at the first tap
    replace(std::move(session), std::move(file));
    last_saved_event_ = kNoEvent;
    name_follows_title_ = naming == FileNaming::follows_title;
    named_after_title_ = session_->title;
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
    if (rebase_clock_on_next_control_) recorder_->hold_clock();
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
    const AppliedRecovery applied = apply_recovery(path, *recovery_);
    dismiss_recovery();
    if (!applied.ok) {
        OpenOutcome outcome;
        say(outcome, applied.error, true);
        return outcome;
    }
    OpenOutcome opened = open(path);
    // What was left out is kept, not lost: say where (beside the file), whether or not it opened.
    if (!applied.kept_aside.empty()) {
        const std::string kept = "what could not be recovered is kept in " + applied.kept_aside.filename().string() +
                                 " beside it (plain text)";
        if (opened.done) say(opened, "Recovered " + path.filename().string() + "; " + kept, false);
        else say(opened, opened.message + "; " + kept, true);
    }
    return opened;
}

OpenOutcome WalkDocument::discard_recovery() {
    if (!recovery_) return {};
    const std::filesystem::path path = recovery_file_;
    dismiss_recovery();
    std::error_code ec;
    std::filesystem::remove(journal_path_for(path), ec);
    // This walk's own journal, while the walk stays open: its next change starts a new one.
    if (journal_path_for(path) == own_journal_) journal_.reset();
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
    if (holds_unsaved_work_of_another_walk(path)) {
        say(outcome, "not saved: " + journal_path_for(path).string() +
                         " holds unsaved work of another walk; recover or discard it first (gemba-cli recover " +
                         path.string() + "), or save under another name",
            true);
        return outcome;
    }
    close_plan_undo_step();
    create_folder_of(path);
    // The log is the Recorder's: every event passed the rules as it was appended.
    const SaveResult result = save_session(path, *session_, recorder_->state(), fs_);
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
    name_follows_title_ = false;  // saved: the name is the user's now
    saved_revision_ = revision_;
    plan_edit_pending_ = false;
    plan_write_failed_ = false;
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
    if (has_walk()) {
        Outcome renamed;
        follow_title(renamed);  // a failure to start the journal there is beside the point: the save follows
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
    plan_write_failed_ = false;
    saved_revision_ = revision_;  // the changes are given up: nothing is left unsaved
    return outcome;
}

// --- Journal --------------------------------------------------------------------------------------

// Why the plan as it is now would not load from a plan record (the journal reader's own check), if so.
std::optional<std::string> WalkDocument::plan_problem() const {
    const LoadResult loaded = parse_plan(plan_to_json(*session_), file_.string());
    if (loaded.ok()) return std::nullopt;
    return loaded.problem->message();
}

// A journal beside `file` that this walk did not start: another walk's unsaved taps.
bool WalkDocument::holds_unsaved_work_of_another_walk(const std::filesystem::path& file) const {
    return has_journal(file) && journal_path_for(file) != own_journal_;
}

// Starts the journal at the first change since the last save: the plan, then every event since the
// last save (those recorded while no journal could be started included).
bool WalkDocument::ensure_journal(Outcome& outcome) {
    if (journal_) return true;
    if (follow_title(outcome)) return true;
    const std::string not_safe = "NOT SAFE, taps are not protected against a crash: ";
    if (holds_unsaved_work_of_another_walk(file_)) {
        say(outcome, not_safe + journal_path_for(file_).string() +
                         " already holds unsaved work that this walk did not write; it is left as it is "
                         "(see gemba-cli recover " + file_.string() + "). Save this walk under another name.",
            true);
        return false;
    }
    if (auto problem = plan_problem()) {
        say(outcome, not_safe + "the plan would not load again (" + *problem + "). Correct the plan.", true);
        return false;
    }
    create_folder_of(file_);
    std::string error;
    own_journal_ = journal_path_for(file_);  // whatever is there from now on, this walk wrote
    std::unique_ptr<Journal> journal = Journal::start(file_, *session_, last_saved_event_, error, fs_);
    const std::vector<Event>& events = session_->events;
    auto unsaved = events.end();
    while (unsaved != events.begin() && std::prev(unsaved)->id > last_saved_event_) --unsaved;
    for (; journal && unsaved != events.end(); ++unsaved)
        if (!journal->append_event(*unsaved, error)) journal.reset();
    if (!journal) {
        say(outcome, not_safe + error, true);
        return false;
    }
    journal_ = std::move(journal);
    plan_edit_pending_ = false;  // the journal starts with the plan as it is now
    plan_write_failed_ = false;
    return true;
}

// A record that failed may be on disk in part, and records after it would not be recovered: the
// next change starts this walk's journal afresh (the plan and every event since the last save).
void WalkDocument::drop_broken_journal() { journal_.reset(); }

bool WalkDocument::follow_title(Outcome& outcome) {
    if (!name_follows_title_ || session_->title == named_after_title_) return false;
    std::string old_title = std::exchange(named_after_title_, session_->title);
    const std::filesystem::path folder = file_.parent_path();
    const std::string base = session_->title.empty() ? "walk" : session_->title;
    std::filesystem::path wanted = folder / file_name_for(base);
    std::error_code ec;
    for (int n = 2; wanted != file_ && (std::filesystem::exists(wanted, ec) || holds_unsaved_work_of_another_walk(wanted)); ++n)
        wanted = folder / file_name_for(base + " " + std::to_string(n));
    if (wanted == file_) return false;
    const std::filesystem::path old_file = std::exchange(file_, wanted);
    const std::filesystem::path old_journal = own_journal_;
    if (old_journal.empty() || !std::filesystem::exists(old_journal, ec)) return false;  // nothing journaled yet
    // The journal moves: started afresh at the new name (the plan and every unsaved event), and
    // only then the old one removed. Until then the old one goes on, as it was.
    std::unique_ptr<Journal> old = std::move(journal_);
    if (!ensure_journal(outcome)) {
        std::filesystem::remove(journal_path_for(wanted), ec);  // a start cut short: not another walk's work
        file_ = old_file;
        own_journal_ = old_journal;
        journal_ = std::move(old);
        named_after_title_ = std::move(old_title);  // tried again with the next plan write
        return false;
    }
    std::string error;
    if (old ? !old->remove(error) : !std::filesystem::remove(old_journal, ec))
        say(outcome, "the walk's journal moved to " + journal_path_for(wanted).string() + ", but the old one stays: " +
                         (old ? error : old_journal.string() + ": " + ec.message()), true);
    return true;
}

// Writes the plan as it is now; false (said in `outcome`) when it is not in the journal.
bool WalkDocument::journal_plan(Outcome& outcome, bool* journal_started) {
    bool written = false;
    bool started = false;
    std::string error;
    if (follow_title(outcome)) {
        written = started = true;  // the journal started afresh at the new name with this plan
    } else if (!journal_) {
        written = started = ensure_journal(outcome);  // its first record is the plan as it is now
    } else if (auto problem = plan_problem()) {
        say(outcome, "NOT SAFE, the plan change is not journaled: the plan would not load again (" + *problem +
                         "). Correct the plan.", true);
    } else {
        written = journal_->append_plan(*session_, error);
        if (!written) {
            say(outcome, "NOT SAFE: " + error + ". Save now (Ctrl+S).", true);
            drop_broken_journal();
        }
    }
    plan_edit_pending_ = !written;
    plan_write_failed_ = !written;
    // Tried again after another pause, and before the next event or save.
    if (!written) last_plan_edit_ms_ = clock_.base_ms();
    if (journal_started) *journal_started = started;
    return written;
}

// --- Taps -----------------------------------------------------------------------------------------

// The walk's clock rules. Before the first event the Recorder starts afresh, so that the walk starts
// (t = 0, started_at) at its first event of any kind, not when the walk was set up. A walk opened
// with nothing running continues from its last event at the first new control: time while the file
// was closed or idle is not observation.
void WalkDocument::set_wall_clock(const Clock& wall) {
    wall_clock_ = &wall;
    if (!has_walk()) return;
    sampling_clock_ = std::make_unique<SamplingClock>(*wall_clock_, *session_);
    recorder_->set_sampling_clock(sampling_clock_.get());
}

std::int64_t WalkDocument::sampling_now() const {
    if (!has_walk()) return 0;
    return SamplingClock(*wall_clock_, *session_).now_ms();
}

Outcome WalkDocument::tap(TapKind kind, const std::function<TapResult(Recorder&)>& action, const std::string& what,
                          std::optional<std::int64_t> at_ms) {
    Outcome outcome;
    if (!has_walk()) return outcome;
    close_plan_undo_step();
    const bool first_event = session_->events.empty();
    clock_.pin(at_ms);
    if (first_event || (kind == TapKind::control && rebase_clock_on_next_control_))
        recorder_->restart_clock();  // its log as it is: not replayed again
    const TapResult result = action(*recorder_);
    clock_.pin(std::nullopt);
    if (rebase_clock_on_next_control_ && !(kind == TapKind::control && result.recorded))
        recorder_->hold_clock();  // still waiting for the control that continues the walk
    if (!result.recorded) {
        say(outcome, result.message, !result.debounced);
        return outcome;  // a refused control leaves the rebase to the next one
    }
    if (kind == TapKind::control) {
        rebase_clock_on_next_control_ = false;
        end_stops_.clear();  // the walk went on: its end is history, undone tap by tap
        undone_end_stops_.clear();
    }
    if (first_event) session_->started_at = started_at_of(*session_);
    log_revision_ = ++revision_;
    outcome.done = true;
    say(outcome, what, false);
    // The plan as it was when the event happened goes first: a recovery replays them in this order.
    // A journal started afresh there (the title moved it) holds every unsaved event, this one too:
    // appended again, the duplicate would stop a recovery at it.
    bool journal_started = false;
    if (journal_ && (plan_edit_pending_ || first_event)) journal_plan(outcome, &journal_started);
    std::string error;
    if (!journal_started && !journal_) {
        ensure_journal(outcome);  // the plan, then every unsaved event: this one too
    } else if (!journal_started && !journal_->append_event(session_->events.back(), error)) {
        say(outcome, "NOT SAFE: " + error + ". Save now (Ctrl+S).", true);
        drop_broken_journal();
    }
    if (kind == TapKind::edit && !following_end_undo_) follow_end_undo(at_ms, outcome);
    return outcome;
}

void WalkDocument::follow_end_undo(std::optional<std::int64_t> at_ms, Outcome& outcome) {
    const Event& last = session_->events.back();
    const auto one_of = [](const std::vector<EventId>& stops, EventId id) {
        return std::find(stops.begin(), stops.end(), id) != stops.end();
    };
    // The rest of the group, each an event of its own (journaled as taps are), at the same instant.
    const auto rest = [&](const std::vector<EventId>& stops, EventId (LogState::*next)() const,
                          TapResult (Recorder::*action)()) {
        following_end_undo_ = true;
        while (one_of(stops, (state().*next)())) {
            const Outcome more = tap(TapKind::edit, [action](Recorder& r) { return (r.*action)(); }, "", at_ms);
            if (more.error) say(outcome, more.message, true);
            if (!more.done) break;
        }
        following_end_undo_ = false;
    };
    if (last.kind == EventKind::undo && rebase_clock_on_next_control_ && one_of(end_stops_, last.target)) {
        undone_end_stops_ = std::exchange(end_stops_, {});
        rest(undone_end_stops_, &LogState::undo_target, &Recorder::undo_rest_of_group);
        rebase_clock_on_next_control_ = false;
        recorder_->release_clock(ended_at_ms_);  // as if it had never stood still
        say(outcome, "Undone: End walk; the walk goes on, its time since the end counted", false);
    } else if (last.kind == EventKind::redo && one_of(undone_end_stops_, last.target)) {
        end_stops_ = std::exchange(undone_end_stops_, {});
        rest(end_stops_, &LogState::redo_target, &Recorder::redo_rest_of_group);
        if (!live()) {
            rebase_clock_on_next_control_ = true;
            recorder_->hold_clock();
            ended_at_ms_ = at_ms.value_or(clock_.base_ms());
            say(outcome, "Redone: End walk; the clock stands still", false);
        }
    }
    if (rebase_clock_on_next_control_ && live()) {
        rebase_clock_on_next_control_ = false;
        recorder_->release_clock(at_ms.value_or(clock_.base_ms()));
    }
}

Outcome WalkDocument::end_walk(std::optional<std::int64_t> at_ms) {
    Outcome outcome;
    if (!has_walk()) return outcome;
    if (session_->events.empty()) {
        say(outcome, "the walk has not started", true);
        return outcome;
    }
    const std::int64_t instant = at_ms.value_or(clock_.base_ms());
    std::vector<EventId> stops;
    while (live()) {
        const Outcome stopped = tap(TapKind::control, [](Recorder& r) { return r.stop_for_end(); }, "", instant);
        if (stopped.error) say(outcome, stopped.message, true);  // a journal write that failed, or a refusal
        if (!stopped.done) return outcome;
        stops.push_back(session_->events.back().id);
    }
    rebase_clock_on_next_control_ = true;
    recorder_->hold_clock();
    end_stops_ = std::move(stops);
    ended_at_ms_ = instant;
    outcome.done = true;
    say(outcome, "Walk ended: the clock stands still; the next tap continues the walk", false);
    return outcome;
}

// --- Plan edits -----------------------------------------------------------------------------------

void WalkDocument::plan_edited(std::string_view what) {
    ++revision_;
    plan_edit_pending_ = true;
    plan_write_failed_ = false;
    last_plan_edit_ms_ = clock_.base_ms();
    last_plan_change_ms_ = last_plan_edit_ms_;
    if (!open_plan_step_) open_plan_step_ = what.empty() ? std::string("plan change") : std::string(what);
    plan_redo_.clear();
}

Outcome WalkDocument::finish_plan_edit() {
    Outcome outcome;
    close_plan_undo_step();
    // A write that just failed waits for tick: the GUI asks every frame.
    if (!plan_edit_pending_ || plan_write_failed_) return outcome;
    outcome.done = journal_plan(outcome);
    return outcome;
}

Outcome WalkDocument::tick() {
    Outcome outcome;
    if (open_plan_step_ && clock_.base_ms() - last_plan_change_ms_ >= kPlanEditPauseMs) close_plan_undo_step();
    if (plan_edit_pending_ && clock_.base_ms() - last_plan_edit_ms_ >= kPlanEditPauseMs)
        outcome.done = journal_plan(outcome);
    return outcome;
}

// --- Plan undo ------------------------------------------------------------------------------------

// Plenty for a session's set-up; each is one plan (a few dozen steps).
constexpr std::size_t kMaxPlanUndoSteps = 200;

void WalkDocument::close_plan_undo_step() {
    if (!open_plan_step_) return;
    plan_undo_.push_back({std::move(plan_at_step_start_), std::move(*open_plan_step_)});
    if (plan_undo_.size() > kMaxPlanUndoSteps) plan_undo_.erase(plan_undo_.begin());
    open_plan_step_.reset();
    plan_at_step_start_ = session_->plan();
}

std::optional<std::string> WalkDocument::plan_restore_problem(const Plan& plan) const {
    for (const Event& e : session_->events)
        for (StepId step : {e.step, e.ended_step()})
            if (step != kNoStep && !plan.find_step(step)) {
                const Step* now = session_->find_step(step);
                return "the walk has readings of " + (now ? "“" + now->name + "”" : "step " + std::to_string(step)) +
                       " now, which that plan does not have";
            }
    // Undone counts too: the log keeps them, and a file names every queue its log does.
    for (const Event& e : session_->events)
        if (e.queue() != kNoQueue && !plan.find_queue(e.queue())) {
            const Queue* now = session_->find_queue(e.queue());
            return "the walk has counts of " + (now ? "“" + now->name + "”" : "queue " + std::to_string(e.queue())) +
                   " now, which that plan does not have";
        }
    // A sampling study's log names rounds, subjects and categories; once it does, its rounds are the truth.
    for (const Event& e : session_->events) {
        if (!e.is_round_kind()) continue;
        if (plan.sampling.schedule != session_->sampling.schedule)
            return "rounds are recorded now, and that plan has another schedule";
        if (e.kind != EventKind::observation) continue;
        if (const SamplingSubject* now = session_->sampling.find_subject(e.subject()); !plan.sampling.find_subject(e.subject()))
            return "the study has observations of " + (now ? "“" + now->name + "”" : "subject " + std::to_string(e.subject())) +
                   " now, which that plan does not have";
        if (const SamplingCategory* now = session_->sampling.find_category(e.category()); !plan.sampling.find_category(e.category()))
            return "the study has observations in " +
                   (now ? "“" + now->name + "”" : "category " + std::to_string(e.category())) + " now, which that plan does not have";
    }
    if (plan.settings.timing_mode != session_->settings.timing_mode && !state().running_readings().empty())
        return "it changes the timing mode while a step runs; stop it first";
    return std::nullopt;
}

void WalkDocument::restore_plan(Plan plan, Outcome& outcome) {
    plan.started_at = session_->started_at;  // the walk's start is the log's, not the plan's
    session_->plan() = std::move(plan);
    plan_at_step_start_ = session_->plan();
    ++revision_;
    plan_edit_pending_ = true;
    plan_write_failed_ = false;
    last_plan_edit_ms_ = clock_.base_ms();
    outcome.done = true;
    journal_plan(outcome);  // at once: an undo is a finished edit
}

Outcome WalkDocument::undo_plan_edit() { return step_plan_history(plan_undo_, plan_redo_, "undo", "Undone"); }

// A new edit has cleared the redo steps already (close_plan_undo_step).
Outcome WalkDocument::redo_plan_edit() { return step_plan_history(plan_redo_, plan_undo_, "redo", "Redone"); }

Outcome WalkDocument::step_plan_history(std::vector<PlanStep>& from, std::vector<PlanStep>& to, std::string_view verb,
                                        std::string_view done) {
    Outcome outcome;
    if (!has_walk()) return outcome;
    close_plan_undo_step();
    if (from.empty()) {
        say(outcome, "Nothing to " + std::string(verb) + " in the plan", false);
        return outcome;
    }
    const std::string what = from.back().what;
    if (auto problem = plan_restore_problem(from.back().plan)) {
        say(outcome, "Cannot " + std::string(verb) + " " + what + ": " + *problem, true);
        return outcome;
    }
    to.push_back({session_->plan(), what});
    Plan restored = std::move(from.back().plan);
    from.pop_back();
    restore_plan(std::move(restored), outcome);
    say(outcome, std::string(done) + ": " + what, false);
    return outcome;
}

std::optional<std::string> WalkDocument::plan_undo_name() const {
    if (open_plan_step_) return open_plan_step_;
    if (plan_undo_.empty()) return std::nullopt;
    return plan_undo_.back().what;
}

std::optional<std::string> WalkDocument::plan_redo_name() const {
    if (open_plan_step_ || plan_redo_.empty()) return std::nullopt;
    return plan_redo_.back().what;
}

}  // namespace gemba
