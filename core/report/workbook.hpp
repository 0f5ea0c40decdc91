// The workbook export (.xlsx, through libxlsxwriter): the CSV export's tables as sheets of one file
// that a spreadsheet opens with a double click, with no question about encodings or separators.
//
// Sheets: Steps (the step table of `summary --csv`, with the value stream's columns when a session
// maps one), Readings, Wastes, Waste tally, Notes, and when a session maps a value stream Counts and
// Value stream, and when a session has actions (issue 12) Actions (`gemba-cli actions --csv`'s table,
// every session's actions in one). Each has the columns of the CSV file of the same name (csv.hpp). Several sessions
// share one set of sheets with a first column `file` naming the session of each row, so that one
// autofilter or pivot table compares them (as `summary --csv` does).
//
// Cells: text a person typed is always text (a note "=1+2" stays those characters, never a
// formula, and needs no leading '); every other cell that holds a number is a number. Times (the
// CSV's *_s columns) are seconds shown as `12.3 s`: the lean formulas (takt, units per hour
// = 3600 ÷ standard time, cycle time ÷ takt) work on seconds, where Excel's durations are fractions
// of a day. Percentages (*_pct) are fractions shown as `45.7%`, as a spreadsheet's own percent
// cells are. Each sheet has a bold header row that stays frozen, an autofilter on it and columns as
// wide as their contents (within limits).
#pragma once

#include <filesystem>
#include <span>
#include <string>

#include "core/analysis/summary.hpp"
#include "core/file/atomic_file.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

struct WorkbookSession {
    std::string name;  // the `file` column with several sessions (a file name)
    const Session& session;
    const LogState& state;
    const SessionSummary& summary;
};

// Writes the workbook to `path` atomically (write_file_atomically): whole or not at all, and an
// existing file at `path` stays as it was when anything fails. The error names the file.
WriteOutcome write_workbook(const std::filesystem::path& path, std::span<const WorkbookSession> sessions,
                            FileSystem& fs = posix_file_system());

}  // namespace gemba
