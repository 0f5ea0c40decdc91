// Descriptive statistics and the time-study formulas that do not depend on the session model.
// All functions are pure; units are whatever the caller passes (Gemba passes milliseconds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/model/session.hpp"

namespace gemba {

// Summary of a sample. Fields that need more values than the sample has are empty:
// mean, median, min, max, q1, q3 need n >= 1; sd and cv need n >= 2 (and cv a non-zero mean).
struct Descriptive {
    std::size_t n = 0;
    std::optional<double> mean;
    std::optional<double> median;
    std::optional<double> sd;  // sample standard deviation, divisor n − 1
    std::optional<double> cv;  // coefficient of variation = sd ÷ mean (a fraction, not percent)
    std::optional<double> min;
    std::optional<double> max;
    std::optional<double> q1;  // quartiles by linear interpolation between order statistics
    std::optional<double> q3;  // (Hyndman & Fan type 7; Excel QUARTILE.INC, R's default)
};

Descriptive describe(std::span<const double> values);

// The p-quantile (0 <= p <= 1) of values sorted ascending, type 7: h = (n − 1)·p, interpolate
// between the order statistics around h. values must not be empty.
double quantile_sorted(std::span<const double> sorted, double p);

// A difference between two readings smaller than this is not a difference: a reading is the time
// between two taps of a finger, which land tens of milliseconds apart for the same moment, and the
// numbers are read to the tenth of a second. Readings of 2018, 2018, 2018, 2018 and 2019 ms are five
// equal readings, and none of them is an outlier.
inline constexpr double kTimingResolutionMs = 100.0;

// Indices (into values) of the possible outliers under the rule, ascending. Needs n >= 4 for
// iqr_1_5 and n >= 3 for mean_3_sd; smaller samples flag nothing.
//   iqr_1_5:   x < Q1 − 1.5·IQR or x > Q3 + 1.5·IQR, IQR = Q3 − Q1 (quartiles as in Descriptive)
//   mean_3_sd: |x − mean| > 3·sd (sample sd). Note: with n <= 10 no value can be that far.
// A reading is flagged only when it lies farther than `resolution` from the quartile (iqr_1_5) or
// the mean (mean_3_sd) on its side: each fence is at least that far out. When the readings barely
// spread (IQR or sd near 0) the fences would otherwise sit on top of them and flag a reading that
// differs by a millisecond. Readings in milliseconds pass kTimingResolutionMs.
std::vector<std::size_t> outlier_indices(std::span<const double> values, OutlierRule rule, double resolution = 0.0);
// The same with describe(values) already at hand.
std::vector<std::size_t> outlier_indices(std::span<const double> values, OutlierRule rule,
                                         const Descriptive& described, double resolution = 0.0);

// z for a two-sided confidence level in percent (0 < level < 100).
//   exact: the normal quantile Φ⁻¹(1 − (1 − level)/2), accurate to about 1e-9.
//   table: the value textbook tables print: 68.27 → 1.00, 80 → 1.28, 90 → 1.645, 95 → 1.96,
//          95.45 → 2.00, 98 → 2.33, 99 → 2.58, 99.73 → 3.00; other levels: exact z rounded to
//          2 decimals.
double z_for_confidence(double level_pct, ZConvention convention);

// The standard normal quantile Φ⁻¹(p), 0 < p < 1.
double normal_quantile(double p);

// The regularized incomplete beta function I_x(a, b), a > 0, b > 0, 0 <= x <= 1 (Lentz's continued
// fraction, as in Numerical Recipes' betai), accurate to about 1e-14.
double regularized_incomplete_beta(double a, double b, double x);

// P(T <= t) for Student's t with df > 0 degrees of freedom: 1 − ½·I_{df/(df+t²)}(df/2, ½) for t > 0.
double student_t_cdf(double t, double df);

// Student's t quantile t_p (P(T <= t_p) = p), 0 < p < 1, df > 0: Newton steps on student_t_cdf
// from the normal quantile, safeguarded by bisection of a bracket, to the last bits of a double. t_0.975 with 9 df = 2.262, with 4 df = 2.776; t_0.95 with 20 df = 1.725.
double student_t_quantile(double p, double df);

// t for a two-sided confidence level in percent (0 < level < 100) with df degrees of freedom:
// t_{1 − (1 − level)/2}, the value t tables print under "95 %" (two-sided) with df.
double t_for_confidence(double level_pct, double df);

// The two-sided confidence level in percent that z stands for: 100·(2Φ(z) − 1) (z = 1.96 → 95.0).
double confidence_for_z(double z);

// Welch's t-test of two samples with unequal variances (LEAN.md, "Comparing studies"), from each
// sample's size, mean and sample SD, in the order first (before) and second (after):
//   difference d = mean₂ − mean₁; standard error se = √(s₁²/n₁ + s₂²/n₂); t = d ÷ se;
//   df by Welch–Satterthwaite: se⁴ ÷ ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)), not an integer;
//   p = P(|T| ≥ |t|) for Student's t with df (two-sided), from student_t_cdf;
//   the confidence interval of d at `confidence_pct` (two-sided): d ± t_{1 − (1 − level)/2, df} · se.
struct WelchTest {
    double difference = 0;  // mean₂ − mean₁
    double standard_error = 0;
    double t = 0;
    double df = 0;
    double p_two_sided = 1;
    double confidence_pct = 95;
    double ci_low = 0, ci_high = 0;  // of the difference
};
// Empty when a sample has fewer than 2 values, or both SDs are 0 (no spread: t is undefined).
// confidence_pct in (0, 100).
std::optional<WelchTest> welch_t_test(std::size_t n1, double mean1, double sd1, std::size_t n2, double mean2,
                                      double sd2, double confidence_pct);

// Whether two counts of events per time differ more than chance: k1 events in t1, k2 in t2 (any
// one unit). The exact conditional test of two Poisson rates (Przyborowski & Wilenski 1940): with
// equal rates, k2 given n = k1 + k2 is Binomial(n, t2 ÷ (t1 + t2)); the two-sided p is twice the
// smaller tail at k2, at most 1. Empty when nothing was counted (n = 0) or a time is not above 0.
// Few tags say little: 3 against 1 in equal times gives p = 0.625.
std::optional<double> rate_difference_p(std::int64_t k1, double t1, std::int64_t k2, double t2);

// Required number of cycles for a relative accuracy ±a (fraction of the mean) at z:
//   n = ⌈(z · s / (a · x̄))²⌉
// Rounded up; a value within 1e-9 of an integer counts as that integer (so floating-point noise
// never adds a cycle). Empty when s is unknown, the mean is not positive, a is not positive, or the
// count would be 10^15 or more (a sample that says nothing).
std::optional<std::int64_t> required_cycles(double z, std::optional<double> sd, double mean,
                                            double accuracy_fraction);

// The same for an absolute accuracy ±e (same unit as s): n = ⌈(z · s / e)²⌉, with the same limits.
std::optional<std::int64_t> required_cycles_absolute(double z, std::optional<double> sd,
                                                     double accuracy);

// Rounds x up to an integer, treating values within 1e-9 (relative) of an integer as that integer.
std::int64_t ceil_tolerant(double x);

}  // namespace gemba
