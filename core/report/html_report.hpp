// The study report: one self-contained HTML5 file for one or several sessions, to open, read and
// print anywhere. Inline CSS, charts as inline SVG (svg_charts.hpp), system fonts, no script, and a
// Content-Security-Policy that forbids every load, so the page makes no request of any kind. Each
// session's file JSON is embedded in an inert data block (<script type="application/json">) so
// that the report can be opened again as data.
//
// Every number is an element carrying data-key (the summary JSON's member name: "work_content_ms")
// and data-value (the value as the summary JSON writes it, "null" when missing), so a test can
// compare the page with `gemba-cli summary --json`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/analysis/value_stream.hpp"
#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace gemba {

// One session of the report; the pointers must outlive the call.
struct ReportSession {
    std::string file;  // as given, shown under the title
    const Session* session = nullptr;
    const LogState* state = nullptr;
    const SessionSummary* summary = nullptr;
    const ValueStreamFigures* value_stream = nullptr;  // a session that maps a value stream
};

enum class PaperSize { a4, letter };

struct HtmlReportOptions {
    // The print media's page size (@page size). Default A4; US users choose Letter.
    PaperSize paper = PaperSize::a4;
    // Sessions with more readings than this leave the appendix of readings out, and say so: the
    // statistics already summarise them, and the embedded session JSON still holds every one.
    std::size_t appendix_reading_limit = 2000;
    // Sessions with more readings than this leave the timeline out, and say so: at page width each
    // reading would be far thinner than a dot (and the chart megabytes of SVG).
    std::size_t timeline_reading_limit = 5000;
    // Sessions with more waste tags than this list only the tags with a note (the tally counts all).
    std::size_t tag_list_limit = 2000;
};

// The report's HTML text (UTF-8). A section per session; with two or more, a combined waste tally.
std::string html_report(const std::vector<ReportSession>& sessions, const HtmlReportOptions& options = {});

// The file name a report of `session_path` gets beside it: "walk.json" → "walk.report.html".
std::string report_path_for(const std::string& session_path);

}  // namespace gemba
