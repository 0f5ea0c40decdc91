// gemba-cli from the outside: the program is run as a user runs it, its stdout, stderr and exit
// code captured. The numbers of `summary --json` are checked against a hand computation made here
// from the example file's own events, with none of Gemba's code.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support.hpp"

namespace fs = std::filesystem;

namespace {

using gemba::test::shell_quote;

const fs::path kSource = GEMBA_SOURCE_DIR;
const fs::path kExamples = kSource / "data" / "examples";
const std::string kAssembly = (kExamples / "assembly-line.json").string();
const std::string kInvoice = (kExamples / "invoice-approval.json").string();
const std::string kPlan = (kExamples / "plan-only.json").string();

// A fresh folder under the system's temporary folder, removed with everything in it at the end.
class Scratch {
public:
    Scratch() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("gemba-test-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE(out.good());
}

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// Runs a shell `command` with its standard output and error into files in `io`: its exit code and
// what it wrote.
Run run_captured(std::string command, const Scratch& io) {
    command += " >" + shell_quote((io / "stdout").string()) + " 2>" + shell_quote((io / "stderr").string());
    const int status = std::system(command.c_str());
    Run run;
    REQUIRE_MESSAGE(status != -1, "could not run " << command);
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_text(io / "stdout");
    run.err = read_text(io / "stderr");
    return run;
}

// gemba-cli and its arguments as a shell line.
std::string cli_command(const std::vector<std::string>& args) {
    std::string command = shell_quote(GEMBA_CLI_PATH);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    return command;
}

// Runs gemba-cli with `input` on its standard input (none by default).
Run gemba_cli(const std::vector<std::string>& args, const std::string& input = {}) {
    const Scratch io;
    write_text(io / "stdin", input);
    return run_captured(cli_command(args) + " <" + shell_quote((io / "stdin").string()), io);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    REQUIRE_MESSAGE(!doc.HasParseError(), "not JSON: " << rapidjson::GetParseError_En(doc.GetParseError())
                                                       << " at offset " << doc.GetErrorOffset() << " of:\n"
                                                       << text.substr(0, 400));
    return doc;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

// --- The hand check -------------------------------------------------------------------------------
// Replays a session file's events with the plain rules of the format (data/schema/README.md): a
// reading starts at step_start or lap, ends at the lap or step_end that ends its step; durations
// leave paused time out; undone events have no effect; excluded readings leave the statistics.

struct HandReading {
    std::int64_t step = 0;
    std::int64_t start = 0;
    std::optional<std::int64_t> end;
    bool excluded = false;
    bool removed = false;
    std::int64_t cycle = 1;  // the cycle current when it started
};

struct HandCheck {
    std::map<std::int64_t, HandReading> readings;  // by the id of the event that started each
    std::map<std::string, int> waste_counts;
    std::vector<std::pair<std::int64_t, std::int64_t>> pauses;
    std::int64_t last_cycle = 1;
    std::set<std::int64_t> closed;  // closed cycles, by the rule of data/schema/summary.schema.json

    std::int64_t paused_between(std::int64_t from, std::int64_t to) const {
        std::int64_t total = 0;
        for (const auto& [start, end] : pauses) {
            const std::int64_t a = std::max(start, from), b = std::min(end, to);
            if (b > a) total += b - a;
        }
        return total;
    }
    std::vector<double> valid_durations(std::int64_t step) const {
        std::vector<double> out;
        for (const auto& [id, r] : readings)
            if (r.step == step && r.end && !r.excluded && !r.removed)
                out.push_back(static_cast<double>(*r.end - r.start - paused_between(r.start, *r.end)));
        return out;
    }
    int excluded(std::int64_t step) const {
        int n = 0;
        for (const auto& [id, r] : readings) n += r.step == step && r.end && r.excluded && !r.removed;
        return n;
    }
    // Complete, non-deleted readings of the step in closed cycles ÷ closed cycles.
    double frequency(std::int64_t step) const {
        int n = 0;
        for (const auto& [id, r] : readings) n += r.step == step && r.end && !r.removed && closed.count(r.cycle);
        return static_cast<double>(n) / static_cast<double>(closed.size());
    }
    // First start and last end of a cycle's complete, non-deleted readings.
    std::pair<std::int64_t, std::int64_t> span(std::int64_t cycle) const {
        std::int64_t first = INT64_MAX, last = INT64_MIN;
        for (const auto& [id, r] : readings)
            if (r.cycle == cycle && r.end && !r.removed) first = std::min(first, r.start), last = std::max(last, *r.end);
        return {first, last};
    }
    // Length of the union of the intervals, paused time left out.
    std::int64_t union_ms(std::vector<std::pair<std::int64_t, std::int64_t>> intervals) const {
        std::sort(intervals.begin(), intervals.end());
        std::int64_t total = 0;
        std::optional<std::pair<std::int64_t, std::int64_t>> run;
        for (const auto& iv : intervals) {
            if (run && iv.first <= run->second) {
                run->second = std::max(run->second, iv.second);
                continue;
            }
            if (run) total += run->second - run->first - paused_between(run->first, run->second);
            run = iv;
        }
        if (run) total += run->second - run->first - paused_between(run->first, run->second);
        return total;
    }
};

std::int64_t int_of(const rapidjson::Value& event, const char* field) { return event[field].GetInt64(); }

HandCheck hand_check(const rapidjson::Document& session) {
    HandCheck h;
    const auto& events = session["events"];
    std::set<std::int64_t> undone;
    for (const auto& e : events.GetArray()) {
        const std::string kind = e["kind"].GetString();
        if (kind == "undo") undone.insert(int_of(e, "target"));
        if (kind == "redo") undone.erase(int_of(e, "target"));
    }
    std::map<std::int64_t, std::int64_t> running;  // step -> reading id
    std::optional<std::int64_t> paused_at;
    std::map<std::int64_t, std::string> tag_waste;  // waste tag id -> waste
    for (const auto& e : events.GetArray()) {
        const std::string kind = e["kind"].GetString();
        const std::int64_t id = int_of(e, "id"), t = int_of(e, "t_ms");
        if (kind == "undo" || kind == "redo" || undone.count(id)) continue;
        const auto end_step = [&](std::int64_t step) {
            REQUIRE(running.count(step) == 1);
            h.readings[running[step]].end = t;
            running.erase(step);
        };
        const auto start_step = [&](std::int64_t step) {
            h.readings[id] = HandReading{step, t, std::nullopt, false, false, h.last_cycle};
            running[step] = id;
        };
        if ((kind == "step_start" || kind == "lap") && e.HasMember("new_cycle") && e["new_cycle"].GetBool())
            ++h.last_cycle;
        if (kind == "cycle") {
            ++h.last_cycle;
        } else if (kind == "step_start") {
            start_step(int_of(e, "step"));
        } else if (kind == "lap") {
            end_step(int_of(e, "ended_step"));
            start_step(int_of(e, "step"));
        } else if (kind == "step_end") {
            end_step(int_of(e, "step"));
        } else if (kind == "pause") {
            paused_at = t;
        } else if (kind == "resume") {
            REQUIRE(paused_at);
            h.pauses.emplace_back(*paused_at, t);
            paused_at.reset();
        } else if (kind == "exclude") {
            h.readings.at(int_of(e, "target")).excluded = true;
        } else if (kind == "include") {
            h.readings.at(int_of(e, "target")).excluded = false;
        } else if (kind == "set_start") {
            h.readings.at(int_of(e, "target")).start = int_of(e, "start_ms");
        } else if (kind == "set_end") {
            h.readings.at(int_of(e, "target")).end = int_of(e, "end_ms");
        } else if (kind == "insert_reading") {
            h.readings[id] = HandReading{int_of(e, "step"), int_of(e, "start_ms"), int_of(e, "end_ms"), false, false,
                                         int_of(e, "cycle")};
        } else if (kind == "waste_tag" || kind == "waste_start") {
            tag_waste[id] = e["waste"].GetString();
        } else if (kind == "retag") {
            tag_waste.at(int_of(e, "target")) = e["waste"].GetString();
        } else if (kind == "remove" || kind == "restore") {
            const std::int64_t target = int_of(e, "target");
            if (h.readings.count(target)) h.readings[target].removed = kind == "remove";
            else REQUIRE_MESSAGE(!tag_waste.count(target), "the hand check does not handle deleted tags");
        } else {
            REQUIRE_MESSAGE((kind == "note" || kind == "waste_end" || kind == "edit_note"),
                            "the hand check does not handle '" << kind << "'");
        }
    }
    REQUIRE(!paused_at);
    for (const auto& [tag, waste] : tag_waste) ++h.waste_counts[waste];
    // A cycle is closed when nothing in it runs, it has a complete reading, and a later cycle has
    // begun, or it holds every step, or (independent timers, a stored walk) it is the last one.
    const bool independent = std::string(session["settings"]["timing_mode"].GetString()) == "independent";
    std::map<std::int64_t, std::set<std::int64_t>> steps_in;
    std::set<std::int64_t> open;
    for (const auto& [id, r] : h.readings) {
        if (r.removed) continue;
        if (!r.end) open.insert(r.cycle);
        else steps_in[r.cycle].insert(r.step);
    }
    for (const auto& [cycle, steps] : steps_in)
        if (!open.count(cycle) &&
            (cycle < h.last_cycle || steps.size() == session["steps"].Size() || independent))
            h.closed.insert(cycle);
    return h;
}

double mean_of(const std::vector<double>& values) {
    double sum = 0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

// The JSON writes numbers with up to 6 decimals.
bool near(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)) + 1e-6; }

const rapidjson::Value* step_in(const rapidjson::Value& summary_steps, std::int64_t id) {
    for (const auto& s : summary_steps.GetArray())
        if (s["step_id"].GetInt64() == id) return &s;
    return nullptr;
}

}  // namespace

TEST_CASE("--help documents the commands and the exit codes") {
    for (const char* flag : {"--help", "-h", "help"}) {
        CAPTURE(std::string(flag));
        const Run r = gemba_cli({flag});
        CHECK(r.code == 0);
        CHECK(r.err == "");
        for (const char* part : {"Usage", "summary", "tally", "check", "export", "--json", "--csv", "--version",
                                 "Exit codes", "gemba-cli tally FILE... --csv"})
            CHECK_MESSAGE(contains(r.out, part), part);
        const std::string codes = r.out.substr(r.out.find("Exit codes"));
        for (const char* code : {"0  ", "1  ", "2  ", "3  "}) CHECK_MESSAGE(contains(codes, code), code);
        // Exit 3 says what is true of a multi-file export: each file whole or not at all, and the
        // files written before the failure stay.
        CHECK(contains(codes, "standard output"));
        CHECK(contains(codes, "atomically"));
        CHECK(contains(codes, "written before the failure stay"));
        CHECK(!contains(codes, "nothing partial"));
        // Exit 1 also for a journal with nothing to recover; 4 only when there is something.
        CHECK(contains(codes, "holds nothing to recover (it is empty, not a journal, has a damaged"));
        CHECK(contains(codes, "can be\n     recovered"));
        CHECK(contains(r.out, "'--' ends the options"));
        CHECK(contains(r.out, "not a regular file"));
        CHECK(contains(r.out, "FILE.journal.unrecovered-<UTC time>"));
    }
}

TEST_CASE("--version names the program and the session format") {
    const Run r = gemba_cli({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("gemba-cli ", 0) == 0);
    CHECK(contains(r.out, "session format 5"));
    CHECK(r.err == "");
}

TEST_CASE("a wrong command line exits 2 with a hint on stderr") {
    SUBCASE("no arguments") {
        const Run r = gemba_cli({});
        CHECK(r.code == 2);
        CHECK(r.out == "");
        CHECK(contains(r.err, "no command"));
        CHECK(contains(r.err, "--help"));
    }
    SUBCASE("unknown command") {
        const Run r = gemba_cli({"frobnicate", kAssembly});
        CHECK(r.code == 2);
        CHECK(r.out == "");
        CHECK(contains(r.err, "unknown command 'frobnicate'"));
    }
    SUBCASE("unknown option") {
        const Run r = gemba_cli({"summary", "--fast", kAssembly});
        CHECK(r.code == 2);
        CHECK(contains(r.err, "--fast"));
    }
    SUBCASE("commands without files or with clashing options") {
        CHECK(gemba_cli({"summary"}).code == 2);
        CHECK(gemba_cli({"check"}).code == 2);
        CHECK(gemba_cli({"summary", kAssembly, "--json", "--csv"}).code == 2);
        CHECK(gemba_cli({"check", kAssembly, "--json"}).code == 2);
        CHECK(gemba_cli({"export", kAssembly}).code == 2);
        CHECK(gemba_cli({"export", kAssembly, "--csv"}).code == 2);
        const Scratch dir;
        CHECK(gemba_cli({"export", kAssembly, "--json", "--csv", dir.path().string()}).code == 2);
        CHECK(fs::is_empty(dir.path()));
    }
}

TEST_CASE("check accepts every example and refuses a bad file, naming it") {
    for (const std::string& file : {kAssembly, kInvoice, kPlan}) {
        CAPTURE(file);
        const Run r = gemba_cli({"check", file});
        CHECK(r.code == 0);
        CHECK(r.err == "");
        CHECK(contains(r.out, file + ": ok ("));
    }
    CHECK(contains(gemba_cli({"check", kAssembly}).out, "(6 steps, "));

    const Scratch dir;
    const fs::path bad_kind = dir / "bad-kind.json";
    write_text(bad_kind, R"({"format_version": 1, "title": "x", "steps": [],
                             "events": [{"id": 1, "t_ms": 0, "kind": "teleport"}]})");
    const fs::path broken = dir / "broken.json";
    write_text(broken, read_text(kAssembly).substr(0, 500));  // cut off mid-file
    const fs::path newer = dir / "newer.json";
    write_text(newer, R"({"format_version": 6, "title": "from the future", "steps": []})");

    SUBCASE("an unknown event kind") {
        const Run r = gemba_cli({"check", bad_kind.string()});
        CHECK(r.code == 1);
        CHECK(r.out == "");
        CHECK(contains(r.err, bad_kind.string() + ": /events/0/kind: "));
        CHECK(contains(r.err, "teleport"));
    }
    SUBCASE("a file cut short") {
        const Run r = gemba_cli({"check", broken.string()});
        CHECK(r.code == 1);
        CHECK(contains(r.err, broken.string() + ": line "));
    }
    SUBCASE("a newer format version") {
        const Run r = gemba_cli({"check", newer.string()});
        CHECK(r.code == 1);
        CHECK(contains(r.err, newer.string()));
        CHECK(contains(r.err, "newer"));
    }
    SUBCASE("a missing file") {
        const std::string missing = (dir / "missing.json").string();
        const Run r = gemba_cli({"check", missing});
        CHECK(r.code == 1);
        CHECK(contains(r.err, missing));
    }
    SUBCASE("good and bad together: every file is checked, the exit code says one failed") {
        const Run r = gemba_cli({"check", bad_kind.string(), kAssembly});
        CHECK(r.code == 1);
        CHECK(contains(r.out, kAssembly + ": ok"));
        CHECK(contains(r.err, bad_kind.string()));
    }
    SUBCASE("summary of a bad file exits 1 too") {
        const Run r = gemba_cli({"summary", bad_kind.string(), kAssembly});
        CHECK(r.code == 1);
        CHECK(contains(r.err, bad_kind.string()));
        CHECK(contains(r.out, "Cycle time"));  // the good file is still summarized
    }
}

TEST_CASE("summary prints a table with the steps, cycle time, takt and the waste Pareto") {
    const Run r = gemba_cli({"summary", kAssembly});
    CHECK(r.code == 0);
    CHECK(r.err == "");
    const rapidjson::Document session = parse_json(read_text(kAssembly));
    for (const auto& step : session["steps"].GetArray()) CHECK_MESSAGE(contains(r.out, step["name"].GetString()), step["name"].GetString());
    CHECK(contains(r.out, session["title"].GetString()));
    CHECK(contains(r.out, "Cycle time        33.2 s   (one operator: the work content)   takt 30.0 s (CT/takt 1.11"));
    CHECK(contains(r.out, "Work content      33.2 s per unit"));
    // One operator above takt: ⌈33.2 / 30⌉ = 2 stations would be needed; no balance efficiency.
    CHECK(contains(r.out, "Line balance      at least 2 stations to meet takt"));
    CHECK(!contains(r.out, "balance efficiency"));
    CHECK(contains(r.out, "Freq"));
    CHECK(contains(r.out, "flow efficiency 51.6 %"));
    CHECK(contains(r.out, "Waste (Pareto)"));
    CHECK(contains(r.out, "Motion"));
    CHECK(!contains(r.out, "Combined waste tally"));
    // A long step name is cut with an ellipsis and never runs into the class column.
    const Scratch dir;
    std::string plan_text = read_text(kPlan);
    const std::string short_name = "\"Fetch die and tools\"";
    REQUIRE(contains(plan_text, short_name));
    plan_text.replace(plan_text.find(short_name), short_name.size(), "\"Fetch the next die and all its tools\"");
    write_text(dir / "long-name.json", plan_text);
    const Run long_name = gemba_cli({"summary", (dir / "long-name.json").string()});
    CHECK(long_name.code == 0);
    CHECK(contains(long_name.out, "Fetch the next die and… NVA"));

    const Run plan = gemba_cli({"summary", kPlan});
    CHECK(plan.code == 0);
    CHECK(contains(plan.out, "No waste tagged."));
    CHECK(contains(plan.out, "has no valid readings"));
}

TEST_CASE("summary --json matches a hand computation from the example's own events") {
    const Run r = gemba_cli({"summary", "--json", kAssembly});
    REQUIRE(r.code == 0);
    CHECK(r.err == "");
    const rapidjson::Document summary = parse_json(r.out);
    CHECK(summary["summary_format_version"].GetInt() == 1);
    REQUIRE(summary["sessions"].Size() == 1);
    const rapidjson::Value& s = summary["sessions"][0];
    CHECK(std::string(s["file"].GetString()) == kAssembly);
    REQUIRE(s["steps"].Size() == 6);

    const rapidjson::Document file = parse_json(read_text(kAssembly));
    const HandCheck hand = hand_check(file);

    // Fasten 4 screws: 12 readings, one excluded (a phone call). The mean of the other 11.
    const std::int64_t fasten = 3;
    REQUIRE(std::string(file["steps"][2]["name"].GetString()) == "Fasten 4 screws");
    const std::vector<double> fasten_readings = hand.valid_durations(fasten);
    CHECK(fasten_readings.size() == 11);
    CHECK(hand.excluded(fasten) == 1);
    const double fasten_mean = mean_of(fasten_readings);
    CHECK(fasten_mean == doctest::Approx(95'500.0 / 11.0));  // the generator's readings, summed by hand
    const rapidjson::Value* fasten_summary = step_in(s["steps"], fasten);
    REQUIRE(fasten_summary);
    CHECK((*fasten_summary)["valid_n"].GetInt() == 11);
    CHECK((*fasten_summary)["excluded_n"].GetInt() == 1);
    CHECK(near((*fasten_summary)["mean_ms"].GetDouble(), fasten_mean));
    // Normal and standard time of the step from its rating and allowance (allowance on job time).
    const double rating = file["steps"][2]["rating_pct"].GetDouble();
    const double allowance = file["steps"][2]["allowance_pct"].GetDouble();
    CHECK(near((*fasten_summary)["normal_ms"].GetDouble(), fasten_mean * rating / 100.0));
    CHECK(near((*fasten_summary)["standard_ms"].GetDouble(), fasten_mean * rating / 100.0 * (1.0 + allowance / 100.0)));

    // Every step's mean and frequency; the work content Σ mean × frequency. Each of the 12 closed
    // cycles holds each step once (the excluded Fasten reading too): every frequency is 1.
    REQUIRE(hand.closed.size() == 12);
    CHECK(s["cycles_closed"].GetInt() == 12);
    double work_content = 0, value_added = 0;
    for (const auto& step : file["steps"].GetArray()) {
        const std::int64_t id = step["id"].GetInt64();
        CAPTURE(std::string(step["name"].GetString()));
        const std::vector<double> valid = hand.valid_durations(id);
        REQUIRE(!valid.empty());
        const rapidjson::Value* st = step_in(s["steps"], id);
        REQUIRE(st);
        CHECK((*st)["valid_n"].GetUint64() == valid.size());
        CHECK(near((*st)["mean_ms"].GetDouble(), mean_of(valid)));
        CHECK(hand.frequency(id) == 1.0);
        CHECK(near((*st)["frequency"].GetDouble(), 1.0));
        work_content += mean_of(valid) * hand.frequency(id);
        if (std::string(step["value_class"].GetString()) == "value_added") value_added += mean_of(valid);
    }
    // Sums of the valid readings per step (seconds): Walk & pick 59.1 (12), Insert PCB 76.9 (12),
    // Fasten 95.5 (11), Connect harness 50.0 (12), Functional test 67.2 (12), Pack 40.9 (12).
    // Work content = (59.1 + 76.9 + 50.0 + 67.2 + 40.9)/12 + 95.5/11 = 24.508333 + 8.681818
    // = 33.190152 s; lap timing (one operator): cycle time = work content, 33.2 s as before.
    CHECK(work_content == doctest::Approx(33'190.152).epsilon(1e-6));
    CHECK(near(s["work_content_ms"].GetDouble(), work_content));
    CHECK(near(s["cycle_time_ms"].GetDouble(), work_content));
    const double cycle_time = work_content;
    // Value-added: Insert PCB + Fasten + Connect harness = 76.9/12 + 95.5/11 + 50/12 = 19.256818 s.
    CHECK(value_added == doctest::Approx(19'256.818).epsilon(1e-6));
    CHECK(near(s["value_added_ms"].GetDouble(), value_added));
    // Lead time: the mean over the 12 cycles of first start to last end, pause left out:
    // 448.1 s / 12 = 37.341667 s. Flow efficiency = 19.256818 / 37.341667 = 0.515693.
    double lead_total = 0;
    for (std::int64_t cycle : hand.closed) {
        const auto [first, last] = hand.span(cycle);
        lead_total += static_cast<double>(last - first - hand.paused_between(first, last));
    }
    const double lead = lead_total / 12.0;
    CHECK(lead == doctest::Approx(37'341.667).epsilon(1e-6));
    CHECK(near(s["lead_time_ms"].GetDouble(), lead));
    CHECK(near(s["flow_efficiency"].GetDouble(), value_added / lead));
    CHECK(value_added / lead == doctest::Approx(0.515693).epsilon(1e-5));

    // Takt from the file's settings: 27,000,000 ms for 900 units.
    const double takt = static_cast<double>(file["settings"]["takt_available_ms"].GetInt64()) /
                        file["settings"]["takt_demand_units"].GetDouble();
    CHECK(takt == doctest::Approx(30'000.0));
    CHECK(near(s["takt_ms"].GetDouble(), takt));
    // 33.190152 / 30 = 1.106338: above takt.
    CHECK(near(s["cycle_time_over_takt"].GetDouble(), cycle_time / takt));
    CHECK(s["meets_takt"].GetBool() == (cycle_time <= takt));
    CHECK_FALSE(s["meets_takt"].GetBool());
    // Line balance: ⌈33.190152 / 30⌉ = ⌈1.106⌉ = 2 stations at least. Lap timing (one operator,
    // one station): no bottleneck step, no balance efficiency.
    CHECK(s["theoretical_min_stations"].GetInt64() == 2);
    CHECK(s["bottleneck_step_id"].IsNull());
    CHECK(s["balance_efficiency"].IsNull());

    // The waste tally: counts per waste, tags that were undone left out.
    int total = 0;
    for (const auto& w : s["waste_pareto"].GetArray()) {
        const std::string waste = w["waste"].GetString();
        CAPTURE(waste);
        const int expected = hand.waste_counts.count(waste) ? hand.waste_counts.at(waste) : 0;
        CHECK(w["count"].GetInt() == expected);
        total += expected;
    }
    CHECK(s["waste_total"].GetInt() == total);
    CHECK(s["waste_pareto"].Size() == 8);
    std::string top;
    int top_count = -1;
    for (const auto& [waste, count] : hand.waste_counts)
        if (count > top_count) top = waste, top_count = count;
    CHECK(std::string(s["waste_pareto"][0]["waste"].GetString()) == top);
}

TEST_CASE("summary --json numbers read back to the same double, however small or long") {
    // Fasten's mean is 95,500 / 11 ms (hand sum of its 11 valid readings): 17 significant digits,
    // which six decimals would cut.
    const Run r = gemba_cli({"summary", "--json", kAssembly});
    REQUIRE(r.code == 0);
    rapidjson::Document summary;
    summary.Parse<rapidjson::kParseFullPrecisionFlag>(r.out.c_str(), r.out.size());
    REQUIRE(!summary.HasParseError());
    const rapidjson::Value* fasten = step_in(summary["sessions"][0]["steps"], 3);
    REQUIRE(fasten);
    CHECK((*fasten)["mean_ms"].GetDouble() == 95'500.0 / 11.0);

    // A z given directly as a subnormal number (1e-320) is written as such, not as 0.
    const Scratch dir;
    std::string text = read_text(kSource / "tests/golden/v1/complete.json");
    const std::string given = "\"z\": 1.96";
    REQUIRE(text.find(given) != std::string::npos);
    text.replace(text.find(given), given.size(), "\"z\": 1e-320");
    write_text(dir / "tiny-z.json", text);
    const Run tiny = gemba_cli({"summary", "--json", (dir / "tiny-z.json").string()});
    REQUIRE(tiny.code == 0);
    CHECK(contains(tiny.out, "\"z\": 1e-320,"));
}

TEST_CASE("summary --json of the office example matches the hand computation too") {
    const Run r = gemba_cli({"summary", "--json", kInvoice});
    REQUIRE(r.code == 0);
    const rapidjson::Document summary = parse_json(r.out);
    const rapidjson::Value& s = summary["sessions"][0];
    const rapidjson::Document file = parse_json(read_text(kInvoice));
    const HandCheck hand = hand_check(file);
    for (const auto& step : file["steps"].GetArray()) {
        const std::int64_t id = step["id"].GetInt64();
        CAPTURE(std::string(step["name"].GetString()));
        const std::vector<double> valid = hand.valid_durations(id);
        const rapidjson::Value* st = step_in(s["steps"], id);
        REQUIRE(st);
        CHECK((*st)["valid_n"].GetUint64() == valid.size());
        CHECK((*st)["excluded_n"].GetInt() == hand.excluded(id));
        if (!valid.empty()) CHECK(near((*st)["mean_ms"].GetDouble(), mean_of(valid)));
    }

    // Independent timers, 11 invoices; the walk is stored, so all 11 cycles are closed.
    REQUIRE(hand.closed.size() == 11);
    CHECK(s["cycles_closed"].GetInt() == 11);
    CHECK(std::string(s["timing_mode"].GetString()) == "independent");
    // Frequencies: "Resolve mismatch" (step 3) happened in 4 of the 11 cycles; "Match to PO" has
    // 10 valid readings and 1 excluded, one in each cycle: 11/11. The others 11/11.
    const std::map<std::int64_t, double> frequency = {{1, 1.0}, {2, 1.0}, {3, 4.0 / 11.0}, {4, 1.0}, {5, 1.0}};
    double work_content = 0, value_added = 0;
    std::set<std::int64_t> value_added_steps;
    for (const auto& step : file["steps"].GetArray()) {
        const std::int64_t id = step["id"].GetInt64();
        CAPTURE(id);
        if (std::string(step["value_class"].GetString()) == "value_added") value_added_steps.insert(id);
        CHECK(hand.frequency(id) == doctest::Approx(frequency.at(id)));
        CHECK(near((*step_in(s["steps"], id))["frequency"].GetDouble(), frequency.at(id)));
        const double weighted = mean_of(hand.valid_durations(id)) * hand.frequency(id);
        work_content += weighted;
        if (std::string(step["value_class"].GetString()) == "value_added") value_added += weighted;
    }
    // Sums of the valid readings (seconds): Receive 1850 (11), Match 3450 (10), Resolve 3240 (4),
    // Approval 680 (11), Schedule payment 1090 (11). Work content = 1850/11 + 3450/10 +
    // 3240/4 × 4/11 + 680/11 + 1090/11 = 6860/11 + 345 = 968.636 s = 16:08.6 (unweighted, Σ OT
    // would count the 13:30 mismatch in every invoice: 24:44.1).
    CHECK(work_content == doctest::Approx(968'636.36).epsilon(1e-7));
    CHECK(near(s["work_content_ms"].GetDouble(), work_content));
    // Value-added: Receive + Schedule payment = (1850 + 1090)/11 = 267.27 s.
    CHECK(value_added == doctest::Approx(2'940'000.0 / 11).epsilon(1e-9));
    CHECK(near(s["value_added_ms"].GetDouble(), value_added));

    // Cycle time: each step its own station (a clerk, a buyer, a manager... working on different
    // invoices at once), so an invoice comes out as often as the slowest station allows: the
    // largest mean × frequency. From the sums above: Receive 1850/11 = 168.18 s, Match 3450/10 =
    // 345 s, Resolve 3240/4 × 4/11 = 294.55 s, Approval 680/11 = 61.82 s, Schedule 1090/11 =
    // 99.09 s → 345 s = 5:45.0, step 2 "Match to PO & receipt". (The interval between the ends
    // of the cycles, 10 670 s = 2:57:50, is the observer's pace following one invoice at a time.)
    std::int64_t bottleneck = 0;
    double cycle_time = 0;
    std::size_t stations = 0;
    for (const auto& step : file["steps"].GetArray()) {
        const std::int64_t id = step["id"].GetInt64();
        if (hand.valid_durations(id).empty()) continue;
        ++stations;
        const double per_unit = mean_of(hand.valid_durations(id)) * hand.frequency(id);
        if (per_unit > cycle_time) cycle_time = per_unit, bottleneck = id;
    }
    CHECK(cycle_time == doctest::Approx(345'000.0));
    CHECK(bottleneck == 2);
    CHECK(near(s["cycle_time_ms"].GetDouble(), cycle_time));
    CHECK(s["bottleneck_step_id"].GetInt64() == bottleneck);
    // Takt 27 000 000 / 18 = 1 500 000 ms = 25:00; CT/takt = 345 / 1 500 = 0.23: meets takt.
    CHECK(near(s["takt_ms"].GetDouble(), 1'500'000.0));
    CHECK(near(s["cycle_time_over_takt"].GetDouble(), cycle_time / 1'500'000.0));
    CHECK(cycle_time / 1'500'000.0 == doctest::Approx(0.23));
    CHECK(s["meets_takt"].GetBool());
    // Line balance: 5 steps with valid readings; balance efficiency = 968.636 / (5 × 345) =
    // 968.636 / 1 725 = 0.561528; theoretical minimum stations = ⌈968.636 / 1 500⌉ = ⌈0.646⌉ = 1.
    CHECK(stations == 5);
    CHECK(work_content / (5.0 * cycle_time) == doctest::Approx(0.561528).epsilon(1e-5));
    CHECK(near(s["balance_efficiency"].GetDouble(), work_content / (static_cast<double>(stations) * cycle_time)));
    CHECK(s["theoretical_min_stations"].GetInt64() == 1);
    double lead_total = 0, value_added_union = 0;
    for (std::int64_t cycle : hand.closed) {
        const auto [first, last] = hand.span(cycle);
        lead_total += static_cast<double>(last - first - hand.paused_between(first, last));
        std::vector<std::pair<std::int64_t, std::int64_t>> va;
        for (const auto& [id, reading] : hand.readings)
            if (reading.cycle == cycle && reading.end && !reading.excluded && !reading.removed &&
                value_added_steps.count(reading.step))
                va.emplace_back(reading.start, *reading.end);
        value_added_union += static_cast<double>(hand.union_ms(va));
    }
    // Lead: the 11 spans sum to 110 555 s, mean 10 050.45 s = 2:47:30. Flow efficiency = the
    // value-added unions (no overlaps here: 2 940 s) ÷ 110 555 s = 0.026593.
    CHECK(lead_total == doctest::Approx(110'555'000.0));
    CHECK(value_added_union == doctest::Approx(2'940'000.0));
    CHECK(near(s["lead_time_ms"].GetDouble(), lead_total / 11.0));
    CHECK(near(s["flow_efficiency"].GetDouble(), value_added_union / lead_total));
    CHECK(value_added_union / lead_total == doctest::Approx(0.026593).epsilon(1e-4));
}

TEST_CASE("summary of several files adds a combined waste tally") {
    const Run table = gemba_cli({"summary", kAssembly, kInvoice});
    CHECK(table.code == 0);
    CHECK(contains(table.out, "== " + kAssembly + " =="));
    CHECK(contains(table.out, "== " + kInvoice + " =="));
    CHECK(contains(table.out, "Combined waste tally of 2 sessions"));

    const Run json = gemba_cli({"summary", "--json", kAssembly, kInvoice});
    REQUIRE(json.code == 0);
    const rapidjson::Document doc = parse_json(json.out);
    REQUIRE(doc["sessions"].Size() == 2);
    CHECK(std::string(doc["sessions"][0]["file"].GetString()) == kAssembly);
    CHECK(std::string(doc["sessions"][1]["file"].GetString()) == kInvoice);
    std::map<std::string, int> sum;
    for (const auto& session : doc["sessions"].GetArray())
        for (const auto& w : session["waste_pareto"].GetArray()) sum[w["waste"].GetString()] += w["count"].GetInt();
    const auto& combined = doc["combined_waste_pareto"];
    REQUIRE(combined.Size() == 8);
    int previous = 1 << 30;
    for (const auto& w : combined.GetArray()) {
        CAPTURE(std::string(w["waste"].GetString()));
        CHECK(w["count"].GetInt() == sum[w["waste"].GetString()]);
        CHECK(w["count"].GetInt() <= previous);  // Pareto order
        previous = w["count"].GetInt();
    }
}

TEST_CASE("summary --csv has one header with a file column for all files") {
    const Run r = gemba_cli({"summary", "--csv", kAssembly, kInvoice});
    CHECK(r.code == 0);
    CHECK(r.err == "");
    const std::vector<std::string> lines = lines_of(r.out);
    REQUIRE(!lines.empty());
    CHECK(lines[0].rfind("file,", 0) == 0);
    CHECK(lines.size() == 1 + 6 + 5);  // one header, a row per step of each file
    std::size_t assembly_rows = 0, invoice_rows = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        CHECK(lines[i].rfind("file,", 0) != 0);
        assembly_rows += lines[i].rfind(kAssembly + ",", 0) == 0;
        invoice_rows += lines[i].rfind(kInvoice + ",", 0) == 0;
    }
    CHECK(assembly_rows == 6);
    CHECK(invoice_rows == 5);
}

TEST_CASE("export --csv writes five files per session") {
    const Scratch dir;
    const Run r = gemba_cli({"export", kAssembly, kInvoice, "--csv", dir.path().string()});
    CHECK(r.code == 0);
    CHECK(r.err == "");
    std::set<std::string> written;
    for (const auto& entry : fs::directory_iterator(dir.path())) written.insert(entry.path().filename().string());
    const std::set<std::string> expected = {
        "assembly-line.readings.csv",    "assembly-line.steps.csv",    "assembly-line.wastes.csv",
        "assembly-line.waste_tally.csv", "assembly-line.notes.csv",   "invoice-approval.readings.csv",
        "invoice-approval.steps.csv",    "invoice-approval.wastes.csv", "invoice-approval.waste_tally.csv",
        "invoice-approval.notes.csv"};
    CHECK(written == expected);
    for (const std::string& name : expected) {
        CAPTURE(name);
        const std::string text = read_text(dir / name);
        CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0);  // a byte order mark for spreadsheets
        CHECK(lines_of(text).size() >= 2);           // a header and at least one row
        CHECK(contains(r.out, "wrote "));
    }
    // One row per reading: 12 cycles of 6 steps, the excluded one included.
    CHECK(lines_of(read_text(dir / "assembly-line.readings.csv")).size() == 1 + 72);
}

TEST_CASE("export into a folder that does not exist exits 3 and creates nothing") {
    const Scratch dir;
    const fs::path missing = dir / "no-such-folder";
    const Run r = gemba_cli({"export", kAssembly, "--csv", missing.string()});
    CHECK(r.code == 3);
    CHECK(contains(r.err, missing.string()));
    CHECK(!fs::exists(missing));

    const fs::path a_file = dir / "a-file";
    write_text(a_file, "x");
    const Run into_file = gemba_cli({"export", kAssembly, "--csv", a_file.string()});
    CHECK(into_file.code == 3);
    CHECK(contains(into_file.err, "not a folder"));
}

TEST_CASE("export refuses two files whose CSV files would overwrite each other") {
    const Scratch dir;
    fs::create_directories(dir / "a");
    fs::create_directories(dir / "b");
    fs::create_directories(dir / "out");
    fs::copy_file(kAssembly, dir / "a" / "walk.json");
    fs::copy_file(kInvoice, dir / "b" / "walk.json");
    const Run r = gemba_cli(
        {"export", (dir / "a" / "walk.json").string(), (dir / "b" / "walk.json").string(), "--csv", (dir / "out").string()});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "walk"));
    CHECK(fs::is_empty(dir / "out"));
}

TEST_CASE("summary of the office example: frequency column, bottleneck cycle time, work content") {
    const Run r = gemba_cli({"summary", kInvoice});
    CHECK(r.code == 0);
    // Resolve mismatch in 4 of 11 invoices: 4/11 = 0.36.
    bool resolve_row = false;
    for (const std::string& line : lines_of(r.out))
        if (line.rfind("Resolve mismatch", 0) == 0) resolve_row = contains(line, " 0.36 ");
    CHECK(resolve_row);
    // The numbers worked out in the hand check above: CT 345 s = 5:45.0 (Match to PO & receipt),
    // work content 968.636 s = 16:08.6, takt 25:00.0, CT/takt 0.23, balance efficiency 56.15 %
    // → "56.2 %", at least 1 station, flow efficiency 2.66 % → "2.7 %".
    CHECK(contains(r.out, "Cycle time        5:45.0   (bottleneck: Match to PO & receipt)   takt 25:00.0 "
                          "(CT/takt 0.23, meets takt)"));
    CHECK(contains(r.out, "Work content      16:08.6 per unit"));
    CHECK(contains(r.out, "Line balance      balance efficiency 56.2 %   at least 1 station to meet takt"));
    CHECK(contains(r.out, "flow efficiency 2.7 %"));
    CHECK(contains(r.out, "each step taken as its own station"));
    CHECK(!contains(r.out, "interval"));
    CHECK(!contains(r.out, "ABOVE TAKT"));
}

TEST_CASE("tally prints the combined waste tally of several files, as a table or CSV") {
    const HandCheck assembly = hand_check(parse_json(read_text(kAssembly)));
    const HandCheck invoice = hand_check(parse_json(read_text(kInvoice)));
    std::map<std::string, int> sum = assembly.waste_counts;
    for (const auto& [waste, count] : invoice.waste_counts) sum[waste] += count;
    // By hand from the files: waiting 3 + 15 = 18, the most tagged waste of the two.
    CHECK(sum["waiting"] == 18);

    SUBCASE("table") {
        const Run r = gemba_cli({"tally", kAssembly, kInvoice});
        CHECK(r.code == 0);
        CHECK(r.err == "");
        CHECK(contains(r.out, "== Combined waste tally of 2 sessions =="));
        CHECK(contains(r.out, "Waste (Pareto)"));
        const std::vector<std::string> lines = lines_of(r.out);
        REQUIRE(lines.size() >= 3);
        CHECK(lines[2].rfind("Waiting", 0) == 0);
        CHECK(contains(lines[2], " 18 "));
    }
    SUBCASE("CSV: one table, all eight wastes, counts that add up") {
        const Run r = gemba_cli({"tally", "--csv", kAssembly, kInvoice});
        CHECK(r.code == 0);
        CHECK(r.err == "");
        const std::vector<std::string> lines = lines_of(r.out);
        REQUIRE(lines.size() == 1 + 8);
        CHECK(lines[0] == "rank,waste,waste_name,count,share_pct,cumulative_pct,timed_count,timed_s,per_hour");
        int total = 0;
        for (std::size_t i = 1; i < lines.size(); ++i) {
            std::vector<std::string> fields;
            std::istringstream row(lines[i]);
            for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
            REQUIRE(fields.size() >= 4);
            CAPTURE(lines[i]);
            CHECK(fields[0] == std::to_string(i));
            CHECK(std::stoi(fields[3]) == (sum.count(fields[1]) ? sum.at(fields[1]) : 0));
            total += std::stoi(fields[3]);
        }
        CHECK(lines[1].rfind("1,waiting,Waiting,18,", 0) == 0);
        int expected = 0;
        for (const auto& [waste, count] : sum) expected += count;
        CHECK(total == expected);
    }
    SUBCASE("a plan without tags, a bad file, a wrong option") {
        const Run plan = gemba_cli({"tally", kPlan});
        CHECK(plan.code == 0);
        CHECK(contains(plan.out, "== Combined waste tally of 1 session =="));
        CHECK(contains(plan.out, "No waste tagged."));
        const Scratch dir;
        write_text(dir / "bad.json", "{");
        const Run bad = gemba_cli({"tally", (dir / "bad.json").string(), kAssembly});
        CHECK(bad.code == 1);
        CHECK(contains(bad.err, "bad.json"));
        CHECK(contains(bad.out, "Combined waste tally of 1 session"));
        CHECK(gemba_cli({"tally"}).code == 2);
        CHECK(gemba_cli({"tally", kAssembly, "--json"}).code == 2);
    }
}

TEST_CASE("output that cannot be written exits 3 with a message") {
    // /dev/full refuses every write (ENOSPC), as a full disk does.
    REQUIRE(fs::exists("/dev/full"));
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"summary", kAssembly}, {"summary", "--json", kAssembly, kInvoice},
          {"summary", "--csv", kAssembly}, {"tally", kAssembly}, {"check", kAssembly}, {"--help"}}) {
        CAPTURE(args[0]);
        const Scratch io;
        std::string command = shell_quote(GEMBA_CLI_PATH);
        for (const std::string& arg : args) command += " " + shell_quote(arg);
        command += " </dev/null >/dev/full 2>" + shell_quote((io / "stderr").string());
        const int status = std::system(command.c_str());
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 3);
        CHECK(contains(read_text(io / "stderr"), "could not write to the standard output"));
    }
}

TEST_CASE("a takt that is not finite is undefined: no Infinity in JSON, no garbage in the table") {
    // 27 000 000 ms for 1e-310 units loads (a demand above 0), but the quotient is infinite.
    const Scratch dir;
    std::string text = read_text(kAssembly);
    const std::string demand = "\"takt_demand_units\": 900.0";
    REQUIRE(contains(text, demand));
    text.replace(text.find(demand), demand.size(), "\"takt_demand_units\": 1e-310");
    const fs::path file = dir / "tiny-demand.json";
    write_text(file, text);

    const Run json = gemba_cli({"summary", "--json", file.string()});
    REQUIRE(json.code == 0);
    CHECK(!contains(json.out, "Infinity"));
    CHECK(!contains(json.out, "NaN"));
    const rapidjson::Document doc = parse_json(json.out);
    const rapidjson::Value& s = doc["sessions"][0];
    CHECK(s["takt_ms"].IsNull());
    CHECK(s["cycle_time_over_takt"].IsNull());
    CHECK(s["meets_takt"].IsNull());
    bool told = false;
    for (const auto& n : s["notices"].GetArray()) told = told || contains(n.GetString(), "takt: undefined");
    CHECK(told);

    const Run table = gemba_cli({"summary", file.string()});
    CHECK(table.code == 0);
    CHECK(!contains(table.out, "takt "));
    CHECK(contains(table.out, "takt: undefined"));
}

TEST_CASE("an absolute accuracy in the settings: required cycles n = ⌈(z·s / e)²⌉") {
    // The assembly example with accuracy_ms 500 (±0.5 s) at z 1.96: for each step
    // n = ⌈(1.96 · s / 500)²⌉ from the sample SD of its valid readings, computed here by hand.
    const Scratch dir;
    std::string text = read_text(kAssembly);
    const std::string accuracy = "\"accuracy_pct\": 5.0,";
    REQUIRE(contains(text, accuracy));
    text.replace(text.find(accuracy), accuracy.size(), "\"accuracy_pct\": 5.0, \"accuracy_ms\": 500,");
    const fs::path file = dir / "absolute.json";
    write_text(file, text);

    const Run r = gemba_cli({"summary", "--json", file.string()});
    REQUIRE(r.code == 0);
    const rapidjson::Document doc = parse_json(r.out);
    const rapidjson::Value& s = doc["sessions"][0];
    CHECK(s["accuracy_ms"].GetDouble() == 500.0);
    const HandCheck hand = hand_check(parse_json(text));
    std::int64_t largest = 0;
    for (const auto& step : s["steps"].GetArray()) {
        const std::vector<double> valid = hand.valid_durations(step["step_id"].GetInt64());
        const double mean = mean_of(valid);
        double squares = 0;
        for (double v : valid) squares += (v - mean) * (v - mean);
        const double sd = std::sqrt(squares / static_cast<double>(valid.size() - 1));
        const double n = std::pow(1.96 * sd / 500.0, 2);
        const auto expected = static_cast<std::int64_t>(std::ceil(n - 1e-9));
        CAPTURE(std::string(step["name"].GetString()));
        CAPTURE(n);
        CHECK(step["required_cycles"].GetInt64() == expected);
        largest = std::max(largest, expected);
    }
    CHECK(s["required_cycles"].GetInt64() == largest);
    // Walk & pick housing, SD 2.2 s (its long outlier reading): (1.96 · 2.2 / 0.5)² ≈ 74 cycles,
    // far fewer than the 304 of ±5 % of a 4.9 s mean.
    CHECK(largest < 304);

    const Run table = gemba_cli({"summary", file.string()});
    CHECK(contains(table.out, "at ±0.5 s, z = 1.960"));
}

TEST_CASE("no test name holds a semicolon (CTest would split it into tests that run nothing)") {
    for (const auto& entry : fs::directory_iterator(kSource / "tests")) {
        if (entry.path().extension() != ".cpp") continue;
        std::istringstream in(read_text(entry.path()));
        int line_number = 0;
        for (std::string line; std::getline(in, line);) {
            ++line_number;
            for (const char* macro : {"TEST_CASE(\"", "SUBCASE(\""}) {
                const std::size_t at = line.find(macro);
                if (at == std::string::npos) continue;
                const std::size_t from = at + std::string(macro).size();
                const std::string name = line.substr(from, line.find('"', from) - from);
                CHECK_MESSAGE(name.find(';') == std::string::npos,
                              entry.path().filename().string() << ":" << line_number << ": " << name);
            }
        }
    }
}

TEST_CASE("walk runs a whole walk from the standard input, journaled as the app does") {
    const Scratch dir;
    const fs::path plan = dir / "plan.json", walk = dir / "walk.json";
    write_text(plan, R"({"format_version": 1, "title": "Bench", "steps": [
        {"id": 1, "name": "Pick", "value_class": "value_added"},
        {"id": 2, "name": "Place", "value_class": "value_added"}], "events": []})");
    // Runs `gemba-cli walk` with `input` on its standard input.
    const auto walk_with = [&](const std::string& input, const std::vector<std::string>& options) {
        std::vector<std::string> args = {"walk", walk.string()};
        args.insert(args.end(), options.begin(), options.end());
        return gemba_cli(args, input);
    };
    // The saved file's events as "kind@t_ms".
    const auto events_in_file = [&] {
        const rapidjson::Document file = parse_json(read_text(walk));
        std::vector<std::string> events;
        for (const auto& e : file["events"].GetArray())
            events.push_back(std::string(e["kind"].GetString()) + "@" + std::to_string(e["t_ms"].GetInt64()));
        return events;
    };

    // Session time starts at the first tap and moves only with wait.
    const Run first = walk_with("next\nwait 4000\nwaste motion\nwait 1000\nnext\nwait 2000\npause\nwait 5000\npause\n"
                                "wait 3000\nnext\nwait 1000\nstop\nsave\n",
                                {"--plan", plan.string()});
    CHECK(first.code == 0);
    CHECK(first.err == "");
    CHECK_FALSE(fs::exists(dir / "walk.json.journal"));
    CHECK(events_in_file() == std::vector<std::string>{"step_start@0", "waste_tag@4000", "lap@5000", "pause@7000",
                                                       "resume@12000", "lap@15000", "step_end@16000"});
    // Pick 5 s and 1 s (mean 3 s); Place 5,000..15,000 less the 5 s pause = 5 s.
    const auto step_means = [&] {
        const Run summary = gemba_cli({"summary", "--json", walk.string()});
        REQUIRE(summary.code == 0);
        const rapidjson::Document json = parse_json(summary.out);
        const auto& steps = json["sessions"][0]["steps"];
        return std::vector<double>{steps[0]["mean_ms"].GetDouble(), steps[1]["mean_ms"].GetDouble()};
    };
    CHECK(step_means() == std::vector<double>{3000.0, 5000.0});

    // Continued a minute later: the minute is not counted, the first tap goes on from 16,000. The
    // input ends without save, as a crash would: the taps wait in the journal.
    const Run second = walk_with("wait 60000\nnext\nwait 2500\nnext\nstop\n", {});
    CHECK(second.code == 0);
    CHECK(contains(second.out, "not saved"));
    CHECK(fs::exists(dir / "walk.json.journal"));
    CHECK(events_in_file().size() == 7);
    const Run refused = walk_with("next\n", {});
    CHECK(refused.code == 4);
    CHECK(contains(refused.err, "gemba-cli recover"));
    REQUIRE(gemba_cli({"recover", walk.string(), "--yes"}).code == 0);
    CHECK(events_in_file() == std::vector<std::string>{"step_start@0", "waste_tag@4000", "lap@5000", "pause@7000",
                                                       "resume@12000", "lap@15000", "step_end@16000",
                                                       "step_start@16000", "lap@18500", "step_end@18500"});

    // A line that is not a tap is named and skipped; --plan over an existing file is refused.
    const Run bad = walk_with("jump\ntoggle x\nwaste sloth\n", {});
    CHECK(bad.code == 5);
    CHECK(contains(bad.err, "line 1: 'jump' is not a tap"));
    CHECK(contains(bad.err, "line 2: toggle needs a step id"));
    CHECK(contains(bad.err, "line 3: waste needs a waste"));
    CHECK(walk_with("", {"--plan", plan.string()}).code == 2);
}

TEST_CASE("walk's end stops the walk and holds its clock, and recover lists taps at walk-clock times") {
    const Scratch dir;
    const fs::path plan = dir / "plan.json", walk = dir / "walk.json";
    write_text(plan, R"({"format_version": 1, "title": "Bench", "steps": [
        {"id": 1, "name": "Pick", "value_class": "value_added"}], "events": []})");
    // Session times: start 0, pause 2.0 s, resume 5.0 s, end (Pick stopped) 6.0 s; a minute later the
    // next tap goes on from 6.0 s, stopped at 6.5 s. The walk clock leaves the 3 s pause out:
    // 0, 2.0, 2.0, 3.0, 3.0, 3.5 s.
    const Run ran = gemba_cli({"walk", walk.string(), "--plan", plan.string()},
                              "next\nwait 2000\npause\nwait 3000\npause\nwait 1000\nend\nwait 60000\nnext\nwait 500\nstop\n");
    CHECK(ran.code == 0);
    CHECK(ran.err == "");
    const Run listed = gemba_cli({"recover", walk.string()});
    CHECK(listed.code == 4);
    CHECK(contains(listed.out, "6 event(s)"));
    CHECK(contains(listed.out, "  3.5 s  "));
    CHECK(contains(listed.out, "  3.0 s  "));
    CHECK_FALSE(contains(listed.out, "6.5 s"));
    CHECK_FALSE(contains(listed.out, "5.0 s"));
    CHECK(gemba_cli({"walk", walk.string()}, "end\n").code == 4);  // the journal first
}

TEST_CASE("walk --plan refuses a FILE whose journal holds unsaved taps: exit 4, the journal untouched") {
    const Scratch dir;
    const fs::path plan = dir / "plan.json", walk = dir / "walk.json";
    write_text(plan, R"({"format_version": 1, "title": "Bench", "steps": [
        {"id": 1, "name": "Pick", "value_class": "value_added"}], "events": []})");
    const auto walk_with = [&](const std::string& input) {
        return gemba_cli({"walk", walk.string(), "--plan", plan.string()}, input);
    };
    // A new walk never saved: its two taps are in the journal alone, FILE does not exist.
    REQUIRE(walk_with("next\nwait 1000\nnext\n").code == 0);
    REQUIRE_FALSE(fs::exists(walk));
    const std::string journal = read_text(dir / "walk.json.journal");

    const Run again = walk_with("next\n");
    CHECK(again.code == 4);
    CHECK(contains(again.err, "walk.json has a journal of unsaved events"));
    CHECK(contains(again.err, "gemba-cli recover"));
    CHECK(read_text(dir / "walk.json.journal") == journal);
    const Run recovered = gemba_cli({"recover", walk.string()});
    CHECK(recovered.code == 4);  // something to recover
    CHECK(contains(recovered.out, "(never saved): 2 event(s) recorded after the last save can be recovered"));
}

// --- Journals: what is kept, what check and recover say -------------------------------------------

namespace {

const fs::path kBadJournals = kSource / "tests" / "golden" / "bad_journal";

// Runs gemba-cli in `folder` (so that a FILE can be named "-x"), killed after `timeout_s` seconds
// (exit 124), so that a run that blocks fails the test instead of hanging it.
Run gemba_cli_in(const fs::path& folder, const std::vector<std::string>& args, int timeout_s = 120) {
    const Scratch io;
    return run_captured("cd " + shell_quote(folder.string()) + " && timeout " + std::to_string(timeout_s) + " " +
                            cli_command(args) + " </dev/null",
                        io);
}

// The corpus journals' plan (their first record) as a session file: steps 1 Pick and 2 Fasten.
std::string corpus_plan() { return lines_of(read_text(kBadJournals / "bad_crc_middle.journal")).at(2) + "\n"; }

std::vector<fs::path> side_files(const fs::path& folder) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().starts_with("walk.json.journal.unrecovered-")) found.push_back(entry.path());
    return found;
}

}  // namespace

TEST_CASE("recover --yes keeps a journal it could not recover whole in a side file, and says where") {
    const Scratch dir;
    const fs::path walk = dir / "walk.json";
    write_text(walk, corpus_plan());
    // Record 2 (event 1, Pick starts) is sound, record 3 fails its checksum, record 4 is sound.
    const std::string original = read_text(kBadJournals / "bad_crc_middle.journal");
    write_text(dir / "walk.json.journal", original);

    const Run check = gemba_cli({"check", walk.string()});
    CHECK(check.code == 4);
    const Run dry = gemba_cli({"recover", walk.string()});
    CHECK(dry.code == 4);
    CHECK(contains(dry.out, "1 event(s) recorded after the last save can be recovered"));
    CHECK(contains(dry.out, "notice: record 3 is damaged"));
    CHECK(contains(dry.out, "What cannot be recovered will be kept in a file beside it"));
    CHECK(side_files(dir.path()).empty());

    const Run done = gemba_cli({"recover", walk.string(), "--yes"});
    CHECK(done.code == 0);
    const std::vector<fs::path> kept = side_files(dir.path());
    REQUIRE(kept.size() == 1);
    CHECK(read_text(kept[0]) == original);
    CHECK(contains(done.out, "what could not be recovered is kept in " + kept[0].string()));
    CHECK(contains(done.out, "less " + kept[0].string()));
    CHECK_FALSE(fs::exists(dir / "walk.json.journal"));
    // The file took the one sound event before the damage; nothing takes the side file for a journal.
    const Run after = gemba_cli({"check", walk.string()});
    CHECK(after.code == 0);
    CHECK(contains(after.out, "walk.json: ok (2 steps, 1 events)"));
}

TEST_CASE("a journal that holds nothing to recover: check and recover say what it is and exit 1") {
    struct Case {
        const char* journal;
        const char* says;
    };
    const Case cases[] = {
        {"empty.journal", "walk.json.journal: is empty (0 bytes)"},
        {"not_a_journal.journal", "walk.json.journal: is not a Gemba journal"},
        {"header_garbage.journal", "walk.json.journal: line 1: the journal's header is damaged"},
        {"newer_version.journal", "walk.json.journal: journal version 9 is newer than this Gemba reads"},
        {"header_only.journal", "walk.json.journal holds nothing that is not already in"},
        {"event_not_fitting_log.journal", "walk.json.journal holds nothing that can be recovered"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.journal);
        const Scratch dir;
        const fs::path walk = dir / "walk.json";
        write_text(walk, corpus_plan());
        const std::string original = read_text(kBadJournals / c.journal);
        write_text(dir / "walk.json.journal", original);

        const Run check = gemba_cli({"check", walk.string()});
        CHECK(check.code == 1);
        CHECK_MESSAGE(contains(check.err, c.says), check.err);
        CHECK_FALSE(contains(check.err, "unsaved events"));
        const Run recover = gemba_cli({"recover", walk.string()});
        CHECK(recover.code == 1);
        CHECK_MESSAGE(contains(recover.out + recover.err, c.says), (recover.out + recover.err));
        CHECK_FALSE(contains(recover.out, "event(s) recorded after the last save"));
        CHECK(read_text(dir / "walk.json.journal") == original);
        CHECK(read_text(walk) == corpus_plan());
    }
    SUBCASE("recover --yes then keeps records it could not recover aside") {
        const Scratch dir;
        const fs::path walk = dir / "walk.json";
        write_text(walk, corpus_plan());
        const std::string original = read_text(kBadJournals / "event_not_fitting_log.journal");
        write_text(dir / "walk.json.journal", original);
        const Run done = gemba_cli({"recover", walk.string(), "--yes"});
        CHECK(done.code == 0);
        const std::vector<fs::path> kept = side_files(dir.path());
        REQUIRE(kept.size() == 1);
        CHECK(read_text(kept[0]) == original);
        CHECK(gemba_cli({"check", walk.string()}).code == 0);
    }
}

TEST_CASE("a named pipe or a device as FILE is not a regular file: said at once, never read") {
    const Scratch dir;
    const fs::path pipe = dir / "pipe.json";
    REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
    const std::string p = pipe.string();
    // No writer ever opens the pipe: a command that opened it to read would block until the timeout.
    const std::vector<std::vector<std::string>> commands = {
        {"check", p}, {"summary", p}, {"summary", p, "--json"}, {"summary", p, "--csv"}, {"tally", p},
        {"export", p, "--csv", dir.path().string()}, {"recover", p}, {"walk", p},
        {"walk", "new.json", "--plan", p}};
    for (const auto& args : commands) {
        CAPTURE(args[0]);
        CAPTURE(args.size());
        const Run run = gemba_cli_in(dir.path(), args);
        CHECK(run.code == 1);
        CHECK_MESSAGE(contains(run.err, p + ": is not a regular file (it is a named pipe (FIFO))"), run.err);
    }
    const Run device = gemba_cli_in(dir.path(), {"check", "/dev/null"});
    CHECK(device.code == 1);
    CHECK(contains(device.err, "/dev/null: is not a regular file (it is a character device)"));
}

TEST_CASE("-- ends the options: the words after it are files, even '-x' and '--json'") {
    const Scratch dir;
    fs::copy_file(kAssembly, dir / "-x");
    fs::copy_file(kAssembly, dir / "--json");
    const Run checked = gemba_cli_in(dir.path(), {"check", "--", "-x", "--json"});
    CHECK(checked.code == 0);
    CHECK(contains(checked.out, "-x: ok"));
    CHECK(contains(checked.out, "--json: ok"));
    const Run summary = gemba_cli_in(dir.path(), {"summary", "--json", "--", "--json"});
    CHECK(summary.code == 0);
    const rapidjson::Document doc = parse_json(summary.out);
    CHECK(doc.IsObject());
    // Without --, they are options.
    const Run refused = gemba_cli_in(dir.path(), {"check", "-x"});
    CHECK(refused.code == 2);
    CHECK(contains(refused.err, "unknown option '-x'"));
}

TEST_CASE("summary --json of a plan of 3000 steps is whole: written as it is made, one block at a time") {
    // About 1 KB of JSON a step: the text passes the writer's 64 KB block many times over.
    const Scratch dir;
    std::string plan = R"({"format_version": 1, "title": "Long plan", "steps": [)";
    for (int i = 1; i <= 3000; ++i)
        plan += (i > 1 ? ", " : "") + std::string(R"({"id": )") + std::to_string(i) + R"(, "name": "Step )" +
                std::to_string(i) + R"(", "value_class": "value_added"})";
    write_text(dir / "long.json", plan + "]}");
    const Run run = gemba_cli({"summary", "--json", (dir / "long.json").string()});
    REQUIRE(run.code == 0);
    CHECK(run.out.size() > 3000u * 500);
    CHECK(run.out.ends_with("}\n"));
    const rapidjson::Document summary = parse_json(run.out);
    const rapidjson::Value& steps = summary["sessions"][0]["steps"];
    REQUIRE(steps.Size() == 3000);
    for (rapidjson::SizeType i = 0; i < steps.Size(); ++i)
        REQUIRE(steps[i]["name"].GetString() == "Step " + std::to_string(i + 1));
}

// --- The value stream -----------------------------------------------------------------------------
// The two value stream examples were recorded by scripts/make-value-stream-examples from the taps
// written there; the expected numbers below are worked out by hand from those taps (the counts
// typed, the waits between taps) and the templates' settings, with none of Gemba's code.

const std::string kStamping = (kExamples / "stamping-stream.json").string();
const std::string kChange = (kExamples / "change-request-stream.json").string();

const rapidjson::Value* step_by_id(const rapidjson::Value& list, const char* key, std::int64_t id) {
    for (const auto& item : list.GetArray())
        if (item[key].GetInt64() == id) return &item;
    return nullptr;
}

TEST_CASE("summary of the stamping stream: days of inventory = count ÷ demand, lead time and PCE by hand") {
    // Demand 450 a working day of 7.5 h (27,000,000 ms). Counts: coils 2250, stamped 1810 then a
    // -10 tap (1800), welded 900, finished 1530 undone then 1350. Days: 2250/450 = 5, 1800/450 = 4,
    // 900/450 = 2, 1350/450 = 3; waits = days × 27,000,000 ms. Process per unit: stamping 2 s,
    // welding (40+38+42)/3 = 40 s, assembly (50+52+48)/3 = 50 s, shipping 30 s: 122 s, of which
    // value-added 92 s (shipping is NNVA). Lead time = 14 days × 27,000,000 + 122,000 ms.
    const Run r = gemba_cli({"summary", "--json", kStamping});
    REQUIRE(r.code == 0);
    CHECK(r.err == "");
    const rapidjson::Document doc = parse_json(r.out);
    REQUIRE(doc["sessions"][0].HasMember("value_stream"));
    const rapidjson::Value& vs = doc["sessions"][0]["value_stream"];
    CHECK(vs["demand_per_day"].GetDouble() == 450.0);
    CHECK(vs["takt_ms"].GetDouble() == 60'000.0);
    const std::int64_t counts[] = {2250, 1800, 900, 1350};
    const double seen[] = {1, 2, 1, 1}, means[] = {2250, 1805, 900, 1350};
    REQUIRE(vs["queues"].Size() == 4);
    for (rapidjson::SizeType q = 0; q < 4; ++q) {
        CAPTURE(q);
        const rapidjson::Value& queue = vs["queues"][q];
        CHECK(queue["before_step_id"].GetInt64() == q + 1);
        CHECK(queue["last_count"].GetInt64() == counts[q]);
        CHECK(queue["counts_seen"].GetInt64() == seen[q]);
        CHECK(queue["mean_count"].GetDouble() == doctest::Approx(means[q]));
        CHECK(queue["days"].GetDouble() == doctest::Approx(static_cast<double>(counts[q]) / 450.0));
        CHECK(queue["wait_ms"].GetDouble() == doctest::Approx(static_cast<double>(counts[q]) / 450.0 * 27'000'000.0));
        CHECK(!queue["over_limit"].GetBool());
    }
    CHECK(vs["queues"][2]["wip_limit"].GetInt64() == 1000);
    // The walk to the next station is the timed gap: 3 s, 5 s, 10 s, shown beside the queue's wait,
    // which wins.
    const double process[] = {2'000, 40'000, 50'000, 30'000};
    const double gaps[] = {0, 3'000, 5'000, 10'000};
    for (rapidjson::SizeType i = 0; i < 4; ++i) {
        CAPTURE(i);
        const rapidjson::Value& step = vs["steps"][i];
        CHECK(step["process_ms"].GetDouble() == doctest::Approx(process[i]));
        CHECK(step["wait_source"].GetString() == std::string("queue"));
        CHECK(step["wait_ms"].GetDouble() == doctest::Approx(static_cast<double>(counts[i]) / 450.0 * 27'000'000.0));
        if (i == 0) CHECK(step["observed_wait_ms"].IsNull());
        else CHECK(step["observed_wait_ms"].GetDouble() == doctest::Approx(gaps[i]));
    }
    CHECK(vs["steps"][2]["touched_by"].Size() == 2);
    CHECK(vs["steps"][0]["batch_size"].GetInt64() == 500);
    CHECK(vs["total_wait_ms"].GetDouble() == doctest::Approx(378'000'000.0));
    CHECK(vs["total_process_ms"].GetDouble() == doctest::Approx(122'000.0));
    CHECK(vs["lead_time_ms"].GetDouble() == doctest::Approx(378'122'000.0));
    CHECK(vs["lead_time_days"].GetDouble() == doctest::Approx(378'122'000.0 / 27'000'000.0));
    CHECK(vs["value_added_ms"].GetDouble() == doctest::Approx(92'000.0));
    CHECK(vs["pce"].GetDouble() == doctest::Approx(92'000.0 / 378'122'000.0));  // 0.0243 %
    CHECK(vs["longest_wait_step_id"].GetInt64() == 1);
    CHECK(vs["over_limit_queue_ids"].Size() == 0);

    const Run text = gemba_cli({"summary", kStamping});
    REQUIRE(text.code == 0);
    CHECK(contains(text.out, "Value stream      demand 450 per working day   working day 7.5 h   takt 1 min"));
    CHECK(contains(text.out, "Stamped brackets        Welding                 2    1800      1805    4.00     4 days"));
    CHECK(contains(text.out, "Welding                 VA          40 s       4 days  queue count (Little's law)       4 days       3 s  Welder"));
    CHECK(contains(text.out, "Production lead time  14 days = waits 14 days + process 2 min   value-added 1.5 min   PCE 0.024 %"));
    CHECK(contains(text.out, "Longest wait          Stamping (5 days)"));
}

TEST_CASE("summary of the change request stream: a board column over its WIP limit, a timed wait where no column is") {
    // Demand 4 changes a working day of 8 h (28,800,000 ms). Columns: backlog 20 (5 days), ready for
    // dev 4 (1 day, limit 5), ready for review 5 then +1 = 6 (1.5 days, over its limit of 3), ready
    // for test 2 (0.5 day). Release has no column: its wait is the timed gap after the test, 20 and
    // 40 min in the two changes = 30 min. Process: triage (9+11)/2 = 10 min, build (130+110)/2 =
    // 120 min, review (25+35)/2 = 30 min, test (40+50)/2 = 45 min, release 15 min: 220 min; VA =
    // build + release = 135 min. Lead time = 8 days × 28,800,000 + 1,800,000 + 13,200,000 ms.
    const Run r = gemba_cli({"summary", "--json", kChange});
    REQUIRE(r.code == 0);
    const rapidjson::Document doc = parse_json(r.out);
    const rapidjson::Value& vs = doc["sessions"][0]["value_stream"];
    const rapidjson::Value* review = step_by_id(vs["queues"], "queue_id", 3);
    REQUIRE(review);
    CHECK((*review)["last_count"].GetInt64() == 6);
    CHECK((*review)["mean_count"].GetDouble() == 5.5);
    CHECK((*review)["days"].GetDouble() == 1.5);
    CHECK((*review)["over_limit"].GetBool());
    CHECK(!(*step_by_id(vs["queues"], "queue_id", 2))["over_limit"].GetBool());
    REQUIRE(vs["over_limit_queue_ids"].Size() == 1);
    CHECK(vs["over_limit_queue_ids"][0].GetInt64() == 3);
    const rapidjson::Value* release = step_by_id(vs["steps"], "step_id", 5);
    REQUIRE(release);
    CHECK((*release)["wait_source"].GetString() == std::string("observed"));
    CHECK((*release)["queue_wait_ms"].IsNull());
    CHECK((*release)["observed_wait_ms"].GetDouble() == doctest::Approx(1'800'000.0));
    CHECK(vs["total_wait_ms"].GetDouble() == doctest::Approx(8 * 28'800'000.0 + 1'800'000.0));
    CHECK(vs["total_process_ms"].GetDouble() == doctest::Approx(13'200'000.0));
    CHECK(vs["lead_time_ms"].GetDouble() == doctest::Approx(245'400'000.0));
    CHECK(vs["lead_time_days"].GetDouble() == doctest::Approx(245'400'000.0 / 28'800'000.0));
    CHECK(vs["value_added_ms"].GetDouble() == doctest::Approx(8'100'000.0));
    CHECK(vs["pce"].GetDouble() == doctest::Approx(8'100'000.0 / 245'400'000.0));  // 3.30 %
    CHECK(vs["longest_wait_step_id"].GetInt64() == 1);

    const Run text = gemba_cli({"summary", kChange});
    CHECK(contains(text.out, "Ready for review        Code review             2       6       5.5    1.50   1.5 days          3  OVER LIMIT"));
    CHECK(contains(text.out, "Release                 VA        15 min       30 min  timed on the walk                     —    30 min"));
    CHECK(contains(text.out, "Production lead time  8.5 days = waits 8.1 days + process 3.7 h   value-added 2.2 h   PCE 3.3 %"));
    CHECK(contains(text.out, "over WIP limit: Ready for review (6 > 3)"));
}

TEST_CASE("a v1 session says nothing of a value stream: no text, no JSON member, no CSV columns") {
    const Run text = gemba_cli({"summary", kAssembly});
    CHECK(!contains(text.out, "Value stream"));
    const rapidjson::Document doc = parse_json(gemba_cli({"summary", "--json", kAssembly}).out);
    CHECK(!doc["sessions"][0].HasMember("value_stream"));
    CHECK(!contains(gemba_cli({"summary", "--csv", kAssembly}).out, "wait_s"));

    // With a session that maps one, the CSV table gains the value stream's columns, empty for the other.
    const Run csv = gemba_cli({"summary", "--csv", kAssembly, kStamping});
    REQUIRE(csv.code == 0);
    const std::vector<std::string> lines = lines_of(csv.out);
    // One header, a row per step; Assembly's two people are one quoted cell on two lines.
    REQUIRE(lines.size() == 1 + 6 + 4 + 1);
    CHECK(lines[9].ends_with(",\"Assembler"));
    CHECK(lines[0].ends_with(",touched_by,vs_process_s,wait_s,wait_source,queue_wait_s,timed_wait_s,queue_days"));
    CHECK(lines[1].ends_with(",,,,,,,"));
    CHECK(lines[8].ends_with(",Welder,40.000,108000.000,queue,108000.000,3.000,4.000000"));
}

TEST_CASE("a demand of 0 is named in the summary: /settings/takt_demand_units, no days") {
    const Scratch dir;
    std::string plan = read_text(kSource / "data" / "templates" / "stamping-stream.json");
    const std::string demand = "\"takt_demand_units\": 450.0";
    REQUIRE(contains(plan, demand));
    plan.replace(plan.find(demand), demand.size(), "\"takt_demand_units\": 0");
    write_text(dir / "zero.json", plan);
    const Run text = gemba_cli({"summary", (dir / "zero.json").string()});
    CHECK(text.code == 0);
    CHECK(contains(text.out, "demand per day is 0 (/settings/takt_demand_units)"));
    const rapidjson::Document doc = parse_json(gemba_cli({"summary", "--json", (dir / "zero.json").string()}).out);
    const rapidjson::Value& vs = doc["sessions"][0]["value_stream"];
    CHECK(vs["demand_per_day"].IsNull());
    CHECK(vs["takt_ms"].IsNull());
    bool named = false;
    for (const auto& notice : vs["notices"].GetArray())
        named = named || contains(notice.GetString(), "/settings/takt_demand_units");
    CHECK(named);
}

TEST_CASE("check names the place of a bad count, an unknown queue and a WIP limit of 0") {
    const fs::path bad = kSource / "tests" / "golden" / "bad";
    const std::pair<const char*, const char*> cases[] = {
        {"queue_count_negative.json", ": /events/0/count: must not be negative, found -3"},
        {"queue_count_unknown_queue.json", ": /events/0: event 1: count of queue 7, which the plan does not have"},
        {"wip_limit_zero.json", ": /queues/0/wip_limit: must be at least 1, found 0"},
    };
    for (const auto& [name, message] : cases) {
        CAPTURE(name);
        const std::string file = (bad / name).string();
        const Run r = gemba_cli({"check", file});
        CHECK(r.code == 1);
        CHECK(r.out == "");
        CHECK(contains(r.err, file + message));
    }
}

TEST_CASE("walk counts queues: a typed count, +N and -N taps, undo, and export writes the counts and the map") {
    const Scratch dir;
    const std::string walk = (dir / "walk.json").string();
    const std::string plan = (kSource / "data" / "templates" / "change-request-stream.json").string();
    const Run r = gemba_cli({"walk", walk, "--plan", plan},
                            "count 2 4\nwait 1000\ncount 2 +1\nwait 1000\ncount 3 7\nundo\ncount 3 -1\ncount 9 1\n"
                            "count 2\ncount 2 -9\nsave\n");
    // count 3 -1 of an empty column (0 - 1) and a queue the plan lacks are refused; "count 2" is not a tap.
    CHECK(r.code == 5);
    CHECK(contains(r.err, "line 7: "));
    CHECK(contains(r.err, "line 8: the plan has no queue 9"));
    CHECK(contains(r.err, "line 9: count needs a queue id and a number"));
    CHECK(contains(r.err, "line 10: "));
    const Run exported = gemba_cli({"export", walk, "--csv", dir.path().string()});
    REQUIRE(exported.code == 0);
    const std::vector<std::string> counts = lines_of(read_text(dir / "walk.counts.csv"));
    REQUIRE(counts.size() == 3);  // the undone count of 7 is left out
    CHECK(counts[0] == "\xEF\xBB\xBF" "count_id,time_s,queue_id,queue,step_id,step,count,wip_limit");
    CHECK(counts[1] == "1,0.000,2,Ready for dev,2,Build the change,4,5");
    CHECK(counts[2] == "2,1.000,2,Ready for dev,2,Build the change,5,5");
    CHECK(fs::is_regular_file(dir / "walk.value_stream.csv"));
}

TEST_CASE("export of the stamping stream: pandas reads the counts and the map, the lead time adds up") {
    const Scratch dir;
    const Run r = gemba_cli({"export", kStamping, "--csv", dir.path().string()});
    REQUIRE(r.code == 0);
    CHECK(contains(r.out, "stamping-stream.counts.csv"));
    CHECK(contains(r.out, "stamping-stream.value_stream.csv"));
    const fs::path script = dir / "check.py";
    // Hand values: counts 2250, 1810, 900, 1350, 1800 (1530 was undone) at walk-clock 0 s, 45 s, ...;
    // lead time 14 days × 27,000 s + 122 s = 378,122 s; days of the stamped brackets 1800 / 450 = 4.
    write_text(script, R"(import sys, pandas
d = sys.argv[1] + "/stamping-stream."
c = pandas.read_csv(d + "counts.csv", encoding="utf-8-sig")
assert list(c["count"]) == [2250, 1810, 900, 1350, 1800], list(c["count"])
assert list(c["queue"]) == ["Steel coils", "Stamped brackets", "Welded brackets", "Finished goods", "Stamped brackets"], c
assert list(c["step"])[0] == "Stamping" and c["time_s"][0] == 0 and c["time_s"][1] == 45, c
v = pandas.read_csv(d + "value_stream.csv", encoding="utf-8-sig")
steps = v[v["kind"] == "step"]
assert list(steps["name"]) == ["Stamping", "Welding", "Assembly", "Shipping"], steps
assert abs((steps["wait_s"] + steps["process_s"]).sum() - 378122) < 1e-6, steps
queues = v[v["kind"] == "queue"]
assert list(queues["name"]) == ["Steel coils", "Stamped brackets", "Welded brackets", "Finished goods"], queues
assert abs(queues[queues["name"] == "Stamped brackets"]["days"].iloc[0] - 4) < 1e-9, queues
assert list(v["kind"]) == ["queue", "step"] * 4, v
)");
    const std::string command = "/usr/bin/python3 " + shell_quote(script.string()) + " " + shell_quote(dir.path().string());
    CHECK(std::system(command.c_str()) == 0);
}
