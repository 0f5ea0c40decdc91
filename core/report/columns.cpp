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
constexpr std::array<StepColumn, 21> kColumns = {{
    {F::step_id, "step_id", "Id", "", Q::count, 0, 0, false, [](const StepSummary& s) { return StepCell(std::int64_t{s.step}); }},
    {F::name, "step", "Step", "", Q::text, 0, 0, true, [](const StepSummary& s) { return StepCell(s.name); }},
    {F::value_class, "value_class", "Class", "", Q::value_class, 0, 0, false, [](const StepSummary& s) { return StepCell(s.value_class); }},
    {F::rating, "rating_pct", "Rating", "%", Q::percent, 1, 0, false, [](const StepSummary& s) { return StepCell(s.rating_pct); }},
    {F::allowance, "allowance_pct", "Allow", "%", Q::percent, 1, 0, false, [](const StepSummary& s) { return StepCell(s.allowance_pct); }},
    {F::valid_n, "valid_n", "n", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.stats.n); }},
    {F::excluded_n, "excluded_n", "Excl", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.excluded_readings.size()); }},
    {F::deleted_n, "deleted_n", "Deleted", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.deleted_readings); }},
    {F::mean, "mean_s", "Mean", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.mean); }},
    {F::median, "median_s", "Median", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.median); }},
    {F::sd, "sd_s", "SD", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.sd); }},
    {F::cv, "cv_pct", "CV", "%", Q::fraction, 2, 1, false, [](const StepSummary& s) { return cell(s.stats.cv); }},
    {F::min, "min_s", "Min", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.min); }},
    {F::max, "max_s", "Max", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.stats.max); }},
    {F::observed, "observed_s", "Observed", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.observed_ms); }},
    {F::frequency, "frequency", "Freq", "per unit", Q::number, 4, 2, false, [](const StepSummary& s) { return StepCell(s.frequency); }},
    {F::normal, "normal_s", "Normal", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.normal_ms); }},
    {F::standard, "standard_s", "Standard", "s", Q::duration, 3, 0, false, [](const StepSummary& s) { return cell(s.standard_ms); }},
    {F::required_cycles, "required_cycles", "Need", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.required_cycles); }},
    {F::more_cycles, "more_cycles", "More", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.more_cycles); }},
    {F::outliers, "outliers", "Outliers", "", Q::count, 0, 0, false, [](const StepSummary& s) { return cell(s.outliers.size()); }},
}};
// clang-format on

constexpr bool in_field_order(const std::array<StepColumn, 21>& columns) {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (static_cast<std::size_t>(columns[i].field) != i) return false;
    return true;
}
static_assert(in_field_order(kColumns));
static_assert(kColumns.size() == static_cast<std::size_t>(StepField::outliers) + 1);

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
    const ValueClass value_class = std::get<ValueClass>(value);
    return std::string(csv ? to_string(value_class) : value_class_abbreviation(value_class));
}

}  // namespace

const std::array<StepColumn, 21>& step_columns() { return kColumns; }

const StepColumn& step_column(StepField field) { return kColumns[static_cast<std::size_t>(field)]; }

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
