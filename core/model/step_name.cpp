#include "core/model/step_name.hpp"

#include <map>

namespace gemba {

std::string step_name(const Session& session, StepId id) {
    if (id == kNoStep) return "(no step running)";
    const Step* step = session.find_step(id);
    return step ? step->name : "(step " + std::to_string(id) + ")";
}

std::string step_match_key(std::string_view name) {
    std::string key;
    bool space = false;
    for (const char c : name) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = !key.empty();
            continue;
        }
        if (space) key += ' ';
        space = false;
        key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return key;
}

StepMatching match_steps(const std::vector<const Plan*>& plans) {
    // Per key, per plan: the steps with that key.
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::vector<StepId>>> found;
    for (std::size_t p = 0; p < plans.size(); ++p)
        for (const Step& step : plans[p]->steps) {
            const std::string key = step_match_key(step.name);
            auto [it, inserted] = found.try_emplace(key, std::vector<std::vector<StepId>>(plans.size()));
            if (inserted) order.push_back(key);
            it->second[p].push_back(step.id);
        }
    StepMatching matching;
    for (const std::string& key : order) {
        const std::vector<std::vector<StepId>>& per_plan = found[key];
        StepMatch match{key, {}};
        bool twice = false, everywhere = true;
        for (const std::vector<StepId>& ids : per_plan) {
            twice = twice || ids.size() > 1;
            everywhere = everywhere && !ids.empty();
            match.steps.push_back(ids.empty() ? kNoStep : ids.front());
        }
        if (twice) matching.ambiguous.push_back({key, per_plan});
        else if (everywhere) matching.matched.push_back(std::move(match));
        else matching.unmatched.push_back(std::move(match));
    }
    return matching;
}

}  // namespace gemba
