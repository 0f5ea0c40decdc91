#include "core/report/numbers.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace gemba {

std::string format_fixed(double value, int decimals) {
    // std::to_chars ignores the C locale, so a German locale still gets "1.5", never "1,5".
    // A double has at most 309 digits before the point, so this buffer always fits (a fixed 64
    // bytes did not: to_chars then fails and leaves the buffer's contents undefined).
    decimals = std::clamp(decimals, 0, 100);
    char buffer[320 + 100];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
    if (result.ec != std::errc{}) return "?";
    std::string out(buffer, result.ptr);
    if (out.find_first_not_of("-0.") == std::string::npos && out.front() == '-') out.erase(0, 1);  // no "-0.0"
    return out;
}

std::string format_seconds(double ms, int decimals) { return format_fixed(ms / 1000.0, decimals); }

std::string format_duration(double ms) {
    const std::string sign = ms < 0 ? "-" : "";
    // Round to tenths of a second first, so 59.96 s becomes "1:00.0", not "0:60.0".
    const auto tenths = static_cast<std::int64_t>(std::llround(std::fabs(ms) / 100.0));
    std::int64_t total_seconds = tenths / 10;
    const std::int64_t tenth = tenths % 10;
    // The hour format has no tenths: round to the second there too, never truncate (7199.9 s is
    // "2:00:00", not "1:59:59"). From 3599.95 s on the tenths already reach an hour.
    if (total_seconds >= 3600) total_seconds = static_cast<std::int64_t>(std::llround(std::fabs(ms) / 1000.0));
    const std::int64_t hours = total_seconds / 3600, minutes = total_seconds / 60 % 60, seconds = total_seconds % 60;
    char buffer[64];
    if (hours > 0)
        std::snprintf(buffer, sizeof buffer, "%s%lld:%02lld:%02lld", sign.c_str(), static_cast<long long>(hours),
                      static_cast<long long>(minutes), static_cast<long long>(seconds));
    else if (minutes > 0)
        std::snprintf(buffer, sizeof buffer, "%s%lld:%02lld.%lld", sign.c_str(), static_cast<long long>(minutes),
                      static_cast<long long>(seconds), static_cast<long long>(tenth));
    else
        std::snprintf(buffer, sizeof buffer, "%s%lld.%lld s", sign.c_str(), static_cast<long long>(seconds),
                      static_cast<long long>(tenth));
    return tenths == 0 ? "0.0 s" : buffer;
}

std::string format_percent(double fraction, int decimals) { return format_fixed(fraction * 100.0, decimals) + " %"; }

std::string duration_or_missing(const std::optional<double>& ms) {
    return ms ? format_duration(*ms) : std::string(kMissingMark);
}

std::string percent_or_missing(const std::optional<double>& fraction, int decimals) {
    return fraction ? format_percent(*fraction, decimals) : std::string(kMissingMark);
}

std::string format_plain_number(double value) {
    std::string text = format_fixed(value, 2);
    while (text.find('.') != std::string::npos && (text.back() == '0' || text.back() == '.')) {
        const bool point = text.back() == '.';
        text.pop_back();
        if (point) break;
    }
    return text;
}

std::string format_small_percent(double fraction) {
    const double percent = fraction * 100.0;
    if (!(percent > 0) || percent >= 1.0) return format_percent(fraction, 1);
    return format_percent(fraction, 1 - static_cast<int>(std::floor(std::log10(percent))));
}

std::string joined(const std::vector<std::string>& texts, std::string_view separator) {
    std::string text;
    for (const std::string& one : texts) {
        if (!text.empty()) text += separator;
        text += one;
    }
    return text;
}

}  // namespace gemba
