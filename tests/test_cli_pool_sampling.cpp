// `gemba-cli summary --pool` of work sampling studies from the outside: text, JSON (against its
// schema) and CSV (read back with pandas), κ's pair, and the refusals. The studies are recorded with
// core (Recorder on a ManualClock) and saved; the expected numbers are worked out by hand here.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "tests/cli_run.hpp"
#include "tests/sampling_support.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace gemba;
using gemba::test::gemba_cli;
using gemba::test::shell_quote;
using gemba::test::TempFolder;
using gemba::test::write_all;

namespace {

// The press shop with operators 1-5 (tests/sampling_support.hpp), from 08:05 when `shifted`.
Session plan(std::string observer, bool shifted = false) { return gemba::test::press_shop_study(std::move(observer), 5, shifted); }

// Items 0-49 (round item/5 + 1, operator item%5 + 1) in the categories given, saved to `path`.
void save(const fs::path& path, Session s, const std::vector<CategoryId>& categories) {
    gemba::test::observe_in_rounds(s, categories, 5);
    write_all(path, session_to_json(s));
}

const fs::path kSource = GEMBA_SOURCE_DIR;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }


// Wikipedia's Cohen's kappa example (https://en.wikipedia.org/wiki/Cohen%27s_kappa#Simple_example):
// 50 items, both Work 20, A Work B Idle 5, A Idle B Work 10, both Idle 15.
struct WikipediaPair {
    TempFolder folder;
    std::string a = (folder / "a.json").string();
    std::string b = (folder / "b.json").string();
    WikipediaPair() {
        std::vector<CategoryId> rater_a, rater_b;
        const auto add = [&](CategoryId x, CategoryId y, int count) {
            for (int k = 0; k < count; ++k) {
                rater_a.push_back(x);
                rater_b.push_back(y);
            }
        };
        add(1, 1, 20);
        add(1, 2, 5);
        add(2, 1, 10);
        add(2, 2, 15);
        save(a, plan("Ann"), rater_a);
        save(b, plan("Ben"), rater_b);
    }
};

// By hand: Ann Work 25 Idle 25, Ben Work 30 Idle 20, N = 100: χ² = N (ad − bc)² ÷ (r1 r2 c1 c2)
// = 100 × (25·20 − 25·30)² ÷ (50·50·55·45) = 1.010101, df 1, p = erfc(√(χ²/2)) = 0.314879.
// κ: p_o = 0.7, p_e = 0.5, κ = 0.4, SE = √(0.21 ÷ 12.5) = 0.129615, ± 1.96 SE: 0.145955 .. 0.654045.
// Pooled Work 55 of 100: Wilson at 1.96 = (0.55 + 0.019208 ± 1.96 √(0.002475 + 0.00009604)) ÷ 1.038416
// = 0.452444 .. 0.643856.

}  // namespace

TEST_CASE("summary --pool of two sampling studies: shares side by side, the chi-square test and κ = 0.4") {
    const WikipediaPair files;
    const gemba::test::CliRun r = gemba_cli({"summary", "--pool", files.a, files.b});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "== Pooled work sampling study of 2 sessions =="));
    CHECK(contains(r.out, "25   50.0 %"));  // Ann's Work
    CHECK(contains(r.out, "30   60.0 %"));  // Ben's Work
    CHECK(contains(r.out, "55   55.0 %   45.2 % to 64.4 %"));
    CHECK(contains(r.out, "left out: Away: absent / not observable (not in n)"));
    CHECK(contains(r.out, "2 observers × 2 categories, N = 100: chi-square = 1.01, df 1, p = 0.3149"));
    CHECK(contains(r.out, "Verdict at 95 %: no clear difference"));
    CHECK(contains(r.out, "pairs 50, p_o = 0.700, p_e = 0.500, kappa = 0.400, 95 % interval 0.146 to 0.654"));
    CHECK(contains(r.out, "unpaired: 0 only in " + files.a + ", 0 only in " + files.b));
}

TEST_CASE("summary --pool --json of sampling studies: the numbers by hand (tests/test_schema_sampling.cpp checks its schema)") {
    const WikipediaPair files;
    const gemba::test::CliRun r = gemba_cli({"summary", "--pool", "--json", files.a, files.b});
    REQUIRE(r.code == 0);
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    REQUIRE_FALSE(d.HasParseError());
    CHECK(d["sampling_pool_format_version"].GetInt() == 1);
    CHECK(d["observations"].GetInt() == 100);
    const rapidjson::Value& work = d["categories"][0];
    CHECK(std::string(work["name"].GetString()) == "Work");
    CHECK(work["count"].GetInt() == 55);
    CHECK(work["sessions"][1]["share"].GetDouble() == doctest::Approx(0.6));
    CHECK(work["pooled"]["wilson_low"].GetDouble() == doctest::Approx(0.452444).epsilon(1e-5));
    CHECK(work["pooled"]["wilson_high"].GetDouble() == doctest::Approx(0.643856).epsilon(1e-5));
    CHECK(d["categories"][2]["pooled"].IsNull());  // Away
    const rapidjson::Value& t = d["independence"];
    CHECK(t["statistic"].GetDouble() == doctest::Approx(1.010101).epsilon(1e-6));
    CHECK(t["df"].GetInt() == 1);
    CHECK(t["p_value"].GetDouble() == doctest::Approx(0.314879).epsilon(1e-5));
    CHECK(std::string(t["verdict"].GetString()) == "no_clear_difference");
    const rapidjson::Value& k = d["kappa"];
    CHECK(k["computed"].GetBool());
    CHECK(k["kappa"].GetDouble() == doctest::Approx(0.4));
    CHECK(k["standard_error"].GetDouble() == doctest::Approx(0.129615).epsilon(1e-5));
    CHECK(k["table"][0][1].GetInt() == 5);
    CHECK(k["table"][1][0].GetInt() == 10);
    CHECK(k["categories"].Size() == 3);  // Away is a κ category of its own
}

TEST_CASE("summary --pool --csv of sampling studies: pandas reads a row per category per observer and pooled") {
    const WikipediaPair files;
    const gemba::test::CliRun r = gemba_cli({"summary", "--pool", "--csv", files.a, files.b});
    REQUIRE(r.code == 0);
    const TempFolder dir;
    write_all(dir / "pool.csv", r.out);
    write_all(dir / "check.py", R"(import sys, pandas
t = pandas.read_csv(sys.argv[1], encoding="utf-8-sig")
assert list(t.columns) == ["row", "category", "category_key", "absent", "file", "observer", "count", "n", "share",
                           "wilson_low", "wilson_high"], list(t.columns)
assert len(t) == 9, len(t)
ben = t[(t["row"] == "observer") & (t["category"] == "Idle") & (t["observer"] == "Ben")].iloc[0]
assert ben["count"] == 20 and ben["n"] == 50 and abs(ben["share"] - 0.4) < 1e-9, ben
work = t[(t["row"] == "pooled") & (t["category"] == "Work")].iloc[0]
assert work["count"] == 55 and work["n"] == 100, work
assert abs(work["wilson_low"] - 0.452444) < 1e-5 and abs(work["wilson_high"] - 0.643856) < 1e-5, work
away = t[(t["row"] == "pooled") & (t["category"] == "Away")].iloc[0]
assert bool(away["absent"]) and pandas.isna(away["share"]), away
)");
    const std::string command = "/usr/bin/python3 " + shell_quote((dir / "check.py").string()) + " " +
                                shell_quote((dir / "pool.csv").string());
    CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("summary --pool of sampling studies: the κ pair, rounds that differ, and the refusals") {
    const WikipediaPair files;
    const std::string c = (files.folder / "c.json").string();
    save(c, plan("Cy", true), std::vector<CategoryId>(10, 1));

    const gemba::test::CliRun three = gemba_cli({"summary", "--pool", files.a, files.b, c});
    CHECK(three.code == 0);
    CHECK(contains(three.out, "choose two FILEs with --kappa-pair I,J"));
    const gemba::test::CliRun pair = gemba_cli({"summary", "--pool", files.a, files.b, c, "--kappa-pair", "1,2"});
    CHECK(contains(pair.out, "kappa = 0.400"));
    const gemba::test::CliRun shifted = gemba_cli({"summary", "--pool", files.a, files.b, c, "--kappa-pair", "1,3"});
    CHECK(contains(shifted.out, "not computed: the two studies' rounds differ"));

    const gemba::test::CliRun window = gemba_cli({"summary", "--pool", files.a, files.b, "--kappa-window-ms", "100"});
    CHECK(window.code == 2);
    CHECK(contains(window.err, "--kappa-window-ms is for time studies' waste tags"));

    const std::string time_study = (kSource / "data" / "examples" / "assembly-line.json").string();
    const gemba::test::CliRun mixed = gemba_cli({"summary", "--pool", files.a, time_study});
    CHECK(mixed.code == 2);
    CHECK(contains(mixed.err, "summary --pool pools studies of one kind: " + time_study + " is a time study, " + files.a +
                                  " a work sampling study"));
    CHECK(mixed.out.empty());
}
