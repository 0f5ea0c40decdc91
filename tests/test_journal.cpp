// The journal: every tap on disk at once; recovery after a crash keeps exactly what was recorded.
#include <doctest/doctest.h>

#include <unistd.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/log/clock.hpp"
#include "core/file/journal.hpp"
#include "core/log/recorder.hpp"
#include "core/file/session_file.hpp"
#include "tests/support.hpp"

using namespace gemba;
namespace fs = std::filesystem;
using gemba::test::read_all;
using gemba::test::TempFolder;
using gemba::test::write_all;

namespace {



Session plan() {
    Session s;
    s.title = "Journal line";
    s.started_at = "2026-11-27T08:00:00Z";
    s.steps = {Step{1, "Pick", ValueClass::value_added, 100, 10}, Step{2, "Fasten", ValueClass::value_added, 110, 10}};
    s.settings.debounce_ms = 0;
    return s;
}

// A walk that journals every event as the GUI does: record, then append.
struct JournaledWalk {
    Session session = plan();
    ManualClock clock;
    Recorder recorder{session, clock};
    std::unique_ptr<Journal> journal;

    JournaledWalk(const fs::path& file, EventId last_saved = kNoEvent) {
        std::string error;
        journal = Journal::start(file, session, last_saved, error);
        REQUIRE_MESSAGE(journal, error);
    }
    void tap(TapResult (Recorder::*action)(), std::int64_t advance_ms = 1000) {
        clock.advance(advance_ms);
        const TapResult result = (recorder.*action)();
        REQUIRE(result.recorded);
        std::string error;
        REQUIRE_MESSAGE(journal->append_event(session.events.back(), error), error);
    }
    void waste(Waste w) {
        clock.advance(300);
        REQUIRE(recorder.tag_waste(w, "seen at the rack").recorded);
        std::string error;
        REQUIRE(journal->append_event(session.events.back(), error));
    }
};

}  // namespace

TEST_CASE("crc32 matches the published check value") {
    // The CRC-32/ISO-HDLC check value of "123456789" is 0xCBF43926 (the zip/PNG CRC).
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32("") == 0u);
}

TEST_CASE("a journal of a never-saved walk recovers the plan and every event") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);
    walk.waste(Waste::waiting);
    walk.tap(&Recorder::undo);
    walk.tap(&Recorder::next_step);
    REQUIRE(walk.session.events.size() == 5);

    CHECK(has_journal(file));
    const RecoveryResult result = recover(file);
    REQUIRE_MESSAGE(result.recovery, (result.problem ? result.problem->message() : ""));
    const Recovery& r = *result.recovery;
    CHECK_FALSE(r.session_file_exists);
    CHECK(r.recovered_events == 5);
    CHECK(r.already_saved == 0);
    CHECK(r.notices.empty());
    CHECK(r.session.title == "Journal line");
    CHECK(r.session.steps.size() == 2);
    CHECK(r.session.events == walk.session.events);

    REQUIRE(apply_recovery(file, r).ok);
    CHECK_FALSE(has_journal(file));
    const LoadResult saved = load_session(file);
    REQUIRE(saved.ok());
    CHECK(saved.session->events == walk.session.events);
}

TEST_CASE("events already in the session file are not doubled") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);
    // Saved, then the crash came before the journal was started anew: the journal still holds both.
    REQUIRE(save_session(file, walk.session).ok);
    walk.tap(&Recorder::next_step);

    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK(result.recovery->session_file_exists);
    CHECK(result.recovery->already_saved == 2);
    CHECK(result.recovery->recovered_events == 1);
    CHECK(result.recovery->session.events == walk.session.events);
}

TEST_CASE("a plan record that does not load is left out alone: the events after it are kept") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.tap(&Recorder::next_step);
    // Sound bytes, a plan a file cannot hold: step 2 has no name (as an empty Setup field once wrote).
    Plan unnamed = walk.session.plan();
    unnamed.steps[1].name.clear();
    std::string error;
    REQUIRE(walk.journal->append_plan(unnamed, error));
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);

    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK(result.recovery->recovered_events == 3);
    CHECK(result.recovery->session.events == walk.session.events);
    CHECK(result.recovery->session.steps[1].name == "Fasten");  // the plan before it stays the latest
    REQUIRE(result.recovery->notices.size() == 1);
    CHECK_MESSAGE(result.recovery->notices[0].find("record 3 holds a plan that cannot be read (/steps/1/name: the "
                                                   "step's name is empty); it alone is left out") != std::string::npos,
                  result.recovery->notices[0]);
}

TEST_CASE("a torn last record is dropped alone with a notice and everything before it is kept") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);
    const std::string bytes = read_all(journal_path_for(file));

    for (std::size_t cut : {std::size_t{1}, std::size_t{5}, std::size_t{20}, std::size_t{60}}) {
        CAPTURE(cut);
        write_all(journal_path_for(file), bytes.substr(0, bytes.size() - cut));
        const RecoveryResult result = recover(file);
        REQUIRE(result.recovery);
        CHECK(result.recovery->recovered_events == 2);
        REQUIRE(result.recovery->notices.size() == 1);
        CHECK(result.recovery->notices[0].find("record 4 is incomplete") != std::string::npos);
        CHECK(result.recovery->session.events ==
              std::vector<Event>(walk.session.events.begin(), walk.session.events.begin() + 2));
    }
}

TEST_CASE("a damaged record in the middle stops recovery there and says so") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);
    std::string bytes = read_all(journal_path_for(file));
    // Change one character inside the second event's payload ("t_ms": 2000 -> 9000).
    const std::size_t second = bytes.find("\"t_ms\": 2000");
    REQUIRE(second != std::string::npos);
    bytes[second + 8] = '9';
    write_all(journal_path_for(file), bytes);

    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK(result.recovery->recovered_events == 1);
    REQUIRE(result.recovery->notices.size() == 1);
    CHECK(result.recovery->notices[0].find("record 3 is damaged") != std::string::npos);
}

TEST_CASE("what is not a journal, or a newer one, is refused with a clear message") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    write_all(journal_path_for(file), "{\"format_version\": 1}\n");
    RecoveryResult result = recover(file);
    REQUIRE(result.problem);
    CHECK(result.problem->message().find("is not a Gemba journal") != std::string::npos);

    write_all(journal_path_for(file), "gemba-journal 2 0\n");
    result = recover(file);
    REQUIRE(result.problem);
    CHECK(result.problem->message().find("newer") != std::string::npos);

    write_all(journal_path_for(file), "gemba-journal 1 0\n");
    result = recover(file);
    REQUIRE(result.problem);
    CHECK(result.problem->message().find("no plan") != std::string::npos);
}

TEST_CASE("a plan changed after the last save is recovered with the events") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.tap(&Recorder::next_step);
    REQUIRE(save_session(file, walk.session).ok);
    std::string error;
    walk.journal = Journal::start(file, walk.session, walk.session.events.back().id, error);
    REQUIRE(walk.journal);
    walk.session.steps[1].name = "Fasten 4 screws";
    REQUIRE(walk.journal->append_plan(walk.session, error));
    walk.tap(&Recorder::next_step);

    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK(result.recovery->plan_changed);
    CHECK(result.recovery->session.steps[1].name == "Fasten 4 screws");
    CHECK(result.recovery->recovered_events == 1);
    CHECK(result.recovery->already_saved == 0);
    CHECK(result.recovery->session.events.size() == 2);
}

namespace {

// Forwards to the real file system, failing the chosen operation.
struct FailingFs : FileSystem {
    enum class Fail { none, open, write, short_then_fail, fsync };
    Fail fail = Fail::none;
    int error = EIO;
    FileSystem& real = posix_file_system();
    int calls = 0;

    int make_temp(std::string& t) override { return real.make_temp(t); }
    ssize_t write(int fd, const void* data, std::size_t size) override {
        if (fail == Fail::write) return errno = error, -1;
        if (fail == Fail::short_then_fail && calls++ > 0) return errno = error, -1;
        if (fail == Fail::short_then_fail) return real.write(fd, data, size / 2);
        return real.write(fd, data, size);
    }
    int fsync(int fd) override {
        if (fail == Fail::fsync) return errno = error, -1;
        return real.fsync(fd);
    }
    int fchmod(int fd, mode_t mode) override { return real.fchmod(fd, mode); }
    int close(int fd) override { return real.close(fd); }
    int rename(const char* a, const char* b) override { return real.rename(a, b); }
    int unlink(const char* p) override { return real.unlink(p); }
    int open_directory(const char* p) override { return real.open_directory(p); }
    int file_mode(const char* p) override { return real.file_mode(p); }
    int open_for_append(const char* p, bool truncate) override {
        if (fail == Fail::open) return errno = error, -1;
        return real.open_for_append(p, truncate);
    }
};

}  // namespace

TEST_CASE("a journal that cannot be written says so, naming the journal and the reason") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    Session s = plan();
    std::string error;

    SUBCASE("open") {
        FailingFs failing;
        failing.fail = FailingFs::Fail::open;
        failing.error = ENOSPC;
        CHECK(Journal::start(file, s, kNoEvent, error, failing) == nullptr);
        CHECK(error.find("walk.json.journal") != std::string::npos);
        CHECK(error.find("No space left on device") != std::string::npos);
    }
    for (auto fail : {FailingFs::Fail::write, FailingFs::Fail::short_then_fail, FailingFs::Fail::fsync}) {
        CAPTURE(static_cast<int>(fail));
        FailingFs failing;
        auto journal = Journal::start(file, s, kNoEvent, error, failing);
        REQUIRE(journal);
        failing.fail = fail;
        Event e;
        e.id = 1;
        e.kind = EventKind::step_start;
        e.step = 1;
        error.clear();
        CHECK_FALSE(journal->append_event(e, error));
        CHECK(error.find("walk.json.journal") != std::string::npos);
        CHECK(error.find("Input/output error") != std::string::npos);
    }
}

TEST_CASE("bad journals: each gives a clear problem, or recovers what is sound and says what is not") {
    struct Expected {
        const char* file;
        std::optional<std::size_t> recovered;  // empty: nothing can be recovered (a problem)
        const char* says;                      // in the problem, or in the one notice
    };
    // Hand-made in tests/golden/bad_journal: a plan of steps 1 and 2, then events.
    const Expected table[] = {
        {"empty.journal", std::nullopt, "is empty (0 bytes)"},
        {"not_a_journal.journal", std::nullopt, "is not a Gemba journal"},
        {"binary_garbage.journal", std::nullopt, "is not a Gemba journal"},
        {"newer_version.journal", std::nullopt, "journal version 9 is newer than this Gemba reads"},
        {"version_zero.journal", std::nullopt, "journal version 0 does not exist"},
        {"header_garbage.journal", std::nullopt, "line 1: the journal's header is damaged"},
        {"negative_base.journal", std::nullopt, "line 1: the journal's header is damaged"},
        {"header_only.journal", std::nullopt, "holds no plan and the session file does not exist"},
        {"no_plan_events_only.journal", std::nullopt, "holds no plan"},
        {"plan_not_a_session.journal", std::nullopt, "missing field 'format_version'"},
        {"invalid_utf8.journal", std::nullopt, "not valid UTF-8"},
        {"torn_mid_header.journal", 2, "record 4 is incomplete"},
        {"torn_mid_payload.journal", 2, "record 4 is incomplete"},
        {"torn_missing_newline.journal", 2, "record 4 is incomplete"},
        {"bad_crc_last.journal", 2, "record 4 is incomplete"},
        {"nul_bytes_tail.journal", 3, "record 5 is incomplete"},
        {"bad_crc_middle.journal", 1, "record 3 is damaged (its checksum does not match)"},
        {"unknown_record_kind.journal", 0, "record 2 has a damaged header"},
        {"huge_length.journal", 0, "record 2 has a damaged header"},
        {"length_not_a_number.journal", 0, "record 2 has a damaged header"},
        {"crc_not_hex.journal", 0, "record 2 has a damaged header"},
        {"event_not_json.journal", 0, "record 2 holds an event that cannot be read (line 1, column 2"},
        {"event_wrong_type.journal", 0, "/event/id: expected a whole number, found the text \"1\""},
        {"event_unknown_kind.journal", 0, "unknown event kind 'teleport'"},
        {"event_unknown_step.journal", 0, "unknown step id 7); it is not recovered"},
        {"event_not_fitting_log.journal", 0, "step 1 is not running"},
        {"event_time_backwards.journal", 2, "time 0.500 s is before the previous event's 1.000 s"},
        {"duplicate_event_id.journal", 1, "event id 1 is not above the previous id 1"},
    };
    const fs::path corpus = fs::path(GEMBA_SOURCE_DIR) / "tests/golden/bad_journal";
    std::size_t files_in_corpus = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(corpus)) ++files_in_corpus;
    CHECK(files_in_corpus == std::size(table));
    for (const Expected& expected : table) {
        CAPTURE(expected.file);
        TempFolder folder;
        fs::copy_file(corpus / expected.file, journal_path_for(folder.path() / "walk.json"));
        const RecoveryResult result = recover(folder.path() / "walk.json");
        if (!expected.recovered) {
            REQUIRE(result.problem);
            CHECK(result.problem->message().find("walk.json.journal: ") != std::string::npos);
            CHECK_MESSAGE(result.problem->message().find(expected.says) != std::string::npos, result.problem->message());
            continue;
        }
        REQUIRE(result.recovery);
        CHECK(result.recovery->recovered_events == *expected.recovered);
        REQUIRE(result.recovery->notices.size() == 1);
        CHECK_MESSAGE(result.recovery->notices[0].find(expected.says) != std::string::npos, result.recovery->notices[0]);
        // Nothing on disk changes while reading.
        CHECK_FALSE(fs::exists(folder.path() / "walk.json"));
    }
}

TEST_CASE("a 100 MB journal of valid taps is read whole") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    Session s = plan();
    std::string bytes = "gemba-journal 1 0\n";
    const std::string plan_json = session_to_json(s);
    bytes += "plan " + std::to_string(plan_json.size()) + " " + [&] {
        char hex[9];
        std::snprintf(hex, sizeof hex, "%08x", crc32(plan_json));
        return std::string(hex);
    }() + "\n" + plan_json + "\n";
    // Waste tags with a long note: 100 MB in about 100,000 records.
    const std::string note(900, 'n');
    EventId id = 0;
    while (bytes.size() < 100u * 1024 * 1024) {
        Event e;
        e.id = ++id;
        e.t_ms = id * 10;
        e.kind = EventKind::waste_tag;
        e.waste = Waste::motion;
        e.text = note;
        const std::string payload = event_to_json(e);
        char hex[9];
        std::snprintf(hex, sizeof hex, "%08x", crc32(payload));
        bytes += "event " + std::to_string(payload.size()) + " " + hex + "\n" + payload + "\n";
    }
    write_all(journal_path_for(file), bytes);
    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK(result.recovery->recovered_events == static_cast<std::size_t>(id));
    CHECK(result.recovery->notices.empty());
}

namespace {

struct CliRun {
    int exit_code = -1;
    std::string out, err;
};

CliRun cli(const std::string& arguments, const fs::path& folder) {
    const fs::path out = folder / "cli.out", err = folder / "cli.err";
    const int status = std::system((std::string(GEMBA_CLI_PATH) + " " + arguments + " > " + out.string() + " 2> " +
                                    err.string()).c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_all(out), read_all(err)};
}

}  // namespace

TEST_CASE("gemba-cli check warns of a journal, and recover shows, writes or discards it only when told") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    {
        JournaledWalk walk(file);
        walk.tap(&Recorder::next_step);
        walk.waste(Waste::defects);
        REQUIRE(save_session(file, plan()).ok);  // the file holds the plan only: both events are unsaved
    }
    const std::string before = read_all(file);

    CliRun check = cli("check " + file.string(), folder.path());
    CHECK(check.exit_code == 4);
    CHECK(check.err.find("has a journal of unsaved events") != std::string::npos);

    CliRun dry = cli("recover " + file.string(), folder.path());
    CHECK(dry.exit_code == 4);
    CHECK(dry.out.find("2 event(s) recorded after the last save can be recovered") != std::string::npos);
    CHECK(dry.out.find("Start Pick") != std::string::npos);
    CHECK(dry.out.find("Defects at Pick") != std::string::npos);
    CHECK(read_all(file) == before);
    CHECK(has_journal(file));

    SUBCASE("--yes writes them in and removes the journal") {
        CliRun done = cli("recover " + file.string() + " --yes", folder.path());
        CHECK(done.exit_code == 0);
        CHECK_FALSE(has_journal(file));
        const LoadResult loaded = load_session(file);
        REQUIRE(loaded.ok());
        REQUIRE(loaded.session->events.size() == 2);
        CHECK(loaded.session->events[1].waste == Waste::defects);
        CHECK(cli("check " + file.string(), folder.path()).exit_code == 0);
    }
    SUBCASE("--discard asks for --yes, then removes the journal and leaves the file") {
        CHECK(cli("recover " + file.string() + " --discard", folder.path()).exit_code == 4);
        CHECK(has_journal(file));
        CHECK(cli("recover " + file.string() + " --discard --yes", folder.path()).exit_code == 0);
        CHECK_FALSE(has_journal(file));
        CHECK(read_all(file) == before);
    }
}

TEST_CASE("a plan record holds the plan alone: byte for byte a session file without events") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.tap(&Recorder::next_step);
    walk.tap(&Recorder::next_step);
    walk.session.steps[0].name = "Pick up";
    std::string error;
    REQUIRE_MESSAGE(walk.journal->append_plan(walk.session, error), error);

    // What journals written before the plan was its own type hold: the whole session, emptied of events.
    Session emptied = walk.session;
    emptied.events.clear();
    const std::string payload = session_to_json(emptied);
    CHECK(plan_to_json(walk.session) == payload);
    char crc[9];
    std::snprintf(crc, sizeof crc, "%08x", crc32(payload));
    const std::string record = "plan " + std::to_string(payload.size()) + " " + crc + "\n" + payload + "\n";
    CHECK(read_all(journal_path_for(file)).ends_with(record));
    const JournalReadResult read = read_journal(journal_path_for(file));
    REQUIRE(read.contents);
    REQUIRE(read.contents->plan);
    CHECK(read.contents->plan->steps[0].name == "Pick up");
    CHECK(read.contents->events.size() == 2);
}

// --- What a recovery leaves out is kept ------------------------------------------------------------

namespace {

const fs::path kBadJournals = fs::path(GEMBA_SOURCE_DIR) / "tests/golden/bad_journal";

// Every entry of a folder, by name.
std::vector<std::string> names_in(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Forwards to the real file system; renaming a journal aside fails.
struct NoRenameAsideFs : FailingFs {
    int rename(const char* from, const char* to) override {
        if (std::string(to).find(".unrecovered-") != std::string::npos) return errno = EACCES, -1;
        return real.rename(from, to);
    }
};

}  // namespace

TEST_CASE("the side file's name: the journal's, then unrecovered- and the UTC time, never one already there") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    // 2026-11-28 23:15:00 UTC is 1,795,907,700 s after the epoch (20,420 days and 83,700 s).
    const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1795907700));
    const fs::path first = unrecovered_path_for(file, at);
    CHECK(first == folder.path() / "walk.json.journal.unrecovered-20261128T231500Z");
    write_all(first, "taken");
    CHECK(unrecovered_path_for(file, at) == folder.path() / "walk.json.journal.unrecovered-20261128T231500Z-2");
    // Not a journal's name: nothing takes it for walk.json's journal.
    CHECK_FALSE(has_journal(file));
}

TEST_CASE("recovery past a damaged middle record keeps the whole journal aside, byte for byte") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    const std::string original = read_all(kBadJournals / "bad_crc_middle.journal");
    write_all(journal_path_for(file), original);

    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    const Recovery& r = *result.recovery;
    // Record 1 is the plan, record 2 event 1; record 3 fails its checksum; record 4 (event 3) is intact
    // but comes after the damage: left out, with record 3.
    CHECK(r.recovered_events == 1);
    CHECK(r.leaves_something_out());
    CHECK(r.gives_something_back());

    const AppliedRecovery applied = apply_recovery(file, r);
    REQUIRE_MESSAGE(applied.ok, applied.error);
    REQUIRE_FALSE(applied.kept_aside.empty());
    CHECK(applied.kept_aside.parent_path() == folder.path());
    CHECK(applied.kept_aside.filename().string().starts_with("walk.json.journal.unrecovered-"));
    CHECK(read_all(applied.kept_aside) == original);
    CHECK_FALSE(has_journal(file));
    CHECK(names_in(folder.path()) ==
          std::vector<std::string>{"walk.json", applied.kept_aside.filename().string()});
    const LoadResult loaded = load_session(file);
    REQUIRE(loaded.ok());
    CHECK(loaded.session->events.size() == 1);

    // Put back as the journal, it recovers to the same place: the event given back is in the file now.
    fs::rename(applied.kept_aside, journal_path_for(file));
    const RecoveryResult again = recover(file);
    REQUIRE(again.recovery);
    CHECK(again.recovery->already_saved == 1);
    CHECK(again.recovery->recovered_events == 0);
    CHECK(again.recovery->notices.size() == 1);
}

TEST_CASE("an event the log refuses, or a plan record that does not load, is kept aside, not deleted") {
    for (const char* name : {"event_not_fitting_log.journal", "event_time_backwards.journal",
                             "duplicate_event_id.journal", "torn_mid_payload.journal"}) {
        CAPTURE(name);
        TempFolder folder;
        const fs::path file = folder.path() / "walk.json";
        const std::string original = read_all(kBadJournals / name);
        write_all(journal_path_for(file), original);
        const RecoveryResult result = recover(file);
        REQUIRE(result.recovery);
        const AppliedRecovery applied = apply_recovery(file, *result.recovery);
        REQUIRE_MESSAGE(applied.ok, applied.error);
        REQUIRE_FALSE(applied.kept_aside.empty());
        CHECK(read_all(applied.kept_aside) == original);
        CHECK_FALSE(has_journal(file));
    }
    SUBCASE("a plan record that does not load, between intact events") {
        TempFolder folder;
        const fs::path file = folder.path() / "walk.json";
        JournaledWalk walk(file);
        walk.tap(&Recorder::next_step);
        Session unnamed = walk.session;
        unnamed.steps[0].name.clear();  // a plan Gemba should not write: it does not load
        std::string error;
        REQUIRE(walk.journal->append_plan(unnamed, error));
        walk.tap(&Recorder::next_step);
        const std::string original = read_all(journal_path_for(file));
        const RecoveryResult result = recover(file);
        REQUIRE(result.recovery);
        CHECK(result.recovery->recovered_events == 2);
        const AppliedRecovery applied = apply_recovery(file, *result.recovery);
        REQUIRE(applied.ok);
        CHECK(read_all(applied.kept_aside) == original);
    }
}

TEST_CASE("a recovery that leaves nothing out removes the journal and keeps no side file") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    {
        JournaledWalk walk(file);
        walk.tap(&Recorder::next_step);
    }
    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK_FALSE(result.recovery->leaves_something_out());
    const AppliedRecovery applied = apply_recovery(file, *result.recovery);
    REQUIRE(applied.ok);
    CHECK(applied.kept_aside.empty());
    CHECK(names_in(folder.path()) == std::vector<std::string>{"walk.json"});
}

TEST_CASE("a journal that cannot be set aside stays the journal, and the failure is said") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    const std::string original = read_all(kBadJournals / "bad_crc_middle.journal");
    write_all(journal_path_for(file), original);
    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    NoRenameAsideFs failing;
    const AppliedRecovery applied = apply_recovery(file, *result.recovery, failing);
    CHECK_FALSE(applied.ok);
    CHECK(applied.error.find("could not be kept aside") != std::string::npos);
    CHECK(applied.error.find("Permission denied") != std::string::npos);
    CHECK(read_all(journal_path_for(file)) == original);
}

TEST_CASE("a journal that is a named pipe is refused as not a regular file, without blocking") {
    TempFolder folder;
    const fs::path fifo = folder.path() / "walk.json.journal";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // No writer ever opens it: opening it for reading would block for ever.
    const JournalReadResult read = read_journal(fifo);
    REQUIRE(read.problem);
    CHECK(read.problem->message().find("is not a regular file (it is a named pipe (FIFO))") != std::string::npos);
}

TEST_CASE("queue counts and a plan with queues are journaled and recovered like any tap") {
    TempFolder folder;
    const fs::path file = folder.path() / "walk.json";
    JournaledWalk walk(file);
    walk.session.queues = {Queue{1, "Kits waiting", 2, 6}};
    walk.session.steps[1].touched_by = {"Fitter"};
    std::string error;
    REQUIRE_MESSAGE(walk.journal->append_plan(walk.session, error), error);
    walk.tap(&Recorder::next_step);
    const auto count = [&](std::int64_t delta) {
        walk.clock.advance(500);
        REQUIRE(walk.recorder.count_queue_by(1, delta).recorded);
        REQUIRE_MESSAGE(walk.journal->append_event(walk.session.events.back(), error), error);
    };
    count(+1);
    count(+1);
    count(-1);
    walk.tap(&Recorder::undo);  // the −1 taken back: 2 stand

    const RecoveryResult result = recover(file);
    REQUIRE_MESSAGE(result.recovery, (result.problem ? result.problem->message() : ""));
    const Recovery& r = *result.recovery;
    CHECK(r.notices.empty());
    REQUIRE(r.session.queues.size() == 1);
    CHECK(r.session.queues[0] == walk.session.queues[0]);
    CHECK(r.session.steps[1].touched_by == std::vector<std::string>{"Fitter"});
    CHECK(r.session.events == walk.session.events);
    REQUIRE(apply_recovery(file, r).ok);
    const LoadResult saved = load_session(file);
    REQUIRE(saved.ok());
    CHECK(saved.state.last_count(1) == std::optional<std::int64_t>(2));
    CHECK(saved.state.queue_counts().size() == 2);
}
