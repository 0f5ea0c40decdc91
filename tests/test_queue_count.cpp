// Counting what waits in a queue on the walk: the Recorder's counts, their rules in the log, and
// undo/redo, as a walk and a file see them.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>

#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"

using namespace gemba;

namespace {

Session stream() {
    Session s;
    s.title = "Change requests";
    s.steps = {Step{1, "Review", ValueClass::value_added}, Step{2, "Release", ValueClass::value_added}};
    s.queues = {Queue{1, "Waiting for review", 1, 5}, Queue{2, "Ready to release", 2, std::nullopt}};
    return s;
}

}  // namespace

TEST_CASE("a tap +1/−1 counts on from the last count (0 before the first), and a typed count replaces it") {
    Session s = stream();
    ManualClock clock(0);
    Recorder r(s, clock);
    CHECK(r.count_queue_by(1, +1).recorded);
    clock.advance(200);
    CHECK(r.count_queue_by(1, +1).recorded);  // not debounced: quick taps are how a pile is counted
    CHECK(r.state().last_count(1) == std::optional<std::int64_t>(2));
    CHECK(r.count_queue(1, 7).recorded);
    CHECK(r.count_queue_by(1, -1).recorded);
    CHECK(r.state().last_count(1) == std::optional<std::int64_t>(6));
    CHECK_FALSE(r.state().last_count(2).has_value());
    REQUIRE(r.state().queue_counts().size() == 4);
    CHECK(r.state().queue_counts()[1].t_ms == 200);
    // Every count is an event of its own, kept in the file.
    CHECK(s.events.size() == 4);
    CHECK(s.events.back().kind == EventKind::queue_count);
    CHECK(s.events.back().queue() == 1);
    CHECK(s.events.back().count() == 6);
}

TEST_CASE("a count below 0 or of a queue the plan does not have is refused and records nothing") {
    Session s = stream();
    ManualClock clock(0);
    Recorder r(s, clock);
    const TapResult below = r.count_queue_by(2, -1);
    CHECK_FALSE(below.recorded);
    CHECK(below.message == "“Ready to release” cannot hold fewer than 0");
    const TapResult unknown = r.count_queue(9, 3);
    CHECK_FALSE(unknown.recorded);
    CHECK(unknown.message == "the plan has no queue 9");
    CHECK(s.events.empty());
}

TEST_CASE("a change by any number of taps is refused beyond the most a count can say, never wrapped round") {
    // `count 1 +9223372036854775807` on the CLI: last + delta must not overflow into a negative count.
    Session s = stream();
    ManualClock clock(0);
    Recorder r(s, clock);
    REQUIRE(r.count_queue(1, 5).recorded);
    const TapResult above = r.count_queue_by(1, INT64_MAX);
    CHECK_FALSE(above.recorded);
    CHECK(above.message == "“Waiting for review” cannot hold more than 1000000000");
    const TapResult below = r.count_queue_by(1, INT64_MIN);
    CHECK_FALSE(below.recorded);
    CHECK(below.message == "“Waiting for review” cannot hold fewer than 0");
    CHECK(r.state().last_count(1) == std::optional<std::int64_t>(5));
    CHECK(s.events.size() == 1);
}

TEST_CASE("undo takes a count back as any tap, and redo counts it again") {
    Session s = stream();
    ManualClock clock(0);
    Recorder r(s, clock);
    REQUIRE(r.count_queue(1, 4).recorded);
    REQUIRE(r.count_queue_by(1, +1).recorded);
    clock.advance(1000);
    REQUIRE(r.undo().recorded);
    CHECK(r.state().last_count(1) == std::optional<std::int64_t>(4));
    CHECK(r.state().queue_counts().size() == 1);
    // The next +1 counts from the count that stands.
    clock.advance(1000);
    REQUIRE(r.redo().recorded);
    CHECK(r.state().last_count(1) == std::optional<std::int64_t>(5));
    // The log replays to the same counts, and the file keeps them.
    const LogState replayed = LogState::replay(s);
    CHECK(replayed.queue_counts().size() == 2);
    const LoadResult loaded = parse_session(session_to_json(s), "counts.json");
    REQUIRE(loaded.ok());
    CHECK(loaded.state.last_count(1) == std::optional<std::int64_t>(5));
}

TEST_CASE("a queue can be counted while the walk is paused (the clock stopped to go and count)") {
    Session s = stream();
    ManualClock clock(0);
    Recorder r(s, clock);
    REQUIRE(r.toggle_pause().recorded);
    CHECK(r.count_queue(2, 12).recorded);
    CHECK(r.state().last_count(2) == std::optional<std::int64_t>(12));
}
