#include "app/gui/actions.hpp"

#include <algorithm>
#include <cstdlib>

#include "app/gui/settings.hpp"
#include "core/report/csv.hpp"
#include "core/log/log_state.hpp"
#include "core/file/session_file.hpp"
#include "core/analysis/summary.hpp"

namespace gemba::gui {
namespace {

void show(AppState& app, std::string text, bool error) {
    app.message = Message{std::move(text), error, app.clock.steady_ms()};
}

std::filesystem::path default_save_path(const AppState& app) {
    const std::string title = app.session && !app.session->title.empty() ? app.session->title : "walk";
    std::filesystem::path path = app.paths.data_dir / file_name_for(title);
    // Never overwrite another session, or another session's unsaved work, by accident: add a
    // number until the name is free.
    for (int n = 2; std::filesystem::exists(path) || has_journal(path); ++n)
        path = app.paths.data_dir / (file_name_for(title + " " + std::to_string(n)));
    return path;
}

// The file on disk now holds everything (just opened or saved): its journal has nothing left to
// protect. The next change starts a new one.
void mark_saved(AppState& app) {
    std::string error;
    if (app.journal && !app.journal->remove(error)) show(app, error, true);
    app.journal.reset();
    app.last_saved_event = app.session->events.empty() ? kNoEvent : app.session->events.back().id;
}

// Starts the journal at the first change since the last save; its first record is the plan.
bool ensure_journal(AppState& app) {
    if (app.journal) return true;
    std::error_code ec;
    std::filesystem::create_directories(app.file.parent_path().empty() ? "." : app.file.parent_path(), ec);
    std::string error;
    app.journal = Journal::start(app.file, *app.session, app.last_saved_event, error);
    if (!app.journal) show(app, "NOT SAFE, taps are not protected against a crash: " + error, true);
    return app.journal != nullptr;
}

void journal_plan(AppState& app) {
    std::string error;
    if (!app.journal) ensure_journal(app);  // its first record is the plan as it is now
    else if (!app.journal->append_plan(*app.session, error))
        show(app, "NOT SAFE: " + error + ". Save now (Ctrl+S).", true);
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

void start_session(AppState& app, Session plan, std::filesystem::path file) {
    plan.events.clear();
    plan.started_at.clear();
    app.session = std::make_unique<Session>(std::move(plan));
    app.recorder = std::make_unique<Recorder>(*app.session, app.clock);
    // A new walk gets its file name at once, so that its journal has a place from the first tap.
    app.file = file.empty() ? default_save_path(app) : std::move(file);
    app.journal.reset();
    app.last_saved_event = kNoEvent;
    ++app.revision;
    app.screen = app.session->steps.empty() ? Screen::setup : Screen::walk;
}

bool open_session(AppState& app, const std::filesystem::path& path) {
    if (has_journal(path)) {
        offer_recovery(app, path);
        return false;
    }
    LoadResult loaded = load_session(path);
    if (!loaded.ok()) {
        show(app, loaded.problem->message(), true);
        return false;
    }
    app.session = std::make_unique<Session>(std::move(*loaded.session));
    app.recorder = std::make_unique<Recorder>(*app.session, app.clock);
    app.journal.reset();  // another session's journal stays on disk, recoverable
    app.file = path;
    mark_saved(app);
    app.saved_revision = ++app.revision;
    app.rebase_clock_on_next_tap = !walk_live(app);
    app.screen = app.session->steps.empty() ? Screen::setup : Screen::walk;
    remember_recent(app, path);
    show(app, "Opened " + path.string(), false);
    return true;
}

bool save_as(AppState& app, const std::filesystem::path& path) {
    if (!app.session) return false;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path().empty() ? "." : path.parent_path(), ec);
    const SaveResult result = save_session(path, *app.session);
    if (!result.ok) {
        show(app, result.error, true);
        return false;
    }
    // The journal's events are all in the saved file now.
    mark_saved(app);
    app.file = path;
    app.saved_revision = app.revision;
    remember_recent(app, path);
    show(app, "Saved " + path.string(), false);
    return true;
}

bool save(AppState& app) {
    if (!app.session) return false;
    return save_as(app, app.file.empty() ? default_save_path(app) : app.file);
}

bool export_csv_files(AppState& app) {
    if (!app.session) return false;
    const std::filesystem::path folder = app.file.empty() ? app.paths.data_dir : app.file.parent_path();
    const std::string stem = app.file.empty() ? file_name_for(app.session->title).substr(0, file_name_for(app.session->title).size() - 5)
                                              : app.file.stem().string();
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const SessionSummary summary = summarize(*app.session, app.recorder->state(), summary_now(app));
    const ExportResult result = export_csv(folder, stem, *app.session, app.recorder->state(), summary);
    if (!result.ok) {
        show(app, result.error, true);
        return false;
    }
    show(app, "Exported " + std::to_string(result.written.size()) + " CSV files to " + folder.string(), false);
    return true;
}

Recorder& walk_recorder(AppState& app) {
    if (app.session->events.empty()) {
        app.recorder = std::make_unique<Recorder>(*app.session, app.clock);
        app.session->started_at = utc_now_iso8601();
        journal_plan(app);
    } else if (app.rebase_clock_on_next_tap) {
        app.recorder = std::make_unique<Recorder>(*app.session, app.clock);
    }
    app.rebase_clock_on_next_tap = false;
    return *app.recorder;
}

bool walk_live(const AppState& app) {
    if (!app.recorder) return false;
    const LogState& state = app.recorder->state();
    if (state.paused() || !state.running_readings().empty()) return true;
    // The main loop asks every frame: the scan of every tag runs once per revision.
    if (app.facts.revision == app.revision) return app.facts.timed_waste_running;
    return std::any_of(state.tags().begin(), state.tags().end(), [](const WasteTag& t) { return t.running(); });
}

std::optional<std::int64_t> summary_now(const AppState& app) {
    if (!walk_live(app)) return std::nullopt;
    return app.recorder->now_ms();
}

// --- Numbers derived from the session -------------------------------------------------------------

const SessionSummary& current_summary(AppState& app, bool refresh_live) {
    SummaryCache& cache = app.summary_cache;
    const std::int64_t now = app.clock.steady_ms();
    const bool aged = refresh_live && now - cache.computed_at_ms >= kLiveSummaryRefreshMs && walk_live(app);
    if (cache.revision == app.revision && !aged) return cache.summary;
    cache.summary = summarize(*app.session, app.recorder->state(), summary_now(app));
    cache.outliers.clear();
    for (const StepSummary& s : cache.summary.steps)
        cache.outliers.insert(cache.outliers.end(), s.outliers.begin(), s.outliers.end());
    std::sort(cache.outliers.begin(), cache.outliers.end());
    cache.revision = app.revision;
    cache.computed_at_ms = now;
    return cache.summary;
}

std::int64_t observed_now_ms(const AppState& app, const SessionSummary& summary) {
    // The summary was computed at `elapsed_ms`; since then no event came (the revision is the same),
    // so no pause began or ended: the clock has moved on by the time passed, or not at all if paused.
    if (!walk_live(app) || app.recorder->state().paused()) return summary.observed_ms;
    return summary.observed_ms + std::max<std::int64_t>(app.recorder->now_ms() - summary.elapsed_ms, 0);
}

const SessionFacts& session_facts(AppState& app) {
    SessionFacts& facts = app.facts;
    if (facts.revision == app.revision) return facts;
    facts = SessionFacts{};
    const LogState& state = app.recorder->state();
    // Per step, the valid reading that ended last. A plan has a few dozen steps at most: a flat list
    // searched in order beats a map lookup per reading.
    std::vector<std::pair<StepId, const Reading*>> last;
    for (const Reading& r : state.readings()) {
        if (!r.valid()) continue;
        const auto it = std::find_if(last.begin(), last.end(), [&](const auto& entry) { return entry.first == r.step; });
        if (it == last.end()) last.emplace_back(r.step, &r);
        else if (*r.end_ms >= *it->second->end_ms) it->second = &r;
    }
    for (const auto& [step, reading] : last) facts.last_reading_ms[step] = state.duration_ms(*reading, 0);
    for (std::size_t i = 0; i < state.tags().size(); ++i) {
        const WasteTag& t = state.tags()[i];
        if (!t.running()) continue;
        facts.timed_waste_running = true;
        facts.running_timed_tag[static_cast<std::size_t>(t.waste)] = i;  // kWastes is in enum order
    }
    facts.revision = app.revision;
    return facts;
}

const std::vector<StepId>& steps_in_log(AppState& app) {
    StepsInLog& cache = app.steps_in_log;
    if (cache.revision == app.revision) return cache.steps;
    cache.steps.clear();  // sorted, each once: as few as the plan's steps
    for (const Event& e : app.session->events)
        for (StepId step : {e.step, e.ended_step}) {
            if (step == kNoStep) continue;
            const auto at = std::lower_bound(cache.steps.begin(), cache.steps.end(), step);
            if (at == cache.steps.end() || *at != step) cache.steps.insert(at, step);
        }
    cache.revision = app.revision;
    return cache.steps;
}

void report(AppState& app, const TapResult& result, const std::string& what) {
    if (result.recorded) {
        ++app.revision;
        show(app, what, false);
        std::string error;
        if (ensure_journal(app) && !app.journal->append_event(app.session->events.back(), error))
            show(app, "NOT SAFE: " + error + ". Save now (Ctrl+S).", true);
    } else {
        show(app, result.message, !result.debounced);
    }
}

void plan_changed(AppState& app) {
    ++app.revision;
    journal_plan(app);
}

void offer_recovery(AppState& app, const std::filesystem::path& path) {
    RecoveryResult result = recover(path);
    if (!result.recovery) {
        show(app, result.problem->message() + ". The journal is kept as it is; see gemba-cli recover.", true);
        return;
    }
    app.recovery_file = path;
    app.recovery = std::move(*result.recovery);
}

bool accept_recovery(AppState& app) {
    if (!app.recovery || !app.recovery_file) return false;
    const std::filesystem::path path = *app.recovery_file;
    const SaveResult saved = apply_recovery(path, *app.recovery);
    app.recovery.reset();
    app.recovery_file.reset();
    if (!saved.ok) {
        show(app, saved.error, true);
        return false;
    }
    app.unsaved_journals = find_unsaved_journals(app.paths.data_dir);
    return open_session(app, path);
}

bool discard_recovery(AppState& app) {
    if (!app.recovery_file) return false;
    const std::filesystem::path path = *app.recovery_file;
    app.recovery.reset();
    app.recovery_file.reset();
    std::error_code ec;
    std::filesystem::remove(journal_path_for(path), ec);
    if (ec) {
        show(app, "could not remove the journal of " + path.string() + ": " + ec.message(), true);
        return false;
    }
    app.unsaved_journals = find_unsaved_journals(app.paths.data_dir);
    return std::filesystem::exists(path) ? open_session(app, path) : true;
}

std::vector<std::filesystem::path> find_unsaved_journals(const std::filesystem::path& data_dir) {
    std::vector<std::filesystem::path> sessions;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(data_dir, ec)) {
        const std::filesystem::path& p = entry.path();
        if (p.extension() == ".journal") sessions.push_back(p.parent_path() / p.stem());
    }
    std::sort(sessions.begin(), sessions.end());
    return sessions;
}

void discard_journal(AppState& app) {
    std::string error;
    if (app.journal && !app.journal->remove(error)) show(app, error, true);
    app.journal.reset();
}

// --- Installation -----------------------------------------------------------------------------

std::filesystem::path find_templates_dir() {
    if (const char* dir = std::getenv("GEMBA_TEMPLATES_DIR")) return dir;
    for (const char* candidate : {GEMBA_SOURCE_DATA_DIR "/templates", "/usr/share/gemba/templates"})
        if (std::filesystem::is_directory(candidate)) return candidate;
    return {};
}

}  // namespace gemba::gui
