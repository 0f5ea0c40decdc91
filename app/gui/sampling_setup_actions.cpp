#include "app/gui/sampling_setup_actions.hpp"

#include <random>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"

namespace gemba::gui {

LocalDay today(const AppState& app) { return local_day(app.wall_clock.now_ms()); }

std::uint64_t fresh_seed() {
    std::random_device device;
    // random_device gives 32 bits a call.
    return (static_cast<std::uint64_t>(device()) << 32) ^ static_cast<std::uint64_t>(device());
}

void start_sampling_study(AppState& app) { request_start(app, new_sampling_plan(today(app), fresh_seed())); }

void start_from_template(AppState& app, Plan plan) {
    const std::optional<std::string> moved = move_template_to(plan, today(app), fresh_seed());
    request_start(app, std::move(plan));
    if (moved && app.doc.has_walk() && app.doc.session().study == StudyKind::work_sampling && !app.after_unsaved)
        show(app, "From the template: " + *moved, false);
}

bool sampling_edit(AppState& app, const Refusal& refused, const std::string& what, bool finished) {
    if (refused) {
        show(app, "Not changed: " + *refused, true);
        return false;
    }
    app.doc.plan_edited(what);
    if (!finished) return true;
    const Outcome journaled = app.doc.finish_plan_edit();
    if (journaled.error) show(app, journaled);
    else show(app, "Done: " + what + " — Undo [" + key_hint(KeyAction::undo) + "]", false);
    return true;
}

}  // namespace gemba::gui
