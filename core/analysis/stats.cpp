#include "core/analysis/stats.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace gemba {

namespace {

// Where the type-7 p-quantile of n sorted values lies: between ranks below and above, at fraction.
struct QuantilePlace {
    std::size_t below = 0, above = 0;
    double fraction = 0.0;
};

QuantilePlace quantile_place(std::size_t n, double p) {
    const double h = static_cast<double>(n - 1) * p;
    const double below_h = std::floor(h);
    const auto below = static_cast<std::size_t>(below_h);
    return {below, std::min(below + 1, n - 1), h - below_h};
}

double interpolate(double low, double high, double fraction) { return low + fraction * (high - low); }

// As std::nth_element for doubles: the nth smallest of [first, last) at nth, none greater before
// it, none smaller after it. Quickselect with branchless partitions: std::nth_element branches on
// each comparison, which on unordered readings mispredicts about every other time (about 3x
// slower). Values equal to the pivot are set apart, so many equal readings cannot stall it; an
// unlucky run of pivots hands over to std::nth_element, whose worst case is n log n.
void select_nth(double* first, double* nth, double* last) {
    for (int pivots_left = 64; last - first > 16; --pivots_left) {
        if (pivots_left == 0) return std::nth_element(first, nth, last);
        // The median of three, moved to the front.
        double* low = first + 1;
        double* middle = first + (last - first) / 2;
        if (*middle < *low) std::swap(low, middle);
        if (*(last - 1) < *middle) middle = *(last - 1) < *low ? low : last - 1;
        std::iter_swap(first, middle);
        const double pivot = *first;
        // [first + 1, less_end) < pivot, [less_end, it) >= pivot.
        double* less_end = first + 1;
        for (double* it = first + 1; it != last; ++it) {
            const double x = *it;
            *it = *less_end;
            *less_end = x;
            less_end += x < pivot;
        }
        double* const pivot_at = less_end - 1;
        std::iter_swap(first, pivot_at);
        if (nth < pivot_at) {
            last = pivot_at;
            continue;
        }
        // (pivot_at, equal_end) == pivot, [equal_end, it) > pivot.
        double* equal_end = pivot_at + 1;
        for (double* it = pivot_at + 1; it != last; ++it) {
            const double x = *it;
            *it = *equal_end;
            *equal_end = x;
            equal_end += !(pivot < x);
        }
        if (nth < equal_end) return;
        first = equal_end;
    }
    std::sort(first, last);
}

}  // namespace

Descriptive describe(std::span<const double> values) {
    Descriptive result;
    result.n = values.size();
    if (values.empty()) return result;

    // The quartiles need only a few order statistics, each the very value a sort would put at its
    // rank, found in linear time where a full sort takes n log n. First the lower rank of each
    // quartile, each selected among the values above the one before; the values left between two
    // selected ranks lie between their values, so the rank just above one, and the minimum and
    // maximum, are the least or greatest of a quarter of the values at most.
    const std::array<QuantilePlace, 3> places = {quantile_place(values.size(), 0.25),
                                                 quantile_place(values.size(), 0.5),
                                                 quantile_place(values.size(), 0.75)};
    std::vector<double> ordered(values.begin(), values.end());
    double* const begin = ordered.data();
    double* const end = begin + ordered.size();
    double* from = begin;
    for (const QuantilePlace& place : places) {
        if (begin + place.below < from) continue;  // the same rank again
        select_nth(from, begin + place.below, end);
        from = begin + place.below + 1;
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
        if (i > 0 && places[i].below == places[i - 1].below) continue;
        double* next = end;  // the next selected rank above, or the end
        for (std::size_t j = i + 1; j < places.size() && next == end; ++j)
            if (places[j].below > places[i].below) next = begin + places[j].below;
        double* const above = begin + places[i].above;
        if (above < next) std::iter_swap(above, std::min_element(above, next));
    }
    const auto quantile = [&](const QuantilePlace& place) {
        return interpolate(ordered[place.below], ordered[place.above], place.fraction);
    };

    const auto n = static_cast<double>(values.size());
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
    result.mean = mean;
    result.median = quantile(places[1]);
    result.min = *std::min_element(begin, begin + places[0].below + 1);
    result.max = *std::max_element(begin + places[2].below, end);
    result.q1 = quantile(places[0]);
    result.q3 = quantile(places[2]);

    if (values.size() >= 2) {
        // Two passes: squaring deviations from the mean, not raw values, avoids the catastrophic
        // cancellation of Σx² − n·x̄² when readings are large and close together. The (Σd)²/n
        // term removes the rounding error left in the mean (Chan, Golub & LeVeque's correction).
        double sum_of_squares = 0.0;
        double sum_of_deviations = 0.0;
        for (const double x : values) {
            const double deviation = x - mean;
            sum_of_squares += deviation * deviation;
            sum_of_deviations += deviation;
        }
        const double variance =
            (sum_of_squares - sum_of_deviations * sum_of_deviations / n) / (n - 1.0);
        // The correction can take identical readings a hair below zero.
        const double sd = std::sqrt(std::max(variance, 0.0));
        result.sd = sd;
        if (mean != 0.0) result.cv = sd / mean;
    }
    return result;
}

double quantile_sorted(std::span<const double> sorted, double p) {
    if (sorted.empty()) throw std::invalid_argument("quantile of an empty sample");
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("quantile p must be in [0, 1]");
    const QuantilePlace place = quantile_place(sorted.size(), p);
    return interpolate(sorted[place.below], sorted[place.above], place.fraction);
}

std::vector<std::size_t> outlier_indices(std::span<const double> values, OutlierRule rule, double resolution) {
    return outlier_indices(values, rule, describe(values), resolution);
}

std::vector<std::size_t> outlier_indices(std::span<const double> values, OutlierRule rule,
                                         const Descriptive& summary, double resolution) {
    // Below the header's minimum sizes neither rule could flag anything anyway, and for the
    // smallest samples the statistics a rule needs (sd) are empty.
    double low_fence = 0.0;
    double high_fence = 0.0;
    switch (rule) {
    case OutlierRule::iqr_1_5: {
        if (values.size() < 4) return {};
        const double reach = std::max(1.5 * (*summary.q3 - *summary.q1), resolution);
        low_fence = *summary.q1 - reach;
        high_fence = *summary.q3 + reach;
        break;
    }
    case OutlierRule::mean_3_sd:
        if (values.size() < 3) return {};
        low_fence = *summary.mean - std::max(3.0 * *summary.sd, resolution);
        high_fence = *summary.mean + std::max(3.0 * *summary.sd, resolution);
        break;
    }
    std::vector<std::size_t> flagged;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] < low_fence || values[i] > high_fence) flagged.push_back(i);
    }
    return flagged;
}

double normal_quantile(double p) {
    if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("normal quantile p must be in (0, 1)");

    // Work in the lower half and mirror: 1 − p is exact for p >= 0.5, and the lower tail keeps
    // full relative precision where erfc is accurate.
    const bool upper = p > 0.5;
    const double tail = upper ? 1.0 - p : p;

    // Acklam's rational approximation (relative error < 1.15e-9) ...
    static constexpr std::array a = {-3.969683028665376e+01, 2.209460984245205e+02,
                                     -2.759285104469687e+02, 1.383577518672690e+02,
                                     -3.066479806614716e+01, 2.506628277459239e+00};
    static constexpr std::array b = {-5.447609879822406e+01, 1.615858368580409e+02,
                                     -1.556989798598866e+02, 6.680131188771972e+01,
                                     -1.328068155288572e+01};
    static constexpr std::array c = {-7.784894002430293e-03, -3.223964580411365e-01,
                                     -2.400758277161838e+00, -2.549732539343734e+00,
                                     4.374664141464968e+00,  2.938163982698783e+00};
    static constexpr std::array d = {7.784695709041462e-03, 3.224671290700398e-01,
                                     2.445134137142996e+00, 3.754408661907416e+00};
    constexpr double central_region_start = 0.02425;

    double x = 0.0;
    if (tail < central_region_start) {
        const double q = std::sqrt(-2.0 * std::log(tail));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else {
        const double q = tail - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
    }

    // ... refined by one Halley step on Φ(x) − tail, which brings it to machine precision.
    // Below about 1e-300 the density underflows; the approximation then stands as it is.
    const double error = 0.5 * std::erfc(-x / std::numbers::sqrt2) - tail;
    const double step = error * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
    if (std::isfinite(step)) x -= step / (1.0 + 0.5 * x * step);

    return upper ? -x : x;
}

double z_for_confidence(double level_pct, ZConvention convention) {
    // 0 % and 100 % have no finite z; anything outside is not a confidence level.
    if (!(level_pct > 0.0 && level_pct < 100.0)) {
        throw std::invalid_argument("confidence level must be in (0, 100) percent");
    }
    // From the tail probability (100 − level)/200 rather than 0.5 + level/200, so levels close to
    // 100 % keep their precision.
    const double exact = -normal_quantile((100.0 - level_pct) / 200.0);
    if (convention == ZConvention::exact) return exact;

    struct TableEntry {
        double level_pct;
        double z;
    };
    // Only 90 % differs from the exact z rounded to 2 decimals; the rest are listed so the
    // table reads as the textbooks print it.
    static constexpr std::array<TableEntry, 8> kTable = {{{68.27, 1.00},
                                                          {80.0, 1.28},
                                                          {90.0, 1.645},
                                                          {95.0, 1.96},
                                                          {95.45, 2.00},
                                                          {98.0, 2.33},
                                                          {99.0, 2.58},
                                                          {99.73, 3.00}}};
    for (const TableEntry& entry : kTable) {
        if (std::abs(level_pct - entry.level_pct) < 1e-9) return entry.z;
    }
    return std::round(exact * 100.0) / 100.0;
}

// Beyond this a cycle count means nothing (and would not fit the integer types downstream).
constexpr double kCountableCycles = 1e15;

namespace {

// The continued fraction of I_x(a, b) (Numerical Recipes 6.4, modified Lentz), converging fast for
// x < (a + 1)/(a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
    constexpr double tiny = 1e-300;
    constexpr double epsilon = 1e-16;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::abs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::abs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::abs(c) < tiny) c = tiny;
        d = 1.0 / d;
        const double step = d * c;
        h *= step;
        if (std::abs(step - 1.0) < epsilon) break;
    }
    return h;
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
    if (!(a > 0.0 && b > 0.0)) throw std::invalid_argument("incomplete beta needs a > 0 and b > 0");
    if (!(x >= 0.0 && x <= 1.0)) throw std::invalid_argument("incomplete beta needs 0 <= x <= 1");
    if (x == 0.0 || x == 1.0) return x;
    const double front =
        std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
    return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double df) {
    if (!(df > 0.0)) throw std::invalid_argument("Student's t needs df > 0");
    if (std::isnan(t)) throw std::invalid_argument("Student's t CDF of NaN");
    if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
    const double tail = 0.5 * regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
    return t > 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
    if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("Student's t quantile p must be in (0, 1)");
    if (!(df > 0.0)) throw std::invalid_argument("Student's t needs df > 0");
    if (p < 0.5) return -student_t_quantile(1.0 - p, df);
    if (p == 0.5) return 0.0;
    // Bracket the quantile in [low, high]; then Newton steps from the normal quantile, each kept
    // inside the bracket (a step that would leave it halves the bracket instead), so it converges
    // as bisection would at worst, and in a few steps as a rule.
    double low = 0.0, high = 1.0;
    while (student_t_cdf(high, df) < p) {
        low = high;
        high *= 2.0;
        if (std::isinf(high)) return high;  // beyond any double: only for p within 1e-16 of 1 and df tiny
    }
    // The density's constant Γ((ν+1)/2) / (√(νπ)·Γ(ν/2)), in logs.
    const double log_scale = std::lgamma((df + 1.0) / 2.0) - std::lgamma(df / 2.0) - 0.5 * std::log(df * std::numbers::pi);
    double t = std::clamp(normal_quantile(p), low, high);
    for (int i = 0; i < 2000; ++i) {
        const double excess = student_t_cdf(t, df) - p;
        if (excess == 0.0) return t;
        if (excess < 0.0) low = t;
        else high = t;
        const double density = std::exp(log_scale - (df + 1.0) / 2.0 * std::log1p(t * t / df));
        const double newton = t - excess / density;
        const double next = newton > low && newton < high ? newton : low + (high - low) / 2.0;
        if (std::abs(next - t) <= 1e-15 * std::max(1.0, t) || next <= low || next >= high) return next;
        t = next;
    }
    return t;
}

double t_for_confidence(double level_pct, double df) {
    if (!(level_pct > 0.0 && level_pct < 100.0)) throw std::invalid_argument("confidence level must be in (0, 100) percent");
    return -student_t_quantile((100.0 - level_pct) / 200.0, df);
}

double confidence_for_z(double z) { return 100.0 * std::erf(z / std::sqrt(2.0)); }

std::optional<WelchTest> welch_t_test(std::size_t n1, double mean1, double sd1, std::size_t n2, double mean2,
                                      double sd2, double confidence_pct) {
    if (n1 < 2 || n2 < 2) return std::nullopt;
    const double v1 = sd1 * sd1 / static_cast<double>(n1), v2 = sd2 * sd2 / static_cast<double>(n2);
    const double variance = v1 + v2;
    if (!(variance > 0.0)) return std::nullopt;
    WelchTest test;
    test.difference = mean2 - mean1;
    test.standard_error = std::sqrt(variance);
    test.t = test.difference / test.standard_error;
    test.df = variance * variance /
              (v1 * v1 / static_cast<double>(n1 - 1) + v2 * v2 / static_cast<double>(n2 - 1));
    // The lower tail of −|t| is computed without cancellation, unlike 1 − cdf(|t|).
    test.p_two_sided = std::min(1.0, 2.0 * student_t_cdf(-std::abs(test.t), test.df));
    test.confidence_pct = confidence_pct;
    const double margin = t_for_confidence(confidence_pct, test.df) * test.standard_error;
    test.ci_low = test.difference - margin;
    test.ci_high = test.difference + margin;
    return test;
}

std::optional<std::int64_t> required_cycles(double z, std::optional<double> sd, double mean,
                                            double accuracy_fraction) {
    // Written as !(x > 0) so NaN is rejected too.
    if (!sd || !(mean > 0.0) || !(accuracy_fraction > 0.0)) return std::nullopt;
    const double ratio = z * *sd / (accuracy_fraction * mean);
    if (!(ratio * ratio < kCountableCycles)) return std::nullopt;
    return ceil_tolerant(ratio * ratio);
}

std::optional<std::int64_t> required_cycles_absolute(double z, std::optional<double> sd,
                                                     double accuracy) {
    if (!sd || !(accuracy > 0.0)) return std::nullopt;
    const double ratio = z * *sd / accuracy;
    if (!(ratio * ratio < kCountableCycles)) return std::nullopt;
    return ceil_tolerant(ratio * ratio);
}

std::optional<double> rate_difference_p(std::int64_t k1, double t1, std::int64_t k2, double t2) {
    if (k1 < 0 || k2 < 0 || k1 + k2 == 0 || !(t1 > 0) || !(t2 > 0)) return std::nullopt;
    const std::int64_t n = k1 + k2;
    const double share = t2 / (t1 + t2);
    // log of the binomial probability of k successes, by lgamma: exact enough for any count.
    const auto probability = [&](std::int64_t k) {
        const double kd = static_cast<double>(k), nd = static_cast<double>(n);
        const double log_choose = std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1);
        const double log_p = kd == 0 ? 0.0 : kd * std::log(share);
        const double log_q = kd == nd ? 0.0 : (nd - kd) * std::log1p(-share);
        return std::exp(log_choose + log_p + log_q);
    };
    double lower = 0.0, upper = 0.0;
    for (std::int64_t k = 0; k <= n; ++k) {
        const double pk = probability(k);
        if (k <= k2) lower += pk;
        if (k >= k2) upper += pk;
    }
    return std::min(1.0, 2.0 * std::min(lower, upper));
}

std::int64_t ceil_tolerant(double x) {
    // A double at or beyond 2^63 (or NaN) has no int64 value; converting it would be undefined.
    constexpr double int64_limit = 0x1p63;
    if (!(std::abs(x) < int64_limit)) throw std::out_of_range("value does not fit in an int64");
    // Relative tolerance, but absolute (1e-9) below magnitude 1 so values near 0 snap to 0.
    const double nearest = std::round(x);
    const double tolerance = 1e-9 * std::max(1.0, std::abs(x));
    const double rounded = std::abs(x - nearest) <= tolerance ? nearest : std::ceil(x);
    return static_cast<std::int64_t>(rounded);
}

}  // namespace gemba
