// Core benchmarks: the numbers of a session, its JSON file, the journal, at walk sizes from a
// morning (1 k readings) to years of walks (1 M). Sessions come from make_large_session; each size
// is built once per process and shared by the benchmarks that need it.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "bench/large_session.hpp"
#include "core/file/journal.hpp"
#include "core/log/log_state.hpp"
#include "core/file/session_file.hpp"
#include "core/analysis/summary.hpp"
#include "core/log/clock.hpp"
#include "core/report/html_report.hpp"
#include "core/study/walk.hpp"

namespace {

using namespace gemba;

const Session& session_of(std::size_t readings) {
    static std::map<std::size_t, std::unique_ptr<Session>> built;
    auto& slot = built[readings];
    if (!slot) slot = std::make_unique<Session>(bench::make_large_session(readings));
    return *slot;
}

// A folder for the files benchmarks write, on the disk TMPDIR names (fsync costs what that disk costs).
// Removed when the process ends.
std::filesystem::path scratch_folder() {
    struct Folder {
        std::filesystem::path path;
        ~Folder() {
            std::error_code ignored;
            std::filesystem::remove_all(path, ignored);
        }
    };
    static const Folder folder = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "gemba-bench-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a folder for benchmark files");
        return Folder{pattern};
    }();
    return folder.path;
}

void label(benchmark::State& state, const Session& session) {
    state.counters["events"] = static_cast<double>(session.events.size());
}

void BM_Replay(benchmark::State& state) {
    const Session& session = session_of(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        LogState replayed = LogState::replay(session);
        benchmark::DoNotOptimize(replayed);
        state.PauseTiming();
        replayed = LogState{};
        state.ResumeTiming();
    }
    label(state, session);
}

void BM_Summary(benchmark::State& state) {
    const Session& session = session_of(static_cast<std::size_t>(state.range(0)));
    const LogState log = LogState::replay(session);
    for (auto _ : state) benchmark::DoNotOptimize(summarize(session, log));
    label(state, session);
}

void BM_SaveJson(benchmark::State& state) {
    const Session& session = session_of(static_cast<std::size_t>(state.range(0)));
    const auto file = scratch_folder() / ("save-" + std::to_string(state.range(0)) + ".json");
    for (auto _ : state) {
        const SaveResult result = save_session(file, session);
        if (!result.ok) state.SkipWithError(result.error.c_str());
    }
    state.counters["bytes"] = static_cast<double>(std::filesystem::file_size(file));
    label(state, session);
}

// As the walk document saves: the log is the Recorder's, its replayed state at hand.
void BM_SaveJsonReplayed(benchmark::State& state) {
    const Session& session = session_of(static_cast<std::size_t>(state.range(0)));
    const LogState replayed = LogState::replay(session);
    const auto file = scratch_folder() / ("save-replayed-" + std::to_string(state.range(0)) + ".json");
    for (auto _ : state) {
        const SaveResult result = save_session(file, session, replayed);
        if (!result.ok) state.SkipWithError(result.error.c_str());
    }
    state.counters["bytes"] = static_cast<double>(std::filesystem::file_size(file));
    label(state, session);
}

void BM_LoadJson(benchmark::State& state) {
    const Session& session = session_of(static_cast<std::size_t>(state.range(0)));
    const auto file = scratch_folder() / ("load-" + std::to_string(state.range(0)) + ".json");
    if (const SaveResult saved = save_session(file, session); !saved.ok) {
        state.SkipWithError(saved.error.c_str());
        return;
    }
    for (auto _ : state) {
        LoadResult loaded = load_session(file);
        if (!loaded.ok()) state.SkipWithError(loaded.problem->message().c_str());
        benchmark::DoNotOptimize(loaded);
        // Freeing a million events is not part of loading them.
        state.PauseTiming();
        loaded = LoadResult{};
        state.ResumeTiming();
    }
    state.counters["bytes"] = static_cast<double>(std::filesystem::file_size(file));
    label(state, session);
}

// Opening a file in the walk document, ready for the next tap: the file loaded, its log replayed.
void BM_OpenJsonWalk(benchmark::State& state) {
    const Session& session = session_of(static_cast<std::size_t>(state.range(0)));
    const auto file = scratch_folder() / ("open-" + std::to_string(state.range(0)) + ".json");
    if (const SaveResult saved = save_session(file, session); !saved.ok) {
        state.SkipWithError(saved.error.c_str());
        return;
    }
    const ManualClock clock(0);
    for (auto _ : state) {
        auto doc = std::make_unique<WalkDocument>(clock);
        const OpenOutcome opened = doc->open(file);
        if (!opened.done) state.SkipWithError(opened.message.c_str());
        benchmark::DoNotOptimize(doc);
        state.PauseTiming();
        doc.reset();
        state.ResumeTiming();
    }
    label(state, session);
}

// One tap's journal record, appended and fsynced, after `range(0)` events already in the journal.
void BM_JournalAppend(benchmark::State& state) {
    const Session& session = session_of(100'000);
    const auto file = scratch_folder() / ("journal-" + std::to_string(state.range(0)) + ".json");
    std::string error;
    Session plan = session;
    plan.events.clear();
    auto journal = Journal::start(file, plan, kNoEvent, error);
    if (!journal) {
        state.SkipWithError(error.c_str());
        return;
    }
    const auto before = static_cast<std::size_t>(state.range(0));
    for (std::size_t i = 0; i < before; ++i)
        if (!journal->append_event(session.events[i], error)) state.SkipWithError(error.c_str());
    std::size_t next = before;
    for (auto _ : state) {
        if (!journal->append_event(session.events[next % session.events.size()], error))
            state.SkipWithError(error.c_str());
        ++next;
    }
    state.counters["journal_bytes"] = static_cast<double>(std::filesystem::file_size(journal_path_for(file)));
    journal->remove(error);
}

// The HTML report of a loaded session (issue 13: 100,000 readings in under 1 s, under 10 MB).
void BM_HtmlReport(benchmark::State& state) {
    const Session& session = session_of(static_cast<std::size_t>(state.range(0)));
    const LogState log = LogState::replay(session);
    const SessionSummary summary = summarize(session, log);
    std::size_t bytes = 0;
    for (auto _ : state) bytes = html_report({{"bench.json", &session, &log, &summary, nullptr}}).size();
    state.counters["bytes"] = static_cast<double>(bytes);
    label(state, session);
}

void sizes(benchmark::internal::Benchmark* b) {
    b->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Replay)->Apply(sizes);
BENCHMARK(BM_Summary)->Apply(sizes);
BENCHMARK(BM_SaveJson)->Apply(sizes);
BENCHMARK(BM_SaveJsonReplayed)->Apply(sizes);
BENCHMARK(BM_LoadJson)->Apply(sizes);
BENCHMARK(BM_OpenJsonWalk)->Apply(sizes);
BENCHMARK(BM_HtmlReport)->Apply(sizes);
BENCHMARK(BM_JournalAppend)->Arg(0)->Arg(100'000)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
