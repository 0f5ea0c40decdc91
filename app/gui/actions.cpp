#include "app/gui/actions.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "app/gui/keys.hpp"
#include "app/gui/settings.hpp"
#include "app/gui/walk_note.hpp"
#include "core/analysis/summary.hpp"
#include "core/file/atomic_file.hpp"
#include "core/file/journal.hpp"
#include "core/file/session_file.hpp"
#include "core/log/log_state.hpp"
#include "core/report/csv.hpp"
#include "core/report/event_text.hpp"
#include "core/report/html_report.hpp"
#include "core/report/value_stream_report.hpp"
#include "core/report/numbers.hpp"
#include "core/report/workbook.hpp"
#include "core/study/improvement_edits.hpp"

namespace gemba::gui {
namespace {

// A walk just put in the document: its first screen, no note or count typed in the walk before,
// and its file (`file`, when it has one on disk) first among the recent ones.
void show_new_walk(AppState& app, const std::filesystem::path& file = {}) {
    cancel_note(app);
    app.counting = {};
    // The round screen starts afresh; its count of announcements goes on (main.cpp follows it).
    const int announced = app.rounds.attention_requests;
    app.rounds = RoundsView{};
    app.rounds.attention_requests = announced;
    app.sampling_review = {};  // its subject and category are ids of the last study's
    // Improve's choices name the last walk's problems, actions and files: ids that this walk may
    // also use for others (a key would move a card nobody chose here). The board's cards and walks
    // as shown stay until it is drawn again: its "Open this walk" opens a walk while they are drawn.
    app.chosen_problem = 0;
    app.focus_field = ProblemsField::none;
    app.board.chosen = 0;
    app.board.reveal_chosen = false;
    app.board.walk.reset();
    app.board.owner.reset();
    app.board.stale = true;
    app.compare = CompareView{};
    // A sampling study with rounds opens on them (the Rounds tab); one without steps or rounds on
    // Setup, and so does a new sampling study: its subjects and the rounds drawn for it are checked
    // there before the first round.
    const Session& session = app.doc.session();
    const bool ready = session.study == StudyKind::work_sampling ? !file.empty() && session.sampling.round_count() > 0
                                                                 : !session.steps.empty();
    app.screen = ready ? Screen::walk : Screen::setup;
    if (!file.empty()) remember_recent(app, file);
}

}  // namespace

void show(AppState& app, std::string text, bool error) {
    app.message = Message{std::move(text), error, app.clock.now_ms()};
}

void show(AppState& app, const Outcome& outcome) {
    if (!outcome.message.empty()) show(app, outcome.message, outcome.error);
}

void start_session(AppState& app, Plan plan, std::filesystem::path file) {
    FileNaming naming = FileNaming::fixed;
    if (file.empty()) {
        file = unused_session_path(app.paths.data_dir, plan.title);
        naming = FileNaming::follows_title;
    }
    app.doc.start(std::move(plan), std::move(file), naming);
    show_new_walk(app);
}

bool open_session(AppState& app, const std::filesystem::path& path) {
    const OpenOutcome opened = app.doc.open(path);
    show(app, opened);
    app.open_problem = opened.error ? opened.message : std::string();
    if (!opened.done) return false;
    show_new_walk(app, path);
    return true;
}

bool save_as(AppState& app, const std::filesystem::path& path) {
    const Outcome saved = app.doc.save_as(path);
    show(app, saved);
    if (saved.done) remember_recent(app, path);
    return saved.done;
}

bool save(AppState& app) {
    if (!app.doc.has_walk()) return false;
    if (app.doc.file().empty()) return save_as(app, unused_session_path(app.paths.data_dir, app.doc.session().title));
    // The document's own save: a new walk's file takes the title typed just now (a field still active).
    const Outcome saved = app.doc.save();
    show(app, saved);
    if (saved.done) remember_recent(app, app.doc.file());
    return saved.done;
}

std::optional<std::string> save_as_would_replace(const AppState& app, const std::filesystem::path& path) {
    std::error_code ec;
    if (!app.doc.has_walk() || path == app.doc.file() || !std::filesystem::exists(path, ec)) return std::nullopt;
    // save_as refuses these and says why: another walk's journal beside it; a folder.
    if (has_journal(path) || std::filesystem::is_directory(path, ec)) return std::nullopt;
    return describe_session_file(path);
}

// --- Leaving the current walk ---------------------------------------------------------------------

namespace {

void carry_out(AppState& app, PendingAction action) {
    switch (action.kind) {
        case PendingAction::Kind::quit: app.quit_requested = true; break;
        case PendingAction::Kind::start: start_session(app, std::move(action.plan)); break;
        case PendingAction::Kind::open: open_session(app, action.file); break;
    }
}

// Why `path` would not open once the current walk is given up (none: it would, or its recovery
// would be offered): checked before the walk's journal is discarded, so that a failed open never
// costs it. The file is read twice, a price only a deliberate "discard, then open" pays.
std::optional<std::string> why_it_would_not_open(const AppState& app, const std::filesystem::path& path) {
    if (path != app.doc.file() && has_journal(path)) {
        const RecoveryResult recovery = recover(path);
        if (!recovery.recovery) return recovery.problem->message();
        return std::nullopt;
    }
    const LoadResult loaded = load_session(path);
    if (!loaded.ok()) return loaded.problem->message();
    return std::nullopt;
}

void request(AppState& app, PendingAction action) {
    keep_note_draft(app);  // typed text is work too: the walk's unsaved changes include it
    if (app.dirty()) app.after_unsaved = std::move(action);
    else carry_out(app, std::move(action));
}

}  // namespace

void request_quit(AppState& app) { request(app, PendingAction{PendingAction::Kind::quit, {}, {}}); }

void request_start(AppState& app, Plan plan) {
    request(app, PendingAction{PendingAction::Kind::start, std::move(plan), {}});
}

void request_open(AppState& app, const std::filesystem::path& path) {
    request(app, PendingAction{PendingAction::Kind::open, {}, path});
}

void answer_unsaved(AppState& app, UnsavedChoice choice) {
    if (!app.after_unsaved) return;
    PendingAction action = std::move(*app.after_unsaved);
    app.after_unsaved.reset();
    switch (choice) {
        case UnsavedChoice::save:
            if (save(app)) carry_out(app, std::move(action));
            break;
        case UnsavedChoice::discard:
            if (action.kind == PendingAction::Kind::open)
                if (const auto problem = why_it_would_not_open(app, action.file)) {
                    show(app, *problem + "; the current walk is kept, unsaved changes and all", true);
                    app.open_problem = *problem;
                    break;
                }
            discard_journal(app);
            carry_out(app, std::move(action));
            break;
        case UnsavedChoice::cancel: break;
    }
}

bool export_csv_files(AppState& app) {
    if (!app.doc.has_walk()) return false;
    const std::filesystem::path& file = app.doc.file();
    const Session& session = app.doc.session();
    const std::filesystem::path folder = file.empty() ? app.paths.data_dir : file.parent_path();
    const std::string stem = file.empty() ? std::filesystem::path(file_name_for(session.title)).stem().string()
                                          : file.stem().string();
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const SessionSummary summary = summarize(session, app.doc.state(), app.doc.summary_now());
    const ExportResult result = export_csv(folder, stem, session, app.doc.state(), summary);
    if (!result.ok) {
        show(app, result.error, true);
        return false;
    }
    const std::filesystem::path workbook = folder / (stem + ".xlsx");
    const WorkbookSession sheets[] = {{workbook.filename().string(), session, app.doc.state(), summary}};
    const WriteOutcome written = write_workbook(workbook, sheets);
    if (!written.ok) {
        show(app, written.error, true);
        return false;
    }
    show(app, "Exported " + std::to_string(result.written.size()) + " CSV files and " + workbook.filename().string() +
                  " to " + folder.string(), false);
    return true;
}

bool write_report(AppState& app) {
    if (!app.doc.has_walk()) return false;
    const Session& session = app.doc.session();
    const std::filesystem::path file =
        app.doc.file().empty() ? app.paths.data_dir / file_name_for(session.title) : app.doc.file();
    const std::filesystem::path path = report_path_for(file.string());
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const SessionSummary summary = summarize(session, app.doc.state(), app.doc.summary_now());
    const std::optional<ValueStreamResult> stream = value_stream_for_report(session, app.doc.state(), summary);
    const ValueStreamFigures* figures = stream && stream->figures ? &*stream->figures : nullptr;
    const std::string html = html_report({{file.filename().string(), &session, &app.doc.state(), &summary, figures}});
    const WriteOutcome written = write_file_atomically(path, html);
    if (!written.ok) {
        show(app, written.error, true);
        return false;
    }
    show(app, "Report written to " + path.string(), false);
    return true;
}

// --- Numbers derived from the session -------------------------------------------------------------

const SessionSummary& current_summary(AppState& app, bool refresh_live) {
    SummaryCache& cache = app.summary_cache;
    const std::int64_t now = app.clock.now_ms();
    const bool aged = refresh_live && now - cache.computed_at_ms >= kLiveSummaryRefreshMs && app.doc.live();
    if (cache.revision == app.doc.revision() && !aged) return cache.summary;
    cache.summary = summarize(app.doc.session(), app.doc.state(), app.doc.summary_now());
    cache.outliers.clear();
    for (const StepSummary& s : cache.summary.steps)
        cache.outliers.insert(cache.outliers.end(), s.outliers.begin(), s.outliers.end());
    std::sort(cache.outliers.begin(), cache.outliers.end());
    cache.revision = app.doc.revision();
    cache.computed_at_ms = now;
    return cache.summary;
}

std::int64_t observed_now_ms(const AppState& app, const SessionSummary& summary) {
    // The summary was computed at `elapsed_ms`; since then no event came (the revision is the same),
    // so no pause began or ended: the clock has moved on by the time passed, or not at all if paused.
    if (!app.doc.clock_running()) return summary.observed_ms;
    return summary.observed_ms + std::max<std::int64_t>(app.doc.recorder().now_ms() - summary.elapsed_ms, 0);
}

const SessionFacts& session_facts(AppState& app) {
    SessionFacts& facts = app.facts;
    if (facts.log_revision == app.doc.log_revision()) return facts;
    facts = SessionFacts{};
    const LogState& state = app.doc.state();
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
        if (t.running()) facts.running_timed_tag[static_cast<std::size_t>(t.waste)] = i;  // kWastes is in enum order
    }
    facts.log_revision = app.doc.log_revision();
    return facts;
}

const std::vector<StepId>& steps_in_log(AppState& app) {
    StepsInLog& cache = app.steps_in_log;
    // Keyed by the log alone: typing in Setup, which asks every frame, does not rescan the events.
    if (cache.log_revision == app.doc.log_revision()) return cache.steps;
    cache.steps.clear();  // sorted, each once: as few as the plan's steps (and queues)
    cache.queues.clear();
    const auto keep = [](std::vector<std::int64_t>& ids, std::int64_t id) {
        const auto at = std::lower_bound(ids.begin(), ids.end(), id);
        if (at == ids.end() || *at != id) ids.insert(at, id);
    };
    for (const Event& e : app.doc.session().events) {
        for (StepId step : {e.step, e.ended_step()})
            if (step != kNoStep) keep(cache.steps, step);
        if (e.queue() != kNoQueue) keep(cache.queues, e.queue());
    }
    cache.log_revision = app.doc.log_revision();
    return cache.steps;
}

bool queue_in_log(AppState& app, QueueId id) {
    steps_in_log(app);  // fills the queues too
    return std::binary_search(app.steps_in_log.queues.begin(), app.steps_in_log.queues.end(), id);
}

// --- Taps and edits -------------------------------------------------------------------------------

void control(AppState& app, const std::function<TapResult(Recorder&)>& action, const std::string& what,
             std::int64_t at_ms) {
    show(app, app.doc.tap(TapKind::control, action, what, at_ms));
}

void edit(AppState& app, const std::function<TapResult(Recorder&)>& action, const std::string& what,
          std::optional<std::int64_t> at_ms) {
    show(app, app.doc.tap(TapKind::edit, action, what, at_ms));
}

void plan_changed(AppState& app, std::string_view what) { app.doc.plan_edited(what); }

void finish_plan_edit(AppState& app) { show(app, app.doc.finish_plan_edit()); }

bool rename_step(AppState& app, Step& step, std::string name) {
    if (name.empty()) {
        show(app, "A step's name cannot be empty; kept the last valid name", true);
        return false;
    }
    step.name = std::move(name);
    plan_changed(app, "step name");
    return true;
}

std::optional<std::string> step_delete_problem(AppState& app, const Step& step) {
    const std::vector<StepId>& steps = steps_in_log(app);
    if (std::binary_search(steps.begin(), steps.end(), step.id)) return "“" + step.name + "” has readings: it stays";
    if (const std::vector<std::string> naming = what_names_step(app.doc.session(), step.id); !naming.empty())
        return "“" + step.name + "” is named by " + joined(naming, ", ") + ": it stays";
    for (const Queue& queue : app.doc.session().queues)
        if (queue.before_step == step.id && queue_in_log(app, queue.id))
            return "“" + step.name + "” is fed by “" + queue.name + "”, which has counts: it stays";
    return std::nullopt;
}

// A finished plan edit of its own, journaled now, with how to undo it in the status line.
void finish_structural_edit(AppState& app, const std::string& what, const std::string& done) {
    app.doc.plan_edited(what);
    const Outcome journaled = app.doc.finish_plan_edit();
    if (journaled.error) show(app, journaled);
    else show(app, done + " — Undo [" + key_hint(KeyAction::undo) + "]", false);
}

void delete_step(AppState& app, std::size_t index) {
    Plan& plan = app.doc.plan();
    if (index >= plan.steps.size()) return;
    if (auto problem = step_delete_problem(app, plan.steps[index])) {
        show(app, *problem, true);
        return;
    }
    const std::string name = plan.steps[index].name;
    const StepId id = plan.steps[index].id;
    plan.steps.erase(plan.steps.begin() + static_cast<std::ptrdiff_t>(index));
    // A queue names the step it feeds: it goes with it (a plan cannot hold it), and comes back with the undo.
    const std::size_t queues_before = plan.queues.size();
    std::erase_if(plan.queues, [id](const Queue& q) { return q.before_step == id; });
    const std::size_t queues_gone = queues_before - plan.queues.size();
    finish_structural_edit(app, "delete “" + name + "”",
                           "“" + name + "” deleted" +
                               (queues_gone == 0   ? std::string()
                                : queues_gone == 1 ? std::string(" with the queue before it")
                                                   : " with the " + std::to_string(queues_gone) + " queues before it"));
}

std::string names_text(const std::vector<std::string>& names) { return joined(names, ", "); }

std::string plan_number_text(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

std::vector<std::string> names_from_text(const std::string& text) {
    std::vector<std::string> names;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find(',', at);
        if (end == std::string::npos) end = text.size();
        const std::size_t first = text.find_first_not_of(' ', at);
        if (first != std::string::npos && first < end)
            names.push_back(text.substr(first, text.find_last_not_of(' ', end - 1) + 1 - first));
        at = end + 1;
    }
    return names;
}

void add_queue(AppState& app) {
    Plan& plan = app.doc.plan();
    if (plan.steps.empty()) {
        show(app, "A queue waits before a step: add a step first", true);
        return;
    }
    Queue queue;
    queue.id = plan.next_queue_id();
    queue.name = "Queue " + std::to_string(plan.queues.size() + 1);
    queue.before_step = plan.steps.front().id;
    plan.queues.push_back(queue);
    finish_structural_edit(app, "add queue “" + queue.name + "”", "Queue “" + queue.name + "” added");
}

bool rename_queue(AppState& app, Queue& queue, std::string name) {
    if (name.empty()) {
        show(app, "A queue's name cannot be empty; kept the last valid name", true);
        return false;
    }
    queue.name = std::move(name);
    plan_changed(app, "queue name");
    return true;
}

std::optional<std::string> queue_remove_problem(AppState& app, const Queue& queue) {
    if (queue_in_log(app, queue.id)) return "“" + queue.name + "” has counts in the walk: it stays";
    return std::nullopt;
}

void remove_queue(AppState& app, std::size_t index) {
    Plan& plan = app.doc.plan();
    if (index >= plan.queues.size()) return;
    if (auto problem = queue_remove_problem(app, plan.queues[index])) {
        show(app, *problem, true);
        return;
    }
    const std::string name = plan.queues[index].name;
    plan.queues.erase(plan.queues.begin() + static_cast<std::ptrdiff_t>(index));
    finish_structural_edit(app, "remove queue “" + name + "”", "Queue “" + name + "” removed");
}

const Queue* counted_queue(const AppState& app) {
    if (!app.doc.has_walk() || app.doc.session().queues.empty()) return nullptr;
    if (const Queue* selected = app.doc.session().find_queue(app.counting.selected)) return selected;
    return &app.doc.session().queues.front();
}

void select_queue(AppState& app, int step) {
    const std::vector<Queue>& queues = app.doc.session().queues;
    const Queue* now = counted_queue(app);
    if (!now) return;
    const auto size = static_cast<std::ptrdiff_t>(queues.size());
    const std::ptrdiff_t at = now - queues.data();
    app.counting.selected = queues[static_cast<std::size_t>(((at + step) % size + size) % size)].id;
}

void count_queue(AppState& app, QueueId queue, std::int64_t count, std::int64_t at_ms) {
    // Said as the recent events say it; an unknown queue is refused by the Recorder, which names it.
    control(app, [queue, count](Recorder& r) { return r.count_queue(queue, count); },
            queue_count_text(app.doc.session(), queue, count), at_ms);
}

bool count_typed(AppState& app, QueueId queue, const std::string& typed, std::int64_t at_ms) {
    const auto first = typed.find_first_not_of(' ');
    if (first == std::string::npos) return false;
    const auto last = typed.find_last_not_of(' ');
    const std::string number = typed.substr(first, last + 1 - first);
    char* end = nullptr;
    errno = 0;
    const long long count = std::strtoll(number.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) {
        show(app, "A count is a whole number of items, 0 or more (not “" + number + "”)", true);
        return false;
    }
    count_queue(app, queue, count, at_ms);  // below 0 or beyond the most: refused by the Recorder, with the reason
    return true;
}

void count_queue_by(AppState& app, QueueId queue, std::int64_t delta, std::int64_t at_ms) {
    const std::int64_t after = app.doc.state().last_count(queue).value_or(0) + delta;
    control(app, [queue, delta](Recorder& r) { return r.count_queue_by(queue, delta); },
            queue_count_text(app.doc.session(), queue, after), at_ms);
}

// Setup and Improve edit the plan (Improve: the problems and the board): their undo is the plan's.
static bool edits_plan(Screen screen) { return screen == Screen::setup || screen == Screen::improve; }

void undo(AppState& app, std::optional<std::int64_t> at_ms) {
    if (edits_plan(app.screen)) show(app, app.doc.undo_plan_edit());
    else edit(app, [](Recorder& r) { return r.undo(); }, "Undone", at_ms);
}

void redo(AppState& app, std::optional<std::int64_t> at_ms) {
    if (edits_plan(app.screen)) show(app, app.doc.redo_plan_edit());
    else edit(app, [](Recorder& r) { return r.redo(); }, "Redone", at_ms);
}

void offer_recovery(AppState& app, const std::filesystem::path& path) { show(app, app.doc.offer_recovery(path)); }

bool accept_recovery(AppState& app) {
    const std::filesystem::path path = app.doc.recovery_file();
    const OpenOutcome opened = app.doc.accept_recovery();
    show(app, opened);
    app.unsaved_journals = find_unsaved_journals(app.paths.data_dir);
    if (!opened.done) return false;
    show_new_walk(app, path);
    return true;
}

bool discard_recovery(AppState& app) {
    const std::filesystem::path path = app.doc.recovery_file();
    const OpenOutcome discarded = app.doc.discard_recovery();
    show(app, discarded);
    app.unsaved_journals = find_unsaved_journals(app.paths.data_dir);
    if (!discarded.done) return false;
    if (app.doc.has_walk() && app.doc.file() == path) show_new_walk(app, path);
    return true;
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

void discard_journal(AppState& app) { show(app, app.doc.discard_journal()); }

// --- Installation -----------------------------------------------------------------------------

std::filesystem::path find_templates_dir() {
    if (const char* dir = std::getenv("GEMBA_TEMPLATES_DIR")) return dir;
    for (const char* candidate : {GEMBA_SOURCE_DATA_DIR "/templates", "/usr/share/gemba/templates"})
        if (std::filesystem::is_directory(candidate)) return candidate;
    return {};
}

// The session files to choose from: the sessions folder's and the recent ones, newest first, the
// open walk's own file left out.
std::vector<std::filesystem::path> list_session_files(const AppState& app) {
    // By canonical path: a recent file and the folder's entry, or the open walk, are one file.
    std::set<std::filesystem::path> found;
    std::error_code ec;
    const auto add = [&](const std::filesystem::path& path) {
        if (std::filesystem::is_regular_file(path, ec)) found.insert(std::filesystem::weakly_canonical(path, ec));
    };
    for (const auto& entry : std::filesystem::directory_iterator(app.paths.data_dir, ec))
        if (entry.path().extension() == ".json") add(entry.path());
    for (const std::string& recent : app.settings.recent_files) add(recent);
    if (!app.doc.file().empty()) found.erase(std::filesystem::weakly_canonical(app.doc.file(), ec));
    std::vector<std::filesystem::path> files(found.begin(), found.end());
    const auto time_of = [](const std::filesystem::path& p) {
        std::error_code e;
        return std::filesystem::last_write_time(p, e);
    };
    std::stable_sort(files.begin(), files.end(), [&](const std::filesystem::path& a, const std::filesystem::path& b) { return time_of(a) > time_of(b); });
    return files;
}

}  // namespace gemba::gui
