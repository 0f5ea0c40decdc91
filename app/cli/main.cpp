// gemba-cli: Gemba's command-line front end. Everything it prints comes from core/.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/report/action_board.hpp"
#include "core/report/compare_report.hpp"
#include "core/report/csv.hpp"
#include "core/report/event_text.hpp"
#include "core/report/html_report.hpp"
#include "core/file/atomic_file.hpp"
#include "core/report/numbers.hpp"
#include "core/report/pool_report.hpp"
#include "core/report/sampling_pool_report.hpp"
#include "core/file/journal.hpp"
#include "core/log/log_state.hpp"
#include "core/file/session_file.hpp"
#include "core/analysis/summary.hpp"
#include "core/report/summary_json.hpp"
#include "core/report/text_summary.hpp"
#include "core/report/value_stream_report.hpp"
#include "core/report/workbook.hpp"
#include "core/study/walk.hpp"
#include "core/report/sampling_report.hpp"
#include "core/sampling/sampling_clock.hpp"

namespace {

using namespace gemba;

// Exit codes, documented in --help and the README.
constexpr int kExitOk = 0;
constexpr int kExitInvalidFile = 1;
constexpr int kExitUsage = 2;
constexpr int kExitWriteFailed = 3;
constexpr int kExitUnsavedJournal = 4;
constexpr int kExitTapRefused = 5;

constexpr std::string_view kUsage = R"(gemba-cli - Gemba's command-line tool for gemba-walk sessions

Usage:
  gemba-cli summary FILE... [--json | --csv]   the lean numbers of each session; with several files
                                               also their combined waste tally (not with --csv)
  gemba-cli summary --pool FILE... [--json | --csv] [--kappa-window-ms N] [--kappa-pair I,J]
                                               several observers' (or days') sessions of one plan as
                                               one study: per step each observer's n, mean and SD
                                               beside the pooled ones, a one-way ANOVA (F, p) and a
                                               verdict; the steps not pooled; the pooled waste tally;
                                               for two FILEs (or the I-th and J-th FILE, counted
                                               from 1) Cohen's kappa of their waste tags (tags N ms
                                               apart on the wall clock are one event; 5000 unless
                                               given); of work sampling studies: per category the
                                               shares, a chi-square test and kappa by round
  gemba-cli tally FILE... [--csv]              the waste tally of all FILEs together, in Pareto order
  gemba-cli check FILE...                      validate session files (and say if a crash left a
                                               journal of unsaved events beside one)
  gemba-cli recover FILE [--yes | --discard --yes]
                                               show what FILE's journal would give back; --yes writes
                                               it into FILE (atomically) and removes the journal, or,
                                               if records could not be recovered, keeps it whole as
                                               FILE.journal.unrecovered-<UTC time> and says so;
                                               --discard --yes removes the journal without using it
  gemba-cli export FILE... --csv DIR           write FILE's readings, steps, wastes, waste tally
                                               and notes as CSV files into DIR (named after FILE);
                                               a value stream's counts and map too
  gemba-cli export FILE... --xlsx OUT.xlsx     the same tables as the sheets of one workbook, for
                                               spreadsheets (several FILEs: a first column 'file')
  gemba-cli report FILE... -o OUT.html [--paper a4|letter]
                                               write one self-contained HTML report (study data,
                                               element table, lean numbers, charts, print layout;
                                               page size A4 unless --paper letter) of every FILE,
                                               atomically; a bad FILE writes nothing
  gemba-cli actions DIR|FILE... [--csv | --json]
                                               every action of those walks (a DIR: its *.json
                                               files), overdue first, then by due date: walk (file),
                                               problem, action, owner, due, status, overdue, expected
                                               effect
  gemba-cli compare BEFORE AFTER [--json | --csv]
                                               a walk before an improvement against a walk after it:
                                               per step (matched by name) the means, the difference
                                               with its confidence interval and Welch's t-test; waste
                                               per hour; lead time, flow efficiency, takt gap; each
                                               action's expected effect against what moved (below)
  gemba-cli walk FILE [--plan PLAN]            run a walk from the standard input, one tap a line,
                                               journaled as the app does: continue FILE, or with
                                               --plan start a new walk on PLAN's plan, saved as FILE
  gemba-cli --help                             this text
  gemba-cli --version                          the version

'--' ends the options: every word after it is a FILE (a file named '-x' or '--json'). A FILE that
is a named pipe (FIFO), a device or a socket is refused as not a regular file, without reading it.

For work sampling studies (all FILEs; time studies are summarised apart) summary gives the share
of each category with its normal and Wilson intervals (absent / not observable left out of n),
per subject, the observations required for the target, a p-chart per day, the rounds (taken, late,
skipped, missed, open and to come at the time of the run) and the standard time from sampling;
--json: {sampling_summary_format_version, studies [...]}, --csv: a row per category and per subject
and category (keys in data/schema/README.md).

summary prints a table for people; --json prints everything as JSON (data/schema/summary.schema.json),
--csv prints only the step statistics, as one CSV table with a file column: for the combined waste
tally as CSV, run 'gemba-cli tally FILE... --csv'. A session that maps a value stream (queues, or
steps with who touches them or process data) adds its value stream: the queues with their counts
and days of work, the wait before each step (queue count or timed on the walk), lead time and PCE;
in --csv as more columns of the step table, in export as FILE.counts.csv and FILE.value_stream.csv.

compare matches steps by name (trimmed, case and inner spaces ignored), never by position; a step
without a match, or whose name two steps of its walk share, is listed as unmatched. Differences are
after - before at the before walk's confidence. --json keys: before, after {file, title,
observed_ms}; confidence_pct; steps [{key, before_step_id, after_step_id, before_name, after_name,
before and after {n, mean_ms, sd_ms}, difference_ms, ci_low_ms, ci_high_ms, t, df, p, verdict
(faster, slower, no_clear_change, not_testable), untested, wait_before_ms {before, after, change}}];
unmatched [{side, step_id, name, key, reason (missing, name_twice, other_twice, no_name),
valid_readings}]; wastes [{waste, before_count, after_count, before_per_hour, after_per_hour,
change_per_hour}]; flow {lead_time_ms, flow_efficiency, cycle_time_ms, takt_ms, takt_gap_ms: {before,
after, change}, lead_time_source {before, after}: value_stream, cycles or none}; actions [{walk, id,
title, owner, status, metric, step_id, waste, direction, metric_text, before, after, change,
moved_as_expected, p, significant, verdict (met, not_met, not_measurable), reason}]; null where a
number is unknown. --csv: one table, its rows told apart by the column section (step, wait_before,
unmatched, waste, flow, action): section, name, side, id, before_n, after_n, before, after, change,
unit (s, fraction, per_hour), before_sd, after_sd, ci_low, ci_high, t, df, p, verdict, detail.

summary --pool matches steps by name (trimmed, case and runs of spaces ignored), never by position;
a step not in every FILE, or named twice in one plan, is listed under its file, never pooled. The
observer is a session's 'observer', else its file name. Pooled n, mean and SD are over all valid
readings of every session as one sample. The verdict is at the first session's confidence level:
"observers differ" when the ANOVA's p is below 1 - level, else "no clear difference"; sessions with
fewer than 2 readings of a step are left out of its test. Kappa needs both sessions' started_at
(ISO 8601): tags are placed at started_at + t_ms. --json keys: sessions [{file, observer}],
confidence_pct, z, pooled_over, steps [{key, name, sessions [{file, observer, step_id, n, mean_ms,
sd_ms}], pooled {n, mean_ms, sd_ms}, anova {sessions, f, df_between, df_within, p_value, ss_between,
ss_within, ms_between, ms_within} or null, verdict (observers_differ, no_clear_difference,
not_tested), not_tested_why}], left_out [{file, steps [{step_id, name, why}]}], waste_tally
{observed_ms, total, wastes [{waste, name, count, timed_count, timed_ms, per_hour, share}]}, kappa
{file_a, file_b, window_ms, computed, why_not, items, p_observed, p_expected, kappa, standard_error,
low, high, confidence_pct} or null. --csv: one row per step per observer and a pooled row per step,
column 'row' saying which: row, step, step_key, file, observer, n, mean_s, sd_s, f, df_between,
df_within, p_value, verdict.

summary --pool of work sampling studies (every FILE one; a time study among them is refused, named)
matches categories and subjects by name the same way. Per category each observer's count and share
(over their observations in the pooled categories, absent / not observable left out) beside the
pooled count, share and Wilson interval; a chi-square test of independence of observers x
categories (absent and unobserved categories left out and said; expected counts below 5 listed)
with its verdict at the first session's confidence; Cohen's kappa of two FILEs on observations
paired by round and subject, only when both have the same rounds (absent is a category of its own;
unpaired observations counted). --kappa-window-ms is refused: rounds pair exactly. --json: see
data/schema/sampling-pool.schema.json; --csv: one row per category per observer and a pooled row
per category: row, category, category_key, absent, file, observer, count, n, share, wilson_low,
wilson_high.

Exit codes:
  0  success
  1  a file is not a valid session (the message names the file, the place and the problem), or is
     not a regular file; the other files are still processed (report: nothing is written). check and recover: FILE's journal
     holds nothing to recover (it is empty, not a journal, has a damaged header, is of an unknown
     version, or holds only what FILE already has or what cannot be recovered); the message says
     which
  2  the command line is wrong
  3  an output could not be written: the standard output, or a CSV file of export (each CSV file is
     written atomically, whole or not at all; the files written before the failure stay), or the
     workbook (written atomically too), or the HTML file of report (written atomically too)
  4  check: the file is valid and its journal holds unsaved events (or a plan) that can be
     recovered (run gemba-cli recover FILE); recover without --yes: there is something to recover;
     walk: FILE has a journal (also with --plan), recover it first
  5  walk: a tap was refused or a line is not a tap (named on stderr); the other lines still run

walk reads these lines (times come from a clock that moves only with wait):
  next | stop | toggle STEP_ID | cycle | waste KIND | timed KIND | pause | undo | redo
  count QUEUE_ID N (what waits in the queue now) | count QUEUE_ID +N or -N (a change of the last count)
  note TEXT | wait MS | end (end the walk: stop everything, the clock stands still) | save
  a work sampling study: observe SUBJECT_ID CATEGORY_ID (what the subject does at the current round:
  the latest whose time has come) | skip TEXT (the current round not taken, and why); its clock is
  the time since the schedule's origin (00:00 of its first day), starting at the last event (at the
  origin for a new study) and moving with wait
KIND is a waste in file spelling (defects, overproduction, waiting, non_utilized_talent,
transportation, inventory, motion, extra_processing). Taps after the last save stay in FILE's
journal, as after a crash: 'gemba-cli recover FILE' gives them back.
)";

struct Loaded {
    std::string file;
    Session session;
    LogState state;
    SessionSummary summary;
    // The value stream's figures, for a session that maps one and whose figures could be made.
    std::optional<ValueStreamFigures> value_stream{};
};

// Loads every file; reports each bad one on stderr. Returns false when any failed.
bool load_all(const std::vector<std::string>& files, std::vector<Loaded>& out) {
    bool all_ok = true;
    for (const std::string& file : files) {
        LoadResult result = load_session(file);
        if (!result.ok()) {
            std::cerr << "error: " << result.problem->message() << '\n';
            all_ok = false;
            continue;
        }
        Loaded loaded{file, std::move(*result.session), std::move(result.state), {}};
        loaded.summary = summarize(loaded.session, loaded.state);
        if (std::optional<ValueStreamResult> stream =
                value_stream_for_report(loaded.session, loaded.state, loaded.summary)) {
            if (stream->problem) {
                // The loader refuses what value_stream_of would; said all the same, never half a map.
                std::cerr << "error: " << file << ": value stream: " << stream->problem->message() << '\n';
                all_ok = false;
            } else {
                loaded.value_stream = std::move(stream->figures);
            }
        }
        out.push_back(std::move(loaded));
    }
    return all_ok;
}

std::vector<WasteCount> combined_tally(const std::vector<Loaded>& loaded) {
    std::vector<const SessionSummary*> all;
    for (const Loaded& l : loaded) all.push_back(&l.summary);
    return combine_waste_tallies(all);
}

// --- Commands --------------------------------------------------------------------------------

int usage_error(const std::string& message) {
    std::cerr << "gemba-cli: " << message << "\nRun 'gemba-cli --help' for usage.\n";
    return kExitUsage;
}

// The summary of work sampling studies: their own text, JSON and CSV. Rounds open and to come are
// counted at the wall clock's time now.
int sampling_summary_command(const std::vector<Loaded>& loaded, bool all_ok, bool as_json, bool as_csv) {
    std::vector<NamedSamplingSummary> studies;
    const WallClock wall;
    for (const Loaded& l : loaded) {
        const SamplingClock now(wall, l.session);
        studies.push_back({l.file, &l.session, summarize_sampling(l.session, l.state, now.now_ms())});
    }
    if (as_json) std::cout << sampling_summaries_json(studies);
    else if (as_csv) std::cout << sampling_summaries_csv(studies);
    else
        for (std::size_t i = 0; i < studies.size(); ++i)
            std::cout << (i > 0 ? "\n" : "") << sampling_summary_text(studies[i].file, *studies[i].session, studies[i].summary);
    return all_ok ? kExitOk : kExitInvalidFile;
}

int summary_command(const std::vector<std::string>& files, bool as_json, bool as_csv) {
    std::vector<Loaded> loaded;
    const bool all_ok = load_all(files, loaded);
    const auto sampling = [](const Loaded& l) { return l.session.study == StudyKind::work_sampling; };
    if (!loaded.empty() && std::all_of(loaded.begin(), loaded.end(), sampling))
        return sampling_summary_command(loaded, all_ok, as_json, as_csv);
    if (std::any_of(loaded.begin(), loaded.end(), sampling))
        return usage_error("summary takes time studies or work sampling studies, not both at once: summarise them apart");
    if (as_json) {
        // Moved, not copied, and written as it is made: a plan of a million steps has most of a
        // gigabyte of summary JSON.
        std::vector<NamedSummary> named;
        for (Loaded& l : loaded)
            named.push_back(NamedSummary{l.file, &l.session, std::move(l.summary), std::move(l.value_stream)});
        write_summaries_json(std::cout, named);
    } else if (as_csv) {
        // The value stream's columns when any file maps one, so that the table keeps one header.
        const bool value_stream_columns =
            std::any_of(loaded.begin(), loaded.end(), [](const Loaded& l) { return has_value_stream(l.session); });
        for (std::size_t i = 0; i < loaded.size(); ++i) {
            const ValueStreamFigures* stream = loaded[i].value_stream ? &*loaded[i].value_stream : nullptr;
            std::string csv = steps_csv(loaded[i].summary, &loaded[i].file, stream, value_stream_columns);
            if (i > 0) csv.erase(0, csv.find("\r\n") + 2);  // one header for all files
            std::cout << csv;
        }
    } else {
        for (std::size_t i = 0; i < loaded.size(); ++i) {
            if (i > 0) std::cout << '\n';
            std::cout << summary_text(loaded[i].file, loaded[i].session, loaded[i].summary,
                                      loaded[i].value_stream ? &*loaded[i].value_stream : nullptr);
        }
        if (loaded.size() > 1) {
            std::cout << '\n';
            std::cout << combined_tally_text(combined_tally(loaded), loaded.size());
        }
    }
    return all_ok ? kExitOk : kExitInvalidFile;
}

// `kappa_files`: the positions (from 0) among `files` of the two whose tags κ compares, if chosen;
// `kappa_window_ms`: as given, for time studies only (sampling observations pair by round).
int pool_command(const std::vector<std::string>& files, bool as_json, bool as_csv,
                 std::optional<std::int64_t> kappa_window_ms,
                 std::optional<std::pair<std::size_t, std::size_t>> kappa_files) {
    std::vector<Loaded> loaded;
    const bool all_ok = load_all(files, loaded);
    // One kind of study: the first loaded file's; the first file of another kind is named.
    const auto kind = [](const Loaded& l) {
        return std::string(l.session.study == StudyKind::work_sampling ? "a work sampling study" : "a time study");
    };
    for (const Loaded& l : loaded)
        if (l.session.study != loaded.front().session.study)
            return usage_error("summary --pool pools studies of one kind: " + l.file + " is " + kind(l) + ", " +
                               loaded.front().file + " " + kind(loaded.front()));
    const bool sampling = !loaded.empty() && loaded.front().session.study == StudyKind::work_sampling;
    if (sampling && kappa_window_ms)
        return usage_error("--kappa-window-ms is for time studies' waste tags: work sampling observations pair exactly, "
                           "by round and subject");
    std::vector<std::string> names;
    for (const Loaded& l : loaded) names.push_back(l.file);
    std::optional<std::pair<std::size_t, std::size_t>> kappa_pair;
    if (kappa_files) {
        // A bad file is not loaded (and named on stderr): the pair is found among the loaded ones,
        // and there is no κ when either of them is missing.
        const auto loaded_index = [&](std::size_t position) -> std::optional<std::size_t> {
            const std::string& file = files[position];
            std::size_t before = 0;  // loaded files given before `position`
            for (std::size_t i = 0; i < position; ++i)
                if (before < loaded.size() && loaded[before].file == files[i]) ++before;
            if (before < loaded.size() && loaded[before].file == file) return before;
            return std::nullopt;
        };
        const std::optional<std::size_t> a = loaded_index(kappa_files->first), b = loaded_index(kappa_files->second);
        if (a && b) kappa_pair = std::pair<std::size_t, std::size_t>{*a, *b};
    }
    // Never κ of another pair than chosen; without --kappa-pair, κ is of two FILEs given: of three
    // with one unreadable, the two left were never chosen as a pair.
    const bool no_kappa = (kappa_files && !kappa_pair) || (!kappa_files && files.size() != 2);
    if (sampling) {
        std::vector<SamplingPoolInput> inputs;
        for (const Loaded& l : loaded) inputs.push_back(SamplingPoolInput{l.file, &l.session, &l.state});
        SamplingPoolResult pool = pool_sampling_studies(inputs, SamplingPoolOptions{kappa_pair});
        if (no_kappa) pool.kappa.reset();
        if (as_json)
            write_sampling_pool_json(std::cout, pool, names);
        else if (as_csv)
            std::cout << sampling_pool_csv(pool, names);
        else
            std::cout << sampling_pool_text(pool, names);
        return all_ok ? kExitOk : kExitInvalidFile;
    }
    std::vector<PoolInput> inputs;
    for (const Loaded& l : loaded) inputs.push_back(PoolInput{l.file, &l.session, &l.state, &l.summary});
    PoolOptions options;
    if (kappa_window_ms) options.kappa_window_ms = *kappa_window_ms;
    options.kappa_pair = kappa_pair;
    PoolResult pool = pool_studies(inputs, options);
    if (no_kappa) pool.kappa.reset();
    if (as_json)
        write_pool_json(std::cout, pool, names);
    else if (as_csv)
        std::cout << pool_csv(pool, names);
    else
        std::cout << pool_text(pool, names);
    return all_ok ? kExitOk : kExitInvalidFile;
}

int tally_command(const std::vector<std::string>& files, bool as_csv) {
    std::vector<Loaded> loaded;
    const bool all_ok = load_all(files, loaded);
    if (as_csv) {
        SessionSummary combined;  // waste_tally_csv reads only the Pareto list
        combined.waste_pareto = combined_tally(loaded);
        std::cout << waste_tally_csv(combined);
    } else {
        std::cout << combined_tally_text(combined_tally(loaded), loaded.size());
    }
    return all_ok ? kExitOk : kExitInvalidFile;
}

// What FILE's journal holds, for check and recover: whether recovering gives something back, and
// if not, what the journal is, in words.
struct JournalVerdict {
    std::optional<Recovery> recovery;  // the journal as read, when it could be
    std::string not_recoverable;       // why there is nothing to recover; empty when there is something
};

JournalVerdict judge_journal(const std::string& file) {
    JournalVerdict verdict;
    const std::string journal = journal_path_for(file).string();
    RecoveryResult result = recover(file);
    if (!result.recovery) {
        verdict.not_recoverable = result.problem->message() + "; nothing can be recovered from it";
        return verdict;
    }
    verdict.recovery = std::move(result.recovery);
    const Recovery& r = *verdict.recovery;
    if (r.gives_something_back()) return verdict;
    if (r.leaves_something_out())
        verdict.not_recoverable = journal + " holds nothing that can be recovered into " + file +
                                  ", only records that cannot be";
    else
        verdict.not_recoverable = journal + " holds nothing that is not already in " + file;
    return verdict;
}

int check_command(const std::vector<std::string>& files) {
    bool all_ok = true, journal_left = false;
    for (const std::string& file : files) {
        std::string counts;
        std::optional<FileProblem> problem;
        {  // freed before the journal is read: a large file is not held twice
            const LoadResult result = load_session(file);
            if (result.ok())
                counts = std::to_string(result.session->steps.size()) + " steps, " +
                         std::to_string(result.session->events.size()) + " events";
            else
                problem = result.problem;
        }
        if (problem) {
            std::cerr << "error: " << problem->message() << '\n';
            all_ok = false;
        } else {
            std::cout << file << ": ok (" << counts << ")\n";
        }
        if (!has_journal(file)) continue;
        // The file alone may be valid and still not hold everything that was recorded.
        if (problem) {
            std::cerr << "warning: " << file << " has a journal (" << journal_path_for(file).string()
                      << "); run 'gemba-cli recover " << file << "' to see what it holds\n";
            continue;
        }
        const JournalVerdict verdict = judge_journal(file);
        if (verdict.not_recoverable.empty()) {
            std::cerr << "warning: " << file << " has a journal of unsaved events ("
                      << journal_path_for(file).string() << "), left by a crash; run 'gemba-cli recover " << file
                      << "' to see them\n";
            journal_left = true;
        } else {
            std::cerr << "error: " << verdict.not_recoverable << "; 'gemba-cli recover " << file
                      << "' says more\n";
            all_ok = false;
        }
    }
    if (!all_ok) return kExitInvalidFile;
    return journal_left ? kExitUnsavedJournal : kExitOk;
}

int recover_command(const std::string& file, bool yes, bool discard) {
    if (auto problem = not_a_regular_file(file)) {
        std::cerr << "error: " << file << ": " << *problem << '\n';
        return kExitInvalidFile;
    }
    if (!has_journal(file)) {
        std::cout << file << ": no journal, nothing to recover\n";
        return kExitOk;
    }
    const std::filesystem::path journal = journal_path_for(file);
    if (discard) {
        if (!yes) {
            std::cout << "This would delete " << journal.string() << " and the events in it. Add --yes to do it.\n";
            return kExitUnsavedJournal;
        }
        std::error_code ec;
        std::filesystem::remove(journal, ec);
        if (ec) {
            std::cerr << "error: could not remove " << journal.string() << ": " << ec.message() << '\n';
            return kExitWriteFailed;
        }
        std::cout << "removed " << journal.string() << '\n';
        return kExitOk;
    }
    const JournalVerdict verdict = judge_journal(file);
    if (!verdict.recovery) {
        std::cerr << "error: " << verdict.not_recoverable << ".\nThe journal is left as it is; 'gemba-cli recover "
                  << file << " --discard --yes' deletes it.\n";
        return kExitInvalidFile;
    }
    const Recovery& r = *verdict.recovery;
    const bool nothing_to_recover = !verdict.not_recoverable.empty();
    if (nothing_to_recover) {
        std::cout << file << ": nothing to recover: " << verdict.not_recoverable << '\n';
    } else {
        std::cout << file << (r.session_file_exists ? "" : " (never saved)") << ": " << r.recovered_events
                  << " event(s) recorded after the last save can be recovered";
        if (r.already_saved > 0) std::cout << "; " << r.already_saved << " are already in the file";
        if (r.plan_changed) std::cout << "; the plan changed too";
        std::cout << '\n';
        // At their walk-clock times, as the app's clock showed them (pauses left out).
        const LogState replayed = LogState::replay(r.session);
        const std::size_t first_new = r.session.events.size() - r.recovered_events;
        for (std::size_t i = first_new; i < r.session.events.size(); ++i) {
            const Event& e = r.session.events[i];
            std::cout << "  " << format_duration(static_cast<double>(replayed.walk_clock_ms(e.t_ms))) << "  "
                      << describe_event(r.session, e) << '\n';
        }
    }
    for (const std::string& notice : r.notices) std::cout << "notice: " << notice << '\n';
    if (!yes) {
        std::cout << "Nothing was changed. ";
        if (nothing_to_recover)
            std::cout << (r.leaves_something_out()
                              ? "--yes keeps the journal aside, whole, in a file beside " + file + "; --discard --yes deletes it."
                              : std::string("--yes or --discard --yes removes the journal."));
        else
            std::cout << "Add --yes to write them into " << file << "."
                      << (r.leaves_something_out() ? " What cannot be recovered will be kept in a file beside it." : "");
        std::cout << '\n';
        return nothing_to_recover ? kExitInvalidFile : kExitUnsavedJournal;
    }
    const AppliedRecovery applied = apply_recovery(file, r);
    if (!applied.ok) {
        std::cerr << "error: " << applied.error << '\n';
        return kExitWriteFailed;
    }
    if (applied.kept_aside.empty()) {
        std::cout << "recovered into " << file << "; the journal is removed\n";
    } else {
        std::cout << "recovered into " << file << "; what could not be recovered is kept in "
                  << applied.kept_aside.string() << "\n"
                  << how_to_read_unrecovered(file, applied.kept_aside) << '\n';
    }
    return kExitOk;
}

int export_command(const std::vector<std::string>& files, const std::string& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        std::cerr << "error: " << folder
                  << (std::filesystem::exists(folder, ec) ? ": not a folder\n" : ": no such folder\n");
        return kExitWriteFailed;
    }
    // The CSV files are named after each FILE's stem: two files with the same stem would overwrite
    // each other's CSV files without a word.
    std::set<std::string> stems;
    for (const std::string& file : files) {
        const std::string stem = std::filesystem::path(file).stem().string();
        if (!stems.insert(stem).second)
            return usage_error("two files are named '" + stem + "'; their CSV files would overwrite each other, "
                               "export them into different folders");
    }
    std::vector<Loaded> loaded;
    const bool all_ok = load_all(files, loaded);
    for (const Loaded& l : loaded) {
        const ExportResult result = export_csv(folder, std::filesystem::path(l.file).stem().string(), l.session,
                                               l.state, l.summary);
        for (const auto& path : result.written) std::cout << "wrote " << path.string() << '\n';
        if (!result.ok) {
            std::cerr << "error: " << result.error << '\n';
            return kExitWriteFailed;
        }
    }
    return all_ok ? kExitOk : kExitInvalidFile;
}

int export_workbook_command(const std::vector<std::string>& files, const std::string& out) {
    std::vector<Loaded> loaded;
    const bool all_ok = load_all(files, loaded);
    if (loaded.empty()) return kExitInvalidFile;  // each file's problem is on stderr already
    std::vector<WorkbookSession> sessions;
    for (const Loaded& l : loaded) sessions.push_back(WorkbookSession{l.file, l.session, l.state, l.summary});
    const WriteOutcome outcome = write_workbook(out, sessions);
    if (!outcome.ok) {
        std::cerr << "error: " << outcome.error << '\n';
        return kExitWriteFailed;
    }
    std::cout << "wrote " << out << '\n';
    return all_ok ? kExitOk : kExitInvalidFile;
}

int report_command(const std::vector<std::string>& files, const std::string& output, PaperSize paper) {
    std::vector<Loaded> loaded;
    // A report missing a session would be taken for the whole study: any bad FILE writes nothing.
    if (!load_all(files, loaded)) {
        std::cerr << "error: no report written\n";
        return kExitInvalidFile;
    }
    std::vector<ReportSession> sessions;
    for (const Loaded& l : loaded)
        sessions.push_back({l.file, &l.session, &l.state, &l.summary, l.value_stream ? &*l.value_stream : nullptr});
    const WriteOutcome written = write_file_atomically(output, html_report(sessions, {.paper = paper}));
    if (!written.ok) {
        std::cerr << "error: " << written.error << '\n';
        return kExitWriteFailed;
    }
    std::cout << "wrote " << output << '\n';
    return kExitOk;
}

int actions_command(const std::vector<std::string>& paths, bool as_json, bool as_csv) {
    const std::vector<std::filesystem::path> named(paths.begin(), paths.end());
    const WalksRead read = read_walks(named);
    for (const UnreadableWalk& bad : read.unreadable) std::cerr << "error: " << bad.problem << '\n';
    if (!read.unreadable.empty())
        std::cerr << read.unreadable.size() << " file" << (read.unreadable.size() == 1 ? "" : "s")
                  << " not read; the actions of " << read.walks.size() << " walk"
                  << (read.walks.size() == 1 ? "" : "s") << " follow\n";
    const std::string today = local_date_today();
    if (as_json) std::cout << actions_json(read.walks, today);
    else if (as_csv) std::cout << to_csv(actions_table(read.walks, today));
    else std::cout << actions_text(read.walks, today);
    return read.unreadable.empty() ? kExitOk : kExitInvalidFile;
}

int compare_command(const std::string& before_file, const std::string& after_file, bool as_json, bool as_csv) {
    // Both files are read, so that each bad one is named, before anything is compared.
    std::optional<WalkForComparison> walks[2];
    bool all_ok = true;
    for (int i = 0; i < 2; ++i) {
        const std::string& file = i == 0 ? before_file : after_file;
        LoadResult result = load_session(file);
        if (!result.ok()) {
            std::cerr << "error: " << (i == 0 ? "before walk: " : "after walk: ") << result.problem->message() << '\n';
            all_ok = false;
            continue;
        }
        walks[i] = walk_for_comparison(file, std::move(*result.session), std::move(result.state));
    }
    if (!all_ok) return kExitInvalidFile;
    const WalkComparison comparison = compare_walks(walks[0]->view(), walks[1]->view());
    if (as_json) std::cout << compare_json(comparison, *walks[0], *walks[1]);
    else if (as_csv) std::cout << compare_csv(comparison);
    else std::cout << compare_text(comparison, *walks[0], *walks[1]);
    return kExitOk;
}

// One line of walk input as a document operation; empty with `problem` set when it is not a tap.
using TapAction = std::function<TapResult(Recorder&)>;
struct WalkLine {
    TapKind kind = TapKind::control;
    TapAction action;
};

std::optional<WalkLine> parse_tap(const std::string& word, const std::string& rest, std::string& problem) {
    const auto control = [](TapAction action) { return WalkLine{TapKind::control, std::move(action)}; };
    if (word == "next" && rest.empty()) return control([](Recorder& r) { return r.next_step(); });
    if (word == "stop" && rest.empty()) return control([](Recorder& r) { return r.stop_step(); });
    if (word == "cycle" && rest.empty()) return control([](Recorder& r) { return r.new_cycle(); });
    if (word == "pause" && rest.empty()) return control([](Recorder& r) { return r.toggle_pause(); });
    if (word == "undo" && rest.empty()) return WalkLine{TapKind::edit, [](Recorder& r) { return r.undo(); }};
    if (word == "redo" && rest.empty()) return WalkLine{TapKind::edit, [](Recorder& r) { return r.redo(); }};
    if (word == "note" && !rest.empty()) return WalkLine{TapKind::edit, [rest](Recorder& r) { return r.add_note(rest); }};
    if (word == "count") {
        // count QUEUE_ID N (what waits now), or count QUEUE_ID +N / -N (a change by taps)
        const std::string usage = "count needs a queue id and a number: count QUEUE_ID N, or +N / -N to change the last count";
        const std::size_t space = rest.find(' ');
        if (space == std::string::npos) {
            problem = usage;
            return std::nullopt;
        }
        const std::string id_text = rest.substr(0, space), number = rest.substr(space + 1);
        QueueId queue = kNoQueue;
        std::int64_t units = 0;
        const auto [id_end, id_ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), queue);
        const bool relative = !number.empty() && (number[0] == '+' || number[0] == '-');
        const char* first = number.data() + (!number.empty() && number[0] == '+' ? 1 : 0);
        const auto [end, ec] = std::from_chars(first, number.data() + number.size(), units);
        if (id_ec != std::errc() || id_end != id_text.data() + id_text.size() || queue <= 0 || number.empty() ||
            ec != std::errc() || end != number.data() + number.size()) {
            problem = usage;
            return std::nullopt;
        }
        if (relative) return control([queue, units](Recorder& r) { return r.count_queue_by(queue, units); });
        return control([queue, units](Recorder& r) { return r.count_queue(queue, units); });
    }
    if (word == "observe") {
        // observe SUBJECT_ID CATEGORY_ID: a work sampling study's tap at the current round
        const std::size_t space = rest.find(' ');
        SubjectId subject = kNoSubject;
        CategoryId category = kNoCategory;
        const std::string subject_text = rest.substr(0, space);
        const std::string category_text = space == std::string::npos ? "" : rest.substr(space + 1);
        const auto [s_end, s_ec] = std::from_chars(subject_text.data(), subject_text.data() + subject_text.size(), subject);
        const auto [c_end, c_ec] =
            std::from_chars(category_text.data(), category_text.data() + category_text.size(), category);
        if (s_ec != std::errc() || s_end != subject_text.data() + subject_text.size() || subject <= 0 ||
            c_ec != std::errc() || c_end != category_text.data() + category_text.size() || category <= 0) {
            problem = "observe needs a subject id and a category id: observe SUBJECT_ID CATEGORY_ID";
            return std::nullopt;
        }
        return control([subject, category](Recorder& r) { return r.observe(subject, category); });
    }
    if (word == "skip") return control([rest](Recorder& r) { return r.skip_round(rest); });
    if (word == "toggle") {
        StepId step = kNoStep;
        const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), step);
        if (ec != std::errc() || end != rest.data() + rest.size() || step <= 0) {
            problem = "toggle needs a step id (a whole number > 0)";
            return std::nullopt;
        }
        return control([step](Recorder& r) { return r.toggle_step(step); });
    }
    if (word == "waste" || word == "timed") {
        const std::optional<Waste> waste = parse_waste(rest);
        if (!waste) {
            problem = word + " needs a waste: " + spellings_of_waste();
            return std::nullopt;
        }
        if (word == "waste") return control([w = *waste](Recorder& r) { return r.tag_waste(w); });
        return control([w = *waste](Recorder& r) { return r.toggle_timed_waste(w); });
    }
    problem = "'" + word + (rest.empty() ? "" : " " + rest) + "' is not a tap";
    return std::nullopt;
}

int walk_command(const std::string& file, const std::optional<std::string>& plan_file) {
    ManualClock clock(0);
    // A work sampling study is timed on the wall clock since its schedule's origin: here one that
    // starts at its last event (at the origin for a new study) and moves only with wait, as clock does.
    ManualClock wall(0);
    WalkDocument doc(clock);
    doc.set_wall_clock(wall);
    if (plan_file) {
        LoadResult plan = load_session(*plan_file);
        if (!plan.ok()) {
            std::cerr << "error: " << plan.problem->message() << '\n';
            return kExitInvalidFile;
        }
        doc.start(std::move(plan.session->plan()), file);
    } else {
        const OpenOutcome opened = doc.open(file);
        if (!opened.done) {
            std::cerr << "error: " << (opened.message.empty() ? file + " cannot be opened" : opened.message) << '\n';
            if (opened.needs_recovery)
                std::cerr << file << " has a journal of unsaved events: run gemba-cli recover " << file << " first\n";
            return opened.needs_recovery ? kExitUnsavedJournal : kExitInvalidFile;
        }
    }
    if (const SamplingStudy& study = doc.session().sampling; study.schedule)
        wall.set(schedule_origin_ms(*study.schedule).value_or(0) +
                 (doc.session().events.empty() ? 0 : doc.session().events.back().t_ms));
    int code = kExitOk;
    std::size_t number = 0;
    for (std::string line; std::getline(std::cin, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const std::size_t space = line.find(' ');
        const std::string word = line.substr(0, space);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        const std::string where = "line " + std::to_string(number) + ": ";
        if (word == "wait") {
            std::int64_t ms = -1;
            const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), ms);
            if (ec != std::errc() || end != rest.data() + rest.size() || ms < 0) {
                std::cerr << where << "wait needs milliseconds (a whole number >= 0)\n";
                code = kExitTapRefused;
            } else {
                clock.advance(ms);
                wall.advance(ms);
            }
            continue;
        }
        if (word == "save" && rest.empty()) {
            const Outcome saved = doc.save();
            if (!saved.done) {
                std::cerr << where << saved.message << '\n';
                return kExitWriteFailed;
            }
            std::cout << saved.message << '\n';
            continue;
        }
        Outcome outcome;
        if (word == "end" && rest.empty()) {
            outcome = doc.end_walk(clock.now_ms());
        } else {
            std::string problem;
            const std::optional<WalkLine> tap = parse_tap(word, rest, problem);
            if (!tap) {
                std::cerr << where << problem << '\n';
                code = kExitTapRefused;
                continue;
            }
            outcome = doc.tap(tap->kind, tap->action, line, clock.now_ms());
        }
        if (!outcome.done) {
            std::cerr << where << outcome.message << '\n';
            code = kExitTapRefused;
        } else if (outcome.error) {
            std::cerr << where << outcome.message << '\n';  // recorded, but not journaled
            return kExitWriteFailed;
        }
    }
    if (doc.dirty())
        std::cout << "not saved: the taps since the last save are in " << journal_path_for(file).string()
                  << " (gemba-cli recover " << file << ")\n";
    return code;
}

int run(const std::vector<std::string>& args) {
    if (args.empty()) return usage_error("no command given");
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (args[0] == "--version") {
        std::cout << "gemba-cli " << GEMBA_VERSION << " (session format " << kFormatVersion << ")\n";
        return kExitOk;
    }

    const std::string command = args[0];
    std::vector<std::string> files;
    bool as_json = false, as_csv = false, yes = false, discard = false, pool = false;
    std::optional<std::int64_t> kappa_window_ms;
    std::optional<std::pair<std::size_t, std::size_t>> kappa_files;
    std::optional<std::string> csv_folder, plan_file, xlsx_file, report_output;
    PaperSize paper = PaperSize::a4;
    bool options_ended = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (options_ended) {
            files.push_back(arg);  // after --, "-x" or "--json" is a file's name
        } else if (arg == "--") {
            options_ended = true;
        } else if (arg == "--json") {
            as_json = true;
        } else if (arg == "--csv") {
            as_csv = true;
            if (command == "export") {
                if (i + 1 >= args.size()) return usage_error("--csv needs a folder");
                csv_folder = args[++i];
            }
        } else if (arg == "--xlsx" && command == "export") {
            if (i + 1 >= args.size()) return usage_error("--xlsx needs a file name");
            xlsx_file = args[++i];
        } else if (arg == "--plan" && command == "walk") {
            if (i + 1 >= args.size()) return usage_error("--plan needs a plan file");
            plan_file = args[++i];
        } else if ((arg == "-o" || arg == "--output") && command == "report") {
            if (i + 1 >= args.size()) return usage_error(arg + " needs an output file");
            report_output = args[++i];
        } else if (arg == "--paper" && command == "report") {
            if (i + 1 >= args.size() || (args[i + 1] != "a4" && args[i + 1] != "letter"))
                return usage_error("--paper needs a4 or letter");
            paper = args[++i] == "letter" ? PaperSize::letter : PaperSize::a4;
        } else if (arg == "--pool" && command == "summary") {
            pool = true;
        } else if (arg == "--kappa-window-ms" && command == "summary") {
            std::int64_t ms = -1;
            const std::string text = i + 1 < args.size() ? args[i + 1] : std::string();
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
            if (text.empty() || error != std::errc() || end != text.data() + text.size() || ms < 0)
                return usage_error("--kappa-window-ms needs a whole number of milliseconds, 0 or more");
            kappa_window_ms = ms;
            ++i;
        } else if (arg == "--kappa-pair" && command == "summary") {
            const std::string text = i + 1 < args.size() ? args[i + 1] : std::string();
            std::size_t first = 0, second = 0;
            const char* end = text.data() + text.size();
            const auto [comma, error1] = std::from_chars(text.data(), end, first);
            const bool ok = error1 == std::errc() && comma != end && *comma == ',' &&
                            [&] {
                                const auto [rest, error2] = std::from_chars(comma + 1, end, second);
                                return error2 == std::errc() && rest == end;
                            }();
            if (!ok || first == 0 || second == 0 || first == second)
                return usage_error("--kappa-pair needs two different FILE positions, counted from 1: --kappa-pair 1,3");
            kappa_files = std::pair<std::size_t, std::size_t>{first - 1, second - 1};
            ++i;
        } else if (arg == "--yes" && command == "recover") {
            yes = true;
        } else if (arg == "--discard" && command == "recover") {
            discard = true;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usage_error("unknown option '" + arg + "'");
        } else {
            files.push_back(arg);
        }
    }

    if (command == "summary") {
        if (files.empty()) return usage_error("summary needs at least one FILE");
        if (as_json && as_csv) return usage_error("choose one of --json and --csv");
        if ((kappa_window_ms || kappa_files) && !pool) return usage_error("--kappa-window-ms and --kappa-pair go with --pool");
        if (kappa_files && std::max(kappa_files->first, kappa_files->second) >= files.size())
            return usage_error("--kappa-pair names a FILE position beyond the " + std::to_string(files.size()) + " FILEs given");
        if (pool) return pool_command(files, as_json, as_csv, kappa_window_ms, kappa_files);
        return summary_command(files, as_json, as_csv);
    }
    if (command == "tally") {
        if (files.empty()) return usage_error("tally needs at least one FILE");
        if (as_json) return usage_error("tally takes no --json (summary --json has combined_waste_pareto)");
        return tally_command(files, as_csv);
    }
    if (command == "actions") {
        if (files.empty()) return usage_error("actions needs at least one DIR or FILE");
        if (as_json && as_csv) return usage_error("choose one of --json and --csv");
        return actions_command(files, as_json, as_csv);
    }
    if (command == "recover") {
        if (files.size() != 1) return usage_error("recover takes one FILE");
        if (as_json || as_csv) return usage_error("recover takes only --yes and --discard");
        return recover_command(files[0], yes, discard);
    }
    if (command == "check") {
        if (files.empty()) return usage_error("check needs at least one FILE");
        if (as_json || as_csv) return usage_error("check takes no options");
        return check_command(files);
    }
    if (command == "export") {
        if (files.empty()) return usage_error("export needs at least one FILE");
        if (!csv_folder == !xlsx_file) return usage_error("export needs one of --csv DIR and --xlsx OUT.xlsx");
        if (as_json) return usage_error("export takes no --json");
        return csv_folder ? export_command(files, *csv_folder) : export_workbook_command(files, *xlsx_file);
    }
    if (command == "report") {
        if (files.empty()) return usage_error("report needs at least one FILE");
        if (!report_output) return usage_error("report needs -o OUT.html");
        if (as_json || as_csv) return usage_error("report takes only -o and --paper");
        return report_command(files, *report_output, paper);
    }
    if (command == "compare") {
        if (files.size() != 2) return usage_error("compare takes two FILEs: BEFORE AFTER");
        if (as_json && as_csv) return usage_error("choose one of --json and --csv");
        return compare_command(files[0], files[1], as_json, as_csv);
    }
    if (command == "walk") {
        if (files.size() != 1) return usage_error("walk takes one FILE");
        if (as_json || as_csv) return usage_error("walk takes only --plan");
        // A new walk would start FILE's journal afresh: the unsaved taps in it come first.
        if (plan_file && has_journal(files[0])) {
            std::cerr << "error: " << files[0] << " has a journal of unsaved events: run gemba-cli recover "
                      << files[0] << " first, or name a new FILE\n";
            return kExitUnsavedJournal;
        }
        if (plan_file && std::filesystem::exists(files[0]))
            return usage_error(files[0] + " exists: continue it without --plan, or name a new FILE");
        return walk_command(files[0], plan_file);
    }
    return usage_error("unknown command '" + command + "'");
}

}  // namespace

int main(int argc, char** argv) {
    const int code = run(std::vector<std::string>(argv + 1, argv + argc));
    // Output that did not reach its reader (a full disk, an I/O error) is a failure too.
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "error: could not write to the standard output\n";
        return kExitWriteFailed;
    }
    return code;
}
