// The workbook export (gemba-cli export --xlsx), read back as a spreadsheet user's program reads it:
// LibreOffice Calc (headless, Debian's package) converts every sheet to CSV, and the values are
// compared with `gemba-cli summary --json` and with hand-computed expectations. The CSV filter quotes
// every text cell and no number ("quote all text cells"), which tells a number from text, and a
// formula would come out as its result: so the checks also see each cell's kind.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/file/session_file.hpp"
#include "core/analysis/summary.hpp"
#include "core/log/log_state.hpp"
#include "core/report/workbook.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using gemba::test::read_all;
using gemba::test::shell_quote;
using gemba::test::TempFolder;
using gemba::test::write_all;

namespace {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// Runs a shell command with `input` (a file) on its standard input: its exit code and what it wrote.
Run run_shell(const std::string& command, const TempFolder& io, const std::string& input = "/dev/null") {
    const std::string line = command + " >" + shell_quote((io / "stdout").string()) + " 2>" +
                             shell_quote((io / "stderr").string()) + " <" + shell_quote(input);
    const int status = std::system(line.c_str());
    REQUIRE_MESSAGE(status != -1, "could not run " << line);
    return Run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_all(io / "stdout"), read_all(io / "stderr")};
}

Run gemba_cli(const std::vector<std::string>& args, const TempFolder& io) {
    std::string command = shell_quote(GEMBA_CLI_PATH);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    return run_shell(command, io);
}

// A cell of LibreOffice's CSV: its text, and whether it was quoted (text cells are, numbers are not).
struct Cell {
    std::string text;
    bool quoted = false;
};
using Row = std::vector<Cell>;

// RFC 4180 as LibreOffice writes it (LF or CRLF line ends, "" for a quote inside quotes).
std::vector<Row> parse_csv(const std::string& text) {
    std::vector<Row> rows;
    Row row;
    Cell cell;
    bool in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell.text += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                cell.text += c;
            }
        } else if (c == '"') {
            in_quotes = true;
            cell.quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(cell));
            cell = {};
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(std::move(cell));
            rows.push_back(std::move(row));
            cell = {};
            row = {};
        } else {
            cell.text += c;
        }
    }
    if (!row.empty() || !cell.text.empty()) {
        row.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

// A sheet as LibreOffice gave it back, its cells found by column name.
struct Sheet {
    std::map<std::string, std::size_t> column;
    std::vector<Row> rows;  // without the header

    const Cell& at(const Row& row, const std::string& name) const {
        const auto it = column.find(name);
        REQUIRE_MESSAGE(it != column.end(), "no column " << name);
        REQUIRE(it->second < row.size());
        return row[it->second];
    }
    // A number cell: unquoted; "12%" is the percent cell 0.12.
    double number(const Row& row, const std::string& name) const {
        const Cell& cell = at(row, name);
        INFO("column " << name << ": '" << cell.text << "'");
        REQUIRE_FALSE(cell.quoted);
        REQUIRE_FALSE(cell.text.empty());
        std::string text = cell.text;
        const bool percent = text.back() == '%';
        if (percent) text.pop_back();
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        REQUIRE(end == text.c_str() + text.size());
        return percent ? value / 100.0 : value;
    }
    const std::string& text(const Row& row, const std::string& name) const {
        const Cell& cell = at(row, name);
        INFO("column " << name << ": '" << cell.text << "'");
        CHECK((cell.quoted || cell.text.empty()));
        return cell.text;
    }
    std::vector<const Row*> rows_of(const std::string& file) const {
        std::vector<const Row*> out;
        for (const Row& r : rows)
            if (at(r, "file").text == file) out.push_back(&r);
        return out;
    }
};

Sheet read_sheet(const fs::path& csv) {
    REQUIRE_MESSAGE(fs::exists(csv), "LibreOffice wrote no " << csv.string());
    std::vector<Row> rows = parse_csv(read_all(csv));
    REQUIRE_FALSE(rows.empty());
    Sheet sheet;
    for (std::size_t i = 0; i < rows[0].size(); ++i) sheet.column[rows[0][i].text] = i;
    sheet.rows.assign(rows.begin() + 1, rows.end());
    return sheet;
}

// Converts each workbook's sheets to <stem>-<sheet>.csv in `out` with LibreOffice (one call for
// all: it takes ≈1.4 s to start). Fails, never skips, without soffice.
void convert_with_libreoffice(const std::vector<fs::path>& workbooks, const fs::path& out, const TempFolder& io) {
    const Run which = run_shell("command -v soffice", io);
    REQUIRE_MESSAGE(which.code == 0, "soffice (LibreOffice) is not installed: run scripts/install-deps --test");
    // 44 comma, 34 quote, 76 UTF-8, quote all text cells, -1: every sheet to its own file.
    std::string command = "HOME=" + shell_quote((io / "home").string()) +
                          " soffice --headless --convert-to "
                          "'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1' --outdir " +
                          shell_quote(out.string());
    for (const fs::path& workbook : workbooks) command += " " + shell_quote(workbook.string());
    const Run run = run_shell(command, io);
    REQUIRE_MESSAGE(run.code == 0, "soffice failed: " << run.out << run.err);
}

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    REQUIRE_MESSAGE(!doc.HasParseError(), "summary --json is not JSON");
    return doc;
}

// A JSON number or null as an optional.
std::optional<double> json_number(const rapidjson::Value& object, const char* key) {
    REQUIRE_MESSAGE(object.HasMember(key), "no " << key << " in the summary JSON");
    const rapidjson::Value& v = object[key];
    if (v.IsNull()) return std::nullopt;
    REQUIRE(v.IsNumber());
    return v.GetDouble();
}

// The cell against the JSON: both missing, or equal within the CSV's rounding (`tolerance`, in the
// JSON's unit); `scale` turns the cell into the JSON's unit (1000 for seconds against ms).
void check_number(const Sheet& sheet, const Row& row, const std::string& column, const rapidjson::Value& json,
                  const char* key, double scale, double tolerance) {
    INFO(column << " against " << key);
    const std::optional<double> expected = json_number(json, key);
    if (!expected) {
        CHECK(sheet.at(row, column).text.empty());
        return;
    }
    CHECK(std::fabs(sheet.number(row, column) * scale - *expected) <= tolerance);
}

constexpr double kMsOfThreeDecimals = 0.5 + 1e-6;  // the CSV writes seconds with 3 decimals

const char* const kExamples[] = {"assembly-line", "change-request-stream", "invoice-approval", "plan-only",
                                 "stamping-stream"};

}  // namespace

TEST_CASE("the workbook of the examples reads back through LibreOffice with the numbers of summary --json") {
    const TempFolder dir;
    std::vector<std::string> files;
    for (const char* name : kExamples) files.push_back(std::string(GEMBA_SOURCE_DIR) + "/data/examples/" + name + ".json");
    std::vector<std::string> args = {"export"};
    args.insert(args.end(), files.begin(), files.end());
    args.insert(args.end(), {"--xlsx", (dir / "examples.xlsx").string()});
    const Run exported = gemba_cli(args, dir);
    REQUIRE_MESSAGE(exported.code == 0, exported.err);

    args = {"summary", "--json"};
    args.insert(args.end(), files.begin(), files.end());
    const Run summary = gemba_cli(args, dir);
    REQUIRE(summary.code == 0);
    const rapidjson::Document json = parse_json(summary.out);

    convert_with_libreoffice({dir / "examples.xlsx"}, dir / "csv", dir);
    const Sheet steps = read_sheet(dir / "csv" / "examples-Steps.csv");
    const Sheet readings = read_sheet(dir / "csv" / "examples-Readings.csv");
    const Sheet wastes = read_sheet(dir / "csv" / "examples-Wastes.csv");
    const Sheet tally = read_sheet(dir / "csv" / "examples-Waste tally.csv");
    const Sheet value_stream = read_sheet(dir / "csv" / "examples-Value stream.csv");
    CHECK(fs::exists(dir / "csv" / "examples-Notes.csv"));
    CHECK(fs::exists(dir / "csv" / "examples-Counts.csv"));

    const auto& sessions = json["sessions"];
    REQUIRE(sessions.Size() == std::size(kExamples));
    int value_streams = 0;
    for (const auto& session : sessions.GetArray()) {
        const std::string file = session["file"].GetString();
        CAPTURE(file);

        // Steps: one row per step, in plan order, the summary's numbers.
        const auto step_rows = steps.rows_of(file);
        REQUIRE(step_rows.size() == session["steps"].Size());
        for (std::size_t i = 0; i < step_rows.size(); ++i) {
            const Row& row = *step_rows[i];
            const auto& step = session["steps"][static_cast<rapidjson::SizeType>(i)];
            CAPTURE(step["name"].GetString());
            CHECK(steps.number(row, "step_id") == step["step_id"].GetInt());
            CHECK(steps.text(row, "step") == step["name"].GetString());
            CHECK(steps.text(row, "value_class") == step["value_class"].GetString());
            check_number(steps, row, "rating_pct", step, "rating_pct", 100.0, 0.05 + 1e-9);
            check_number(steps, row, "allowance_pct", step, "allowance_pct", 100.0, 0.05 + 1e-9);
            for (const char* count : {"valid_n", "excluded_n", "deleted_n", "required_cycles", "more_cycles"})
                check_number(steps, row, count, step, count, 1.0, 0.0);
            for (const auto& [column, key] : {std::pair{"mean_s", "mean_ms"}, {"median_s", "median_ms"}, {"sd_s", "sd_ms"},
                                              {"min_s", "min_ms"}, {"max_s", "max_ms"}, {"observed_s", "observed_ms"},
                                              {"normal_s", "normal_ms"}, {"standard_s", "standard_ms"}})
                check_number(steps, row, column, step, key, 1000.0, kMsOfThreeDecimals);
            check_number(steps, row, "cv_pct", step, "cv", 1.0, 0.00005 + 1e-9);  // 2 decimals of a percent
            check_number(steps, row, "frequency", step, "frequency", 1.0, 0.00005 + 1e-9);

            // Readings: the valid ones of the step are valid_n, and their mean is the step's mean.
            int valid = 0;
            double sum_s = 0;
            for (const Row* r : readings.rows_of(file)) {
                if (readings.number(*r, "step_id") != step["step_id"].GetInt() || readings.text(*r, "status") != "valid")
                    continue;
                ++valid;
                sum_s += readings.number(*r, "duration_s");
            }
            CHECK(valid == step["valid_n"].GetInt());
            if (valid > 0) CHECK(std::fabs(sum_s / valid * 1000.0 - step["mean_ms"].GetDouble()) <= kMsOfThreeDecimals);
        }

        // Wastes and their tally: the valid tags are the total; the tally is the Pareto, in order.
        int valid_tags = 0;
        for (const Row* r : wastes.rows_of(file)) valid_tags += wastes.text(*r, "status") == "valid" ? 1 : 0;
        CHECK(valid_tags == session["waste_total"].GetInt());
        const auto tally_rows = tally.rows_of(file);
        REQUIRE(tally_rows.size() == session["waste_pareto"].Size());
        for (std::size_t i = 0; i < tally_rows.size(); ++i) {
            const Row& row = *tally_rows[i];
            const auto& waste = session["waste_pareto"][static_cast<rapidjson::SizeType>(i)];
            CHECK(tally.text(row, "waste") == waste["waste"].GetString());
            check_number(tally, row, "count", waste, "count", 1.0, 0.0);
            check_number(tally, row, "share_pct", waste, "share", 1.0, 0.00005 + 1e-9);
            check_number(tally, row, "timed_s", waste, "timed_ms", 1000.0, kMsOfThreeDecimals);
        }

        // The value stream: each step's process time and wait, and they add up to the lead time.
        if (!session.HasMember("value_stream") || session["value_stream"].IsNull()) {
            CHECK(value_stream.rows_of(file).empty());
            continue;
        }
        ++value_streams;
        const auto& stream = session["value_stream"];
        double lead_time_ms = 0;
        std::size_t step_index = 0;
        for (const Row* r : value_stream.rows_of(file)) {
            if (value_stream.text(*r, "kind") != "step") continue;
            REQUIRE(step_index < stream["steps"].Size());
            const auto& step = stream["steps"][static_cast<rapidjson::SizeType>(step_index++)];
            CHECK(value_stream.text(*r, "name") == step["name"].GetString());
            check_number(value_stream, *r, "process_s", step, "process_ms", 1000.0, kMsOfThreeDecimals);
            check_number(value_stream, *r, "wait_s", step, "wait_ms", 1000.0, kMsOfThreeDecimals);
            lead_time_ms += (value_stream.at(*r, "process_s").text.empty() ? 0 : value_stream.number(*r, "process_s")) * 1000.0;
            lead_time_ms += (value_stream.at(*r, "wait_s").text.empty() ? 0 : value_stream.number(*r, "wait_s")) * 1000.0;
        }
        CHECK(step_index == stream["steps"].Size());
        CHECK(std::fabs(lead_time_ms - stream["lead_time_ms"].GetDouble()) <= kMsOfThreeDecimals * 2.0 * double(step_index));
    }
    CHECK(value_streams == 2);  // the stamping and change-request streams
}

TEST_CASE("the workbook keeps typed text as text (=1+2 is no formula) and non-ASCII names as they are") {
    const TempFolder dir;
    // Lap timing: the first step runs 1.5 s, the second 2.5 s, a defect is tagged during the second.
    write_all(dir / "plan.json", R"json({"format_version": 2, "title": "Prüfstand Größe 3", "settings": {"timing_mode": "lap"},
 "steps": [{"id": 1, "name": "Prüfen – Größe ✓", "value_class": "value_added", "rating_pct": 100.0, "allowance_pct": 0.0},
           {"id": 2, "name": "=SUM(1,2)", "value_class": "non_value_added", "rating_pct": 110.0, "allowance_pct": 12.5}]})json");
    write_all(dir / "taps.txt", "next\nwait 1500\nnote =1+2\nnext\nwait 2500\nwaste defects\nnote @ändern\nend\nsave\n");
    const std::string session = (dir / "Größe.json").string();
    const Run walked = run_shell(shell_quote(GEMBA_CLI_PATH) + " walk " + shell_quote(session) + " --plan " +
                                     shell_quote((dir / "plan.json").string()),
                                 dir, (dir / "taps.txt").string());
    REQUIRE_MESSAGE(walked.code == 0, walked.err);
    const Run exported = gemba_cli({"export", session, "--xlsx", (dir / "Größe.xlsx").string()}, dir);
    REQUIRE_MESSAGE(exported.code == 0, exported.err);

    convert_with_libreoffice({dir / "Größe.xlsx"}, dir / "csv", dir);
    const Sheet steps = read_sheet(dir / "csv" / "Größe-Steps.csv");
    CHECK(steps.column.count("file") == 0);  // one session: no file column
    REQUIRE(steps.rows.size() == 2);
    CHECK(steps.text(steps.rows[0], "step") == "Prüfen – Größe ✓");
    CHECK(steps.text(steps.rows[1], "step") == "=SUM(1,2)");  // not 3, not '=SUM(1,2)
    CHECK(steps.number(steps.rows[0], "mean_s") == doctest::Approx(1.5));
    CHECK(steps.number(steps.rows[1], "mean_s") == doctest::Approx(2.5));
    CHECK(steps.number(steps.rows[1], "rating_pct") == doctest::Approx(1.10));  // a percent cell: 110 %
    CHECK(steps.number(steps.rows[1], "allowance_pct") == doctest::Approx(0.125));
    // Normal 2.5 × 1.1 = 2.75 s; standard on job time 2.75 × 1.125 = 3.09375 s, written as 3.094.
    CHECK(steps.number(steps.rows[1], "normal_s") == doctest::Approx(2.75));
    CHECK(steps.number(steps.rows[1], "standard_s") == doctest::Approx(3.094));

    const Sheet notes = read_sheet(dir / "csv" / "Größe-Notes.csv");
    REQUIRE(notes.rows.size() == 2);
    CHECK(notes.text(notes.rows[0], "note") == "=1+2");
    CHECK(notes.text(notes.rows[1], "note") == "@ändern");
    CHECK(notes.number(notes.rows[0], "time_s") == doctest::Approx(1.5));

    const Sheet readings = read_sheet(dir / "csv" / "Größe-Readings.csv");
    REQUIRE(readings.rows.size() == 2);
    CHECK(readings.text(readings.rows[1], "step") == "=SUM(1,2)");
    CHECK(readings.number(readings.rows[1], "start_s") == doctest::Approx(1.5));
    CHECK(readings.number(readings.rows[1], "end_s") == doctest::Approx(4.0));

    const Sheet wastes = read_sheet(dir / "csv" / "Größe-Wastes.csv");
    REQUIRE(wastes.rows.size() == 1);
    CHECK(wastes.text(wastes.rows[0], "waste") == "defects");
    CHECK(wastes.text(wastes.rows[0], "step") == "=SUM(1,2)");
    // No value stream in this plan: no sheets for one.
    CHECK_FALSE(fs::exists(dir / "csv" / "Größe-Counts.csv"));
    CHECK_FALSE(fs::exists(dir / "csv" / "Größe-Value stream.csv"));
}

namespace {

// The real file system, with rename failing: the last step of an atomic write.
class RenameFails final : public gemba::FileSystem {
public:
    int make_temp(std::string& path_template) override { return real_.make_temp(path_template); }
    ssize_t write(int fd, const void* data, std::size_t size) override { return real_.write(fd, data, size); }
    int fsync(int fd) override { return real_.fsync(fd); }
    int fchmod(int fd, mode_t mode) override { return real_.fchmod(fd, mode); }
    int close(int fd) override { return real_.close(fd); }
    int rename(const char*, const char*) override {
        errno = EIO;
        return -1;
    }
    int unlink(const char* path) override { return real_.unlink(path); }
    int open_directory(const char* path) override { return real_.open_directory(path); }
    int file_mode(const char* path) override { return real_.file_mode(path); }

private:
    gemba::FileSystem& real_ = gemba::posix_file_system();
};

}  // namespace

TEST_CASE("a workbook that cannot be written leaves the old file as it was and names the file") {
    const TempFolder dir;
    const std::string example = std::string(GEMBA_SOURCE_DIR) + "/data/examples/assembly-line.json";
    const gemba::LoadResult loaded = gemba::load_session(example);
    REQUIRE(loaded.ok());
    const gemba::LogState& state = loaded.state;
    const gemba::SessionSummary summary = gemba::summarize(*loaded.session, state);
    const std::vector<gemba::WorkbookSession> sessions = {{"assembly-line.json", *loaded.session, state, summary}};

    write_all(dir / "out.xlsx", "the old workbook");
    RenameFails rename_fails;
    const gemba::WriteOutcome failed = gemba::write_workbook(dir / "out.xlsx", sessions, rename_fails);
    CHECK_FALSE(failed.ok);
    CHECK(failed.error.find((dir / "out.xlsx").string()) != std::string::npos);
    CHECK(read_all(dir / "out.xlsx") == "the old workbook");
    CHECK(dir.entries() == std::vector<std::string>{"out.xlsx"});  // no temporary file left

    const gemba::WriteOutcome written = gemba::write_workbook(dir / "out.xlsx", sessions);
    CHECK(written.ok);
    CHECK(read_all(dir / "out.xlsx").substr(0, 2) == "PK");  // a zip, as every .xlsx is

    const Run missing_folder = gemba_cli({"export", example, "--xlsx", (dir / "no-such" / "out.xlsx").string()}, dir);
    CHECK(missing_folder.code == 3);
    CHECK(missing_folder.err.find((dir / "no-such" / "out.xlsx").string()) != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "no-such"));

    const Run both = gemba_cli({"export", example, "--csv", dir.path().string(), "--xlsx", (dir / "b.xlsx").string()}, dir);
    CHECK(both.code == 2);
}

TEST_CASE("the workbook's Actions sheet is the table of gemba-cli actions --csv, every session's actions in one") {
    using namespace gemba;
    const TempFolder dir;
    const fs::path template_file = fs::path(GEMBA_SOURCE_DIR) / "data/templates/assembly-line.json";
    Session assembly = load_session(template_file).session.value();
    assembly.improvement.problems = {RaisedProblem{1, "Walking to the parts rack", {}, {}, {}}};
    assembly.improvement.actions = {
        Action{1, 1, 0, "Kit parts at Fasten", "Ben", "2999-01-01", ActionStatus::doing, std::nullopt},
        Action{2, 1, 0, "=Move the rack", "Ana", "2001-01-10", ActionStatus::todo, std::nullopt}};
    Session plain = load_session(template_file).session.value();
    const LogState assembly_state = LogState::replay(assembly), plain_state = LogState::replay(plain);
    const SessionSummary assembly_summary = summarize(assembly, assembly_state),
                         plain_summary = summarize(plain, plain_state);
    const std::vector<WorkbookSession> sessions{{"a.json", assembly, assembly_state, assembly_summary},
                                                {"b.json", plain, plain_state, plain_summary}};
    REQUIRE(write_workbook(dir / "both.xlsx", sessions).ok);
    REQUIRE(write_workbook(dir / "none.xlsx", std::vector<WorkbookSession>{sessions[1]}).ok);
    convert_with_libreoffice({dir / "both.xlsx", dir / "none.xlsx"}, dir / "csv", dir);

    const Sheet actions = read_sheet(dir / "csv" / "both-Actions.csv");
    std::vector<std::string> header(actions.column.size());
    for (const auto& [name, index] : actions.column) header[index] = name;
    CHECK(header == std::vector<std::string>{"walk", "file", "problem_id", "problem", "action_id", "action", "owner",
                                             "due", "status", "overdue", "expected_effect"});
    REQUIRE(actions.rows.size() == 2);
    // Overdue first: the rack (2001) before the kit (2999); typed text stays text.
    CHECK(actions.text(actions.rows[0], "action") == "=Move the rack");
    CHECK(actions.text(actions.rows[0], "overdue") == "yes");
    CHECK(actions.text(actions.rows[0], "file") == "a.json");
    CHECK(actions.text(actions.rows[0], "walk") == "Assembly line walk");
    CHECK(actions.number(actions.rows[0], "action_id") == doctest::Approx(2));
    CHECK(actions.text(actions.rows[1], "status") == "doing");
    CHECK(actions.text(actions.rows[1], "due") == "2999-01-01");
    // A workbook of sessions without actions has no Actions sheet.
    CHECK(fs::exists(dir / "csv" / "none-Steps.csv"));
    CHECK_FALSE(fs::exists(dir / "csv" / "none-Actions.csv"));
}
