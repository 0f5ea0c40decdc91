// The session file: JSON documented in data/schema/session.schema.json. Read in two passes: the
// first (json_scan) checks the JSON and reads format_version and the events (event_json), then the
// reader of the file's version reads the plan (plan_json, cereal) and migrates to the current model.
//
// Opening never half-loads: a file is either loaded whole and valid (its log replays under the
// rules of log_state.hpp) or refused with one message that names the file, the place in it (a line
// and column for broken JSON, a JSON Pointer such as /events/12/end_ms otherwise) and the problem.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/file/atomic_file.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// Version 1 is the first format; version 2 adds the value stream (who touches each step, its process
// data, queues and their counts); version 3 the time-study helpers (a step's Westinghouse grades and
// allowance items, the required-cycles method); version 4 the improvement (problems, whys, ideas,
// actions); version 5 the work sampling study and its observation and round_skip events. A file
// with a larger version is refused, not guessed at.
inline constexpr int kFormatVersion = 5;

// Files larger than this are refused before they are read (a walk of a year is far smaller).
inline constexpr std::uintmax_t kMaxSessionFileBytes = 512ull * 1024 * 1024;

struct FileProblem {
    std::string file;   // as given by the caller
    std::string where;  // "line 3, column 14", "/events/12/end_ms" or "" for the whole file
    std::string what;   // "expected an integer (milliseconds)"

    // "walk.json: /events/12/end_ms: expected an integer (milliseconds)"
    std::string message() const;
};

struct LoadResult {
    std::optional<Session> session;  // set when the file was loaded
    // The loaded session's log as the checks replayed it: a Recorder takes it over
    // (Recorder(session, clock, state)) instead of replaying a large log a second time.
    LogState state;
    std::optional<FileProblem> problem;
    bool ok() const { return session.has_value(); }
};

// Why `path` is not a file to read, without opening it (a FIFO would block the reader): "is a
// folder, not a session file", "is not a regular file (a named pipe (FIFO))"; none for a regular
// file, or for one that does not exist (opening it says so).
std::optional<std::string> not_a_regular_file(const std::filesystem::path& path);

LoadResult load_session(const std::filesystem::path& path);
// Parses and checks JSON text; `name` stands for the file in messages. `newest_version`: read as a
// Gemba that knows the versions up to it would (an older Gemba's rule, for tests of what it does
// with a newer file).
LoadResult parse_session(std::string_view json, const std::string& name, int newest_version = kFormatVersion);
// The same for a plan without its log (a journal's plan record, plan_to_json's text): its links
// into the log (a problem's evidence events) are not checked, since the log is elsewhere.
LoadResult parse_plan(std::string_view json, const std::string& name);

// The file's JSON text (indented, readable by a person).
std::string session_to_json(const Session& session);
// A session file without events: the plan alone, as the journal's plan record holds it.
std::string plan_to_json(const Plan& plan);

struct SaveResult {
    bool ok = true;
    std::string error;  // names the file and the problem; the previous file is unchanged
};

// Checks that the session would load again, then writes it atomically.
SaveResult save_session(const std::filesystem::path& path, const Session& session,
                        FileSystem& fs = posix_file_system());
// The same for a session whose log `replayed` holds already (a Recorder's state): the log is not
// replayed again unless the plan has lost a step it names (see check_session).
SaveResult save_session(const std::filesystem::path& path, const Session& session, const LogState& replayed,
                        FileSystem& fs = posix_file_system());

// One event as the JSON object {"event": {...}} with the fields of a session file's events, and
// back; for the journal. On failure, `problem` says where and what.
std::string event_to_json(const Event& event);
std::optional<Event> parse_event_json(std::string_view json, std::string& problem);

// Checks the session as load_session would, without a file; the problem names `name`.
std::optional<FileProblem> check_session(const Session& session, const std::string& name);
// The same, with the log's replayed state at hand: the log is replayed again only when that state
// might not hold for it (not the state of this log, or the plan lost a step the log names).
std::optional<FileProblem> check_session(const Session& session, const LogState& replayed, const std::string& name);

}  // namespace gemba
