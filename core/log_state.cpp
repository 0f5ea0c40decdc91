#include "core/log_state.hpp"

#include <algorithm>
#include <cstdio>

namespace gemba {
namespace {


bool is_walk_tap(EventKind kind) {
    switch (kind) {
        case EventKind::step_start:
        case EventKind::step_end:
        case EventKind::lap:
        case EventKind::cycle:
        case EventKind::waste_tag:
        case EventKind::waste_start:
        case EventKind::waste_end:
        case EventKind::pause:
        case EventKind::resume: return true;
        default: return false;
    }
}

std::string step_text(StepId step) { return "step " + std::to_string(step); }

}  // namespace

std::string seconds_text(std::int64_t ms) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%lld.%03lld s", ms < 0 ? "-" : "",
                  static_cast<long long>(std::llabs(ms) / 1000),
                  static_cast<long long>(std::llabs(ms) % 1000));
    return buffer;
}

LogState LogState::replay(const Session& session, std::optional<LogError>* error) {
    // Event by event, exactly as the Recorder applied them: an event is checked against the state
    // of the log before it, so an event no walk could record is refused even if a later undo
    // takes it back, and the first broken rule is the one reported.
    LogState state;
    for (std::size_t i = 0; i < session.events.size(); ++i) {
        const Event& event = session.events[i];
        if (auto problem = state.apply_next(session, i, event)) {
            if (error) *error = LogError{i, event.id, *problem};
            return state;
        }
    }
    if (error) error->reset();
    return state;
}

std::optional<std::string> LogState::apply(const Session& session, const Event& event) {
    return apply_next(session, session.events.size(), event);
}

std::optional<std::string> LogState::apply_next(const Session& session, std::size_t index, const Event& event) {
    // A refused event leaves the state as it was: every check comes before any change.
    const EventId previous_id = last_id_;
    const std::int64_t previous_t = last_t_ms_, previous_walk = last_walk_ms_;
    if (auto problem = record_order(event)) return problem;
    std::optional<std::string> problem;
    if (event.kind == EventKind::undo || event.kind == EventKind::redo) {
        problem = apply_undo_redo(session, index, event);
    } else {
        problem = apply_action(session, event);
        if (!problem) {
            undo_stack_.push_back(event.id);
            redo_stack_.clear();
        }
    }
    if (problem) {
        kind_of_.erase(event.id);
        last_id_ = previous_id;
        last_t_ms_ = previous_t;
        last_walk_ms_ = previous_walk;
    }
    return problem;
}

std::optional<std::string> LogState::apply_action(const Session& session, const Event& e) {
    // What the action may change, as it is now, so that an undo can put it back. Undo and redo
    // follow a stack, so an action is only ever taken back on the state it was applied to.
    Change change;
    change.readings = readings_.size();
    change.tags = tags_.size();
    change.notes = notes_.size();
    change.pauses = pauses_.size();
    change.cycle = current_cycle_;
    const Reading* touched = e.kind == EventKind::step_end ? running_reading_of(e.step)
                             : e.kind == EventKind::lap    ? running_reading_of(e.ended_step)
                                                           : find_reading(e.target);
    if (touched) change.reading.emplace(static_cast<std::size_t>(touched - readings_.data()), *touched);
    if (const WasteTag* t = find_tag(e.target)) change.tag.emplace(static_cast<std::size_t>(t - tags_.data()), *t);
    if (const Note* n = find_note(e.target)) change.note.emplace(static_cast<std::size_t>(n - notes_.data()), *n);
    if (!pauses_.empty()) change.last_pause = pauses_.back();
    if (auto problem = apply_effect(session, e)) return problem;
    changes_.push_back(std::move(change));
    return std::nullopt;
}

void LogState::take_back(const Change& c) {
    // First what the action added, then what it changed.
    while (readings_.size() > c.readings) {
        const Reading& r = readings_.back();
        auto running = running_index_.find(r.step);
        if (running != running_index_.end() && running->second == readings_.size() - 1) running_index_.erase(running);
        reading_index_.erase(r.id);
        readings_.pop_back();
    }
    while (tags_.size() > c.tags) {
        tag_index_.erase(tags_.back().id);
        tags_.pop_back();
    }
    while (notes_.size() > c.notes) {
        note_index_.erase(notes_.back().id);
        notes_.pop_back();
    }
    pauses_.resize(c.pauses);
    if (c.reading) {
        const auto& [index, before] = *c.reading;
        auto running = running_index_.find(readings_[index].step);
        if (running != running_index_.end() && running->second == index) running_index_.erase(running);
        readings_[index] = before;
        if (before.running()) running_index_[before.step] = index;
    }
    if (c.tag) tags_[c.tag->first] = c.tag->second;
    if (c.note) notes_[c.note->first] = c.note->second;
    if (c.last_pause && !pauses_.empty()) pauses_.back() = *c.last_pause;
    current_cycle_ = c.cycle;
}

std::optional<std::string> LogState::record_order(const Event& event) {
    if (event.id <= 0) return "event id must be positive";
    if (event.id <= last_id_)
        return "event id " + std::to_string(event.id) + " is not above the previous id " +
               std::to_string(last_id_);
    if (event.t_ms < 0 || event.t_ms > kMaxTimeMs) return "time t_ms is out of range";
    if (event.t_ms < last_t_ms_)
        return "time " + seconds_text(event.t_ms) + " is before the previous event's " +
               seconds_text(last_t_ms_);
    last_id_ = event.id;
    last_t_ms_ = event.t_ms;
    kind_of_[event.id] = event.kind;
    if (is_walk_tap(event.kind)) last_walk_ms_ = event.t_ms;
    return std::nullopt;
}

std::optional<std::string> LogState::apply_undo_redo(const Session& session, std::size_t index,
                                                      const Event& event) {
    if (event.kind == EventKind::undo) {
        if (undo_stack_.empty()) return "undo with nothing left to undo";
        if (event.target != undo_stack_.back())
            return "undo of event " + std::to_string(event.target) +
                   ", but the latest action that can be undone is event " +
                   std::to_string(undo_stack_.back());
        take_back(changes_.back());
        changes_.pop_back();
        undo_stack_.pop_back();
        redo_stack_.push_back(event.target);
        undone_[event.target] = true;
        return std::nullopt;
    }
    if (redo_stack_.empty()) return "redo with nothing to redo";
    if (event.target != redo_stack_.back())
        return "redo of event " + std::to_string(event.target) +
               ", but the latest undone action is event " + std::to_string(redo_stack_.back());
    // The undone event, earlier in the log (ids increase along it).
    const auto begin = session.events.begin();
    const auto end = begin + static_cast<std::ptrdiff_t>(std::min(index, session.events.size()));
    const auto it = std::lower_bound(begin, end, event.target,
                                     [](const Event& e, EventId id) { return e.id < id; });
    if (it == end || it->id != event.target)
        return "redo of event " + std::to_string(event.target) + ", which is not in the log";
    // It fits: the state is again the one it was first applied to.
    if (auto problem = apply_action(session, *it))
        return "redo of event " + std::to_string(event.target) + ", which no longer fits: " + *problem;
    redo_stack_.pop_back();
    undo_stack_.push_back(event.target);
    undone_.erase(event.target);
    return std::nullopt;
}

bool LogState::is_undone(EventId id) const { return undone_.count(id) != 0; }

Reading* LogState::reading(EventId id) {
    auto it = reading_index_.find(id);
    return it == reading_index_.end() ? nullptr : &readings_[it->second];
}
WasteTag* LogState::tag(EventId id) {
    auto it = tag_index_.find(id);
    return it == tag_index_.end() ? nullptr : &tags_[it->second];
}
Note* LogState::note(EventId id) {
    auto it = note_index_.find(id);
    return it == note_index_.end() ? nullptr : &notes_[it->second];
}
const Reading* LogState::find_reading(EventId id) const { return const_cast<LogState*>(this)->reading(id); }
const WasteTag* LogState::find_tag(EventId id) const { return const_cast<LogState*>(this)->tag(id); }
const Note* LogState::find_note(EventId id) const { return const_cast<LogState*>(this)->note(id); }

std::vector<const Reading*> LogState::running_readings() const {
    std::vector<std::size_t> indices;
    for (const auto& [step, index] : running_index_) indices.push_back(index);
    std::sort(indices.begin(), indices.end());  // log order, for ties in start time
    std::vector<const Reading*> running;
    for (std::size_t index : indices) running.push_back(&readings_[index]);
    std::stable_sort(running.begin(), running.end(),
                     [](const Reading* a, const Reading* b) { return a->start_ms < b->start_ms; });
    return running;
}

const Reading* LogState::running_reading_of(StepId step) const {
    // At most one reading of a step runs: a step starts only when it does not run.
    auto it = running_index_.find(step);
    return it == running_index_.end() ? nullptr : &readings_[it->second];
}

std::int64_t LogState::paused_ms_between(std::int64_t from_ms, std::int64_t to_ms) const {
    std::int64_t total = 0;
    for (const PauseInterval& p : pauses_) {
        const std::int64_t start = std::max(p.start_ms, from_ms);
        const std::int64_t end = std::min(p.end_ms.value_or(to_ms), to_ms);
        if (end > start) total += end - start;
    }
    return total;
}

std::int64_t LogState::duration_ms(const Reading& r, std::int64_t now_ms) const {
    const std::int64_t end = r.end_ms.value_or(std::max(now_ms, r.start_ms));
    return end - r.start_ms - paused_ms_between(r.start_ms, end);
}

std::int64_t LogState::duration_ms(const WasteTag& t, std::int64_t now_ms) const {
    if (!t.timed) return 0;
    const std::int64_t end = t.end_ms.value_or(std::max(now_ms, t.start_ms));
    return end - t.start_ms - paused_ms_between(t.start_ms, end);
}

// The rules of each kind. Checks come first; the state changes only once the event fits.
std::optional<std::string> LogState::apply_effect(const Session& session, const Event& e) {
    const auto check_step = [&](StepId step) -> std::optional<std::string> {
        if (!session.find_step(step)) return "unknown step id " + std::to_string(step);
        return std::nullopt;
    };
    const auto check_optional_step = [&](StepId step) -> std::optional<std::string> {
        if (step != kNoStep) return check_step(step);
        return std::nullopt;
    };
    const auto walk_allowed = [&]() -> std::optional<std::string> {
        if (paused()) return std::string("the walk is paused");
        return std::nullopt;
    };
    const auto start_reading = [&](StepId step, std::int64_t start, EventId id, bool manual,
                                   std::int64_t cycle) -> Reading& {
        reading_index_[id] = readings_.size();
        Reading r;
        r.id = id;
        r.step = step;
        r.cycle = cycle;
        r.start_ms = start;
        r.manual = manual;
        readings_.push_back(r);
        return readings_.back();
    };
    const auto target_reading = [&](bool must_be_complete) -> std::pair<Reading*, std::optional<std::string>> {
        Reading* r = reading(e.target);
        if (!r) return {nullptr, "event " + std::to_string(e.target) + " is not a reading"};
        if (r->removed)
            return {nullptr, "reading " + std::to_string(e.target) + " is deleted; restore it first"};
        if (must_be_complete && r->running())
            return {nullptr, "reading " + std::to_string(e.target) + " is still running"};
        return {r, std::nullopt};
    };
    const auto check_time = [&](std::int64_t ms, const char* what) -> std::optional<std::string> {
        if (ms < 0 || ms > kMaxTimeMs) return std::string(what) + " is out of range";
        if (ms > e.t_ms)
            return std::string(what) + " " + seconds_text(ms) + " is after the edit itself (" +
                   seconds_text(e.t_ms) + ")";
        return std::nullopt;
    };

    switch (e.kind) {
        case EventKind::step_start: {
            if (auto p = walk_allowed()) return p;
            if (auto p = check_step(e.step)) return p;
            if (running_reading_of(e.step)) return step_text(e.step) + " is already running";
            if (e.new_cycle) ++current_cycle_;
            start_reading(e.step, e.t_ms, e.id, false, current_cycle_);
            running_index_[e.step] = readings_.size() - 1;
            return std::nullopt;
        }
        case EventKind::step_end: {
            if (auto p = walk_allowed()) return p;
            if (auto p = check_step(e.step)) return p;
            const Reading* running = running_reading_of(e.step);
            if (!running) return step_text(e.step) + " is not running";
            reading(running->id)->end_ms = e.t_ms;
            running_index_.erase(e.step);
            return std::nullopt;
        }
        case EventKind::lap: {
            if (auto p = walk_allowed()) return p;
            if (auto p = check_step(e.ended_step)) return p;
            if (auto p = check_step(e.step)) return p;
            const Reading* running = running_reading_of(e.ended_step);
            if (!running) return "lap ends " + step_text(e.ended_step) + ", which is not running";
            if (e.step != e.ended_step && running_reading_of(e.step))
                return "lap starts " + step_text(e.step) + ", which is already running";
            reading(running->id)->end_ms = e.t_ms;
            running_index_.erase(e.ended_step);
            if (e.new_cycle) ++current_cycle_;
            start_reading(e.step, e.t_ms, e.id, false, current_cycle_);
            running_index_[e.step] = readings_.size() - 1;
            return std::nullopt;
        }
        case EventKind::cycle: {
            if (auto p = walk_allowed()) return p;
            ++current_cycle_;
            return std::nullopt;
        }
        case EventKind::waste_tag:
        case EventKind::waste_start: {
            if (auto p = walk_allowed()) return p;
            if (auto p = check_optional_step(e.step)) return p;
            tag_index_[e.id] = tags_.size();
            WasteTag t;
            t.id = e.id;
            t.waste = e.waste;
            t.step = e.step;
            t.note = e.text;
            t.start_ms = e.t_ms;
            t.timed = e.kind == EventKind::waste_start;
            tags_.push_back(t);
            return std::nullopt;
        }
        case EventKind::waste_end: {
            WasteTag* t = tag(e.target);
            if (!t || !t->timed) return "event " + std::to_string(e.target) + " is not a timed waste";
            if (!t->running()) return "timed waste " + std::to_string(e.target) + " has already ended";
            t->end_ms = e.t_ms;
            return std::nullopt;
        }
        case EventKind::note: {
            if (e.target != kNoEvent && (e.target >= e.id || !kind_of_.count(e.target)))
                return "note on event " + std::to_string(e.target) + ", which is not an earlier event";
            note_index_[e.id] = notes_.size();
            notes_.push_back(Note{e.id, e.t_ms, e.target, e.text, false});
            return std::nullopt;
        }
        case EventKind::pause: {
            if (paused()) return std::string("the walk is already paused");
            pauses_.push_back(PauseInterval{e.t_ms, std::nullopt});
            return std::nullopt;
        }
        case EventKind::resume: {
            if (!paused()) return std::string("resume while the walk is not paused");
            pauses_.back().end_ms = e.t_ms;
            return std::nullopt;
        }
        case EventKind::exclude: {
            auto [r, p] = target_reading(false);
            if (p) return p;
            if (e.text.empty()) return std::string("excluding a reading needs a reason");
            if (r->excluded) return "reading " + std::to_string(e.target) + " is already excluded";
            r->excluded = true;
            r->exclude_reason = e.text;
            return std::nullopt;
        }
        case EventKind::include: {
            auto [r, p] = target_reading(false);
            if (p) return p;
            if (!r->excluded) return "reading " + std::to_string(e.target) + " is not excluded";
            r->excluded = false;
            r->exclude_reason.clear();
            return std::nullopt;
        }
        case EventKind::set_start: {
            auto [r, p] = target_reading(false);
            if (p) return p;
            if (auto q = check_time(e.start_ms, "start")) return q;
            if (r->end_ms && e.start_ms > *r->end_ms)
                return "reading " + std::to_string(e.target) + " would start at " +
                       seconds_text(e.start_ms) + ", after it ends at " + seconds_text(*r->end_ms);
            r->start_ms = e.start_ms;
            return std::nullopt;
        }
        case EventKind::set_end: {
            auto [r, p] = target_reading(true);
            if (p) return p;
            if (auto q = check_time(e.end_ms, "end")) return q;
            if (e.end_ms < r->start_ms)
                return "reading " + std::to_string(e.target) + " would end at " +
                       seconds_text(e.end_ms) + ", before it starts at " + seconds_text(r->start_ms);
            r->end_ms = e.end_ms;
            return std::nullopt;
        }
        case EventKind::split: {
            auto [r, p] = target_reading(true);
            if (p) return p;
            if (e.at_ms <= r->start_ms || e.at_ms >= *r->end_ms)
                return "split at " + seconds_text(e.at_ms) + " is not inside reading " +
                       std::to_string(e.target) + " (" + seconds_text(r->start_ms) + " to " +
                       seconds_text(*r->end_ms) + ")";
            const Reading original = *r;
            reading(original.id)->end_ms = e.at_ms;
            Reading& second = start_reading(original.step, e.at_ms, e.id, original.manual, original.cycle);
            second.end_ms = original.end_ms;
            second.excluded = original.excluded;
            second.exclude_reason = original.exclude_reason;
            return std::nullopt;
        }
        case EventKind::insert_reading: {
            if (auto p = check_step(e.step)) return p;
            if (e.cycle < 1 || e.cycle > kMaxCycle)
                return "cycle must be from 1 to " + std::to_string(kMaxCycle);
            if (auto p = check_time(e.start_ms, "start")) return p;
            if (auto p = check_time(e.end_ms, "end")) return p;
            if (e.end_ms < e.start_ms)
                return "inserted reading ends at " + seconds_text(e.end_ms) + ", before it starts at " +
                       seconds_text(e.start_ms);
            Reading& r = start_reading(e.step, e.start_ms, e.id, true, e.cycle);
            r.end_ms = e.end_ms;
            return std::nullopt;
        }
        case EventKind::remove:
        case EventKind::restore: {
            const bool removing = e.kind == EventKind::remove;
            bool* removed_flag = nullptr;
            bool still_running = false;
            if (Reading* r = reading(e.target)) {
                removed_flag = &r->removed;
                still_running = r->running();
            } else if (WasteTag* t = tag(e.target)) {
                removed_flag = &t->removed;
                still_running = t->running();
            } else if (Note* n = note(e.target)) {
                removed_flag = &n->removed;
            } else {
                return "event " + std::to_string(e.target) + " is not a reading, waste tag or note";
            }
            if (removing && still_running)
                return "event " + std::to_string(e.target) + " is still running; end it first";
            if (*removed_flag == removing)
                return "event " + std::to_string(e.target) + (removing ? " is already deleted" : " is not deleted");
            *removed_flag = removing;
            return std::nullopt;
        }
        case EventKind::retag: {
            WasteTag* t = tag(e.target);
            if (!t) return "event " + std::to_string(e.target) + " is not a waste tag";
            if (t->removed) return "waste tag " + std::to_string(e.target) + " is deleted; restore it first";
            if (auto p = check_optional_step(e.step)) return p;
            t->waste = e.waste;
            t->step = e.step;
            return std::nullopt;
        }
        case EventKind::edit_note: {
            if (Note* n = note(e.target)) {
                n->text = e.text;
                return std::nullopt;
            }
            if (WasteTag* t = tag(e.target)) {
                t->note = e.text;
                return std::nullopt;
            }
            return "event " + std::to_string(e.target) + " is not a note or waste tag";
        }
        case EventKind::undo:
        case EventKind::redo: break;
    }
    return "event kind " + std::string(to_string(e.kind)) + " cannot be applied here";
}

}  // namespace gemba
