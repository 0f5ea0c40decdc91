#include "core/log/log_state.hpp"

#include <algorithm>
#include <cstdio>

namespace gemba {
namespace {

std::string step_text(StepId step) { return "step " + std::to_string(step); }

}  // namespace

std::string seconds_text(std::int64_t ms) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%lld.%03lld s", ms < 0 ? "-" : "",
                  static_cast<long long>(std::llabs(ms) / 1000),
                  static_cast<long long>(std::llabs(ms) % 1000));
    return buffer;
}

TimeSpan gap_after(const LogState& state, const Reading* after, std::int64_t now_ms) {
    TimeSpan gap;
    if (after && after->end_ms) {
        gap.start_ms = *after->end_ms;
    } else {
        for (const Reading& r : state.readings())
            if (!r.removed && r.end_ms) gap.start_ms = std::max(gap.start_ms, *r.end_ms);
    }
    gap.end_ms = std::max(now_ms, gap.start_ms);
    for (const Reading& r : state.readings())
        if (!r.removed && &r != after && r.start_ms >= gap.start_ms) gap.end_ms = std::min(gap.end_ms, r.start_ms);
    return gap;
}

LogState LogState::replay(const Session& session, std::optional<LogError>* error) {
    // Event by event, exactly as the Recorder applied them: an event is checked against the state
    // of the log before it, so an event no walk could record is refused even if a later undo
    // takes it back, and the first broken rule is the one reported.
    LogState state;
    // Nearly every event is an action that stays on the undo stack, and most make a reading.
    // Capacity costs memory only where it is used, so the bound is cheap even when loose.
    state.undo_stack_.reserve(session.events.size());
    state.changes_.reserve(session.events.size());
    state.readings_.reserve(session.events.size());
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
        last_id_ = previous_id;
        last_t_ms_ = previous_t;
        last_walk_ms_ = previous_walk;
        return problem;
    }
    accept(event.id);
    return std::nullopt;
}

std::optional<std::string> LogState::apply_action(const Session& session, const Event& e) {
    // What the action may change, as it is now, so that an undo can put it back. Undo and redo
    // follow a stack, so an action is only ever taken back on the state it was applied to.
    Change change;
    const std::int64_t cycle = current_cycle_;
    const std::size_t readings = readings_.size(), tags = tags_.size(), notes = notes_.size(),
                      pauses = pauses_.size(), counts = queue_counts_.size(),
                      round_marks = observations_.size() + skipped_rounds_.size();
    const auto touch = [&](Change::Touched touched, std::size_t index) {
        if (index == kNotFound) return;
        change.touched = touched;
        change.index = index;
    };
    switch (e.kind) {
        case EventKind::step_end: touch(Change::Touched::reading_end, running_index(e.step)); break;
        case EventKind::lap: touch(Change::Touched::reading_end, running_index(e.ended_step())); break;
        case EventKind::waste_end: touch(Change::Touched::tag_end, tag_index(e.target)); break;
        case EventKind::resume: touch(Change::Touched::pause_end, pauses_.empty() ? kNotFound : pauses_.size() - 1); break;
        case EventKind::exclude:
        case EventKind::include:
        case EventKind::set_start:
        case EventKind::set_end:
        case EventKind::split:
        case EventKind::remove:
        case EventKind::restore:
        case EventKind::retag:
        case EventKind::edit_note:
            // An id names one item at most: the event that created it.
            touch(Change::Touched::reading, reading_index(e.target));
            touch(Change::Touched::tag, tag_index(e.target));
            touch(Change::Touched::note, note_index(e.target));
            break;
        default: break;
    }
    // Edits are rare: copying the item whole costs little and covers every field they change.
    if (change.touched == Change::Touched::reading) reading_before_.push_back(readings_[change.index]);
    if (change.touched == Change::Touched::tag) tag_before_.push_back(tags_[change.index]);
    if (change.touched == Change::Touched::note) note_before_.push_back(notes_[change.index]);
    if (auto problem = apply_effect(session, e)) {
        if (change.touched == Change::Touched::reading) reading_before_.pop_back();
        if (change.touched == Change::Touched::tag) tag_before_.pop_back();
        if (change.touched == Change::Touched::note) note_before_.pop_back();
        return problem;
    }
    change.added_reading = readings_.size() != readings;
    change.added_tag = tags_.size() != tags;
    change.added_note = notes_.size() != notes;
    change.added_pause = pauses_.size() != pauses;
    change.added_count = queue_counts_.size() != counts;
    change.added_round_mark = observations_.size() + skipped_rounds_.size() != round_marks;
    change.next_cycle = current_cycle_ != cycle;
    changes_.push_back(change);
    return std::nullopt;
}

void LogState::take_back(const Change& c) {
    // First what the action added, then what it changed.
    if (c.added_reading) {
        const Reading& r = readings_.back();
        if (running_index(r.step) == readings_.size() - 1) clear_running(r.step);
        readings_.pop_back();
    }
    if (c.added_tag) tags_.pop_back();
    if (c.added_note) notes_.pop_back();
    if (c.added_count) queue_counts_.pop_back();
    if (c.added_round_mark) {
        if (!skipped_rounds_.empty() && (observations_.empty() || skipped_rounds_.back().id > observations_.back().id)) {
            skipped_.erase(skipped_rounds_.back().round);
            skipped_rounds_.pop_back();
        } else {
            const Observation& o = observations_.back();
            observed_.erase({o.round, o.subject});
            if (--observations_in_round_[o.round] == 0) observations_in_round_.erase(o.round);
            observations_.pop_back();
        }
    }
    if (c.added_pause) {
        pauses_.pop_back();
        paused_before_.pop_back();
    }
    switch (c.touched) {
        case Change::Touched::nothing: break;
        case Change::Touched::reading_end: {
            Reading& r = readings_[c.index];
            r.end_ms.reset();
            set_running(r.step, c.index);
            break;
        }
        case Change::Touched::tag_end: tags_[c.index].end_ms.reset(); break;
        case Change::Touched::pause_end: pauses_[c.index].end_ms.reset(); break;
        case Change::Touched::reading: {
            Reading& r = readings_[c.index];
            if (running_index(r.step) == c.index) clear_running(r.step);
            r = std::move(reading_before_.back());
            reading_before_.pop_back();
            if (r.running()) set_running(r.step, c.index);
            break;
        }
        case Change::Touched::tag:
            tags_[c.index] = std::move(tag_before_.back());
            tag_before_.pop_back();
            break;
        case Change::Touched::note:
            notes_[c.index] = std::move(note_before_.back());
            note_before_.pop_back();
            break;
    }
    if (c.next_cycle) --current_cycle_;
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
        undone_.insert(event.target);
        if (const Event* undone = earlier_event(session, index, event.target); undone && is_walk_tap(undone->kind))
            last_walk_ms_ = latest_effective_walk_ms(session, index);
        return std::nullopt;
    }
    if (redo_stack_.empty()) return "redo with nothing to redo";
    if (event.target != redo_stack_.back())
        return "redo of event " + std::to_string(event.target) +
               ", but the latest undone action is event " + std::to_string(redo_stack_.back());
    const Event* redone = earlier_event(session, index, event.target);
    if (!redone) return "redo of event " + std::to_string(event.target) + ", which is not in the log";
    // It fits: the state is again the one it was first applied to.
    if (auto problem = apply_action(session, *redone))
        return "redo of event " + std::to_string(event.target) + ", which no longer fits: " + *problem;
    redo_stack_.pop_back();
    undo_stack_.push_back(event.target);
    undone_.erase(event.target);
    // The top of the undo stack: no effective event is later.
    if (is_walk_tap(redone->kind)) last_walk_ms_ = redone->t_ms;
    return std::nullopt;
}

const Event* LogState::earlier_event(const Session& session, std::size_t index, EventId id) {
    // Ids increase along the log.
    const auto begin = session.events.begin();
    const auto end = begin + static_cast<std::ptrdiff_t>(std::min(index, session.events.size()));
    const auto it = std::lower_bound(begin, end, id, [](const Event& e, EventId v) { return e.id < v; });
    return it == end || it->id != id ? nullptr : &*it;
}

std::int64_t LogState::latest_effective_walk_ms(const Session& session, std::size_t index) const {
    // The undo stack holds the effective actions in id order (undo and redo follow it as a stack),
    // so the first walk tap from its top is the latest one that still counts. Edits and notes on
    // top are few: the walk taps lie just below them.
    for (auto id = undo_stack_.rbegin(); id != undo_stack_.rend(); ++id)
        if (const Event* e = earlier_event(session, index, *id); e && is_walk_tap(e->kind)) return e->t_ms;
    return 0;
}

bool LogState::is_undone(EventId id) const { return undone_.count(id) != 0; }

bool LogState::accepted(EventId id) const {
    // The last run starting at or before id.
    auto run = std::upper_bound(accepted_runs_.begin(), accepted_runs_.end(), id,
                                [](EventId value, const std::pair<EventId, EventId>& r) { return value < r.first; });
    return run != accepted_runs_.begin() && id <= std::prev(run)->second;
}

void LogState::accept(EventId id) {
    // Ids only increase along the log.
    if (!accepted_runs_.empty() && accepted_runs_.back().second + 1 == id) accepted_runs_.back().second = id;
    else accepted_runs_.emplace_back(id, id);
}

namespace {

template <class Item>
std::size_t index_by_id(const std::vector<Item>& items, EventId id, std::size_t not_found) {
    auto it = std::lower_bound(items.begin(), items.end(), id, [](const Item& item, EventId v) { return item.id < v; });
    return it != items.end() && it->id == id ? static_cast<std::size_t>(it - items.begin()) : not_found;
}

}  // namespace

std::size_t LogState::reading_index(EventId id) const { return index_by_id(readings_, id, kNotFound); }
std::size_t LogState::tag_index(EventId id) const { return index_by_id(tags_, id, kNotFound); }
std::size_t LogState::note_index(EventId id) const { return index_by_id(notes_, id, kNotFound); }

std::size_t LogState::running_index(StepId step) const {
    for (const auto& entry : running_)
        if (entry.first == step) return entry.second;
    return kNotFound;
}

void LogState::set_running(StepId step, std::size_t index) {
    for (auto& entry : running_) {
        if (entry.first == step) {
            entry.second = index;
            return;
        }
    }
    running_.emplace_back(step, index);
}

void LogState::clear_running(StepId step) {
    auto it = std::find_if(running_.begin(), running_.end(), [step](const auto& entry) { return entry.first == step; });
    if (it == running_.end()) return;
    *it = running_.back();
    running_.pop_back();
}

Reading* LogState::reading(EventId id) {
    const std::size_t i = reading_index(id);
    return i == kNotFound ? nullptr : &readings_[i];
}
WasteTag* LogState::tag(EventId id) {
    const std::size_t i = tag_index(id);
    return i == kNotFound ? nullptr : &tags_[i];
}
Note* LogState::note(EventId id) {
    const std::size_t i = note_index(id);
    return i == kNotFound ? nullptr : &notes_[i];
}
const Reading* LogState::find_reading(EventId id) const { return const_cast<LogState*>(this)->reading(id); }
const WasteTag* LogState::find_tag(EventId id) const { return const_cast<LogState*>(this)->tag(id); }
const Note* LogState::find_note(EventId id) const { return const_cast<LogState*>(this)->note(id); }

bool LogState::live() const {
    // A running reading cannot be deleted (the rules refuse it), so every entry of running_ counts.
    return paused() || !running_.empty() ||
           std::any_of(tags_.begin(), tags_.end(), [](const WasteTag& t) { return t.running() && !t.removed; });
}

std::vector<const Reading*> LogState::running_readings() const {
    std::vector<std::size_t> indices;
    for (const auto& entry : running_) indices.push_back(entry.second);
    std::sort(indices.begin(), indices.end());  // log order, for ties in start time
    std::vector<const Reading*> running;
    for (std::size_t index : indices) running.push_back(&readings_[index]);
    std::stable_sort(running.begin(), running.end(),
                     [](const Reading* a, const Reading* b) { return a->start_ms < b->start_ms; });
    return running;
}

std::optional<std::int64_t> LogState::last_count(QueueId queue) const {
    for (auto it = queue_counts_.rbegin(); it != queue_counts_.rend(); ++it)
        if (it->queue == queue) return it->count;
    return std::nullopt;
}

const Reading* LogState::running_reading_of(StepId step) const {
    // At most one reading of a step runs: a step starts only when it does not run.
    const std::size_t i = running_index(step);
    return i == kNotFound ? nullptr : &readings_[i];
}

std::int64_t LogState::session_ms_at(std::int64_t walk_ms, PauseSide side) const {
    // Walk-clock times of the pauses' starts never decrease: pause i starts at walk time
    // start − paused_before_[i]. Before pause i (and after the one before it) session time is the
    // walk time plus paused_before_[i]; after every pause it is the walk time plus all of them.
    const auto walk_start = [&](std::size_t i) { return pauses_[i].start_ms - paused_before_[i]; };
    std::size_t first = 0, count = pauses_.size();
    while (count > 0) {  // the first pause whose walk start lies after walk_ms (at or after: before)
        const std::size_t half = count / 2, mid = first + half;
        const bool earlier = side == PauseSide::before ? walk_start(mid) < walk_ms : walk_start(mid) <= walk_ms;
        if (earlier) {
            first = mid + 1;
            count -= half + 1;
        } else {
            count = half;
        }
    }
    if (first < pauses_.size()) return walk_ms + paused_before_[first];
    if (pauses_.empty()) return walk_ms;
    const PauseInterval& last = pauses_.back();
    return walk_ms + paused_before_.back() + (last.end_ms ? *last.end_ms - last.start_ms : 0);
}

std::int64_t LogState::paused_ms_within(std::int64_t from_ms, std::int64_t to_ms) const {
    // Pauses follow each other in time without overlapping (only the last may still run), so of
    // those reaching into [from, to] only the first and the last can be cut; the ones between count
    // whole, from the running totals. Logarithmic: summaries ask this for every reading.
    const auto clipped = [&](const PauseInterval& p) -> std::int64_t {
        const std::int64_t start = std::max(p.start_ms, from_ms);
        const std::int64_t end = std::min(p.end_ms.value_or(to_ms), to_ms);
        return end > start ? end - start : 0;
    };
    const auto first = std::partition_point(pauses_.begin(), pauses_.end(), [&](const PauseInterval& p) {
        return p.end_ms && *p.end_ms <= from_ms;
    });
    const auto last = std::partition_point(first, pauses_.end(), [&](const PauseInterval& p) { return p.start_ms < to_ms; });
    if (first == last) return 0;
    const auto i = static_cast<std::size_t>(first - pauses_.begin());
    const auto k = static_cast<std::size_t>(last - pauses_.begin()) - 1;
    if (i == k) return clipped(pauses_[i]);
    return clipped(pauses_[i]) + (paused_before_[k] - paused_before_[i + 1]) + clipped(pauses_[k]);
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
        Reading& r = readings_.emplace_back();
        r.id = id;
        r.step = step;
        r.cycle = cycle;
        r.start_ms = start;
        r.manual = manual;
        return r;
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

    // A work sampling study's log holds its observations and skipped rounds, notes, undo and redo: a
    // stopwatch tap (a step, a cycle, a waste, a pause, a count) has no meaning in it. Refused now, so
    // that files never hold them (a later version may allow them; a reader cannot take them back).
    if (session.study == StudyKind::work_sampling && is_walk_tap(e.kind) && !e.is_round_kind())
        return "a " + std::string(to_string(e.kind)) + " in a work sampling study (it records observations and skipped rounds)";
    switch (e.kind) {
        case EventKind::step_start: {
            if (auto p = walk_allowed()) return p;
            if (auto p = check_step(e.step)) return p;
            if (running_reading_of(e.step)) return step_text(e.step) + " is already running";
            if (e.new_cycle) ++current_cycle_;
            start_reading(e.step, e.t_ms, e.id, false, current_cycle_);
            set_running(e.step, readings_.size() - 1);
            return std::nullopt;
        }
        case EventKind::step_end: {
            if (auto p = walk_allowed()) return p;
            if (auto p = check_step(e.step)) return p;
            const Reading* running = running_reading_of(e.step);
            if (!running) return step_text(e.step) + " is not running";
            readings_[static_cast<std::size_t>(running - readings_.data())].end_ms = e.t_ms;
            clear_running(e.step);
            return std::nullopt;
        }
        case EventKind::lap: {
            if (auto p = walk_allowed()) return p;
            if (auto p = check_step(e.ended_step())) return p;
            if (auto p = check_step(e.step)) return p;
            const Reading* running = running_reading_of(e.ended_step());
            if (!running) return "lap ends " + step_text(e.ended_step()) + ", which is not running";
            if (e.step != e.ended_step() && running_reading_of(e.step))
                return "lap starts " + step_text(e.step) + ", which is already running";
            readings_[static_cast<std::size_t>(running - readings_.data())].end_ms = e.t_ms;
            clear_running(e.ended_step());
            if (e.new_cycle) ++current_cycle_;
            start_reading(e.step, e.t_ms, e.id, false, current_cycle_);
            set_running(e.step, readings_.size() - 1);
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
            WasteTag& t = tags_.emplace_back();
            t.id = e.id;
            t.waste = e.waste;
            t.step = e.step;
            t.note = e.text.str();
            t.start_ms = e.t_ms;
            t.timed = e.kind == EventKind::waste_start;
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
            if (e.target != kNoEvent && (e.target >= e.id || !accepted(e.target)))
                return "note on event " + std::to_string(e.target) + ", which is not an earlier event";
            notes_.push_back(Note{e.id, e.t_ms, e.target, e.text.str(), false});
            return std::nullopt;
        }
        case EventKind::pause: {
            if (paused()) return std::string("the walk is already paused");
            paused_before_.push_back(pauses_.empty() ? 0
                                                     : paused_before_.back() + *pauses_.back().end_ms -
                                                           pauses_.back().start_ms);
            pauses_.push_back(PauseInterval{e.t_ms, std::nullopt});
            return std::nullopt;
        }
        case EventKind::resume: {
            if (!paused()) return std::string("resume while the walk is not paused");
            pauses_.back().end_ms = e.t_ms;
            return std::nullopt;
        }
        case EventKind::queue_count: {
            // Allowed while paused: stopping the clock to go and count a pile is how it is done.
            const Queue* queue = session.find_queue(e.queue());
            if (!queue) return "count of queue " + std::to_string(e.queue()) + ", which the plan does not have";
            if (e.count() < 0) return "a count cannot be below 0 (" + std::to_string(e.count()) + ")";
            queue_counts_.push_back(QueueCount{e.id, e.queue(), e.count(), e.t_ms});
            return std::nullopt;
        }
        case EventKind::observation:
        case EventKind::round_skip: {
            const SamplingStudy& study = session.sampling;
            const char* what = e.kind == EventKind::observation ? "an observation" : "a skipped round";
            if (session.study != StudyKind::work_sampling) return std::string(what) + " in a time study";
            const std::string round = "round " + std::to_string(e.round());
            if (!study.round_ms(e.round())) return std::string(what) + " of " + round + ", which the schedule does not have";
            if (skipped_.count(e.round())) return round + " was skipped; undo the skip first";
            if (e.kind == EventKind::round_skip) {
                if (observations_in_round_.count(e.round())) return round + " has observations; undo them first";
                skipped_rounds_.push_back(SkippedRound{e.id, e.round(), e.text.str(), e.t_ms});
                skipped_.insert(e.round());
                return std::nullopt;
            }
            const SamplingSubject* subject = study.find_subject(e.subject());
            if (!subject) return "an observation of subject " + std::to_string(e.subject()) + ", which the study does not have";
            if (!study.find_category(e.category()))
                return "an observation in category " + std::to_string(e.category()) + ", which the study does not have";
            if (observed_.count({e.round(), e.subject()}))
                return "“" + subject->name + "” is observed twice in " + round + "; undo the first observation first";
            observations_.push_back(Observation{e.id, e.round(), e.subject(), e.category(), e.t_ms});
            observed_.insert({e.round(), e.subject()});
            ++observations_in_round_[e.round()];
            return std::nullopt;
        }
        case EventKind::exclude: {
            auto [r, p] = target_reading(false);
            if (p) return p;
            if (e.text.empty()) return std::string("excluding a reading needs a reason");
            if (r->excluded) return "reading " + std::to_string(e.target) + " is already excluded";
            r->excluded = true;
            r->exclude_reason = e.text.str();
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
            if (auto q = check_time(e.start_ms(), "start")) return q;
            if (r->end_ms && e.start_ms() > *r->end_ms)
                return "reading " + std::to_string(e.target) + " would start at " +
                       seconds_text(e.start_ms()) + ", after it ends at " + seconds_text(*r->end_ms);
            r->start_ms = e.start_ms();
            return std::nullopt;
        }
        case EventKind::set_end: {
            auto [r, p] = target_reading(true);
            if (p) return p;
            if (auto q = check_time(e.end_ms(), "end")) return q;
            if (e.end_ms() < r->start_ms)
                return "reading " + std::to_string(e.target) + " would end at " +
                       seconds_text(e.end_ms()) + ", before it starts at " + seconds_text(r->start_ms);
            r->end_ms = e.end_ms();
            return std::nullopt;
        }
        case EventKind::split: {
            auto [r, p] = target_reading(true);
            if (p) return p;
            if (e.at_ms() <= r->start_ms || e.at_ms() >= *r->end_ms)
                return "split at " + seconds_text(e.at_ms()) + " is not inside reading " +
                       std::to_string(e.target) + " (" + seconds_text(r->start_ms) + " to " +
                       seconds_text(*r->end_ms) + ")";
            const Reading original = *r;
            reading(original.id)->end_ms = e.at_ms();
            Reading& second = start_reading(original.step, e.at_ms(), e.id, original.manual, original.cycle);
            second.end_ms = original.end_ms;
            second.excluded = original.excluded;
            second.exclude_reason = original.exclude_reason;
            return std::nullopt;
        }
        case EventKind::insert_reading: {
            if (auto p = check_step(e.step)) return p;
            if (e.cycle() < 1 || e.cycle() > kMaxCycle)
                return "cycle must be from 1 to " + std::to_string(kMaxCycle);
            if (auto p = check_time(e.start_ms(), "start")) return p;
            if (auto p = check_time(e.end_ms(), "end")) return p;
            if (e.end_ms() < e.start_ms())
                return "inserted reading ends at " + seconds_text(e.end_ms()) + ", before it starts at " +
                       seconds_text(e.start_ms());
            Reading& r = start_reading(e.step, e.start_ms(), e.id, true, e.cycle());
            r.end_ms = e.end_ms();
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
                n->text = e.text.str();
                return std::nullopt;
            }
            if (WasteTag* t = tag(e.target)) {
                t->note = e.text.str();
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
