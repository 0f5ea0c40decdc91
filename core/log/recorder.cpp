#include "core/log/recorder.hpp"

#include "core/model/event_fields.hpp"

#include <algorithm>
#include <stdexcept>

namespace gemba {
namespace {

TapResult refused(std::string message) {
    TapResult result;
    result.message = std::move(message);
    return result;
}

std::string_view control_name(Control control) {
    switch (control) {
        case Control::next_step: return "next step";
        case Control::stop_step: return "stop step";
        case Control::step_toggle: return "step timer";
        case Control::new_cycle: return "new cycle";
        case Control::waste: return "waste";
        case Control::timed_waste: return "timed waste";
        case Control::pause: return "pause";
        case Control::undo: return "undo";
        case Control::redo: return "redo";
    }
    return "control";
}

// An edit of an earlier event (a reading, tag or note).
Event edit_of(EventKind kind, EventId target) {
    Event event;
    event.kind = kind;
    event.target = target;
    return event;
}

}  // namespace

Recorder::Recorder(Session& session, const Clock& clock) : session_(session), clock_(clock) {
    std::optional<LogError> error;
    state_ = LogState::replay(session_, &error);
    if (error)
        throw std::invalid_argument("event " + std::to_string(error->event_id) + ": " + error->message);
    restart_clock();
}

Recorder::Recorder(Session& session, const Clock& clock, LogState replayed)
    : session_(session), clock_(clock), state_(std::move(replayed)) {
    const EventId last = session_.events.empty() ? kNoEvent : session_.events.back().id;
    if (state_.last_event() != last)
        throw std::invalid_argument("the replayed state ends at event " + std::to_string(state_.last_event()) +
                                    ", the log at event " + std::to_string(last));
    restart_clock();
}

void Recorder::restart_clock() {
    clock_origin_ms_ = clock_.now_ms();
    time_offset_ms_ = session_.events.empty() ? 0 : session_.events.back().t_ms;
    clock_held_ = false;
    last_tap_ms_.clear();
}

void Recorder::hold_clock() {
    time_offset_ms_ = session_.events.empty() ? 0 : session_.events.back().t_ms;
    clock_held_ = true;
}

void Recorder::release_clock(std::int64_t from_ms) {
    clock_origin_ms_ = from_ms;
    time_offset_ms_ = session_.events.empty() ? 0 : session_.events.back().t_ms;
    clock_held_ = false;
}

std::int64_t Recorder::now_ms() const {
    if (session_.study == StudyKind::work_sampling) {
        const std::int64_t last_t = session_.events.empty() ? 0 : session_.events.back().t_ms;
        return std::max((sampling_clock_ ? *sampling_clock_ : clock_).now_ms(), last_t);
    }
    return clock_held_ ? time_offset_ms_ : time_offset_ms_ + (clock_.now_ms() - clock_origin_ms_);
}

TapResult Recorder::append(Event event) {
    event.id = session_.next_event_id();
    // Never behind the log, even if the clock were: durations must not go negative.
    const std::int64_t last_t = session_.events.empty() ? 0 : session_.events.back().t_ms;
    event.t_ms = std::max(now_ms(), last_t);
    if (auto problem = state_.apply(session_, event)) return refused(*problem);
    session_.events.push_back(std::move(event));
    TapResult result;
    result.recorded = true;
    result.event = session_.events.back().id;
    return result;
}

std::optional<TapResult> Recorder::debounce(Control control, std::int64_t param, std::int64_t now) {
    auto it = last_tap_ms_.find({control, param});
    if (it == last_tap_ms_.end() || now - it->second >= session_.settings.debounce_ms) return std::nullopt;
    TapResult result;
    result.debounced = true;
    result.message = "second tap on " + std::string(control_name(control)) + " after " +
                     std::to_string(now - it->second) + " ms ignored (debounce " +
                     std::to_string(session_.settings.debounce_ms) + " ms)";
    return result;
}

void Recorder::accept(Control control, std::int64_t param, std::int64_t now) {
    last_tap_ms_[{control, param}] = now;
}

TapResult Recorder::tap(Control control, std::int64_t param, Event event) {
    // Taps of a finger: on the clock, which moves while session time is held.
    const std::int64_t now = clock_.now_ms();
    if (auto ignored = debounce(control, param, now)) return *ignored;
    TapResult result = append(std::move(event));
    if (result.recorded) accept(control, param, now);
    return result;
}

std::optional<StepId> Recorder::running_step() const {
    const auto running = state_.running_readings();
    if (running.empty()) return std::nullopt;
    return running.back()->step;
}

std::optional<std::pair<StepId, bool>> Recorder::upcoming_step() const {
    const auto& steps = session_.steps;
    if (steps.empty()) return std::nullopt;
    // The step after the latest tapped one (running or not), in plan order. The latest tap, not
    // the latest start time: edits move times (set_start, set_end then split) but not the sequence.
    // Readings are in log order, and a tapped reading has the id of its step_start or lap event.
    const Reading* latest = nullptr;
    const auto& readings = state_.readings();
    for (auto r = readings.rbegin(); r != readings.rend() && !latest; ++r) {
        if (r->manual) continue;
        const auto event = std::lower_bound(session_.events.begin(), session_.events.end(), r->id,
                                            [](const Event& e, EventId id) { return e.id < id; });
        if (event != session_.events.end() && event->id == r->id &&
            (event->kind == EventKind::step_start || event->kind == EventKind::lap))
            latest = &*r;
    }
    if (!latest) return std::pair{steps.front().id, false};
    auto it = std::find_if(steps.begin(), steps.end(), [&](const Step& s) { return s.id == latest->step; });
    if (it == steps.end() || std::next(it) == steps.end()) return std::pair{steps.front().id, true};
    return std::pair{std::next(it)->id, false};
}

TapResult Recorder::next_step() {
    if (session_.settings.timing_mode != TimingMode::lap)
        return refused("next step is for lap timing; use each step's own timer");
    const auto upcoming = upcoming_step();
    if (!upcoming) return refused("the session has no steps to time");
    Event event;
    event.step = upcoming->first;
    event.new_cycle = upcoming->second;
    if (const auto running = running_step()) {
        event.kind = EventKind::lap;
        event.set_ended_step(*running);
    } else {
        event.kind = EventKind::step_start;
    }
    return tap(Control::next_step, 0, std::move(event));
}

TapResult Recorder::stop_step() {
    const auto running = running_step();
    if (!running) return refused("no step is running");
    Event event;
    event.kind = EventKind::step_end;
    event.step = *running;
    return tap(Control::stop_step, 0, std::move(event));
}

TapResult Recorder::toggle_step(StepId step) {
    if (session_.settings.timing_mode != TimingMode::independent)
        return refused("step timers are for independent timing; in lap timing use next step");
    Event event;
    event.kind = state_.running_reading_of(step) ? EventKind::step_end : EventKind::step_start;
    event.step = step;
    return tap(Control::step_toggle, step, std::move(event));
}

TapResult Recorder::new_cycle() {
    // In lap timing the cycle is marked by the lap after the last step; a mark in the middle would
    // put the rest of the cycle's steps in a cycle of their own.
    if (session_.settings.timing_mode != TimingMode::independent)
        return refused("new cycle is for independent timing; in lap timing the step after the last one "
                       "begins a new cycle");
    Event event;
    event.kind = EventKind::cycle;
    return tap(Control::new_cycle, 0, std::move(event));
}

TapResult Recorder::tag_waste(Waste waste, std::string note) {
    Event event;
    event.kind = EventKind::waste_tag;
    event.waste = waste;
    event.step = running_step().value_or(kNoStep);
    event.text = std::move(note);
    return tap(Control::waste, static_cast<std::int64_t>(waste), std::move(event));
}

const WasteTag* Recorder::running_timed_waste(Waste waste) const {
    const auto& tags = state_.tags();
    for (auto it = tags.rbegin(); it != tags.rend(); ++it)
        if (it->waste == waste && it->running()) return &*it;
    return nullptr;
}

TapResult Recorder::toggle_timed_waste(Waste waste, std::string note) {
    Event event;
    if (const WasteTag* running = running_timed_waste(waste)) {
        event.kind = EventKind::waste_end;
        event.target = running->id;
    } else {
        event.kind = EventKind::waste_start;
        event.waste = waste;
        event.step = running_step().value_or(kNoStep);
        event.text = std::move(note);
    }
    return tap(Control::timed_waste, static_cast<std::int64_t>(waste), std::move(event));
}

TapResult Recorder::toggle_pause() {
    Event event;
    event.kind = state_.paused() ? EventKind::resume : EventKind::pause;
    return tap(Control::pause, 0, std::move(event));
}

TapResult Recorder::stop_for_end() {
    Event event;
    if (state_.paused()) {
        event.kind = EventKind::resume;
    } else if (const auto running = state_.running_readings(); !running.empty()) {
        event.kind = EventKind::step_end;
        event.step = running.back()->step;
    } else {
        const auto& tags = state_.tags();
        const auto tag = std::find_if(tags.rbegin(), tags.rend(), [](const WasteTag& t) { return t.running() && !t.removed; });
        if (tag == tags.rend()) return refused("nothing runs");
        event.kind = EventKind::waste_end;
        event.target = tag->id;
    }
    return append(std::move(event));
}

TapResult Recorder::undo() {
    if (!can_undo()) return refused("nothing to undo");
    Event event;
    event.kind = EventKind::undo;
    event.target = state_.undo_target();
    return tap(Control::undo, 0, std::move(event));
}

TapResult Recorder::redo() {
    if (!can_redo()) return refused("nothing to redo");
    Event event;
    event.kind = EventKind::redo;
    event.target = state_.redo_target();
    return tap(Control::redo, 0, std::move(event));
}

TapResult Recorder::undo_rest_of_group() {
    if (!can_undo()) return refused("nothing to undo");
    Event event;
    event.kind = EventKind::undo;
    event.target = state_.undo_target();
    return append(std::move(event));
}

TapResult Recorder::redo_rest_of_group() {
    if (!can_redo()) return refused("nothing to redo");
    Event event;
    event.kind = EventKind::redo;
    event.target = state_.redo_target();
    return append(std::move(event));
}

TapResult Recorder::count_queue(QueueId queue, std::int64_t count) {
    const Queue* counted = session_.find_queue(queue);
    if (!counted) return refused("the plan has no queue " + std::to_string(queue));
    if (count < 0) return refused("“" + counted->name + "” cannot hold fewer than 0");
    if (count > kMaxQueueCount)
        return refused("“" + counted->name + "” cannot hold more than " + std::to_string(kMaxQueueCount));
    Event event;
    event.kind = EventKind::queue_count;
    event.set_queue(queue);
    event.set_count(count);
    return append(std::move(event));
}

TapResult Recorder::count_queue_by(QueueId queue, std::int64_t delta) {
    // Clamped to one past either bound first: any delta is refused with its bound, never overflows.
    const std::int64_t last = state_.last_count(queue).value_or(0);
    return count_queue(queue, last + std::clamp(delta, -last - 1, kMaxQueueCount - last + 1));
}

std::int64_t Recorder::current_round() const {
    const std::vector<std::int64_t>* rounds =
        session_.sampling.schedule ? &session_.sampling.schedule->rounds : nullptr;
    if (!rounds) return kNoRound;
    const std::int64_t now = now_ms();
    const auto after = std::upper_bound(rounds->begin(), rounds->end(), now);
    return static_cast<std::int64_t>(after - rounds->begin());
}

TapResult Recorder::observe(SubjectId subject, CategoryId category) {
    const std::int64_t round = current_round();
    if (round == kNoRound) return refused("no round has come yet");
    Event event;
    event.kind = EventKind::observation;
    event.set_round(round);
    event.set_subject(subject);
    event.set_category(category);
    return append(std::move(event));
}

TapResult Recorder::skip_round(std::string reason) {
    const std::int64_t round = current_round();
    if (round == kNoRound) return refused("no round has come yet");
    Event event;
    event.kind = EventKind::round_skip;
    event.set_round(round);
    event.text = std::move(reason);
    return append(std::move(event));
}

TapResult Recorder::add_note(std::string text, EventId target) {
    if (text.empty()) return refused("the note is empty");
    Event event;
    event.kind = EventKind::note;
    event.text = std::move(text);
    event.target = target;
    return append(std::move(event));
}

TapResult Recorder::exclude(EventId reading, std::string reason) {
    Event event = edit_of(EventKind::exclude, reading);
    event.text = std::move(reason);
    return append(std::move(event));
}

TapResult Recorder::include(EventId reading) {
    return append(edit_of(EventKind::include, reading));
}

TapResult Recorder::set_start(EventId reading, std::int64_t start_ms) {
    Event event = edit_of(EventKind::set_start, reading);
    event.set_start_ms(start_ms);
    return append(std::move(event));
}

TapResult Recorder::set_end(EventId reading, std::int64_t end_ms) {
    Event event = edit_of(EventKind::set_end, reading);
    event.set_end_ms(end_ms);
    return append(std::move(event));
}

TapResult Recorder::split(EventId reading, std::int64_t at_ms) {
    Event event = edit_of(EventKind::split, reading);
    event.set_at_ms(at_ms);
    return append(std::move(event));
}

TapResult Recorder::insert_reading(StepId step, std::int64_t cycle, std::int64_t start_ms,
                                   std::int64_t end_ms) {
    Event event;
    event.kind = EventKind::insert_reading;
    event.step = step;
    event.set_cycle(cycle);
    event.set_start_ms(start_ms);
    event.set_end_ms(end_ms);
    return append(std::move(event));
}

TapResult Recorder::remove(EventId item) {
    return append(edit_of(EventKind::remove, item));
}

TapResult Recorder::restore(EventId item) {
    return append(edit_of(EventKind::restore, item));
}

TapResult Recorder::retag(EventId tag, Waste waste, StepId step) {
    Event event = edit_of(EventKind::retag, tag);
    event.waste = waste;
    event.step = step;
    return append(std::move(event));
}

TapResult Recorder::edit_note(EventId note_or_tag, std::string text) {
    Event event = edit_of(EventKind::edit_note, note_or_tag);
    event.text = std::move(text);
    return append(std::move(event));
}

}  // namespace gemba
