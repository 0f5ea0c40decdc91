// Work sampling: the share of observations that show one category (p̂), its confidence interval
// and the observations a study needs for a target accuracy (LEAN.md "Work sampling").
// All functions are pure. Shares are fractions (0.25, not 25 %). z comes from the study's
// confidence level through z_for_confidence(level_pct, ZConvention) in core/analysis/stats.hpp
// (95 % → 1.96 with the table convention, 1.959964 exact).
#pragma once

#include <cstdint>
#include <optional>

namespace gemba::sampling {

// A two-sided interval for a share, inside [0, 1].
struct ShareInterval {
    double low = 0.0;
    double high = 0.0;
    // True when the formula's interval reached below 0 or above 1 and was cut back to [0, 1]: the
    // normal approximation does this near p̂ = 0 or 1 with few observations (say so beside it).
    bool clipped = false;
};

// p̂ and its two intervals for `count` observations of a category out of `observations`.
//   p̂ = x / n
//   normal (Wald):  p̂ ± e, e = z · √(p̂ (1 − p̂) / n), clipped to [0, 1] (clipped says so)
//   Wilson score:   (p̂ + z²/2n ± z · √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n); always inside [0, 1]
//                   (a rounding error below 0 or above 1 is cut off and not reported as clipped)
// Wilson's interval is the one to trust with small n or p̂ near 0 or 1 (Newcombe 1998): the normal
// one has width 0 at p̂ = 0 or 1.
struct ShareEstimate {
    std::int64_t count = 0;
    std::int64_t observations = 0;
    double share = 0.0;        // p̂
    double z = 0.0;
    double half_width = 0.0;   // e of the normal approximation, before clipping
    ShareInterval normal;
    ShareInterval wilson;
};

// Empty when there are no observations. Throws std::invalid_argument when count < 0,
// count > observations, or z is not above 0 (a caller's mistake, not the user's input).
std::optional<ShareEstimate> estimate_share(std::int64_t count, std::int64_t observations, double z);

// The accuracy a study aims for: absolute ±e in share units (0.05 = ±5 percentage points), or
// relative ±r as a fraction of the share itself (0.10 = ±10 % of p, i.e. e = r · p).
enum class AccuracyKind { absolute, relative };
struct TargetAccuracy {
    AccuracyKind kind = AccuracyKind::absolute;
    double value = 0.05;
};

// How many observations the study needs and how many more it has to take.
struct RequiredObservations {
    double share_used = 0.5;        // p in the formula: the estimate, or 0.5 without one
    double absolute_accuracy = 0.0; // e in the formula (= r · p for a relative target)
    std::int64_t required = 0;      // n = ⌈z² · p (1 − p) / e²⌉
    std::int64_t more = 0;          // max(0, required − observations so far)
};

// n = z² · p (1 − p) / e², p the share estimate so far (p = 0.5, the largest n, when there is no
// estimate yet) and e the absolute accuracy (e = r · p for a relative target r, so
// n = z² (1 − p) / (r² p)). Rounded up with ceil_tolerant (a value within 1e-9 of an integer
// counts as that integer, so 384.0000000001 stays 384).
// Note: an absolute target with p = 0 or 1 needs n = 0 by the formula; the caller that shows it
// live should start from p = 0.5 until the first observations of the category come in.
// Empty when the target is not above 0, a relative target meets p = 0 (no accuracy relative to
// nothing), or n would be 10^15 or more. Throws std::invalid_argument when p is outside [0, 1],
// z is not above 0, or observations_so_far < 0.
std::optional<RequiredObservations> required_observations(double z, std::optional<double> share_estimate,
                                                          TargetAccuracy target,
                                                          std::int64_t observations_so_far = 0);

}  // namespace gemba::sampling
