// The golden summaries: `gemba-cli summary --json` of every session of tests/golden/summary_corpus
// and of the repository's other v1 session files must give exactly what the code gave at commit
// cce5330, before the core refactor (tests/golden/summary_corpus/README.md says how the files were
// made). Output and expected file are compared as JSON values, not as text: the same structure, the
// same strings, numbers of the same kind (integer or not) and equal exactly as doubles or integers.
// Only each session's "file" member is left out: it is the path as given on the command line.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support.hpp"

namespace fs = std::filesystem;

namespace {

using gemba::test::shell_quote;

const fs::path kSource = GEMBA_SOURCE_DIR;
const fs::path kCorpus = kSource / "tests" / "golden" / "summary_corpus";
const fs::path kSessions = kCorpus / "sessions";
const fs::path kExpected = kCorpus / "expected";
constexpr std::string_view kExpectedSuffix = ".summary.json";

// The other folders of v1 session files with expected outputs, and the prefix of their expected
// files' names: expected/examples-assembly-line.summary.json is data/examples/assembly-line.json.
struct SourceFolder {
    std::string prefix;
    fs::path folder;
};
const std::vector<SourceFolder> kOtherFolders = {
    {"examples-", kSource / "data" / "examples"},
    {"templates-", kSource / "data" / "templates"},
    {"v1-", kSource / "tests" / "golden" / "v1"},
};

// The files of a folder whose names end with `suffix`, sorted.
std::vector<fs::path> files_ending(const fs::path& folder, std::string_view suffix) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// The session file an expected file belongs to (it may not exist: the caller checks).
fs::path session_of(const fs::path& expected) {
    std::string name = expected.filename().string();
    name.resize(name.size() - kExpectedSuffix.size());
    for (const SourceFolder& other : kOtherFolders)
        if (name.rfind(other.prefix, 0) == 0) return other.folder / (name.substr(other.prefix.size()) + ".json");
    return kSessions / (name + ".json");
}

fs::path expected_of_corpus_session(const fs::path& session) {
    return kExpected / (session.stem().string() + std::string(kExpectedSuffix));
}

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

Run summary_json(const fs::path& session) {
    const gemba::test::TempFolder io;
    const std::string command = shell_quote(GEMBA_CLI_PATH) + " summary --json " + shell_quote(session.string()) +
                                " </dev/null >" + shell_quote((io / "stdout").string()) + " 2>" +
                                shell_quote((io / "stderr").string());
    const int status = std::system(command.c_str());
    REQUIRE_MESSAGE(status != -1, "could not run " << command);
    Run run;
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = gemba::test::read_all(io / "stdout");
    run.err = gemba::test::read_all(io / "stderr");
    return run;
}

// Parses with full precision: every number reads back to the double that was written.
std::optional<std::string> parse_into(rapidjson::Document& doc, const std::string& text) {
    doc.Parse<rapidjson::kParseFullPrecisionFlag>(text.c_str(), text.size());
    if (!doc.HasParseError()) return std::nullopt;
    return std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset " +
           std::to_string(doc.GetErrorOffset());
}

// --- The comparison ----------------------------------------------------------------------------------

struct Difference {
    std::string pointer;   // JSON Pointer (RFC 6901) of the first difference; "" is the whole document
    std::string expected;  // the value there, as JSON, or "(missing)"
    std::string actual;
};

std::string pointer_token(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string as_json(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    std::string text(buffer.GetString(), buffer.GetSize());
    if (text.size() > 300) text = text.substr(0, 300) + "...";
    return text;
}

std::string_view kind_of(const rapidjson::Value& v) {
    if (v.IsNull()) return "null";
    if (v.IsBool()) return "boolean";
    if (v.IsString()) return "string";
    if (v.IsArray()) return "array";
    if (v.IsObject()) return "object";
    if (v.IsDouble()) return "number with a fraction or exponent";
    return "integer";
}

// A session's "file" member (/sessions/N/file): the path as given, which depends on where the
// command ran; the only member left out of the comparison.
bool is_skipped(std::string_view pointer) {
    constexpr std::string_view head = "/sessions/", tail = "/file";
    if (pointer.size() <= head.size() + tail.size() || pointer.substr(0, head.size()) != head ||
        pointer.substr(pointer.size() - tail.size()) != tail)
        return false;
    const std::string_view index = pointer.substr(head.size(), pointer.size() - head.size() - tail.size());
    return std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool same_number(const rapidjson::Value& a, const rapidjson::Value& b) {
    if (a.IsDouble() != b.IsDouble()) return false;  // 3 and 3.0 are written differently on purpose
    if (a.IsDouble())  // exactly the same double; 0.0 and -0.0 differ too
        return a.GetDouble() == b.GetDouble() && std::signbit(a.GetDouble()) == std::signbit(b.GetDouble());
    if (a.IsInt64() && b.IsInt64()) return a.GetInt64() == b.GetInt64();
    if (a.IsUint64() && b.IsUint64()) return a.GetUint64() == b.GetUint64();
    return false;  // one fits only in int64 (negative), the other only in uint64 (above int64)
}

// The first difference between two JSON values in the expected value's document order, or none.
std::optional<Difference> first_difference(const rapidjson::Value& expected, const rapidjson::Value& actual,
                                           const std::string& pointer = "") {
    const auto differ = [&]() { return Difference{pointer, as_json(expected), as_json(actual)}; };
    if (kind_of(expected) != kind_of(actual)) return differ();
    if (expected.IsNumber()) {
        if (!same_number(expected, actual)) return differ();
        return std::nullopt;
    }
    if (expected.IsString()) {
        if (std::string_view(expected.GetString(), expected.GetStringLength()) !=
            std::string_view(actual.GetString(), actual.GetStringLength()))
            return differ();
        return std::nullopt;
    }
    if (expected.IsArray()) {
        const rapidjson::SizeType common = std::min(expected.Size(), actual.Size());
        for (rapidjson::SizeType i = 0; i < common; ++i)
            if (auto d = first_difference(expected[i], actual[i], pointer + "/" + std::to_string(i))) return d;
        if (expected.Size() > common)
            return Difference{pointer + "/" + std::to_string(common), as_json(expected[common]), "(missing)"};
        if (actual.Size() > common)
            return Difference{pointer + "/" + std::to_string(common), "(missing)", as_json(actual[common])};
        return std::nullopt;
    }
    if (expected.IsObject()) {
        for (auto m = expected.MemberBegin(); m != expected.MemberEnd(); ++m) {
            const std::string_view name(m->name.GetString(), m->name.GetStringLength());
            const std::string here = pointer + "/" + pointer_token(name);
            if (is_skipped(here)) continue;
            const auto found = actual.FindMember(m->name);
            if (found == actual.MemberEnd()) return Difference{here, as_json(m->value), "(missing)"};
            if (auto d = first_difference(m->value, found->value, here)) return d;
        }
        for (auto m = actual.MemberBegin(); m != actual.MemberEnd(); ++m) {
            const std::string_view name(m->name.GetString(), m->name.GetStringLength());
            const std::string here = pointer + "/" + pointer_token(name);
            if (is_skipped(here)) continue;
            if (!expected.HasMember(m->name)) return Difference{here, "(missing)", as_json(m->value)};
        }
        return std::nullopt;
    }
    if (expected.IsBool() && expected.GetBool() != actual.GetBool()) return differ();
    return std::nullopt;  // null, or the same boolean
}

std::string describe(const Difference& d) {
    return "first difference at " + (d.pointer.empty() ? std::string("the document root") : d.pointer) +
           ": expected " + d.expected + ", got " + d.actual;
}

}  // namespace

TEST_CASE("summary --json of every golden session equals the output of commit cce5330") {
    REQUIRE(fs::is_directory(kSessions));
    REQUIRE(fs::is_directory(kExpected));

    // Every corpus session has an expected output: a session cannot be added without one.
    const std::vector<fs::path> corpus = files_ending(kSessions, ".json");
    CHECK_MESSAGE(corpus.size() >= 20, "the corpus has only " << corpus.size() << " session files");
    for (const fs::path& session : corpus) {
        const std::string name = session.filename().string();
        for (const SourceFolder& other : kOtherFolders)
            CHECK_MESSAGE(name.rfind(other.prefix, 0) != 0,
                          "corpus session " << name << " must not start with " << other.prefix);
        CHECK_MESSAGE(fs::is_regular_file(expected_of_corpus_session(session)),
                      "corpus session " << name << " has no expected output "
                                        << expected_of_corpus_session(session).filename().string());
    }

    // Every expected output belongs to a session file that exists, and holds what it gives.
    const std::vector<fs::path> expected_files = files_ending(kExpected, kExpectedSuffix);
    CHECK(expected_files.size() >= corpus.size());
    std::size_t compared = 0;
    for (const fs::path& expected_file : expected_files) {
        const fs::path session = session_of(expected_file);
        const std::string label = fs::relative(session, kSource).string();
        INFO("session " << label << ", expected output " << expected_file.filename().string());
        if (!fs::is_regular_file(session)) {
            FAIL_CHECK("expected output " << expected_file.filename().string() << " has no session file " << label);
            continue;
        }
        const Run run = summary_json(session);
        if (run.code != 0) {
            FAIL_CHECK(label << ": gemba-cli summary --json exited with " << run.code << ": " << run.err);
            continue;
        }
        rapidjson::Document actual, expected;
        if (auto problem = parse_into(actual, run.out)) {
            FAIL_CHECK(label << ": the output is not JSON: " << *problem);
            continue;
        }
        if (auto problem = parse_into(expected, gemba::test::read_all(expected_file))) {
            FAIL_CHECK(expected_file.filename().string() << " is not JSON: " << *problem);
            continue;
        }
        const std::optional<Difference> difference = first_difference(expected, actual);
        CHECK_MESSAGE(!difference, label << ": " << (difference ? describe(*difference) : std::string()));
        ++compared;
    }
    MESSAGE("compared " << compared << " summaries with their expected outputs");
    CHECK(compared == expected_files.size());
}

TEST_CASE("the golden comparison finds a changed number by its JSON Pointer and skips only the file member") {
    rapidjson::Document expected;
    REQUIRE_FALSE(parse_into(expected, gemba::test::read_all(kExpected / "lap-basic.summary.json")));
    const auto copy = [&]() {
        auto doc = std::make_unique<rapidjson::Document>();
        doc->CopyFrom(expected, doc->GetAllocator());
        return doc;
    };

    SUBCASE("an exact copy has no difference") {
        const auto same = copy();
        CHECK_FALSE(first_difference(expected, *same));
    }
    SUBCASE("a number one unit in the last place away is found, with both values") {
        const char* where = "/sessions/0/steps/1/mean_ms";
        const auto changed = copy();
        rapidjson::Value* mean = rapidjson::Pointer(where).Get(*changed);
        REQUIRE(mean != nullptr);
        REQUIRE(mean->IsDouble());
        const double before = mean->GetDouble();
        const double after = std::nextafter(before, 1e300);
        mean->SetDouble(after);
        const std::optional<Difference> d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == where);
        rapidjson::Value b(before), a(after);
        CHECK(d->expected == as_json(b));
        CHECK(d->actual == as_json(a));
        CHECK(d->expected != d->actual);
        CHECK(describe(*d).find(where) != std::string::npos);
    }
    SUBCASE("an integer changed, and an integer written as a double, are found") {
        const char* where = "/sessions/0/steps/0/valid_n";
        const auto changed = copy();
        rapidjson::Value* n = rapidjson::Pointer(where).Get(*changed);
        REQUIRE(n != nullptr);
        REQUIRE(n->IsInt64());
        const std::int64_t was = n->GetInt64();
        n->SetInt64(was + 1);
        std::optional<Difference> d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == where);
        n->SetDouble(static_cast<double>(was));
        d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == where);
    }
    SUBCASE("the first difference in document order is the one reported") {
        const auto changed = copy();
        rapidjson::Pointer("/sessions/0/waste_total").Set(*changed, 99);
        rapidjson::Pointer("/sessions/0/steps/2/name").Set(*changed, "renamed");
        const std::optional<Difference> d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == "/sessions/0/steps/2/name");
    }
    SUBCASE("a missing member, an extra member and a shorter array are found") {
        auto changed = copy();
        rapidjson::Value& session = (*changed)["sessions"][0];
        session.RemoveMember("notices");
        std::optional<Difference> d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == "/sessions/0/notices");
        CHECK(d->actual == "(missing)");

        changed = copy();
        rapidjson::Pointer("/sessions/0/new~1member").Set(*changed, 1);
        d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == "/sessions/0/new~1member");
        CHECK(d->expected == "(missing)");

        changed = copy();
        (*changed)["sessions"][0]["steps"].PopBack();
        d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == "/sessions/0/steps/3");
    }
    SUBCASE("a session's file member is left out, nothing else") {
        const auto changed = copy();
        rapidjson::Pointer("/sessions/0/file").Set(*changed, "/somewhere/else.json");
        CHECK_FALSE(first_difference(expected, *changed));
        CHECK(is_skipped("/sessions/0/file"));
        CHECK(is_skipped("/sessions/12/file"));
        CHECK_FALSE(is_skipped("/file"));
        CHECK_FALSE(is_skipped("/sessions/0/steps/0/file"));
        CHECK_FALSE(is_skipped("/sessions/x/file"));
        rapidjson::Pointer("/sessions/0/title").Set(*changed, "another title");
        const std::optional<Difference> d = first_difference(expected, *changed);
        REQUIRE(d);
        CHECK(d->pointer == "/sessions/0/title");
    }
}
