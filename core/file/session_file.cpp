#include "core/file/session_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <system_error>

#include "core/file/event_json.hpp"
#include "core/file/json_scan.hpp"
#include "core/file/plan_json.hpp"
#include "core/file/session_checks.hpp"

namespace gemba {

using namespace detail;

namespace {

LoadResult failed(const std::string& name, Problem problem) {
    LoadResult result;
    result.problem = FileProblem{name, std::move(problem.where), std::move(problem.what)};
    return result;
}

// --------------------------------------------------------------------------------------------------
// Format versions. The first pass (json_scan) reads format_version and the events of any version;
// the file's version then picks its reader, which yields the session as that version means it, and
// each later version's migration brings it one step closer to the current model. A format change
// adds a row (read_v2 and the migration from v1) without touching the readers before it.
// --------------------------------------------------------------------------------------------------

// The events as the first pass read them (it knows every kind of every version: the kinds later
// than `version` are refused here), the plan through cereal as `version` has it.
std::optional<Problem> read_version(int version, std::string_view json, Scan& scanned, Session& session) {
    PlanMembers members;
    if (auto problem = read_plan(json, scanned, version, members)) return problem;
    if (scanned.event_problem) return std::move(scanned.event_problem);
    if (!members.has_title) return Problem{"", "missing field 'title'"};
    if (!members.has_steps) return Problem{"", "missing field 'steps'"};
    for (std::size_t i = 0; i < scanned.events.size(); ++i) {
        const EventKind kind = scanned.events[i].kind;
        if (const int since = first_format_version(kind); since > version)
            return Problem{"/events/" + std::to_string(i) + "/kind",
                           "kind '" + std::string(to_string(kind)) + "' is in format version " + std::to_string(since) +
                               " and later; this file says it is version " + std::to_string(version)};
    }
    session.plan() = std::move(members.plan);
    session.events = std::move(scanned.events);
    return std::nullopt;
}

// Version 1, the first format.
std::optional<Problem> read_v1(std::string_view json, Scan& scanned, Session& session) {
    return read_version(1, json, scanned, session);
}

// Version 2 adds the value stream: who touches each step and its process data, the queues before
// the steps, and queue_count events. Nothing of version 1 changed meaning.
std::optional<Problem> read_v2(std::string_view json, Scan& scanned, Session& session) {
    return read_version(2, json, scanned, session);
}

// Version 3 adds the classic time-study helpers: a step's Westinghouse grades ("westinghouse") and
// ILO allowance items ("allowances"), which must agree with its rating and allowance, and the
// study's required_cycles_method. Nothing of version 2 changed meaning.
std::optional<Problem> read_v3(std::string_view json, Scan& scanned, Session& session) {
    return read_version(3, json, scanned, session);
}

// Version 4 adds what the walk led to: the problems raised from its evidence, their 5 Whys and
// ideas, and the actions with their owners, due dates, statuses and expected effects
// ("improvement"). Nothing of version 3 changed meaning.
std::optional<Problem> read_v4(std::string_view json, Scan& scanned, Session& session) {
    return read_version(4, json, scanned, session);
}

// Version 5 adds the work sampling study: "study" (absent: a time study) and "sampling" (subjects,
// categories, target, the data for a standard time, the schedule with its drawn rounds), and the
// observation and round_skip events. Nothing of version 4 changed meaning.
std::optional<Problem> read_v5(std::string_view json, Scan& scanned, Session& session) {
    return read_version(5, json, scanned, session);
}

void nothing_to_migrate(Session&) {}

struct Format {
    // Reads a file of this version.
    std::optional<Problem> (*read)(std::string_view json, Scan& scanned, Session& session);
    // Turns a session read from the previous version into this version's meaning.
    void (*migrate_from_previous)(Session& session);
};

// Row N-1 is format version N.
constexpr Format kFormats[] = {
    {read_v1, nullptr},  // the first version: nothing before it to migrate from
    {read_v2, nothing_to_migrate},  // a version 1 file is a version 2 file without a value stream
    {read_v3, nothing_to_migrate},  // a version 2 file is a version 3 file whose ratings and allowances were typed
    {read_v4, nothing_to_migrate},  // a version 3 file is a version 4 file that raised no problem yet
    {read_v5, nothing_to_migrate},  // a version 4 file is a time study of version 5
};
static_assert(std::size(kFormats) == kFormatVersion, "one reader per format version, the newest last");

// The session of a scanned file in the current model, through its version's reader and the
// migrations after it. A version newer than this Gemba knows is refused, not guessed at.
// `newest`: the newest version this Gemba reads (an older Gemba's, to show what it does).
std::optional<Problem> read_by_version(std::string_view json, Scan& scanned, Session& session, int newest) {
    const std::optional<std::int64_t>& version = scanned.format_version;
    if (!version) return Problem{"", "missing field 'format_version'; is this a Gemba session file?"};
    if (*version > newest)
        return Problem{"/format_version", "format version " + std::to_string(*version) +
                                              " is newer than this Gemba reads (up to " + std::to_string(newest) +
                                              "); open it with a newer Gemba"};
    if (*version < 1) return Problem{"/format_version", "format version " + std::to_string(*version) + " does not exist"};
    const auto read_at = static_cast<std::size_t>(*version);
    if (auto problem = kFormats[read_at - 1].read(json, scanned, session)) return problem;
    for (std::size_t next = read_at; next < std::size(kFormats); ++next) kFormats[next].migrate_from_previous(session);
    return std::nullopt;
}

}  // namespace

std::string FileProblem::message() const {
    std::string out = file + ": ";
    if (!where.empty()) out += where + ": ";
    return out + what;
}

// The session in the text, read but not yet checked across fields (check_read then does).
static LoadResult read_unchecked(std::string_view json, const std::string& name, int newest = kFormatVersion) {
    // A UTF-8 byte order mark (some Windows editors write one) says nothing: skip it.
    if (json.substr(0, 3) == "\xEF\xBB\xBF") json.remove_prefix(3);
    // First pass: the JSON itself, format_version, and the events; then the version's reader.
    // A file as Gemba writes it takes a faster first pass: its events are read in their own layout,
    // and the general pass reads only the rest.
    Scan scanned;
    std::optional<CanonicalSplit> canonical = split_canonical(json);
    if (canonical) {
        if (scan(canonical->plan_text, EventsAt::session_list, scanned) || !scanned.events_span ||
            scanned.events_span->first != canonical->list_at) {
            canonical.reset();  // not the session's own events list after all: read it all the general way
            scanned = Scan{};
        } else {
            scanned.events = std::move(canonical->events);
            json = canonical->plan_text;
        }
    }
    if (!canonical)
        if (auto problem = scan(json, EventsAt::session_list, scanned)) return failed(name, std::move(*problem));
    LoadResult result;
    result.session.emplace();
    if (auto problem = read_by_version(json, scanned, *result.session, newest)) return failed(name, std::move(*problem));
    return result;
}

// The rules across fields of a session read_unchecked read; the log's replay is kept in the result.
static void check_read(LoadResult& result, const std::string& name, LogLinks links = LogLinks::checked) {
    if (auto problem = check_semantics(*result.session, &result.state, links)) result = failed(name, std::move(*problem));
}

static LoadResult parse_unguarded(std::string_view json, const std::string& name, int newest, LogLinks links) {
    LoadResult result = read_unchecked(json, name, newest);
    if (result.ok()) check_read(result, name, links);
    return result;
}

// Memory is the one thing a large, valid file can exhaust: say so instead of aborting.
static LoadResult out_of_memory(const std::string& name) {
    return failed(name, Problem{"", "is too large to open with the memory available"});
}

LoadResult parse_session(std::string_view json, const std::string& name, int newest_version) {
    try {
        return parse_unguarded(json, name, std::clamp(newest_version, 1, kFormatVersion), LogLinks::checked);
    } catch (const std::bad_alloc&) {
        return out_of_memory(name);
    }
}

LoadResult parse_plan(std::string_view json, const std::string& name) {
    try {
        return parse_unguarded(json, name, kFormatVersion, LogLinks::unchecked);
    } catch (const std::bad_alloc&) {
        return out_of_memory(name);
    }
}

namespace {

std::string kind_of_special_file(mode_t mode) {
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a plain file";
}

std::string not_regular_text(mode_t mode) {
    if (S_ISDIR(mode)) return "is a folder, not a session file";
    return "is not a regular file (it is " + kind_of_special_file(mode) + "); a session file is a plain file";
}

}  // namespace

std::optional<std::string> not_a_regular_file(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0 || S_ISREG(info.st_mode)) return std::nullopt;
    return not_regular_text(info.st_mode);
}

static LoadResult load_unguarded(const std::filesystem::path& path) {
    const std::string name = path.string();
    if (auto problem = not_a_regular_file(path)) return failed(name, Problem{"", std::move(*problem)});
    // Read into uninitialised memory (a std::string would first be zero-filled: a second pass over
    // a large file); not mapped, so that a file truncated by another program cannot crash the app.
    // O_NONBLOCK: a FIFO put in the file's place since the check above does not block the open.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return failed(name, Problem{"", "cannot be opened: " + std::generic_category().message(errno)});
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return failed(name, Problem{"", "cannot be opened: " + std::generic_category().message(error)});
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return failed(name, Problem{"", not_regular_text(info.st_mode)});
    }
    const auto size = static_cast<std::uintmax_t>(info.st_size);
    if (size > kMaxSessionFileBytes) {
        ::close(fd);
        return failed(name, Problem{"", "is larger than the " + std::to_string(kMaxSessionFileBytes / (1024 * 1024)) +
                                            " MiB a session file can be (it has " + std::to_string(size) + " bytes)"});
    }
    const auto length = static_cast<std::size_t>(size);
    std::unique_ptr<char[]> bytes(new char[length > 0 ? length : 1]);
    std::size_t got = 0;
    while (got < length) {
        const ssize_t n = ::read(fd, bytes.get() + got, length - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (got != length) return failed(name, Problem{"", "could not be read to the end"});
    LoadResult result = read_unchecked(std::string_view(bytes.get(), length), name);
    // The file's bytes are read: free them before the replay adds its state to the events.
    bytes.reset();
    if (result.ok()) check_read(result, name);
    return result;
}

LoadResult load_session(const std::filesystem::path& path) {
    try {
        return load_unguarded(path);
    } catch (const std::bad_alloc&) {
        return out_of_memory(path.string());
    }
}

std::string session_to_json(const Session& session) {
    std::string out = plan_json(session.plan());
    // The plan ends with "\n}": the events list goes in before the closing brace, one event a line.
    out.resize(out.size() - 2);
    out.reserve(out.size() + 96 * session.events.size() + 16);  // about 80 bytes an event
    out += ",\n  \"events\": [";
    for (std::size_t i = 0; i < session.events.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        append_event_json(out, session.events[i]);
    }
    out += session.events.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

std::string plan_to_json(const Plan& plan) {
    Session without_events;
    without_events.plan() = plan;
    return session_to_json(without_events);
}

std::string event_to_json(const Event& event) {
    std::string out = "{\"event\": ";
    append_event_json(out, event);
    out += '}';
    return out;
}

std::optional<Event> parse_event_json(std::string_view json, std::string& problem) {
    try {
        Scan scanned;
        if (auto syntax = scan(json, EventsAt::journal_record, scanned)) {
            problem = (syntax->where.empty() ? "" : syntax->where + ": ") + syntax->what;
            return std::nullopt;
        }
        if (!scanned.journal_shape_ok) {
            problem = "expected {\"event\": { ... }}";
            return std::nullopt;
        }
        if (scanned.event_problem) {
            problem = scanned.event_problem->where + ": " + scanned.event_problem->what;
            return std::nullopt;
        }
        return std::move(scanned.events.front());
    } catch (const std::bad_alloc&) {
        problem = "too large for the memory available";
    }
    return std::nullopt;
}

namespace {

// What loading the whole file would check: the plan through the loader itself (its text is small),
// the events' values, and the rules across fields, the log replayed unless `replayed` holds for it.
std::optional<FileProblem> check_whole(const Session& session, const LogState* replayed, const std::string& name) {
    if (auto problem = check_values(session)) return FileProblem{name, problem->where, problem->what};
    if (LoadResult plan = parse_plan(plan_json(session.plan()) + "\n", name); !plan.ok()) return plan.problem;
    if (auto problem = replayed ? check_semantics(session, *replayed) : check_semantics(session))
        return FileProblem{name, problem->where, problem->what};
    return std::nullopt;
}

SaveResult write_checked(const std::filesystem::path& path, const Session& session, std::optional<FileProblem> problem,
                         FileSystem& fs) {
    // Never write what could not be opened again.
    if (problem) return SaveResult{false, "not saved, the session is not valid: " + problem->message()};
    const std::string json = session_to_json(session);
    if (json.size() > kMaxSessionFileBytes)
        return SaveResult{false, "not saved, the session is too large: " + path.string() + ": it would take " +
                                     std::to_string(json.size()) + " bytes, more than the " +
                                     std::to_string(kMaxSessionFileBytes / (1024 * 1024)) +
                                     " MiB a session file can be"};
    const WriteOutcome written = write_file_atomically(path, json, fs);
    return SaveResult{written.ok, written.error};
}

}  // namespace

std::optional<FileProblem> check_session(const Session& session, const std::string& name) {
    return check_whole(session, nullptr, name);
}

std::optional<FileProblem> check_session(const Session& session, const LogState& replayed, const std::string& name) {
    return check_whole(session, &replayed, name);
}

SaveResult save_session(const std::filesystem::path& path, const Session& session, FileSystem& fs) {
    return write_checked(path, session, check_session(session, path.string()), fs);
}

SaveResult save_session(const std::filesystem::path& path, const Session& session, const LogState& replayed,
                        FileSystem& fs) {
    return write_checked(path, session, check_session(session, replayed, path.string()), fs);
}

}  // namespace gemba
