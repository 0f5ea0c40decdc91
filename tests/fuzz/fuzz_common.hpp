// Shared by the libFuzzer targets: an invariant check that aborts (so libFuzzer saves the input),
// and the work gemba-cli does on every session it loads, so that a file that loads cannot crash
// the summary, its JSON, the CSV export or the event descriptions.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "core/analysis/pool_sampling.hpp"
#include "core/analysis/sampling_summary.hpp"
#include "core/report/csv.hpp"
#include "core/report/event_text.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"
#include "core/analysis/summary.hpp"
#include "core/report/sampling_pool_report.hpp"
#include "core/report/sampling_report.hpp"
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
    if (session.study != StudyKind::work_sampling) return;

    // A work sampling study: its summary as `summary` writes it, and the study pooled with itself
    // as `summary --pool` does, where every paired observation agrees and no observer differs.
    const SamplingSummary sampled = summarize_sampling(session, state, now_ms);
    const std::vector<NamedSamplingSummary> studies{{"fuzz.json", &session, sampled}};
    GEMBA_FUZZ_CHECK(!sampling_summaries_json(studies).empty() && !sampling_summaries_csv(studies).empty() &&
                         !sampling_summary_text("fuzz.json", session, sampled).empty(),
                     "empty sampling summary");
    const SamplingPoolResult pool = pool_sampling_studies({{"a.json", &session, &state}, {"b.json", &session, &state}});
    GEMBA_FUZZ_CHECK(pool.kappa.has_value(), "two sessions pooled without a kappa");
    GEMBA_FUZZ_CHECK(pool.kappa->only_a == 0 && pool.kappa->only_b == 0, "a study paired with itself has unpaired observations");
    if (pool.kappa->kappa)
        GEMBA_FUZZ_CHECK(pool.kappa->kappa->p_observed == 1.0, "a study paired with itself disagrees: p_o = %g",
                         pool.kappa->kappa->p_observed);
    if (pool.independence.test)
        GEMBA_FUZZ_CHECK(pool.independence.test->statistic < 1e-9 &&
                             pool.independence.verdict == PoolVerdict::no_clear_difference,
                         "a study pooled with itself differs from itself: chi-square %g", pool.independence.test->statistic);
    const std::vector<std::string> files{"a.json", "b.json"};
    std::ostringstream pool_json;
    write_sampling_pool_json(pool_json, pool, files);
    GEMBA_FUZZ_CHECK(!pool_json.str().empty() && !sampling_pool_text(pool, files).empty() && !sampling_pool_csv(pool, files).empty(),
                     "empty pooled sampling output");
}

}  // namespace gemba::fuzz
