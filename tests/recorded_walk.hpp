// A walk recorded the way the app records one: through the Recorder, on a manual clock set to the
// time of each tap (in seconds). Shared by the suites that need a session with real readings.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"

namespace gemba::test {

constexpr std::int64_t sec(double seconds) { return static_cast<std::int64_t>(std::llround(seconds * 1000.0)); }

inline Step make_step(StepId id, std::string name, ValueClass value_class = ValueClass::value_added,
                      double rating_pct = 100.0, double allowance_pct = 0.0) {
    Step step;
    step.id = id;
    step.name = std::move(name);
    step.value_class = value_class;
    step.rating_pct = rating_pct;
    step.allowance_pct = allowance_pct;
    return step;
}

// Every tap must be recorded (the test stops otherwise, with the Recorder's message).
class RecordedWalk {
public:
    explicit RecordedWalk(std::vector<Step> steps, StudySettings settings = {}) {
        session_.steps = std::move(steps);
        session_.settings = settings;
        recorder_ = std::make_unique<Recorder>(session_, clock_);
    }
    RecordedWalk(const RecordedWalk&) = delete;
    RecordedWalk& operator=(const RecordedWalk&) = delete;

    EventId at(double t_s, const std::function<TapResult(Recorder&)>& control) {
        clock_.set(sec(t_s));
        const TapResult result = control(*recorder_);
        INFO("tap at " << t_s << " s: " << result.message);
        REQUIRE(result.recorded);
        return result.event;
    }
    EventId next(double t) { return at(t, [](Recorder& r) { return r.next_step(); }); }
    EventId stop(double t) { return at(t, [](Recorder& r) { return r.stop_step(); }); }
    EventId toggle(double t, StepId step) { return at(t, [step](Recorder& r) { return r.toggle_step(step); }); }
    EventId new_cycle(double t) { return at(t, [](Recorder& r) { return r.new_cycle(); }); }
    EventId pause(double t) { return at(t, [](Recorder& r) { return r.toggle_pause(); }); }
    EventId tag(double t, Waste w, std::string note = {}) {
        return at(t, [w, &note](Recorder& r) { return r.tag_waste(w, note); });
    }
    EventId timed(double t, Waste w, std::string note = {}) {
        return at(t, [w, &note](Recorder& r) { return r.toggle_timed_waste(w, note); });
    }
    // Edits happen at the clock's current time.
    void exclude(EventId reading, std::string reason) {
        REQUIRE(recorder_->exclude(reading, std::move(reason)).recorded);
    }
    void remove(EventId item) { REQUIRE(recorder_->remove(item).recorded); }
    // Cuts a reading in two at t_s; returns the second part's id.
    EventId split(EventId reading, double t_s) {
        const TapResult result = recorder_->split(reading, sec(t_s));
        REQUIRE(result.recorded);
        return result.event;
    }
    // A single step timed in lap mode: one reading per duration, back to back from t0, then stop.
    // Returns the reading ids.
    std::vector<EventId> laps(double t0, const std::vector<double>& durations) {
        std::vector<EventId> ids;
        double t = t0;
        for (double d : durations) {
            ids.push_back(next(t));
            t += d;
        }
        stop(t);
        return ids;
    }

    Recorder& recorder() { return *recorder_; }
    Session& session() { return session_; }
    const Session& session() const { return session_; }
    const LogState& state() const { return recorder_->state(); }
    SessionSummary summary(std::optional<double> now_s = std::nullopt) const {
        return summarize(session_, recorder_->state(), now_s ? std::optional<std::int64_t>(sec(*now_s)) : std::nullopt);
    }

private:
    Session session_;
    ManualClock clock_{0};
    std::unique_ptr<Recorder> recorder_;
};

}  // namespace gemba::test
