#include "core/analysis/time_study.hpp"

#include <algorithm>
#include <cmath>

#include "core/analysis/readings.hpp"

namespace gemba {
namespace {

std::string quoted(const std::string& name) { return "'" + name + "'"; }

}  // namespace

namespace analysis {

ValidReadings in_start_order(std::vector<EventId> ids, const std::vector<std::int64_t>& starts,
                             std::vector<double> duration_ms) {
    if (std::is_sorted(starts.begin(), starts.end())) return {std::move(ids), std::move(duration_ms)};
    std::vector<std::size_t> order(starts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    stable_sort_nearly_sorted(order, [&](std::size_t i) { return starts[i]; });
    ValidReadings out;
    for (std::size_t i : order) {
        out.ids.push_back(ids[i]);
        out.duration_ms.push_back(duration_ms[i]);
    }
    return out;
}

}  // namespace analysis

ValidReadings valid_readings(const LogState& state, StepId step) {
    std::vector<EventId> ids;
    std::vector<std::int64_t> starts;
    std::vector<double> durations;
    for (const Reading& r : state.readings()) {
        if (r.step != step || !r.valid()) continue;
        ids.push_back(r.id);
        starts.push_back(r.start_ms);
        durations.push_back(static_cast<double>(state.duration_ms(r, 0)));
    }
    return analysis::in_start_order(std::move(ids), starts, std::move(durations));
}

void study_step(const Step& step, ValidReadings readings, const StudySettings& settings, double z, StepSummary& out) {
    out.valid_readings = std::move(readings.ids);
    const std::vector<double>& durations = readings.duration_ms;
    out.stats = describe(durations);
    out.outliers.clear();
    for (std::size_t i : outlier_indices(durations, settings.outlier_rule, out.stats, kTimingResolutionMs))
        out.outliers.push_back(out.valid_readings[i]);

    out.observed_ms.reset();
    out.normal_ms.reset();
    out.standard_ms.reset();
    out.required_cycles.reset();
    out.more_cycles.reset();
    out.cycles_t.reset();
    if (!out.stats.mean) return;
    out.observed_ms = *out.stats.mean;
    out.normal_ms = *out.observed_ms * step.rating_pct / 100.0;
    out.standard_ms = standard_time(*out.normal_ms, step.allowance_pct, settings.allowance_convention);
    const std::optional<CyclesFormula> formula = cycles_formula(settings, z, out.stats);
    out.cycles_t = settings.required_cycles_method == RequiredCyclesMethod::student_t && formula
                       ? std::optional<double>(formula->multiplier)
                       : std::nullopt;
    const std::optional<double> sd = formula ? std::optional<double>(formula->sd) : std::nullopt;
    const double multiplier = formula ? formula->multiplier : z;
    out.required_cycles = settings.accuracy_ms
                              ? required_cycles_absolute(multiplier, sd, *settings.accuracy_ms)
                              : required_cycles(multiplier, sd, *out.stats.mean, settings.accuracy_pct / 100.0);
    if (out.required_cycles)
        out.more_cycles = std::max<std::int64_t>(0, *out.required_cycles - static_cast<std::int64_t>(out.stats.n));
}

std::optional<CyclesFormula> cycles_formula(const StudySettings& settings, double z, const Descriptive& stats) {
    if (!stats.sd || stats.n < 2) return std::nullopt;
    const double n = static_cast<double>(stats.n);
    switch (settings.required_cycles_method) {
        case RequiredCyclesMethod::z_sample_sd: return CyclesFormula{z, *stats.sd};
        case RequiredCyclesMethod::traditional:
            // √(NΣx² − (Σx)²) / Σx = σ / x̄ with σ the population SD: s·√((N − 1)/N).
            return CyclesFormula{z, *stats.sd * std::sqrt((n - 1.0) / n)};
        case RequiredCyclesMethod::student_t: {
            // The confidence the settings give: a level, or the level z stands for when z is given.
            const double level = settings.z ? confidence_for_z(*settings.z) : settings.confidence_pct;
            if (!(level > 0.0 && level < 100.0)) return std::nullopt;
            return CyclesFormula{t_for_confidence(level, n - 1.0), *stats.sd};
        }
    }
    return std::nullopt;
}

std::optional<double> standard_time(double normal_ms, double allowance_pct, AllowanceConvention convention) {
    const double a = allowance_pct / 100.0;
    if (convention == AllowanceConvention::on_job_time) return normal_ms * (1.0 + a);
    if (a >= 1.0) return std::nullopt;
    return normal_ms / (1.0 - a);
}

double session_z(const StudySettings& settings) {
    return settings.z ? *settings.z : z_for_confidence(settings.confidence_pct, settings.z_convention);
}

namespace analysis {

namespace {
// The rule in a practitioner's words: a notice is read on the floor, not the file's rule id.
std::string outlier_rule_words(OutlierRule rule) {
    return rule == OutlierRule::iqr_1_5 ? "more than 1.5 × IQR outside the step's quartiles"
                                        : "more than 3 SD from the step's mean";
}
}  // namespace

void time_study_notices(const StepSummary& s, OutlierRule rule, std::vector<std::string>& notices) {
    if (s.stats.n == 1)
        notices.push_back("step " + quoted(s.name) +
                          " has 1 valid reading; its required cycles need at least 2, so the study's "
                          "required cycles leave it out");
    if (!s.outliers.empty())
        notices.push_back("step " + quoted(s.name) + ": " + std::to_string(s.outliers.size()) +
                          " possible outlier(s), " + outlier_rule_words(rule) +
                          "; exclude them with a reason if they are foreign to the method");
}

void outlier_rule_notice(const std::vector<StepSummary>& steps, OutlierRule rule, std::vector<std::string>& notices) {
    if (rule != OutlierRule::mean_3_sd) return;
    // With n readings no value lies more than (n − 1)/√n sample SDs from the mean: below 3 up to n = 10.
    std::string names;
    for (const StepSummary& s : steps)
        if (s.stats.n >= 3 && s.stats.n <= 10) names += (names.empty() ? "" : ", ") + quoted(s.name);
    if (names.empty()) return;
    notices.push_back("outliers: the mean ± 3 SD rule cannot flag any reading of a step with 10 or fewer "
                      "valid readings (" + names + "); take more readings or use the 1.5 IQR rule");
}

}  // namespace analysis
}  // namespace gemba
