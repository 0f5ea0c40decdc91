// CSV export (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote
// or line break). Files written by export_csv start with a UTF-8 byte order mark so that spreadsheets
// read accents right; the strings returned by the *_csv functions have none.
// Times are seconds with a '.' decimal point, on the walk clock (session time with the pauses
// before it left out, as the walk screen's clock shows it): a reading's end_s − start_s is its
// duration_s. Text a person typed that starts with = + - @, a tab or
// a carriage return (OWASP's CSV-injection list) gets a leading ' so that a spreadsheet shows it
// instead of running it as a formula.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/file/atomic_file.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"
#include "core/analysis/summary.hpp"
#include "core/analysis/value_stream.hpp"

namespace gemba {

// A table as the CSV writers build it, before it is written: the first row is the header. The
// workbook writes the same tables, so its sheets have the CSV's columns.
struct CsvCell {
    std::string value;   // as the CSV writes it, not yet quoted: numbers with a '.' decimal point
    bool typed = false;  // text a person typed: the CSV guards it against formulas
};
struct CsvTable {
    std::vector<std::vector<CsvCell>> rows;
};

// The table as RFC 4180 CSV (no byte order mark).
std::string to_csv(const CsvTable& table);

// Each *_csv function below is to_csv of the *_table function beside it.
CsvTable readings_table(const Session& session, const LogState& state, const SessionSummary& summary);
CsvTable steps_table(const SessionSummary& summary, const std::string* file, const ValueStreamFigures* value_stream,
                     bool value_stream_columns);
CsvTable counts_table(const Session& session, const LogState& state);
CsvTable value_stream_table(const ValueStreamFigures& value_stream);
CsvTable wastes_table(const Session& session, const LogState& state, const SessionSummary& summary);
CsvTable notes_table(const Session& session, const LogState& state);
CsvTable waste_tally_table(const SessionSummary& summary);

// One row per reading, deleted ones included (status says which), in start order. Columns:
// reading_id, step_id, step, value_class, cycle, start_s, end_s, duration_s, lap_s, cumulative_s,
// status (valid, excluded, deleted, running), reason, manual, outlier, note (the notes on the
// reading, one a line).
// cumulative_s: the stopwatch at the reading's end (= end_s); lap_s: its difference from the
// previous end among readings not deleted (continuous timing).
std::string readings_csv(const Session& session, const LogState& state, const SessionSummary& summary);

// One row per step: step_id, step, value_class, rating_pct, allowance_pct, valid_n, excluded_n,
// deleted_n, mean_s, median_s, sd_s, cv_pct, min_s, max_s, observed_s, frequency (times per unit,
// 4 decimals: 0.3636 for 4 of 11 cycles), normal_s, standard_s, required_cycles, more_cycles,
// outliers. Observed, normal and standard times are per occurrence: × frequency gives the time per
// unit. With a file name, a first column `file` holds it (for tables of several sessions).
std::string steps_csv(const SessionSummary& summary, const std::string* file = nullptr);
// The same with the value stream's columns of each step after them when `value_stream_columns`:
// touched_by (one a line), vs_process_s (per unit: observed × frequency), wait_s (the wait the
// ladder uses), wait_source (queue, observed, none), queue_wait_s (Little's law), timed_wait_s
// (timed on the walk), queue_days. Empty cells without `value_stream` (a session that maps none).
std::string steps_csv(const SessionSummary& summary, const std::string* file, const ValueStreamFigures* value_stream,
                      bool value_stream_columns);

// One row per count of a queue, in the order taken (undone counts left out): count_id, time_s (walk
// clock), queue_id, queue, step_id and step (the step the queue feeds), count, wip_limit.
std::string counts_csv(const Session& session, const LogState& state);

// The value stream map as a table, in flow order: before each step the queues that feed it, then
// the step. kind (queue, step), id, name, step_id and step (a queue: the step it feeds), value_class,
// touched_by, process_s, wait_s, wait_source, queue_wait_s, timed_wait_s, days (a queue: count ÷
// demand; a step: its queues' sum), counts_seen, last_count, mean_count, wip_limit, over_limit.
// A queue's wait_s is its own (Little's law); a step's is the wait the ladder uses, so the lead time
// is the sum of process_s and wait_s over the step rows.
std::string value_stream_csv(const ValueStreamFigures& value_stream);

// One row per waste tag, deleted ones included: tag_id, waste, waste_name, step_id, step, start_s,
// end_s, duration_s, timed, status, note (the tag's own note, then the notes made on it, one a line).
std::string wastes_csv(const Session& session, const LogState& state, const SessionSummary& summary);

// One row per note, deleted ones included, in the order they were made: note_id, time_s, on_event_id
// and on (the event it was made on, in words; empty for a note on the session), reading_id or tag_id
// (the reading or tag that event made, ended or edited), step_id, step, cycle (the reading's; for a
// tag, of its step's reading then running), status (valid, deleted), note.
std::string notes_csv(const Session& session, const LogState& state);

// The tally in Pareto order: rank, waste, waste_name, count, share_pct, cumulative_pct, timed_count,
// timed_s, per_hour.
std::string waste_tally_csv(const SessionSummary& summary);

// A field, quoted as RFC 4180 asks (and guarded against formula injection when `typed_text`).
std::string csv_field(const std::string& value, bool typed_text = false);

struct ExportResult {
    bool ok = true;
    std::vector<std::filesystem::path> written;
    std::string error;
};

// Writes <stem>.readings.csv, <stem>.steps.csv, <stem>.wastes.csv, <stem>.waste_tally.csv and
// <stem>.notes.csv into folder (which must exist), each atomically; for a session that maps a value
// stream (has_value_stream) also <stem>.counts.csv and, when its figures could be made,
// <stem>.value_stream.csv. Stops at the first failure.
ExportResult export_csv(const std::filesystem::path& folder, const std::string& stem, const Session& session,
                        const LogState& state, const SessionSummary& summary, FileSystem& fs = posix_file_system());

}  // namespace gemba
