// The journal: every tap written to disk the moment it is made, so that a crash, a kill or a dead
// battery loses nothing recorded since the last save.
//
// It lives beside the session file (walk.json -> walk.json.journal) and only grows: each record is
// appended and fsynced, so a tap costs the same however long the walk is. A clean save folds it into
// the session file (atomically) and starts it anew. After a crash, recover() reads the session file
// and the journal together.
//
// Format (text, one record after another):
//   gemba-journal 1 <last event id already in the session file>\n
//   <kind> <payload bytes> <crc32 of the payload, 8 hex digits>\n<payload>\n
// kind is "plan" (payload: a session file's JSON without events: the plan as it is now) or "event"
// (payload: {"event": {...}} as in a session file). A record cut short or failing its checksum at
// the end of the file is a torn write (power cut) and is dropped alone, with a notice. A whole plan
// record that does not load is dropped alone too, with a notice; the records after it are kept.
// Whatever a recovery leaves out is never deleted: apply_recovery keeps the journal, byte for byte,
// as a side file beside the session (unrecovered_path_for).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/file/atomic_file.hpp"
#include "core/model/session.hpp"
#include "core/file/session_file.hpp"

namespace gemba {

inline constexpr int kJournalVersion = 1;

std::filesystem::path journal_path_for(const std::filesystem::path& session_file);

// CRC-32 (IEEE 802.3, as in zip and PNG) of bytes.
std::uint32_t crc32(std::string_view bytes);

class Journal {
public:
    // Starts the journal of a session (to be) saved at session_file, replacing any old journal:
    // the header names the last event already saved, and a plan record holds the plan, so that a
    // session never saved can be recovered too. Empty on failure, with `error` set.
    static std::unique_ptr<Journal> start(const std::filesystem::path& session_file, const Plan& plan,
                                          EventId last_saved_event, std::string& error,
                                          FileSystem& fs = posix_file_system());
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // Appends and fsyncs; false (with `error`) when the record may not be on disk.
    bool append_event(const Event& event, std::string& error);
    // The plan alone: its cost does not grow with the event log.
    bool append_plan(const Plan& plan, std::string& error);
    // Removes the journal file (its contents were saved, or the user discarded them).
    bool remove(std::string& error);

    const std::filesystem::path& path() const { return path_; }

private:
    Journal(FileSystem& fs, int fd, std::filesystem::path path) : fs_(fs), fd_(fd), path_(std::move(path)) {}
    bool append(std::string_view record, std::string& error);

    FileSystem& fs_;
    int fd_;
    std::filesystem::path path_;
};

// What a journal holds, read back.
struct JournalContents {
    EventId last_saved_event = kNoEvent;
    std::optional<Plan> plan;  // the latest plan record
    std::vector<Event> events;
    std::vector<std::string> notices;  // torn or damaged records, in words
};

struct JournalReadResult {
    std::optional<JournalContents> contents;
    std::optional<FileProblem> problem;  // not a journal at all (or unreadable)
};

// Reads a journal's bytes; `name` stands for the file in messages.
JournalReadResult parse_journal(std::string_view bytes, const std::string& name);
JournalReadResult read_journal(const std::filesystem::path& journal_file);

struct Recovery {
    Session session;                  // the session file (or the journal's plan) with the journal applied
    std::size_t recovered_events = 0; // events recorded after the last save, now in `session`
    std::size_t already_saved = 0;    // journal events the session file already holds
    std::size_t not_recovered = 0;    // events that could not be applied (see notices)
    bool plan_changed = false;        // the journal's plan differs from the file's
    bool session_file_exists = false;
    std::vector<std::string> notices;  // one for each thing left out: damaged records, refused events ...

    // Something in the journal is not in `session` (each said in a notice): applying keeps the
    // journal aside instead of removing it.
    bool leaves_something_out() const { return !notices.empty(); }
    // Applying would give something back: events after the last save, the latest plan, or a walk
    // that was never saved.
    bool gives_something_back() const { return recovered_events > 0 || plan_changed || !session_file_exists; }
};

struct RecoveryResult {
    std::optional<Recovery> recovery;
    std::optional<FileProblem> problem;
};

bool has_journal(const std::filesystem::path& session_file);
// Reads the session file (when it exists) and its journal together; changes nothing on disk.
RecoveryResult recover(const std::filesystem::path& session_file);

// Where apply_recovery keeps a journal whose records were not all recovered:
// "walk.json.journal.unrecovered-20261128T231500Z" at `utc` (then "-2", "-3" ... if that is taken).
// Not a journal's name: no later recovery, check or start screen takes it for one.
std::filesystem::path unrecovered_path_for(const std::filesystem::path& session_file,
                                           std::chrono::system_clock::time_point utc);

struct AppliedRecovery {
    bool ok = true;
    std::string error;  // names the file and the problem
    // Where the journal was kept, whole, because the recovery left something out; empty when the
    // journal was removed (everything in it is in the session file).
    std::filesystem::path kept_aside;
};

// Writes the recovered session to its file (atomically), then removes the journal, or, when the
// recovery left something out, renames it to unrecovered_path_for (atomic, folder fsynced). On
// failure the journal stays where it was.
AppliedRecovery apply_recovery(const std::filesystem::path& session_file, const Recovery& recovery,
                               FileSystem& fs = posix_file_system());
// How to look at a side file, for messages: "it is text: ...".
std::string how_to_read_unrecovered(const std::filesystem::path& session_file, const std::filesystem::path& kept_aside);

}  // namespace gemba
