// gemba-cli from the outside: the program is run as a user runs it, its stdout, stderr and exit
// code captured. The numbers of `summary --json` are checked against a hand computation made here
// from the example file's own events, with none of Gemba's code.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <sys/wait.h>
#include <unistd.h>

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

namespace fs = std::filesystem;

namespace {

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

std::string shell_quote(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

Run gemba_cli(const std::vector<std::string>& args) {
    const Scratch io;
    std::string command = shell_quote(GEMBA_CLI_PATH);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    command += " </dev/null >" + shell_quote((io / "stdout").string()) + " 2>" + shell_quote((io / "stderr").string());
    const int status = std::system(command.c_str());
    Run run;
    REQUIRE_MESSAGE(status != -1, "could not run " << command);
    run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = read_text(io / "stdout");
    run.err = read_text(io / "stderr");
    return run;
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
};

struct HandCheck {
    std::map<std::int64_t, HandReading> readings;  // by the id of the event that started each
    std::map<std::string, int> waste_counts;
    std::vector<std::pair<std::int64_t, std::int64_t>> pauses;

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
            h.readings[id] = HandReading{step, t, std::nullopt, false, false};
            running[step] = id;
        };
        if (kind == "step_start") {
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
            h.readings[id] = HandReading{int_of(e, "step"), int_of(e, "start_ms"), int_of(e, "end_ms"), false, false};
        } else if (kind == "waste_tag" || kind == "waste_start") {
            tag_waste[id] = e["waste"].GetString();
        } else if (kind == "retag") {
            tag_waste.at(int_of(e, "target")) = e["waste"].GetString();
        } else if (kind == "remove" || kind == "restore") {
            const std::int64_t target = int_of(e, "target");
            if (h.readings.count(target)) h.readings[target].removed = kind == "remove";
            else REQUIRE_MESSAGE(!tag_waste.count(target), "the hand check does not handle deleted tags");
        } else {
            REQUIRE_MESSAGE((kind == "cycle" || kind == "note" || kind == "waste_end" || kind == "edit_note"),
                            "the hand check does not handle '" << kind << "'");
        }
    }
    REQUIRE(!paused_at);
    for (const auto& [tag, waste] : tag_waste) ++h.waste_counts[waste];
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
        for (const char* part : {"Usage", "summary", "check", "export", "--json", "--csv", "--version", "Exit codes"})
            CHECK_MESSAGE(contains(r.out, part), part);
        const std::string codes = r.out.substr(r.out.find("Exit codes"));
        for (const char* code : {"0  ", "1  ", "2  ", "3  "}) CHECK_MESSAGE(contains(codes, code), code);
    }
}

TEST_CASE("--version names the program and the session format") {
    const Run r = gemba_cli({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("gemba-cli ", 0) == 0);
    CHECK(contains(r.out, "session format 1"));
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
    write_text(newer, R"({"format_version": 2, "title": "from the future", "steps": []})");

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
    CHECK(contains(r.out, "Cycle time"));
    CHECK(contains(r.out, "takt 30.0 s"));
    CHECK(contains(r.out, "flow efficiency"));
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

    // Every step's mean, and the cycle time as their sum (one operator does every step).
    double cycle_time = 0;
    for (const auto& step : file["steps"].GetArray()) {
        const std::int64_t id = step["id"].GetInt64();
        CAPTURE(std::string(step["name"].GetString()));
        const std::vector<double> valid = hand.valid_durations(id);
        REQUIRE(!valid.empty());
        const rapidjson::Value* st = step_in(s["steps"], id);
        REQUIRE(st);
        CHECK((*st)["valid_n"].GetUint64() == valid.size());
        CHECK(near((*st)["mean_ms"].GetDouble(), mean_of(valid)));
        cycle_time += mean_of(valid);
    }
    CHECK(near(s["cycle_time_ms"].GetDouble(), cycle_time));

    // Takt from the file's settings: 27,000,000 ms for 900 units.
    const double takt = static_cast<double>(file["settings"]["takt_available_ms"].GetInt64()) /
                        file["settings"]["takt_demand_units"].GetDouble();
    CHECK(takt == doctest::Approx(30'000.0));
    CHECK(near(s["takt_ms"].GetDouble(), takt));
    CHECK(near(s["cycle_time_over_takt"].GetDouble(), cycle_time / takt));
    CHECK(s["meets_takt"].GetBool() == (cycle_time <= takt));

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

TEST_CASE("export --csv writes four files per session") {
    const Scratch dir;
    const Run r = gemba_cli({"export", kAssembly, kInvoice, "--csv", dir.path().string()});
    CHECK(r.code == 0);
    CHECK(r.err == "");
    std::set<std::string> written;
    for (const auto& entry : fs::directory_iterator(dir.path())) written.insert(entry.path().filename().string());
    const std::set<std::string> expected = {
        "assembly-line.readings.csv",    "assembly-line.steps.csv",    "assembly-line.wastes.csv",
        "assembly-line.waste_tally.csv", "invoice-approval.readings.csv", "invoice-approval.steps.csv",
        "invoice-approval.wastes.csv",   "invoice-approval.waste_tally.csv"};
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
