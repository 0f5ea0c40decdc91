#include "core/sampling/p_chart.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gemba::sampling {

std::optional<PChart> p_chart(std::span<const DayTally> days) {
    PChart chart;
    for (const DayTally& day : days) {
        if (day.count < 0 || day.count > day.observations) throw std::invalid_argument("a day's count must be in [0, observations]");
        chart.total_count += day.count;
        chart.total_observations += day.observations;
    }
    if (chart.total_observations == 0) return std::nullopt;
    const double p_bar = static_cast<double>(chart.total_count) / static_cast<double>(chart.total_observations);
    chart.centre = p_bar;

    for (std::size_t i = 0; i < days.size(); ++i) {
        PChartDay out;
        out.count = days[i].count;
        out.observations = days[i].observations;
        if (out.observations > 0) {
            const double n = static_cast<double>(out.observations);
            const double p = static_cast<double>(out.count) / n;
            const double three_sigma = 3.0 * std::sqrt(p_bar * (1.0 - p_bar) / n);
            const double lower = p_bar - three_sigma;
            const double upper = p_bar + three_sigma;
            out.share = p;
            out.lower_limit = std::max(0.0, lower);
            out.upper_limit = std::min(1.0, upper);
            out.lower_clipped = lower < 0.0;
            out.upper_clipped = upper > 1.0;
            out.signal = p > *out.upper_limit ? ControlSignal::above
                         : p < *out.lower_limit ? ControlSignal::below
                                                : ControlSignal::in_control;
            if (out.signal != ControlSignal::in_control) chart.out_of_control.push_back(i);
        }
        chart.days.push_back(out);
    }
    return chart;
}

}  // namespace gemba::sampling
