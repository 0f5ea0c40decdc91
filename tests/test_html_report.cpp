// The HTML report: built from core (escaping, the inert session data, the appendix limit), written
// by `gemba-cli report`, parsed by a strict HTML5 parser (html5lib) and loaded in a real browser
// (Chromium headless): no console message and no blocked load, and the numbers of its DOM equal
// `gemba-cli summary --json` (tests/report_check.py). Screenshots at 1280 and 390 px and a PDF of
// the assembly-line example are left in build/tests/report/ to be looked at.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/file/session_file.hpp"
#include "core/log/log_state.hpp"
#include "core/report/html_report.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace gemba;
using gemba::test::read_all;
using gemba::test::shell_quote;
using gemba::test::TempFolder;
using gemba::test::write_all;

namespace {

const fs::path kSource = GEMBA_SOURCE_DIR;
const fs::path kExamples = kSource / "data" / "examples";
const std::string kCli = GEMBA_CLI_PATH;
const std::string kPython = "/usr/bin/python3";
const std::string kCheck = (kSource / "tests" / "report_check.py").string();
const std::vector<std::string> kExampleNames = {"assembly-line", "invoice-approval", "stamping-stream",
                                                "change-request-stream", "plan-only"};

// Runs a shell command; its exit code (-1 when it did not exit normally).
int run(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The folder the browser's pictures are left in, for a person to look at.
fs::path output_folder() {
    const fs::path folder = fs::current_path() / "report";
    fs::create_directories(folder);
    return folder;
}

struct Loaded {
    Session session;
    LogState state;
    SessionSummary summary;
};

Loaded load(const fs::path& file) {
    LoadResult result = load_session(file.string());
    REQUIRE_MESSAGE(result.ok(), file.string());
    Loaded loaded{std::move(*result.session), std::move(result.state), {}};
    loaded.summary = summarize(loaded.session, loaded.state);
    return loaded;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Chromium must be there: a browser test that passes without a browser proves nothing.
void require_chromium() {
    REQUIRE_MESSAGE(run("command -v chromium >/dev/null 2>&1") == 0,
                    "chromium is missing: run scripts/install-deps --test");
}

void require_python_html5lib() {
    REQUIRE_MESSAGE(run(kPython + " -c 'import html5lib' >/dev/null 2>&1") == 0,
                    "python3-html5lib is missing: run scripts/install-deps --test");
}

// chromium --headless with a profile of its own in `scratch`; stderr (its log) into `log`.
std::string chromium(const TempFolder& scratch, const std::string& arguments, const fs::path& log) {
    return "timeout 180 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=" +
           shell_quote((scratch / "profile").string()) + " --enable-logging=stderr --v=0 " + arguments + " 2>" +
           shell_quote(log.string());
}

std::string file_url(const fs::path& path) { return "file://" + fs::absolute(path).string(); }

// The console lines of a Chromium log: console.* calls, errors and every load the CSP blocked.
std::vector<std::string> console_lines(const fs::path& log) {
    std::vector<std::string> lines;
    const std::string text = read_all(log);
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        if (line.find("CONSOLE") != std::string::npos) lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::string report_of(const std::vector<std::string>& files, const fs::path& out, const std::string& extra = "") {
    std::string command = shell_quote(kCli) + " report";
    for (const std::string& file : files) command += " " + shell_quote(file);
    return command + " -o " + shell_quote(out.string()) + extra + " >/dev/null";
}

}  // namespace

TEST_CASE("report: user text is escaped and the session JSON is embedded as inert data") {
    Session session;
    session.title = "Line 3 </script><img src=x onerror=alert(1)> & \"more\"";
    session.notes = "<!-- not a comment -->";
    session.steps = {Step{1, "Pick <b>", ValueClass::value_added}};
    const LogState state = LogState::replay(session);
    const SessionSummary summary = summarize(session, state);
    const std::string html = html_report({{"walk.json", &session, &state, &summary, nullptr}});

    CHECK(html.find("<img src=x") == std::string::npos);
    CHECK(html.find("Line 3 &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;more&quot;") != std::string::npos);
    CHECK(html.find("Pick &lt;b&gt;") != std::string::npos);
    CHECK(html.find("&lt;!-- not a comment --&gt;") != std::string::npos);
    // One <script>, a JSON data block, in which no '<' is left to end it early.
    CHECK(occurrences(html, "<script") == 1);
    const std::size_t open = html.find("<script type=\"application/json\" id=\"gemba-session-0\">");
    REQUIRE(open != std::string::npos);
    const std::size_t body = html.find('>', open) + 1;
    const std::size_t close = html.find("</script>", body);
    const std::string data = html.substr(body, close - body);
    CHECK(data.find('<') == std::string::npos);
    CHECK(data.find("\\u003c/script>\\u003cimg src=x") != std::string::npos);
    // It reads back as the session.
    const LoadResult back = parse_session(data, "embedded");
    REQUIRE(back.ok());
    CHECK(back.session->title == session.title);
    CHECK(back.session->notes == session.notes);
    // No request possible: a CSP that forbids every load, and nothing that would load.
    CHECK(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"") != std::string::npos);
    // The only address is the SVG namespace's, a name that is never loaded.
    std::string without_namespace = html;
    for (std::size_t at; (at = without_namespace.find("http://www.w3.org/2000/svg")) != std::string::npos;)
        without_namespace.erase(at, 26);
    CHECK(without_namespace.find("http://") == std::string::npos);
    CHECK(without_namespace.find("https://") == std::string::npos);
    CHECK(without_namespace.find("url(") == std::string::npos);
}

TEST_CASE("report: the appendix of readings is left out above the limit, and the report says so") {
    const Loaded a = load(kExamples / "assembly-line.json");
    std::size_t readings = 0;
    for (const Reading& r : a.state.readings()) readings += r.removed ? 0 : 1;
    REQUIRE(readings > 2);
    const ReportSession session{"assembly-line.json", &a.session, &a.state, &a.summary, nullptr};

    const std::string full = html_report({session}, {.appendix_reading_limit = readings});
    CHECK(occurrences(full, "<table class=\"readings\">") == 1);
    CHECK(full.find("appendix-left-out") == std::string::npos);

    const std::string cut = html_report({session}, {.appendix_reading_limit = readings - 1});
    CHECK(cut.find("<table class=\"readings\">") == std::string::npos);
    CHECK(cut.find("The " + std::to_string(readings) + " readings are left out of this report (more than " +
                   std::to_string(readings - 1) + ")") != std::string::npos);
}

TEST_CASE("report: a long walk's timeline and bare waste tags are left out above their limits, and said so") {
    Loaded a = load(kExamples / "assembly-line.json");
    const ReportSession session{"assembly-line.json", &a.session, &a.state, &a.summary, nullptr};
    const std::string full = html_report({session});
    CHECK(occurrences(full, "<svg") == 3);  // yamazumi, Pareto, timeline
    CHECK(full.find("timeline-left-out") == std::string::npos);
    CHECK(full.find("tags-left-out") == std::string::npos);
    const std::size_t tag_rows = occurrences(full, "<tr><td class=\"n\">");

    const std::string cut = html_report({session}, {.timeline_reading_limit = 1, .tag_list_limit = 1});
    CHECK(occurrences(cut, "<svg") == 2);
    CHECK(cut.find("The timeline is left out: its 72 readings (more than 1)") != std::string::npos);
    CHECK(cut.find("Of the 13 tags (more than 1), only those with a note are listed") != std::string::npos);
    // Every tag of the example has a note: all stay listed. Without their notes, none is.
    CHECK(occurrences(cut, "<tr><td class=\"n\">") == tag_rows);
    for (Event& event : a.session.events)
        if (event.kind == EventKind::waste_tag || event.kind == EventKind::waste_start) event.text = std::string();
    a.state = LogState::replay(a.session);
    CHECK(occurrences(html_report({session}, {.tag_list_limit = 1}), "<tr><td class=\"n\">") == tag_rows - 13);
}

TEST_CASE("report: paper size, page numbers and print rules") {
    const Loaded a = load(kExamples / "assembly-line.json");
    const ReportSession session{"a.json", &a.session, &a.state, &a.summary, nullptr};
    const std::string a4 = html_report({session});
    CHECK(a4.find("@page { size: A4;") != std::string::npos);
    CHECK(a4.find("counter(page)") != std::string::npos);
    CHECK(a4.find("thead { display: table-header-group; }") != std::string::npos);
    CHECK(a4.find("print-color-adjust: exact") != std::string::npos);
    CHECK(a4.find("break-inside: avoid") != std::string::npos);
    const std::string letter = html_report({session}, {.paper = PaperSize::letter});
    CHECK(letter.find("@page { size: letter;") != std::string::npos);
}

TEST_CASE("report: several sessions get a section each and a combined waste tally") {
    const Loaded a = load(kExamples / "assembly-line.json");
    const Loaded b = load(kExamples / "invoice-approval.json");
    const std::string html = html_report({{"a.json", &a.session, &a.state, &a.summary, nullptr},
                                          {"b.json", &b.session, &b.state, &b.summary, nullptr}});
    CHECK(occurrences(html, "<section class=\"session\"") == 2);
    CHECK(occurrences(html, "<script type=\"application/json\"") == 2);
    CHECK(occurrences(html, "data-part=\"combined_waste_pareto\"") == 1);
    CHECK(html.find("Combined waste tally of 2 sessions") != std::string::npos);
    // Each chart in a figure with a caption.
    CHECK(occurrences(html, "<figure><figcaption>") == occurrences(html, "<svg"));
}

TEST_CASE("report: report_path_for puts NAME.report.html beside the session") {
    CHECK(report_path_for("/data/walk.json") == "/data/walk.report.html");
    CHECK(report_path_for("walk") == "walk.report.html");
    CHECK(report_path_for("/a.b/walk") == "/a.b/walk.report.html");
    CHECK(report_path_for("/data/.hidden") == "/data/.hidden.report.html");
}

TEST_CASE("gemba-cli report: a bad FILE writes nothing and is named, and an existing report stays as it was") {
    TempFolder folder;
    const fs::path out = folder / "report.html";
    const fs::path bad = folder / "broken.json";
    write_all(bad, "{\"format_version\": 2, \"title\": ");
    const std::string good = (kExamples / "assembly-line.json").string();

    const fs::path err = folder / "err.txt";
    CHECK(run(shell_quote(kCli) + " report " + shell_quote(good) + " " + shell_quote(bad.string()) + " -o " +
              shell_quote(out.string()) + " >/dev/null 2>" + shell_quote(err.string())) == 1);
    CHECK_FALSE(fs::exists(out));
    const std::string message = read_all(err);
    CHECK(message.find(bad.string()) != std::string::npos);
    CHECK(message.find("no report written") != std::string::npos);

    write_all(out, "before");
    CHECK(run(report_of({good, bad.string()}, out) + " 2>/dev/null") == 1);
    CHECK(read_all(out) == "before");
    CHECK(folder.entries() == std::vector<std::string>{"broken.json", "err.txt", "report.html"});

    CHECK(run(report_of({good}, out)) == 0);
    CHECK(read_all(out).starts_with("<!DOCTYPE html>"));
    // A folder that is not there: exit 3, the file named.
    const fs::path nowhere = folder / "missing" / "report.html";
    CHECK(run(report_of({good}, nowhere) + " 2>" + shell_quote(err.string())) == 3);
    CHECK(read_all(err).find(nowhere.string()) != std::string::npos);
    CHECK(run(shell_quote(kCli) + " report " + shell_quote(good) + " >/dev/null 2>&1") == 2);      // no -o
    CHECK(run(report_of({good}, out, " --paper a5") + " 2>/dev/null") == 2);                      // no such paper
}

TEST_CASE("report: every example's report parses as HTML5 with no error (html5lib, strict)") {
    require_python_html5lib();
    TempFolder folder;
    std::vector<std::string> all;
    for (const std::string& name : kExampleNames) {
        CAPTURE(name);
        const std::string file = (kExamples / (name + ".json")).string();
        all.push_back(file);
        const fs::path out = folder / (name + ".html");
        REQUIRE(run(report_of({file}, out)) == 0);
        CHECK(run(kPython + " " + shell_quote(kCheck) + " parse " + shell_quote(out.string())) == 0);
    }
    const fs::path combined = folder / "all.html";
    REQUIRE(run(report_of(all, combined)) == 0);
    CHECK(run(kPython + " " + shell_quote(kCheck) + " parse " + shell_quote(combined.string())) == 0);
    // The check itself finds an error: a stray end tag.
    const fs::path broken = folder / "broken.html";
    write_all(broken, "<!DOCTYPE html><html><head><title>x</title></head><body></div></body></html>");
    CHECK(run(kPython + " " + shell_quote(kCheck) + " parse " + shell_quote(broken.string()) + " 2>/dev/null") == 1);
}

TEST_CASE("report in Chromium: no console message or blocked request, and the DOM's numbers equal summary --json") {
    require_chromium();
    require_python_html5lib();
    TempFolder folder;

    // The check sees a blocked load: a page under the same policy that asks for an image from the
    // network gets a console line about the Content Security Policy.
    const fs::path probe = folder / "probe.html";
    write_all(probe, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                     "'none'; style-src 'unsafe-inline'; img-src data:\"><title>probe</title></head><body>"
                     "<img src=\"http://192.0.2.1/x.png\" alt=\"\"></body></html>");
    const fs::path probe_log = folder / "probe.log";
    REQUIRE(run(chromium(folder, "--dump-dom " + shell_quote(file_url(probe)), probe_log) + " >/dev/null") == 0);
    const std::vector<std::string> probe_lines = console_lines(probe_log);
    REQUIRE_MESSAGE(!probe_lines.empty(), read_all(probe_log));
    CHECK(probe_lines.front().find("Content Security Policy") != std::string::npos);

    std::vector<std::string> all;
    for (const std::string& name : kExampleNames) all.push_back((kExamples / (name + ".json")).string());
    std::vector<std::pair<std::string, std::vector<std::string>>> reports;
    for (const std::string& file : all) reports.push_back({fs::path(file).stem().string(), {file}});
    reports.push_back({"all-examples", all});

    for (const auto& [name, files] : reports) {
        CAPTURE(name);
        const fs::path html = folder / (name + ".html"), dom = folder / (name + ".dom.html"),
                       json = folder / (name + ".summary.json"), log = folder / (name + ".log");
        REQUIRE(run(report_of(files, html)) == 0);
        std::string summary_command = shell_quote(kCli) + " summary --json";
        for (const std::string& file : files) summary_command += " " + shell_quote(file);
        REQUIRE(run(summary_command + " >" + shell_quote(json.string())) == 0);

        REQUIRE(run(chromium(folder, "--dump-dom " + shell_quote(file_url(html)), log) + " >" + shell_quote(dom.string())) == 0);
        CHECK_MESSAGE(console_lines(log).empty(), read_all(log));
        CHECK(read_all(dom).find("data-key=\"work_content_ms\"") != std::string::npos);
        CHECK(run(kPython + " " + shell_quote(kCheck) + " compare " + shell_quote(dom.string()) + " " +
                  shell_quote(json.string()) + " >/dev/null") == 0);
    }
}

TEST_CASE("report in Chromium: screenshots at 1280 and 390 px and a PDF print of the assembly line") {
    require_chromium();
    TempFolder folder;
    const fs::path out = output_folder();
    const fs::path html = out / "assembly-line.report.html";
    REQUIRE(run(report_of({(kExamples / "assembly-line.json").string()}, html)) == 0);
    const std::string url = shell_quote(file_url(html));

    const struct {
        const char* file;
        const char* size;
    } shots[] = {{"report-1280.png", "1280,2400"}, {"report-390.png", "390,2400"}};
    for (const auto& shot : shots) {
        CAPTURE(shot.file);
        const fs::path png = out / shot.file;
        fs::remove(png);
        const fs::path log = folder / (std::string(shot.file) + ".log");
        REQUIRE(run(chromium(folder, std::string("--window-size=") + shot.size + " --screenshot=" +
                                         shell_quote(png.string()) + " " + url,
                             log) + " >/dev/null") == 0);
        CHECK_MESSAGE(console_lines(log).empty(), read_all(log));
        const std::string bytes = read_all(png);
        REQUIRE(bytes.size() > 10'000);
        CHECK(bytes.starts_with("\x89PNG"));
    }

    const fs::path pdf = out / "report.pdf";
    fs::remove(pdf);
    const fs::path log = folder / "pdf.log";
    REQUIRE(run(chromium(folder, "--no-pdf-header-footer --print-to-pdf=" + shell_quote(pdf.string()) + " " + url, log) +
                " >/dev/null") == 0);
    CHECK_MESSAGE(console_lines(log).empty(), read_all(log));
    const std::string bytes = read_all(pdf);
    REQUIRE(bytes.size() > 10'000);
    CHECK(bytes.starts_with("%PDF-"));
    // A4 honoured from @page: 210 × 297 mm = 595.3 × 841.9 points.
    const std::size_t box = bytes.find("/MediaBox [0 0 ");
    REQUIRE(box != std::string::npos);
    double width = 0, height = 0;
    REQUIRE(std::sscanf(bytes.c_str() + box, "/MediaBox [0 0 %lf %lf", &width, &height) == 2);
    CHECK(width == doctest::Approx(595.3).epsilon(0.002));
    CHECK(height == doctest::Approx(841.9).epsilon(0.002));
}

TEST_CASE("report: where each rating and allowance came from, and how the required readings were found") {
    // tests/golden/v3/helpers.json: Drill B1 C2 D E (1 + 0.11 + 0.02 + 0 − 0.02 = 111 %) with
    // personal 5 + fatigue 4 + standing 2 + awkward 2 + 20 lb 3 + atmosphere 3 = 19 %; Pack typed in.
    const TempFolder scratch;
    const fs::path out = scratch.path() / "helpers.report.html";
    REQUIRE(run(report_of({(kSource / "tests/golden/v3/helpers.json").string()}, out)) == 0);
    const std::string html = read_all(out);
    CHECK(occurrences(html, "Where the ratings and allowances came from") == 1);
    CHECK(occurrences(html, "Westinghouse: skill B1 +0.11") == 1);
    CHECK(occurrences(html, "1.11\u00a0=\u00a0111") == 1);
    CHECK(occurrences(html, "ILO table: Personal needs 5") == 2);  // Drill and Inspect
    CHECK(occurrences(html, "= 19") == 1);
    CHECK(occurrences(html, "typed in") == 2);  // Pack's rating and allowance
    CHECK(occurrences(html, "Student's t for each step's n − 1 degrees of freedom") == 1);
}

TEST_CASE("report: a session's problems and actions, each problem with its evidence, whys, ideas and board") {
    require_python_html5lib();
    Session session = load_session(kSource / "data/templates/assembly-line.json").session.value();
    RaisedProblem problem{1, "Walking to the parts <rack>", {}, {}, {}};
    problem.evidence = {Evidence{EvidenceKind::step, 0, 3, Waste{}}, Evidence{EvidenceKind::waste, 0, 3, Waste::motion}};
    problem.whys = {WhyLevel{"", "The rack is far from Fasten", false}, WhyLevel{"", "Nobody owns the layout", true}};
    problem.ideas = {Idea{1, "Kit the parts at the line", "Ana"}};
    session.improvement.problems = {problem, RaisedProblem{2, "Labels fall off", {}, {}, {}}};
    Action kit{1, 1, 1, "Kit parts at Fasten", "Ben", "2001-01-10", ActionStatus::doing, std::nullopt};
    kit.expected = ExpectedEffect{Metric::wait_before, 3, Waste{}, Direction::decrease};
    session.improvement.actions = {Action{2, 1, 0, "Move the rack", "", "2999-01-01", ActionStatus::todo, std::nullopt}, kit};
    const LogState state = LogState::replay(session);
    const SessionSummary summary = summarize(session, state);
    const std::string html = html_report({{"walk.json", &session, &state, &summary, nullptr}});

    const std::size_t section = html.find("<h3>Problems and actions</h3>");
    REQUIRE(section != std::string::npos);
    const std::string part = html.substr(section, html.find("</section>", section) - section);
    CHECK(part.find("<h4>Walking to the parts &lt;rack&gt;</h4>") != std::string::npos);
    CHECK(part.find("Evidence: 2 links to the walk.") != std::string::npos);
    CHECK(part.find("Why? — Nobody owns the layout <strong class=\"root-cause\">(root cause)</strong>") != std::string::npos);
    CHECK(part.find("Kit the parts at the line (proposed by Ana)") != std::string::npos);
    // The board: overdue first (2001), then by date (2999); overdue in words.
    const std::size_t kit_row = part.find("Kit parts at Fasten"), rack_row = part.find("Move the rack");
    REQUIRE(kit_row != std::string::npos);
    CHECK(kit_row < rack_row);
    CHECK(part.find("<td>Doing</td><td>Ben</td><td class=\"n\">2001-01-10</td><td class=\"overdue\">OVERDUE</td>"
                    "<td>Wait before Fasten should decrease</td>") != std::string::npos);
    CHECK(part.find("<td>To do</td><td>nobody yet</td><td class=\"n\">2999-01-01</td><td>no</td>") != std::string::npos);
    CHECK(part.find("<h4>Labels fall off</h4>\n<p>Evidence: 0 links to the walk.</p>\n<p>No action yet.</p>") !=
          std::string::npos);
    TempFolder folder;
    write_all(folder / "report.html", html);
    CHECK(run(kPython + " " + shell_quote(kCheck) + " parse " + shell_quote((folder / "report.html").string())) == 0);

    // A session without any has no such section.
    Session plain = load_session(kSource / "data/templates/assembly-line.json").session.value();
    const LogState plain_state = LogState::replay(plain);
    const SessionSummary plain_summary = summarize(plain, plain_state);
    CHECK(html_report({{"walk.json", &plain, &plain_state, &plain_summary, nullptr}}).find("Problems and actions") ==
          std::string::npos);
}
