// The Recorder: one tap, one event. Every expected value below is worked out by hand from the
// clock times the test sets (ManualClock), never printed from the code under test.
#include <doctest/doctest.h>

#include <limits>

#include <cstdint>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/log/clock.hpp"
#include "core/log/log_state.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"

using gemba::Event;
using gemba::EventId;
using gemba::EventKind;
using gemba::kNoEvent;
using gemba::kNoStep;
using gemba::LogState;
using gemba::ManualClock;
using gemba::Reading;
using gemba::Recorder;
using gemba::Session;
using gemba::StepId;
using gemba::TapResult;
using gemba::TimingMode;
using gemba::Waste;

namespace {

Session make_session(int step_count, TimingMode mode) {
    Session s;
    s.title = "Line 3 fastening";
    s.settings.timing_mode = mode;
    for (int i = 1; i <= step_count; ++i) {
        gemba::Step step;
        step.id = i;
        step.name = "step " + std::to_string(i);
        s.steps.push_back(step);
    }
    return s;
}

// A walk: a session, a clock the test moves, and the Recorder on both.
struct Walk {
    Session session;
    ManualClock clock;
    Recorder rec;

    explicit Walk(int step_count = 3, TimingMode mode = TimingMode::lap, std::int64_t clock_start = 0)
        : session(make_session(step_count, mode)), clock(clock_start), rec(session, clock) {}
    Walk(const Walk&) = delete;
    Walk& operator=(const Walk&) = delete;

    const LogState& state() const { return rec.state(); }
    const std::vector<Reading>& readings() const { return rec.state().readings(); }
    const std::vector<Event>& events() const { return session.events; }
    // Moves the session clock to `ms` (the recorder was attached at clock time 0).
    Walk& at(std::int64_t ms) {
        clock.set(ms);
        return *this;
    }
};

void require_recorded(const TapResult& r) {
    REQUIRE_MESSAGE(r.recorded, "refused: " << r.message);
    CHECK_FALSE(r.debounced);
    CHECK(r.message.empty());
}

void check_refused(const TapResult& r, const std::string& message) {
    CHECK_FALSE(r.recorded);
    CHECK_FALSE(r.debounced);
    CHECK(r.event == kNoEvent);
    CHECK(r.message == message);
}

std::string end_text(const std::optional<std::int64_t>& end) { return end ? std::to_string(*end) : "running"; }

// Everything the log means apart from the undo/redo stacks, as text, to compare two states.
std::string describe(const LogState& s) {
    std::ostringstream out;
    for (const Reading& r : s.readings())
        out << "reading " << r.id << " step " << r.step << " cycle " << r.cycle << " " << r.start_ms << "-"
            << end_text(r.end_ms) << (r.manual ? " manual" : "") << (r.excluded ? " excluded:" : "")
            << r.exclude_reason << (r.removed ? " removed" : "") << "\n";
    for (const gemba::WasteTag& t : s.tags())
        out << "tag " << t.id << " " << to_string(t.waste) << " step " << t.step << " '" << t.note << "' "
            << t.start_ms << "-" << (t.timed ? end_text(t.end_ms) : "instant") << (t.removed ? " removed" : "")
            << "\n";
    for (const gemba::Note& n : s.notes())
        out << "note " << n.id << " at " << n.t_ms << " on " << n.target << " '" << n.text << "'"
            << (n.removed ? " removed" : "") << "\n";
    for (const gemba::PauseInterval& p : s.pauses()) out << "pause " << p.start_ms << "-" << end_text(p.end_ms) << "\n";
    out << "cycle " << s.current_cycle() << (s.paused() ? " paused" : "") << "\n";
    return out.str();
}

// A small finished walk to edit, lap timing, steps 1 and 2:
//   t=0     #1 step_start step 1          reading 1: step 1, cycle 1, 0-1000
//   t=1000  #2 lap 1 -> 2                 reading 2: step 2, cycle 1, 1000-3000
//   t=3000  #3 lap 2 -> 1, new cycle      reading 3: step 1, cycle 2, 3000-4000
//   t=3500  #4 waste_tag defects "scratch" on step 1
//   t=4000  #5 step_end step 1
//   t=4000  #6 note "check the fixture" on event 2
// and the clock left at 5000 for the edits.
struct EditedWalk : Walk {
    EditedWalk() : Walk(2) {
        require_recorded(at(0).rec.next_step());
        require_recorded(at(1000).rec.next_step());
        require_recorded(at(3000).rec.next_step());
        require_recorded(at(3500).rec.tag_waste(Waste::defects, "scratch"));
        require_recorded(at(4000).rec.stop_step());
        require_recorded(rec.add_note("check the fixture", 2));
        at(5000);
        REQUIRE(session.events.size() == 6);
        REQUIRE(readings().size() == 3);
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Lap timing
// ---------------------------------------------------------------------------------------------

TEST_CASE("lap: the first next_step starts step 1 of cycle 1") {
    Walk w;
    const TapResult r = w.at(0).rec.next_step();
    require_recorded(r);
    CHECK(r.event == 1);
    REQUIRE(w.events().size() == 1);
    CHECK(w.events()[0].kind == EventKind::step_start);
    CHECK(w.events()[0].step == 1);
    CHECK_FALSE(w.events()[0].new_cycle);
    CHECK(w.events()[0].t_ms == 0);
    REQUIRE(w.readings().size() == 1);
    const Reading& first = w.readings()[0];
    CHECK(first.id == 1);
    CHECK(first.step == 1);
    CHECK(first.cycle == 1);
    CHECK(first.start_ms == 0);
    CHECK(first.running());
    CHECK(w.rec.running_step() == std::optional<StepId>(1));
}

TEST_CASE("lap: each next_step ends the running step and starts the next, durations are the clock advances") {
    Walk w;
    require_recorded(w.at(0).rec.next_step());
    require_recorded(w.at(1200).rec.next_step());
    REQUIRE(w.events().size() == 2);
    CHECK(w.events()[1].kind == EventKind::lap);
    CHECK(w.events()[1].ended_step() == 1);
    CHECK(w.events()[1].step == 2);
    CHECK(w.events()[1].t_ms == 1200);
    REQUIRE(w.readings().size() == 2);
    CHECK(w.readings()[0].end_ms == std::optional<std::int64_t>(1200));
    CHECK(w.state().duration_ms(w.readings()[0], 99999) == 1200);
    CHECK(w.readings()[1].id == 2);
    CHECK(w.readings()[1].step == 2);
    CHECK(w.readings()[1].start_ms == 1200);
    CHECK(w.rec.running_step() == std::optional<StepId>(2));

    require_recorded(w.at(2000).rec.next_step());
    REQUIRE(w.readings().size() == 3);
    CHECK(w.state().duration_ms(w.readings()[1], 99999) == 800);
    CHECK(w.readings()[2].step == 3);
    CHECK(w.readings()[2].start_ms == 2000);
    CHECK(w.readings()[2].running());
    CHECK(w.state().running_readings().size() == 1);
}

TEST_CASE("lap: after the last step a new cycle begins") {
    SUBCASE("three steps") {
        Walk w(3);
        for (std::int64_t t : {0, 1000, 2000, 3000, 4000, 5000, 6000}) require_recorded(w.at(t).rec.next_step());
        REQUIRE(w.readings().size() == 7);
        const std::vector<StepId> steps = {1, 2, 3, 1, 2, 3, 1};
        const std::vector<std::int64_t> cycles = {1, 1, 1, 2, 2, 2, 3};
        for (std::size_t i = 0; i < 7; ++i) {
            CAPTURE(i);
            CHECK(w.readings()[i].step == steps[i]);
            CHECK(w.readings()[i].cycle == cycles[i]);
            CHECK(w.events()[i].new_cycle == (i == 3 || i == 6));
        }
        CHECK(w.state().current_cycle() == 3);
    }
    SUBCASE("a one-step process: every tap is a new cycle of the same step") {
        Walk w(1);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(1000).rec.next_step());
        require_recorded(w.at(2500).rec.next_step());
        REQUIRE(w.readings().size() == 3);
        CHECK(w.events()[1].kind == EventKind::lap);
        CHECK(w.events()[1].ended_step() == 1);
        CHECK(w.events()[1].step == 1);
        CHECK(w.events()[1].new_cycle);
        CHECK(w.readings()[0].cycle == 1);
        CHECK(w.readings()[1].cycle == 2);
        CHECK(w.readings()[2].cycle == 3);
        CHECK(w.state().duration_ms(w.readings()[0], 0) == 1000);
        CHECK(w.state().duration_ms(w.readings()[1], 0) == 1500);
    }
}

TEST_CASE("lap: stop_step then next_step leaves a gap that no reading covers") {
    SUBCASE("in the middle of a cycle") {
        Walk w(3);
        require_recorded(w.at(0).rec.next_step());
        const TapResult stop = w.at(1000).rec.stop_step();
        require_recorded(stop);
        CHECK(w.events()[1].kind == EventKind::step_end);
        CHECK(w.events()[1].step == 1);
        CHECK_FALSE(w.rec.running_step());
        CHECK(w.state().running_readings().empty());

        require_recorded(w.at(4000).rec.next_step());
        CHECK(w.events()[2].kind == EventKind::step_start);  // nothing to end: not a lap
        CHECK(w.events()[2].step == 2);
        REQUIRE(w.readings().size() == 2);
        CHECK(w.readings()[0].end_ms == std::optional<std::int64_t>(1000));
        CHECK(w.readings()[1].step == 2);
        CHECK(w.readings()[1].cycle == 1);
        CHECK(w.readings()[1].start_ms == 4000);
    }
    SUBCASE("after the last step: the next starts step 1 of a new cycle") {
        Walk w(2);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(1000).rec.next_step());
        require_recorded(w.at(2000).rec.stop_step());
        require_recorded(w.at(2600).rec.next_step());
        CHECK(w.events()[3].kind == EventKind::step_start);
        CHECK(w.events()[3].new_cycle);
        REQUIRE(w.readings().size() == 3);
        CHECK(w.readings()[2].step == 1);
        CHECK(w.readings()[2].cycle == 2);
        CHECK(w.readings()[2].start_ms == 2600);
        CHECK(w.readings()[1].end_ms == std::optional<std::int64_t>(2000));
    }
    SUBCASE("stop_step with nothing running is refused") {
        Walk w(2);
        check_refused(w.at(0).rec.stop_step(), "no step is running");
        CHECK(w.events().empty());
    }
}

TEST_CASE("lap: upcoming_step names the step next_step would start, and whether it begins a cycle") {
    using Upcoming = std::optional<std::pair<StepId, bool>>;
    Walk w(3);
    CHECK(w.rec.upcoming_step() == Upcoming({1, false}));
    require_recorded(w.at(0).rec.next_step());
    CHECK(w.rec.upcoming_step() == Upcoming({2, false}));
    require_recorded(w.at(1000).rec.next_step());
    CHECK(w.rec.upcoming_step() == Upcoming({3, false}));
    require_recorded(w.at(2000).rec.next_step());
    CHECK(w.rec.upcoming_step() == Upcoming({1, true}));
    require_recorded(w.at(3000).rec.stop_step());
    CHECK(w.rec.upcoming_step() == Upcoming({1, true}));
    require_recorded(w.at(4000).rec.next_step());
    CHECK(w.rec.upcoming_step() == Upcoming({2, false}));

    SUBCASE("a manual reading does not move the sequence, even one starting later") {
        require_recorded(w.at(5000).rec.insert_reading(3, 2, 4500, 4900));
        CHECK(w.rec.upcoming_step() == Upcoming({2, false}));
    }
    SUBCASE("no steps: nothing is upcoming") {
        Walk empty(0);
        CHECK_FALSE(empty.rec.upcoming_step());
    }
}

TEST_CASE("lap: the sequence follows the taps, not times moved by edits") {
    // Before the fix, upcoming_step took the reading with the latest start time, so an edit could
    // make next_step start the running step again (a lap from step 2 to step 2).
    using Upcoming = std::optional<std::pair<StepId, bool>>;
    Walk w(3);
    require_recorded(w.at(1000).rec.next_step());  // step 1 from 1000
    require_recorded(w.at(2000).rec.next_step());  // step 2 from 2000
    StepId running = 2;
    Upcoming expected({3, false});
    SUBCASE("the running reading's start moved before the previous one's") {
        require_recorded(w.at(2500).rec.set_start(2, 500));
    }
    SUBCASE("a split of a reading whose end was moved later") {
        require_recorded(w.at(6000).rec.set_end(1, 5000));
        require_recorded(w.rec.split(1, 4000));  // a reading of step 1 from 4000
    }
    SUBCASE("a split's second part is not a tap") {
        require_recorded(w.at(3000).rec.next_step());  // step 3 from 3000
        require_recorded(w.at(3500).rec.split(2, 2500));
        running = 3;
        expected = Upcoming({1, true});
    }
    CHECK(w.rec.upcoming_step() == expected);
    require_recorded(w.at(7000).rec.next_step());
    CHECK(w.events().back().kind == EventKind::lap);
    CHECK(w.events().back().ended_step() == running);
    CHECK(w.events().back().step == expected->first);
    CHECK(w.events().back().new_cycle == expected->second);
}

TEST_CASE("lap: next_step with no steps in the plan is refused") {
    Walk w(0);
    check_refused(w.at(0).rec.next_step(), "the session has no steps to time");
    CHECK(w.events().empty());
}

TEST_CASE("lap and independent controls are refused in the other mode") {
    SUBCASE("next_step in independent mode") {
        Walk w(3, TimingMode::independent);
        check_refused(w.at(0).rec.next_step(), "next step is for lap timing; use each step's own timer");
        CHECK(w.events().empty());
    }
    SUBCASE("a step's own timer in lap mode") {
        Walk w(3, TimingMode::lap);
        check_refused(w.at(0).rec.toggle_step(1),
                      "step timers are for independent timing; in lap timing use next step");
        CHECK(w.events().empty());
    }
    SUBCASE("new_cycle in lap mode: the lap after the last step marks the cycle") {
        // Before the fix, a new_cycle in the middle of a lap cycle put the rest of that cycle's
        // steps in a cycle of their own, and the lap after the last step then skipped a number.
        Walk w(3, TimingMode::lap);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(1000).rec.next_step());
        check_refused(w.at(1500).rec.new_cycle(),
                      "new cycle is for independent timing; in lap timing the step after the last one begins a new cycle");
        CHECK(w.events().size() == 2);
        CHECK(w.state().current_cycle() == 1);
        require_recorded(w.at(2000).rec.next_step());
        CHECK(w.readings()[2].cycle == 1);
    }
}

// ---------------------------------------------------------------------------------------------
// Independent timers
// ---------------------------------------------------------------------------------------------

TEST_CASE("independent: several steps run at once, each toggle ends its own step") {
    Walk w(3, TimingMode::independent);
    require_recorded(w.at(0).rec.toggle_step(1));
    require_recorded(w.at(100).rec.toggle_step(2));
    require_recorded(w.at(200).rec.toggle_step(3));
    auto running = w.state().running_readings();
    REQUIRE(running.size() == 3);
    CHECK(running[0]->step == 1);
    CHECK(running[1]->step == 2);
    CHECK(running[2]->step == 3);
    CHECK(w.rec.running_step() == std::optional<StepId>(3));  // the latest started
    for (const Event& e : w.events()) CHECK(e.kind == EventKind::step_start);

    require_recorded(w.at(1000).rec.toggle_step(2));
    CHECK(w.events()[3].kind == EventKind::step_end);
    CHECK(w.events()[3].step == 2);
    CHECK(w.state().find_reading(2)->end_ms == std::optional<std::int64_t>(1000));
    CHECK(w.state().duration_ms(*w.state().find_reading(2), 0) == 900);
    running = w.state().running_readings();
    REQUIRE(running.size() == 2);
    CHECK(running[0]->step == 1);
    CHECK(running[1]->step == 3);

    require_recorded(w.at(1000).rec.toggle_step(1));  // another step's control: not debounced
    CHECK(w.state().duration_ms(*w.state().find_reading(1), 0) == 1000);
    CHECK(w.state().running_reading_of(3) != nullptr);
    CHECK(w.state().running_reading_of(1) == nullptr);

    SUBCASE("a step toggled again starts a new reading") {
        require_recorded(w.at(1500).rec.toggle_step(1));
        REQUIRE(w.readings().size() == 4);
        CHECK(w.readings()[3].step == 1);
        CHECK(w.readings()[3].start_ms == 1500);
        CHECK(w.readings()[3].cycle == 1);
    }
    SUBCASE("an unknown step is refused") {
        check_refused(w.at(2000).rec.toggle_step(9), "unknown step id 9");
        CHECK(w.events().size() == 5);
    }
}

TEST_CASE("independent: new_cycle increments the cycle of the readings started after it") {
    Walk w(2, TimingMode::independent);
    require_recorded(w.at(0).rec.toggle_step(1));
    require_recorded(w.at(0).rec.toggle_step(2));
    require_recorded(w.at(500).rec.toggle_step(1));
    const TapResult cycle = w.at(600).rec.new_cycle();
    require_recorded(cycle);
    CHECK(w.events()[3].kind == EventKind::cycle);
    CHECK(w.state().current_cycle() == 2);
    require_recorded(w.at(700).rec.toggle_step(1));
    require_recorded(w.at(900).rec.toggle_step(2));
    CHECK(w.state().find_reading(5)->cycle == 2);   // started after the new cycle
    CHECK(w.state().find_reading(2)->cycle == 1);   // started before it, ended after it
    require_recorded(w.at(1000).rec.new_cycle());
    CHECK(w.state().current_cycle() == 3);
    CHECK(w.readings().size() == 3);  // a cycle mark is not a reading
}

// ---------------------------------------------------------------------------------------------
// Pause
// ---------------------------------------------------------------------------------------------

TEST_CASE("pause: walk taps are refused while paused, notes and edits are not") {
    SUBCASE("lap controls") {
        Walk w(3);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(1000).rec.toggle_pause());
        CHECK(w.events()[1].kind == EventKind::pause);
        CHECK(w.state().paused());
        check_refused(w.at(1200).rec.next_step(), "the walk is paused");
        check_refused(w.rec.stop_step(), "the walk is paused");
        check_refused(w.rec.tag_waste(Waste::defects), "the walk is paused");
        check_refused(w.rec.toggle_timed_waste(Waste::waiting), "the walk is paused");
        CHECK(w.events().size() == 2);
        require_recorded(w.rec.add_note("operator on a break"));
        require_recorded(w.rec.exclude(1, "break"));
        CHECK(w.state().paused());

        require_recorded(w.at(1400).rec.toggle_pause());
        CHECK(w.events().back().kind == EventKind::resume);
        CHECK_FALSE(w.state().paused());
        require_recorded(w.at(1600).rec.next_step());
    }
    SUBCASE("independent controls") {
        Walk w(3, TimingMode::independent);
        require_recorded(w.at(0).rec.toggle_step(1));
        require_recorded(w.at(1000).rec.toggle_pause());
        check_refused(w.at(1200).rec.toggle_step(1), "the walk is paused");  // would end it
        check_refused(w.rec.toggle_step(2), "the walk is paused");           // would start it
        check_refused(w.rec.new_cycle(), "the walk is paused");
        CHECK(w.events().size() == 2);
        CHECK(w.state().current_cycle() == 1);
    }
}

TEST_CASE("pause: durations leave out paused time") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    require_recorded(w.at(1000).rec.toggle_pause());
    require_recorded(w.at(5000).rec.toggle_pause());
    require_recorded(w.at(6000).rec.next_step());
    REQUIRE(w.state().pauses().size() == 1);
    CHECK(w.state().pauses()[0].start_ms == 1000);
    CHECK(w.state().pauses()[0].end_ms == std::optional<std::int64_t>(5000));
    // Reading 1 spans 0-6000 with the pause 1000-5000 inside: 6000 - 4000.
    CHECK(w.state().duration_ms(w.readings()[0], 0) == 2000);

    SUBCASE("a running reading stops growing while paused") {
        require_recorded(w.at(7000).rec.toggle_pause());
        const Reading& running = w.readings()[1];  // step 2 from 6000
        CHECK(w.state().duration_ms(running, 7000) == 1000);
        CHECK(w.state().duration_ms(running, 7500) == 1000);
        CHECK(w.state().duration_ms(running, 10000) == 1000);
        require_recorded(w.at(10000).rec.toggle_pause());
        CHECK(w.state().duration_ms(w.readings()[1], 10400) == 1400);
        require_recorded(w.at(10400).rec.next_step());
        // 6000-10400 minus the pause 7000-10000.
        CHECK(w.state().duration_ms(w.readings()[1], 0) == 1400);
    }
}

TEST_CASE("pause: a pause at the very start of the walk") {
    Walk w(2);
    require_recorded(w.at(0).rec.toggle_pause());
    CHECK(w.events()[0].kind == EventKind::pause);
    CHECK(w.events()[0].t_ms == 0);
    CHECK(w.state().paused());
    check_refused(w.at(500).rec.next_step(), "the walk is paused");
    require_recorded(w.at(2000).rec.toggle_pause());
    require_recorded(w.at(2500).rec.next_step());
    require_recorded(w.at(3500).rec.next_step());
    REQUIRE(w.state().pauses().size() == 1);
    CHECK(w.state().pauses()[0].start_ms == 0);
    CHECK(w.state().pauses()[0].end_ms == std::optional<std::int64_t>(2000));
    CHECK(w.state().duration_ms(w.readings()[0], 0) == 1000);
    CHECK(w.state().paused_ms_between(0, 3500) == 2000);
    CHECK(w.state().paused_ms_between(2500, 3500) == 0);
}

TEST_CASE("pause: paused_ms_between counts only the overlap, and a running pause until `to`") {
    Walk w(2);
    require_recorded(w.at(1000).rec.toggle_pause());
    require_recorded(w.at(3000).rec.toggle_pause());
    require_recorded(w.at(5000).rec.toggle_pause());  // still paused
    CHECK(w.state().paused_ms_between(0, 10000) == 2000 + 5000);
    CHECK(w.state().paused_ms_between(2000, 6000) == 1000 + 1000);
    CHECK(w.state().paused_ms_between(0, 1000) == 0);
    CHECK(w.state().paused_ms_between(3000, 5000) == 0);
    CHECK(w.state().paused_ms_between(1500, 2500) == 1000);
    CHECK(w.state().paused_ms_between(5000, 5000) == 0);
    CHECK(w.state().paused_ms_between(6000, 4000) == 0);  // an empty interval
}

// ---------------------------------------------------------------------------------------------
// Debounce
// ---------------------------------------------------------------------------------------------

TEST_CASE("debounce: a second tap on the same control within the window is ignored and says why") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    const TapResult second = w.at(100).rec.next_step();
    CHECK_FALSE(second.recorded);
    CHECK(second.debounced);
    CHECK(second.event == kNoEvent);
    CHECK(second.message == "second tap on next step after 100 ms ignored (debounce 150 ms)");
    CHECK(w.events().size() == 1);
    CHECK(w.readings().size() == 1);
}

TEST_CASE("debounce: a tap exactly debounce_ms after the last accepted tap is accepted") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    CHECK(w.at(100).rec.next_step().debounced);
    // The window runs from the accepted tap at 0, not from the ignored one at 100.
    require_recorded(w.at(150).rec.next_step());
    const TapResult early = w.at(299).rec.next_step();
    CHECK(early.debounced);
    CHECK(early.message == "second tap on next step after 149 ms ignored (debounce 150 ms)");
    require_recorded(w.at(300).rec.next_step());
    CHECK(w.events().size() == 3);
}

TEST_CASE("debounce: different controls are not debounced against each other") {
    SUBCASE("next step and stop step") {
        Walk w(3);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(10).rec.stop_step());
    }
    SUBCASE("each waste key is its own control") {
        Walk w(3);
        require_recorded(w.at(0).rec.tag_waste(Waste::defects));
        require_recorded(w.at(10).rec.tag_waste(Waste::motion));
        const TapResult again = w.at(20).rec.tag_waste(Waste::defects);
        CHECK(again.debounced);
        CHECK(again.message == "second tap on waste after 20 ms ignored (debounce 150 ms)");
        CHECK(w.state().tags().size() == 2);
    }
    SUBCASE("an instant and a timed waste of the same kind") {
        Walk w(3);
        require_recorded(w.at(0).rec.tag_waste(Waste::waiting));
        require_recorded(w.at(0).rec.toggle_timed_waste(Waste::waiting));
        CHECK(w.at(100).rec.toggle_timed_waste(Waste::waiting).message ==
              "second tap on timed waste after 100 ms ignored (debounce 150 ms)");
    }
    SUBCASE("each step's timer is its own control") {
        Walk w(3, TimingMode::independent);
        require_recorded(w.at(0).rec.toggle_step(1));
        require_recorded(w.at(0).rec.toggle_step(2));
        const TapResult again = w.at(50).rec.toggle_step(1);
        CHECK(again.debounced);
        CHECK(again.message == "second tap on step timer after 50 ms ignored (debounce 150 ms)");
        CHECK(w.state().running_reading_of(1) != nullptr);
    }
    SUBCASE("pause") {
        Walk w(3);
        require_recorded(w.at(0).rec.toggle_pause());
        const TapResult again = w.at(149).rec.toggle_pause();
        CHECK(again.message == "second tap on pause after 149 ms ignored (debounce 150 ms)");
        CHECK(w.state().paused());
    }
}

TEST_CASE("debounce: the window is the session's debounce_ms") {
    SUBCASE("500 ms") {
        Walk w(3);
        w.session.settings.debounce_ms = 500;
        require_recorded(w.at(0).rec.next_step());
        const TapResult early = w.at(499).rec.next_step();
        CHECK(early.debounced);
        CHECK(early.message == "second tap on next step after 499 ms ignored (debounce 500 ms)");
        require_recorded(w.at(500).rec.next_step());
    }
    SUBCASE("0 disables debouncing") {
        Walk w(3);
        w.session.settings.debounce_ms = 0;
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(0).rec.next_step());
        REQUIRE(w.readings().size() == 3);
        CHECK(w.state().duration_ms(w.readings()[0], 0) == 0);
        CHECK(w.readings()[2].step == 3);
    }
}

TEST_CASE("debounce: a refused tap does not open a window") {
    Walk w(3);
    check_refused(w.at(0).rec.stop_step(), "no step is running");
    require_recorded(w.at(0).rec.next_step());
    require_recorded(w.at(50).rec.stop_step());
}

// ---------------------------------------------------------------------------------------------
// Undo and redo
// ---------------------------------------------------------------------------------------------

TEST_CASE("undo: takes back exactly one tap, undoing a lap restores the previous running step") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    require_recorded(w.at(1000).rec.next_step());
    const TapResult undo = w.at(1500).rec.undo();
    require_recorded(undo);
    CHECK(undo.event == 3);
    REQUIRE(w.events().size() == 3);
    CHECK(w.events()[1].kind == EventKind::lap);  // still in the log
    CHECK(w.events()[2].kind == EventKind::undo);
    CHECK(w.events()[2].target == 2);
    CHECK(w.state().is_undone(2));
    CHECK_FALSE(w.state().is_undone(1));
    REQUIRE(w.readings().size() == 1);
    CHECK(w.readings()[0].step == 1);
    CHECK(w.readings()[0].running());
    CHECK(w.rec.running_step() == std::optional<StepId>(1));
    CHECK(w.state().duration_ms(w.readings()[0], w.rec.now_ms()) == 1500);
    CHECK(w.rec.upcoming_step() == std::optional<std::pair<StepId, bool>>({2, false}));
    CHECK(w.rec.can_undo());
    CHECK(w.rec.can_redo());
}

TEST_CASE("redo: re-applies the undone tap as it was recorded") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    require_recorded(w.at(1000).rec.next_step());
    const std::string before_undo = describe(w.state());
    require_recorded(w.at(1500).rec.undo());
    const TapResult redo = w.at(2000).rec.redo();
    require_recorded(redo);
    CHECK(w.events()[3].kind == EventKind::redo);
    CHECK(w.events()[3].target == 2);
    CHECK_FALSE(w.state().is_undone(2));
    CHECK(describe(w.state()) == before_undo);
    REQUIRE(w.readings().size() == 2);
    CHECK(w.readings()[0].end_ms == std::optional<std::int64_t>(1000));
    CHECK(w.readings()[1].start_ms == 1000);
    CHECK(w.rec.can_undo());
    CHECK_FALSE(w.rec.can_redo());
}

TEST_CASE("undo: several undos go back in reverse order, redos come forward in the original order") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    require_recorded(w.at(1000).rec.next_step());
    require_recorded(w.at(2000).rec.undo());
    require_recorded(w.at(2200).rec.undo());
    CHECK(w.events()[2].target == 2);
    CHECK(w.events()[3].target == 1);
    CHECK(w.readings().empty());
    CHECK_FALSE(w.rec.can_undo());
    check_refused(w.at(2400).rec.undo(), "nothing to undo");
    require_recorded(w.at(2400).rec.redo());
    require_recorded(w.at(2600).rec.redo());
    CHECK(w.events()[4].target == 1);
    CHECK(w.events()[5].target == 2);
    CHECK(w.readings().size() == 2);
    CHECK_FALSE(w.rec.can_redo());
}

TEST_CASE("undo: a new action clears what could be redone") {
    SUBCASE("a tap") {
        Walk w(3);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(1000).rec.next_step());
        require_recorded(w.at(1500).rec.undo());
        CHECK(w.rec.can_redo());
        const TapResult lap = w.at(2000).rec.next_step();
        require_recorded(lap);
        CHECK(lap.event == 4);
        CHECK_FALSE(w.rec.can_redo());
        check_refused(w.rec.redo(), "nothing to redo");
        REQUIRE(w.readings().size() == 2);
        CHECK(w.readings()[0].end_ms == std::optional<std::int64_t>(2000));
        CHECK(w.readings()[1].id == 4);
        CHECK(w.readings()[1].step == 2);
        CHECK(w.state().is_undone(2));  // stays undone for good
    }
    SUBCASE("a note") {
        Walk w(3);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(500).rec.undo());
        require_recorded(w.rec.add_note("false start"));
        CHECK_FALSE(w.rec.can_redo());
        CHECK(w.rec.can_undo());
    }
}

TEST_CASE("undo/redo: can_undo and can_redo, nothing to take back is refused") {
    Walk w(3);
    CHECK_FALSE(w.rec.can_undo());
    CHECK_FALSE(w.rec.can_redo());
    check_refused(w.at(0).rec.undo(), "nothing to undo");
    check_refused(w.rec.redo(), "nothing to redo");
    CHECK(w.events().empty());
    require_recorded(w.rec.next_step());
    CHECK(w.rec.can_undo());
    CHECK_FALSE(w.rec.can_redo());
}

TEST_CASE("undo/redo: are debounced like any control") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    require_recorded(w.at(1000).rec.next_step());
    require_recorded(w.at(2000).rec.undo());
    const TapResult second_undo = w.at(2100).rec.undo();
    CHECK(second_undo.debounced);
    CHECK(second_undo.message == "second tap on undo after 100 ms ignored (debounce 150 ms)");
    const TapResult third_undo = w.at(2150).rec.undo();
    require_recorded(third_undo);
    CHECK(w.events().back().target == 1);
    require_recorded(w.at(2200).rec.redo());
    const TapResult second_redo = w.at(2250).rec.redo();
    CHECK(second_redo.debounced);
    CHECK(second_redo.message == "second tap on redo after 50 ms ignored (debounce 150 ms)");
    CHECK(w.events().size() == 5);
}

TEST_CASE("undo: a pause, a cycle mark and a waste tag are taken back like step taps") {
    SUBCASE("pause") {
        Walk w(3);
        require_recorded(w.at(0).rec.next_step());
        require_recorded(w.at(1000).rec.toggle_pause());
        require_recorded(w.at(1200).rec.undo());
        CHECK_FALSE(w.state().paused());
        CHECK(w.state().pauses().empty());
        require_recorded(w.at(1300).rec.next_step());
        CHECK(w.state().duration_ms(w.readings()[0], 0) == 1300);
    }
    SUBCASE("cycle mark") {
        Walk w(3, TimingMode::independent);
        require_recorded(w.at(0).rec.new_cycle());
        CHECK(w.state().current_cycle() == 2);
        require_recorded(w.at(100).rec.undo());
        CHECK(w.state().current_cycle() == 1);
        require_recorded(w.at(200).rec.redo());
        CHECK(w.state().current_cycle() == 2);
    }
    SUBCASE("timed waste end") {
        Walk w(3);
        require_recorded(w.at(0).rec.toggle_timed_waste(Waste::waiting));
        require_recorded(w.at(1000).rec.toggle_timed_waste(Waste::waiting));
        require_recorded(w.at(1500).rec.undo());
        REQUIRE(w.rec.running_timed_waste(Waste::waiting) != nullptr);
        CHECK(w.state().duration_ms(*w.rec.running_timed_waste(Waste::waiting), 1500) == 1500);
    }
}

TEST_CASE("undo: every edit and note is undone and redone") {
    EditedWalk w;
    std::function<TapResult()> prepare;  // an edit the one under test needs first, if any
    std::function<TapResult()> edit;
    SUBCASE("exclude") { edit = [&] { return w.rec.exclude(1, "phone call"); }; }
    SUBCASE("include") {
        prepare = [&] { return w.rec.exclude(1, "phone call"); };
        edit = [&] { return w.rec.include(1); };
    }
    SUBCASE("set_start") { edit = [&] { return w.rec.set_start(2, 1500); }; }
    SUBCASE("set_end") { edit = [&] { return w.rec.set_end(2, 2500); }; }
    SUBCASE("split") { edit = [&] { return w.rec.split(2, 2000); }; }
    SUBCASE("insert_reading") { edit = [&] { return w.rec.insert_reading(1, 3, 4100, 4900); }; }
    SUBCASE("remove a reading") { edit = [&] { return w.rec.remove(1); }; }
    SUBCASE("remove a tag") { edit = [&] { return w.rec.remove(4); }; }
    SUBCASE("remove a note") { edit = [&] { return w.rec.remove(6); }; }
    SUBCASE("restore") {
        prepare = [&] { return w.rec.remove(1); };
        edit = [&] { return w.rec.restore(1); };
    }
    SUBCASE("retag") { edit = [&] { return w.rec.retag(4, Waste::motion, 2); }; }
    SUBCASE("edit_note on a note") { edit = [&] { return w.rec.edit_note(6, "fixture loose"); }; }
    SUBCASE("edit_note on a tag") { edit = [&] { return w.rec.edit_note(4, "deep scratch"); }; }
    SUBCASE("add_note") { edit = [&] { return w.rec.add_note("second operator helps", 3); }; }
    if (prepare) require_recorded(prepare());
    const std::string before = describe(w.state());
    const TapResult r = edit();
    require_recorded(r);
    const std::string after = describe(w.state());
    CHECK(after != before);
    REQUIRE(w.rec.undo().recorded);
    CHECK(w.events().back().target == r.event);
    CHECK(describe(w.state()) == before);
    REQUIRE(w.rec.redo().recorded);
    CHECK(describe(w.state()) == after);
}

// ---------------------------------------------------------------------------------------------
// Waste tags
// ---------------------------------------------------------------------------------------------

TEST_CASE("waste: an instant tag carries the running step, or none") {
    SUBCASE("lap timing") {
        Walk w(3);
        const TapResult before_walk = w.at(0).rec.tag_waste(Waste::defects, "scratch");
        require_recorded(before_walk);
        CHECK(w.events()[0].kind == EventKind::waste_tag);
        REQUIRE(w.state().tags().size() == 1);
        const gemba::WasteTag& t0 = w.state().tags()[0];
        CHECK(t0.id == before_walk.event);
        CHECK(t0.waste == Waste::defects);
        CHECK(t0.step == kNoStep);
        CHECK(t0.note == "scratch");
        CHECK(t0.start_ms == 0);
        CHECK_FALSE(t0.timed);
        CHECK_FALSE(t0.running());
        CHECK(w.state().duration_ms(t0, 5000) == 0);

        require_recorded(w.at(100).rec.next_step());
        require_recorded(w.at(300).rec.tag_waste(Waste::motion));
        require_recorded(w.at(1000).rec.next_step());
        require_recorded(w.at(1200).rec.tag_waste(Waste::defects));
        require_recorded(w.at(1500).rec.stop_step());
        require_recorded(w.at(1700).rec.tag_waste(Waste::waiting));
        const auto& tags = w.state().tags();
        REQUIRE(tags.size() == 4);
        CHECK(tags[1].step == 1);
        CHECK(tags[1].waste == Waste::motion);
        CHECK(tags[1].note.empty());
        CHECK(tags[2].step == 2);
        CHECK(tags[3].step == kNoStep);
        CHECK(tags[3].start_ms == 1700);
    }
    SUBCASE("independent timers: the latest started step") {
        Walk w(3, TimingMode::independent);
        require_recorded(w.at(0).rec.toggle_step(2));
        require_recorded(w.at(100).rec.toggle_step(1));
        require_recorded(w.at(200).rec.tag_waste(Waste::transportation));
        CHECK(w.state().tags()[0].step == 1);
    }
}

TEST_CASE("waste: a timed waste toggles, and its duration leaves out paused time") {
    Walk w(3);
    require_recorded(w.at(0).rec.next_step());
    const TapResult start = w.at(1000).rec.toggle_timed_waste(Waste::waiting, "no parts");
    require_recorded(start);
    CHECK(w.events()[1].kind == EventKind::waste_start);
    const gemba::WasteTag* running = w.rec.running_timed_waste(Waste::waiting);
    REQUIRE(running != nullptr);
    CHECK(running->id == start.event);
    CHECK(running->timed);
    CHECK(running->step == 1);
    CHECK(running->note == "no parts");
    CHECK(running->running());
    CHECK(w.state().duration_ms(*running, 1500) == 500);
    CHECK(w.rec.running_timed_waste(Waste::motion) == nullptr);

    require_recorded(w.at(2000).rec.toggle_pause());
    require_recorded(w.at(3000).rec.toggle_pause());
    require_recorded(w.at(4000).rec.toggle_timed_waste(Waste::waiting));
    CHECK(w.events().back().kind == EventKind::waste_end);
    CHECK(w.events().back().target == start.event);
    CHECK(w.rec.running_timed_waste(Waste::waiting) == nullptr);
    const gemba::WasteTag* ended = w.state().find_tag(start.event);
    REQUIRE(ended != nullptr);
    CHECK(ended->end_ms == std::optional<std::int64_t>(4000));
    CHECK(w.state().duration_ms(*ended, 99999) == 3000 - 1000);

    SUBCASE("toggled again: a new timed waste") {
        const TapResult again = w.at(5000).rec.toggle_timed_waste(Waste::waiting);
        require_recorded(again);
        CHECK(w.events().back().kind == EventKind::waste_start);
        CHECK(w.state().tags().size() == 2);
        CHECK(w.rec.running_timed_waste(Waste::waiting)->id == again.event);
    }
    SUBCASE("two kinds at once end separately") {
        const TapResult waiting = w.at(5000).rec.toggle_timed_waste(Waste::waiting);
        const TapResult motion = w.at(5000).rec.toggle_timed_waste(Waste::motion);
        require_recorded(waiting);
        require_recorded(motion);
        require_recorded(w.at(6000).rec.toggle_timed_waste(Waste::motion));
        CHECK(w.state().find_tag(motion.event)->end_ms == std::optional<std::int64_t>(6000));
        CHECK(w.state().find_tag(waiting.event)->running());
    }
}

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

TEST_CASE("edit: exclude needs a reason, include takes the exclusion back") {
    EditedWalk w;
    check_refused(w.rec.exclude(1, ""), "excluding a reading needs a reason");
    const TapResult ex = w.rec.exclude(1, "phone call");
    require_recorded(ex);
    CHECK(w.events().back().kind == EventKind::exclude);
    const Reading* r = w.state().find_reading(1);
    REQUIRE(r != nullptr);
    CHECK(r->excluded);
    CHECK(r->exclude_reason == "phone call");
    CHECK_FALSE(r->valid());
    check_refused(w.rec.exclude(1, "again"), "reading 1 is already excluded");

    require_recorded(w.rec.include(1));
    r = w.state().find_reading(1);
    CHECK_FALSE(r->excluded);
    CHECK(r->exclude_reason.empty());
    CHECK(r->valid());
    check_refused(w.rec.include(1), "reading 1 is not excluded");
    check_refused(w.rec.exclude(5, "x"), "event 5 is not a reading");
    check_refused(w.rec.include(99), "event 99 is not a reading");
    CHECK(w.events().size() == 8);
}

TEST_CASE("edit: set_start and set_end move one end of a reading") {
    EditedWalk w;
    SUBCASE("within the reading") {
        require_recorded(w.rec.set_start(2, 1500));
        require_recorded(w.rec.set_end(2, 2500));
        const Reading* r = w.state().find_reading(2);
        CHECK(r->start_ms == 1500);
        CHECK(r->end_ms == std::optional<std::int64_t>(2500));
        CHECK(w.state().duration_ms(*r, 0) == 1000);
        // The neighbours are not moved.
        CHECK(w.state().find_reading(1)->end_ms == std::optional<std::int64_t>(1000));
        CHECK(w.state().find_reading(3)->start_ms == 3000);
    }
    SUBCASE("start equal to the end: a zero reading") {
        require_recorded(w.rec.set_start(2, 3000));
        CHECK(w.state().duration_ms(*w.state().find_reading(2), 0) == 0);
    }
    SUBCASE("end before the start is refused") {
        check_refused(w.rec.set_end(2, 500), "reading 2 would end at 0.500 s, before it starts at 1.000 s");
    }
    SUBCASE("start after the end is refused") {
        check_refused(w.rec.set_start(2, 3500), "reading 2 would start at 3.500 s, after it ends at 3.000 s");
    }
    SUBCASE("a time after the edit itself is refused") {
        check_refused(w.rec.set_end(3, 6000), "end 6.000 s is after the edit itself (5.000 s)");
        check_refused(w.rec.set_start(3, 5001), "start 5.001 s is after the edit itself (5.000 s)");
        require_recorded(w.rec.set_end(3, 5000));
    }
    SUBCASE("a negative time is refused") {
        check_refused(w.rec.set_start(1, -1), "start is out of range");
    }
    SUBCASE("a running reading: its start can move, its end cannot be set") {
        Walk r(3);
        require_recorded(r.at(0).rec.next_step());
        require_recorded(r.at(1000).rec.next_step());
        r.at(2000);
        require_recorded(r.rec.set_start(2, 1200));
        CHECK(r.state().find_reading(2)->start_ms == 1200);
        CHECK(r.state().duration_ms(*r.state().find_reading(2), r.rec.now_ms()) == 800);
        check_refused(r.rec.set_end(2, 1500), "reading 2 is still running");
    }
}

TEST_CASE("edit: split divides a reading, the second part is a reading with the split's id") {
    EditedWalk w;
    SUBCASE("inside the reading") {
        const TapResult split = w.rec.split(2, 2000);
        require_recorded(split);
        CHECK(split.event == 7);
        const Reading* first = w.state().find_reading(2);
        const Reading* second = w.state().find_reading(7);
        REQUIRE(second != nullptr);
        CHECK(first->start_ms == 1000);
        CHECK(first->end_ms == std::optional<std::int64_t>(2000));
        CHECK(second->step == 2);
        CHECK(second->cycle == 1);
        CHECK(second->start_ms == 2000);
        CHECK(second->end_ms == std::optional<std::int64_t>(3000));
        CHECK_FALSE(second->manual);
        CHECK(w.readings().size() == 4);
    }
    SUBCASE("an excluded reading splits into two excluded parts") {
        require_recorded(w.rec.exclude(2, "jam"));
        const TapResult split = w.rec.split(2, 2500);
        require_recorded(split);
        CHECK(w.state().find_reading(split.event)->excluded);
        CHECK(w.state().find_reading(split.event)->exclude_reason == "jam");
    }
    SUBCASE("at or outside the ends is refused") {
        check_refused(w.rec.split(2, 1000), "split at 1.000 s is not inside reading 2 (1.000 s to 3.000 s)");
        check_refused(w.rec.split(2, 3000), "split at 3.000 s is not inside reading 2 (1.000 s to 3.000 s)");
        check_refused(w.rec.split(2, 500), "split at 0.500 s is not inside reading 2 (1.000 s to 3.000 s)");
        CHECK(w.events().size() == 6);
    }
    SUBCASE("a running reading is refused") {
        Walk r(3);
        require_recorded(r.at(0).rec.next_step());
        r.at(2000);
        check_refused(r.rec.split(1, 1000), "reading 1 is still running");
    }
}

TEST_CASE("edit: insert_reading adds a manual reading with the insert's id") {
    EditedWalk w;
    const TapResult ins = w.rec.insert_reading(2, 2, 4100, 4900);
    require_recorded(ins);
    const Reading* r = w.state().find_reading(ins.event);
    REQUIRE(r != nullptr);
    CHECK(r->manual);
    CHECK(r->step == 2);
    CHECK(r->cycle == 2);
    CHECK(r->start_ms == 4100);
    CHECK(r->end_ms == std::optional<std::int64_t>(4900));
    CHECK(w.state().duration_ms(*r, 0) == 800);
    CHECK(r->valid());

    SUBCASE("refusals") {
        check_refused(w.rec.insert_reading(2, 2, 4900, 4100),
                      "inserted reading ends at 4.100 s, before it starts at 4.900 s");
        check_refused(w.rec.insert_reading(9, 2, 4100, 4900), "unknown step id 9");
        check_refused(w.rec.insert_reading(2, 0, 4100, 4900), "cycle must be from 1 to 1000000000");
        check_refused(w.rec.insert_reading(2, 2, 4100, 6000), "end 6.000 s is after the edit itself (5.000 s)");
        CHECK(w.events().size() == 7);
    }
}

TEST_CASE("edit: remove and restore readings, tags and notes") {
    EditedWalk w;
    SUBCASE("a reading") {
        require_recorded(w.rec.remove(1));
        CHECK(w.state().find_reading(1)->removed);
        CHECK_FALSE(w.state().find_reading(1)->valid());
        check_refused(w.rec.remove(1), "event 1 is already deleted");
        check_refused(w.rec.exclude(1, "x"), "reading 1 is deleted; restore it first");
        check_refused(w.rec.set_end(1, 900), "reading 1 is deleted; restore it first");
        require_recorded(w.rec.restore(1));
        CHECK(w.state().find_reading(1)->valid());
        check_refused(w.rec.restore(1), "event 1 is not deleted");
    }
    SUBCASE("a waste tag") {
        require_recorded(w.rec.remove(4));
        CHECK(w.state().find_tag(4)->removed);
        check_refused(w.rec.retag(4, Waste::motion, 1), "waste tag 4 is deleted; restore it first");
        require_recorded(w.rec.restore(4));
        CHECK_FALSE(w.state().find_tag(4)->removed);
    }
    SUBCASE("a note") {
        require_recorded(w.rec.remove(6));
        CHECK(w.state().find_note(6)->removed);
        require_recorded(w.rec.restore(6));
        CHECK_FALSE(w.state().find_note(6)->removed);
    }
    SUBCASE("something else is refused") {
        check_refused(w.rec.remove(5), "event 5 is not a reading, waste tag or note");
        check_refused(w.rec.restore(42), "event 42 is not a reading, waste tag or note");
    }
    SUBCASE("a running reading or timed waste is refused") {
        Walk r(3);
        require_recorded(r.at(0).rec.next_step());
        require_recorded(r.at(100).rec.toggle_timed_waste(Waste::waiting));
        check_refused(r.rec.remove(1), "event 1 is still running; end it first");
        check_refused(r.rec.remove(2), "event 2 is still running; end it first");
    }
}

TEST_CASE("edit: retag changes a tag's waste and step") {
    EditedWalk w;
    require_recorded(w.rec.retag(4, Waste::motion, 2));
    CHECK(w.state().find_tag(4)->waste == Waste::motion);
    CHECK(w.state().find_tag(4)->step == 2);
    CHECK(w.state().find_tag(4)->note == "scratch");
    require_recorded(w.rec.retag(4, Waste::waiting, kNoStep));
    CHECK(w.state().find_tag(4)->step == kNoStep);
    check_refused(w.rec.retag(4, Waste::motion, 9), "unknown step id 9");
    check_refused(w.rec.retag(1, Waste::motion, 1), "event 1 is not a waste tag");
}

TEST_CASE("edit: edit_note rewrites a note or a tag's note") {
    EditedWalk w;
    require_recorded(w.rec.edit_note(6, "fixture loose"));
    CHECK(w.state().find_note(6)->text == "fixture loose");
    CHECK(w.state().find_note(6)->target == 2);
    require_recorded(w.rec.edit_note(4, "deep scratch"));
    CHECK(w.state().find_tag(4)->note == "deep scratch");
    check_refused(w.rec.edit_note(1, "x"), "event 1 is not a note or waste tag");
}

TEST_CASE("notes: on the session or on an earlier event") {
    EditedWalk w;
    const TapResult session_note = w.rec.add_note("second shift");
    require_recorded(session_note);
    const gemba::Note* n = w.state().find_note(session_note.event);
    REQUIRE(n != nullptr);
    CHECK(n->target == kNoEvent);
    CHECK(n->t_ms == 5000);
    CHECK(n->text == "second shift");
    check_refused(w.rec.add_note(""), "the note is empty");
    check_refused(w.rec.add_note("later", 99), "note on event 99, which is not an earlier event");
    // A note can comment on any earlier event, even a note or an edit.
    require_recorded(w.rec.add_note("about the note", session_note.event));
}

// ---------------------------------------------------------------------------------------------
// Session time
// ---------------------------------------------------------------------------------------------

TEST_CASE("recorder: session time counts from when the recorder was attached") {
    Walk w(3, TimingMode::lap, 10'000);
    CHECK(w.rec.now_ms() == 0);
    w.clock.advance(2500);
    CHECK(w.rec.now_ms() == 2500);
    require_recorded(w.rec.next_step());
    CHECK(w.events()[0].t_ms == 2500);
    w.clock.advance(1000);
    const Reading& running = w.readings()[0];
    CHECK(running.running());
    CHECK_FALSE(running.valid());
    CHECK(w.state().duration_ms(running, w.rec.now_ms()) == 1000);
    CHECK(w.state().duration_ms(running, 0) == 0);  // "now" before the start: nothing yet
}

TEST_CASE("recorder: an event is never timed before the previous one") {
    Walk w(3);
    require_recorded(w.at(1000).rec.next_step());
    w.at(500);  // a clock that went back
    require_recorded(w.rec.stop_step());
    CHECK(w.events()[1].t_ms == 1000);
    CHECK(w.state().duration_ms(w.readings()[0], 0) == 0);
}

TEST_CASE("recorder: continuing a loaded session, time continues from the last event") {
    Session session = make_session(3, TimingMode::lap);
    {
        ManualClock first(0);
        Recorder rec(session, first);
        first.set(0);
        require_recorded(rec.next_step());
        first.set(3000);
        require_recorded(rec.next_step());
        first.set(5000);
        require_recorded(rec.add_note("closing the file"));
    }
    const std::string state_before = describe(LogState::replay(session));

    ManualClock second(987'654);  // a different clock origin: the file was closed a while
    Recorder again(session, second);
    CHECK(again.now_ms() == 5000);
    CHECK(describe(again.state()) == state_before);
    CHECK(again.can_undo());
    second.advance(700);
    CHECK(again.now_ms() == 5700);
    require_recorded(again.next_step());
    CHECK(session.events.back().t_ms == 5700);
    CHECK(session.events.back().id == 4);
    const auto& readings = again.state().readings();
    REQUIRE(readings.size() == 3);
    CHECK(again.state().duration_ms(readings[1], 0) == 2700);
    CHECK(readings[2].step == 3);
    CHECK(readings[2].cycle == 1);

    SUBCASE("an empty session starts at 0") {
        Session empty = make_session(1, TimingMode::lap);
        ManualClock clock(42);
        Recorder fresh(empty, clock);
        CHECK(fresh.now_ms() == 0);
    }
}

TEST_CASE("recorder: a session whose log breaks a rule is refused") {
    Session session = make_session(3, TimingMode::lap);
    Event start;
    start.id = 1;
    start.kind = EventKind::step_start;
    start.step = 1;
    Event end;
    end.id = 2;
    end.t_ms = 100;
    end.kind = EventKind::step_end;
    end.step = 2;
    session.events = {start, end};
    ManualClock clock;
    CHECK_THROWS_WITH_AS([&] { Recorder rec(session, clock); }(), "event 2: step 2 is not running", std::invalid_argument);
}

TEST_CASE("an inserted reading's cycle must be one a file can hold") {
    // Found by fuzz_event_log: a cycle of 2^63 - 1 was recorded, then the session could be neither
    // saved nor recovered from its journal.
    Session s;
    s.steps = {gemba::Step{1, "Pick", gemba::ValueClass::value_added, 100, 0}};
    ManualClock clock;
    Recorder rec(s, clock);
    clock.advance(5000);
    const gemba::TapResult too_big = rec.insert_reading(1, std::numeric_limits<std::int64_t>::max(), 0, 1000);
    CHECK_FALSE(too_big.recorded);
    CHECK(too_big.message == "cycle must be from 1 to 1000000000");
    CHECK(s.events.empty());
    const gemba::TapResult largest = rec.insert_reading(1, gemba::kMaxCycle, 0, 1000);
    CHECK_MESSAGE(largest.recorded, largest.message);
}

// ---------------------------------------------------------------------------------------------
// A Recorder on a log replayed already
// ---------------------------------------------------------------------------------------------

TEST_CASE("a Recorder takes over a replayed state: the same log meaning, and the walk goes on from it") {
    EditedWalk walk;
    Session reopened = walk.session;
    ManualClock clock(70'000);
    Recorder taken_over(reopened, clock, LogState::replay(reopened));
    CHECK(describe(taken_over.state()) == describe(walk.state()));
    CHECK(taken_over.now_ms() == 4000);  // continues from the last event, not from the clock
    clock.advance(600);
    require_recorded(taken_over.next_step());
    CHECK(reopened.events.back().t_ms == 4600);
}

TEST_CASE("a Recorder refuses the replayed state of another log") {
    EditedWalk walk;
    Session shorter = walk.session;
    shorter.events.pop_back();
    ManualClock clock;
    CHECK_THROWS_AS(Recorder(walk.session, clock, LogState::replay(shorter)), std::invalid_argument);
}

TEST_CASE("restart_clock: session time continues from the last event, and debouncing starts afresh") {
    Walk walk;
    require_recorded(walk.at(0).rec.next_step());
    walk.at(100'000);
    walk.rec.restart_clock();
    CHECK(walk.rec.now_ms() == 0);
    // 50 ms after the last tap on the restarted clock: a Recorder attached now knows no earlier tap
    // to debounce it against, and neither does a restarted one.
    walk.at(100'050);
    require_recorded(walk.rec.next_step());
    CHECK(walk.events().back().t_ms == 50);
}

TEST_CASE("stop_for_end: the pause first, then the latest started step, then a timed waste, each one event") {
    // Independent timers: steps 1 and 2 run, a timed motion runs, the walk is paused at 5 s.
    gemba::Session session;
    session.steps = {gemba::Step{1, "A", gemba::ValueClass::value_added, 100, 0},
                     gemba::Step{2, "B", gemba::ValueClass::value_added, 100, 0}};
    session.settings.timing_mode = gemba::TimingMode::independent;
    gemba::ManualClock clock(0);
    gemba::Recorder rec(session, clock);
    REQUIRE(rec.toggle_step(1).recorded);
    clock.set(1'000);
    REQUIRE(rec.toggle_step(2).recorded);
    clock.set(2'000);
    REQUIRE(rec.toggle_timed_waste(gemba::Waste::motion).recorded);
    clock.set(5'000);
    REQUIRE(rec.toggle_pause().recorded);
    clock.set(9'000);
    std::vector<gemba::EventKind> kinds;
    std::vector<gemba::StepId> steps;
    for (gemba::TapResult r = rec.stop_for_end(); r.recorded; r = rec.stop_for_end()) {
        kinds.push_back(session.events.back().kind);
        steps.push_back(session.events.back().step);
        CHECK(session.events.back().t_ms == 9'000);
    }
    CHECK(kinds == std::vector<gemba::EventKind>{gemba::EventKind::resume, gemba::EventKind::step_end,
                                                  gemba::EventKind::step_end, gemba::EventKind::waste_end});
    CHECK(steps[1] == 2);  // the latest started first
    CHECK(steps[2] == 1);
    CHECK(rec.stop_for_end().message == "nothing runs");
    CHECK_FALSE(rec.state().live());
    // A: 9 − 0 − 4 paused = 5 s; B: 9 − 1 − 4 = 4 s.
    CHECK(rec.state().duration_ms(rec.state().readings()[0], 0) == 5'000);
    CHECK(rec.state().duration_ms(rec.state().readings()[1], 0) == 4'000);
}

TEST_CASE("hold_clock: session time stands at the last event until restart_clock, taps are still debounced on the clock") {
    gemba::Session session;
    session.steps = {gemba::Step{1, "A", gemba::ValueClass::value_added, 100, 0}};
    gemba::ManualClock clock(0);
    gemba::Recorder rec(session, clock);
    REQUIRE(rec.next_step().recorded);
    clock.set(3'000);
    REQUIRE(rec.stop_step().recorded);
    rec.hold_clock();
    CHECK(rec.clock_held());
    clock.set(60'000);
    CHECK(rec.now_ms() == 3'000);
    REQUIRE(rec.add_note("after the end").recorded);
    CHECK(session.events.back().t_ms == 3'000);
    REQUIRE(rec.tag_waste(gemba::Waste::motion).recorded);
    clock.set(60'100);  // 100 ms later on the clock: the same control within the 150 ms window
    CHECK(rec.tag_waste(gemba::Waste::motion).debounced);
    rec.restart_clock();
    CHECK_FALSE(rec.clock_held());
    clock.set(61'000);
    CHECK(rec.now_ms() == 3'900);  // 3.0 + (61.0 − 60.1)
}
