// A walk recorded the way the app records one: through the Recorder, on a manual clock set to the
// time of each tap (in seconds). Shared by the suites that need a session with real readings.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"

namespace gemba::test {

constexpr std::int64_t sec(double seconds) { return static_cast<std::int64_t>(std::llround(seconds * 1000.0)); }

inline Step make_step(StepId id, std::string name, ValueClass value_class, double allowance_pct = 0.0) {
    Step step;
    step.id = id;
    step.name = std::move(name);
    step.value_class = value_class;
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
    EventId pause(double t) { return at(t, [](Recorder& r) { return r.toggle_pause(); }); }
    EventId tag(double t, Waste w, std::string note = {}) {
        return at(t, [w, &note](Recorder& r) { return r.tag_waste(w, note); });
    }
    EventId timed(double t, Waste w, std::string note = {}) {
        return at(t, [w, &note](Recorder& r) { return r.toggle_timed_waste(w, note); });
    }

    Recorder& recorder() { return *recorder_; }
    const Session& session() const { return session_; }
    const LogState& state() const { return recorder_->state(); }
    SessionSummary summary() const { return summarize(session_, recorder_->state()); }

private:
    Session session_;
    ManualClock clock_{0};
    std::unique_ptr<Recorder> recorder_;
};

}  // namespace gemba::test
