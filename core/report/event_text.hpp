// Events in words, for the recent-events strip and the review lists: "Lap: Fasten → Inspect".
#pragma once

#include <string>

#include "core/model/session.hpp"

namespace gemba {

std::string describe_event(const Session& session, const Event& event);

}  // namespace gemba
