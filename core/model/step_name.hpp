// A step's name as the plan gives it, with the one fallback every output uses (tables, CSV, JSON,
// charts, event text, the analyses' waste-by-step list).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/session.hpp"

namespace gemba {

// A step by its name in the plan; kNoStep (a tag made while no step ran) as "(no step running)";
// an id the plan does not hold (only a file edited by hand has one) as "(step 7)". The brackets
// tell both apart from a name someone typed.
std::string step_name(const Session& session, StepId id);

// The key that says two walks' steps are the same step (a before and an after walk, several
// observers' studies of one plan): the name, trimmed, inner runs of white space as one space,
// ASCII letters in lower case ("  Fasten   4 screws" and "fasten 4 Screws" are one step). Never the
// id or the position: two plans set up apart number their steps alike by accident.
std::string step_match_key(std::string_view name);

// How the steps of several plans match by step_match_key.
struct StepMatch {
    std::string key;
    // Per plan, in the order given: the step with this key; kNoStep where the plan has none.
    std::vector<StepId> steps;
};
struct StepMatching {
    std::vector<StepMatch> matched;  // in every plan, once; in the first plan's order
    // Steps in some plans but not all (each with kNoStep where missing), in first-seen order.
    std::vector<StepMatch> unmatched;
    // Keys used by two steps of one plan: ambiguous, never matched.
    struct Ambiguous {
        std::string key;
        std::vector<std::vector<StepId>> steps;  // per plan, every step with the key
    };
    std::vector<Ambiguous> ambiguous;
};
StepMatching match_steps(const std::vector<const Plan*>& plans);

}  // namespace gemba
