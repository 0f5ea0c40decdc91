// `gemba-cli compare BEFORE AFTER` from the outside: the program run as a user runs it on two saved
// walks (tests/compare_walks.hpp, numbers worked out by hand in test_compare.cpp), its text, JSON and
// CSV (read by pandas) checked, and bad input refused with the file named.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file/session_file.hpp"
#include "tests/compare_walks.hpp"
#include "tests/cli_run.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using doctest::Approx;
using namespace gemba;

namespace {

using Run = test::CliRun;
using test::gemba_cli;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The two walks saved as before.json and after.json in `folder`.
struct SavedWalks {
    std::string before, after;
};
SavedWalks save_walks(const test::TempFolder& folder) {
    test::RecordedWalk before(test::before_steps(), test::with_takt());
    test::record_before(before);
    test::RecordedWalk after(test::after_steps(), test::with_takt());
    test::record_after(after);
    SavedWalks files{(folder / "before.json").string(), (folder / "after.json").string()};
    REQUIRE(save_session(files.before, before.session()).ok);
    REQUIRE(save_session(files.after, after.session()).ok);
    return files;
}

}  // namespace

TEST_CASE("gemba-cli compare: the text names both walks, the step table, waste rates and flow") {
    const test::TempFolder folder;
    const SavedWalks files = save_walks(folder);
    const Run r = gemba_cli({"compare", files.before, files.after});
    CAPTURE(r.out);
    CAPTURE(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "Before: " + files.before));
    CHECK(contains(r.out, "After:  " + files.after));
    // Fasten 21 → 13 s: −8.0 s, CI [−11.9, −4.1] s, p = 0.0045 → "0.005", faster.
    CHECK(contains(r.out, "\u22128.0 s (\u221211.9 s to \u22124.1 s)"));
    CHECK(contains(r.out, "0.005  faster"));
    CHECK(contains(r.out, "no clear change"));
    CHECK(contains(r.out, "Inspect  after"));
    CHECK(contains(r.out, "110.8 / h"));  // Motion: 4 tags in 130 s
    CHECK(contains(r.out, "\u221268.9 / h"));
}

TEST_CASE("gemba-cli compare --json: stable keys, numbers in ms and per hour, null where unknown") {
    const test::TempFolder folder;
    const SavedWalks files = save_walks(folder);
    const Run r = gemba_cli({"compare", files.before, files.after, "--json"});
    REQUIRE(r.code == 0);
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    REQUIRE_MESSAGE(!doc.HasParseError(), r.out);
    CHECK(std::string(doc["before"]["file"].GetString()) == files.before);
    CHECK(doc["before"]["observed_ms"].GetInt64() == 130000);
    CHECK(doc["after"]["observed_ms"].GetInt64() == 86000);
    CHECK(doc["confidence_pct"].GetDouble() == 95.0);
    const auto& steps = doc["steps"];
    REQUIRE(steps.Size() == 2);
    const auto& fasten = steps[1];
    CHECK(std::string(fasten["key"].GetString()) == "fasten");
    CHECK(fasten["before_step_id"].GetInt64() == 2);
    CHECK(fasten["after_step_id"].GetInt64() == 5);
    CHECK(std::string(fasten["after_name"].GetString()) == "  FASTEN ");
    CHECK(fasten["before"]["n"].GetInt64() == 4);
    CHECK(fasten["before"]["mean_ms"].GetDouble() == Approx(21000));
    CHECK(fasten["difference_ms"].GetDouble() == Approx(-8000));
    CHECK(fasten["ci_low_ms"].GetDouble() == Approx(-11897.975).epsilon(1e-5));
    CHECK(fasten["df"].GetDouble() == Approx(4.075472).epsilon(1e-6));
    CHECK(fasten["p"].GetDouble() == Approx(0.0045488).epsilon(1e-4));
    CHECK(std::string(fasten["verdict"].GetString()) == "faster");
    CHECK(fasten["untested"].IsNull());
    CHECK(fasten["wait_before_ms"]["after"].IsNull());  // Fasten is the after walk's first step
    REQUIRE(doc["unmatched"].Size() == 1);
    CHECK(std::string(doc["unmatched"][0]["side"].GetString()) == "after");
    CHECK(std::string(doc["unmatched"][0]["reason"].GetString()) == "missing");
    const auto& wastes = doc["wastes"];
    REQUIRE(wastes.Size() == 8);
    CHECK(std::string(wastes[6]["waste"].GetString()) == "motion");
    CHECK(wastes[6]["before_count"].GetInt64() == 4);
    CHECK(wastes[6]["change_per_hour"].GetDouble() == Approx(-68.908766));
    const auto& flow = doc["flow"];
    CHECK(flow["takt_gap_ms"]["before"].GetDouble() == Approx(5500));
    CHECK(flow["takt_gap_ms"]["change"].GetDouble() == Approx(-3833.333));
    CHECK(std::string(flow["lead_time_source"]["before"].GetString()) == "cycles");
    CHECK(doc["actions"].IsArray());
}

TEST_CASE("gemba-cli compare --csv: pandas reads one table whose section column tells the rows apart") {
    const test::TempFolder folder;
    const SavedWalks files = save_walks(folder);
    const Run r = gemba_cli({"compare", files.before, files.after, "--csv"});
    REQUIRE(r.code == 0);
    test::write_all(folder / "compare.csv", r.out);
    // Hand values as in test_compare.cpp: Fasten 21 → 13 s; Motion 110.769 → 41.860 per hour;
    // takt gap 5.5 → 1.667 s; Inspect unmatched on the after side.
    test::write_all(folder / "check.py", R"(import sys, pandas
t = pandas.read_csv(sys.argv[1])
assert list(t.columns) == ["section", "name", "side", "id", "before_n", "after_n", "before", "after", "change", "unit",
    "before_sd", "after_sd", "ci_low", "ci_high", "t", "df", "p", "verdict", "detail"], list(t.columns)
assert list(t["section"].unique()) == ["step", "wait_before", "unmatched", "waste", "flow"], t["section"].unique()
steps = t[t["section"] == "step"]
assert list(steps["name"]) == ["Pick part", "Fasten"], steps
f = steps[steps["name"] == "Fasten"].iloc[0]
assert f["before"] == 21 and f["after"] == 13 and f["change"] == -8 and f["unit"] == "s", f
assert abs(f["p"] - 0.0045488) < 1e-5 and f["verdict"] == "faster", f
assert f["before_n"] == 4 and f["after_n"] == 3, f
w = t[t["section"] == "waste"]
assert len(w) == 8, w
m = w[w["name"] == "motion"].iloc[0]
assert abs(m["before"] - 110.769231) < 1e-5 and abs(m["after"] - 41.860465) < 1e-5, m
u = t[t["section"] == "unmatched"].iloc[0]
assert u["name"] == "Inspect" and u["side"] == "after" and u["verdict"] == "missing", u
g = t[(t["section"] == "flow") & (t["name"] == "takt_gap")].iloc[0]
assert abs(g["before"] - 5.5) < 1e-9 and abs(g["after"] - 1.6666667) < 1e-6 and g["unit"] == "s", g
)");
    const std::string command = "/usr/bin/python3 " + test::shell_quote((folder / "check.py").string()) + " " +
                                test::shell_quote((folder / "compare.csv").string());
    CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("gemba-cli compare: a missing or bad file is named with its side, a wrong command line is a usage error") {
    const test::TempFolder folder;
    const SavedWalks files = save_walks(folder);
    const std::string missing = (folder / "nowhere.json").string();
    Run r = gemba_cli({"compare", missing, files.after});
    CHECK(r.code == 1);
    CHECK(contains(r.err, "before walk: " + missing));
    CHECK(r.out.empty());
    test::write_all(folder / "broken.json", "{\"format_version\": 3, \"steps\": [");
    r = gemba_cli({"compare", files.before, (folder / "broken.json").string()});
    CHECK(r.code == 1);
    CHECK(contains(r.err, "after walk: " + (folder / "broken.json").string()));
    r = gemba_cli({"compare", files.before});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "compare takes two FILEs"));
    r = gemba_cli({"compare", files.before, files.after, "--json", "--csv"});
    CHECK(r.code == 2);
    r = gemba_cli({"--help"});
    CHECK(contains(r.out, "gemba-cli compare BEFORE AFTER [--json | --csv]"));
    CHECK(contains(r.out, "lead_time_source"));
}

TEST_CASE("gemba-cli compare of the assembly examples (format 4): the before walk's four actions, each judged") {
    const std::string source = GEMBA_SOURCE_DIR;
    const std::string before = source + "/data/examples/assembly-line.json";
    const std::string after = source + "/data/examples/assembly-line-after.json";
    const Run r = gemba_cli({"compare", before, after, "--json"});
    REQUIRE(r.code == 0);
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    REQUIRE_MESSAGE(!doc.HasParseError(), r.out);
    // Observed 452.3 s and 308.6 s (summary --json's observed_ms of each file).
    CHECK(doc["before"]["observed_ms"].GetInt64() == 452300);
    CHECK(doc["after"]["observed_ms"].GetInt64() == 308600);
    const auto& actions = doc["actions"];
    REQUIRE(actions.Size() == 4);
    for (rapidjson::SizeType i = 0; i < 4; ++i) {
        CHECK(std::string(actions[i]["walk"].GetString()) == "before");
        CHECK(actions[i]["id"].GetInt64() == static_cast<std::int64_t>(i + 1));
    }
    // 1, the gravity rack: Walk & pick housing's mean, 4925 ms before (summary --json's mean_ms) and
    // 2870 ms after (2.9 2.7 3.1 2.8 3.0 2.6 2.9 3.2 2.8 2.7 s: 28.7 s ÷ 10, the script's taps):
    // down, with a p the verdict needs below 0.05.
    const auto& rack = actions[0];
    CHECK(std::string(rack["metric"].GetString()) == "step_mean");
    CHECK(rack["before"].GetDouble() == Approx(4925.0));
    CHECK(rack["after"].GetDouble() == Approx(2870.0));
    CHECK(rack["moved_as_expected"].GetBool());
    CHECK(rack["p"].GetDouble() < 0.05);
    CHECK(std::string(rack["verdict"].GetString()) == "met");
    // 2, the kanban card: Waiting tags 3 in 452.3 s = 23.878 / h → 1 in 308.6 s = 11.666 / h: down,
    // but the exact test of two rates gives p = 0.931 (the after walk's share of the time 0.40557,
    // P(≤ 1 of 4 after) = 0.46559, doubled): not met.
    const auto& card = actions[1];
    CHECK(std::string(card["metric"].GetString()) == "waste_rate");
    CHECK(card["before"].GetDouble() == Approx(3 * 3600 / 452.3));
    CHECK(card["after"].GetDouble() == Approx(3600 / 308.6));
    CHECK(card["p"].GetDouble() == Approx(0.931188).epsilon(1e-5));
    CHECK(std::string(card["verdict"].GetString()) == "not_met");
}
