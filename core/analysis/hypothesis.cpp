#include "core/analysis/hypothesis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "core/analysis/stats.hpp"

namespace gemba {

// ============================================================================================
// Distributions
// ============================================================================================

namespace {

constexpr double kEpsilon = 1e-15;
constexpr int kMaxIterations = 10'000;
constexpr double kTiny = std::numeric_limits<double>::min() / kEpsilon;  // keeps Lentz's divisions finite

// e^(−x) x^a / Γ(a), in logs.
double gamma_front(double a, double x) { return std::exp(-x + a * std::log(x) - std::lgamma(a)); }

// P(a, x) by the series Σ x^n / (a (a+1) ... (a+n)), for x < a + 1.
double lower_gamma_series(double a, double x) {
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n < kMaxIterations; ++n) {
        term *= x / (a + n);
        sum += term;
        if (std::abs(term) < std::abs(sum) * kEpsilon) break;
    }
    return sum * gamma_front(a, x);
}

// Q(a, x) by the continued fraction 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− ...))), for x >= a + 1.
double upper_gamma_fraction(double a, double x) {
    double b = x + 1.0 - a;
    double c = 1.0 / kTiny;
    double d = 1.0 / b;
    double fraction = d;
    for (int i = 1; i < kMaxIterations; ++i) {
        const double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (std::abs(d) < kTiny) d = kTiny;
        c = b + an / c;
        if (std::abs(c) < kTiny) c = kTiny;
        d = 1.0 / d;
        const double step = d * c;
        fraction *= step;
        if (std::abs(step - 1.0) < kEpsilon) break;
    }
    return fraction * gamma_front(a, x);
}

void require_finite(std::span<const double> values) {
    for (double value : values)
        if (!std::isfinite(value)) throw std::invalid_argument("readings must be finite numbers");
}

void require_positive_z(double z) {
    if (!(z > 0.0) || std::isinf(z)) throw std::invalid_argument("z must be a finite number above 0");
}

}  // namespace

double regularized_upper_gamma(double a, double x) {
    if (!(a > 0.0) || std::isinf(a)) throw std::invalid_argument("incomplete gamma needs a finite a > 0");
    if (!(x >= 0.0)) throw std::invalid_argument("incomplete gamma needs x >= 0");
    if (x == 0.0) return 1.0;
    if (std::isinf(x)) return 0.0;
    if (x < a + 1.0) return 1.0 - lower_gamma_series(a, x);
    return upper_gamma_fraction(a, x);
}

double chi_square_upper_tail(double x, double df) {
    if (!(df > 0.0)) throw std::invalid_argument("chi-square needs df > 0");
    if (std::isnan(x)) throw std::invalid_argument("chi-square tail of NaN");
    if (x <= 0.0) return 1.0;
    return regularized_upper_gamma(df / 2.0, x / 2.0);
}

double f_upper_tail(double f, double df1, double df2) {
    if (!(df1 > 0.0 && df2 > 0.0)) throw std::invalid_argument("F needs df1 > 0 and df2 > 0");
    if (std::isnan(f)) throw std::invalid_argument("F tail of NaN");
    if (f <= 0.0) return 1.0;
    if (std::isinf(f)) return 0.0;
    return regularized_incomplete_beta(df2 / 2.0, df1 / 2.0, df2 / (df2 + df1 * f));
}

// ============================================================================================
// One-way ANOVA
// ============================================================================================

std::optional<AnovaResult> one_way_anova(std::span<const std::vector<double>> groups) {
    for (const std::vector<double>& group : groups) require_finite(group);
    if (groups.size() < 2) return std::nullopt;
    AnovaResult out;
    out.groups = groups.size();
    double sum = 0.0;
    for (const std::vector<double>& group : groups) {
        if (group.empty()) return std::nullopt;
        out.group_sizes.push_back(group.size());
        const double group_sum = std::accumulate(group.begin(), group.end(), 0.0);
        out.group_means.push_back(group_sum / static_cast<double>(group.size()));
        out.readings += group.size();
        sum += group_sum;
    }
    if (out.readings <= out.groups) return std::nullopt;
    out.grand_mean = sum / static_cast<double>(out.readings);

    // Deviations from the means (not Σx² − (Σx)²/n), so large readings with a small spread keep
    // their digits.
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const double mean = out.group_means[i];
        const double offset = mean - out.grand_mean;
        out.ss_between += static_cast<double>(groups[i].size()) * offset * offset;
        for (double x : groups[i]) {
            out.ss_within += (x - mean) * (x - mean);
            out.ss_total += (x - out.grand_mean) * (x - out.grand_mean);
        }
    }
    out.df_between = out.groups - 1;
    out.df_within = out.readings - out.groups;
    out.ms_between = out.ss_between / static_cast<double>(out.df_between);
    out.ms_within = out.ss_within / static_cast<double>(out.df_within);
    if (out.ms_within > 0.0) {
        out.f = out.ms_between / out.ms_within;
        out.p_value = f_upper_tail(*out.f, static_cast<double>(out.df_between), static_cast<double>(out.df_within));
    }
    return out;
}

// ============================================================================================
// Chi-square test of independence
// ============================================================================================

std::optional<ChiSquareResult> chi_square_independence(std::span<const std::vector<std::int64_t>> table) {
    const std::size_t columns = table.empty() ? 0 : table.front().size();
    for (const std::vector<std::int64_t>& row : table) {
        if (row.size() != columns) throw std::invalid_argument("every row of the table needs the same number of columns");
        for (std::int64_t count : row)
            if (count < 0) throw std::invalid_argument("counts must not be negative");
    }
    std::vector<std::int64_t> row_totals(table.size(), 0), column_totals(columns, 0);
    ChiSquareResult out;
    for (std::size_t i = 0; i < table.size(); ++i)
        for (std::size_t j = 0; j < columns; ++j) {
            row_totals[i] += table[i][j];
            column_totals[j] += table[i][j];
            out.total += table[i][j];
        }
    for (std::size_t i = 0; i < table.size(); ++i)
        if (row_totals[i] > 0) out.rows_used.push_back(i);
    for (std::size_t j = 0; j < columns; ++j)
        if (column_totals[j] > 0) out.columns_used.push_back(j);
    if (out.rows_used.size() < 2 || out.columns_used.size() < 2) return std::nullopt;

    const double total = static_cast<double>(out.total);
    for (std::size_t i : out.rows_used) {
        std::vector<double>& expected_row = out.expected.emplace_back();
        for (std::size_t j : out.columns_used) {
            const double expected = static_cast<double>(row_totals[i]) * static_cast<double>(column_totals[j]) / total;
            const double difference = static_cast<double>(table[i][j]) - expected;
            out.statistic += difference * difference / expected;
            expected_row.push_back(expected);
            if (expected < 5.0) out.low_expected_cells.emplace_back(i, j);
            if (expected < 1.0) out.any_expected_below_1 = true;
        }
    }
    out.df = (out.rows_used.size() - 1) * (out.columns_used.size() - 1);
    out.p_value = chi_square_upper_tail(out.statistic, static_cast<double>(out.df));
    out.low_expected_share = static_cast<double>(out.low_expected_cells.size()) /
                             static_cast<double>(out.rows_used.size() * out.columns_used.size());
    return out;
}

// ============================================================================================
// Cohen's κ
// ============================================================================================

std::optional<KappaResult> cohen_kappa(std::span<const std::vector<std::int64_t>> table, double z) {
    require_positive_z(z);
    const std::size_t k = table.size();
    for (const std::vector<std::int64_t>& row : table) {
        if (row.size() != k) throw std::invalid_argument("Cohen's kappa needs a square table");
        for (std::int64_t count : row)
            if (count < 0) throw std::invalid_argument("counts must not be negative");
    }
    std::vector<std::int64_t> row_totals(k, 0), column_totals(k, 0);
    KappaResult out;
    out.z = z;
    std::int64_t agreed = 0;
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) {
            row_totals[i] += table[i][j];
            column_totals[j] += table[i][j];
            out.items += table[i][j];
            if (i == j) agreed += table[i][j];
        }
    if (out.items == 0) return std::nullopt;
    const double n = static_cast<double>(out.items);
    out.p_observed = static_cast<double>(agreed) / n;
    for (std::size_t i = 0; i < k; ++i)
        out.p_expected += static_cast<double>(row_totals[i]) / n * (static_cast<double>(column_totals[i]) / n);
    if (out.p_expected < 1.0) {
        const double chance_free = 1.0 - out.p_expected;
        out.kappa = (out.p_observed - out.p_expected) / chance_free;
        out.standard_error = std::sqrt(out.p_observed * (1.0 - out.p_observed) / (n * chance_free * chance_free));
        out.low = *out.kappa - z * *out.standard_error;
        out.high = *out.kappa + z * *out.standard_error;
    }
    return out;
}

std::optional<ShownKappaInterval> shown_kappa_interval(const KappaResult& kappa) {
    if (!kappa.low || !kappa.high) return std::nullopt;
    const double low = std::max(*kappa.low, -1.0);
    const double high = std::min(*kappa.high, 1.0);
    return ShownKappaInterval{low, high, low != *kappa.low || high != *kappa.high};
}

std::vector<std::vector<std::int64_t>> agreement_table(std::span<const std::size_t> a, std::span<const std::size_t> b,
                                                       std::size_t categories) {
    if (a.size() != b.size()) throw std::invalid_argument("paired ratings need as many of A as of B");
    std::vector<std::vector<std::int64_t>> table(categories, std::vector<std::int64_t>(categories, 0));
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] >= categories || b[i] >= categories) throw std::invalid_argument("a rating names no category");
        ++table[a[i]][b[i]];
    }
    return table;
}

// ============================================================================================
// Pairing tags
// ============================================================================================

TagAgreement tag_agreement(std::span<const TimedTag> a, std::span<const TimedTag> b, std::int64_t window_ms,
                           std::size_t categories, double z) {
    require_positive_z(z);
    if (window_ms < 0) throw std::invalid_argument("the pairing window must not be negative");
    for (std::span<const TimedTag> tags : {a, b})
        for (const TimedTag& tag : tags)
            if (tag.category >= categories) throw std::invalid_argument("a tag names no category");

    // B's tags by time, to find each A tag's candidates within the window.
    std::vector<std::size_t> b_by_time(b.size());
    std::iota(b_by_time.begin(), b_by_time.end(), std::size_t{0});
    std::stable_sort(b_by_time.begin(), b_by_time.end(), [&](std::size_t x, std::size_t y) { return b[x].at_ms < b[y].at_ms; });

    struct Candidate {
        std::int64_t distance, a_at, b_at;
        std::size_t a_index, b_index;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto first = std::lower_bound(b_by_time.begin(), b_by_time.end(), a[i].at_ms - window_ms,
                                      [&](std::size_t index, std::int64_t at) { return b[index].at_ms < at; });
        for (auto it = first; it != b_by_time.end() && b[*it].at_ms <= a[i].at_ms + window_ms; ++it)
            candidates.push_back({std::abs(a[i].at_ms - b[*it].at_ms), a[i].at_ms, b[*it].at_ms, i, *it});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
        return std::tie(x.distance, x.a_at, x.b_at, x.a_index, x.b_index) <
               std::tie(y.distance, y.a_at, y.b_at, y.a_index, y.b_index);
    });

    TagAgreement out;
    out.window_ms = window_ms;
    std::vector<bool> a_used(a.size(), false), b_used(b.size(), false);
    for (const Candidate& candidate : candidates) {
        if (a_used[candidate.a_index] || b_used[candidate.b_index]) continue;
        a_used[candidate.a_index] = b_used[candidate.b_index] = true;
        out.events.push_back({candidate.a_index, candidate.b_index});
    }
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!a_used[i]) out.events.push_back({i, std::nullopt});
    for (std::size_t j = 0; j < b.size(); ++j)
        if (!b_used[j]) out.events.push_back({std::nullopt, j});

    auto event_time = [&](const TagPair& event) {
        if (event.a && event.b) return std::min(a[*event.a].at_ms, b[*event.b].at_ms);
        return event.a ? a[*event.a].at_ms : b[*event.b].at_ms;
    };
    constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    std::sort(out.events.begin(), out.events.end(), [&](const TagPair& x, const TagPair& y) {
        return std::make_tuple(event_time(x), x.a.value_or(none), x.b.value_or(none)) <
               std::make_tuple(event_time(y), y.a.value_or(none), y.b.value_or(none));
    });

    const std::size_t no_tag = categories;
    out.table.assign(categories + 1, std::vector<std::int64_t>(categories + 1, 0));
    for (const TagPair& event : out.events)
        ++out.table[event.a ? a[*event.a].category : no_tag][event.b ? b[*event.b].category : no_tag];
    out.kappa = cohen_kappa(out.table, z);
    return out;
}

}  // namespace gemba
