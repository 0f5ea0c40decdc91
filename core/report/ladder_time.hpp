// Times on a value stream map's ladder as a person reads them: the unit grows with the time
// (seconds → minutes → hours → working days), so a 1 s press and a 4.5-day pile fit one line.
#pragma once

#include <cstdint>
#include <string>

namespace gemba {

enum class LadderUnit { seconds, minutes, hours, days };

// The unit for `ms` (its size; the sign does not matter): days from one working day on, where a
// working day is `working_day_ms` (the available time per day, breaks excluded, not 24 h);
// below that seconds while the time rounds to under 60 s (one decimal), minutes while under
// 60 min, then hours. With no working day (working_day_ms ≤ 0) hours go on past 24.
LadderUnit ladder_unit(double ms, std::int64_t working_day_ms);

// `ms` in `unit` with one decimal at most, ".0" dropped: "0.5 s", "30 s", "12 min", "3.2 h",
// "1 day", "4.5 days". Days are working days of `working_day_ms`. "—" when ms is not finite, or
// for days without a working day.
std::string format_in_unit(double ms, LadderUnit unit, std::int64_t working_day_ms);

// format_in_unit(ms, ladder_unit(ms, working_day_ms), working_day_ms).
std::string format_ladder_time(double ms, std::int64_t working_day_ms);

}  // namespace gemba
