// Events in words, for the recent-events strip and the review lists: "Lap: Fasten → Inspect"; and
// what a reading or tag of the log counts as, in the words of the CSV's status column and the Review
// screen.
#pragma once

#include <string>
#include <string_view>

#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

std::string describe_event(const Session& session, const Event& event);

// Deleted wins over running, running over excluded. A tag is never excluded.
enum class LogStatus { valid, excluded, deleted, running };
LogStatus reading_status(const Reading& reading);
LogStatus tag_status(const WasteTag& tag);
// "valid", "excluded", "deleted", "running".
std::string_view to_string(LogStatus status);

}  // namespace gemba
