// core/analysis/hypothesis: the F and chi-square tails, one-way ANOVA, the chi-square test of a
// contingency table, Cohen's κ and the pairing of two observers' tags.
// Expected values come from the cited sources or from hand calculations written out beside them
// (checked with python3; no scipy on this machine). Tail probabilities are checked against closed
// forms that hold for special degrees of freedom and against printed table values.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "core/analysis/hypothesis.hpp"
#include "core/analysis/stats.hpp"

using doctest::Approx;
using gemba::TimedTag;

namespace {

const double z95 = gemba::normal_quantile(0.975);  // 1.959964

// Q(a, x) for a whole a: e^(−x) · Σ_{k<a} x^k / k! (the Poisson tail), a closed form to check against.
double upper_gamma_whole(int a, double x) {
    double term = 1.0, sum = 0.0;
    for (int k = 0; k < a; ++k) {
        sum += term;
        term *= x / (k + 1);
    }
    return std::exp(-x) * sum;
}

}  // namespace

// ============================================================================================
// Tails
// ============================================================================================

TEST_CASE("regularized_upper_gamma: whole a against the Poisson sum, by series and by fraction") {
    for (int a : {1, 2, 3, 7, 50})
        for (double x : {0.1, 1.0, 2.5, 6.0, 40.0, 49.0, 51.0, 60.0, 120.0}) {
            CAPTURE(a);
            CAPTURE(x);
            CHECK(gemba::regularized_upper_gamma(a, x) == Approx(upper_gamma_whole(a, x)).epsilon(1e-12));
        }
    CHECK(gemba::regularized_upper_gamma(2.0, 0.0) == 1.0);
    // Q(½, x) = erfc(√x).
    CHECK(gemba::regularized_upper_gamma(0.5, 0.7) == Approx(std::erfc(std::sqrt(0.7))).epsilon(1e-12));
    CHECK(gemba::regularized_upper_gamma(0.5, 9.0) == Approx(std::erfc(3.0)).epsilon(1e-10));
    CHECK_THROWS_AS(gemba::regularized_upper_gamma(0.0, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(gemba::regularized_upper_gamma(1.0, -1.0), std::invalid_argument);
}

TEST_CASE("chi_square_upper_tail and f_upper_tail at printed critical values") {
    // χ² tables: 3.841 (df 1), 5.991 (df 2), 18.307 (df 10) at 0.05; 6.635 (df 1) at 0.01.
    CHECK(gemba::chi_square_upper_tail(3.841459, 1) == Approx(0.05).epsilon(1e-5));
    CHECK(gemba::chi_square_upper_tail(5.991465, 2) == Approx(0.05).epsilon(1e-5));
    CHECK(gemba::chi_square_upper_tail(18.307038, 10) == Approx(0.05).epsilon(1e-5));
    CHECK(gemba::chi_square_upper_tail(6.634897, 1) == Approx(0.01).epsilon(1e-5));
    CHECK(gemba::chi_square_upper_tail(0.0, 3) == 1.0);
    // F tables: F.05(2, 15) = 3.68, F.05(3, 20) = 3.10, F.01(2, 15) = 6.36, F.05(1, 10) = 4.96.
    CHECK(gemba::f_upper_tail(3.682320, 2, 15) == Approx(0.05).epsilon(1e-5));
    CHECK(gemba::f_upper_tail(3.098391, 3, 20) == Approx(0.05).epsilon(1e-5));
    CHECK(gemba::f_upper_tail(6.358873, 2, 15) == Approx(0.01).epsilon(1e-5));
    CHECK(gemba::f_upper_tail(4.964603, 1, 10) == Approx(0.05).epsilon(1e-5));
    // With df1 = 2 the tail has a closed form: P(F > f) = (1 + 2f/df2)^(−df2/2).
    CHECK(gemba::f_upper_tail(1.7, 2, 9) == Approx(std::pow(1.0 + 2.0 * 1.7 / 9.0, -4.5)).epsilon(1e-12));
    CHECK(gemba::f_upper_tail(0.0, 2, 9) == 1.0);
}

// ============================================================================================
// One-way ANOVA
// ============================================================================================

TEST_CASE("one_way_anova: the worked example of Wikipedia's \"One-way analysis of variance\"") {
    // Groups a1 = 6 8 4 5 3 4, a2 = 8 12 9 11 6 8, a3 = 13 9 11 8 7 12: means 5, 9, 10, grand mean 8;
    // SS between = 6·(9 + 1 + 4) = 84, df 2, MS 42; SS within = 16 + 24 + 28 = 68, df 15,
    // MS 4.5333; F = 9.2647 (the article: F = 9.3 > F crit 3.68). p = (1 + 2·9.2647/15)^(−7.5) = 0.0023988.
    const std::vector<std::vector<double>> groups = {{6, 8, 4, 5, 3, 4}, {8, 12, 9, 11, 6, 8}, {13, 9, 11, 8, 7, 12}};
    const auto anova = gemba::one_way_anova(groups);
    REQUIRE(anova);
    CHECK(anova->groups == 3);
    CHECK(anova->readings == 18);
    CHECK(anova->group_means == std::vector<double>{5, 9, 10});
    CHECK(anova->grand_mean == Approx(8.0));
    CHECK(anova->ss_between == Approx(84.0));
    CHECK(anova->ss_within == Approx(68.0));
    CHECK(anova->ss_total == Approx(152.0));
    CHECK(anova->df_between == 2);
    CHECK(anova->df_within == 15);
    CHECK(anova->ms_between == Approx(42.0));
    CHECK(anova->ms_within == Approx(4.533333));
    REQUIRE(anova->f);
    CHECK(*anova->f == Approx(9.264706));
    CHECK(*anova->p_value == Approx(0.0023988).epsilon(1e-4));
}

TEST_CASE("one_way_anova: unequal groups, hand-computed") {
    // {2, 4}, {3, 5, 7}, {10}: means 3, 5, 10; N = 6, grand mean 31/6 = 5.1667.
    // SS between = 2·(3 − 5.1667)² + 3·(5 − 5.1667)² + 1·(10 − 5.1667)² = 9.3889 + 0.0833 + 23.3611 = 32.8333
    // SS within = (1 + 1) + (4 + 0 + 4) + 0 = 10; df 2 and 3; F = 16.4167 / 3.3333 = 4.925;
    // p = (1 + 2·4.925/3)^(−1.5) = (4.28333)^(−1.5) = 0.112806.
    const std::vector<std::vector<double>> groups = {{2, 4}, {3, 5, 7}, {10}};
    const auto anova = gemba::one_way_anova(groups);
    REQUIRE(anova);
    CHECK(anova->ss_between == Approx(32.833333));
    CHECK(anova->ss_within == Approx(10.0));
    CHECK(anova->df_within == 3);
    CHECK(*anova->f == Approx(4.925));
    CHECK(*anova->p_value == Approx(0.112806).epsilon(1e-4));
}

TEST_CASE("one_way_anova: too little data gives nothing — constant groups give no F") {
    const std::vector<std::vector<double>> one_group = {{1, 2, 3}};
    CHECK_FALSE(gemba::one_way_anova(one_group));
    const std::vector<std::vector<double>> one_each = {{1}, {2}};
    CHECK_FALSE(gemba::one_way_anova(one_each));  // N = k: no within-group spread to compare with
    const std::vector<std::vector<double>> empty_group = {{1, 2}, {}};
    CHECK_FALSE(gemba::one_way_anova(empty_group));
    const std::vector<std::vector<double>> constant = {{4, 4}, {6, 6}};
    const auto anova = gemba::one_way_anova(constant);
    REQUIRE(anova);
    CHECK(anova->ss_between == Approx(4.0));
    CHECK(anova->ms_within == 0.0);
    CHECK_FALSE(anova->f);
    CHECK_FALSE(anova->p_value);
    const std::vector<std::vector<double>> not_finite = {{1, NAN}, {2, 3}};
    CHECK_THROWS_AS(gemba::one_way_anova(not_finite), std::invalid_argument);
}

// ============================================================================================
// Chi-square test of independence
// ============================================================================================

TEST_CASE("chi_square_independence: the neighbourhoods and collars of Wikipedia's \"Chi-squared test\"") {
    // Rows white, blue, no collar; columns neighbourhoods A–D; N = 650. The article: expected
    // white-collar in A = 150 · 349/650 = 80.54, statistic ≈ 24.6 with df (3 − 1)(4 − 1) = 6.
    // Summed by hand over the 12 cells: 24.5712; p = Q(3, 12.2856) = e^(−12.2856)(1 + 12.2856 +
    // 12.2856²/2) = 0.00040984 (the article: about 0.0004).
    const std::vector<std::vector<std::int64_t>> table = {{90, 60, 104, 95}, {30, 50, 51, 20}, {30, 40, 45, 35}};
    const auto test = gemba::chi_square_independence(table);
    REQUIRE(test);
    CHECK(test->total == 650);
    CHECK(test->expected[0][0] == Approx(80.538462));
    CHECK(test->statistic == Approx(24.571203));
    CHECK(test->df == 6);
    CHECK(test->p_value == Approx(0.00040984).epsilon(1e-4));
    CHECK(test->low_expected_cells.empty());
    CHECK(test->rows_used == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("chi_square_independence: empty rows and columns are left out — small expected counts flagged") {
    // Row 1 and column 1 are all 0. What remains: {10, 20}, {15, 5}: rows 30, 20, columns 25, 25,
    // N = 50; expected 15, 15, 10, 10; χ² = 25/15 + 25/15 + 25/10 + 25/10 = 8.3333, df 1,
    // p = erfc(√(8.3333/2)) = 0.0038924.
    const std::vector<std::vector<std::int64_t>> table = {{10, 0, 20}, {0, 0, 0}, {15, 0, 5}};
    const auto test = gemba::chi_square_independence(table);
    REQUIRE(test);
    CHECK(test->rows_used == std::vector<std::size_t>{0, 2});
    CHECK(test->columns_used == std::vector<std::size_t>{0, 2});
    CHECK(test->statistic == Approx(8.333333));
    CHECK(test->df == 1);
    CHECK(test->p_value == Approx(0.0038924).epsilon(1e-4));

    // {3, 1}, {1, 5}: rows 4, 6, columns 4, 6, N = 10: expected 1.6, 2.4, 2.4, 3.6, all below 5.
    const std::vector<std::vector<std::int64_t>> small = {{3, 1}, {1, 5}};
    const auto few = gemba::chi_square_independence(small);
    REQUIRE(few);
    CHECK(few->low_expected_cells.size() == 4);
    CHECK(few->low_expected_share == 1.0);
    CHECK_FALSE(few->any_expected_below_1);
    CHECK(few->expected[1][1] == Approx(3.6));

    const std::vector<std::vector<std::int64_t>> one_row = {{3, 4}, {0, 0}};
    CHECK_FALSE(gemba::chi_square_independence(one_row));
    const std::vector<std::vector<std::int64_t>> ragged = {{3, 4}, {1}};
    CHECK_THROWS_AS(gemba::chi_square_independence(ragged), std::invalid_argument);
}

// ============================================================================================
// Cohen's κ
// ============================================================================================

TEST_CASE("cohen_kappa: Wikipedia's 20/5/10/15 example, with Cohen's standard error") {
    // 50 items; both yes 20, A yes B no 5, A no B yes 10, both no 15. p_o = 35/50 = 0.7;
    // A says yes 25/50, B 30/50: p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4 (the article).
    // SE = √(0.7 · 0.3 / (50 · 0.5²)) = √0.0168 = 0.129615; 95 %: 0.4 ± 1.959964 · 0.129615
    // = 0.145960 to 0.654040.
    const std::vector<std::vector<std::int64_t>> table = {{20, 5}, {10, 15}};
    const auto kappa = gemba::cohen_kappa(table, z95);
    REQUIRE(kappa);
    CHECK(kappa->items == 50);
    CHECK(kappa->p_observed == Approx(0.7));
    CHECK(kappa->p_expected == Approx(0.5));
    CHECK(*kappa->kappa == Approx(0.4));
    CHECK(*kappa->standard_error == Approx(0.129615).epsilon(1e-5));
    CHECK(*kappa->low == Approx(0.145960).epsilon(1e-4));
    CHECK(*kappa->high == Approx(0.654040).epsilon(1e-4));
}

TEST_CASE("shown_kappa_interval: cut to κ's range −1 to 1 only when it leaves it") {
    // Inside: Wikipedia's 20/5/10/15 example keeps 0.145960 to 0.654040, not cut.
    const std::vector<std::vector<std::int64_t>> inside = {{20, 5}, {10, 15}};
    const auto kept = gemba::shown_kappa_interval(*gemba::cohen_kappa(inside, z95));
    REQUIRE(kept);
    CHECK_FALSE(kept->cut);
    CHECK(kept->low == Approx(0.145960).epsilon(1e-4));
    CHECK(kept->high == Approx(0.654040).epsilon(1e-4));
    // {{2, 1}, {0, 1}}: N = 4, p_o = 3/4, p_e = (3/4)(2/4) + (1/4)(2/4) = 1/2, κ = 0.5;
    // SE = √(0.75·0.25 / (4·0.25)) = 0.433013; 0.5 + 1.959964·0.433013 = 1.3487 > 1: cut to 1, the
    // low end 0.5 − 0.8487 = −0.3487 kept.
    const std::vector<std::vector<std::int64_t>> wide = {{2, 1}, {0, 1}};
    const auto raw = gemba::cohen_kappa(wide, z95);
    REQUIRE(raw);
    CHECK(*raw->high == Approx(1.3487).epsilon(1e-4));
    const auto cut = gemba::shown_kappa_interval(*raw);
    REQUIRE(cut);
    CHECK(cut->cut);
    CHECK(cut->high == 1.0);
    CHECK(cut->low == Approx(-0.3487).epsilon(1e-3));
}

TEST_CASE("cohen_kappa: Wikipedia's two tables with equal p_o and different κ — paired ratings") {
    // {45, 15}, {25, 15}: p_o = 0.60, p_e = 0.6·0.7 + 0.4·0.3 = 0.54, κ = 0.06/0.46 = 0.1304.
    // {25, 35}, {5, 35}:  p_o = 0.60, p_e = 0.6·0.3 + 0.4·0.7 = 0.46, κ = 0.14/0.54 = 0.2593.
    const std::vector<std::vector<std::int64_t>> first = {{45, 15}, {25, 15}};
    const std::vector<std::vector<std::int64_t>> second = {{25, 35}, {5, 35}};
    CHECK(*gemba::cohen_kappa(first, z95)->kappa == Approx(0.130435));
    CHECK(*gemba::cohen_kappa(second, z95)->kappa == Approx(0.259259));

    // Three categories, 10 paired ratings by hand:
    //   A: 0 0 0 1 1 1 2 2 2 0     B: 0 0 1 1 1 2 2 2 0 0
    // agree on items 0, 1, 3, 4, 6, 7, 9: p_o = 0.7. A's counts 4, 3, 3; B's 4, 3, 3:
    // p_e = (16 + 9 + 9)/100 = 0.34; κ = 0.36/0.66 = 0.545455.
    const std::vector<std::size_t> a = {0, 0, 0, 1, 1, 1, 2, 2, 2, 0};
    const std::vector<std::size_t> b = {0, 0, 1, 1, 1, 2, 2, 2, 0, 0};
    const auto table = gemba::agreement_table(a, b, 3);
    CHECK(table == std::vector<std::vector<std::int64_t>>{{3, 1, 0}, {0, 2, 1}, {1, 0, 2}});
    CHECK(*gemba::cohen_kappa(table, z95)->kappa == Approx(0.545455));
}

TEST_CASE("cohen_kappa: no items, one shared category, bad tables") {
    const std::vector<std::vector<std::int64_t>> empty = {{0, 0}, {0, 0}};
    CHECK_FALSE(gemba::cohen_kappa(empty, z95));
    const std::vector<std::vector<std::int64_t>> one_category = {{10, 0}, {0, 0}};
    const auto same = gemba::cohen_kappa(one_category, z95);
    REQUIRE(same);
    CHECK(same->p_expected == 1.0);
    CHECK_FALSE(same->kappa);
    const std::vector<std::vector<std::int64_t>> not_square = {{1, 2, 3}, {4, 5, 6}};
    CHECK_THROWS_AS(gemba::cohen_kappa(not_square, z95), std::invalid_argument);
    const std::vector<std::size_t> a = {0, 3};
    const std::vector<std::size_t> b = {0, 1};
    CHECK_THROWS_AS(gemba::agreement_table(a, b, 3), std::invalid_argument);
}

// ============================================================================================
// Pairing tags
// ============================================================================================

TEST_CASE("tag_agreement: nearest pairs within the window, unpaired tags against \"no tag\"") {
    // A: 1000 (waste 0), 5000 (1), 9000 (2).  B: 1400 (0), 4000 (1), 5300 (2), 20000 (0).
    // Window 1000: candidates A1–B2 (300), A0–B0 (400), A1–B1 (1000). Nearest first: A1–B2, then
    // A0–B0; A1–B1 loses (A1 is used). Unpaired: B1, A2, B3. Events by time:
    //   1000 A0–B0 (0, 0); 4000 –B1 (no tag, 1); 5000 A1–B2 (1, 2); 9000 A2– (2, no tag); 20000 –B3 (no tag, 0)
    // Table (3 = no tag): [0][0] = 1, [3][1] = 1, [1][2] = 1, [2][3] = 1, [3][0] = 1; N = 5.
    // p_o = 1/5; rows 1, 1, 1, 2; columns 2, 1, 1, 1: p_e = (2 + 1 + 1 + 2)/25 = 0.24;
    // κ = (0.2 − 0.24)/0.76 = −0.052632.
    const std::vector<TimedTag> a = {{1000, 0}, {5000, 1}, {9000, 2}};
    const std::vector<TimedTag> b = {{1400, 0}, {4000, 1}, {5300, 2}, {20'000, 0}};
    const auto agreement = gemba::tag_agreement(a, b, 1000, 3, z95);
    CHECK(agreement.window_ms == 1000);
    REQUIRE(agreement.events.size() == 5);
    CHECK(agreement.events[0].a == 0u);
    CHECK(agreement.events[0].b == 0u);
    CHECK_FALSE(agreement.events[1].a);
    CHECK(agreement.events[1].b == 1u);
    CHECK(agreement.events[2].a == 1u);
    CHECK(agreement.events[2].b == 2u);
    CHECK(agreement.events[3].a == 2u);
    CHECK_FALSE(agreement.events[3].b);
    CHECK_FALSE(agreement.events[4].a);
    CHECK(agreement.events[4].b == 3u);
    CHECK(agreement.table == std::vector<std::vector<std::int64_t>>{{1, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 1, 0, 0}});
    REQUIRE(agreement.kappa);
    CHECK(agreement.kappa->p_observed == Approx(0.2));
    CHECK(agreement.kappa->p_expected == Approx(0.24));
    CHECK(*agreement.kappa->kappa == Approx(-0.052632));

    // Window 0: no pair at all; 7 events, none agreeing. Rows 1, 1, 1, 4; columns 2, 1, 1, 3:
    // p_e = (2 + 1 + 1 + 12)/49 = 16/49; κ = −(16/49)/(33/49) = −16/33 = −0.484848. The window
    // changes κ, which is why it is reported with it.
    const auto apart = gemba::tag_agreement(a, b, 0, 3, z95);
    CHECK(apart.window_ms == 0);
    CHECK(apart.events.size() == 7);
    CHECK(*apart.kappa->kappa == Approx(-16.0 / 33.0));
}

TEST_CASE("tag_agreement: ties go to the earlier tag — no tags give no κ") {
    // A at 1000; B at 900 and 1100, both 100 away: the earlier B tag pairs, the other is unpaired.
    const std::vector<TimedTag> a = {{1000, 0}};
    const std::vector<TimedTag> b = {{1100, 1}, {900, 0}};
    const auto agreement = gemba::tag_agreement(a, b, 500, 2, z95);
    REQUIRE(agreement.events.size() == 2);
    CHECK(agreement.events[0].a == 0u);
    CHECK(agreement.events[0].b == 1u);  // B's index 1 is the tag at 900
    CHECK_FALSE(agreement.events[1].a);
    CHECK(agreement.events[1].b == 0u);

    const auto nothing = gemba::tag_agreement({}, {}, 500, 2, z95);
    CHECK(nothing.events.empty());
    CHECK_FALSE(nothing.kappa);
    CHECK_THROWS_AS(gemba::tag_agreement(a, b, -1, 2, z95), std::invalid_argument);
    CHECK_THROWS_AS(gemba::tag_agreement(a, b, 500, 1, z95), std::invalid_argument);  // category 1 of 1
}
