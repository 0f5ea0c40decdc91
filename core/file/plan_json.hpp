// The plan part of a session file (its header, study settings and steps), read and written with
// cereal; the events are read by the first pass (core/file/json_scan.hpp) and written by
// core/file/event_json.hpp. Internal to core/file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/file/json_scan.hpp"
#include "core/file/problem_text.hpp"
#include "core/model/session.hpp"

namespace gemba::detail {

// The session file of the plan with no events, as the current format writes it: indented by
// cereal, ending in "\n}" with no "events" member.
std::string plan_json(const Plan& plan);

// What the root object of a file holds besides its events.
struct PlanMembers {
    Plan plan;
    bool has_title = false;
    bool has_steps = false;
};

// Reads the members of a file's root object as format `version` has them (version 1 has no value
// stream fields: a reader of version 1 refuses them as unknown), with the place of every value
// tracked for messages; `scanned` is the first pass over the same text (its events list is skipped
// here). The first problem in the plan's members is returned.
std::optional<Problem> read_plan(std::string_view json, const Scan& scanned, int version, PlanMembers& out);

}  // namespace gemba::detail
