// The clock of a work sampling study: wall time since the schedule's origin (00:00 of its first day
// at its UTC offset), the t_ms of its events, so that a round's lateness is t_ms − the round's time.
// Unlike a walk's clock it does not start at the first tap nor rebase on reopening: a round falls
// due at a time of day, whoever opens the file when.
#pragma once

#include <time.h>

#include <algorithm>
#include <cstdint>

#include "core/log/clock.hpp"
#include "core/model/session.hpp"

namespace gemba {

// Milliseconds since 1970-01-01T00:00:00Z (CLOCK_REALTIME): the wall clock.
class WallClock final : public Clock {
public:
    std::int64_t now_ms() const override {
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
    }
};

// `wall` (milliseconds since the Unix epoch; a ManualClock in tests) less the origin of `plan`'s
// schedule, read at each call (the schedule may be edited), never below 0. A plan without a
// schedule has its origin at the epoch.
class SamplingClock final : public Clock {
public:
    SamplingClock(const Clock& wall, const Plan& plan) : wall_(wall), plan_(plan) {}
    std::int64_t now_ms() const override {
        const std::int64_t origin = plan_.sampling.schedule ? schedule_origin_ms(*plan_.sampling.schedule).value_or(0) : 0;
        return std::clamp<std::int64_t>(wall_.now_ms() - origin, 0, kMaxTimeMs);
    }

private:
    const Clock& wall_;
    const Plan& plan_;
};

}  // namespace gemba
