// The standard time of a job from a work sampling study (LEAN.md "Work sampling"): the time the
// subject was observed over, the share of it spent working, the observer's rating and the units
// produced in that time.
#pragma once

#include <optional>
#include <string>

#include "core/model/session.hpp"

namespace gemba::sampling {

// Percentages as the session stores them (StudySettings::rating_pct, allowance_pct).
struct SamplingTimeInput {
    double total_time_ms = 0.0;   // the span the study covered for this subject (> 0)
    double share_working = 0.0;   // p̂ of the working categories, a fraction in [0, 1]
    double rating_pct = 100.0;    // performance rating R, 100 = normal pace (> 0)
    double units_produced = 0.0;  // units the subject finished in total_time_ms (> 0)
    double allowance_pct = 0.0;   // allowance A (>= 0; below 100 with on_workday)
    AllowanceConvention convention = AllowanceConvention::on_job_time;
};

// NT = total time × share working × (R ÷ 100) ÷ units produced, per unit
// ST = NT × (1 + A/100)   on_job_time
//    = NT ÷ (1 − A/100)   on_workday
struct SamplingStandardTime {
    double normal_time_ms = 0.0;
    double standard_time_ms = 0.0;
};

// Bad input, named by the field: where = "units_produced", what = "must be above 0, found 0".
struct SamplingTimeProblem {
    std::string where;
    std::string what;
    std::string message() const;  // "units_produced: must be above 0, found 0"
};

// Either the times or the first problem, in the order of SamplingTimeInput's fields; never both.
struct SamplingStandardTimeResult {
    std::optional<SamplingStandardTime> time;
    std::optional<SamplingTimeProblem> problem;
    bool ok() const { return time.has_value(); }
};

// Problems: any value not finite; total time not above 0; share outside [0, 1]; rating not above
// 0; units not above 0; allowance below 0, or 100 % or more with the on_workday convention
// (ST = NT ÷ (1 − A) has no value there).
SamplingStandardTimeResult standard_time_from_sampling(const SamplingTimeInput& input);

}  // namespace gemba::sampling
