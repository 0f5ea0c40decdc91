// Two recorded walks of one process, before and after an improvement, for the comparison's tests
// (core, CLI, GUI): their readings, tags and takt are worked out by hand in test_compare.cpp.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/model/session.hpp"
#include "tests/recorded_walk.hpp"

namespace gemba::test {

// 7.5 h a day for 1000 units: takt = 27,000,000 ms ÷ 1000 = 27 s.
inline StudySettings with_takt() {
    StudySettings s;
    s.takt_available_ms = 27'000'000;
    s.takt_demand_units = 1000;
    return s;
}

// Before, lap timing: Pick part (non-value-added), Fasten (value-added). Taps at 0, 10, 30, 42, 64,
// 75, 93, 106, stop at 130: Pick 10, 12, 11, 13 s; Fasten 20, 22, 18, 24 s; observed 130 s.
// Motion tagged at 15, 50, 80 s (Fasten runs) and 35 s (Pick runs); Waiting at 100 s (Pick).
inline void record_before(RecordedWalk& w) {
    w.next(0);
    w.next(10);
    w.tag(15, Waste::motion);
    w.next(30);
    w.tag(35, Waste::motion);
    w.next(42);
    w.tag(50, Waste::motion);
    w.next(64);
    w.next(75);
    w.tag(80, Waste::motion);
    w.next(93);
    w.tag(100, Waste::waiting);
    w.next(106);
    w.stop(130);
}

// After, lap timing, steps renamed in case and spacing and in another order, with a new Inspect:
// "  FASTEN " (value-added, id 5), "pick   PART" (non-value-added, id 7), Inspect (necessary, id 9).
// Taps at 0, 12, 22, 27, 41, 52, 57, 70, 80, stop at 86: Fasten 12, 14, 13 s; Pick 10, 11, 10 s;
// Inspect 5, 5, 6 s; observed 86 s. Motion tagged once, at 30 s (Fasten runs).
inline void record_after(RecordedWalk& w) {
    for (double t : {0, 12, 22, 27}) w.next(t);
    w.tag(30, Waste::motion);
    for (double t : {41, 52, 57, 70, 80}) w.next(t);
    w.stop(86);
}

inline std::vector<Step> before_steps() {
    return {make_step(1, "Pick part", ValueClass::non_value_added), make_step(2, "Fasten", ValueClass::value_added)};
}
inline std::vector<Step> after_steps() {
    return {make_step(5, "  FASTEN ", ValueClass::value_added), make_step(7, "pick   PART", ValueClass::non_value_added),
            make_step(9, "Inspect", ValueClass::necessary_non_value_added)};
}

// An action whose expected effect is `metric` moving in `direction` (at `step`, of `waste`), done.
inline Action action(ActionId id, std::string title, Metric metric, Direction direction, StepId step = kNoStep,
                     Waste waste = Waste::defects) {
    Action a;
    a.id = id;
    a.problem = 1;
    a.title = std::move(title);
    a.status = ActionStatus::done;
    a.expected = ExpectedEffect{metric, step, waste, direction};
    return a;
}

}  // namespace gemba::test
