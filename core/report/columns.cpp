#include "core/report/columns.hpp"

#include "core/report/numbers.hpp"

namespace gemba {
namespace {

StepCell cell(const std::optional<double>& v) { return v ? StepCell(*v) : StepCell(); }
StepCell cell(const std::optional<std::int64_t>& v) { return v ? StepCell(*v) : StepCell(); }
StepCell cell(std::size_t n) { return static_cast<std::int64_t>(n); }

using Q = Quantity;
using F = StepField;

// clang-format off
constexpr std::array<StepColumn, 27> kColumns = {{
    {F::step_id, "step_id", "step_id", "Id", "", Q::count, 0, 0, false, [](const StepSummary& s) { return StepCell(std::int64_t{s.step}); }},
    {F::name, "step", "name", "Step", "", Q::text, 0, 0, true, [](const StepSummary& s) { return StepCell(s.name); }},
    {F::value_class, "value_class", "value_class", "Class", "", Q::value_class, 0, 0, false, [](const StepSummary& s) { return StepCell(s.value_class); }},
    {F::rating, "rating_pct", "rating_pct", "Rating", "%", Q::percent, 1, 0, false, [](const StepSummary& s) { return StepCell(s.rating_pct); }, "Performance rating"},
    {F::allowance, "allowance_pct", "allowance_pct", "Allow", "%", Q::percent, 1, 0, false, [](const StepSummary& s) { return StepCell(s.allowance_pct); }, "Allowance"},
    {F::valid_n, "valid_n", "valid_n", "n", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.stats.n); }, "Valid readings: complete, not excluded"},
    {F::excluded_n, "excluded_n", "excluded_n", "Excl", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.excluded_readings.size()); }, "Readings excluded with a reason: kept, left out of the numbers"},
    {F::deleted_n, "deleted_n", "deleted_n", "Deleted", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.deleted_readings); }},
    {F::mean, "mean_s", "mean_ms", "Mean", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.mean); }},
    {F::median, "median_s", "median_ms", "Median", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.median); }},
    {F::sd, "sd_s", "sd_ms", "SD", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.sd); }, "Standard deviation of the valid readings"},
    {F::cv, "cv_pct", "cv", "CV", "%", Q::fraction, 2, 1, false, [](const StepSummary& s) { return cell(s.stats.cv); }, "Coefficient of variation: SD ÷ mean"},
    {F::min, "min_s", "min_ms", "Min", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.min); }},
    {F::max, "max_s", "max_ms", "Max", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.max); }},
    {F::observed, "observed_s", "observed_ms", "Observed", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.observed_ms); }},
    {F::frequency, "frequency", "frequency", "Freq", "per unit", Q::number, 4, 2, false, [](const StepSummary& s) { return StepCell(s.frequency); }, "Frequency: times the step happens per unit"},
    {F::normal, "normal_s", "normal_ms", "Normal", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.normal_ms); }, "Normal time: observed (mean) × rating"},
    {F::standard, "standard_s", "standard_ms", "Standard", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.standard_ms); }, "Standard time: normal time with the allowance"},
    {F::required_cycles, "required_cycles", "required_cycles", "Need", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.required_cycles); }, "Readings needed for the study's accuracy and confidence"},
    {F::more_cycles, "more_cycles", "more_cycles", "More", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.more_cycles); }, "Readings still to take"},
    // The CSV counts the outliers; the JSON lists them (outlier_readings).
    {F::outliers, "outliers", "", "Outliers", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.outliers.size()); }, "Possible outliers by the study's rule (flagged, not excluded)"},
    {F::running_n, "", "running_n", "Running", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.running_readings); }},
    {F::q1, "", "q1_ms", "Q1", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.q1); }},
    {F::q3, "", "q3_ms", "Q3", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.q3); }},
    {F::valid_readings, "", "valid_readings", "Valid readings", "", Q::readings, 0, 0, false, [](const StepSummary& s) { return StepCell(std::span<const EventId>(s.valid_readings)); }},
    {F::excluded_readings, "", "excluded_readings", "Excluded readings", "", Q::readings, 0, 0, false, [](const StepSummary& s) { return StepCell(std::span<const EventId>(s.excluded_readings)); }},
    {F::outlier_readings, "", "outliers", "Outlier readings", "", Q::readings, 0, 0, false, [](const StepSummary& s) { return StepCell(std::span<const EventId>(s.outliers)); }},
}};

// The summary JSON's step members, in the schema's order.
constexpr std::array<StepField, 26> kJsonFields = {
    F::step_id, F::name, F::value_class, F::rating, F::allowance, F::valid_n, F::excluded_n, F::deleted_n,
    F::running_n, F::frequency, F::mean, F::median, F::sd, F::cv, F::min, F::max, F::q1, F::q3, F::observed,
    F::normal, F::standard, F::required_cycles, F::more_cycles, F::valid_readings, F::excluded_readings,
    F::outlier_readings,
};
// clang-format on

// The CSV's columns: those before the first without a CSV header.
constexpr std::size_t kCsvColumns = static_cast<std::size_t>(StepField::outliers) + 1;

constexpr bool well_formed(const std::array<StepColumn, 27>& columns) {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (static_cast<std::size_t>(columns[i].field) != i || columns[i].key.empty() != (i >= kCsvColumns)) return false;
    return true;
}
static_assert(well_formed(kColumns));
static_assert(kColumns.size() == static_cast<std::size_t>(StepField::outlier_readings) + 1);

// Every column with a JSON key is written, once.
constexpr bool json_complete() {
    std::size_t keyed = 0;
    for (const StepColumn& c : kColumns) keyed += c.json_key.empty() ? 0 : 1;
    if (keyed != kJsonFields.size()) return false;
    for (std::size_t i = 0; i < kJsonFields.size(); ++i) {
        if (kColumns[static_cast<std::size_t>(kJsonFields[i])].json_key.empty()) return false;
        for (std::size_t j = 0; j < i; ++j)
            if (kJsonFields[j] == kJsonFields[i]) return false;
    }
    return true;
}
static_assert(json_complete());

// A number of the column's quantity, for a CSV file (`csv`) or for a person.
std::string number_text(const StepColumn& c, double v, bool csv) {
    const int decimals = csv ? c.csv_decimals : c.text_decimals;
    switch (c.quantity) {
        case Q::duration: return csv ? format_seconds(v) : format_duration(v);
        case Q::fraction: return csv ? format_fixed(v * 100.0, decimals) : format_percent(v, decimals);
        case Q::percent: return format_fixed(v, decimals) + (csv ? "" : " %");
        default: return format_fixed(v, decimals);
    }
}

std::string cell_text(const StepColumn& c, const StepSummary& step, bool csv) {
    const StepCell value = c.value(step);
    if (std::holds_alternative<std::monostate>(value)) return csv ? "" : std::string(kMissingMark);
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    if (const auto* n = std::get_if<std::int64_t>(&value)) return std::to_string(*n);
    if (const auto* v = std::get_if<double>(&value)) return number_text(c, *v, csv);
    if (const auto* ids = std::get_if<std::span<const EventId>>(&value)) {
        std::string text;
        for (EventId id : *ids) text += (text.empty() ? "" : " ") + std::to_string(id);
        return text;
    }
    const ValueClass value_class = std::get<ValueClass>(value);
    return std::string(csv ? to_string(value_class) : value_class_abbreviation(value_class));
}

}  // namespace

std::span<const StepColumn> step_columns() { return std::span(kColumns).first(kCsvColumns); }

const StepColumn& step_column(StepField field) { return kColumns[static_cast<std::size_t>(field)]; }

std::span<const StepField> json_step_fields() { return kJsonFields; }

std::string csv_cell(const StepColumn& column, const StepSummary& step) { return cell_text(column, step, true); }
std::string text_cell(const StepColumn& column, const StepSummary& step) { return cell_text(column, step, false); }

std::string_view value_class_abbreviation(ValueClass v) {
    switch (v) {
        case ValueClass::value_added: return "VA";
        case ValueClass::necessary_non_value_added: return "NNVA";
        case ValueClass::non_value_added: return "NVA";
    }
    return "?";
}

}  // namespace gemba
