#include "core/model/step_name.hpp"

namespace gemba {

std::string step_name(const Session& session, StepId id) {
    if (id == kNoStep) return "(no step running)";
    const Step* step = session.find_step(id);
    return step ? step->name : "(step " + std::to_string(id) + ")";
}

}  // namespace gemba
