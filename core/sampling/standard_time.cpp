#include "core/sampling/standard_time.hpp"

#include <cmath>
#include <sstream>

namespace gemba::sampling {

namespace {

std::string number_text(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

SamplingStandardTimeResult problem(std::string where, std::string what, double found) {
    SamplingStandardTimeResult result;
    result.problem = SamplingTimeProblem{std::move(where), std::move(what) + ", found " + number_text(found)};
    return result;
}

}  // namespace

std::string SamplingTimeProblem::message() const { return where + ": " + what; }

SamplingStandardTimeResult standard_time_from_sampling(const SamplingTimeInput& input) {
    const struct {
        const char* name;
        double value;
    } fields[] = {{"total_time_ms", input.total_time_ms},
                  {"share_working", input.share_working},
                  {"rating_pct", input.rating_pct},
                  {"units_produced", input.units_produced},
                  {"allowance_pct", input.allowance_pct}};
    for (const auto& field : fields)
        if (!std::isfinite(field.value)) return problem(field.name, "must be a finite number", field.value);
    if (!(input.total_time_ms > 0.0)) return problem("total_time_ms", "must be above 0", input.total_time_ms);
    if (!(input.share_working >= 0.0 && input.share_working <= 1.0))
        return problem("share_working", "must be between 0 and 1", input.share_working);
    if (!(input.rating_pct > 0.0)) return problem("rating_pct", "must be above 0", input.rating_pct);
    if (!(input.units_produced > 0.0)) return problem("units_produced", "must be above 0", input.units_produced);
    if (input.allowance_pct < 0.0) return problem("allowance_pct", "must not be negative", input.allowance_pct);
    if (input.convention == AllowanceConvention::on_workday && input.allowance_pct >= 100.0)
        return problem("allowance_pct", "must be below 100 with the allowance on the workday", input.allowance_pct);

    const double normal = input.total_time_ms * input.share_working * (input.rating_pct / 100.0) / input.units_produced;
    const double allowance = input.allowance_pct / 100.0;
    SamplingStandardTimeResult result;
    result.time = SamplingStandardTime{
        normal, input.convention == AllowanceConvention::on_job_time ? normal * (1.0 + allowance) : normal / (1.0 - allowance)};
    return result;
}

}  // namespace gemba::sampling
