#include "core/file/atomic_file.hpp"
#include "tests/support.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <system_error>
#include <vector>

namespace {

namespace stdfs = std::filesystem;
using gemba::FileSystem;
using gemba::write_file_atomically;
using gemba::test::read_all;
using gemba::test::TempFolder;



void write_plain(const stdfs::path& path, const std::string& bytes, mode_t mode) {
    std::ofstream(path, std::ios::binary) << bytes;
    REQUIRE(::chmod(path.c_str(), mode) == 0);
}

mode_t mode_of(const stdfs::path& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string strerror_text(int err) { return std::generic_category().message(err); }

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

enum class Op { none, make_temp, write, fsync, fchmod, close, rename, unlink, open_directory };

// The real file system, except that the fail_on-th call of `op` fails with `err`, and that each
// write writes at most max_write bytes. It tracks descriptors, to catch leaks and double closes,
// and clobbers errno in successful cleanup calls, as POSIX allows, to catch a lost errno.
class FaultyFileSystem final : public FileSystem {
public:
    Op op = Op::none;
    int fail_on = 1;
    int err = EIO;
    bool write_returns_zero = false;  // the failing write returns 0 rather than -1
    std::size_t max_write = SIZE_MAX;
    int writes = 0;
    std::string temp_template;  // as passed to make_temp, before mkstemp fills it in
    std::string temp_path;
    std::set<int> open_fds;
    bool closed_a_closed_fd = false;

    int make_temp(std::string& path_template) override {
        temp_template = path_template;
        if (trip(Op::make_temp)) return -1;
        const int fd = real_.make_temp(path_template);
        temp_path = path_template;
        if (fd != -1) open_fds.insert(fd);
        return fd;
    }
    ssize_t write(int fd, const void* data, std::size_t size) override {
        ++writes;
        if (trip(Op::write)) return write_returns_zero ? 0 : -1;
        return real_.write(fd, data, std::min(size, max_write));
    }
    int fsync(int fd) override { return trip(Op::fsync) ? -1 : real_.fsync(fd); }
    int fchmod(int fd, mode_t mode) override {
        return trip(Op::fchmod) ? -1 : real_.fchmod(fd, mode);
    }
    int close(int fd) override {
        if (open_fds.erase(fd) == 0) closed_a_closed_fd = true;
        if (trip(Op::close)) {
            real_.close(fd);  // as on Linux, a failed close still releases the fd
            errno = err;
            return -1;
        }
        return clobbering_errno(real_.close(fd));
    }
    int rename(const char* from, const char* to) override {
        return trip(Op::rename) ? -1 : real_.rename(from, to);
    }
    int unlink(const char* path) override {
        return trip(Op::unlink) ? -1 : clobbering_errno(real_.unlink(path));
    }
    int open_directory(const char* path) override {
        if (trip(Op::open_directory)) return -1;
        const int fd = real_.open_directory(path);
        if (fd != -1) open_fds.insert(fd);
        return fd;
    }
    int file_mode(const char* path) override { return real_.file_mode(path); }

private:
    bool trip(Op called) {
        if (called != op || ++calls_ != fail_on) return false;
        errno = err;
        return true;
    }
    static int clobbering_errno(int result) {
        if (result == 0) errno = ENOTTY;
        return result;
    }

    FileSystem& real_ = gemba::posix_file_system();
    int calls_ = 0;
};

const std::string kOld = "{\"version\": 1, \"steps\": [\"old\"]}\n";
const std::string kNew = "{\"version\": 1, \"steps\": [\"new\", \"and longer\"]}\n";

}  // namespace

TEST_CASE("atomic write: creates a new file with exactly the bytes given") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    const std::string bytes("line\r\nnul\0byte\xff end", 19);

    const auto outcome = write_file_atomically(path, bytes);

    CHECK(outcome.ok);
    CHECK(outcome.error.empty());
    CHECK(read_all(path) == bytes);
    CHECK(folder.entries() == std::vector<std::string>{"walk.gemba"});
}

TEST_CASE("atomic write: empty contents make an empty file") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "empty.csv";
    write_plain(path, kOld, 0644);

    CHECK(write_file_atomically(path, "").ok);
    CHECK(stdfs::file_size(path) == 0);
    CHECK(folder.entries() == std::vector<std::string>{"empty.csv"});
}

TEST_CASE("atomic write: replaces an existing, longer file completely") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    write_plain(path, kNew + kNew, 0644);

    CHECK(write_file_atomically(path, kOld).ok);
    CHECK(read_all(path) == kOld);
    CHECK(folder.entries() == std::vector<std::string>{"walk.gemba"});
}

TEST_CASE("atomic write: saving through a symbolic link replaces the file it points to, and keeps the link") {
    TempFolder folder;
    stdfs::create_directory(folder.path() / "real");
    const stdfs::path real = folder.path() / "real" / "walk.gemba";
    const stdfs::path link = folder.path() / "link.gemba";
    write_plain(real, kOld, 0644);
    stdfs::create_symlink(real, link);

    CHECK(write_file_atomically(link, kNew).ok);
    CHECK(stdfs::is_symlink(link));
    CHECK(read_all(real) == kNew);
    CHECK(read_all(link) == kNew);
}

TEST_CASE("atomic write: a replaced file keeps its mode") {
    for (const mode_t mode : {0600, 0640, 0604, 0755}) {
        CAPTURE(mode);
        TempFolder folder;
        const stdfs::path path = folder.path() / "walk.gemba";
        write_plain(path, kOld, mode);

        CHECK(write_file_atomically(path, kNew).ok);
        CHECK(mode_of(path) == mode);
        CHECK(read_all(path) == kNew);
    }
}

TEST_CASE("atomic write: a new file gets 0666 less the umask, and the umask is kept") {
    for (const mode_t mask : {022, 027, 077}) {
        CAPTURE(mask);
        TempFolder folder;
        const stdfs::path path = folder.path() / "new.csv";
        const mode_t before = ::umask(mask);

        const auto outcome = write_file_atomically(path, kNew);
        const mode_t after = ::umask(before);

        CHECK(outcome.ok);
        CHECK(mode_of(path) == (0666 & ~mask));
        CHECK(after == mask);
    }
}

TEST_CASE("atomic write: a path without a folder saves in the current folder") {
    TempFolder folder;
    const stdfs::path previous = stdfs::current_path();
    stdfs::current_path(folder.path());

    const auto outcome = write_file_atomically("here.csv", kNew);
    stdfs::current_path(previous);

    CHECK(outcome.ok);
    CHECK(read_all(folder.path() / "here.csv") == kNew);
    CHECK(folder.entries() == std::vector<std::string>{"here.csv"});
}

TEST_CASE("atomic write: the temporary file is hidden, next to the file and named after it") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    FaultyFileSystem fs;

    CHECK(write_file_atomically(path, kNew, fs).ok);
    CHECK(fs.open_fds.empty());
    CHECK_FALSE(fs.closed_a_closed_fd);
    CHECK(fs.temp_template == (folder.path() / ".walk.gemba.tmp-XXXXXX").string());
    CHECK(fs.temp_path.size() == fs.temp_template.size());
    CHECK(fs.temp_path.find("XXXXXX") == std::string::npos);
}

TEST_CASE("atomic write: a failure before the rename changes nothing and says what failed") {
    struct Fault {
        const char* name;
        Op op;
        int fail_on;
        int err;
        std::size_t max_write;
        bool write_returns_zero;
        std::string step;
    };
    const Fault faults[] = {
        {"make_temp", Op::make_temp, 1, ENOSPC, SIZE_MAX, false, "creating a temporary file"},
        {"write", Op::write, 1, ENOSPC, SIZE_MAX, false, "writing the temporary file failed"},
        {"short writes, then a failure", Op::write, 3, EIO, 5, false,
         "writing the temporary file failed"},
        {"short write, then 0", Op::write, 2, EIO, 5, true, "writing the temporary file failed"},
        {"fchmod", Op::fchmod, 1, EPERM, SIZE_MAX, false, "permissions failed"},
        {"fsync", Op::fsync, 1, EIO, SIZE_MAX, false, "fsync of the temporary file failed"},
        {"close", Op::close, 1, EIO, SIZE_MAX, false, "closing the temporary file failed"},
        {"rename", Op::rename, 1, EBUSY, SIZE_MAX, false, "replacing the file"},
    };
    for (const Fault& fault : faults) {
        for (const bool existing : {true, false}) {
            CAPTURE(fault.name);
            CAPTURE(existing);
            TempFolder folder;
            const stdfs::path path = folder.path() / "walk.gemba";
            if (existing) write_plain(path, kOld, 0640);
            const auto entries_before = folder.entries();
            FaultyFileSystem fs;
            fs.op = fault.op;
            fs.fail_on = fault.fail_on;
            fs.err = fault.err;
            fs.max_write = fault.max_write;
            fs.write_returns_zero = fault.write_returns_zero;

            const auto outcome = write_file_atomically(path, kNew, fs);
            const int err_after = errno;

            CHECK_FALSE(outcome.ok);
            CHECK(err_after == fault.err);
            CHECK(contains(outcome.error, "could not save '" + path.string() + "'"));
            CHECK(contains(outcome.error, fault.step));
            CHECK(contains(outcome.error, fault.write_returns_zero ? "no bytes were written"
                                                                    : strerror_text(fault.err)));
            CHECK(outcome.error.ends_with(existing ? "The previous file is unchanged."
                                                   : "No file was created."));
            CHECK(folder.entries() == entries_before);
            if (existing) {
                CHECK(read_all(path) == kOld);
                CHECK(mode_of(path) == 0640);
            }
            CHECK(fs.open_fds.empty());
            CHECK_FALSE(fs.closed_a_closed_fd);
        }
    }
}

TEST_CASE("atomic write: one byte per write still writes the whole file") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    write_plain(path, kOld, 0600);
    std::string bytes;
    for (int i = 0; i < 10000; ++i) bytes.push_back(static_cast<char>(i * 7 % 256));
    FaultyFileSystem fs;
    fs.max_write = 1;

    CHECK(write_file_atomically(path, bytes, fs).ok);
    CHECK(fs.writes == 10000);
    CHECK(read_all(path) == bytes);
    CHECK(folder.entries() == std::vector<std::string>{"walk.gemba"});
}

TEST_CASE("atomic write: an interrupted write is retried") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    FaultyFileSystem fs;
    fs.op = Op::write;
    fs.err = EINTR;

    CHECK(write_file_atomically(path, kNew, fs).ok);
    CHECK(fs.writes == 2);
    CHECK(read_all(path) == kNew);
}

TEST_CASE("atomic write: when the folder cannot be synced, the new contents are in place") {
    struct Fault {
        const char* name;
        Op op;
        int fail_on;
        std::string step;
    };
    // The first fsync is the temporary file's, the second the folder's.
    const Fault faults[] = {{"fsync", Op::fsync, 2, "fsync of its folder failed"},
                            {"open", Op::open_directory, 1, "opening its folder"}};
    for (const Fault& fault : faults) {
        for (const bool existing : {true, false}) {
            CAPTURE(fault.name);
            CAPTURE(existing);
            TempFolder folder;
            const stdfs::path path = folder.path() / "walk.gemba";
            if (existing) write_plain(path, kOld, 0600);
            FaultyFileSystem fs;
            fs.op = fault.op;
            fs.fail_on = fault.fail_on;
            fs.err = EIO;

            const auto outcome = write_file_atomically(path, kNew, fs);

            CHECK_FALSE(outcome.ok);
            CHECK(errno == EIO);
            CHECK(contains(outcome.error, "saved '" + path.string() + "', but " + fault.step));
            CHECK(contains(outcome.error, strerror_text(EIO)));
            CHECK(contains(outcome.error, "in place but may not survive a power cut"));
            CHECK_FALSE(contains(outcome.error, "unchanged"));
            CHECK(read_all(path) == kNew);
            CHECK(folder.entries() == std::vector<std::string>{"walk.gemba"});
            CHECK(fs.open_fds.empty());
            CHECK_FALSE(fs.closed_a_closed_fd);
        }
    }
}

TEST_CASE("atomic write: a file system that cannot sync folders is not an error") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    FaultyFileSystem fs;
    fs.op = Op::fsync;
    fs.fail_on = 2;
    fs.err = EINVAL;

    const auto outcome = write_file_atomically(path, kNew, fs);

    CHECK(outcome.ok);
    CHECK(outcome.error.empty());
    CHECK(read_all(path) == kNew);
}

TEST_CASE("atomic write: a temporary file that cannot be removed is named in the error") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    write_plain(path, kOld, 0644);
    FaultyFileSystem fs;
    fs.op = Op::unlink;
    // The unlink only runs after another failure: make the write fail by returning nothing.
    fs.max_write = 0;

    const auto outcome = write_file_atomically(path, kNew, fs);

    CHECK_FALSE(outcome.ok);
    CHECK(contains(outcome.error, "no bytes were written"));
    CHECK(contains(outcome.error, "'" + fs.temp_path + "' could not be removed"));
    CHECK(outcome.error.ends_with("The previous file is unchanged."));
    CHECK(read_all(path) == kOld);
    CHECK(stdfs::exists(fs.temp_path));
}

TEST_CASE("atomic write: a folder that does not exist is reported and not created") {
    TempFolder folder;
    const stdfs::path missing = folder.path() / "missing";
    const stdfs::path path = missing / "walk.gemba";

    const auto outcome = write_file_atomically(path, kNew);

    CHECK_FALSE(outcome.ok);
    CHECK(errno == ENOENT);
    CHECK(outcome.error == "could not save '" + path.string() + "': the folder '" +
                               missing.string() + "' does not exist. No file was created.");
    CHECK(folder.entries().empty());
}

TEST_CASE("atomic write: a folder that is a file is reported") {
    TempFolder folder;
    const stdfs::path not_a_folder = folder.path() / "notes.txt";
    write_plain(not_a_folder, kOld, 0644);

    const auto outcome = write_file_atomically(not_a_folder / "walk.gemba", kNew);

    CHECK_FALSE(outcome.ok);
    CHECK(contains(outcome.error, "'" + not_a_folder.string() + "' is not a folder"));
    CHECK(read_all(not_a_folder) == kOld);
    CHECK(folder.entries() == std::vector<std::string>{"notes.txt"});
}

TEST_CASE("atomic write: a folder that is not writable is reported") {
    // Tests run as root, which chmod cannot stop, so the refusal is simulated.
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.gemba";
    FaultyFileSystem fs;
    fs.op = Op::make_temp;
    fs.err = EACCES;

    const auto outcome = write_file_atomically(path, kNew, fs);

    CHECK_FALSE(outcome.ok);
    CHECK(contains(outcome.error, "the folder '" + folder.path().string() + "' is not writable (" +
                                      strerror_text(EACCES) + ")"));
    CHECK(folder.entries().empty());
}

TEST_CASE("atomic write: a path naming a folder is refused") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "sub" / "";

    const auto outcome = write_file_atomically(path, kNew);

    CHECK_FALSE(outcome.ok);
    CHECK(contains(outcome.error, "not a file name"));
    CHECK(folder.entries().empty());
}
