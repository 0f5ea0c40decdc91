#include "core/report/workbook.hpp"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/report/action_board.hpp"
#include "core/report/csv.hpp"
#include "core/report/value_stream_report.hpp"

namespace gemba {
namespace {

// Column widths in characters: wide enough for a short header and its filter button, and not so
// wide that one long note pushes the other columns off the screen.
constexpr double kMinColumnWidth = 6.0;
constexpr double kMaxColumnWidth = 60.0;
constexpr double kFilterButtonWidth = 3.0;

// A cell the CSV writes as a plain decimal number ("12", "-3.250"); anything else stays text.
std::optional<double> number_in(const std::string& text) {
    std::size_t i = text.empty() || text[0] != '-' ? 0 : 1;
    const std::size_t digits_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == digits_start) return std::nullopt;
    if (i < text.size() && text[i] == '.') {
        const std::size_t fraction_start = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        if (i == fraction_start) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

int decimals_in(const std::string& number) {
    const std::size_t dot = number.find('.');
    return dot == std::string::npos ? 0 : static_cast<int>(number.size() - dot - 1);
}

// What a column's header says its numbers are: the CSV names times *_s and percentages *_pct.
enum class Unit { plain, seconds, percent };

Unit unit_of(std::string_view header) {
    if (header.ends_with("_s")) return Unit::seconds;
    if (header.ends_with("_pct")) return Unit::percent;
    return Unit::plain;
}

std::string number_format(Unit unit, int decimals) {
    if (unit == Unit::seconds) return "0.0 \"s\"";  // tenths, as the app shows times; the cell keeps ms
    const std::string digits = decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
    return unit == Unit::percent ? digits + "%" : digits;
}

// How many characters a cell shows on its widest line (UTF-8 continuation bytes do not count).
double shown_width(std::string_view text) {
    double widest = 0, line = 0;
    for (const char c : text) {
        if (c == '\n') {
            widest = std::max(widest, line);
            line = 0;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            line += 1;
        }
    }
    return std::max(widest, line);
}

// One sheet's rows from each session's table; `file` names the session when the sheet has a file column.
struct SheetPart {
    const std::string* file;
    CsvTable table;
};

class WorkbookWriter {
public:
    explicit WorkbookWriter(lxw_workbook* workbook) : workbook_(workbook) {
        header_ = workbook_add_format(workbook_);
        format_set_bold(header_);
        format_set_bottom(header_, LXW_BORDER_THIN);
        wrapped_ = workbook_add_format(workbook_);
        format_set_text_wrap(wrapped_);
        format_set_align(wrapped_, LXW_ALIGN_VERTICAL_TOP);
    }

    // Adds the sheet; empty when it was written, else what went wrong.
    std::string sheet(const char* name, const std::vector<SheetPart>& parts, bool file_column) {
        if (parts.empty() || parts[0].table.rows.empty()) return {};
        std::vector<CsvCell> header = parts[0].table.rows[0];
        if (file_column) header.insert(header.begin(), CsvCell{"file", false});
        std::size_t row_count = 1;
        for (const SheetPart& part : parts) row_count += part.table.rows.size() - 1;
        if (row_count > LXW_ROW_MAX)
            return std::string("the sheet ") + name + " has " + std::to_string(row_count) +
                   " rows, more than a spreadsheet holds (1,048,576)";

        lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name);
        if (!sheet) return std::string("could not add the sheet ") + name;
        std::vector<double> widths(header.size(), kMinColumnWidth);
        for (std::size_t c = 0; c < header.size(); ++c) {
            const auto col = static_cast<lxw_col_t>(c);
            check(worksheet_write_string(sheet, 0, col, header[c].value.c_str(), header_), name, 0, header[c].value);
            widths[c] = std::max(widths[c], shown_width(header[c].value) + kFilterButtonWidth);
        }
        std::vector<Unit> units;
        for (const CsvCell& h : header) units.push_back(unit_of(h.value));
        const std::size_t first = file_column ? 1 : 0;  // the table's first column in the sheet
        lxw_row_t row = 1;
        for (const SheetPart& part : parts) {
            const CsvCell file{file_column ? *part.file : std::string(), true};
            for (std::size_t r = 1; r < part.table.rows.size(); ++r, ++row) {
                const std::vector<CsvCell>& cells = part.table.rows[r];
                if (file_column) widths[0] = std::max(widths[0], write_cell(sheet, name, row, 0, header[0].value, Unit::plain, file));
                for (std::size_t c = first; c - first < cells.size() && c < header.size(); ++c)
                    widths[c] = std::max(widths[c], write_cell(sheet, name, row, c, header[c].value, units[c], cells[c - first]));
            }
        }
        for (std::size_t c = 0; c < header.size(); ++c)
            worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 std::min(widths[c] + 1.0, kMaxColumnWidth), nullptr);
        worksheet_freeze_panes(sheet, 1, 0);
        worksheet_autofilter(sheet, 0, 0, row - 1, static_cast<lxw_col_t>(header.size() - 1));
        return error_;
    }

private:
    // Writes one cell; returns the width it shows.
    double write_cell(lxw_worksheet* sheet, const char* name, lxw_row_t row, std::size_t column,
                      const std::string& header, Unit unit, const CsvCell& cell) {
        if (cell.value.empty()) return 0;
        const auto col = static_cast<lxw_col_t>(column);
        // Typed text stays text even when it looks like a number: it is what the person wrote.
        const std::optional<double> number = cell.typed ? std::nullopt : number_in(cell.value);
        if (!number) {
            const bool multiline = cell.value.find('\n') != std::string::npos;
            check(worksheet_write_string(sheet, row, col, cell.value.c_str(), multiline ? wrapped_ : nullptr), name, row,
                  header);
            return shown_width(cell.value);
        }
        const int decimals = decimals_in(cell.value);
        const double value = unit == Unit::percent ? *number / 100.0 : *number;
        check(worksheet_write_number(sheet, row, col, value, format(unit, decimals)), name, row, header);
        return static_cast<double>(cell.value.size()) + (unit == Unit::seconds ? 2.0 : 1.0);
    }

    lxw_format* format(Unit unit, int decimals) {
        auto [it, added] = number_formats_.try_emplace({unit, decimals}, nullptr);
        if (added) {
            it->second = workbook_add_format(workbook_);
            format_set_num_format(it->second, number_format(unit, decimals).c_str());
        }
        return it->second;
    }

    void check(lxw_error error, const char* sheet, lxw_row_t row, const std::string& column) {
        if (error == LXW_NO_ERROR || !error_.empty()) return;
        error_ = std::string("the sheet ") + sheet + ", row " + std::to_string(row + 1) + ", column " + column + ": " +
                 lxw_strerror(error);
    }

    lxw_workbook* workbook_;
    lxw_format* header_;
    lxw_format* wrapped_;
    std::map<std::pair<Unit, int>, lxw_format*> number_formats_;
    std::string error_;
};

// The sheets, written into the file at `scratch`; empty when it was written.
std::string write_sheets(const char* scratch, std::span<const WorkbookSession> sessions) {
    // Rows are written in order, so they can go to disk as they come: a 100,000-reading session's
    // workbook peaks at 105 MB of memory instead of 255 MB, and is written faster.
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* workbook = workbook_new_opt(scratch, &options);
    if (!workbook) return "could not start the workbook";
    WorkbookWriter writer(workbook);

    std::vector<std::optional<ValueStreamResult>> streams;
    for (const WorkbookSession& s : sessions) streams.push_back(value_stream_for_report(s.session, s.state, s.summary));
    const auto figures_of = [&](std::size_t i) { return streams[i] && streams[i]->figures ? &*streams[i]->figures : nullptr; };
    const bool any_value_stream = std::any_of(streams.begin(), streams.end(), [](const auto& s) { return s.has_value(); });
    const bool file_column = sessions.size() > 1;

    std::vector<SheetPart> steps, readings, wastes, tally, notes, counts, value_stream;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const WorkbookSession& s = sessions[i];
        steps.push_back({&s.name, steps_table(s.summary, nullptr, figures_of(i), any_value_stream)});
        readings.push_back({&s.name, readings_table(s.session, s.state, s.summary)});
        wastes.push_back({&s.name, wastes_table(s.session, s.state, s.summary)});
        tally.push_back({&s.name, waste_tally_table(s.summary)});
        notes.push_back({&s.name, notes_table(s.session, s.state)});
        if (streams[i]) counts.push_back({&s.name, counts_table(s.session, s.state)});
        if (figures_of(i)) value_stream.push_back({&s.name, value_stream_table(*figures_of(i))});
    }
    std::string error;
    for (const auto& [name, parts] : {std::pair{"Steps", &steps}, {"Readings", &readings}, {"Wastes", &wastes},
                                      {"Waste tally", &tally}, {"Notes", &notes}, {"Counts", &counts},
                                      {"Value stream", &value_stream}})
        if (error.empty()) error = writer.sheet(name, *parts, file_column);
    // The actions of every session as one table, the one `gemba-cli actions --csv` prints: it names
    // each action's walk and file itself, so it needs no file column.
    std::vector<BoardWalk> walks;
    for (const WorkbookSession& s : sessions)
        if (!s.session.improvement.actions.empty()) walks.push_back(BoardWalk{s.name, s.session});
    if (error.empty() && !walks.empty())
        error = writer.sheet("Actions", {SheetPart{nullptr, actions_table(walks, local_date_today())}}, false);
    // workbook_close writes the file and frees the workbook, so it runs even after an error.
    const lxw_error closed = workbook_close(workbook);
    if (error.empty() && closed != LXW_NO_ERROR) error = lxw_strerror(closed);
    return error;
}

}  // namespace

WriteOutcome write_workbook(const std::filesystem::path& path, std::span<const WorkbookSession> sessions,
                            FileSystem& fs) {
    const auto failed = [&](const std::string& why) {
        return WriteOutcome{false, "could not write the workbook '" + path.string() + "': " + why +
                                       ". Nothing was written there."};
    };
    // libxlsxwriter writes to a path, not to memory: it writes a scratch file, whose bytes then
    // replace `path` atomically (write_file_atomically), so that `path` is never half-written.
    std::error_code ec;
    std::string scratch = (std::filesystem::temp_directory_path(ec) / "gemba-workbook-XXXXXX").string();
    if (ec) scratch = "/tmp/gemba-workbook-XXXXXX";
    const int fd = mkstemp(scratch.data());
    if (fd < 0) return failed("no scratch file in the temporary folder");
    ::close(fd);
    const std::string error = write_sheets(scratch.c_str(), sessions);
    std::string bytes;
    if (error.empty()) {
        std::ifstream in(scratch, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad()) bytes.clear();
    }
    ::unlink(scratch.c_str());
    if (!error.empty()) return failed(error);
    if (bytes.empty()) return failed("the scratch file could not be read back");
    return write_file_atomically(path, bytes, fs);
}

}  // namespace gemba
