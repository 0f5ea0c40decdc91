// Shared by the libFuzzer targets: an invariant check that aborts (so libFuzzer saves the input),
// and the work gemba-cli does on every session it loads, so that a file that loads cannot crash
// the summary, its JSON, the CSV export or the event descriptions.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/report/csv.hpp"
#include "core/report/event_text.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"
#include "core/analysis/summary.hpp"
#include "core/report/summary_json.hpp"

// Not assert(): it must hold in every build type, and say which invariant broke.
#define GEMBA_FUZZ_CHECK(condition, ...)                                                         \
    do {                                                                                         \
        if (!(condition)) {                                                                      \
            std::fprintf(stderr, "\ninvariant broken at %s:%d: %s\n", __FILE__, __LINE__, #condition); \
            std::fprintf(stderr, __VA_ARGS__);                                                   \
            std::fprintf(stderr, "\n");                                                          \
            std::abort();                                                                        \
        }                                                                                        \
    } while (false)

namespace gemba::fuzz {

// Everything derived from a loaded session, as `gemba-cli summary --json` and `export` compute it,
// plus the live summary the walk screen shows at some time `now_ms`.
inline void exercise_derived(const Session& session, const LogState& state, std::int64_t now_ms) {
    const SessionSummary stored = summarize(session, state);
    const SessionSummary live = summarize(session, state, now_ms);
    std::vector<NamedSummary> named{{"fuzz.json", &session, stored}, {"live.json", &session, live}};
    const std::string json = summaries_to_json(named);
    GEMBA_FUZZ_CHECK(!json.empty(), "empty summary JSON");
    const std::string file = "fuzz.json";
    std::size_t total = readings_csv(session, state, stored).size() + steps_csv(stored, &file).size() +
                        wastes_csv(session, state, stored).size() + waste_tally_csv(stored).size();
    for (const Event& e : session.events) total += describe_event(session, e).size();
    GEMBA_FUZZ_CHECK(total > 0, "no CSV output at all");
}

}  // namespace gemba::fuzz
