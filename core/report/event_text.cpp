#include "core/report/event_text.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "core/log/log_state.hpp"
#include "core/model/step_name.hpp"

namespace gemba {
namespace {

// What an event acts on (a reading, tag, note or an earlier event), in words.
class Namer {
public:
    Namer(const Session& session, const LogState* state) : session_(session), state_(state) {}

    std::string at(std::int64_t session_ms) const {
        return state_ ? " at " + walk_time_text(state_->walk_clock_ms(session_ms)) : "";
    }
    // `timed`: a reading with its start time; left out where the event itself moves that time.
    std::string item(EventId id, bool timed = true) const {
        if (state_) {
            if (const Reading* r = state_->find_reading(id))
                return timed ? reading_text(session_, *state_, *r)
                             : step_name(session_, r->step) + ", cycle " + std::to_string(r->cycle);
            if (const WasteTag* t = state_->find_tag(id)) return tag_text(*t);
            if (const Note* n = state_->find_note(id)) return "the note “" + shortened(n->text) + "”";
        }
        const Event* e = event(id);
        if (!e) return "an earlier event";
        switch (e->kind) {
            case EventKind::step_start:
            case EventKind::lap:
            case EventKind::insert_reading:
            case EventKind::split: return step_name(session_, e->step) + at(e->t_ms);
            case EventKind::waste_tag:
            case EventKind::waste_start: return std::string(display_name(e->waste)) + at(e->t_ms);
            case EventKind::note: return "the note “" + shortened(e->text.str()) + "”";
            default: return describe(*e);
        }
    }
    std::string describe(const Event& e) const {
        const std::string cycle_note = e.new_cycle ? " (new cycle)" : "";
        switch (e.kind) {
            case EventKind::step_start: return "Start " + step_name(session_, e.step) + cycle_note;
            case EventKind::step_end: return "End " + step_name(session_, e.step);
            case EventKind::lap:
                return "Lap: " + step_name(session_, e.ended_step()) + " → " + step_name(session_, e.step) + cycle_note;
            case EventKind::cycle: return "New cycle";
            case EventKind::waste_tag:
                return std::string(display_name(e.waste)) + (e.step != kNoStep ? " at " + step_name(session_, e.step) : "");
            case EventKind::waste_start: return std::string(display_name(e.waste)) + " started (timed)";
            case EventKind::waste_end: {
                const Event* started = event(e.target);
                return (started ? std::string(display_name(started->waste)) : std::string("Timed waste")) + " ended (timed)";
            }
            case EventKind::note: return "Note: " + e.text.str();
            case EventKind::pause: return "Pause";
            case EventKind::resume: return "Resume";
            case EventKind::exclude: return "Exclude " + item(e.target) + ": " + e.text.str();
            case EventKind::include: return "Include " + item(e.target);
            case EventKind::set_start: return "Start of " + item(e.target, false) + " moved" + moved_to(e.start_ms());
            case EventKind::set_end: return "End of " + item(e.target, false) + " moved" + moved_to(e.end_ms());
            case EventKind::split: return "Split " + item(e.target, false) + at(e.at_ms());
            case EventKind::insert_reading:
                return "Insert reading of " + step_name(session_, e.step) + ", cycle " + std::to_string(e.cycle());
            case EventKind::remove: return "Delete " + item(e.target);
            case EventKind::restore: return "Restore " + item(e.target);
            case EventKind::retag: return "Re-tag " + item(e.target) + " as " + std::string(display_name(e.waste));
            case EventKind::edit_note: return "Edit the note of " + item(e.target);
            case EventKind::queue_count: return queue_count_text(session_, e.queue(), e.count());
            case EventKind::observation: return observation_text(session_, e.round(), e.subject(), e.category());
            case EventKind::round_skip:
                return "Round " + std::to_string(e.round()) + " skipped" + (e.text.empty() ? "" : ": " + e.text.str());
            case EventKind::undo:
            case EventKind::redo: {
                // Undo and redo target actions, never each other: one level deep.
                const Event* target = event(e.target);
                return std::string(e.kind == EventKind::undo ? "Undo: " : "Redo: ") +
                       (target ? describe(*target) : std::string("an earlier action"));
            }
        }
        return std::string(to_string(e.kind));
    }

private:
    const Event* event(EventId id) const {
        const auto it = std::lower_bound(session_.events.begin(), session_.events.end(), id,
                                         [](const Event& e, EventId v) { return e.id < v; });
        return it != session_.events.end() && it->id == id ? &*it : nullptr;
    }
    std::string tag_text(const WasteTag& t) const {
        return std::string(display_name(t.waste)) + (t.step != kNoStep ? " (" + step_name(session_, t.step) + ")" : "") +
               at(t.start_ms);
    }
    // A time an edit moves to: on the walk clock with the state; a session time is no use to a reader.
    std::string moved_to(std::int64_t session_ms) const {
        return state_ ? " to " + walk_time_text(state_->walk_clock_ms(session_ms)) : "";
    }
    static std::string shortened(const std::string& text) {
        constexpr std::size_t kShown = 24;
        if (text.size() <= kShown) return text;
        std::size_t cut = kShown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        return text.substr(0, cut) + "…";
    }

    const Session& session_;
    const LogState* state_;
};

}  // namespace

namespace {

// "MM:SS.f" or "H:MM:SS.f" with `fraction_digits` (1: tenths, 3: milliseconds) of a second, cut.
std::string walk_time_with(std::int64_t walk_ms, int fraction_digits) {
    const std::int64_t per_second = fraction_digits == 1 ? 10 : 1000;
    const std::int64_t units = std::max<std::int64_t>(walk_ms, 0) / (1000 / per_second);
    const std::int64_t seconds = units / per_second, minutes = seconds / 60, hours = minutes / 60;
    const auto fraction = static_cast<long long>(units % per_second);
    char buffer[48];
    if (hours > 0)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld.%0*lld", static_cast<long long>(hours),
                      static_cast<long long>(minutes % 60), static_cast<long long>(seconds % 60), fraction_digits,
                      fraction);
    else
        std::snprintf(buffer, sizeof buffer, "%02lld:%02lld.%0*lld", static_cast<long long>(minutes),
                      static_cast<long long>(seconds % 60), fraction_digits, fraction);
    return buffer;
}

}  // namespace

std::string observation_text(const Plan& plan, std::int64_t round, SubjectId subject, CategoryId category) {
    const SamplingSubject* who = plan.sampling.find_subject(subject);
    const SamplingCategory* what = plan.sampling.find_category(category);
    return "Round " + std::to_string(round) + ": " + (who ? who->name : "subject " + std::to_string(subject)) + " — " +
           (what ? what->name : "category " + std::to_string(category));
}

std::string queue_count_text(const Plan& plan, QueueId queue, std::int64_t count) {
    const Queue* counted = plan.find_queue(queue);
    return "Count " + (counted ? "“" + counted->name + "”" : std::string("a queue")) + ": " + std::to_string(count);
}

std::string walk_time_text(std::int64_t walk_ms) { return walk_time_with(walk_ms, 1); }

std::string walk_time_field_text(std::int64_t walk_ms) { return walk_time_with(walk_ms, 3); }

std::optional<std::int64_t> parse_walk_time(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    // Whole numbers before the colons, then seconds with up to three decimals.
    std::vector<std::string_view> parts;
    for (std::size_t colon; (colon = text.find(':')) != std::string_view::npos;) {
        parts.push_back(text.substr(0, colon));
        text.remove_prefix(colon + 1);
    }
    parts.push_back(text);
    if (parts.size() > 3) return std::nullopt;
    const auto digits = [](std::string_view d) {
        return !d.empty() && d.size() <= 9 && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const auto number = [](std::string_view d) {
        std::int64_t n = 0;
        for (char c : d) n = n * 10 + (c - '0');
        return n;
    };
    std::string_view last = parts.back();
    std::string_view fraction;
    if (const std::size_t dot = last.find('.'); dot != std::string_view::npos) {
        fraction = last.substr(dot + 1);
        last = last.substr(0, dot);
        if (fraction.empty() || fraction.size() > 3 || !digits(fraction)) return std::nullopt;
    }
    if (!digits(last)) return std::nullopt;
    std::int64_t ms = number(last) * 1000;
    std::int64_t fraction_ms = number(fraction);
    for (std::size_t i = fraction.size(); i < 3; ++i) fraction_ms *= 10;
    ms += fraction_ms;
    if (parts.size() > 1 && number(last) >= 60) return std::nullopt;
    std::int64_t unit = 60'000;
    for (std::size_t i = parts.size() - 1; i-- > 0; unit *= 60) {
        if (!digits(parts[i])) return std::nullopt;
        if (i > 0 && number(parts[i]) >= 60) return std::nullopt;
        ms += number(parts[i]) * unit;
    }
    return ms;
}

std::string reading_text(const Session& session, const LogState& state, const Reading& reading) {
    return step_name(session, reading.step) + ", cycle " + std::to_string(reading.cycle) + " at " +
           walk_time_text(state.walk_clock_ms(reading.start_ms));
}

std::string item_text(const Session& session, const LogState& state, EventId id) {
    return Namer(session, &state).item(id);
}

std::string describe_event(const Session& session, const Event& e) { return Namer(session, nullptr).describe(e); }

std::string describe_event(const Session& session, const LogState& state, const Event& e) {
    return Namer(session, &state).describe(e);
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
