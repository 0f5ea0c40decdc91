#include "core/file/journal.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <system_error>

#include "core/log/log_state.hpp"

namespace gemba {
namespace {

constexpr std::string_view kMagic = "gemba-journal";
// Larger than any record Gemba writes (a plan of a few thousand steps); a header that claims more
// is damage, not data.
constexpr std::size_t kMaxRecordBytes = 64u * 1024 * 1024;

std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}

std::string hex8(std::uint32_t value) {
    char buffer[9];
    std::snprintf(buffer, sizeof buffer, "%08x", value);
    return buffer;
}

std::string record(std::string_view kind, std::string_view payload) {
    std::string out(kind);
    out += ' ';
    out += std::to_string(payload.size());
    out += ' ';
    out += hex8(crc32(payload));
    out += '\n';
    out += payload;
    out += '\n';
    return out;
}

std::string errno_text(int error) { return std::generic_category().message(error); }

// The next line of bytes from pos (without its '\n'); empty when there is no complete line.
std::optional<std::string_view> line_at(std::string_view bytes, std::size_t pos) {
    const std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) return std::nullopt;
    return bytes.substr(pos, end - pos);
}

template <class T>
bool parse_number(std::string_view text, T& value, int base = 10) {
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value, base);
    return result.ec == std::errc() && result.ptr == text.data() + text.size() && !text.empty();
}

JournalReadResult journal_problem(const std::string& name, std::string what) {
    JournalReadResult result;
    result.problem = FileProblem{name, "", std::move(what)};
    return result;
}

bool same_plan(const Plan& a, const Plan& b) { return plan_to_json(a) == plan_to_json(b); }

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = make_crc_table();
    std::uint32_t c = 0xFFFFFFFFu;
    for (char ch : bytes) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFFu] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::filesystem::path journal_path_for(const std::filesystem::path& session_file) {
    std::filesystem::path path = session_file;
    path += ".journal";
    return path;
}

// --- Writing -----------------------------------------------------------------------------------

std::unique_ptr<Journal> Journal::start(const std::filesystem::path& session_file, const Plan& plan,
                                        EventId last_saved_event, std::string& error, FileSystem& fs) {
    const std::filesystem::path path = journal_path_for(session_file);
    const int fd = fs.open_for_append(path.c_str(), /*truncate=*/true);
    if (fd < 0) {
        error = "could not start the journal '" + path.string() + "': " + errno_text(errno);
        return nullptr;
    }
    std::unique_ptr<Journal> journal(new Journal(fs, fd, path));
    const std::string header =
        std::string(kMagic) + " " + std::to_string(kJournalVersion) + " " + std::to_string(last_saved_event) + "\n";
    if (!journal->append(header + record("plan", plan_to_json(plan)), error)) return nullptr;
    // A new file's name is on disk only once its folder is synced.
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    const int dir = fs.open_directory(folder.c_str());
    if (dir < 0 || fs.fsync(dir) != 0) {
        error = "could not sync the folder of the journal '" + path.string() + "': " + errno_text(errno);
        if (dir >= 0) fs.close(dir);
        return nullptr;
    }
    fs.close(dir);
    return journal;
}

Journal::~Journal() {
    if (fd_ >= 0) fs_.close(fd_);
}

bool Journal::append(std::string_view bytes, std::string& error) {
    if (fd_ < 0) {
        error = "the journal '" + path_.string() + "' is closed";
        return false;
    }
    while (!bytes.empty()) {
        const ssize_t written = fs_.write(fd_, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            error = "could not write to the journal '" + path_.string() + "': " +
                    (written < 0 ? errno_text(errno) : std::string("nothing was written"));
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    if (fs_.fsync(fd_) != 0) {
        error = "could not flush the journal '" + path_.string() + "' to disk: " + errno_text(errno);
        return false;
    }
    return true;
}

bool Journal::append_event(const Event& event, std::string& error) {
    return append(record("event", event_to_json(event)), error);
}

bool Journal::append_plan(const Plan& plan, std::string& error) {
    return append(record("plan", plan_to_json(plan)), error);
}

bool Journal::remove(std::string& error) {
    if (fd_ >= 0) fs_.close(fd_);
    fd_ = -1;
    if (fs_.unlink(path_.c_str()) != 0 && errno != ENOENT) {
        error = "could not remove the journal '" + path_.string() + "': " + errno_text(errno);
        return false;
    }
    return true;
}

// --- Reading -----------------------------------------------------------------------------------

JournalReadResult parse_journal(std::string_view bytes, const std::string& name) {
    if (bytes.empty())
        return journal_problem(name, "is empty (0 bytes): no journal record was ever written to it");
    const auto header = line_at(bytes, 0);
    if (!header || header->substr(0, kMagic.size() + 1) != std::string(kMagic) + " ")
        return journal_problem(name, "is not a Gemba journal (it does not start with '" + std::string(kMagic) + "')");
    const std::string_view fields = header->substr(kMagic.size() + 1);
    const std::size_t space = fields.find(' ');
    int version = 0;
    JournalContents contents;
    if (space == std::string_view::npos || !parse_number(fields.substr(0, space), version) ||
        !parse_number(fields.substr(space + 1), contents.last_saved_event) || contents.last_saved_event < 0)
        return journal_problem(name, "line 1: the journal's header is damaged");
    if (version > kJournalVersion)
        return journal_problem(name, "journal version " + std::to_string(version) +
                                         " is newer than this Gemba reads; open it with a newer Gemba");
    if (version < 1) return journal_problem(name, "line 1: journal version " + std::to_string(version) + " does not exist");

    std::size_t pos = header->size() + 1;
    std::size_t number = 0;
    while (pos < bytes.size()) {
        ++number;
        const std::string where = "record " + std::to_string(number);
        const auto record_header = line_at(bytes, pos);
        std::string_view kind, size_text, crc_text;
        std::size_t size = 0;
        std::uint32_t crc = 0;
        bool header_ok = false;
        if (record_header) {
            const std::size_t a = record_header->find(' '), b = record_header->rfind(' ');
            if (a != std::string_view::npos && b != a) {
                kind = record_header->substr(0, a);
                size_text = record_header->substr(a + 1, b - a - 1);
                crc_text = record_header->substr(b + 1);
                header_ok = (kind == "plan" || kind == "event") && parse_number(size_text, size) &&
                            size <= kMaxRecordBytes && crc_text.size() == 8 && parse_number(crc_text, crc, 16);
            }
        }
        if (record_header && !header_ok) {
            contents.notices.push_back(where + " has a damaged header; it and every record after it are left out, the " +
                                       std::to_string(number - 1) + " record(s) before it are kept");
            break;
        }
        // A header without its line end, or a payload shorter than it says, is a write cut short.
        const std::size_t payload_at = record_header ? pos + record_header->size() + 1 : bytes.size();
        const bool complete = record_header && payload_at + size < bytes.size() && bytes[payload_at + size] == '\n';
        const bool last = !complete || payload_at + size + 1 >= bytes.size();
        const std::string_view payload = complete ? bytes.substr(payload_at, size) : std::string_view{};
        if (!complete || crc32(payload) != crc) {
            if (last) {
                contents.notices.push_back(where + " is incomplete (the writing was cut off, e.g. by a power cut) "
                                           "and is left out; every record before it is kept");
            } else {
                contents.notices.push_back(where + " is damaged (its checksum does not match); it and every record "
                                           "after it are left out, the " + std::to_string(number - 1) +
                                           " record(s) before it are kept");
            }
            break;
        }
        if (kind == "plan") {
            // Sound bytes that do not load are a plan Gemba should not have written (a step without a
            // name): the events after it are still good, and the plan before it stays the latest.
            LoadResult plan = parse_plan(payload, name + " " + where);
            if (plan.ok()) {
                contents.plan = std::move(plan.session->plan());
            } else {
                const FileProblem& problem = *plan.problem;
                contents.notices.push_back(where + " holds a plan that cannot be read (" +
                                           (problem.where.empty() ? "" : problem.where + ": ") + problem.what +
                                           "); it alone is left out, the records after it are kept");
            }
        } else {
            std::string problem;
            std::optional<Event> event = parse_event_json(payload, problem);
            if (!event) {
                contents.notices.push_back(where + " holds an event that cannot be read (" + problem +
                                           "); it and every record after it are left out");
                break;
            }
            contents.events.push_back(std::move(*event));
        }
        pos = payload_at + size + 1;
    }
    JournalReadResult result;
    result.contents = std::move(contents);
    return result;
}

JournalReadResult read_journal(const std::filesystem::path& journal_file) {
    const std::string name = journal_file.string();
    if (auto problem = not_a_regular_file(journal_file)) return journal_problem(name, std::move(*problem));
    std::ifstream in(journal_file, std::ios::binary);
    if (!in) return journal_problem(name, "cannot be opened: " + errno_text(errno));
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(journal_file, ec);
    if (ec) return journal_problem(name, "cannot be read: " + ec.message());
    if (size > kMaxSessionFileBytes) return journal_problem(name, "is larger than a journal can be");
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) return journal_problem(name, "could not be read to the end");
    try {
        return parse_journal(bytes, name);
    } catch (const std::bad_alloc&) {
        return journal_problem(name, "is too large to open with the memory available");
    }
}

// --- Recovery ----------------------------------------------------------------------------------

bool has_journal(const std::filesystem::path& session_file) {
    std::error_code ec;
    return std::filesystem::is_regular_file(journal_path_for(session_file), ec);
}

RecoveryResult recover(const std::filesystem::path& session_file) {
    RecoveryResult result;
    const std::filesystem::path journal_file = journal_path_for(session_file);
    JournalReadResult read = read_journal(journal_file);
    if (!read.contents) {
        result.problem = read.problem;
        return result;
    }
    JournalContents& journal = *read.contents;

    Recovery recovery;
    recovery.notices = journal.notices;
    std::error_code ec;
    recovery.session_file_exists = std::filesystem::exists(session_file, ec);
    LogState state;  // of recovery.session's log, as it grows
    if (recovery.session_file_exists) {
        LoadResult saved = load_session(session_file);
        if (!saved.ok()) {
            result.problem = saved.problem;
            return result;
        }
        recovery.session = std::move(*saved.session);
        state = std::move(saved.state);
    } else if (journal.plan) {
        recovery.session.plan() = *journal.plan;
    } else {
        std::string why = "holds no plan and the session file does not exist: nothing to recover onto";
        for (const std::string& notice : journal.notices) why += " (" + notice + ")";
        result.problem = FileProblem{journal_file.string(), "", why};
        return result;
    }

    // The latest plan wins (steps renamed or added after the last save), if the saved log still fits it.
    if (journal.plan && recovery.session_file_exists && !same_plan(*journal.plan, recovery.session)) {
        Session replanned;
        replanned.plan() = *journal.plan;
        replanned.events = recovery.session.events;
        std::optional<LogError> error;
        LogState replanned_state = LogState::replay(replanned, &error);
        if (error) {
            recovery.notices.push_back("the plan changed after the last save no longer fits the saved events (" +
                                       error->message + "); the saved plan is kept");
        } else {
            recovery.session = std::move(replanned);
            state = std::move(replanned_state);
            recovery.plan_changed = true;
        }
    }

    const EventId last_saved = recovery.session.events.empty() ? kNoEvent : recovery.session.events.back().id;
    for (std::size_t i = 0; i < journal.events.size(); ++i) {
        const Event& event = journal.events[i];
        if (event.id <= last_saved) {
            ++recovery.already_saved;
            continue;
        }
        if (auto problem = state.apply(recovery.session, event)) {
            recovery.not_recovered = journal.events.size() - i;
            const std::size_t after = recovery.not_recovered - 1;
            recovery.notices.push_back("event " + std::to_string(event.id) + " (" + std::string(to_string(event.kind)) +
                                       ") does not fit the log (" + *problem + "); " +
                                       (after == 0 ? std::string("it is") : "it and the " + std::to_string(after) + " after it are") +
                                       " not recovered");
            break;
        }
        recovery.session.events.push_back(event);
        ++recovery.recovered_events;
    }
    result.recovery = std::move(recovery);
    return result;
}

std::filesystem::path unrecovered_path_for(const std::filesystem::path& session_file,
                                           std::chrono::system_clock::time_point utc) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(utc);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &parts);
    const std::string base = journal_path_for(session_file).string() + ".unrecovered-" + stamp;
    std::filesystem::path path = base;
    std::error_code ec;
    for (int n = 2; std::filesystem::exists(std::filesystem::symlink_status(path, ec)); ++n)
        path = base + "-" + std::to_string(n);
    return path;
}

AppliedRecovery apply_recovery(const std::filesystem::path& session_file, const Recovery& recovery, FileSystem& fs) {
    const SaveResult saved = save_session(session_file, recovery.session, fs);
    if (!saved.ok) return AppliedRecovery{false, saved.error, {}};
    const std::filesystem::path journal_file = journal_path_for(session_file);
    const std::string recovered_into = "recovered into '" + session_file.string() + "', but the journal '" +
                                       journal_file.string() + "' ";
    if (!recovery.leaves_something_out()) {
        // Everything in the journal is in the file now.
        if (fs.unlink(journal_file.c_str()) != 0 && errno != ENOENT)
            return AppliedRecovery{false, recovered_into + "could not be removed: " + errno_text(errno), {}};
        return {};
    }
    // Records left out are never deleted: the whole journal moves aside in one rename, so it is
    // either still the journal or the side file, never half of either.
    const std::filesystem::path aside = unrecovered_path_for(session_file, std::chrono::system_clock::now());
    if (fs.rename(journal_file.c_str(), aside.c_str()) != 0)
        return AppliedRecovery{false, recovered_into + "could not be kept aside as '" + aside.string() + "': " +
                                          errno_text(errno) + "; it stays where it is", {}};
    const std::filesystem::path folder = aside.has_parent_path() ? aside.parent_path() : ".";
    // Unsynced, the rename may be undone by a crash: the journal is then where it was, which is safe.
    if (const int dir = fs.open_directory(folder.c_str()); dir >= 0) {
        fs.fsync(dir);
        fs.close(dir);
    }
    return AppliedRecovery{true, {}, aside};
}

std::string how_to_read_unrecovered(const std::filesystem::path& session_file, const std::filesystem::path& kept_aside) {
    return "It is the journal as it was, plain text: each record is a line 'kind bytes checksum' and then its "
           "JSON (look at it with 'less " + kept_aside.string() + "'). To try it again, rename it to '" +
           journal_path_for(session_file).string() + "' and run 'gemba-cli recover " + session_file.string() +
           "': the events recovered now count as already in the file.";
}

}  // namespace gemba
