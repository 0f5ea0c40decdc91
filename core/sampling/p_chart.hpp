// A p-chart of one category's share per day of a work sampling study (LEAN.md "Work sampling"):
// is the share stable from day to day, or did something change on some days?
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace gemba::sampling {

// One day's tally of a category: `count` of the day's `observations` showed it.
struct DayTally {
    std::int64_t count = 0;
    std::int64_t observations = 0;
};

// Where a day's share lies against its limits.
enum class ControlSignal {
    in_control,
    above,   // p_day > upper limit
    below,   // p_day < lower limit
    no_data, // no observations that day: no share, no limits
};

struct PChartDay {
    std::int64_t count = 0;
    std::int64_t observations = 0;
    std::optional<double> share;  // p_day = count ÷ observations; empty without observations
    // p̄ ± 3·√(p̄(1 − p̄)/n_day), clipped to [0, 1]; empty without observations. The limits differ
    // from day to day with n_day (the variable-limit p-chart, not one average n).
    std::optional<double> lower_limit;
    std::optional<double> upper_limit;
    bool lower_clipped = false;  // the formula gave a lower limit below 0
    bool upper_clipped = false;  // the formula gave an upper limit above 1
    ControlSignal signal = ControlSignal::no_data;
};

struct PChart {
    double centre = 0.0;  // p̄ = Σ count ÷ Σ observations over all days (not the mean of the p_day)
    std::int64_t total_count = 0;
    std::int64_t total_observations = 0;
    std::vector<PChartDay> days;               // in input order
    std::vector<std::size_t> out_of_control;  // indices of days above or below their limits, ascending
};

// The chart, or empty when no day has observations. A day is out of control when its share lies
// strictly outside its limits (a share on a limit is in control). With p̄ = 0 or 1 the limits
// collapse onto p̄ and no day can lie outside them.
// Throws std::invalid_argument when a count is negative or above its day's observations.
std::optional<PChart> p_chart(std::span<const DayTally> days);

}  // namespace gemba::sampling
