// The step statistics as columns, described once: what each column is called (in a CSV header, in
// the summary JSON and for a person), its unit, how to get its value from a StepSummary and how to
// write it. The CSV writer, the summary JSON's step objects, the command-line table, the Summary
// screen and the walk screen's live table all take their columns from this table.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/analysis/summary.hpp"
#include "core/report/numbers.hpp"

namespace gemba {

// The CSV's columns come first, in its column order; the fields only the summary JSON has follow.
enum class StepField {
    step_id, name, value_class, rating, allowance, valid_n, excluded_n, deleted_n, mean, median, sd, cv, min,
    max, observed, frequency, normal, standard, required_cycles, more_cycles, outliers,
    running_n, q1, q3, valid_readings, excluded_readings, outlier_readings,
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
    readings,     // event ids of readings; text: the ids separated by spaces
};

// A cell's value: empty (std::monostate) when it cannot be computed. The id list points into the
// StepSummary it was taken from.
using StepCell = std::variant<std::monostate, std::string, std::int64_t, double, ValueClass, std::span<const EventId>>;

struct StepColumn {
    StepField field;
    std::string_view key;       // CSV header: "mean_s"; empty for a column the CSV does not have
    std::string_view json_key;  // member of the summary JSON's step object: "mean_ms"; empty if none
    std::string_view label;     // for a person: "Mean"
    std::string_view unit;      // "s", "%", "per unit", "" for none
    Quantity quantity;
    int csv_decimals;           // fraction, percent, number
    int text_decimals;
    bool typed = false;         // text a person typed
    StepCell (*value)(const StepSummary&);
    std::string_view meaning = {};  // what a short label stands for, in words (a tooltip); empty: the label says it
};

// The CSV's columns, in StepField order (which is the CSV's column order).
std::span<const StepColumn> step_columns();
// Any column, the summary JSON's own included.
const StepColumn& step_column(StepField field);
// The summary JSON's step members in the order data/schema/summary.schema.json lists them. The JSON
// writes a cell as it is: times in ms, shares as fractions, counts as integers, null when missing.
std::span<const StepField> json_step_fields();

// A cell for a CSV file (not yet quoted; empty when missing) or for a person (kMissingMark, in numbers.hpp, when missing).
std::string csv_cell(const StepColumn& column, const StepSummary& step);
std::string text_cell(const StepColumn& column, const StepSummary& step);

// "VA", "NNVA", "NVA".
std::string_view value_class_abbreviation(ValueClass value_class);

}  // namespace gemba
