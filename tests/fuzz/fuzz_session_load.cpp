// libFuzzer target: gemba::parse_session on arbitrary bytes.
//
// Besides "no crash, no leak, no undefined behaviour, no exception escapes", it checks:
// - a refusal names a problem; an accepted file has a session and no problem;
// - an accepted session re-serialises with session_to_json, and that text loads again (what
//   save_session relies on) to the same session: same events, and the same JSON when written again
//   (a fixed point after one round);
// - check_session (the check before every save) accepts what load accepted;
// - replay, the summary, its JSON, the CSV export and the event descriptions run on it;
// - a text in the layout Gemba writes (read by the faster canonical reader) gives what the general
//   reader gives for the same text in another layout: both load to the same events, or both refuse
//   with the same JSON Pointer message.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/file/session_file.hpp"
#include "tests/fuzz/fuzz_common.hpp"

using namespace gemba;

namespace {

// The same text with one more space before the first event: another layout, so the general reader
// reads it. Empty when the text has no events list in Gemba's layout.
std::optional<std::string> in_another_layout(std::string_view text) {
    constexpr std::string_view list = "\n  \"events\": [\n    ";
    const std::size_t at = text.find(list);
    if (at == std::string_view::npos) return std::nullopt;
    std::string other(text);
    other.insert(at + list.size(), " ");
    return other;
}

void check_same_as_general_reader(std::string_view text, const LoadResult& loaded) {
    const std::optional<std::string> other = in_another_layout(text);
    if (!other) return;
    const LoadResult general = parse_session(*other, "fuzz.json");
    GEMBA_FUZZ_CHECK(general.ok() == loaded.ok(), "the layout changed the verdict: canonical %s, general %s",
                     loaded.ok() ? "ok" : loaded.problem->message().c_str(),
                     general.ok() ? "ok" : general.problem->message().c_str());
    if (loaded.ok()) {
        GEMBA_FUZZ_CHECK(general.session->events == loaded.session->events, "the layout changed the events");
    } else if (loaded.problem->where.rfind("/", 0) == 0) {
        GEMBA_FUZZ_CHECK(general.problem->message() == loaded.problem->message(),
                         "the layout changed the message: canonical %s, general %s",
                         loaded.problem->message().c_str(), general.problem->message().c_str());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const LoadResult loaded = parse_session(text, "fuzz.json");
    check_same_as_general_reader(text, loaded);
    if (!loaded.ok()) {
        GEMBA_FUZZ_CHECK(loaded.problem.has_value(), "refused without a problem");
        GEMBA_FUZZ_CHECK(!loaded.problem->what.empty(), "refused with an empty message");
        GEMBA_FUZZ_CHECK(loaded.problem->message().rfind("fuzz.json: ", 0) == 0, "message does not name the file: %s",
                         loaded.problem->message().c_str());
        return 0;
    }
    GEMBA_FUZZ_CHECK(!loaded.problem.has_value(), "loaded with a problem: %s", loaded.problem->message().c_str());
    const Session& session = *loaded.session;

    // Round trip: what load accepted, save can write and load reads back as the same session.
    const std::string json = session_to_json(session);
    const LoadResult again = parse_session(json, "again.json");
    GEMBA_FUZZ_CHECK(again.ok(), "a loaded session does not load again after session_to_json: %s\n--- written:\n%s",
                     again.problem->message().c_str(), json.c_str());
    const Session& reloaded = *again.session;
    GEMBA_FUZZ_CHECK(reloaded.events.size() == session.events.size(), "event count changed: %zu -> %zu",
                     session.events.size(), reloaded.events.size());
    for (std::size_t i = 0; i < session.events.size(); ++i)
        GEMBA_FUZZ_CHECK(reloaded.events[i] == session.events[i], "event %zu changed in the round trip", i);
    GEMBA_FUZZ_CHECK(reloaded.steps.size() == session.steps.size(), "step count changed");
    const std::string json_again = session_to_json(reloaded);
    GEMBA_FUZZ_CHECK(json_again == json, "session_to_json is not a fixed point:\n--- first:\n%s\n--- second:\n%s",
                     json.c_str(), json_again.c_str());

    const auto checked = check_session(session, "fuzz.json");
    GEMBA_FUZZ_CHECK(!checked.has_value(), "check_session refuses a loaded session: %s", checked->message().c_str());

    std::optional<LogError> error;
    const LogState state = LogState::replay(session, &error);
    GEMBA_FUZZ_CHECK(!error.has_value(), "a loaded log does not replay: event %lld: %s",
                     static_cast<long long>(error->event_id), error->message.c_str());
    const std::int64_t last_t = session.events.empty() ? 0 : session.events.back().t_ms;
    fuzz::exercise_derived(session, state, last_t + 1000);
    return 0;
}
