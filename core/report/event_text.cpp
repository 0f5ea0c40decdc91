#include "core/report/event_text.hpp"

#include "core/log/log_state.hpp"
#include "core/model/step_name.hpp"

namespace gemba {
namespace {

std::string target_text(EventId id) { return "#" + std::to_string(id); }

}  // namespace

std::string describe_event(const Session& session, const Event& e) {
    const std::string cycle_note = e.new_cycle ? " (new cycle)" : "";
    switch (e.kind) {
        case EventKind::step_start: return "Start " + step_name(session, e.step) + cycle_note;
        case EventKind::step_end: return "End " + step_name(session, e.step);
        case EventKind::lap:
            return "Lap: " + step_name(session, e.ended_step()) + " → " + step_name(session, e.step) + cycle_note;
        case EventKind::cycle: return "New cycle";
        case EventKind::waste_tag:
            return std::string(display_name(e.waste)) + (e.step != kNoStep ? " at " + step_name(session, e.step) : "");
        case EventKind::waste_start: return std::string(display_name(e.waste)) + " started (timed)";
        case EventKind::waste_end: return "Timed waste " + target_text(e.target) + " ended";
        case EventKind::note: return "Note: " + e.text.str();
        case EventKind::pause: return "Pause";
        case EventKind::resume: return "Resume";
        case EventKind::exclude: return "Exclude reading " + target_text(e.target) + ": " + e.text.str();
        case EventKind::include: return "Include reading " + target_text(e.target);
        case EventKind::set_start: return "Reading " + target_text(e.target) + " starts at " + seconds_text(e.start_ms());
        case EventKind::set_end: return "Reading " + target_text(e.target) + " ends at " + seconds_text(e.end_ms());
        case EventKind::split: return "Split reading " + target_text(e.target) + " at " + seconds_text(e.at_ms());
        case EventKind::insert_reading:
            return "Insert reading of " + step_name(session, e.step) + ", cycle " + std::to_string(e.cycle());
        case EventKind::remove: return "Delete " + target_text(e.target);
        case EventKind::restore: return "Restore " + target_text(e.target);
        case EventKind::retag: return "Re-tag " + target_text(e.target) + " as " + std::string(display_name(e.waste));
        case EventKind::edit_note: return "Edit note " + target_text(e.target);
        case EventKind::undo: return "Undo " + target_text(e.target);
        case EventKind::redo: return "Redo " + target_text(e.target);
    }
    return std::string(to_string(e.kind));
}

LogStatus reading_status(const Reading& r) {
    if (r.removed) return LogStatus::deleted;
    if (r.running()) return LogStatus::running;
    return r.excluded ? LogStatus::excluded : LogStatus::valid;
}

LogStatus tag_status(const WasteTag& t) {
    if (t.removed) return LogStatus::deleted;
    return t.running() ? LogStatus::running : LogStatus::valid;
}

std::string_view to_string(LogStatus status) {
    switch (status) {
        case LogStatus::valid: return "valid";
        case LogStatus::excluded: return "excluded";
        case LogStatus::deleted: return "deleted";
        case LogStatus::running: return "running";
    }
    return "?";
}

}  // namespace gemba
