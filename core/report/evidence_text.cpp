#include "core/report/evidence_text.hpp"

#include <algorithm>

#include "core/model/step_name.hpp"
#include "core/report/event_text.hpp"
#include "core/report/numbers.hpp"

namespace gemba {
namespace {

const Event* find_event(const Session& session, EventId id) {
    const auto it = std::lower_bound(session.events.begin(), session.events.end(), id,
                                     [](const Event& e, EventId v) { return e.id < v; });
    return it != session.events.end() && it->id == id ? &*it : nullptr;
}

const QueueCount* find_count(const LogState& state, EventId id) {
    const auto& counts = state.queue_counts();
    const auto it = std::find_if(counts.begin(), counts.end(), [id](const QueueCount& c) { return c.id == id; });
    return it == counts.end() ? nullptr : &*it;
}

std::string at_walk_clock(const LogState& state, std::int64_t session_ms) {
    return walk_time_text(state.walk_clock_ms(session_ms));
}

std::string queue_name(const Session& session, QueueId id) {
    const Queue* queue = session.find_queue(id);
    return queue ? queue->name : "a queue no longer in the plan";
}

// "Motion at Fasten", "Motion" (tagged while no step ran).
std::string waste_where(const Session& session, Waste waste, StepId step) {
    return std::string(display_name(waste)) + (step != kNoStep ? " at " + step_name(session, step) : "");
}

std::string tag_count_text(std::size_t count) { return std::to_string(count) + (count == 1 ? " tag" : " tags"); }

std::string shortened(const std::string& text, std::size_t at_most) {
    if (text.size() <= at_most) return text;
    std::size_t cut = at_most;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
    return text.substr(0, cut) + "…";
}

// A reading's words, without its status: "Fasten cycle 3: 41.2 s".
std::string reading_words(const Session& session, const LogState& state, const Reading& r) {
    const std::string head = step_name(session, r.step) + " cycle " + std::to_string(r.cycle) + ": ";
    if (r.running()) return head + "running";
    return head + format_duration(static_cast<double>(state.duration_ms(r, *r.end_ms)));
}

// An event linked as evidence that the log no longer holds as an item: undone since.
std::string undone_event_text(const Session& session, const LogState& state, const Event& e) {
    const std::string when = ", " + at_walk_clock(state, e.t_ms) + " on the walk clock — undone";
    switch (e.kind) {
        case EventKind::waste_tag:
        case EventKind::waste_start: return waste_where(session, e.waste, e.step) + when;
        case EventKind::note: return "Note “" + shortened(e.text.str(), 60) + "”" + when;
        case EventKind::queue_count: return queue_name(session, e.queue()) + ": " + std::to_string(e.count()) + when;
        case EventKind::step_start:
        case EventKind::lap:
        case EventKind::insert_reading:
        case EventKind::split: return "A reading of " + step_name(session, e.step) + when;
        default: return describe_event(session, state, e) + " — not a tag, note, reading or count";
    }
}

std::string event_text(const Session& session, const LogState& state, EventId id) {
    if (const WasteTag* t = state.find_tag(id)) {
        std::string text = waste_where(session, t->waste, t->step) + ", " + at_walk_clock(state, t->start_ms) + " on the walk clock";
        if (t->running()) text += ", running";
        else if (t->timed) text += ", " + format_duration(static_cast<double>(state.duration_ms(*t, *t->end_ms)));
        if (!t->note.empty()) text += ", note: " + t->note;
        return t->removed ? text + " — deleted" : text;
    }
    if (const Reading* r = state.find_reading(id)) {
        std::string text = reading_words(session, state, *r);
        if (r->removed) return text + " — deleted";
        return r->excluded ? text + ", excluded: " + r->exclude_reason : text;
    }
    if (const Note* n = state.find_note(id)) {
        const std::string text = "Note at " + at_walk_clock(state, n->t_ms) + ": " + n->text;
        return n->removed ? text + " — deleted" : text;
    }
    if (const QueueCount* c = find_count(state, id))
        return queue_name(session, c->queue) + ": " + std::to_string(c->count) + " at " + at_walk_clock(state, c->t_ms);
    if (const Event* e = find_event(session, id)) return undone_event_text(session, state, *e);
    return "Evidence no longer in the walk";
}

std::string step_text(const Session& session, const SessionSummary& summary, StepId step) {
    if (!session.find_step(step)) return "A step no longer in the plan";
    const auto it = std::find_if(summary.steps.begin(), summary.steps.end(), [step](const StepSummary& s) { return s.step == step; });
    const std::string name = step_name(session, step);
    if (it == summary.steps.end() || !it->stats.mean) return name + ": no valid readings yet";
    const Descriptive& stats = it->stats;
    std::string text = name + ": mean " + format_duration(*stats.mean) + ", n " + std::to_string(stats.n);
    if (stats.cv) text += ", CV " + format_percent(*stats.cv, 0);
    return text;
}

std::string waste_text(const Session& session, const LogState& state, const SessionSummary& summary, Waste waste,
                       StepId step) {
    const std::size_t count = waste_tag_count(state, waste, step);
    std::string text = (step == kNoStep ? std::string(display_name(waste)) + ", all steps" : waste_where(session, waste, step)) +
                       ": " + tag_count_text(count);
    if (summary.observed_ms > 0)
        text += ", " + format_fixed(static_cast<double>(count) * 3'600'000.0 / static_cast<double>(summary.observed_ms), 1) +
                " per hour";
    return text;
}

}  // namespace

std::size_t waste_tag_count(const LogState& state, Waste waste, StepId step) {
    return static_cast<std::size_t>(std::count_if(state.tags().begin(), state.tags().end(), [&](const WasteTag& t) {
        return !t.removed && t.waste == waste && (step == kNoStep || t.step == step);
    }));
}

std::string evidence_text(const Session& session, const LogState& state, const SessionSummary& summary,
                          const Evidence& evidence) {
    switch (evidence.kind) {
        case EvidenceKind::event: return event_text(session, state, evidence.event);
        case EvidenceKind::step: return step_text(session, summary, evidence.step);
        case EvidenceKind::waste: return waste_text(session, state, summary, evidence.waste, evidence.step);
    }
    return {};
}

std::string default_problem_title(const Session& session, const LogState& state, const Evidence& evidence) {
    switch (evidence.kind) {
        case EvidenceKind::event:
            if (const WasteTag* t = state.find_tag(evidence.event)) return waste_where(session, t->waste, t->step);
            if (const Reading* r = state.find_reading(evidence.event)) return reading_words(session, state, *r);
            if (const Note* n = state.find_note(evidence.event)) return shortened(n->text, 60);
            if (const QueueCount* c = find_count(state, evidence.event))
                return queue_name(session, c->queue) + ": " + std::to_string(c->count) + " waiting";
            return "A problem";
        case EvidenceKind::step: return step_name(session, evidence.step);
        case EvidenceKind::waste:
            return (evidence.step == kNoStep ? std::string(display_name(evidence.waste))
                                             : waste_where(session, evidence.waste, evidence.step)) +
                   " — " + tag_count_text(waste_tag_count(state, evidence.waste, evidence.step));
    }
    return "A problem";
}

}  // namespace gemba
