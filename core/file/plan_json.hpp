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

// What the root object of a version 1 file holds besides its events.
struct PlanMembersV1 {
    Plan plan;
    bool has_title = false;
    bool has_steps = false;
};

// Reads the members of a version 1 file's root object, with the place of every value tracked for
// messages; `scanned` is the first pass over the same text (its events list is skipped here).
// The first problem in the plan's members is returned.
std::optional<Problem> read_plan_v1(std::string_view json, const Scan& scanned, PlanMembersV1& out);

}  // namespace gemba::detail
