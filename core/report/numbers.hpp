// Numbers as a person reads them, shared by the command-line tool, CSV files and the GUI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gemba {

// The mark for a value that cannot be computed, in text meant for a person. CSV leaves the cell empty.
inline constexpr std::string_view kMissingMark = "—";

// A duration for reading: "0.8 s", "12.3 s", "2:05.4", "1:02:05". Negative durations get a sign.
std::string format_duration(double ms);
// Seconds with a fixed number of decimals and a '.' whatever the locale: "12.345".
std::string format_seconds(double ms, int decimals = 3);
// A fraction as a percent: 0.4567 → "45.7 %".
std::string format_percent(double fraction, int decimals = 1);
// A count or demand as typed: "920", "12.5" (up to two decimals, trailing zeros dropped).
std::string format_plain_number(double value);
// A share that may be far below 1 %, with two significant digits at least: a PCE of 0.024 % keeps
// its digits instead of showing "0.0 %"; 1 % and above as format_percent.
std::string format_small_percent(double fraction);
// A number with a fixed number of decimals and a '.' whatever the locale.
std::string format_fixed(double value, int decimals);

// The same for a value that may be missing: kMissingMark then.
std::string duration_or_missing(const std::optional<double>& ms);
std::string percent_or_missing(const std::optional<double>& fraction, int decimals = 1);

// Texts one after the other with `separator` between them: ({"Welder", "Team leader"}, ", ") →
// "Welder, Team leader".
std::string joined(const std::vector<std::string>& texts, std::string_view separator);

}  // namespace gemba
