#include "core/file/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace gemba {
namespace {

class PosixFileSystem final : public FileSystem {
public:
    int make_temp(std::string& path_template) override { return ::mkstemp(path_template.data()); }
    ssize_t write(int fd, const void* data, std::size_t size) override {
        return ::write(fd, data, size);
    }
    int fsync(int fd) override { return ::fsync(fd); }
    int fchmod(int fd, mode_t mode) override { return ::fchmod(fd, mode); }
    int close(int fd) override { return ::close(fd); }
    int rename(const char* from, const char* to) override { return ::rename(from, to); }
    int unlink(const char* path) override { return ::unlink(path); }
    int open_directory(const char* path) override {
        return ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    int file_mode(const char* path) override {
        struct stat st {};
        return ::stat(path, &st) == 0 ? static_cast<int>(st.st_mode) : -1;
    }
};

// strerror's text, without strerror's shared buffer (saves may run on a background thread).
std::string describe(int err) { return std::generic_category().message(err); }

// umask() can only be read by setting it, and a thread creating a file meanwhile would get the
// wrong mode. Linux shows it read-only in /proc/self/status; swap only when /proc is not mounted.
mode_t current_umask() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("Umask:")) {
            return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
        }
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

}  // namespace

int FileSystem::open_for_append(const char* path, bool truncate) {
    return ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0666);
}

FileSystem& posix_file_system() {
    static PosixFileSystem instance;
    return instance;
}

WriteOutcome write_file_atomically(const std::filesystem::path& requested, std::string_view bytes,
                                   FileSystem& fs) {
    const std::string file = quoted(requested);
    // Saving through a symbolic link replaces the file it points to; renaming over the link itself
    // would turn it into a separate file and leave the real one as it was.
    std::error_code ec;
    std::filesystem::path path = requested;
    if (std::filesystem::is_symlink(requested, ec)) {
        const std::filesystem::path target = std::filesystem::weakly_canonical(requested, ec);
        if (!ec) path = target;
    }
    if (!path.has_filename()) {
        return {false, "could not save " + file + ": that is a folder name, not a file name."};
    }
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    const int old_mode = fs.file_mode(path.c_str());
    const std::string untouched =
        old_mode == -1 ? " No file was created." : " The previous file is unchanged.";

    std::string temp = (folder / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
    int fd = fs.make_temp(temp);
    if (fd == -1) {
        const int err = errno;
        std::string why;
        switch (err) {
        case ENOENT: why = "the folder " + quoted(folder) + " does not exist"; break;
        case ENOTDIR: why = quoted(folder) + " is not a folder"; break;
        case EACCES:
        case EPERM:
        case EROFS:
            why = "the folder " + quoted(folder) + " is not writable (" + describe(err) + ")";
            break;
        default:
            why = "creating a temporary file in " + quoted(folder) + " failed: " + describe(err);
        }
        WriteOutcome outcome{false, "could not save " + file + ": " + why + "." + untouched};
        errno = err;
        return outcome;
    }

    // Before the rename, path is untouched: undo our own traces and say so. errno is the failed
    // step's again on return, whatever the cleanup did to it.
    const auto fail = [&](const char* step, int err, const std::string& why) {
        if (fd != -1) fs.close(fd);
        std::string error = "could not save " + file + ": " + step + " failed: " + why + ".";
        if (fs.unlink(temp.c_str()) != 0) {
            error += " The temporary file '" + temp + "' could not be removed and can be deleted.";
        }
        error += untouched;
        errno = err;
        return WriteOutcome{false, error};
    };
    const auto fail_errno = [&](const char* step) {
        const int err = errno;
        return fail(step, err, describe(err));
    };

    for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t written = fs.write(fd, bytes.data() + done, bytes.size() - done);
        if (written > 0) {
            done += static_cast<std::size_t>(written);
        } else if (written == 0) {
            // Not an error code, but retrying would spin forever.
            return fail("writing the temporary file", EIO, "no bytes were written");
        } else if (errno != EINTR) {
            return fail_errno("writing the temporary file");
        }
    }
    const mode_t mode =
        old_mode == -1 ? 0666 & ~current_umask() : static_cast<mode_t>(old_mode) & 07777;
    // Mode before fsync, so that the fsync makes the mode durable along with the bytes.
    if (fs.fchmod(fd, mode) != 0) return fail_errno("setting the temporary file's permissions");
    if (fs.fsync(fd) != 0) return fail_errno("fsync of the temporary file");
    const int closed = fs.close(fd);
    fd = -1;  // Even a failed close releases the fd; closing it again could hit another file.
    if (closed != 0) return fail_errno("closing the temporary file");
    if (fs.rename(temp.c_str(), path.c_str()) != 0) {
        return fail_errno("replacing the file with the temporary file");
    }

    // The new contents are in place and complete; only the folder entry may not be on disk yet.
    // Until it is, a power cut can bring back the previous state, which is whole, never a mix.
    const auto not_durable = [&](const char* step, int err) {
        WriteOutcome outcome{
            false, "saved " + file + ", but " + step + " failed: " + describe(err) +
                       ". The new contents are in place but may not survive a power cut: until "
                       "the computer writes them out, the file could " +
                       (old_mode == -1 ? "disappear." : "go back to its previous contents.")};
        errno = err;
        return outcome;
    };
    const int dir = fs.open_directory(folder.c_str());
    if (dir == -1) return not_durable("opening its folder to fsync it", errno);
    const int synced = fs.fsync(dir);
    const int sync_err = errno;
    fs.close(dir);  // Read-only: a failing close cannot lose anything.
    // EINVAL: this file system cannot sync folders, so there is nothing more to do or to report.
    if (synced != 0 && sync_err != EINVAL) return not_durable("fsync of its folder", sync_err);
    return {};
}

}  // namespace gemba
