// gemba-cli actions DIR|FILE... [--csv | --json]: every action of those walks, overdue first, then
// by due date; files that do not load are named on stderr and make the exit code 1. The walks are
// made here (saved through the session writer); the expected order and cells are written by hand.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file/session_file.hpp"
#include "support.hpp"
#include "tests/cli_run.hpp"
#include "tests/action_support.hpp"

namespace fs = std::filesystem;

namespace {

using namespace gemba;
using gemba::test::read_all;
using gemba::test::shell_quote;
using gemba::test::TempFolder;
using gemba::test::write_all;

const fs::path kSource = GEMBA_SOURCE_DIR;

using Run = gemba::test::CliRun;

// gemba-cli actions ARGS...
Run actions(const std::vector<std::string>& args) {
    std::vector<std::string> line = {"actions"};
    line.insert(line.end(), args.begin(), args.end());
    return gemba::test::gemba_cli(line);
}

using gemba::test::action;

// Two walks in `folder`: the assembly line (3 actions) and an office walk (2). Due dates far from
// any day the test runs on: 2000 and 2001 are overdue (unless done or dropped), 2500 and 2999 are not.
void write_walks(const fs::path& folder) {
    Session assembly = load_session(kSource / "data/templates/assembly-line.json").session.value();
    assembly.improvement.problems.push_back(RaisedProblem{1, "Walking to the parts rack", {}, {}, {}});
    assembly.improvement.actions = {action(1, "Kit parts at Fasten", "Ben", "2999-01-01", ActionStatus::doing),
                                    action(2, "Move the rack", "Ana", "2001-01-10", ActionStatus::todo),
                                    action(3, "Label the bins", "Ana", "", ActionStatus::done)};
    assembly.improvement.actions[0].expected = ExpectedEffect{Metric::wait_before, 3, Waste{}, Direction::decrease};
    REQUIRE(save_session(folder / "assembly.json", assembly).ok);

    Session office = load_session(kSource / "data/templates/office-approval.json").session.value();
    office.title = "Invoices, approval";  // a comma: quoted in the CSV
    office.improvement.problems.push_back(RaisedProblem{1, "Approval waits a day", {}, {}, {}});
    office.improvement.actions = {action(1, "Approve small invoices at once", "Cy", "2000-06-01", ActionStatus::doing),
                                  action(2, "A second approver", "", "2500-01-01", ActionStatus::dropped)};
    office.improvement.actions[1].expected = ExpectedEffect{Metric::lead_time, 0, Waste{}, Direction::decrease};
    REQUIRE(save_session(folder / "office.json", office).ok);
}

}  // namespace

TEST_CASE("actions DIR: every action, overdue first, then by due date, undated last, aligned for people") {
    TempFolder folder;
    write_walks(folder.path());
    const Run r = actions({folder.path().string()});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    // Overdue: office 1 (2000-06-01), assembly 2 (2001-01-10); then office 2 (2500, dropped),
    // assembly 1 (2999); then assembly 3 (no date).
    std::vector<std::string> lines;
    for (std::size_t at = 0, end; (end = r.out.find('\n', at)) != std::string::npos; at = end + 1)
        lines.push_back(r.out.substr(at, end - at));
    REQUIRE(lines.size() == 6);
    CHECK(lines[0].starts_with("walk (file)"));
    CHECK(lines[1].find("Approve small invoices at once") != std::string::npos);
    CHECK(lines[1].find("OVERDUE") != std::string::npos);
    CHECK(lines[2].find("Move the rack") != std::string::npos);
    CHECK(lines[2].find("OVERDUE") != std::string::npos);
    CHECK(lines[3].find("A second approver") != std::string::npos);
    CHECK(lines[3].find("Dropped") != std::string::npos);
    CHECK(lines[3].find("OVERDUE") == std::string::npos);
    CHECK(lines[4].find("Wait before Fasten should decrease") != std::string::npos);
    CHECK(lines[5].find("Label the bins") != std::string::npos);
    // Aligned: each column starts at the same place on every line.
    const std::size_t problem_at = lines[0].find("problem");
    CHECK(lines[2].find("Walking to the parts rack") == problem_at);
    CHECK(lines[1].find("Approval waits a day") == problem_at);
}

TEST_CASE("actions --csv: pandas reads one table with the walk, file and every column") {
    TempFolder folder, io;
    write_walks(folder.path());
    const Run r = actions({folder.path().string(), "--csv"});
    REQUIRE(r.code == 0);
    write_all(io / "actions.csv", r.out);
    write_all(io / "check.py", R"(import sys, pandas
a = pandas.read_csv(sys.argv[1], keep_default_na=False)
assert list(a.columns) == ["walk", "file", "problem_id", "problem", "action_id", "action", "owner", "due", "status",
                           "overdue", "expected_effect"], list(a.columns)
assert list(a["action"]) == ["Approve small invoices at once", "Move the rack", "A second approver",
                             "Kit parts at Fasten", "Label the bins"], list(a["action"])
assert list(a["walk"]) == ["Invoices, approval", "Assembly line walk", "Invoices, approval", "Assembly line walk",
                           "Assembly line walk"], list(a["walk"])
assert [f.split("/")[-1] for f in a["file"]] == ["office.json", "assembly.json", "office.json", "assembly.json",
                                                 "assembly.json"], list(a["file"])
assert list(a["overdue"]) == ["yes", "yes", "no", "no", "no"], list(a["overdue"])
assert list(a["status"]) == ["doing", "todo", "dropped", "doing", "done"], list(a["status"])
assert list(a["due"]) == ["2000-06-01", "2001-01-10", "2500-01-01", "2999-01-01", ""], list(a["due"])
assert list(a["owner"]) == ["Cy", "Ana", "", "Ben", "Ana"], list(a["owner"])
assert list(a["action_id"]) == [1, 2, 2, 1, 3], list(a["action_id"])
assert a["expected_effect"][2] == "Lead time should decrease", a["expected_effect"][2]
assert a["expected_effect"][3] == "Wait before Fasten should decrease", a["expected_effect"][3]
)");
    const std::string command = "/usr/bin/python3 " + shell_quote((io / "check.py").string()) + " " +
                                shell_quote((io / "actions.csv").string());
    CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("actions --json: the same rows, overdue as true or false") {
    TempFolder folder;
    write_walks(folder.path());
    const Run r = actions({(folder / "assembly.json").string(), "--json"});
    REQUIRE(r.code == 0);
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    const auto& list = doc["actions"];
    REQUIRE(list.Size() == 3);
    CHECK(std::string(list[0]["action"].GetString()) == "Move the rack");
    CHECK(list[0]["overdue"].GetBool());
    CHECK(list[0]["action_id"].GetInt64() == 2);
    CHECK(std::string(list[1]["action"].GetString()) == "Kit parts at Fasten");
    CHECK_FALSE(list[1]["overdue"].GetBool());
    CHECK(std::string(list[1]["status"].GetString()) == "doing");
    CHECK(std::string(list[2]["due"].GetString()).empty());
    CHECK(std::string(doc["today"].GetString()).size() == 10);
}

TEST_CASE("actions: a file that does not load is named on stderr and counted, the others still listed, exit 1") {
    TempFolder folder;
    write_walks(folder.path());
    write_all(folder / "broken.json", "{\"format_version\": 4,");
    const Run r = actions({folder.path().string(), (folder / "missing.json").string()});
    CHECK(r.code == 1);
    CHECK(r.err.find("broken.json") != std::string::npos);
    CHECK(r.err.find("missing.json") != std::string::npos);
    CHECK(r.err.find("2 files not read; the actions of 2 walks follow") != std::string::npos);
    CHECK(r.out.find("Move the rack") != std::string::npos);

    TempFolder empty;
    const Run none = actions({empty.path().string()});
    CHECK(none.code == 1);
    CHECK(none.err.find("no session file (*.json) in this folder") != std::string::npos);
}

TEST_CASE("actions: the command line") {
    CHECK(actions({}).code == 2);
    const Run both = actions({"x.json", "--csv", "--json"});
    CHECK(both.code == 2);
    CHECK(both.err.find("choose one of --json and --csv") != std::string::npos);
}
