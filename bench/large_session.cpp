#include "bench/large_session.hpp"

#include <random>
#include <stdexcept>
#include <string>

#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"

namespace gemba::bench {
namespace {

void require(const TapResult& result, const char* what) {
    if (!result.recorded) throw std::logic_error(std::string("large session: ") + what + ": " + result.message);
}

}  // namespace

Session make_large_session(std::size_t readings) {
    Session session;
    session.title = "Benchmark walk (" + std::to_string(readings) + " readings)";
    session.process = "Assembly";
    session.area = "Line 1";
    session.observer = "bench";
    session.started_at = "2026-11-28T08:00:00Z";
    session.settings.takt_available_ms = 27'000'000;  // 7.5 h
    session.settings.takt_demand_units = 900;
    const char* names[] = {"Pick housing", "Fit gasket", "Insert PCB", "Screw lid",
                           "Label",        "Inspect",    "Pack",       "Move to rack"};
    const ValueClass classes[] = {ValueClass::value_added, ValueClass::value_added, ValueClass::value_added,
                                  ValueClass::value_added, ValueClass::necessary_non_value_added,
                                  ValueClass::necessary_non_value_added, ValueClass::value_added,
                                  ValueClass::non_value_added};
    for (std::size_t i = 0; i < 8; ++i)
        session.steps.push_back(Step{static_cast<StepId>(i + 1), names[i], classes[i], 95.0 + 2.5 * double(i % 5), 12.0});
    session.events.reserve(readings + readings / 5 + 16);

    ManualClock clock(0);
    Recorder recorder(session, clock);
    std::mt19937_64 random(20261128);
    std::lognormal_distribution<double> step_seconds(1.3, 0.35);  // median ~3.7 s, a long right tail
    std::uniform_int_distribution<int> waste_kind(0, 7);
    EventId last_reading = kNoEvent;
    for (std::size_t i = 1; i <= readings; ++i) {
        const TapResult lap = recorder.next_step();
        require(lap, "next step");
        last_reading = lap.event;
        const auto duration_ms = static_cast<std::int64_t>(step_seconds(random) * 1000.0) + 200;
        clock.advance(duration_ms / 2);
        if (i % 10 == 0) require(recorder.tag_waste(kWastes[static_cast<std::size_t>(waste_kind(random))]), "tag");
        if (i % 200 == 0) require(recorder.toggle_timed_waste(Waste::waiting, "no parts"), "timed waste");
        clock.advance(duration_ms - duration_ms / 2);
        if (i % 200 == 0) require(recorder.toggle_timed_waste(Waste::waiting), "timed waste end");
        if (i % 250 == 0) require(recorder.exclude(last_reading, "dropped a screw"), "exclude");
        if (i % 500 == 0) require(recorder.add_note("line speed changed", last_reading), "note");
        if (i % 1000 == 0) {
            clock.advance(200);  // past the debounce of a tag of the same waste just before
            require(recorder.tag_waste(Waste::defects), "tag to undo");
            require(recorder.undo(), "undo");
        }
    }
    require(recorder.stop_step(), "stop");
    return session;
}

Session make_value_stream_session(std::size_t steps, std::size_t cycles) {
    Session session;
    session.title = "Benchmark value stream (" + std::to_string(steps) + " steps)";
    session.started_at = "2026-11-28T08:00:00Z";
    session.settings.takt_available_ms = 27'000'000;
    session.settings.takt_demand_units = 450;
    for (std::size_t i = 0; i < steps; ++i) {
        const auto id = static_cast<StepId>(i + 1);
        Step step{id, "Station " + std::to_string(i + 1), i % 4 == 3 ? ValueClass::necessary_non_value_added : ValueClass::value_added};
        step.touched_by = {"Operator " + std::to_string(i % 7 + 1), "Team leader"};
        step.what_happens = "assembles and checks part " + std::to_string(i + 1);
        step.changeover_ms = 600'000;
        step.uptime_pct = 90.0;
        step.people = 2;
        step.shifts = 2;
        step.batch_size = 50;
        session.steps.push_back(std::move(step));
        session.queues.push_back(Queue{static_cast<QueueId>(i + 1), "Buffer " + std::to_string(i + 1), id, 400});
    }
    ManualClock clock(0);
    Recorder recorder(session, clock);
    std::mt19937_64 random(20261129);
    std::lognormal_distribution<double> step_seconds(2.0, 0.3);
    std::uniform_int_distribution<std::int64_t> pile(50, 450);
    for (std::size_t cycle = 0; cycle < cycles; ++cycle) {
        for (std::size_t i = 0; i < steps; ++i) {
            require(recorder.next_step(), "next step");
            require(recorder.count_queue(static_cast<QueueId>(i + 1), pile(random)), "count");
            clock.advance(static_cast<std::int64_t>(step_seconds(random) * 1000.0) + 200);
        }
    }
    require(recorder.stop_step(), "stop");
    return session;
}

}  // namespace gemba::bench
