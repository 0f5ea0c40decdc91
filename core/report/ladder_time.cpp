#include "core/report/ladder_time.hpp"

#include <cmath>

#include "core/report/numbers.hpp"

namespace gemba {
namespace {

constexpr double kSecondMs = 1000.0, kMinuteMs = 60'000.0, kHourMs = 3'600'000.0;

// Rounded to one decimal, as the text will show it.
double shown(double value) { return std::round(value * 10.0) / 10.0; }

}  // namespace

LadderUnit ladder_unit(double ms, std::int64_t working_day_ms) {
    const double size = std::fabs(ms);
    if (working_day_ms > 0 && size >= static_cast<double>(working_day_ms)) return LadderUnit::days;
    if (shown(size / kSecondMs) < 60.0) return LadderUnit::seconds;
    if (shown(size / kMinuteMs) < 60.0) return LadderUnit::minutes;
    return LadderUnit::hours;
}

std::string format_in_unit(double ms, LadderUnit unit, std::int64_t working_day_ms) {
    if (!std::isfinite(ms)) return std::string(kMissingMark);
    double value = 0;
    const char* suffix = "";
    switch (unit) {
    case LadderUnit::seconds: value = ms / kSecondMs; suffix = " s"; break;
    case LadderUnit::minutes: value = ms / kMinuteMs; suffix = " min"; break;
    case LadderUnit::hours: value = ms / kHourMs; suffix = " h"; break;
    case LadderUnit::days:
        if (working_day_ms <= 0) return std::string(kMissingMark);
        value = ms / static_cast<double>(working_day_ms);
        suffix = " days";
        break;
    }
    std::string text = format_fixed(value, 1);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    if (unit == LadderUnit::days && (text == "1" || text == "-1")) suffix = " day";
    return text + suffix;
}

std::string format_ladder_time(double ms, std::int64_t working_day_ms) {
    return format_in_unit(ms, ladder_unit(ms, working_day_ms), working_day_ms);
}

}  // namespace gemba
