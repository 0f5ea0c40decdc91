// Time study of one step: its valid readings, their statistics and outliers, observed, normal and
// standard time, frequency and the readings still needed (formulas in StepSummary).
#pragma once

#include <vector>

#include "core/analysis/summary.hpp"

namespace gemba {

// A step's valid readings (complete, not excluded, not deleted) in start order (log order among
// equal starts): the ids and the durations in ms, paused time left out. The same readings, in the
// same order, as StepSummary::valid_readings; durations of several sessions can be pooled and
// given to study_step.
struct ValidReadings {
    std::vector<EventId> ids;
    std::vector<double> duration_ms;
};
ValidReadings valid_readings(const LogState& state, StepId step);

// Statistics, outliers, observed/normal/standard time and required cycles of `step` from its valid
// readings (start order) into `out` (valid_readings, stats, outliers, observed_ms ... more_cycles);
// leaves the rest of `out` as it is. `z` as session_z gives it.
void study_step(const Step& step, ValidReadings readings, const StudySettings& settings, double z, StepSummary& out);

// The multiplier (z or t) and the SD the study's required-cycles method puts in n = (k·s / (a·x̄))²
// for a step with these statistics; empty with fewer than 2 readings.
//   z_sample_sd: z and the sample SD s;
//   traditional: z and the population SD σ = s·√((N − 1)/N), i.e. ((z/a)·√(NΣx² − (Σx)²) / Σx)²;
//   student_t:   t for N − 1 degrees of freedom at the confidence (the level, or the level z stands
//                for when z is given) and s. The t of the readings taken, not iterated on the n it
//                gives (as Freivalds & Niebel compute it from a preliminary sample).
struct CyclesFormula {
    double multiplier;
    double sd;
};
std::optional<CyclesFormula> cycles_formula(const StudySettings& settings, double z, const Descriptive& stats);

namespace analysis {

// Valid readings given in log order, put in start order (stable: log order among equal starts).
ValidReadings in_start_order(std::vector<EventId> ids, const std::vector<std::int64_t>& starts,
                             std::vector<double> duration_ms);

// What a reader should know about a step's statistics (one valid reading, possible outliers), in
// plan order, then about all steps (the 3 SD rule with too few readings).
void time_study_notices(const StepSummary& step, OutlierRule rule, std::vector<std::string>& notices);
void outlier_rule_notice(const std::vector<StepSummary>& steps, OutlierRule rule, std::vector<std::string>& notices);

}  // namespace analysis
}  // namespace gemba
