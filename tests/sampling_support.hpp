// A work sampling study for the pooling, schema and Pooled-view tests: the press shop, and its
// observations recorded round by round.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"

namespace gemba::test {

// Work (value-added, key 0), Idle (Waiting, key 1) and Away (absent, key 9).
inline std::vector<SamplingCategory> press_shop_categories() {
    return {{1, "Work", ValueClass::value_added, std::nullopt, "0", false},
            {2, "Idle", ValueClass::non_value_added, Waste::waiting, "1", false},
            {3, "Away", ValueClass::non_value_added, std::nullopt, "9", true}};
}

// One day, 2026-12-01 08:00-18:00, with 60 rounds 10 minutes apart from 08:00 (from 08:05 when
// `shifted`), `subjects` operators named "Operator 1" ..., and the categories given.
inline Session press_shop_study(std::string observer, int subjects, bool shifted = false,
                                std::vector<SamplingCategory> categories = press_shop_categories()) {
    constexpr std::int64_t kMinute = 60'000;
    Session s;
    s.title = "Press shop";
    s.observer = std::move(observer);
    s.study = StudyKind::work_sampling;
    for (int i = 1; i <= subjects; ++i) s.sampling.subjects.push_back({i, "Operator " + std::to_string(i)});
    s.sampling.categories = std::move(categories);
    SamplingSchedule schedule;
    schedule.seed = 1;
    schedule.days = {{"2026-12-01", "08:00", "18:00", {}}};
    schedule.min_gap_ms = 5 * kMinute;
    schedule.max_gap_ms = 20 * kMinute;
    schedule.mean_gap_ms = 10 * kMinute;
    for (std::int64_t k = 0; k < 60; ++k) schedule.rounds.push_back((8 * 60 + k * 10 + (shifted ? 5 : 0)) * kMinute);
    s.sampling.schedule = schedule;
    return s;
}

// Observation i is of subject i % subjects + 1 in round i / subjects + 1, in categories[i],
// recorded a second after its round's time.
inline void observe_in_rounds(Session& s, const std::vector<CategoryId>& categories, int subjects) {
    ManualClock clock(0);
    Recorder r(s, clock);
    for (std::size_t i = 0; i < categories.size(); ++i) {
        const auto round = static_cast<std::int64_t>(i / static_cast<std::size_t>(subjects) + 1);
        clock.set(std::max(clock.now_ms(), *s.sampling.round_ms(round) + 1'000));
        REQUIRE(r.observe(static_cast<SubjectId>(i % static_cast<std::size_t>(subjects) + 1), categories[i]).recorded);
    }
}

}  // namespace gemba::test
