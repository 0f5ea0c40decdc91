// The report's charts as inline SVG (core/report/svg_charts): each is well-formed XML with a title,
// carries its values as text, escapes user text, and refers to nothing outside itself. Python's XML
// parser reads each SVG and lists its texts, so that the checks below see what a browser would.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/analysis/value_stream.hpp"
#include "core/file/session_file.hpp"
#include "core/report/svg_charts.hpp"
#include "tests/support.hpp"

namespace gemba {
namespace {

// What a parser reads in an SVG: whether it is well-formed and self-contained, its title, and the
// text of each <text> element (one line each; a text broken over lines is not drawn by the charts).
struct ParsedSvg {
    bool ok = false;
    std::string title;
    std::vector<std::string> texts;

    std::size_t count(const std::string& text) const {
        return static_cast<std::size_t>(std::count(texts.begin(), texts.end(), text));
    }
    bool has(const std::string& text) const { return count(text) > 0; }
    bool has_containing(const std::string& part) const {
        return std::any_of(texts.begin(), texts.end(), [&](const std::string& t) { return t.find(part) != std::string::npos; });
    }
};

// The checks a browser under a CSP of default-src 'none' cares about: the root is an <svg> in
// the SVG namespace with role="img" and aria-labelledby naming its own <title>; no element that
// loads anything (image, script, style, foreignObject, use); no href of any kind; every url() a
// fragment defined in the same SVG. Exits non-zero, saying why, otherwise.
constexpr const char* kCheckScript = R"py(
import sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == NS + "svg", root.tag
assert root.get("role") == "img"
assert root.get("viewBox"), "no viewBox"
ids = {e.get("id") for e in root.iter() if e.get("id")}
labels = root.get("aria-labelledby").split()
assert labels and all(l in ids for l in labels), labels
title = root.find(NS + "title")
assert title is not None and title.get("id") == labels[0]
for e in root.iter():
    assert e.tag.startswith(NS), e.tag
    assert e.tag[len(NS):] not in ("image", "script", "style", "foreignObject", "use", "a"), e.tag
    for name, value in e.attrib.items():
        assert "href" not in name, name
        rest = value
        while "url(" in rest:
            rest = rest[rest.index("url(") + 4:]
            assert rest.startswith("#") and rest[1:rest.index(")")] in ids, value
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(title.text + "\n")
    for t in root.iter(NS + "text"):
        out.write("".join(t.itertext()) + "\n")
)py";

ParsedSvg parse(const std::string& svg) {
    test::TempFolder folder;
    test::write_all(folder / "check.py", kCheckScript);
    test::write_all(folder / "chart.svg", svg);
    const std::string command = "/usr/bin/python3 " + test::shell_quote((folder / "check.py").string()) + " " +
                                test::shell_quote((folder / "chart.svg").string()) + " " +
                                test::shell_quote((folder / "texts.txt").string());
    ParsedSvg out;
    out.ok = std::system(command.c_str()) == 0;
    std::istringstream lines(test::read_all(folder / "texts.txt"));
    std::getline(lines, out.title);
    for (std::string line; std::getline(lines, line);) out.texts.push_back(line);
    return out;
}

// A name meant to break markup: tags, an ampersand, both quotes, an emoji, a control character
// XML does not allow, and the look of an attribute.
const std::string kHostile = "<b>\"Tom & Jerry's\" 🚀</b> x=\"1\"\x01";
const std::string kHostileShown = "<b>\"Tom & Jerry's\" 🚀</b> x=\"1\"";

// -------------------------------------------------------------------------------------------

// Waiting 5, motion 3, defects 2 tags: shares 50 %, 30 %, 20 %, cumulative 50 %, 80 %, 100 %.
ParetoChart five_three_two() {
    ParetoChart chart;
    chart.bars = {{Waste::waiting, "Waiting", 5, 0.5, 0.5, 0},
                  {Waste::motion, "Motion", 3, 0.3, 0.8, 12'000},
                  {Waste::defects, "Defects", 2, 0.2, 1.0, 0}};
    chart.max_count = 5;
    return chart;
}

TEST_CASE("waste_pareto_svg labels each bar with its count and each point with the cumulative share") {
    const ParsedSvg svg = parse(waste_pareto_svg(five_three_two()));
    REQUIRE(svg.ok);
    CHECK(svg.title == "Waste Pareto: tags per waste and cumulative share");
    CHECK(svg.has("Waiting"));
    CHECK(svg.has("Motion"));
    CHECK(svg.has("Defects"));
    // Counts axis 0..5 in steps of 1; the bars' counts 5, 3, 2 repeat three of its labels.
    CHECK(svg.count("0") == 1);
    CHECK(svg.count("1") == 1);
    CHECK(svg.count("2") == 2);
    CHECK(svg.count("3") == 2);
    CHECK(svg.count("4") == 1);
    CHECK(svg.count("5") == 2);
    // Share axis 0, 25, 50, 75, 100 %; the points 50, 80 and 100 %.
    CHECK(svg.count("50 %") == 2);
    CHECK(svg.count("80 %") == 1);
    CHECK(svg.count("100 %") == 2);
    CHECK(svg.count("25 %") == 1);
    CHECK(svg.has("tags"));
    CHECK(svg.has("cumulative share"));
}

TEST_CASE("a chart leaves its heading to the page's caption when asked, and keeps its title") {
    const char* heading = "Waste Pareto: tags per waste and cumulative share";
    const ParsedSvg drawn = parse(waste_pareto_svg(five_three_two()));
    const ParsedSvg in_caption = parse(waste_pareto_svg(five_three_two(), SvgHeading::in_caption));
    REQUIRE(drawn.ok);
    REQUIRE(in_caption.ok);
    CHECK(drawn.has(heading));
    CHECK_FALSE(in_caption.has(heading));
    CHECK(in_caption.title == heading);
    CHECK(in_caption.has("Waiting"));
}

TEST_CASE("waste_pareto_svg escapes a hostile label") {
    ParetoChart chart = five_three_two();
    chart.bars[0].label = kHostile;
    const std::string out = waste_pareto_svg(chart);
    CHECK(out.find("<b>") == std::string::npos);
    const ParsedSvg svg = parse(out);
    REQUIRE(svg.ok);
    // Too wide for its bar: cut, but what shows is the name's own characters.
    CHECK(svg.has_containing("<b>\"Tom &"));
}

// -------------------------------------------------------------------------------------------

// One operator's work content: Pick 20 s (value-added), Walk 25 s (non-value-added), 45 s in all.
Yamazumi work_content(std::optional<double> takt_ms) {
    Yamazumi chart;
    YamazumiStack stack;
    stack.label = "Work content";
    stack.basis = "observed";
    stack.segments = {{1, "Pick", ValueClass::value_added, 20'000, 1, 20'000, 0},
                      {2, "Walk", ValueClass::non_value_added, 12'500, 2, 25'000, 20'000}};
    stack.total_ms = 45'000;
    chart.stacks.push_back(stack);
    chart.takt_ms = takt_ms;
    chart.scale_ms = std::max(45'000.0, takt_ms.value_or(0));
    return chart;
}

TEST_CASE("yamazumi_svg draws takt as a labelled line, the stack's time and its steps") {
    const ParsedSvg svg = parse(yamazumi_svg(work_content(60'000)));
    REQUIRE(svg.ok);
    CHECK(svg.title == "Yamazumi: time per unit against takt");
    CHECK(svg.has("takt 1:00.0"));
    CHECK(svg.has("45.0 s"));  // the stack's height
    CHECK(svg.has("Work content"));
    CHECK(svg.has("Pick"));
    CHECK(svg.has("20.0 s"));
    CHECK(svg.has("Walk"));
    CHECK(svg.has("25.0 s"));
    // Takt within twice the stack: the axis runs past takt to 66 s; at most 6 intervals (262 px,
    // 40 px each) makes steps of 15 s, up to 1:15, in minutes:seconds beyond a minute.
    for (const char* tick : {"0:00", "0:15", "0:30", "0:45", "1:00", "1:15"}) CHECK(svg.has(tick));
    CHECK_FALSE(svg.has("1:30"));
    CHECK(svg.has("time per unit"));
    // The legend names both classes present, not the missing one.
    CHECK(svg.has("Value-added"));
    CHECK(svg.has("Non-value-added"));
    CHECK_FALSE(svg.has_containing("Necessary"));
}

TEST_CASE("yamazumi_svg marks a takt far above the work at the top, in words") {
    // 5 min takt over a 45 s stack: the stack uses 15 % of it; the axis runs to 45 s × 1.2 = 54 s,
    // in steps of 10 s to 60 s.
    const ParsedSvg svg = parse(yamazumi_svg(work_content(300'000)));
    REQUIRE(svg.ok);
    CHECK(svg.has("takt 5:00.0 ↑ off the scale: the tallest is 15 % of it"));
    CHECK(svg.has("60 s"));
    CHECK_FALSE(svg.has("takt 5:00.0"));
}

TEST_CASE("yamazumi_svg without takt draws the stacks alone") {
    const ParsedSvg svg = parse(yamazumi_svg(work_content(std::nullopt)));
    REQUIRE(svg.ok);
    CHECK(svg.has("45.0 s"));
    CHECK(svg.has("50 s"));  // 45 s × 1.2 = 54 s: steps of 10 s to 60 s
    CHECK_FALSE(svg.has_containing("takt "));
}

TEST_CASE("yamazumi_svg escapes hostile step and stack names") {
    Yamazumi chart = work_content(60'000);
    chart.stacks[0].label = kHostile;
    chart.stacks[0].segments[1].name = kHostile;
    const std::string out = yamazumi_svg(chart);
    CHECK(out.find("<b>") == std::string::npos);
    CHECK(out.find('\x01') == std::string::npos);
    const ParsedSvg svg = parse(out);
    REQUIRE(svg.ok);
    CHECK(svg.has_containing("<b>"));
}

// -------------------------------------------------------------------------------------------

// 90 s of walk clock: Pick read twice (the second excluded), Walk once; a waiting tag at 10 s, a
// timed motion tag from 30 to 40 s; a pause at 50 s.
Timeline ninety_seconds() {
    Timeline t;
    t.span_ms = 90'000;
    t.lanes = {{1, "Pick", ValueClass::value_added, {{0, 0, 20'000, false, false}, {2, 45'000, 60'000, true, false}}},
               {2, "Walk", ValueClass::non_value_added, {{1, 20'000, 45'000, false, false}}}};
    t.tags = {{0, Waste::waiting, 10'000, std::nullopt}, {1, Waste::motion, 30'000, 40'000}};
    t.pauses = {{50'000, 120'000, false}};
    return t;
}

TEST_CASE("timeline_svg has a time axis in clock steps, its lanes, tags and pauses in words") {
    const ParsedSvg svg = parse(timeline_svg(ninety_seconds()));
    REQUIRE(svg.ok);
    CHECK(svg.title == "Timeline: readings and waste tags on the walk clock");
    // 90 s over a 556 px plot, a tick per 80 px at least: 6 intervals of 15 s, in minutes:seconds.
    for (const char* tick : {"0:00", "0:15", "0:30", "0:45", "1:00", "1:15", "1:30"}) CHECK(svg.has(tick));
    CHECK_FALSE(svg.has("1:45"));
    CHECK(svg.has("walk-clock time (pauses left out), total 1:30.0"));
    CHECK(svg.has("Pick"));
    CHECK(svg.has("Walk"));
    CHECK(svg.count("W") == 1);  // the waiting tag's disc
    CHECK(svg.count("M") == 1);
    CHECK(svg.has("W Waiting"));
    CHECK(svg.has("M Motion"));
    CHECK(svg.has("excluded"));
    CHECK(svg.has("pause"));
}

TEST_CASE("timeline_svg escapes a hostile lane name") {
    Timeline t = ninety_seconds();
    t.lanes[0].name = "a&b";
    const ParsedSvg svg = parse(timeline_svg(t));
    REQUIRE(svg.ok);
    CHECK(svg.has("a&b"));
    t.lanes[0].name = kHostile;
    const std::string out = timeline_svg(t);
    CHECK(out.find("<b>") == std::string::npos);
    CHECK(parse(out).ok);
}

TEST_CASE("timeline_svg of a long walk stays small: readings close together share one bar") {
    Timeline t;
    t.span_ms = 100'000 * 2'000;
    TimelineLane lane{1, "Press", ValueClass::value_added, {}};
    for (std::int64_t i = 0; i < 100'000; ++i) lane.bars.push_back({static_cast<std::size_t>(i), i * 2'000, i * 2'000 + 1'500, false, false});
    t.lanes.push_back(lane);
    const std::string out = timeline_svg(t);
    // 100,000 readings on a 556 px plot: a few hundred rectangles at most, not 100,000.
    CHECK(out.size() < 100'000);
    CHECK(parse(out).ok);
}

// -------------------------------------------------------------------------------------------

// A map of one step fed by one queue over its limit, laid out by hand in em.
ValueStreamMapLayout one_step_map() {
    ValueStreamMapLayout map;
    map.width = 30;  // the totals box reaches 29 em
    map.height = 20;
    map.customer = {20, 1, 8, 4};
    map.customer_lines = {"Customer", "920 / day", "takt 60 s"};
    MapProcess weld;
    weld.box = {10, 7, 9, 3.9f};
    weld.data = {10, 11, 9, 3};
    weld.name = "Weld";
    weld.name_lines = {"Weld"};
    weld.band_height = kMapLineEm;
    weld.value_class = ValueClass::value_added;
    weld.touched_by = "Welder";
    weld.data_lines = {"C/T 45 s", "People 1"};
    map.processes.push_back(weld);
    MapQueue inbox;
    inbox.triangle = {2, 8, 3, 2.6f};
    inbox.label = {1, 10.8f, 5, 3.9f};
    inbox.label_lines = {"Inbox", "12 / 8", "OVER"};
    inbox.over_limit = true;
    inbox.detail = "Inbox: 12 waiting, limit 8";
    map.queues.push_back(inbox);
    map.ship_arrow = {19, 8, 24, 5};
    map.ladder_wait_y = 16;
    map.ladder_process_y = 18;
    map.ladder = {{1, 9, 10, 19, "4.5 days", "45 s", true}};
    map.totals = {12, 15, 17, 4};
    map.totals_lines = {"Lead time 4.5 days", "PCE 0.031 %"};
    return map;
}

TEST_CASE("value_stream_map_svg draws every box, queue, ladder and total as text, at 16 px per em") {
    const std::string out = value_stream_map_svg(one_step_map());
    CHECK(out.find("viewBox=\"0 0 480 320\"") != std::string::npos);
    CHECK(out.find("width=\"480\"") != std::string::npos);
    const ParsedSvg svg = parse(out);
    REQUIRE(svg.ok);
    CHECK(svg.title == "Value stream map (current state)");
    for (const char* text : {"Customer", "920 / day", "takt 60 s", "Weld", "Welder", "C/T 45 s", "People 1", "I",
                             "Inbox", "12 / 8", "OVER", "4.5 days", "45 s", "Lead time 4.5 days", "PCE 0.031 %"})
        CHECK(svg.has(text));
}

TEST_CASE("value_stream_map_svg escapes hostile names") {
    ValueStreamMapLayout map = one_step_map();
    map.processes[0].name = kHostile;
    map.processes[0].name_lines = {"<b>&", "'x'"};
    map.processes[0].touched_by = "R&D";
    map.queues[0].label_lines[0] = "\"in\"";
    map.queues[0].detail = kHostile;
    const std::string out = value_stream_map_svg(map);
    CHECK(out.find("<b>") == std::string::npos);
    const ParsedSvg svg = parse(out);
    REQUIRE(svg.ok);
    CHECK(svg.has("<b>&"));
    CHECK(svg.has("'x'"));
    CHECK(svg.has("R&D"));
    CHECK(svg.has("\"in\""));
}

TEST_CASE("the charts of an example session parse, self-contained, and name its steps") {
    const LoadResult loaded = load_session(std::string(GEMBA_SOURCE_DIR) + "/data/examples/stamping-stream.json");
    REQUIRE(loaded.ok());
    const Session& session = *loaded.session;
    const SessionSummary summary = summarize(session, loaded.state);
    const ValueStreamResult stream = value_stream_of(session, loaded.state, summary);
    REQUIRE(stream.ok());
    const ParsedSvg map = parse(value_stream_map_svg(layout_value_stream_map(session, *stream.figures)));
    const ParsedSvg stations = parse(yamazumi_svg(station_yamazumi(summary)));
    const ParsedSvg lanes = parse(timeline_svg(timeline(session, loaded.state, summary)));
    REQUIRE(map.ok);
    REQUIRE(stations.ok);
    REQUIRE(lanes.ok);
    CHECK(parse(yamazumi_svg(operator_yamazumi(summary))).ok);
    CHECK(parse(waste_pareto_svg(waste_pareto_chart(summary.waste_pareto))).ok);
    for (const char* step : {"Stamping", "Welding", "Assembly", "Shipping"}) {
        CHECK(map.has(step));
        CHECK(stations.has(step));
        CHECK(lanes.has(step));
    }
}

// -------------------------------------------------------------------------------------------

TEST_CASE("every chart of empty input is a small SVG that says there is nothing to draw") {
    const std::vector<std::string> outs = {yamazumi_svg({}), waste_pareto_svg({}), timeline_svg({}),
                                           value_stream_map_svg({})};
    for (const std::string& out : outs) {
        const ParsedSvg svg = parse(out);
        REQUIRE(svg.ok);
        REQUIRE(svg.texts.size() == 1);
        CHECK(svg.texts[0].rfind("Nothing to draw: ", 0) == 0);
    }
    // A yamazumi whose stacks hold no time, a Pareto of zero counts.
    Yamazumi flat;
    flat.stacks.push_back({"Work content", "observed", {}, 0});
    CHECK(parse(yamazumi_svg(flat)).texts.at(0).rfind("Nothing to draw", 0) == 0);
    ParetoChart zero;
    zero.bars.push_back({Waste::defects, "Defects", 0, 0, 0, 0});
    CHECK(parse(waste_pareto_svg(zero)).texts.at(0).rfind("Nothing to draw", 0) == 0);
}

TEST_CASE("the same chart gives the same SVG, two different charts different ids") {
    const std::string a = waste_pareto_svg(five_three_two());
    CHECK(a == waste_pareto_svg(five_three_two()));
    ParetoChart other = five_three_two();
    other.bars[0].count = 6;
    other.max_count = 6;
    const std::string b = waste_pareto_svg(other);
    const auto id_of = [](const std::string& svg) {
        const std::size_t at = svg.find("<title id=\"");
        return svg.substr(at, svg.find('"', at + 11) - at);
    };
    CHECK(id_of(a) != id_of(b));
}

}  // namespace
}  // namespace gemba
