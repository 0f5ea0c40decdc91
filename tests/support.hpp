// Helpers shared by the test suites: a scratch folder, whole-file reads and writes, shell quoting.
#pragma once

#include <doctest/doctest.h>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace gemba::test {

// A fresh, empty folder for one test, removed with its contents afterwards (even if a test took
// away its permissions).
class TempFolder {
public:
    TempFolder() {
        std::string name = (std::filesystem::temp_directory_path() / "gemba-test-XXXXXX").string();
        REQUIRE(::mkdtemp(name.data()) != nullptr);
        path_ = name;
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ignored);
        std::filesystem::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
    // Every entry's name, hidden ones included, sorted: how a leftover temporary file shows up.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(path_)) names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    std::filesystem::path path_;
};

inline std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// An older golden file's text as today's Gemba writes it, when the versions since `version` migrated
// nothing in it: the same bytes with the newest format_version. `newest` is kFormatVersion (this
// header does not include core/file).
inline std::string with_newest_format_version(std::string text, int version, int newest) {
    const std::string old_version = "\"format_version\": " + std::to_string(version);
    const std::size_t at = text.find(old_version);
    if (at == std::string::npos) return "(no " + old_version + " in the file)";
    return text.replace(at, old_version.size(), "\"format_version\": " + std::to_string(newest));
}

// An argument for /bin/sh, in single quotes whatever it holds.
inline std::string shell_quote(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline void write_all(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    REQUIRE(out);
}

}  // namespace gemba::test
