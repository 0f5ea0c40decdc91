// Pooled work sampling studies, against published worked examples computed by hand: the
// chi-square test of Wikipedia's "Chi-squared test" example and Cohen's κ of Wikipedia's "Cohen's
// kappa" example and of Fleiss's three-category example.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/analysis/pool_sampling.hpp"
#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "tests/sampling_support.hpp"

using namespace gemba;

namespace {


struct Seen {
    std::int64_t round = 0;
    SubjectId subject = kNoSubject;
    CategoryId category = kNoCategory;
};

struct Study {
    std::string file;
    Session session;
    LogState state;
};

// The press shop (tests/sampling_support.hpp) with `subjects` operators and the categories given,
// from 08:05 with `shifted`.
Session sampling_session(std::string observer, std::vector<SamplingCategory> categories, int subjects,
                         bool shifted = false) {
    return gemba::test::press_shop_study(std::move(observer), subjects, shifted, std::move(categories));
}

// Records the observations (in round order) a second after their round's time.
Study record(std::string file, Session session, const std::vector<Seen>& seen) {
    ManualClock clock(0);
    Recorder r(session, clock);
    for (const Seen& o : seen) {
        clock.set(std::max(clock.now_ms(), *session.sampling.round_ms(o.round) + 1'000));
        const TapResult result = r.observe(o.subject, o.category);
        REQUIRE_MESSAGE(result.recorded, result.message);
    }
    LogState state = r.state();
    REQUIRE_FALSE(check_session(session, file).has_value());
    return Study{std::move(file), std::move(session), std::move(state)};
}

// `counts[c]` observations of categories[c], filling rounds subject by subject (10 subjects).
std::vector<Seen> fill(const std::vector<std::pair<CategoryId, int>>& counts, int subjects = 10) {
    std::vector<Seen> out;
    int i = 0;
    for (const auto& [category, count] : counts)
        for (int k = 0; k < count; ++k, ++i) out.push_back({i / subjects + 1, i % subjects + 1, category});
    return out;
}

std::vector<SamplingPoolInput> inputs_of(const std::vector<Study>& studies) {
    std::vector<SamplingPoolInput> out;
    for (const Study& s : studies) out.push_back({s.file, &s.session, &s.state});
    return out;
}

SamplingCategory category(CategoryId id, std::string name, bool absent = false) {
    return SamplingCategory{id, std::move(name), ValueClass::value_added, std::nullopt, "", absent};
}

}  // namespace

TEST_CASE("pool sampling: Wikipedia's chi-square example (4 neighbourhoods × 3 occupations) as 4 observers") {
    // https://en.wikipedia.org/wiki/Chi-squared_test#Example_chi-squared_test_for_categorical_data:
    // A, B, C, D × white / blue / no collar = 90 60 104 95 / 30 50 51 20 / 30 40 45 35, N = 650.
    // By hand: E_ij = row_i × column_j ÷ 650 (e.g. A, white: 150 × 349 ÷ 650 = 80.54),
    // χ² = Σ (O − E)² ÷ E = 24.5712, df = (4 − 1)(3 − 1) = 6; for even df the tail is
    // e^(−x/2) (1 + x/2 + (x/2)²/2) = 0.000410 (Wikipedia: "approximately 24.6", p ≈ 0.0004).
    // The observers name and number the categories differently: matched by name, not id or place.
    const std::vector<SamplingCategory> usual = {category(1, "Work"), category(2, "Transport"), category(3, "Waiting"),
                                                 category(4, "Away", true)};
    const std::vector<SamplingCategory> reordered = {category(7, "waiting"), category(8, "  TRANSPORT "),
                                                     category(9, "Work"), category(10, "Away", true)};
    std::vector<SamplingCategory> with_rework = usual;
    with_rework.push_back(category(5, "Rework"));
    std::vector<Study> studies;
    studies.push_back(record("a.json", sampling_session("Ann", usual, 10), fill({{1, 90}, {2, 30}, {3, 30}, {4, 3}})));
    studies.push_back(record("b.json", sampling_session("Ben", reordered, 10), fill({{9, 60}, {8, 50}, {7, 40}})));
    studies.push_back(record("c.json", sampling_session("", usual, 10), fill({{1, 104}, {2, 51}, {3, 45}})));
    studies.push_back(record("d.json", sampling_session("Dee", with_rework, 10), fill({{1, 95}, {2, 20}, {3, 35}, {5, 2}})));

    const SamplingPoolResult pool = pool_sampling_studies(inputs_of(studies));
    CHECK(pool.observers == std::vector<std::string>{"Ann", "Ben", "c.json", "Dee"});
    CHECK(pool.confidence_pct == 95.0);
    CHECK(pool.z == 1.96);
    // Rework (only in d.json) is in no n; Away is counted but has no share.
    CHECK(pool.observations == std::vector<std::int64_t>{150, 150, 200, 150});
    CHECK(pool.absent == std::vector<std::int64_t>{3, 0, 0, 0});
    CHECK(pool.pooled_observations == 650);
    CHECK(pool.pooled_absent == 3);
    REQUIRE(pool.categories.size() == 4);
    const PooledCategory& work = pool.categories[0];
    CHECK(work.name == "Work");
    CHECK(work.categories == std::vector<CategoryId>{1, 9, 1, 1});
    CHECK(work.counts == std::vector<std::int64_t>{90, 60, 104, 95});
    CHECK(work.count == 349);
    REQUIRE(work.shares[1].has_value());
    CHECK(*work.shares[1] == doctest::Approx(60.0 / 150.0));
    REQUIRE(work.pooled.has_value());
    // Wilson at z = 1.96, p̂ = 349/650 = 0.536923: (p̂ + z²/2n ± z√(p̂q̂/n + z²/4n²)) ÷ (1 + z²/n).
    CHECK(work.pooled->share == doctest::Approx(0.536923).epsilon(1e-6));
    CHECK(work.pooled->wilson.low == doctest::Approx(0.498484).epsilon(1e-6));
    CHECK(work.pooled->wilson.high == doctest::Approx(0.574928).epsilon(1e-6));
    CHECK(pool.categories[1].name == "Transport");
    CHECK(pool.categories[1].counts == std::vector<std::int64_t>{30, 50, 51, 20});
    CHECK(pool.categories[2].counts == std::vector<std::int64_t>{30, 40, 45, 35});
    const PooledCategory& away = pool.categories[3];
    CHECK(away.absent);
    CHECK(away.count == 3);
    CHECK_FALSE(away.pooled.has_value());
    CHECK_FALSE(away.shares[0].has_value());

    REQUIRE(pool.left_out_categories[3].size() == 1);
    CHECK(pool.left_out_categories[3][0].name == "Rework");
    CHECK(pool.left_out_categories[3][0].observations == 2);
    CHECK(pool.left_out_categories[3][0].why == "not in every session (missing from a.json, b.json, c.json)");
    CHECK(pool.left_out_categories[0].empty());
    CHECK(pool.subjects.size() == 10);

    const SamplingIndependence& test = pool.independence;
    CHECK(test.sessions_tested == std::vector<std::size_t>{0, 1, 2, 3});
    CHECK(test.categories_tested == std::vector<std::size_t>{0, 1, 2});
    CHECK(test.left_out == std::vector<std::string>{"Away: absent / not observable (not in n)"});
    REQUIRE(test.test.has_value());
    CHECK(test.test->total == 650);
    CHECK(test.test->expected[0][0] == doctest::Approx(150.0 * 349.0 / 650.0));
    CHECK(test.test->statistic == doctest::Approx(24.571203).epsilon(1e-7));
    CHECK(test.test->df == 6);
    CHECK(test.test->p_value == doctest::Approx(0.00040984).epsilon(1e-5));
    CHECK(test.test->low_expected_cells.empty());
    CHECK(test.verdict == PoolVerdict::observers_differ);
    CHECK_FALSE(pool.kappa.has_value());  // four sessions and no pair chosen
}

TEST_CASE("pool sampling: κ of Wikipedia's example (20 / 5 / 10 / 15 → κ = 0.4) paired by round and subject") {
    // https://en.wikipedia.org/wiki/Cohen%27s_kappa#Simple_example: 50 items, both "yes" 20, A yes
    // B no 5, A no B yes 10, both "no" 15. p_o = 35/50 = 0.7; A says yes 25 times, B 30 times:
    // p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5; κ = (0.7 − 0.5) ÷ 0.5 = 0.4.
    // SE = √(p_o (1 − p_o) ÷ (N (1 − p_e)²)) = √(0.21 ÷ 12.5) = 0.129615; ± 1.96 SE: 0.145955 .. 0.654045.
    // Here "yes" is Work, "no" Idle, 5 subjects × rounds 1-10; Away (absent) is a κ category no one used.
    const std::vector<SamplingCategory> categories = {category(1, "Work"), category(2, "Idle"), category(3, "Away", true)};
    std::vector<Seen> a, b;
    const std::vector<std::pair<CategoryId, CategoryId>> cells = {{1, 1}, {1, 2}, {2, 1}, {2, 2}};
    const std::vector<int> counts = {20, 5, 10, 15};
    int item = 0;
    for (std::size_t c = 0; c < cells.size(); ++c)
        for (int k = 0; k < counts[c]; ++k, ++item) {
            a.push_back({item / 5 + 1, item % 5 + 1, cells[c].first});
            b.push_back({item / 5 + 1, item % 5 + 1, cells[c].second});
        }
    a.push_back({11, 1, 1});  // only A saw operator 1 in round 11
    b.push_back({12, 2, 2});  // only B saw operator 2 in round 12
    b.push_back({12, 3, 2});
    std::vector<Study> studies;
    studies.push_back(record("a.json", sampling_session("Ann", categories, 5), a));
    studies.push_back(record("b.json", sampling_session("Ben", categories, 5), b));

    const SamplingPoolResult pool = pool_sampling_studies(inputs_of(studies));
    REQUIRE(pool.kappa.has_value());
    const SamplingAgreement& agreement = *pool.kappa;
    CHECK(agreement.a == 0);
    CHECK(agreement.b == 1);
    CHECK(agreement.categories == std::vector<std::size_t>{0, 1, 2});
    CHECK(agreement.table == std::vector<std::vector<std::int64_t>>{{20, 5, 0}, {10, 15, 0}, {0, 0, 0}});
    CHECK(agreement.pairs == 50);
    CHECK(agreement.only_a == 1);
    CHECK(agreement.only_b == 2);
    CHECK(agreement.not_pooled_a == 0);
    REQUIRE(agreement.kappa.has_value());
    REQUIRE(agreement.kappa->kappa.has_value());
    CHECK(agreement.kappa->p_observed == doctest::Approx(0.7));
    CHECK(agreement.kappa->p_expected == doctest::Approx(0.5));
    CHECK(*agreement.kappa->kappa == doctest::Approx(0.4));
    CHECK(*agreement.kappa->standard_error == doctest::Approx(0.129615).epsilon(1e-6));
    CHECK(*agreement.kappa->low == doctest::Approx(0.145955).epsilon(1e-6));
    CHECK(*agreement.kappa->high == doctest::Approx(0.654045).epsilon(1e-6));
    CHECK(agreement.why_not.empty());
}

TEST_CASE("pool sampling: κ of Fleiss's three-category example, the absent category one of them") {
    // Fleiss (1981), Statistical Methods for Rates and Proportions, 2nd ed., §13.1: two raters, 100
    // subjects, proportions 0.75 0.01 0.04 / 0.05 0.04 0.01 / 0 0 0.10. p_o = 0.89; margins A 0.80
    // 0.10 0.10, B 0.80 0.05 0.15: p_e = 0.64 + 0.005 + 0.015 = 0.66; κ = 0.23 ÷ 0.34 = 0.676471;
    // SE = √(0.89 × 0.11 ÷ (100 × 0.34²)) = 0.092026.
    const std::vector<SamplingCategory> categories = {category(1, "Work"), category(2, "Idle"), category(3, "Away", true)};
    const std::vector<std::vector<int>> table = {{75, 1, 4}, {5, 4, 1}, {0, 0, 10}};
    std::vector<Seen> a, b;
    int item = 0;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < table[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]; ++k, ++item) {
                a.push_back({item / 10 + 1, item % 10 + 1, i + 1});
                b.push_back({item / 10 + 1, item % 10 + 1, j + 1});
            }
    std::vector<Study> studies;
    studies.push_back(record("a.json", sampling_session("Ann", categories, 10), a));
    studies.push_back(record("b.json", sampling_session("Ben", categories, 10), b));
    const SamplingPoolResult pool = pool_sampling_studies(inputs_of(studies));
    REQUIRE(pool.kappa.has_value());
    CHECK(pool.kappa->table == std::vector<std::vector<std::int64_t>>{{75, 1, 4}, {5, 4, 1}, {0, 0, 10}});
    REQUIRE(pool.kappa->kappa.has_value());
    CHECK(pool.kappa->kappa->p_observed == doctest::Approx(0.89));
    CHECK(pool.kappa->kappa->p_expected == doctest::Approx(0.66));
    CHECK(*pool.kappa->kappa->kappa == doctest::Approx(0.676471).epsilon(1e-6));
    CHECK(*pool.kappa->kappa->standard_error == doctest::Approx(0.092026).epsilon(1e-5));
    // The shares leave Away out of n: A saw 90 not absent (80 Work), B 85 (80 Work).
    CHECK(pool.observations == std::vector<std::int64_t>{90, 85});
    CHECK(pool.absent == std::vector<std::int64_t>{10, 15});
    CHECK(*pool.categories[0].shares[0] == doctest::Approx(80.0 / 90.0));
    CHECK(*pool.categories[0].shares[1] == doctest::Approx(80.0 / 85.0));
    CHECK(pool.categories[0].pooled->share == doctest::Approx(160.0 / 175.0));
}

TEST_CASE("pool sampling: κ is not computed when the rounds differ, and names used twice are left out") {
    const std::vector<SamplingCategory> categories = {category(1, "Work"), category(2, "Idle")};
    const std::vector<SamplingCategory> twice = {category(1, "Work"), category(2, "Idle"), category(3, "idle ")};
    std::vector<Study> studies;
    studies.push_back(record("a.json", sampling_session("Ann", categories, 2), fill({{1, 3}, {2, 1}}, 2)));
    studies.push_back(record("b.json", sampling_session("Ben", twice, 2, true), fill({{1, 2}, {2, 1}, {3, 1}}, 2)));
    const SamplingPoolResult pool = pool_sampling_studies(inputs_of(studies));
    REQUIRE(pool.kappa.has_value());
    CHECK_FALSE(pool.kappa->kappa.has_value());
    CHECK(pool.kappa->why_not == "not computed: the two studies' rounds differ");
    REQUIRE(pool.categories.size() == 1);
    CHECK(pool.categories[0].name == "Work");
    REQUIRE(pool.left_out_categories[0].size() == 1);
    CHECK(pool.left_out_categories[0][0].why == "its name is used by 2 or more categories of another session's study");
    REQUIRE(pool.left_out_categories[1].size() == 2);
    CHECK(pool.left_out_categories[1][1].name == "idle ");
    CHECK(pool.left_out_categories[1][1].why ==
          "its name is used by 2 categories of this study: which one is meant is not clear");
    // One category left: nothing to test.
    CHECK(pool.independence.verdict == PoolVerdict::not_tested);
    CHECK(pool.independence.not_tested_why == "fewer than 2 categories observed");
    CHECK(pool.observations == std::vector<std::int64_t>{3, 2});
}

TEST_CASE("pool sampling: misuse throws") {
    const std::vector<SamplingCategory> categories = {category(1, "Work")};
    std::vector<Study> studies;
    studies.push_back(record("a.json", sampling_session("Ann", categories, 1), {}));
    studies.push_back(record("b.json", sampling_session("Ben", categories, 1), {}));
    CHECK_THROWS_AS(pool_sampling_studies(inputs_of(studies), {std::pair<std::size_t, std::size_t>{0, 0}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(pool_sampling_studies(inputs_of(studies), {std::pair<std::size_t, std::size_t>{0, 2}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(pool_sampling_studies({{"x.json", nullptr, &studies[0].state}}), std::invalid_argument);
    Session time_study;
    LogState empty;
    CHECK_THROWS_AS(pool_sampling_studies({{"t.json", &time_study, &empty}}), std::invalid_argument);
    // With no observation at all, nothing pairs and nothing is tested.
    const SamplingPoolResult pool = pool_sampling_studies(inputs_of(studies));
    CHECK(pool.kappa->why_not == "no round and subject observed by both");
    CHECK(pool.independence.not_tested_why == "fewer than 2 sessions with observations");
}
