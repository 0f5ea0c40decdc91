// A step's name as the plan gives it, with the one fallback every output uses (tables, CSV, JSON,
// charts, event text, the analyses' waste-by-step list).
#pragma once

#include <string>

#include "core/model/session.hpp"

namespace gemba {

// A step by its name in the plan; kNoStep (a tag made while no step ran) as "(no step running)";
// an id the plan does not hold (only a file edited by hand has one) as "(step 7)". The brackets
// tell both apart from a name someone typed.
std::string step_name(const Session& session, StepId id);

}  // namespace gemba
