// Atomic replacement of a file's contents, through a file-system interface that tests can make fail.
//
// write_file_atomically(path, bytes): write a temporary file in the same folder, flush and fsync it,
// give it the mode of the file it replaces (or 0666 less the umask), rename it over path, fsync the
// folder. Any failure removes the temporary file and leaves path exactly as it was.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace gemba {

// The POSIX calls the atomic write makes. Each returns what the POSIX call returns (-1 on failure,
// with errno set). A test double can fail any of them, or write less than asked.
class FileSystem {
public:
    virtual ~FileSystem() = default;
    // mkstemp: path_template ends in "XXXXXX", which is replaced; returns an open fd.
    virtual int make_temp(std::string& path_template) = 0;
    virtual ssize_t write(int fd, const void* data, std::size_t size) = 0;
    virtual int fsync(int fd) = 0;
    virtual int fchmod(int fd, mode_t mode) = 0;
    virtual int close(int fd) = 0;
    virtual int rename(const char* from, const char* to) = 0;
    virtual int unlink(const char* path) = 0;
    // Opens a folder read-only so that it can be fsynced; returns an fd.
    virtual int open_directory(const char* path) = 0;
    // stat's st_mode of path, or -1 when it does not exist.
    virtual int file_mode(const char* path) = 0;
    // open(2) for appending (O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode 0666 less the umask),
    // emptying the file first when `truncate`; returns an fd. Used by the journal; a test double
    // that only cares about atomic writes may keep this default, which calls open(2).
    virtual int open_for_append(const char* path, bool truncate);
};

// The real file system.
FileSystem& posix_file_system();

struct WriteOutcome {
    bool ok = true;
    // For a person: "could not save 'a/b.json': fsync of the temporary file failed: Input/output
    // error. The previous file is unchanged."
    std::string error;
};

WriteOutcome write_file_atomically(const std::filesystem::path& path, std::string_view bytes,
                                   FileSystem& fs = posix_file_system());

}  // namespace gemba
