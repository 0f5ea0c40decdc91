#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "core/log/clock.hpp"

using namespace gemba;

TEST_CASE("the steady clock never goes backwards and follows real time") {
    const SteadyClock clock;
    const std::int64_t before = clock.now_ms();
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    const std::int64_t after = clock.now_ms();
    CHECK(after - before >= 60);
    CHECK(after - before < 5000);
    std::int64_t previous = after;
    for (int i = 0; i < 10000; ++i) {
        const std::int64_t now = clock.now_ms();
        CHECK(now >= previous);
        previous = now;
    }
}

TEST_CASE("the manual clock moves only when told to") {
    ManualClock clock(1000);
    CHECK(clock.now_ms() == 1000);
    clock.advance(250);
    CHECK(clock.now_ms() == 1250);
    clock.set(40);
    CHECK(clock.now_ms() == 40);
}
