// Expected values are worked out by hand (shown in the comments) or taken from the cited sources.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/analysis/stats.hpp"

using doctest::Approx;
using gemba::OutlierRule;
using gemba::ZConvention;

namespace {

// Φ(x), to check normal_quantile against the CDF it inverts.
double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

}  // namespace

TEST_CASE("describe: an empty sample has n = 0 and no statistics") {
    const gemba::Descriptive d = gemba::describe({});
    CHECK(d.n == 0);
    CHECK_FALSE(d.mean);
    CHECK_FALSE(d.median);
    CHECK_FALSE(d.sd);
    CHECK_FALSE(d.cv);
    CHECK_FALSE(d.min);
    CHECK_FALSE(d.max);
    CHECK_FALSE(d.q1);
    CHECK_FALSE(d.q3);
}

TEST_CASE("describe: one reading gives location statistics but no spread") {
    const std::vector<double> values = {7.0};
    const gemba::Descriptive d = gemba::describe(values);
    CHECK(d.n == 1);
    CHECK(*d.mean == Approx(7.0));
    CHECK(*d.median == Approx(7.0));
    CHECK(*d.min == Approx(7.0));
    CHECK(*d.max == Approx(7.0));
    CHECK(*d.q1 == Approx(7.0));
    CHECK(*d.q3 == Approx(7.0));
    CHECK_FALSE(d.sd);
    CHECK_FALSE(d.cv);
}

TEST_CASE("describe: two readings") {
    // {4, 6}: mean 5; sd = √(((4−5)² + (6−5)²) / 1) = √2; cv = √2 / 5.
    // Type 7: Q1 at h = 0.25 → 4 + 0.25·2 = 4.5; Q3 at h = 0.75 → 5.5.
    const std::vector<double> values = {6.0, 4.0};
    const gemba::Descriptive d = gemba::describe(values);
    CHECK(d.n == 2);
    CHECK(*d.mean == Approx(5.0));
    CHECK(*d.median == Approx(5.0));
    CHECK(*d.sd == Approx(std::sqrt(2.0)));
    CHECK(*d.cv == Approx(std::sqrt(2.0) / 5.0));
    CHECK(*d.min == Approx(4.0));
    CHECK(*d.max == Approx(6.0));
    CHECK(*d.q1 == Approx(4.5));
    CHECK(*d.q3 == Approx(5.5));
}

TEST_CASE("describe: median of odd and even samples, whatever the input order") {
    SUBCASE("odd: the middle value") {
        const std::vector<double> values = {5.0, 1.0, 3.0};  // sorted {1, 3, 5}
        CHECK(*gemba::describe(values).median == Approx(3.0));
    }
    SUBCASE("even: the mean of the two middle values") {
        const std::vector<double> values = {4.0, 1.0, 3.0, 2.0};  // sorted {1, 2, 3, 4}: (2+3)/2
        CHECK(*gemba::describe(values).median == Approx(2.5));
    }
}

TEST_CASE("describe: quartiles follow Hyndman & Fan type 7") {
    SUBCASE("{1, 2, 3, 4}") {
        // h = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1) = 1.75; h = 3·0.75 = 2.25 → 3 + 0.25·(4 − 3) = 3.25.
        const std::vector<double> values = {4.0, 3.0, 2.0, 1.0};
        const gemba::Descriptive d = gemba::describe(values);
        CHECK(*d.q1 == Approx(1.75));
        CHECK(*d.q3 == Approx(3.25));
    }
    SUBCASE("Wikipedia 'Quartile', example 1 (method 4 = R type 7): Q1 25.5, Q3 42.5") {
        // n = 11: h = 2.5 → 15 + 0.5·(36 − 15) = 25.5; h = 7.5 → 42 + 0.5·(43 − 42) = 42.5.
        const std::vector<double> values = {6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49};
        const gemba::Descriptive d = gemba::describe(values);
        CHECK(*d.q1 == Approx(25.5));
        CHECK(*d.median == Approx(40.0));
        CHECK(*d.q3 == Approx(42.5));
    }
}

TEST_CASE("quantile_sorted: interpolates between order statistics") {
    const std::vector<double> sorted = {10.0, 20.0, 30.0, 40.0, 50.0};
    SUBCASE("p = 0 and p = 1 are the extremes") {
        CHECK(gemba::quantile_sorted(sorted, 0.0) == Approx(10.0));
        CHECK(gemba::quantile_sorted(sorted, 1.0) == Approx(50.0));
    }
    SUBCASE("p = 0.1: h = 4·0.1 = 0.4 → 10 + 0.4·10 = 14") {
        CHECK(gemba::quantile_sorted(sorted, 0.1) == Approx(14.0));
    }
    SUBCASE("a single value is every quantile") {
        const std::vector<double> single = {3.5};
        CHECK(gemba::quantile_sorted(single, 0.3) == Approx(3.5));
    }
    SUBCASE("an empty sample or p outside [0, 1] is rejected") {
        CHECK_THROWS_AS(gemba::quantile_sorted({}, 0.5), std::invalid_argument);
        CHECK_THROWS_AS(gemba::quantile_sorted(sorted, -0.1), std::invalid_argument);
        CHECK_THROWS_AS(gemba::quantile_sorted(sorted, 1.1), std::invalid_argument);
        CHECK_THROWS_AS(gemba::quantile_sorted(sorted, std::nan("")), std::invalid_argument);
    }
}

TEST_CASE("describe: sample standard deviation and coefficient of variation") {
    SUBCASE("divisor n − 1") {
        // {2, 4, 4, 4, 5, 5, 7, 9}: mean 40/8 = 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32;
        // s = √(32/7) ≈ 2.138 (the population sd would be √(32/8) = 2); cv = s / 5.
        const std::vector<double> values = {2, 4, 4, 4, 5, 5, 7, 9};
        const gemba::Descriptive d = gemba::describe(values);
        CHECK(*d.mean == Approx(5.0));
        CHECK(*d.sd == Approx(std::sqrt(32.0 / 7.0)));
        CHECK(*d.cv == Approx(std::sqrt(32.0 / 7.0) / 5.0));
    }
    SUBCASE("large readings close together keep their precision") {
        // 1e9 + {4, 7, 13, 16}: deviations from 1e9 + 10 are −6, −3, 3, 6; Σd² = 90; s = √30.
        // Σx² − n·x̄² would lose every digit here (x² ≈ 1e18, spacing of doubles 128).
        const std::vector<double> values = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
        const gemba::Descriptive d = gemba::describe(values);
        CHECK(*d.mean == Approx(1e9 + 10).epsilon(1e-15));
        CHECK(*d.sd == Approx(std::sqrt(30.0)).epsilon(1e-12));
    }
    SUBCASE("identical readings: sd and cv are 0") {
        const std::vector<double> values = {0.1, 0.1, 0.1};
        const gemba::Descriptive d = gemba::describe(values);
        CHECK(*d.sd == Approx(0.0));
        CHECK(*d.cv == Approx(0.0));
    }
    SUBCASE("a zero mean leaves cv empty") {
        const std::vector<double> values = {-1.0, 1.0};  // mean 0, s = √2
        const gemba::Descriptive d = gemba::describe(values);
        CHECK(*d.sd == Approx(std::sqrt(2.0)));
        CHECK_FALSE(d.cv);
    }
}

TEST_CASE("describe: the order statistics equal those of a full sort, for any size and order") {
    // describe selects the quartiles' order statistics instead of sorting: they must be the very
    // values quantile_sorted reads from a sorted copy, bit for bit, also with long runs of equal
    // values and the orders that trouble a quickselect (sorted, reversed, organ pipe, all equal).
    std::mt19937_64 random(7);
    for (const int size : {1, 2, 3, 4, 5, 16, 17, 18, 31, 100, 1000, 20000}) {
        const auto n = static_cast<std::size_t>(size);
        for (int shape = 0; shape < 6; ++shape) {
            CAPTURE(n);
            CAPTURE(shape);
            std::vector<double> values(n);
            for (std::size_t i = 0; i < n; ++i) {
                switch (shape) {
                    case 0: values[i] = static_cast<double>(random() % 1'000'000) / 7.0; break;
                    case 1: values[i] = static_cast<double>(random() % 5); break;
                    case 2: values[i] = static_cast<double>(i); break;
                    case 3: values[i] = static_cast<double>(n - i); break;
                    case 4: values[i] = static_cast<double>(std::min(i, n - i)); break;
                    default: values[i] = 2.5; break;
                }
            }
            std::vector<double> sorted = values;
            std::sort(sorted.begin(), sorted.end());
            const gemba::Descriptive d = gemba::describe(values);
            CHECK(*d.min == sorted.front());
            CHECK(*d.max == sorted.back());
            CHECK(*d.q1 == gemba::quantile_sorted(sorted, 0.25));
            CHECK(*d.median == gemba::quantile_sorted(sorted, 0.5));
            CHECK(*d.q3 == gemba::quantile_sorted(sorted, 0.75));
        }
    }
}

TEST_CASE("outlier_indices iqr_1_5: Tukey's fences") {
    SUBCASE("a high reading, reported by its index in the unsorted input") {
        // sorted {1, 2, 3, 4, 100}: Q1 = 2, Q3 = 4, IQR = 2, fences 2 − 3 = −1 and 4 + 3 = 7.
        const std::vector<double> values = {3, 100, 1, 2, 4};
        CHECK(gemba::outlier_indices(values, OutlierRule::iqr_1_5) == std::vector<std::size_t>{1});
    }
    SUBCASE("a low reading") {
        // sorted {−20, 10, 11, 12, 13}: Q1 = 10, Q3 = 12, fences 7 and 15.
        const std::vector<double> values = {10, 11, 12, 13, -20};
        CHECK(gemba::outlier_indices(values, OutlierRule::iqr_1_5) == std::vector<std::size_t>{4});
    }
    SUBCASE("several, in ascending index order") {
        // sorted {−50, 1, 2, 3, 4, 5, 60}: h = 1.5 → Q1 = 1.5, h = 4.5 → Q3 = 4.5, IQR = 3,
        // fences 1.5 − 4.5 = −3 and 4.5 + 4.5 = 9.
        const std::vector<double> values = {60, 1, 2, -50, 3, 4, 5};
        CHECK(gemba::outlier_indices(values, OutlierRule::iqr_1_5) ==
              std::vector<std::size_t>{0, 3});
    }
    SUBCASE("a reading exactly on the fence is not flagged") {
        // sorted {1, 2, 3, 4, 7}: Q1 = 2, Q3 = 4, upper fence 4 + 1.5·2 = 7.
        const std::vector<double> values = {1, 2, 3, 4, 7};
        CHECK(gemba::outlier_indices(values, OutlierRule::iqr_1_5).empty());
    }
    SUBCASE("fewer than 4 readings flag nothing") {
        // {1, 2, 1000}: Q1 = 1.5, Q3 = 501, upper fence 501 + 1.5·499.5 = 1250.25.
        const std::vector<double> values = {1, 2, 1000};
        CHECK(gemba::outlier_indices(values, OutlierRule::iqr_1_5).empty());
        CHECK(gemba::outlier_indices(std::vector<double>{5.0}, OutlierRule::iqr_1_5).empty());
        CHECK(gemba::outlier_indices({}, OutlierRule::iqr_1_5).empty());
    }
}

TEST_CASE("outlier_indices: a spread below the timing resolution is not an outlier") {
    // 2018, 2018, 2018, 2018, 2019 ms: Q1 = Q3 = 2018, IQR 0, so Tukey's fences are 2018 and 2018
    // and the 2019 lies beyond them. With the resolution (100 ms) the fences are 2018 ∓ 100.
    const std::vector<double> equal = {2018, 2018, 2019, 2018, 2018};
    CHECK(gemba::outlier_indices(equal, OutlierRule::iqr_1_5) == std::vector<std::size_t>{2});
    CHECK(gemba::outlier_indices(equal, OutlierRule::iqr_1_5, gemba::kTimingResolutionMs).empty());
    // A reading farther than 100 ms out is flagged still: 2119 > 2118; 2118 is on the fence.
    CHECK(gemba::outlier_indices(std::vector<double>{2018, 2018, 2119, 2018, 2018}, OutlierRule::iqr_1_5,
                                 gemba::kTimingResolutionMs) == std::vector<std::size_t>{2});
    CHECK(gemba::outlier_indices(std::vector<double>{2018, 2018, 2118, 2018, 2018}, OutlierRule::iqr_1_5,
                                 gemba::kTimingResolutionMs).empty());
    // A wide spread keeps Tukey's fences: {1000, 2000, 3000, 4000, 10000} s·1000: Q1 2000, Q3 4000,
    // fences −1000 and 7000: the 10000 is flagged with and without the resolution.
    const std::vector<double> wide = {1000, 2000, 3000, 4000, 10000};
    CHECK(gemba::outlier_indices(wide, OutlierRule::iqr_1_5, gemba::kTimingResolutionMs) == std::vector<std::size_t>{4});
    // mean ± 3 sd: ten 2018s and a 2019: mean 2018.091, sd 0.3015, 3 sd 0.905 < 0.909 → flagged without
    // the resolution; with it the fences are 2018.09 ∓ 100.
    std::vector<double> eleven(10, 2018.0);
    eleven.push_back(2019.0);
    CHECK(gemba::outlier_indices(eleven, OutlierRule::mean_3_sd) == std::vector<std::size_t>{10});
    CHECK(gemba::outlier_indices(eleven, OutlierRule::mean_3_sd, gemba::kTimingResolutionMs).empty());
}

TEST_CASE("outlier_indices mean_3_sd: farther than 3 sample sd from the mean") {
    SUBCASE("n <= 10 cannot flag anything, even where the IQR rule does") {
        // Nine 0s and a 100: mean 10; Σd² = 9·10² + 90² = 9000; s = √(9000/9) = √1000 ≈ 31.62;
        // 3s ≈ 94.87 > 90. (In general max |x − x̄| / s = (n − 1)/√n, 9/√10 ≈ 2.85 < 3.)
        // Quartiles are both 0, so Tukey's fences are 0 and 100 lies beyond them.
        std::vector<double> values(9, 0.0);
        values.push_back(100.0);
        CHECK(gemba::outlier_indices(values, OutlierRule::mean_3_sd).empty());
        CHECK(gemba::outlier_indices(values, OutlierRule::iqr_1_5) == std::vector<std::size_t>{9});
    }
    SUBCASE("n = 11 can") {
        // Ten 0s and a 110: mean 10; Σd² = 10·10² + 100² = 11000; s = √1100 ≈ 33.17;
        // 3s ≈ 99.50 < 100 = |110 − 10|.
        std::vector<double> values(10, 0.0);
        values.insert(values.begin() + 3, 110.0);
        CHECK(gemba::outlier_indices(values, OutlierRule::mean_3_sd) ==
              std::vector<std::size_t>{3});
    }
    SUBCASE("fewer than 3 readings flag nothing, even without an sd") {
        const std::vector<double> values = {0, 100};
        CHECK(gemba::outlier_indices(values, OutlierRule::mean_3_sd).empty());
        CHECK(gemba::outlier_indices(std::vector<double>{5.0}, OutlierRule::mean_3_sd).empty());
        CHECK(gemba::outlier_indices({}, OutlierRule::mean_3_sd).empty());
    }
    SUBCASE("identical readings flag nothing") {
        const std::vector<double> values(12, 5.0);
        CHECK(gemba::outlier_indices(values, OutlierRule::mean_3_sd).empty());
    }
}

TEST_CASE("normal_quantile: inverse of the standard normal CDF") {
    SUBCASE("published values") {
        CHECK(gemba::normal_quantile(0.5) == Approx(0.0));
        // Φ⁻¹(0.975) = 1.959963984540054 (the '1.96' of 95 % intervals).
        CHECK(gemba::normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-12));
        CHECK(gemba::normal_quantile(0.025) == Approx(-1.959963984540054).epsilon(1e-12));
        // Φ(1) = 0.8413447460685429, so Φ⁻¹ of it is 1.
        CHECK(gemba::normal_quantile(0.8413447460685429) == Approx(1.0).epsilon(1e-12));
        // Far tail: Φ⁻¹(1e−10) ≈ −6.361341 (R: qnorm(1e-10)).
        CHECK(gemba::normal_quantile(1e-10) == Approx(-6.361341).epsilon(1e-7));
    }
    SUBCASE("Φ(Φ⁻¹(p)) = p across both tails and the central region") {
        for (const double p : {1e-300, 1e-12, 1e-6, 0.001, 0.02, 0.02425, 0.1, 0.3, 0.49}) {
            CAPTURE(p);
            CHECK(normal_cdf(gemba::normal_quantile(p)) == Approx(p).epsilon(1e-12));
            // Upper half by symmetry: Φ⁻¹(1 − p) = −Φ⁻¹(p); 1 − p rounds for tiny p, so compare
            // only where it is exact.
            if (p >= 1e-6) {
                CHECK(gemba::normal_quantile(1.0 - p) ==
                      Approx(-gemba::normal_quantile(p)).epsilon(1e-9));
            }
        }
    }
    SUBCASE("p outside (0, 1) is rejected") {
        CHECK_THROWS_AS(gemba::normal_quantile(0.0), std::invalid_argument);
        CHECK_THROWS_AS(gemba::normal_quantile(1.0), std::invalid_argument);
        CHECK_THROWS_AS(gemba::normal_quantile(-0.5), std::invalid_argument);
        CHECK_THROWS_AS(gemba::normal_quantile(std::nan("")), std::invalid_argument);
    }
}

TEST_CASE("z_for_confidence: table convention prints the textbook values") {
    SUBCASE("the tabled levels (LEAN.md, stats.hpp)") {
        CHECK(gemba::z_for_confidence(68.27, ZConvention::table) == Approx(1.00));
        CHECK(gemba::z_for_confidence(80.0, ZConvention::table) == Approx(1.28));
        CHECK(gemba::z_for_confidence(90.0, ZConvention::table) == Approx(1.645));
        CHECK(gemba::z_for_confidence(95.0, ZConvention::table) == Approx(1.96));
        CHECK(gemba::z_for_confidence(95.45, ZConvention::table) == Approx(2.00));
        CHECK(gemba::z_for_confidence(98.0, ZConvention::table) == Approx(2.33));
        CHECK(gemba::z_for_confidence(99.0, ZConvention::table) == Approx(2.58));
        CHECK(gemba::z_for_confidence(99.73, ZConvention::table) == Approx(3.00));
    }
    SUBCASE("other levels: exact z rounded to 2 decimals") {
        // 85 %: Φ⁻¹(0.925) ≈ 1.4395 → 1.44.  97 %: Φ⁻¹(0.985) ≈ 2.1701 → 2.17 (normal tables).
        CHECK(gemba::z_for_confidence(85.0, ZConvention::table) == Approx(1.44));
        CHECK(gemba::z_for_confidence(97.0, ZConvention::table) == Approx(2.17));
    }
}

TEST_CASE("z_for_confidence: exact convention is the two-sided normal quantile") {
    // Standard two-sided critical values: 1.644854, 1.959964, 2.575829.
    CHECK(gemba::z_for_confidence(90.0, ZConvention::exact) == Approx(1.644854).epsilon(1e-6));
    CHECK(gemba::z_for_confidence(95.0, ZConvention::exact) == Approx(1.959964).epsilon(1e-6));
    CHECK(gemba::z_for_confidence(99.0, ZConvention::exact) == Approx(2.575829).epsilon(1e-6));
}

TEST_CASE("z_for_confidence: a level outside (0, 100) % is rejected") {
    for (const ZConvention convention : {ZConvention::table, ZConvention::exact}) {
        CHECK_THROWS_AS(gemba::z_for_confidence(0.0, convention), std::invalid_argument);
        CHECK_THROWS_AS(gemba::z_for_confidence(100.0, convention), std::invalid_argument);
        CHECK_THROWS_AS(gemba::z_for_confidence(-5.0, convention), std::invalid_argument);
        CHECK_THROWS_AS(gemba::z_for_confidence(150.0, convention), std::invalid_argument);
        CHECK_THROWS_AS(gemba::z_for_confidence(std::nan(""), convention), std::invalid_argument);
    }
}

TEST_CASE("ceil_tolerant: rounds up, but not past an integer it only misses by noise") {
    SUBCASE("integers and near-integers") {
        CHECK(gemba::ceil_tolerant(16.0) == 16);
        CHECK(gemba::ceil_tolerant(std::nextafter(16.0, 17.0)) == 16);
        CHECK(gemba::ceil_tolerant(std::nextafter(16.0, 15.0)) == 16);
        CHECK(gemba::ceil_tolerant(0.0) == 0);
    }
    SUBCASE("real fractions round up") {
        CHECK(gemba::ceil_tolerant(16.2) == 17);
        CHECK(gemba::ceil_tolerant(16.000001) == 17);
        CHECK(gemba::ceil_tolerant(0.01) == 1);
    }
    SUBCASE("values with no int64 are rejected") {
        CHECK_THROWS_AS(gemba::ceil_tolerant(std::numeric_limits<double>::infinity()),
                        std::out_of_range);
        CHECK_THROWS_AS(gemba::ceil_tolerant(std::nan("")), std::out_of_range);
        CHECK_THROWS_AS(gemba::ceil_tolerant(1e19), std::out_of_range);
    }
}

TEST_CASE("required_cycles: n = ⌈(z·s / (a·x̄))²⌉") {
    SUBCASE("Stevenson, Operations Management, ch. 7 (work measurement) example") {
        // x̄ = 6.4 min, s = 2.1 min, 95 % (z = 1.96), a = ±10 %:
        // 1.96·2.1 / (0.10·6.4) = 4.116 / 0.64 = 6.43125; 6.43125² ≈ 41.36 → 42.
        CHECK(gemba::required_cycles(1.96, 2.1, 6.4, 0.10) == 42);
    }
    SUBCASE("an exact integer is not rounded up") {
        // 2·0.23 / (0.05·2.3) = 0.46 / 0.115 = 4 → 16; in doubles the square is 16.000000000000007.
        CHECK(gemba::required_cycles(2.0, 0.23, 2.3, 0.05) == 16);
        // 1.96·0.125 / (0.05·0.7) = 0.245 / 0.035 = 7 → 49; in doubles 49.000000000000014.
        CHECK(gemba::required_cycles(1.96, 0.125, 0.7, 0.05) == 49);
    }
    SUBCASE("a fraction is rounded up") {
        // 2·10.25 / (0.05·100) = 20.5 / 5 = 4.1 → 16.81 → 17.
        CHECK(gemba::required_cycles(2.0, 10.25, 100.0, 0.05) == 17);
    }
    SUBCASE("no variation needs no further cycles") {
        CHECK(gemba::required_cycles(1.96, 0.0, 10.0, 0.05) == 0);
    }
    SUBCASE("empty without sd, with a mean <= 0 or an accuracy <= 0") {
        CHECK_FALSE(gemba::required_cycles(1.96, std::nullopt, 6.4, 0.10));
        CHECK_FALSE(gemba::required_cycles(1.96, 2.1, 0.0, 0.10));
        CHECK_FALSE(gemba::required_cycles(1.96, 2.1, -6.4, 0.10));
        CHECK_FALSE(gemba::required_cycles(1.96, 2.1, std::nan(""), 0.10));
        CHECK_FALSE(gemba::required_cycles(1.96, 2.1, 6.4, 0.0));
        CHECK_FALSE(gemba::required_cycles(1.96, 2.1, 6.4, -0.10));
    }
}

TEST_CASE("required_cycles_absolute: n = ⌈(z·s / e)²⌉") {
    SUBCASE("Stevenson, same example, accuracy ±0.5 min") {
        // 1.96·2.1 / 0.5 = 8.232; 8.232² ≈ 67.77 → 68.
        CHECK(gemba::required_cycles_absolute(1.96, 2.1, 0.5) == 68);
    }
    SUBCASE("an exact integer is not rounded up") {
        // 2·0.23 / 0.115 = 4 → 16.
        CHECK(gemba::required_cycles_absolute(2.0, 0.23, 0.115) == 16);
    }
    SUBCASE("empty without sd or with an accuracy <= 0") {
        CHECK_FALSE(gemba::required_cycles_absolute(1.96, std::nullopt, 0.5));
        CHECK_FALSE(gemba::required_cycles_absolute(1.96, 2.1, 0.0));
        CHECK_FALSE(gemba::required_cycles_absolute(1.96, 2.1, -0.5));
    }
}

TEST_CASE("rate_difference_p: the exact conditional test of two rates, by hand") {
    // 3 against 1 in equal times: 4 events, each after with chance 1/2; P(≤ 1 after) = (1 + 4)/16.
    CHECK(*gemba::rate_difference_p(3, 1.0, 1, 1.0) == Approx(0.625));
    // 10 against 0: P(0 of 10 after) = 1/1024, doubled.
    CHECK(*gemba::rate_difference_p(10, 1.0, 0, 1.0) == Approx(2.0 / 1024));
    // 4 in 2 h against 0 in 1 h: the second's share 1/3; P(0 of 4) = (2/3)⁴ = 16/81, doubled.
    CHECK(*gemba::rate_difference_p(4, 2.0, 0, 1.0) == Approx(32.0 / 81));
    // The same counts in the same times either way round.
    CHECK(*gemba::rate_difference_p(1, 1.0, 3, 1.0) == Approx(0.625));
    // Rates that agree exactly: both tails hold more than half: p is 1, not above.
    CHECK(*gemba::rate_difference_p(2, 1.0, 2, 1.0) == Approx(1.0));
    CHECK_FALSE(gemba::rate_difference_p(0, 1.0, 0, 1.0));
    CHECK_FALSE(gemba::rate_difference_p(1, 0.0, 1, 1.0));
}
