// How long this process has existed, for start-up measurements (scripts/measure-power): the app and
// bench/reference_loop report their first frame with it, so both are measured the same way.
#pragma once

#include <time.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace gemba {

// Milliseconds since this process was created, from /proc/self/stat's starttime (clock ticks after
// boot, on CLOCK_BOOTTIME): unlike a clock read in main, it includes exec, the dynamic loader and
// static initialisers. starttime is truncated to a tick (10 ms), so this errs up to a tick long.
inline std::optional<double> ms_since_process_start() {
    std::ifstream stat_file("/proc/self/stat");
    std::string stat;
    std::getline(stat_file, stat);
    const auto name_end = stat.rfind(')');  // the name (field 2) may hold spaces and parentheses
    if (name_end == std::string::npos) return std::nullopt;
    std::istringstream fields(stat.substr(name_end + 1));
    std::string skipped;
    for (int field = 3; field < 22; ++field) fields >> skipped;
    unsigned long long start_ticks = 0;
    timespec now{};
    if (!(fields >> start_ticks) || clock_gettime(CLOCK_BOOTTIME, &now) != 0) return std::nullopt;
    const double now_ms = static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
    return now_ms - static_cast<double>(start_ticks) * 1e3 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace gemba
