#include "core/sampling/proportion.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/analysis/stats.hpp"

namespace gemba::sampling {

namespace {

// Beyond this the count says nothing a study could act on (and would overflow ceil_tolerant).
constexpr double kCountableObservations = 1e15;

void require_positive_z(double z) {
    if (!(z > 0.0) || std::isinf(z)) throw std::invalid_argument("z must be a finite number above 0");
}

}  // namespace

std::optional<ShareEstimate> estimate_share(std::int64_t count, std::int64_t observations, double z) {
    require_positive_z(z);
    if (count < 0 || count > observations) throw std::invalid_argument("count must be in [0, observations]");
    if (observations == 0) return std::nullopt;

    const double n = static_cast<double>(observations);
    const double p = static_cast<double>(count) / n;
    ShareEstimate out;
    out.count = count;
    out.observations = observations;
    out.share = p;
    out.z = z;

    out.half_width = z * std::sqrt(p * (1.0 - p) / n);
    const double normal_low = p - out.half_width;
    const double normal_high = p + out.half_width;
    out.normal.low = std::max(0.0, normal_low);
    out.normal.high = std::min(1.0, normal_high);
    out.normal.clipped = normal_low < 0.0 || normal_high > 1.0;

    const double z2 = z * z;
    const double denominator = 1.0 + z2 / n;
    const double centre = (p + z2 / (2.0 * n)) / denominator;
    const double spread = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator;
    out.wilson.low = std::clamp(centre - spread, 0.0, 1.0);
    out.wilson.high = std::clamp(centre + spread, 0.0, 1.0);
    return out;
}

std::optional<RequiredObservations> required_observations(double z, std::optional<double> share_estimate,
                                                          TargetAccuracy target,
                                                          std::int64_t observations_so_far) {
    require_positive_z(z);
    if (observations_so_far < 0) throw std::invalid_argument("observations so far must not be negative");
    const double p = share_estimate.value_or(0.5);
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("share estimate must be in [0, 1]");
    if (!(target.value > 0.0) || std::isinf(target.value)) return std::nullopt;

    const double e = target.kind == AccuracyKind::absolute ? target.value : target.value * p;
    if (!(e > 0.0)) return std::nullopt;
    const double n = z * z * p * (1.0 - p) / (e * e);
    if (!(n < kCountableObservations)) return std::nullopt;

    RequiredObservations out;
    out.share_used = p;
    out.absolute_accuracy = e;
    out.required = ceil_tolerant(n);
    out.more = std::max<std::int64_t>(0, out.required - observations_so_far);
    return out;
}

}  // namespace gemba::sampling
