// Do several observers' numbers differ, and how far do two observers agree? (LEAN.md "Comparing
// studies"): one-way ANOVA of readings, the chi-square test of a contingency table, Cohen's κ, and
// the pairing of two observers' time-stamped tags that κ on tags needs. All functions are pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace gemba {

// ============================================================================================
// Distributions
// ============================================================================================

// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), a > 0, x >= 0: by its
// series for x < a + 1 (Q = 1 − P) and by its continued fraction (modified Lentz) otherwise, the
// method of Numerical Recipes' gammq; accurate to about 1e-14.
double regularized_upper_gamma(double a, double x);

// P(X > x) for X chi-square with df > 0 degrees of freedom: Q(df/2, x/2); 1 for x <= 0.
double chi_square_upper_tail(double x, double df);

// P(F > f) for F with (df1, df2) degrees of freedom, both > 0: I_{df2/(df2 + df1·f)}(df2/2, df1/2)
// (regularized_incomplete_beta in core/analysis/stats.hpp); 1 for f <= 0.
double f_upper_tail(double f, double df1, double df2);

// ============================================================================================
// One-way ANOVA: do k groups of readings (e.g. one step timed by k observers) share one mean?
// ============================================================================================

// With N readings in all, group i having n_i readings of mean x̄_i, grand mean x̄:
//   SS between = Σ n_i (x̄_i − x̄)²,  df between = k − 1,  MS between = SS between ÷ df between
//   SS within  = Σ Σ (x − x̄_i)²,    df within  = N − k,  MS within  = SS within ÷ df within
//   F = MS between ÷ MS within, p = P(F(k − 1, N − k) > F)
struct AnovaResult {
    std::size_t groups = 0;                 // k
    std::size_t readings = 0;               // N
    std::vector<std::size_t> group_sizes;   // n_i, input order
    std::vector<double> group_means;        // x̄_i
    double grand_mean = 0.0;
    double ss_between = 0.0;
    double ss_within = 0.0;
    double ss_total = 0.0;                  // Σ (x − x̄)² = between + within
    std::size_t df_between = 0;
    std::size_t df_within = 0;
    double ms_between = 0.0;
    double ms_within = 0.0;
    // Empty when MS within is 0 (every group constant): F is then infinite or undefined; read the
    // group means instead.
    std::optional<double> f;
    std::optional<double> p_value;
};

// Empty unless there are at least 2 groups, every group has at least one reading, and N > k (some
// group has 2 readings, so there is a within-group spread). Throws std::invalid_argument on a
// reading that is not finite.
std::optional<AnovaResult> one_way_anova(std::span<const std::vector<double>> groups);

// ============================================================================================
// Chi-square test of independence of an r×c table (e.g. observers × sampling categories)
// ============================================================================================

// Rows and columns whose counts are all 0 are left out (a category no observer saw says nothing
// about the observers); with r' rows and c' columns left:
//   expected E_ij = row total_i × column total_j ÷ N,  χ² = Σ (O_ij − E_ij)² ÷ E_ij,
//   df = (r' − 1)(c' − 1),  p = P(χ²(df) > χ²)
// No continuity (Yates) correction. Cochran's rule: the approximation is doubtful when more than
// 20 % of the expected counts are below 5 (or any below 1); the cells below 5 are listed.
struct ChiSquareResult {
    std::vector<std::size_t> rows_used;     // indices into the input's rows, ascending
    std::vector<std::size_t> columns_used;  // indices into the input's columns, ascending
    // expected[i][j] for rows_used[i], columns_used[j]
    std::vector<std::vector<double>> expected;
    std::int64_t total = 0;
    double statistic = 0.0;
    std::size_t df = 0;
    double p_value = 1.0;
    // Cells with an expected count below 5, as (input row, input column), row-major order.
    std::vector<std::pair<std::size_t, std::size_t>> low_expected_cells;
    double low_expected_share = 0.0;  // their share of the cells used
    bool any_expected_below_1 = false;
};

// Empty when fewer than 2 rows or 2 columns have a count. Throws std::invalid_argument when rows
// differ in length or a count is negative.
std::optional<ChiSquareResult> chi_square_independence(std::span<const std::vector<std::int64_t>> table);

// ============================================================================================
// Cohen's κ: agreement of two raters on categories beyond chance
// ============================================================================================

// For a k×k table n_ij of N items rated i by rater A and j by rater B:
//   p_o = Σ n_ii ÷ N,  p_e = Σ (row_i ÷ N)(column_i ÷ N),  κ = (p_o − p_e) ÷ (1 − p_e)
//   SE(κ) = √(p_o (1 − p_o) ÷ (N (1 − p_e)²))  (Cohen 1960's large-sample approximation)
//   interval κ ± z·SE, not clipped (κ lies in [−1, 1] but the interval need not)
struct KappaResult {
    std::int64_t items = 0;  // N
    double p_observed = 0.0;
    double p_expected = 0.0;
    // Empty when p_e = 1 (both raters used one and the same category throughout: κ is undefined).
    std::optional<double> kappa;
    std::optional<double> standard_error;
    std::optional<double> low;
    std::optional<double> high;
    double z = 0.0;
};

// κ of a square table (rater A's category = row, B's = column). Empty when it holds no item.
// Throws std::invalid_argument when the table is not square, a count is negative or z is not above 0.
// z = 1.959964 (normal_quantile(0.975)) gives the 95 % interval.
std::optional<KappaResult> cohen_kappa(std::span<const std::vector<std::int64_t>> table, double z);

// κ's interval as a user reads it: cut to [−1, 1], where κ lies, and whether it was cut (the
// result's own low and high stay as computed, for JSON and CSV). Empty when κ has no interval.
struct ShownKappaInterval {
    double low = 0.0;
    double high = 0.0;
    bool cut = false;
};
std::optional<ShownKappaInterval> shown_kappa_interval(const KappaResult& kappa);

// The k×k table of paired ratings: a[i] and b[i] rate item i, categories 0 .. k − 1. Throws
// std::invalid_argument when the sizes differ or a category is k or more.
std::vector<std::vector<std::int64_t>> agreement_table(std::span<const std::size_t> a, std::span<const std::size_t> b,
                                                       std::size_t categories);

// ============================================================================================
// Pairing two observers' time-stamped tags (e.g. waste tags) into events
// ============================================================================================

struct TimedTag {
    std::int64_t at_ms = 0;     // when the tag was made, on the clock both observers share
    std::size_t category = 0;   // 0 .. categories − 1 (e.g. the waste)
};

// One event: a tag of A and a tag of B, or a tag of one of them that the other did not make.
struct TagPair {
    std::optional<std::size_t> a;  // index into A's tags
    std::optional<std::size_t> b;  // index into B's tags
};

// Two tags, one of A and one of B, are one event when they lie at most window_ms apart. Pairing is
// greedy by nearest time: of all such candidate pairs, the one with the smallest |t_a − t_b| is
// taken first (on a tie: the earlier A tag, then the earlier B tag, then the lower indices), and
// each tag is used at most once. A tag left unpaired is paired with "no tag".
// The agreement table has categories + 1 rows and columns: the last, `categories`, is "no tag"
// (its corner cell is always 0: an event neither observer tagged is never seen). κ is taken over
// that table, so the window changes κ; the window is reported with it.
// Cost: O(c log c) for the c candidate pairs (pairs of tags within the window), which stays near
// the number of tags while tags lie further apart than the window.
struct TagAgreement {
    std::int64_t window_ms = 0;
    std::vector<TagPair> events;  // by the time of the event (the earlier of its tags), then A's index
    std::vector<std::vector<std::int64_t>> table;
    std::optional<KappaResult> kappa;  // empty when there is no tag at all
};

// Throws std::invalid_argument when window_ms < 0, a category is `categories` or more, or z is not
// above 0.
TagAgreement tag_agreement(std::span<const TimedTag> a, std::span<const TimedTag> b, std::int64_t window_ms,
                           std::size_t categories, double z);

}  // namespace gemba
