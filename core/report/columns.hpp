// The step statistics as columns, described once: what each column is called (in a CSV header and
// for a person), its unit, how to get its value from a StepSummary and how to write it. The CSV
// writer, the command-line table and the Summary screen pick their columns from this table;
// the summary JSON keeps the field names of data/schema/summary.schema.json.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/analysis/summary.hpp"
#include "core/report/numbers.hpp"

namespace gemba {

enum class StepField {
    step_id, name, value_class, rating, allowance, valid_n, excluded_n, deleted_n, mean, median, sd, cv, min,
    max, observed, frequency, normal, standard, required_cycles, more_cycles, outliers,
};

// What a column holds, which decides how it is written.
enum class Quantity {
    text,         // as it is; `typed` says a person typed it (guarded against CSV formulas)
    value_class,  // CSV: "value_added"; text: "VA", "NNVA", "NVA"
    count,        // a whole number
    duration,     // ms; CSV: seconds with 3 decimals; text: format_duration ("12.3 s", "2:05.4")
    fraction,     // 0..1; CSV: percent number; text: "45.7 %"
    percent,      // already in percent; CSV: the number; text: "100 %"
    number,       // a plain number
};

// A cell's value: empty (std::monostate) when it cannot be computed.
using StepCell = std::variant<std::monostate, std::string, std::int64_t, double, ValueClass>;

struct StepColumn {
    StepField field;
    std::string_view key;    // CSV header: "mean_s"
    std::string_view label;  // for a person: "Mean"
    std::string_view unit;   // "s", "%", "per unit", "" for none
    Quantity quantity;
    int csv_decimals;        // fraction, percent, number
    int text_decimals;
    bool typed = false;      // text a person typed
    StepCell (*value)(const StepSummary&);
};

// Every column, in StepField order (which is the CSV's column order).
const std::array<StepColumn, 21>& step_columns();
const StepColumn& step_column(StepField field);

// A cell for a CSV file (not yet quoted; empty when missing) or for a person (kMissingMark, in numbers.hpp, when missing).
std::string csv_cell(const StepColumn& column, const StepSummary& step);
std::string text_cell(const StepColumn& column, const StepSummary& step);

// "VA", "NNVA", "NVA".
std::string_view value_class_abbreviation(ValueClass value_class);

}  // namespace gemba
