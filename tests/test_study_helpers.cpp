// The classic time-study helpers: the Westinghouse rating table, the ILO allowance table, Student's
// t and the required-cycles methods, and how they are kept in a version 3 file. Expected values are
// the published table values (LEAN.md) or worked out by hand in the comments.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/analysis/stats.hpp"
#include "core/analysis/summary.hpp"
#include "core/analysis/time_study.hpp"
#include "core/file/session_file.hpp"
#include "core/model/study_helpers.hpp"
#include "core/report/text_summary.hpp"
#include "tests/support.hpp"

using doctest::Approx;
using namespace gemba;
namespace stdfs = std::filesystem;
using test::read_all;

namespace {

const stdfs::path kGolden = stdfs::path(GEMBA_SOURCE_DIR) / "tests" / "golden";

WestinghouseRating grades(const char* skill, const char* effort, const char* conditions, const char* consistency) {
    WestinghouseRating r;
    const char* spelled[] = {skill, effort, conditions, consistency};
    for (WestinghouseFactor f : kWestinghouseFactors) {
        const auto grade = parse_westinghouse_grade(f, spelled[static_cast<std::size_t>(f)]);
        REQUIRE(grade.has_value());
        r.grade[static_cast<std::size_t>(f)] = *grade;
    }
    return r;
}

std::uint8_t level_of(AllowanceFactor factor, std::string_view spelling) {
    const auto levels = allowance_factor(factor).levels;
    for (std::size_t i = 0; i < levels.size(); ++i)
        if (levels[i].spelling == spelling) return static_cast<std::uint8_t>(i + 1);
    FAIL("no level " << spelling);
    return 0;
}

int pct_of(AllowanceFactor factor, std::string_view spelling) {
    AllowanceItems items;
    items.level[static_cast<std::size_t>(factor)] = level_of(factor, spelling);
    return items.total_pct();
}

std::string v3(const std::string& step_rest, const std::string& settings = "") {
    return R"({"format_version": 3, "title": "T", "settings": {)" + settings +
           R"(}, "steps": [{"id": 1, "name": "A", "value_class": "value_added")" + step_rest + "}]}";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Westinghouse
// ---------------------------------------------------------------------------------------------

TEST_CASE("Westinghouse: every grade has the published table value") {
    // LEAN.md (Lowry, Maynard and Stegemerten, as Niebel and Freivalds print them), × 100.
    const std::vector<std::pair<std::string, int>> skill = {{"A1", 15}, {"A2", 13}, {"B1", 11}, {"B2", 8},
                                                            {"C1", 6},  {"C2", 3},  {"D", 0},   {"E1", -5},
                                                            {"E2", -10}, {"F1", -16}, {"F2", -22}};
    const std::vector<std::pair<std::string, int>> effort = {{"A1", 13}, {"A2", 12}, {"B1", 10}, {"B2", 8},
                                                             {"C1", 5},  {"C2", 2},  {"D", 0},   {"E1", -4},
                                                             {"E2", -8}, {"F1", -12}, {"F2", -17}};
    const std::vector<std::pair<std::string, int>> conditions = {{"A", 6}, {"B", 4}, {"C", 2},
                                                                 {"D", 0}, {"E", -3}, {"F", -7}};
    const std::vector<std::pair<std::string, int>> consistency = {{"A", 4}, {"B", 3}, {"C", 1},
                                                                  {"D", 0}, {"E", -2}, {"F", -4}};
    const auto check_table = [](WestinghouseFactor factor, const std::vector<std::pair<std::string, int>>& table) {
        const auto grades_of = westinghouse_grades(factor);
        REQUIRE(grades_of.size() == table.size());
        for (std::size_t i = 0; i < table.size(); ++i) {
            CAPTURE(table[i].first);
            CHECK(grades_of[i].spelling == table[i].first);
            CHECK(grades_of[i].hundredths == table[i].second);
        }
    };
    check_table(WestinghouseFactor::skill, skill);
    check_table(WestinghouseFactor::effort, effort);
    check_table(WestinghouseFactor::conditions, conditions);
    check_table(WestinghouseFactor::consistency, consistency);
    // The extremes: 1 + 0.15 + 0.13 + 0.06 + 0.04 = 1.38; 1 − 0.22 − 0.17 − 0.07 − 0.04 = 0.50.
    CHECK(grades("A1", "A1", "A", "A").rating_pct() == 138.0);
    CHECK(grades("F2", "F2", "F", "F").rating_pct() == 50.0);
    CHECK(WestinghouseRating{}.rating_pct() == 100.0);  // all D: average
}

TEST_CASE("Westinghouse: a worked example, B1 C2 D E → 111 %, and where it came from") {
    // Skill B1 +0.11, effort C2 +0.02, conditions D 0, consistency E −0.02:
    // R = 1 + 0.11 + 0.02 + 0 − 0.02 = 1.11 → 111 %.
    const WestinghouseRating r = grades("B1", "C2", "D", "E");
    CHECK(r.sum_hundredths() == 11);
    CHECK(r.rating_pct() == 111.0);
    Step step{1, "Drill", ValueClass::value_added};
    step.set_westinghouse(r);
    CHECK(step.rating_pct == 111.0);
    const std::vector<HelperPart> parts = rating_breakdown(r);
    REQUIRE(parts.size() == 4);
    CHECK(parts[0].factor == "Skill");
    CHECK(parts[0].choice == "B1 Excellent");
    CHECK(parts[0].value == Approx(0.11));
    CHECK(parts[3].choice == "E Fair");
    CHECK(parts[3].value == Approx(-0.02));
    CHECK(rating_breakdown_text(r) ==
          "skill B1 +0.11, effort C2 +0.02, conditions D 0.00, consistency E \u22120.02 \u2192 1.11\u00a0=\u00a0111\u00a0%");
    // A second example: C1 C1 C C = 1 + 0.06 + 0.05 + 0.02 + 0.01 = 1.14.
    CHECK(grades("C1", "C1", "C", "C").rating_pct() == 114.0);
    // E2 F1 E F = 1 − 0.10 − 0.12 − 0.03 − 0.04 = 0.71.
    CHECK(grades("E2", "F1", "E", "F").rating_pct() == 71.0);
    CHECK_FALSE(parse_westinghouse_grade(WestinghouseFactor::conditions, "A1").has_value());
    CHECK_FALSE(parse_westinghouse_grade(WestinghouseFactor::skill, "G").has_value());
}

// ---------------------------------------------------------------------------------------------
// ILO allowances
// ---------------------------------------------------------------------------------------------

TEST_CASE("ILO allowances: every item has the published table value") {
    using F = AllowanceFactor;
    CHECK(pct_of(F::personal, "yes") == 5);
    CHECK(pct_of(F::basic_fatigue, "yes") == 4);
    CHECK(pct_of(F::standing, "yes") == 2);
    CHECK(pct_of(F::posture, "slightly_awkward") == 0);
    CHECK(pct_of(F::posture, "awkward") == 2);
    CHECK(pct_of(F::posture, "very_awkward") == 7);
    // Weight lifted (lb → %): 5→0 10→1 15→2 20→3 25→4 30→5 35→7 40→9 45→11 50→13 60→17 70→22.
    const std::vector<std::pair<const char*, int>> lifting = {{"5", 0},   {"10", 1},  {"15", 2},  {"20", 3},
                                                              {"25", 4},  {"30", 5},  {"35", 7},  {"40", 9},
                                                              {"45", 11}, {"50", 13}, {"60", 17}, {"70", 22}};
    CHECK(allowance_factor(F::lifting).levels.size() == lifting.size());
    for (const auto& [pounds, pct] : lifting) {
        CAPTURE(pounds);
        CHECK(pct_of(F::lifting, pounds) == pct);
    }
    CHECK(pct_of(F::light, "slightly_below") == 0);
    CHECK(pct_of(F::light, "well_below") == 2);
    CHECK(pct_of(F::light, "quite_inadequate") == 5);
    CHECK(allowance_factor(F::atmosphere).levels.size() == 11);
    for (int pct = 0; pct <= 10; ++pct) CHECK(pct_of(F::atmosphere, std::to_string(pct)) == pct);
    CHECK(pct_of(F::close_attention, "fairly_fine") == 0);
    CHECK(pct_of(F::close_attention, "fine") == 2);
    CHECK(pct_of(F::close_attention, "very_fine") == 5);
    CHECK(pct_of(F::noise, "continuous") == 0);
    CHECK(pct_of(F::noise, "intermittent_loud") == 2);
    CHECK(pct_of(F::noise, "intermittent_very_loud") == 5);
    CHECK(pct_of(F::noise, "high_pitched_loud") == 5);
    CHECK(pct_of(F::mental_strain, "fairly_complex") == 1);
    CHECK(pct_of(F::mental_strain, "complex") == 4);
    CHECK(pct_of(F::mental_strain, "very_complex") == 8);
    CHECK(pct_of(F::monotony, "low") == 0);
    CHECK(pct_of(F::monotony, "medium") == 1);
    CHECK(pct_of(F::monotony, "high") == 4);
    CHECK(pct_of(F::tediousness, "rather_tedious") == 0);
    CHECK(pct_of(F::tediousness, "tedious") == 2);
    CHECK(pct_of(F::tediousness, "very_tedious") == 5);
    CHECK(AllowanceItems::constant_only().total_pct() == 9);  // personal 5 + basic fatigue 4
}

TEST_CASE("ILO allowances: a worked example adds up to the step's allowance, with its breakdown") {
    // A standing drill operator, bending, lifting 20 lb, in a warm shop (3 %):
    // 5 + 4 + 2 + 2 + 3 + 3 = 19 %.
    AllowanceItems items = AllowanceItems::constant_only();
    items.level[static_cast<std::size_t>(AllowanceFactor::standing)] = 1;
    items.level[static_cast<std::size_t>(AllowanceFactor::posture)] = level_of(AllowanceFactor::posture, "awkward");
    items.level[static_cast<std::size_t>(AllowanceFactor::lifting)] = level_of(AllowanceFactor::lifting, "20");
    items.level[static_cast<std::size_t>(AllowanceFactor::atmosphere)] = level_of(AllowanceFactor::atmosphere, "3");
    CHECK(items.total_pct() == 19);
    Step step{1, "Drill", ValueClass::value_added};
    step.set_allowance_items(items);
    CHECK(step.allowance_pct == 19.0);
    const std::vector<HelperPart> parts = allowance_breakdown(items);
    REQUIRE(parts.size() == 6);
    CHECK(parts[0].factor == "Personal needs");
    CHECK(parts[0].value == 5.0);
    CHECK(parts[4].factor == "Lifting (weight)");
    CHECK(parts[4].choice == "20 lb (9.1 kg)");
    CHECK(parts[4].value == 3.0);
    CHECK(allowance_breakdown_text(items) ==
          "Personal needs 5\u00a0% + Basic fatigue 4\u00a0% + Standing 2\u00a0% + Abnormal position (Awkward (bending)) "
          "2\u00a0% + Lifting (weight) (20 lb (9.1 kg)) 3\u00a0% + Atmosphere (heat, humidity) 3\u00a0% = 19\u00a0%");
    CHECK(allowance_breakdown_text(AllowanceItems{}).empty());
    // An inspector: 5 + 4 + light well below 2 + very fine work 5 + intermittent loud noise 2 +
    // complex 4 + medium monotony 1 + tedious 2 = 25 %.
    AllowanceItems inspect = AllowanceItems::constant_only();
    const auto set = [&](AllowanceFactor f, const char* s) { inspect.level[static_cast<std::size_t>(f)] = level_of(f, s); };
    set(AllowanceFactor::light, "well_below");
    set(AllowanceFactor::close_attention, "very_fine");
    set(AllowanceFactor::noise, "intermittent_loud");
    set(AllowanceFactor::mental_strain, "complex");
    set(AllowanceFactor::monotony, "medium");
    set(AllowanceFactor::tediousness, "tedious");
    CHECK(inspect.total_pct() == 25);
}

// ---------------------------------------------------------------------------------------------
// Student's t
// ---------------------------------------------------------------------------------------------

TEST_CASE("Student's t: the quantiles of printed t tables") {
    // Two-sided 95 % (t_0.975) and one-sided 95 % (t_0.95), as every t table prints them.
    CHECK(student_t_quantile(0.975, 9) == Approx(2.262).epsilon(5e-4));
    CHECK(student_t_quantile(0.975, 4) == Approx(2.776).epsilon(5e-4));
    CHECK(student_t_quantile(0.95, 20) == Approx(1.725).epsilon(5e-4));
    CHECK(student_t_quantile(0.975, 1) == Approx(12.706).epsilon(1e-4));
    CHECK(student_t_quantile(0.995, 30) == Approx(2.750).epsilon(5e-4));
    CHECK(student_t_quantile(0.975, 29) == Approx(2.045).epsilon(5e-4));
    // More digits (R's qt): qt(0.975, 4) = 2.776445105, qt(0.975, 9) = 2.262157163.
    CHECK(student_t_quantile(0.975, 4) == Approx(2.776445105).epsilon(1e-9));
    CHECK(student_t_quantile(0.975, 9) == Approx(2.262157163).epsilon(1e-9));
    // Far in the tail and with many degrees of freedom: qt(0.9995, 3) = 12.92398, qt(0.9, 100) = 1.290075.
    CHECK(student_t_quantile(0.9995, 3) == Approx(12.92398).epsilon(1e-6));
    CHECK(student_t_quantile(0.9, 100) == Approx(1.290075).epsilon(1e-6));
    for (double p : {0.6, 0.9, 0.99, 0.999999})
        for (double df : {0.5, 1.0, 3.0, 30.0, 1000.0}) {
            CAPTURE(p);
            CAPTURE(df);
            CHECK(student_t_cdf(student_t_quantile(p, df), df) == Approx(p).epsilon(1e-12));
        }
    // Symmetric, 0 at the median, and the normal quantile as df grows.
    CHECK(student_t_quantile(0.025, 9) == Approx(-2.262157163).epsilon(1e-9));
    CHECK(student_t_quantile(0.5, 3) == 0.0);
    CHECK(student_t_quantile(0.975, 1e7) == Approx(normal_quantile(0.975)).epsilon(1e-6));
    CHECK(t_for_confidence(95.0, 9) == Approx(2.262157163).epsilon(1e-9));
    CHECK_THROWS_AS(student_t_quantile(1.0, 4), std::invalid_argument);
    CHECK_THROWS_AS(student_t_quantile(0.9, 0), std::invalid_argument);
}

TEST_CASE("Student's t: the CDF matches its closed forms for 1 and 2 degrees of freedom") {
    // df = 1 (Cauchy): F(t) = ½ + atan(t)/π; df = 2: F(t) = ½ + t / (2√(2 + t²)).
    for (double t : {-30.0, -2.5, -0.3, 0.0, 0.7, 1.0, 4.0, 100.0}) {
        CAPTURE(t);
        CHECK(student_t_cdf(t, 1) == Approx(0.5 + std::atan(t) / std::acos(-1.0)).epsilon(1e-13));
        CHECK(student_t_cdf(t, 2) == Approx(0.5 + t / (2.0 * std::sqrt(2.0 + t * t))).epsilon(1e-13));
    }
    // I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
    CHECK(regularized_incomplete_beta(3.0, 1.0, 0.4) == Approx(0.064).epsilon(1e-13));
    CHECK(regularized_incomplete_beta(1.0, 2.5, 0.3) == Approx(1.0 - std::pow(0.7, 2.5)).epsilon(1e-13));
    CHECK(confidence_for_z(1.96) == Approx(95.0).epsilon(1e-5));
}

// ---------------------------------------------------------------------------------------------
// Required cycles
// ---------------------------------------------------------------------------------------------

TEST_CASE("required cycles: the three methods on one hand-computed preliminary sample") {
    // Five readings 8, 10, 9, 11, 12: N = 5, Σx = 50, Σx² = 510, x̄ = 10.
    // Traditional (Niebel's form) at 95.45 % (z = 2), ±5 %:
    //   n = ((2/0.05)·√(5·510 − 50²) / 50)² = (40·√50 / 50)² = 1600·50 / 2500 = 32.
    // Sample SD: s² = (510 − 5·10²) / 4 = 2.5: n = (2·√2.5 / (0.05·10))² = 16·2.5 = 40.
    // Student's t at 95 %, 4 df: t = 2.776445, n = (2.776445/0.5)²·2.5 = 30.8346·2.5 = 77.09 → 78.
    const std::vector<double> readings = {8, 10, 9, 11, 12};
    const Descriptive d = describe(readings);
    StudySettings settings;
    settings.z = 2.0;
    settings.accuracy_pct = 5.0;
    const auto cycles = [&](RequiredCyclesMethod method) {
        settings.required_cycles_method = method;
        const std::optional<CyclesFormula> f = cycles_formula(settings, 2.0, d);
        REQUIRE(f.has_value());
        return required_cycles(f->multiplier, f->sd, *d.mean, 0.05);
    };
    CHECK(cycles(RequiredCyclesMethod::traditional) == 32);
    CHECK(cycles(RequiredCyclesMethod::z_sample_sd) == 40);
    settings.z.reset();
    settings.confidence_pct = 95.0;
    CHECK(cycles(RequiredCyclesMethod::student_t) == 78);
    // The population form written out: the same n from Σx and Σx².
    const double n_traditional = std::pow(2.0 / 0.05 * std::sqrt(5.0 * 510.0 - 50.0 * 50.0) / 50.0, 2);
    CHECK(n_traditional == Approx(32.0));
    // Fewer than two readings: no formula.
    CHECK_FALSE(cycles_formula(settings, 1.96, describe(std::vector<double>{4.0})).has_value());
}

TEST_CASE("required cycles: the golden v3 study under each method, and what the summary says") {
    // Drill: 2000, 2200, 1900, 2100, 1800 ms: x̄ = 2000, Σd² = 100000, s² = 25000, σ² = 20000.
    //   student_t (t = 2.776445, 4 df): (2.776445·158.114/100)² = 4.38996² = 19.27 → 20
    //   z_sample_sd (z = 1.96): (1.96·1.58114)² = 9.604 → 10; traditional: 1.96²·2 = 7.683 → 8
    // Inspect: 1000, 1000, 1100, 900, 1000 ms: x̄ = 1000, Σd² = 20000, s² = 5000, σ² = 4000.
    //   student_t: (2.776445·70.7107/50)² = 3.92648² = 15.42 → 16
    //   z_sample_sd: 1.96²·2 = 7.683 → 8; traditional: 1.96²·1.6 = 6.147 → 7
    // Normal and standard times: Drill 2000 × 1.11 = 2220, × 1.19 = 2641.8; Inspect 1000 × 1.14 =
    // 1140, × 1.25 = 1425.
    const LoadResult loaded = load_session(kGolden / "v3" / "helpers.json");
    REQUIRE_MESSAGE(loaded.ok(), loaded.problem->message());
    Session s = *loaded.session;
    const auto run = [&](RequiredCyclesMethod method) {
        s.settings.required_cycles_method = method;
        return summarize(s, loaded.state);
    };
    const SessionSummary t = run(RequiredCyclesMethod::student_t);
    CHECK(t.steps[0].required_cycles == 20);
    CHECK(t.steps[1].required_cycles == 16);
    CHECK(t.required_cycles == 20);
    REQUIRE(t.steps[0].cycles_t.has_value());
    CHECK(*t.steps[0].cycles_t == Approx(2.776445).epsilon(1e-6));
    CHECK(*t.steps[0].normal_ms == Approx(2220.0));
    CHECK(*t.steps[0].standard_ms == Approx(2641.8));
    CHECK(*t.steps[1].standard_ms == Approx(1425.0));
    CHECK(summary_text("helpers.json", s, t).find("Student's t for each step's n \u2212 1 degrees of freedom at 95.00 %") !=
          std::string::npos);
    const SessionSummary z = run(RequiredCyclesMethod::z_sample_sd);
    CHECK(z.steps[0].required_cycles == 10);
    CHECK(z.steps[1].required_cycles == 8);
    CHECK_FALSE(z.steps[0].cycles_t.has_value());
    const SessionSummary traditional = run(RequiredCyclesMethod::traditional);
    CHECK(traditional.steps[0].required_cycles == 8);
    CHECK(traditional.steps[1].required_cycles == 7);
    CHECK(summary_text("helpers.json", s, traditional).find("z = 1.960, traditional formula (population SD)") !=
          std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// The file, format version 3
// ---------------------------------------------------------------------------------------------

TEST_CASE("golden v3: the helpers load with every value as written, and are written back byte for byte as the newest version") {
    const stdfs::path path = kGolden / "v3" / "helpers.json";
    const LoadResult loaded = load_session(path);
    REQUIRE_MESSAGE(loaded.ok(), loaded.problem->message());
    const Session& s = *loaded.session;
    CHECK(session_to_json(s) == test::with_newest_format_version(read_all(path), 3, kFormatVersion));
    CHECK(s.settings.required_cycles_method == RequiredCyclesMethod::student_t);
    REQUIRE(s.steps.size() == 3);
    REQUIRE(s.steps[0].westinghouse.has_value());
    CHECK(*s.steps[0].westinghouse == grades("B1", "C2", "D", "E"));
    CHECK(s.steps[0].rating_pct == 111.0);
    CHECK(s.steps[0].allowance_pct == 19.0);
    CHECK(s.steps[0].allowance_items.total_pct() == 19);
    CHECK(*s.steps[1].westinghouse == grades("C1", "C1", "C", "C"));
    CHECK(s.steps[1].allowance_items.total_pct() == 25);
    CHECK_FALSE(s.steps[2].westinghouse.has_value());
    CHECK_FALSE(s.steps[2].allowance_items.any());
    CHECK(s.steps[2].rating_pct == 95.0);
}

TEST_CASE("golden v3: an older Gemba (one that reads up to version 2) refuses a v3 file as newer") {
    const LoadResult old = parse_session(read_all(kGolden / "v3" / "helpers.json"), "helpers.json", 2);
    REQUIRE_FALSE(old.ok());
    CHECK(old.problem->message() ==
          "helpers.json: /format_version: format version 3 is newer than this Gemba reads (up to 2); open it with a "
          "newer Gemba");
}

TEST_CASE("golden v2: a v2 file keeps loading and is written back as the newest version, nothing else changed") {
    // Version 2 → 3 → 4: nothing to migrate (its ratings and allowances were typed, it raised no problem).
    const stdfs::path path = kGolden / "v2" / "value_stream.json";
    const LoadResult loaded = load_session(path);
    REQUIRE(loaded.ok());
    CHECK(session_to_json(*loaded.session) == test::with_newest_format_version(read_all(path), 2, kFormatVersion));
    for (const Step& step : loaded.session->steps) {
        CHECK_FALSE(step.westinghouse.has_value());
        CHECK_FALSE(step.allowance_items.any());
    }
    CHECK(loaded.session->settings.required_cycles_method == RequiredCyclesMethod::z_sample_sd);
}

TEST_CASE("format versions: a version 2 file cannot hold what version 3 added") {
    const auto v2 = [](const std::string& step_rest, const std::string& settings = "") {
        return R"({"format_version": 2, "title": "T", "settings": {)" + settings +
               R"(}, "steps": [{"id": 1, "name": "A", "value_class": "value_added")" + step_rest + "}]}";
    };
    SUBCASE("Westinghouse grades") {
        const LoadResult r = parse_session(
            v2(R"(, "westinghouse": {"skill": "D", "effort": "D", "conditions": "D", "consistency": "D"})"), "old.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem->message() == "old.json: /steps/0/westinghouse: unknown field 'westinghouse'");
    }
    SUBCASE("allowance items") {
        const LoadResult r = parse_session(v2(R"(, "allowances": {"personal": true})"), "old.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem->message() == "old.json: /steps/0/allowances: unknown field 'allowances'");
    }
    SUBCASE("the required cycles method") {
        const LoadResult r = parse_session(v2("", R"("required_cycles_method": "student_t")"), "old.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem->message() ==
              "old.json: /settings/required_cycles_method: unknown field 'required_cycles_method'");
    }
    SUBCASE("the same in version 3 loads") {
        CHECK(parse_session(v3(R"(, "westinghouse": {"skill": "D", "effort": "D", "conditions": "D", "consistency": "D"},
                                  "allowances": {"personal": true})",
                               R"("required_cycles_method": "traditional")"),
                            "new.json")
                  .ok());
    }
}

TEST_CASE("format version 3: a rating or allowance left out is computed from the helpers") {
    const LoadResult r = parse_session(
        v3(R"(, "westinghouse": {"skill": "A1", "effort": "B2", "conditions": "E", "consistency": "F"},
              "allowances": {"personal": true, "basic_fatigue": true, "noise": "high_pitched_loud", "lifting_lb": 70})"),
        "t.json");
    REQUIRE_MESSAGE(r.ok(), r.problem->message());
    // 1 + 0.15 + 0.08 − 0.03 − 0.04 = 1.16; 5 + 4 + 5 + 22 = 36.
    CHECK(r.session->steps[0].rating_pct == 116.0);
    CHECK(r.session->steps[0].allowance_pct == 36.0);
}

TEST_CASE("format version 3: bad helpers are refused with their place") {
    struct Bad {
        std::string step_rest;
        std::string message;
    };
    const std::vector<Bad> bad = {
        {R"(, "rating_pct": 105, "westinghouse": {"skill": "B1", "effort": "C2", "conditions": "D", "consistency": "E"})",
         "t.json: /steps/0/rating_pct: is 105 but the Westinghouse grades (B1, C2, D, E) give 111; change one of them, "
         "or remove the grades"},
        {R"(, "allowance_pct": 10, "allowances": {"personal": true, "standing": true})",
         "t.json: /steps/0/allowance_pct: is 10 but the allowance items add up to 7; change one of them, or remove the "
         "items"},
        {R"(, "westinghouse": {"skill": "B1", "effort": "C2", "conditions": "D"})",
         "t.json: /steps/0/westinghouse: missing field 'consistency'"},
        {R"(, "westinghouse": {"skill": "B3", "effort": "C2", "conditions": "D", "consistency": "E"})",
         "t.json: /steps/0/westinghouse/skill: unknown skill grade 'B3' (expected one of: A1, A2, B1, B2, C1, C2, D, "
         "E1, E2, F1, F2)"},
        {R"(, "westinghouse": {"skill": "B1", "effort": "C2", "conditions": "D", "consistency": "E", "mood": "A"})",
         "t.json: /steps/0/westinghouse/mood: unknown field 'mood'"},
        {R"(, "allowances": {"personal": false})",
         "t.json: /steps/0/allowances/personal: is false; leave an item out instead"},
        {R"(, "allowances": {"posture": "sideways"})",
         "t.json: /steps/0/allowances/posture: unknown level 'sideways' (expected one of: slightly_awkward, awkward, "
         "very_awkward)"},
        {R"(, "allowances": {"lifting_lb": 12})",
         "t.json: /steps/0/allowances/lifting_lb: is not a row of the table (expected one of: 5, 10, 15, 20, 25, 30, "
         "35, 40, 45, 50, 60, 70), found 12"},
        {R"(, "allowances": {"atmosphere_pct": 11})",
         "t.json: /steps/0/allowances/atmosphere_pct: must be at most 10, found 11"},
        {R"(, "allowances": {"glare": true})", "t.json: /steps/0/allowances/glare: unknown field 'glare'"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.step_rest);
        const LoadResult r = parse_session(v3(b.step_rest), "t.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem->message() == b.message);
    }
    const LoadResult method = parse_session(v3("", R"("required_cycles_method": "t")"), "t.json");
    REQUIRE_FALSE(method.ok());
    CHECK(method.problem->message() ==
          "t.json: /settings/required_cycles_method: unknown required cycles method 't' (expected one of: "
          "z_sample_sd, traditional, student_t)");
}

TEST_CASE("format version 3: a step whose rating was typed after its grades is saved without the grades") {
    // Setup clears the grades when a rating is typed; a session holding both in disagreement is
    // never written (the saved file would not load).
    Session s;
    s.title = "T";
    Step step{1, "A", ValueClass::value_added};
    step.set_westinghouse(grades("B1", "C2", "D", "E"));
    s.steps.push_back(step);
    const LoadResult back = parse_session(session_to_json(s), "t.json");
    REQUIRE(back.ok());
    CHECK(back.session->steps[0].rating_pct == 111.0);
    s.steps[0].rating_pct = 104.0;  // typed, grades not cleared: refused on the way back in
    CHECK_FALSE(parse_session(session_to_json(s), "t.json").ok());
    s.steps[0].set_typed_rating(104.0);  // as Setup types it: the grades go
    CHECK_FALSE(s.steps[0].westinghouse.has_value());
    s.steps[0].set_allowance_items(AllowanceItems::constant_only());
    CHECK(s.steps[0].allowance_pct == 9.0);
    s.steps[0].set_typed_allowance(12.5);
    CHECK_FALSE(s.steps[0].allowance_items.any());
    const LoadResult typed = parse_session(session_to_json(s), "t.json");
    REQUIRE(typed.ok());
    CHECK(typed.session->steps[0].rating_pct == 104.0);
    CHECK(typed.session->steps[0].allowance_pct == 12.5);
    CHECK_FALSE(typed.session->steps[0].westinghouse.has_value());
}
