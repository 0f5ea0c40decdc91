// Typing in Setup with a large walk open: what one keystroke in a plan field costs, and what the
// journal record costs when the field lets go. "before" is the path every keystroke took until the
// plan was journaled alone: a copy of the whole session with its events, emptied, then the plan
// record appended and fsynced.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/large_session.hpp"
#include "core/file/journal.hpp"
#include "core/log/clock.hpp"
#include "core/study/walk.hpp"

namespace {

using namespace gemba;

// About 100,000 events (readings plus their wastes, notes, exclusions and undos).
constexpr std::size_t kReadings = 89'000;

const Session& large_walk() {
    static const Session session = bench::make_large_session(kReadings);
    return session;
}

std::filesystem::path scratch_file(const std::string& name) {
    static const std::filesystem::path folder = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "gemba-bench-walk-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a folder for benchmark files");
        return std::filesystem::path(pattern);
    }();
    return folder / name;
}

// A keystroke's change: the title cycles through a few values so that it does not grow.
void type_into(Plan& plan, std::int64_t keystroke) { plan.title = "Line 3 " + std::to_string(keystroke % 10); }

void BM_SetupKeystroke_Before(benchmark::State& state) {
    Session session = large_walk();
    std::string error;
    auto journal = Journal::start(scratch_file("before.json"), session, kNoEvent, error);
    if (!journal) return state.SkipWithError(error.c_str());
    std::int64_t keystroke = 0;
    for (auto _ : state) {
        type_into(session, ++keystroke);
        Session plan = session;  // what plan_of() did
        plan.events.clear();
        if (!journal->append_plan(plan, error)) state.SkipWithError(error.c_str());
    }
    state.counters["events"] = static_cast<double>(session.events.size());
}

// The walk document with the large walk open and its journal started (by a first finished edit).
struct OpenWalk {
    ManualClock clock{0};
    WalkDocument doc{clock};
    explicit OpenWalk(const std::string& name) {
        doc.open(large_walk(), scratch_file(name));
        doc.plan_edited();
        doc.finish_plan_edit();
    }
    // The benchmark runs several times on the same file: a journal left behind would be another
    // walk's unsaved work to the next run's document, which never overwrites one.
    ~OpenWalk() { doc.discard_journal(); }
};

void BM_SetupKeystroke_After(benchmark::State& state) {
    OpenWalk walk("after.json");
    std::int64_t keystroke = 0;
    for (auto _ : state) {
        type_into(walk.doc.plan(), ++keystroke);
        walk.doc.plan_edited();
        walk.clock.advance(100);  // typing speed: no pause long enough to journal
        benchmark::DoNotOptimize(walk.doc.tick());
    }
    state.counters["events"] = static_cast<double>(walk.doc.session().events.size());
}

void BM_SetupFieldLetGo_After(benchmark::State& state) {
    OpenWalk walk("let-go.json");
    std::int64_t keystroke = 0;
    for (auto _ : state) {
        type_into(walk.doc.plan(), ++keystroke);
        walk.doc.plan_edited();
        if (walk.doc.finish_plan_edit().error) state.SkipWithError("the plan record was not written");
    }
    state.counters["events"] = static_cast<double>(walk.doc.session().events.size());
}

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

}  // namespace

BENCHMARK(BM_SetupKeystroke_Before)->Unit(benchmark::kMicrosecond)->ComputeStatistics("min", min_of);
BENCHMARK(BM_SetupKeystroke_After)->Unit(benchmark::kMicrosecond)->ComputeStatistics("min", min_of);
BENCHMARK(BM_SetupFieldLetGo_After)->Unit(benchmark::kMicrosecond)->ComputeStatistics("min", min_of);

BENCHMARK_MAIN();
