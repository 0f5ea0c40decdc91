#include "core/model/plan_fields.hpp"

#include <charconv>
#include <system_error>

namespace gemba {
namespace {

// A limit as a person writes it: 100, 0.5, 1000000000000.
std::string limit_text(double value) {
    char buffer[400];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    return std::string(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace

std::string NumberRange::text() const {
    return std::string(min_inclusive ? "at least " : "above ") + limit_text(min) + " and " +
           (max_inclusive ? "at most " : "below ") + limit_text(max);
}

}  // namespace gemba
