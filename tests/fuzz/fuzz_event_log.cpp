// libFuzzer target: arbitrary bytes drive a Recorder on a ManualClock, as a walk and its review
// would (taps, waste tags, pauses, undo/redo, notes, edits, reopening the file), with the clock
// moving by fuzzed amounts and edits aimed at real or made-up events and times. Half the plans are
// work sampling studies (subjects, categories, a schedule of rounds), walked with observations and
// skipped rounds among the other operations (which such a plan mostly refuses).
//
// Invariants checked (abort when broken, so libFuzzer keeps the input):
// - each call records exactly one event and says which, or records nothing and says why;
// - a refused call leaves the log state as it was;
// - an undo puts the state back exactly as it was before the action it takes back, and a redo
//   exactly as it was after it;
// - LogState::replay of the final log accepts it and yields the Recorder's state;
// - the log saves and loads again (check_session, session_to_json + parse_session) to the same
//   events, and a Recorder reopened on the loaded file continues with the same state;
// - the summary, its JSON, the CSV export and the event descriptions run on the result.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/log/clock.hpp"
#include "core/log/log_state.hpp"
#include "core/log/recorder.hpp"
#include "core/file/session_file.hpp"
#include "tests/fuzz/fuzz_common.hpp"

using namespace gemba;

namespace {

// The observable state of a log, for comparisons. last_walk_ms is left out on purpose: an undo
// does not make the walk's latest tap un-happen.
struct Snapshot {
    std::vector<Reading> readings;
    std::vector<WasteTag> tags;
    std::vector<Note> notes;
    std::vector<PauseInterval> pauses;
    std::vector<QueueCount> counts;
    std::vector<Observation> observations;
    std::vector<SkippedRound> skipped;
    std::int64_t cycle = 1;
    std::vector<EventId> running;
};

Snapshot snapshot(const LogState& s) {
    Snapshot out{s.readings(),     s.tags(),          s.notes(), s.pauses(), s.queue_counts(),
                 s.observations(), s.skipped_rounds(), s.current_cycle(), {}};
    for (const Reading* r : s.running_readings()) out.running.push_back(r->id);
    return out;
}

bool same(const Reading& a, const Reading& b) {
    return a.id == b.id && a.step == b.step && a.cycle == b.cycle && a.start_ms == b.start_ms && a.end_ms == b.end_ms &&
           a.manual == b.manual && a.excluded == b.excluded && a.exclude_reason == b.exclude_reason &&
           a.removed == b.removed;
}
bool same(const WasteTag& a, const WasteTag& b) {
    return a.id == b.id && a.waste == b.waste && a.step == b.step && a.note == b.note && a.start_ms == b.start_ms &&
           a.end_ms == b.end_ms && a.timed == b.timed && a.removed == b.removed;
}
bool same(const Note& a, const Note& b) {
    return a.id == b.id && a.t_ms == b.t_ms && a.target == b.target && a.text == b.text && a.removed == b.removed;
}
bool same(const PauseInterval& a, const PauseInterval& b) { return a.start_ms == b.start_ms && a.end_ms == b.end_ms; }
bool same(const QueueCount& a, const QueueCount& b) {
    return a.id == b.id && a.queue == b.queue && a.count == b.count && a.t_ms == b.t_ms;
}
bool same(const Observation& a, const Observation& b) {
    return a.id == b.id && a.round == b.round && a.subject == b.subject && a.category == b.category && a.t_ms == b.t_ms;
}
bool same(const SkippedRound& a, const SkippedRound& b) {
    return a.id == b.id && a.round == b.round && a.reason == b.reason && a.t_ms == b.t_ms;
}

template <class T>
bool same_list(const std::vector<T>& a, const std::vector<T>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const T& x, const T& y) { return same(x, y); });
}

// Which part differs, or nullptr when they are the same.
const char* difference(const Snapshot& a, const Snapshot& b) {
    if (!same_list(a.readings, b.readings)) return "readings";
    if (!same_list(a.tags, b.tags)) return "waste tags";
    if (!same_list(a.notes, b.notes)) return "notes";
    if (!same_list(a.pauses, b.pauses)) return "pauses";
    if (!same_list(a.counts, b.counts)) return "queue counts";
    if (!same_list(a.observations, b.observations)) return "observations";
    if (!same_list(a.skipped, b.skipped)) return "skipped rounds";
    if (a.cycle != b.cycle) return "current cycle";
    if (a.running != b.running) return "running readings";
    return nullptr;
}

// Everything a replay must reproduce, undo/redo bookkeeping included.
const char* state_difference(const Session& session, const LogState& a, const LogState& b) {
    if (const char* d = difference(snapshot(a), snapshot(b))) return d;
    if (a.undo_target() != b.undo_target()) return "undo target";
    if (a.redo_target() != b.redo_target()) return "redo target";
    if (a.last_walk_ms() != b.last_walk_ms()) return "last walk time";
    if (a.paused() != b.paused()) return "paused";
    for (const Event& e : session.events)
        if (a.is_undone(e.id) != b.is_undone(e.id)) return "undone events";
    return nullptr;
}

// Texts a person could type: valid UTF-8 without NUL (ImGui gives nothing else), with quotes,
// backslashes, line breaks, formula starts and characters beyond ASCII.
std::string text(FuzzedDataProvider& in) {
    static const std::array<const char*, 8> pool = {
        "", "late part", "Ünïcödé — 工程 🙂", "quote \" and back\\slash", "two\nlines\tand a tab", "=1+2", "a", ",;\r\n"};
    if (in.ConsumeBool()) return pool[in.ConsumeIntegralInRange<std::size_t>(0, pool.size() - 1)];
    std::string raw = in.ConsumeRandomLengthString(24), out;
    static const std::array<const char*, 4> wide = {"é", "€", "𝄞", "ß"};
    for (char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0) out += ' ';
        else if (u < 0x80) out += c;
        else out += wide[u % wide.size()];
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);

    // The plan.
    Session session;
    session.title = "fuzz";
    session.started_at = "2026-11-27T08:30:00Z";
    session.settings.timing_mode = in.ConsumeBool() ? TimingMode::lap : TimingMode::independent;
    session.settings.debounce_ms = in.ConsumeIntegralInRange<std::int64_t>(0, 400);
    const int step_count = in.ConsumeIntegralInRange<int>(0, 6);
    const bool odd_ids = in.ConsumeBool();
    for (int i = 0; i < step_count; ++i) {
        StepId id = i + 1;
        if (odd_ids) id = 1 + 1000 * (i + 1) + in.ConsumeIntegralInRange<StepId>(0, 999);  // distinct, unordered plan ids
        session.steps.push_back(Step{id, "step " + std::to_string(i + 1),
                                     kValueClasses[static_cast<std::size_t>(i) % kValueClasses.size()],
                                     in.ConsumeIntegralInRange<int>(1, 300) * 1.0, in.ConsumeIntegralInRange<int>(0, 99) * 1.0});
    }

    // Queues before some of the steps (format 2), counted on the walk.
    const int queue_count = session.steps.empty() ? 0 : in.ConsumeIntegralInRange<int>(0, 3);
    for (int i = 0; i < queue_count; ++i)
        session.queues.push_back(Queue{i + 1, "queue " + std::to_string(i + 1),
                                       session.steps[static_cast<std::size_t>(i) % session.steps.size()].id,
                                       in.ConsumeBool() ? std::optional<std::int64_t>(in.ConsumeIntegralInRange<std::int64_t>(1, 9))
                                                        : std::nullopt});

    // A work sampling study: up to 4 subjects, the default categories (the absent one among them)
    // or the first few of them, and 1 or 2 days 08:00-16:00 with a break 12:00-12:30, rounds every
    // 5 to 90 minutes from a fuzzed start; its clock is the time since the schedule's origin.
    constexpr std::int64_t kMinute = 60'000;
    const bool sampling = in.ConsumeBool();
    if (sampling) {
        session.study = StudyKind::work_sampling;
        const int subject_count = in.ConsumeIntegralInRange<int>(0, 4);
        for (int i = 1; i <= subject_count; ++i) session.sampling.subjects.push_back({i, "subject " + std::to_string(i)});
        session.sampling.categories = default_sampling_categories();
        session.sampling.categories.resize(in.ConsumeIntegralInRange<std::size_t>(1, session.sampling.categories.size()));
        if (in.ConsumeBool()) session.sampling.categories.back().absent = true;
        SamplingSchedule schedule;
        schedule.seed = in.ConsumeIntegral<std::uint64_t>();
        schedule.days = {{"2026-12-01", "08:00", "16:00", {{"12:00", "12:30"}}}};
        if (in.ConsumeBool()) schedule.days.push_back({"2026-12-02", "08:00", "16:00", {{"12:00", "12:30"}}});
        schedule.min_gap_ms = kMinute;
        schedule.max_gap_ms = 60 * kMinute;
        schedule.mean_gap_ms = 20 * kMinute;
        // Two bytes a day (its first round and the gap), so that the rest of the input drives the walk.
        for (std::int64_t day = 0; day < static_cast<std::int64_t>(schedule.days.size()); ++day) {
            const std::int64_t origin = day * 24 * 60 * kMinute;
            const std::int64_t first = in.ConsumeIntegralInRange<std::int64_t>(0, 30) * kMinute;
            const std::int64_t gap = in.ConsumeIntegralInRange<std::int64_t>(5, 90) * kMinute;
            for (std::int64_t at = origin + 8 * 60 * kMinute + first; at < origin + 16 * 60 * kMinute; at += gap)
                if (at < origin + 12 * 60 * kMinute || at >= origin + 12 * 60 * kMinute + 30 * kMinute)
                    schedule.rounds.push_back(at);
        }
        session.sampling.schedule = std::move(schedule);
    }

    ManualClock clock(sampling ? in.ConsumeIntegralInRange<std::int64_t>(0, 2 * 24 * 60 * kMinute)
                               : in.ConsumeIntegralInRange<std::int64_t>(0, 1'000'000'000'000));
    std::optional<Recorder> recorder;
    recorder.emplace(session, clock);

    // Undo/redo expectations: the state before each effective action (the undo stack), and the
    // state after each undone one (the redo stack).
    std::vector<Snapshot> before_action, after_undone;

    const auto some_event = [&]() -> EventId {
        switch (in.ConsumeIntegralInRange<int>(0, 3)) {
            case 0:
            case 1:
                if (!session.events.empty())
                    return session.events[in.ConsumeIntegralInRange<std::size_t>(0, session.events.size() - 1)].id;
                return kNoEvent;
            case 2: return in.ConsumeIntegralInRange<EventId>(-2, static_cast<EventId>(session.events.size()) + 3);
            default: return in.ConsumeIntegral<EventId>();
        }
    };
    const auto some_step = [&]() -> StepId {
        if (!session.steps.empty() && in.ConsumeProbability<float>() < 0.8f)
            return session.steps[in.ConsumeIntegralInRange<std::size_t>(0, session.steps.size() - 1)].id;
        return in.ConsumeBool() ? kNoStep : in.ConsumeIntegral<StepId>();
    };
    const auto some_time = [&]() -> std::int64_t {
        const std::int64_t now = recorder->now_ms();
        const auto& readings = recorder->state().readings();
        switch (in.ConsumeIntegralInRange<int>(0, 4)) {
            case 0: return now - in.ConsumeIntegralInRange<std::int64_t>(-2, 5000);
            case 1:
                if (!readings.empty()) {
                    const Reading& r = readings[in.ConsumeIntegralInRange<std::size_t>(0, readings.size() - 1)];
                    const std::int64_t base = in.ConsumeBool() ? r.start_ms : r.end_ms.value_or(now);
                    return base + in.ConsumeIntegralInRange<std::int64_t>(-2, 2);
                }
                return now;
            case 2: return in.ConsumeIntegralInRange<std::int64_t>(0, std::max<std::int64_t>(now, 0));
            case 3: return in.ConsumeIntegralInRange<std::int64_t>(kMaxTimeMs - 2, kMaxTimeMs + 2);
            default: return in.ConsumeIntegral<std::int64_t>();
        }
    };
    const auto some_subject = [&]() -> SubjectId {
        const auto& subjects = session.sampling.subjects;
        if (!subjects.empty() && in.ConsumeProbability<float>() < 0.9f)
            return subjects[in.ConsumeIntegralInRange<std::size_t>(0, subjects.size() - 1)].id;
        return in.ConsumeIntegralInRange<SubjectId>(-1, 6);
    };
    const auto some_category = [&]() -> CategoryId {
        const auto& categories = session.sampling.categories;
        if (!categories.empty() && in.ConsumeProbability<float>() < 0.9f)
            return categories[in.ConsumeIntegralInRange<std::size_t>(0, categories.size() - 1)].id;
        return in.ConsumeIntegralInRange<CategoryId>(-1, 12);
    };
    const auto some_waste = [&]() { return kWastes[in.ConsumeIntegralInRange<std::size_t>(0, kWastes.size() - 1)]; };
    const auto some_cycle = [&]() -> std::int64_t {
        const float p = in.ConsumeProbability<float>();
        if (p < 0.8f) return in.ConsumeIntegralInRange<std::int64_t>(1, 6);
        if (p < 0.9f) return kMaxCycle + in.ConsumeIntegralInRange<std::int64_t>(-1, 1);
        return in.ConsumeIntegral<std::int64_t>();
    };

    for (int op_count = 0; op_count < 400 && in.remaining_bytes() > 0; ++op_count) {
        // Time passes: not at all, within the debounce window, a few seconds or minutes, a long
        // break, or (a clock that misbehaves) a little backwards.
        switch (in.ConsumeIntegralInRange<int>(0, 5)) {
            case 0: break;
            case 1: clock.advance(in.ConsumeIntegralInRange<std::int64_t>(1, 400)); break;
            case 2: clock.advance(in.ConsumeIntegralInRange<std::int64_t>(1, 60'000)); break;
            case 3: clock.advance(in.ConsumeIntegralInRange<std::int64_t>(1, 5'000)); break;
            case 4: clock.advance(in.ConsumeIntegralInRange<std::int64_t>(1, 10'000'000'000)); break;
            default: clock.advance(-in.ConsumeIntegralInRange<std::int64_t>(1, 1000)); break;
        }

        const std::size_t events_before = session.events.size();
        const Snapshot state_before = snapshot(recorder->state());
        Recorder& r = *recorder;
        TapResult result;
        bool is_undo = false, is_redo = false;
        const int op = in.ConsumeIntegralInRange<int>(0, 27);
        switch (op) {
            case 0: case 1: case 2: result = r.next_step(); break;
            case 3: result = r.stop_step(); break;
            case 4: case 5: result = r.toggle_step(some_step()); break;
            case 6: result = r.new_cycle(); break;
            case 7: result = r.tag_waste(some_waste(), text(in)); break;
            case 8: result = r.toggle_timed_waste(some_waste(), text(in)); break;
            case 9: result = r.toggle_pause(); break;
            case 10: result = r.undo(), is_undo = true; break;
            case 11: result = r.redo(), is_redo = true; break;
            case 12: {
                std::string note = text(in);
                result = r.add_note(std::move(note), in.ConsumeBool() ? kNoEvent : some_event());
                break;
            }
            case 13: {
                const EventId target = some_event();
                result = r.exclude(target, text(in));
                break;
            }
            case 14: result = r.include(some_event()); break;
            case 15: {
                const EventId target = some_event();
                result = r.set_start(target, some_time());
                break;
            }
            case 16: {
                const EventId target = some_event();
                result = r.set_end(target, some_time());
                break;
            }
            case 17: {
                const EventId target = some_event();
                result = r.split(target, some_time());
                break;
            }
            case 18: {
                const StepId step = some_step();
                const std::int64_t cycle = some_cycle();
                const std::int64_t start = some_time();
                std::int64_t end = 0;
                if (in.ConsumeBool() || __builtin_add_overflow(start, in.ConsumeIntegralInRange<std::int64_t>(0, 90'000), &end))
                    end = some_time();
                result = r.insert_reading(step, cycle, start, end);
                break;
            }
            case 19: result = in.ConsumeBool() ? r.remove(some_event()) : r.restore(some_event()); break;
            case 20: {
                const EventId target = some_event();
                const Waste waste = some_waste();
                result = r.retag(target, waste, some_step());
                break;
            }
            case 21: {
                const EventId target = some_event();
                result = r.edit_note(target, text(in));
                break;
            }
            case 22:
            case 23: {
                // A queue of the plan, or one it does not have; a tap ±1, or a typed count.
                const QueueId queue = in.ConsumeIntegralInRange<QueueId>(0, queue_count + 1);
                result = in.ConsumeBool() ? r.count_queue_by(queue, in.ConsumeBool() ? 1 : -1)
                                          : r.count_queue(queue, in.ConsumeIntegralInRange<std::int64_t>(-2, 12));
                break;
            }
            case 25:
            case 26: {
                const SubjectId subject = some_subject();
                result = r.observe(subject, some_category());
                break;
            }
            case 27: result = r.skip_round(text(in)); break;
            default: {
                // The file is saved and opened again: the Recorder continues on the loaded log.
                const std::string json = session_to_json(session);
                LoadResult loaded = parse_session(json, "reopen.json");
                GEMBA_FUZZ_CHECK(loaded.ok(), "a recorded log does not load again: %s\n--- written:\n%s",
                                 loaded.problem->message().c_str(), json.c_str());
                GEMBA_FUZZ_CHECK(loaded.session->events == session.events, "events changed through the file");
                const LogState old_state = recorder->state();
                recorder.reset();
                session = std::move(*loaded.session);
                recorder.emplace(session, clock);
                const char* d = state_difference(session, old_state, recorder->state());
                GEMBA_FUZZ_CHECK(!d, "reopening changed the state: %s", d);
                // A time study continues from its last event; a sampling study's time is the wall
                // clock since its origin, never behind its last event.
                const std::int64_t last_t = session.events.empty() ? 0 : session.events.back().t_ms;
                GEMBA_FUZZ_CHECK(recorder->now_ms() == (sampling ? std::max(clock.now_ms(), last_t) : last_t),
                                 "a reopened walk does not continue from its last event");
                continue;
            }
        }

        const Snapshot state_after = snapshot(recorder->state());
        if (!result.recorded) {
            GEMBA_FUZZ_CHECK(session.events.size() == events_before, "op %d: refused but appended an event", op);
            GEMBA_FUZZ_CHECK(!result.message.empty(), "op %d: refused without saying why", op);
            const char* d = difference(state_before, state_after);
            GEMBA_FUZZ_CHECK(!d, "op %d: refused (%s) but changed the %s", op, result.message.c_str(), d);
            continue;
        }
        GEMBA_FUZZ_CHECK(session.events.size() == events_before + 1, "op %d: recorded but appended %zu events", op,
                         session.events.size() - events_before);
        GEMBA_FUZZ_CHECK(result.event == session.events.back().id, "op %d: names event %lld, appended %lld", op,
                         static_cast<long long>(result.event), static_cast<long long>(session.events.back().id));
        GEMBA_FUZZ_CHECK(!result.debounced, "op %d: recorded and debounced", op);
        const Event& appended = session.events.back();
        if (is_undo) {
            GEMBA_FUZZ_CHECK(!before_action.empty(), "an undo with nothing to undo was recorded");
            const char* d = difference(before_action.back(), state_after);
            GEMBA_FUZZ_CHECK(!d, "undo of event %lld did not restore the %s", static_cast<long long>(appended.target), d);
            before_action.pop_back();
            after_undone.push_back(state_before);
        } else if (is_redo) {
            GEMBA_FUZZ_CHECK(!after_undone.empty(), "a redo with nothing to redo was recorded");
            const char* d = difference(after_undone.back(), state_after);
            GEMBA_FUZZ_CHECK(!d, "redo of event %lld did not give back the %s", static_cast<long long>(appended.target), d);
            after_undone.pop_back();
            before_action.push_back(state_before);
        } else {
            before_action.push_back(state_before);
            after_undone.clear();
        }
    }

    // The whole log replays to the Recorder's state.
    std::optional<LogError> error;
    const LogState replayed = LogState::replay(session, &error);
    GEMBA_FUZZ_CHECK(!error.has_value(), "the recorded log does not replay: event %lld (#%zu): %s",
                     static_cast<long long>(error->event_id), error->event_index, error->message.c_str());
    const char* d = state_difference(session, replayed, recorder->state());
    GEMBA_FUZZ_CHECK(!d, "replay differs from the Recorder's state: %s", d);

    // It can be saved: check_session is what save_session asks before writing.
    const auto problem = check_session(session, "fuzz.json");
    GEMBA_FUZZ_CHECK(!problem.has_value(), "the recorded log cannot be saved: %s", problem->message().c_str());

    fuzz::exercise_derived(session, replayed, recorder->now_ms());
    return 0;
}
