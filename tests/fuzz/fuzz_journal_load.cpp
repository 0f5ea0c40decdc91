// libFuzzer target: gemba::parse_journal on arbitrary bytes, then recover() with those bytes as the
// journal beside three session files in turn: none (a walk never saved), a saved plan, and a saved
// walk with events. Each input is tried as it is and, so that mutated payloads get past the
// checksums to the JSON and recovery code behind them, once more with every record's CRC set to
// match its payload.
//
// Besides "no crash, no leak, no undefined behaviour, no exception escapes", it checks:
// - parse_journal gives contents or a problem, never both or neither;
// - what it read, written again by the Journal class (header, plan, events, as the app writes
//   them), reads back as the same events, plan and last saved id, without a notice;
// - recovery accounts for every journal event (recovered + already saved + not recovered), keeps
//   every event of the saved file, and gives a session whose log replays and that save_session
//   would write (check_session): recovering can never end in a session that cannot be saved;
// - the summary, its JSON, the CSV export and the event descriptions run on it.
#include <unistd.h>

#include <charconv>
#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "core/log/clock.hpp"
#include "core/file/journal.hpp"
#include "core/log/recorder.hpp"
#include "core/file/session_file.hpp"
#include "tests/fuzz/fuzz_common.hpp"

using namespace gemba;
namespace fs = std::filesystem;

namespace {

Session plan() {
    Session s;
    s.title = "Fuzz line";
    s.started_at = "2026-11-27T08:30:00Z";
    s.steps = {Step{1, "Pick", ValueClass::value_added, 100, 10}, Step{2, "Fasten", ValueClass::value_added, 110, 5},
               Step{3, "Inspect", ValueClass::necessary_non_value_added, 90, 0}};
    return s;
}

// A saved walk: two cycles of laps with a waste tag, a pause and an undo, recorded as the app would.
Session walk() {
    Session s = plan();
    ManualClock clock;
    Recorder r(s, clock);
    for (int i = 0; i < 6; ++i) {
        clock.advance(1000 + 100 * i);
        r.next_step();
        if (i == 1) r.tag_waste(Waste::waiting);
        if (i == 3) r.toggle_pause(), clock.advance(500), r.toggle_pause();
    }
    clock.advance(300);
    r.tag_waste(Waste::defects);
    clock.advance(300);
    r.undo();
    return s;
}

void write_file(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    GEMBA_FUZZ_CHECK(out.good(), "cannot write %s", path.c_str());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Place {
    fs::path session_file;
    const Session* saved = nullptr;  // what the session file holds; nullptr: there is none
};

// Scratch files on tmpfs (every input is written out twice): one folder per process.
struct Scratch {
    fs::path root;
    Session plan_session = plan(), walk_session = walk();
    Place places[3];
    fs::path round_trip;
    Scratch() {
        const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        root = base / ("gemba-fuzz-journal-" + std::to_string(getpid()));
        fs::remove_all(root);
        for (const char* folder : {"none", "plan", "walk", "round_trip"}) fs::create_directories(root / folder);
        places[0] = {root / "none" / "walk.json", nullptr};
        places[1] = {root / "plan" / "walk.json", &plan_session};
        places[2] = {root / "walk" / "walk.json", &walk_session};
        for (const Place& p : places)
            if (p.saved) write_file(p.session_file, session_to_json(*p.saved));
        round_trip = root / "round_trip" / "walk.json";
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
};

// The bytes with the CRC of every record whose header and payload are complete set to match the
// payload; the same bytes when there is none.
std::string with_matching_crcs(std::string bytes) {
    std::size_t pos = bytes.find('\n');
    while (pos != std::string::npos && pos + 1 < bytes.size()) {
        const std::size_t line = pos + 1, end = bytes.find('\n', line);
        if (end == std::string::npos) break;
        const std::string_view header(bytes.data() + line, end - line);
        const std::size_t a = header.find(' '), b = header.rfind(' ');
        if (a == std::string_view::npos || b == a || header.size() - b - 1 != 8) break;
        std::size_t length = 0;
        const auto [ptr, ec] = std::from_chars(header.data() + a + 1, header.data() + b, length);
        if (ec != std::errc() || ptr != header.data() + b || length > bytes.size() - end - 1) break;
        char crc[9];
        std::snprintf(crc, sizeof crc, "%08x", crc32(std::string_view(bytes).substr(end + 1, length)));
        bytes.replace(line + b + 1, 8, crc);
        pos = end + 1 + length;
        if (pos >= bytes.size() || bytes[pos] != '\n') break;
    }
    return bytes;
}

void check_journal(Scratch& scratch, std::string_view bytes) {

    const JournalReadResult read = parse_journal(bytes, "fuzz.journal");
    GEMBA_FUZZ_CHECK(read.contents.has_value() != read.problem.has_value(), "parse_journal: contents %d, problem %d",
                     read.contents.has_value(), read.problem.has_value());
    if (read.problem) GEMBA_FUZZ_CHECK(!read.problem->what.empty(), "a refused journal without a message");

    if (read.contents) {
        // Written again as the app writes journals, it reads back the same.
        const JournalContents& c = *read.contents;
        std::string error;
        const Plan base = c.plan ? *c.plan : scratch.plan_session.plan();
        auto journal = Journal::start(scratch.round_trip, base, c.last_saved_event, error);
        GEMBA_FUZZ_CHECK(journal != nullptr, "Journal::start: %s", error.c_str());
        for (const Event& e : c.events)
            GEMBA_FUZZ_CHECK(journal->append_event(e, error), "append_event: %s", error.c_str());
        journal.reset();
        const std::string written = read_file(journal_path_for(scratch.round_trip));
        const JournalReadResult again = parse_journal(written, "again.journal");
        GEMBA_FUZZ_CHECK(again.contents.has_value(), "a journal written from a read one does not read: %s",
                         again.problem->message().c_str());
        const JournalContents& a = *again.contents;
        GEMBA_FUZZ_CHECK(a.notices.empty(), "a rewritten journal reads with a notice: %s", a.notices.front().c_str());
        GEMBA_FUZZ_CHECK(a.last_saved_event == c.last_saved_event, "last saved id changed: %lld -> %lld",
                         static_cast<long long>(c.last_saved_event), static_cast<long long>(a.last_saved_event));
        GEMBA_FUZZ_CHECK(a.events == c.events, "events changed through a rewrite (%zu -> %zu)", c.events.size(),
                         a.events.size());
        GEMBA_FUZZ_CHECK(a.plan && plan_to_json(*a.plan) == plan_to_json(base), "the plan changed through a rewrite");
    }

    for (const Place& place : scratch.places) {
        write_file(journal_path_for(place.session_file), bytes);
        const RecoveryResult result = recover(place.session_file);
        GEMBA_FUZZ_CHECK(result.recovery.has_value() != result.problem.has_value(), "recover: recovery %d, problem %d",
                         result.recovery.has_value(), result.problem.has_value());
        if (!result.recovery) {
            GEMBA_FUZZ_CHECK(!result.problem->what.empty(), "recovery refused without a message");
            continue;
        }
        GEMBA_FUZZ_CHECK(read.contents.has_value(), "recovered from a journal that parse_journal refuses");
        const Recovery& r = *result.recovery;
        GEMBA_FUZZ_CHECK(r.session_file_exists == (place.saved != nullptr), "session_file_exists is wrong");
        GEMBA_FUZZ_CHECK(r.recovered_events + r.already_saved + r.not_recovered == read.contents->events.size(),
                         "recovered %zu + already saved %zu + not recovered %zu != %zu journal events",
                         r.recovered_events, r.already_saved, r.not_recovered, read.contents->events.size());
        if (place.saved) {
            const auto& saved = place.saved->events;
            GEMBA_FUZZ_CHECK(r.session.events.size() == saved.size() + r.recovered_events,
                             "recovered session has %zu events, saved %zu + recovered %zu", r.session.events.size(),
                             saved.size(), r.recovered_events);
            GEMBA_FUZZ_CHECK(std::equal(saved.begin(), saved.end(), r.session.events.begin()),
                             "recovery changed the saved events");
        }
        std::optional<LogError> error;
        const LogState state = LogState::replay(r.session, &error);
        GEMBA_FUZZ_CHECK(!error, "the recovered log does not replay: event %lld: %s",
                         static_cast<long long>(error->event_id), error->message.c_str());
        const auto problem = check_session(r.session, "recovered.json");
        GEMBA_FUZZ_CHECK(!problem, "a recovered session cannot be saved: %s", problem->message().c_str());
        const std::int64_t last_t = r.session.events.empty() ? 0 : r.session.events.back().t_ms;
        fuzz::exercise_derived(r.session, state, last_t + 1000);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Scratch scratch;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    check_journal(scratch, bytes);
    const std::string fixed = with_matching_crcs(std::string(bytes));
    if (fixed != bytes) check_journal(scratch, fixed);
    return 0;
}
