// `gemba-cli summary --pool` from the outside, on three observers' sessions of one plan
// (tests/golden/pool, made by scripts/make-pool-examples; their readings and tags are in its
// comments). Expected numbers are worked out by hand here, not taken from the program's output.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli_run.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using doctest::Approx;
using gemba::test::read_all;
using gemba::test::shell_quote;
using gemba::test::TempFolder;
using gemba::test::write_all;

namespace {

const fs::path kPool = fs::path(GEMBA_SOURCE_DIR) / "tests" / "golden" / "pool";
const std::string kAnn = (kPool / "ann.json").string();
const std::string kBen = (kPool / "ben.json").string();
const std::string kCy = (kPool / "cy.json").string();

using Run = gemba::test::CliRun;
using gemba::test::gemba_cli;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

// Fasten holds Wikipedia's one-way ANOVA example (Ann 6 8 4 5 3 4, Ben 8 12 9 11 6 8, Cy 13 9 11 8
// 7 12 s): means 5, 9, 10, SDs √3.2 = 1.79, √4.8 = 2.19, √5.6 = 2.37; pooled n 18, mean 8, SD
// √(152/17) = 2.99; F = (84/2) ÷ (68/15) = 9.26 with df 2 and 15, p = 2.235294^(−7.5) = 0.0024.
// Pick parts: Ann 2 4, Ben 3, Cy 5: pooled mean 3.5, SD √(5/3) = 1.29; only Ann has 2 readings.
TEST_CASE("summary --pool: each observer beside the pooled numbers, the ANOVA, the verdict, what was not pooled") {
    const Run r = gemba_cli({"summary", "--pool", kAnn, kBen, kCy});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    const std::string& t = r.out;
    CHECK(contains(t, "Pooled study of 3 sessions"));
    CHECK(contains(t, "over all valid readings of every session"));
    CHECK(contains(t, "Ann            6      5.00 s      1.79 s"));
    CHECK(contains(t, "Ben            6      9.00 s      2.19 s"));
    CHECK(contains(t, "Cy             6     10.00 s      2.37 s"));
    CHECK(contains(t, "pooled        18      8.00 s      2.99 s"));
    CHECK(contains(t, "F = 9.26 (df 2, 15), p = 0.0024"));
    CHECK(contains(t, "Verdict at 95 %: observers differ"));
    CHECK(contains(t, "pooled         4      3.50 s      1.29 s"));
    CHECK(contains(t, "fewer than 2 sessions with 2+ readings"));
    // Ben's Inspect and Cy's two Labels are listed under their files.
    CHECK(contains(t, "Inspect (step 3): not in every session"));
    CHECK(contains(t, "Label (step 3): its name is used by 2 steps of this plan"));
    // Tags: motion 4 (Ann 2, Ben 2), waiting 3, defects 1, transportation 1; observed 94 + 121 + 72
    // = 287 s = 4:47.0; motion 4 × 3600 / 287 = 50.2 per hour, waiting 37.6.
    CHECK(contains(t, "Observed time of all sessions: 4:47.0"));
    CHECK(contains(t, "Motion                      4   44.4 %"));
    CHECK(contains(t, "50.2"));
    CHECK(contains(t, "37.6"));
    CHECK_FALSE(contains(t, "kappa ="));  // three sessions and no pair chosen: no κ
}

// Ann's tags on the wall clock at 10 motion, 20 waiting, 40 motion, 60 defects s after 08:00; Ben's
// at 11 motion, 27 waiting, 42 motion, 62 transportation. Within 5 s: 5 events (the waiting tags 7 s
// apart stay apart), p_o 2/5, p_e 6/25, κ 4/19 = 0.211, SE √(0.4·0.6/(5·0.76²)) = 0.288275, interval
// 0.211 ± 0.565 = −0.354 to 0.776. Within 10 s: 4 events, p_o 0.75, p_e 0.3125, κ 7/11 = 0.636,
// interval 0.636 ± 1.96·0.314918 = 0.019 to 1.254, shown cut to κ's range: 0.019 to 1.000.
TEST_CASE("summary --pool of two: kappa of the waste tags with its window, which --kappa-window-ms changes") {
    const Run five = gemba_cli({"summary", "--pool", kAnn, kBen});
    REQUIRE(five.code == 0);
    CHECK(contains(five.out, "at most 5.0 s apart"));
    CHECK(contains(five.out, "events 5, p_o = 0.400, p_e = 0.240, kappa = 0.211, 95 % interval -0.354 to 0.776"));
    const Run ten = gemba_cli({"summary", "--pool", kAnn, kBen, "--kappa-window-ms", "10000"});
    REQUIRE(ten.code == 0);
    CHECK(contains(ten.out, "at most 10.0 s apart"));
    CHECK(contains(ten.out, "events 4, p_o = 0.750, p_e = 0.312, kappa = 0.636, 95 % interval 0.019 to 1.000 (cut to κ's range −1 to 1)"));
}

TEST_CASE("summary --pool: kappa without a started_at is not computed, and the file is named") {
    const TempFolder dir;
    std::string ben = read_all(kBen);
    const std::string started = "\"started_at\": \"2026-11-30T08:00:11Z\",\n";
    const std::size_t at = ben.find(started);
    REQUIRE(at != std::string::npos);
    ben.erase(at, started.size());
    write_all(dir / "ben.json", ben);
    const std::string ben_file = (dir / "ben.json").string();
    const Run r = gemba_cli({"summary", "--pool", kAnn, ben_file});
    REQUIRE(r.code == 0);
    CHECK(contains(r.out, "κ cannot be computed: " + ben_file + " has no started_at"));
}

TEST_CASE("summary --pool --json: the keys, and the numbers worked out by hand") {
    const Run r = gemba_cli({"summary", "--pool", "--json", kAnn, kBen});
    REQUIRE(r.code == 0);
    rapidjson::Document doc;
    doc.Parse(r.out.c_str(), r.out.size());
    REQUIRE_FALSE(doc.HasParseError());
    for (const char* key : {"sessions", "confidence_pct", "z", "pooled_over", "steps", "left_out", "waste_tally", "kappa"})
        CHECK_MESSAGE(doc.HasMember(key), key);
    CHECK(doc["sessions"][1]["observer"].GetString() == std::string("Ben"));
    CHECK(doc["confidence_pct"].GetDouble() == Approx(95.0));
    REQUIRE(doc["steps"].Size() == 2);
    const auto& fasten = doc["steps"][1];
    CHECK(fasten["name"].GetString() == std::string("Fasten"));
    CHECK(fasten["sessions"][1]["step_id"].GetInt() == 2);
    CHECK(fasten["sessions"][1]["mean_ms"].GetDouble() == Approx(9000.0));
    // Ann and Ben: 12 readings, mean 84 / 12 = 7; SS within 16 + 24 = 40, SS between
    // 6·(5 − 7)² + 6·(9 − 7)² = 48, SD √(88 / 11) = √8 = 2.828427 s; F = 48 ÷ (40/10) = 12,
    // df 1 and 10 (F(1,10) = t², t = 3.4641: p = twice the t(10) tail beyond it = 0.00608, by
    // integrating the t density numerically).
    CHECK(fasten["pooled"]["n"].GetInt() == 12);
    CHECK(fasten["pooled"]["mean_ms"].GetDouble() == Approx(7000.0));
    CHECK(fasten["pooled"]["sd_ms"].GetDouble() == Approx(2828.427).epsilon(1e-6));
    CHECK(fasten["anova"]["f"].GetDouble() == Approx(12.0));
    CHECK(fasten["anova"]["df_between"].GetInt() == 1);
    CHECK(fasten["anova"]["df_within"].GetInt() == 10);
    CHECK(fasten["anova"]["p_value"].GetDouble() == Approx(0.00608).epsilon(0.005));
    CHECK(fasten["verdict"].GetString() == std::string("observers_differ"));
    CHECK(doc["steps"][0]["anova"].IsNull());
    CHECK(doc["steps"][0]["verdict"].GetString() == std::string("not_tested"));
    CHECK(doc["left_out"][1]["steps"][0]["name"].GetString() == std::string("Inspect"));
    CHECK(doc["waste_tally"]["observed_ms"].GetInt64() == 215'000);  // 94 + 121 s
    CHECK(doc["waste_tally"]["total"].GetInt() == 8);
    const auto& kappa = doc["kappa"];
    CHECK(kappa["window_ms"].GetInt() == 5000);
    CHECK(kappa["computed"].GetBool());
    CHECK(kappa["why_not"].IsNull());
    CHECK(kappa["items"].GetInt() == 5);
    CHECK(kappa["kappa"].GetDouble() == Approx(4.0 / 19.0));
}

TEST_CASE("summary --pool --csv: pandas reads one row per step per observer and the pooled rows") {
    const TempFolder dir;
    const Run r = gemba_cli({"summary", "--pool", "--csv", kAnn, kBen, kCy});
    REQUIRE(r.code == 0);
    write_all(dir / "pool.csv", r.out);
    write_all(dir / "check.py", R"(import sys, pandas
t = pandas.read_csv(sys.argv[1], encoding="utf-8-sig")
assert list(t.columns) == ["row", "step", "step_key", "file", "observer", "n", "mean_s", "sd_s", "f",
                           "df_between", "df_within", "p_value", "verdict"], t.columns
assert list(t["row"]) == ["observer"] * 3 + ["pooled"] + ["observer"] * 3 + ["pooled"], t
assert list(t["step"]) == ["Pick parts"] * 4 + ["Fasten"] * 4, t
f = t[t["step"] == "Fasten"]
obs = f[f["row"] == "observer"]
assert list(obs["observer"]) == ["Ann", "Ben", "Cy"], obs
assert list(obs["mean_s"]) == [5.0, 9.0, 10.0], obs
assert obs["n"].sum() == 18
p = f[f["row"] == "pooled"].iloc[0]
assert p["n"] == 18 and p["mean_s"] == 8.0 and abs(p["sd_s"] - 2.990) < 0.0006, p
assert abs(p["f"] - 9.264706) < 1e-6 and p["df_between"] == 2 and p["df_within"] == 15, p
assert abs(p["p_value"] - 0.002398) < 2e-6 and p["verdict"] == "observers_differ", p
pick = t[(t["step"] == "Pick parts") & (t["row"] == "pooled")].iloc[0]
assert pick["verdict"] == "not_tested" and pandas.isna(pick["f"]), pick
)");
    const std::string command = "/usr/bin/python3 " + shell_quote((dir / "check.py").string()) + " " +
                                shell_quote((dir / "pool.csv").string());
    CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("summary --pool: a missing or bad file is named, exit 1 as summary, and a wrong option exit 2") {
    const TempFolder dir;
    const std::string missing = (dir / "nobody.json").string();
    const Run r = gemba_cli({"summary", "--pool", kAnn, missing, kBen});
    CHECK(r.code == 1);
    CHECK(contains(r.err, missing));
    CHECK(contains(r.out, "Pooled study of 2 sessions"));  // the others are still pooled, as summary does
    // Three FILEs and no --kappa-pair: no kappa, though two of them were read (Ann's and Ben's
    // would be 0.211, a pair nobody chose).
    CHECK_FALSE(contains(r.out, "kappa ="));
    const Run json = gemba_cli({"summary", "--pool", "--json", kAnn, missing, kBen});
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    REQUIRE(doc.IsObject());
    CHECK(doc["kappa"].IsNull());
    write_all(dir / "bad.json", "{\"format_version\": 4,");
    const Run bad = gemba_cli({"summary", "--pool", "--json", kAnn, (dir / "bad.json").string()});
    CHECK(bad.code == 1);
    CHECK(contains(bad.err, "bad.json"));
    CHECK(gemba_cli({"summary", kAnn, "--kappa-window-ms", "10"}).code == 2);
    CHECK(gemba_cli({"summary", "--pool", kAnn, "--kappa-window-ms", "-5"}).code == 2);
    CHECK(gemba_cli({"summary", "--pool", kAnn, "--kappa-window-ms"}).code == 2);
    CHECK(gemba_cli({"summary", "--pool", kAnn, "--json", "--csv"}).code == 2);
    CHECK(gemba_cli({"summary", "--pool"}).code == 2);
}

TEST_CASE("summary --pool --kappa-pair I,J: kappa of the chosen two of several FILEs, never of another pair") {
    // Ann and Ben as the 1st and 3rd FILE: the same 5 events and κ 4/19 = 0.211 as above.
    const Run chosen = gemba_cli({"summary", "--pool", kAnn, kCy, kBen, "--kappa-pair", "1,3"});
    REQUIRE(chosen.code == 0);
    CHECK(contains(chosen.out, "Agreement on waste tags, " + kAnn + " and " + kBen));
    CHECK(contains(chosen.out, "kappa = 0.211"));
    const Run none = gemba_cli({"summary", "--pool", kAnn, kCy, kBen});
    CHECK(contains(none.out, "choose two FILEs with --kappa-pair I,J"));
    // The 2nd FILE cannot be read: Ann and Ben are the two left, but the pair chosen is Ann and it.
    const TempFolder dir;
    const Run missing = gemba_cli({"summary", "--pool", kAnn, (dir / "nobody.json").string(), kBen, "--kappa-pair", "1,2"});
    CHECK(missing.code == 1);
    CHECK_FALSE(contains(missing.out, "kappa ="));
    for (const char* pair : {"1,4", "0,1", "2,2", "1", "1,2,3", "a,b"})
        CHECK_MESSAGE(gemba_cli({"summary", "--pool", kAnn, kCy, kBen, "--kappa-pair", pair}).code == 2, pair);
}
