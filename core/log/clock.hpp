// The time source of a walk. Readings come from a monotonic clock, never from frame counts or the
// wall clock, so a clock change (NTP, time zone, daylight saving) cannot alter a duration.
#pragma once

#include <time.h>

#include <cstdint>

namespace gemba {

class Clock {
public:
    virtual ~Clock() = default;
    // Milliseconds on a monotonic scale; only differences mean anything.
    virtual std::int64_t now_ms() const = 0;
};

// CLOCK_BOOTTIME: monotonic like steady_clock, but it keeps counting while the machine sleeps, so a
// tablet suspended in the middle of a step does not shorten the reading.
class SteadyClock final : public Clock {
public:
    std::int64_t now_ms() const override {
        timespec now{};
        clock_gettime(CLOCK_BOOTTIME, &now);
        return static_cast<std::int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1'000'000;
    }
};

// Another clock moved by a fixed offset: a wall clock that starts at a chosen moment and then runs
// at the pace of its base (GEMBA_CLOCK_START in the app).
class OffsetClock final : public Clock {
public:
    // `base` is not owned and must outlive the OffsetClock.
    OffsetClock(const Clock& base, std::int64_t offset_ms) : base_(base), offset_ms_(offset_ms) {}
    std::int64_t now_ms() const override { return base_.now_ms() + offset_ms_; }

private:
    const Clock& base_;
    std::int64_t offset_ms_;
};

// A clock that moves only when told to: for tests and for building example sessions.
class ManualClock final : public Clock {
public:
    explicit ManualClock(std::int64_t start_ms = 0) : now_(start_ms) {}
    std::int64_t now_ms() const override { return now_; }
    void set(std::int64_t ms) { now_ = ms; }
    void advance(std::int64_t ms) { now_ += ms; }

private:
    std::int64_t now_;
};

}  // namespace gemba
