#include "core/report/html_report.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <variant>

#include "core/file/session_file.hpp"
#include "core/model/study_helpers.hpp"
#include "core/report/action_board.hpp"
#include "core/report/charts.hpp"
#include "core/report/columns.hpp"
#include "core/report/event_text.hpp"
#include "core/report/json_writer.hpp"
#include "core/report/ladder_time.hpp"
#include "core/report/numbers.hpp"
#include "core/report/svg_charts.hpp"
#include "core/report/text_summary.hpp"
#include "core/report/value_stream_map.hpp"
#include "core/report/value_stream_report.hpp"

namespace gemba {
namespace {

// ---------------------------------------------------------------------------------------------
// Text and numbers

// Text for an element's content or a quoted attribute value.
void escape_to(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            // A control character is a parse error in HTML; the session file allows tabs and newlines.
            case '\t': case '\n': out += c; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += ' ';
                else out += c;
        }
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    escape_to(out, text);
    return out;
}

// A value as the summary JSON writes it (data-value): "null" when missing.
std::string data_value(const std::optional<double>& v) { return v ? json_number(*v) : "null"; }
std::string data_value(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "null"; }
std::string data_value(std::int64_t v) { return std::to_string(v); }
std::string data_value(std::size_t v) { return std::to_string(v); }
std::string data_value(double v) { return json_number(v); }
std::string data_value(const std::optional<bool>& v) { return v ? (*v ? "true" : "false") : "null"; }

// <span data-key="key" data-value="value">text</span>
std::string number(std::string_view key, const std::string& value, std::string_view text) {
    std::string out = "<span class=\"num\" data-key=\"";
    out += key;
    out += "\" data-value=\"" + value + "\">";
    escape_to(out, text);
    return out + "</span>";
}

std::string duration_text(std::int64_t ms) { return format_duration(static_cast<double>(ms)); }

// The session JSON for the inert data block: '<' written as \u003c (only strings can hold one), so
// that no "</script" or "<!--" ends or confuses the block, and the layout's whitespace outside
// strings dropped (a sixth of a large session's size). JSON reads it back unchanged.
std::string json_for_data_block(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    bool in_string = false, escape = false;
    for (char c : json) {
        if (in_string) {
            if (escape) escape = false;
            else if (c == '\\') escape = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            continue;
        }
        if (c == '<') out += "\\u003c";
        else out += c;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Page

constexpr std::string_view kStyle = R"CSS(
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #bbb; --band: #eef1f4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); break-after: avoid; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; break-after: avoid; }
p.meta, .muted { color: var(--muted); }
section.session + section.session { break-before: page; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: var(--band); text-align: left; font-weight: 600; white-space: nowrap; }
td.n, th.n { text-align: right; white-space: nowrap; }
td.name { min-width: 8em; }
td.text { min-width: 14em; }
td.overdue, .root-cause { color: #b00000; font-weight: 700; }
table.elements { font-size: .9rem; }
table.elements th, table.elements td { padding: .25rem .35rem; }
tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
.cls { display: inline-block; min-width: 3.2em; padding: 0 .3em; border: 1px solid var(--ink);
  border-radius: .2em; font-size: .85em; font-weight: 600; text-align: center; }
.cls-value_added { background: #bfe5c4; }
.cls-necessary_non_value_added { background: #fde3a0; border-style: dashed; }
.cls-non_value_added { background: #f6b8b3; border-width: 2px; }
.flag { font-weight: 700; }
.totals { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0 1rem; }
.totals div { border: 1px solid var(--rule); border-radius: .3rem; padding: .5rem .75rem; min-width: 12rem; break-inside: avoid; }
.totals b { display: block; font-size: 1.35rem; }
figure { margin: 1rem 0; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
figure svg { max-width: 100%; height: auto; display: block; }
/* A value stream map keeps its size (its text stays readable) and scrolls sideways. */
.map-scroll { overflow-x: auto; }
.map-scroll svg { max-width: none; }
script[type="application/json"] { display: none; }
@media (max-width: 640px) {
  body { padding: .75rem; font-size: 15px; }
  h1 { font-size: 1.45rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .3rem; }
  .totals div { min-width: 100%; }
  th, td { white-space: nowrap; }
  td.text { white-space: normal; }
}
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .table-wrap { overflow: visible; }
  table { font-size: 9pt; }
  /* The element table's 18 columns fit the narrower of A4 and Letter. */
  table.elements { font-size: 7.5pt; }
  table.elements th, table.elements td { padding: 1pt 2.5pt; }
  td.name { min-width: 6em; }
  figure svg { max-height: 120mm; width: auto; }
  .totals div, figure, dl.facts { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .map-scroll { overflow: visible; }
  .map-scroll svg { max-width: 100%; }
}
)CSS";

// @page with the paper size and page numbers in the bottom margin box (Chromium prints margin
// boxes since version 131).
std::string page_rule(PaperSize paper) {
    return std::string("@page { size: ") + (paper == PaperSize::letter ? "letter" : "A4") +
           "; margin: 15mm 12mm 18mm;\n  @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages);"
           " font: 9pt system-ui, sans-serif; color: #555; } }\n";
}

// ---------------------------------------------------------------------------------------------
// Parts of a session

// The wastes with tags in Pareto order; also the combined tally.
void write_waste_table(std::string& out, const std::vector<WasteCount>& pareto) {
    out += "<div class=\"table-wrap\"><table class=\"waste\">\n<thead><tr><th>Waste</th><th class=\"n\">Count</th><th "
           "class=\"n\">Share</th><th class=\"n\">Cumulative</th><th class=\"n\">Timed</th><th class=\"n\">Per "
           "hour</th></tr></thead>\n<tbody>\n";
    for (const WasteCount& w : pareto) {
        if (w.count == 0) continue;
        out += "<tr data-waste=\"";
        out += to_string(w.waste);
        out += "\"><td>";
        out += display_name(w.waste);
        const auto cell = [&out](std::string_view key, const std::string& value, const std::string& shown) {
            out += "</td><td class=\"n\" data-key=\"";
            out += key;
            out += "\" data-value=\"" + value + "\">" + shown;
        };
        cell("count", data_value(w.count), std::to_string(w.count));
        cell("share", data_value(w.share), format_percent(w.share));
        cell("cumulative_share", data_value(w.cumulative_share), format_percent(w.cumulative_share));
        cell("timed_ms", data_value(w.timed_ms),
             w.timed_count ? format_duration(static_cast<double>(w.timed_ms)) : std::string(kMissingMark));
        cell("per_hour", data_value(w.per_hour),
             w.per_hour ? format_fixed(*w.per_hour, *w.per_hour < 1.0 ? 2 : 1) : std::string(kMissingMark));
        out += "</td></tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
}

// ---------------------------------------------------------------------------------------------
// Problems and actions (issue 12): each problem with its evidence, why chain, ideas and the board
// of its actions, overdue as of `today`.

void write_why_chain(std::string& out, const std::vector<WhyLevel>& whys) {
    out += "<ol class=\"whys\">\n";
    for (const WhyLevel& level : whys) {
        out += "<li>";
        escape_to(out, level.why.empty() ? "Why?" : level.why);
        out += " — ";
        escape_to(out, level.because);
        if (level.root_cause) out += " <strong class=\"root-cause\">(root cause)</strong>";
        out += "</li>\n";
    }
    out += "</ol>\n";
}

void write_action_board(std::string& out, const Plan& plan, ProblemId problem, std::string_view today) {
    out += "<div class=\"table-wrap\"><table class=\"actions\">\n<thead><tr><th>Action</th><th>Status</th><th>Owner</th>"
           "<th>Due</th><th>Overdue</th><th>Expected effect</th></tr></thead>\n<tbody>\n";
    for (const Action* action : actions_in_reading_order(plan.improvement, today)) {
        if (action->problem != problem) continue;
        out += "<tr data-status=\"" + std::string(to_string(action->status)) + "\"><td class=\"text\">";
        escape_to(out, action->title);
        out += "</td><td>";
        escape_to(out, display_name(action->status));
        out += "</td><td>";
        escape_to(out, action->owner.empty() ? "nobody yet" : action->owner);
        out += "</td><td class=\"n\">";
        escape_to(out, action->due.empty() ? std::string(kMissingMark) : action->due);
        out += overdue(*action, today) ? "</td><td class=\"overdue\">OVERDUE</td><td>" : "</td><td>no</td><td>";
        if (action->expected) escape_to(out, expected_effect_text(*action->expected, plan));
        out += "</td></tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
}

void write_problems_and_actions(std::string& out, const Plan& plan, std::string_view today) {
    const Improvement& improvement = plan.improvement;
    if (improvement.problems.empty() && improvement.actions.empty()) return;
    out += "<h3>Problems and actions</h3>\n<p class=\"meta\">Overdue as of ";
    escape_to(out, today);
    out += "; the limit on Doing is " + std::to_string(improvement.doing_limit) + ".</p>\n";
    for (const RaisedProblem& problem : improvement.problems) {
        out += "<div class=\"problem\"><h4>";
        escape_to(out, problem.title);
        out += "</h4>\n<p>Evidence: " + std::to_string(problem.evidence.size()) +
               (problem.evidence.size() == 1 ? " link" : " links") + " to the walk.</p>\n";
        if (!problem.whys.empty()) write_why_chain(out, problem.whys);
        if (!problem.ideas.empty()) {
            out += "<p>Ideas:</p>\n<ul class=\"ideas\">\n";
            for (const Idea& idea : problem.ideas) {
                out += "<li>";
                escape_to(out, idea.text);
                if (!idea.proposed_by.empty()) {
                    out += " (proposed by ";
                    escape_to(out, idea.proposed_by);
                    out += ")";
                }
                out += "</li>\n";
            }
            out += "</ul>\n";
        }
        const bool has_actions = std::any_of(improvement.actions.begin(), improvement.actions.end(),
                                             [&](const Action& a) { return a.problem == problem.id; });
        if (has_actions) write_action_board(out, plan, problem.id, today);
        else out += "<p>No action yet.</p>\n";
        out += "</div>\n";
    }
}

// One session's section, part by part, appended to `out`.
class SessionWriter {
public:
    SessionWriter(std::string& out, const ReportSession& r, std::size_t index, const HtmlReportOptions& options)
        : out_(out), r_(r), s_(*r.session), st_(*r.state), m_(*r.summary), index_(index), options_(options) {}

    void write() {
        out_ += "<section class=\"session\" id=\"session-" + std::to_string(index_) + "\" data-session=\"" +
                std::to_string(index_) + "\">\n";
        study_information();
        element_table();
        ratings_and_allowances();
        excluded_and_outliers();
        totals();
        lean_numbers();
        charts();
        if (r_.value_stream) value_stream(*r_.value_stream);
        waste();
        notes();
        write_problems_and_actions(out_, s_, local_date_today());
        notices();
        appendix();
        data_block();
        out_ += "</section>\n";
    }

private:
    void text(std::string_view t) { escape_to(out_, t); }
    void fact(std::string_view label, const std::string& html) {
        out_ += "<dt>";
        out_ += label;
        out_ += "</dt><dd>" + html + "</dd>\n";
    }
    void table_open(std::string_view caption_class) {
        out_ += "<div class=\"table-wrap\"><table class=\"";
        out_ += caption_class;
        out_ += "\">\n";
    }
    void table_close() { out_ += "</table></div>\n"; }

    std::string step_name(StepId id) const {
        const Step* step = s_.find_step(id);
        return step ? step->name : std::string(kMissingMark);
    }

    void study_information() {
        out_ += "<h2>";
        text(s_.title.empty() ? "(untitled study)" : s_.title);
        out_ += "</h2>\n<p class=\"meta\">File: ";
        text(r_.file);
        out_ += "</p>\n<dl class=\"facts\">\n";
        const auto optional_fact = [this](std::string_view label, const std::string& value) {
            fact(label, value.empty() ? std::string(kMissingMark) : escaped(value));
        };
        optional_fact("Process", s_.process);
        optional_fact("Area", s_.area);
        optional_fact("Observer", s_.observer);
        optional_fact("Started", s_.started_at);
        const StudySettings& st = s_.settings;
        std::string observed = number("observed_ms", data_value(m_.observed_ms), duration_text(m_.observed_ms));
        if (m_.paused_ms > 0)
            observed += " (paused " + number("paused_ms", data_value(m_.paused_ms), duration_text(m_.paused_ms)) + ")";
        if (m_.running) observed += " — still running";
        fact("Observed", observed);
        fact("Timing", st.timing_mode == TimingMode::lap ? "lap timing (one operator does every step in turn)"
                                                         : "independent timers (each step its own station)");
        fact("Allowance basis", st.allowance_convention == AllowanceConvention::on_job_time
                                    ? "on job time: ST = NT × (1 + A)"
                                    : "on the workday: ST = NT ÷ (1 − A)");
        std::string confidence;
        if (st.z) confidence = "z = " + number("z", data_value(m_.z), format_fixed(m_.z, 3)) + " (given)";
        else
            confidence = number("confidence_pct", data_value(st.confidence_pct), format_plain_number(st.confidence_pct) + " %") +
                         " confidence, z = " + number("z", data_value(m_.z), format_fixed(m_.z, 3)) +
                         (st.z_convention == ZConvention::table ? " (table value)" : " (exact normal quantile)");
        fact("Confidence", confidence);
        fact("Accuracy",
             st.accuracy_ms ? "± " + number("accuracy_ms", data_value(st.accuracy_ms), format_duration(*st.accuracy_ms))
                            : "± " + number("accuracy_pct", data_value(st.accuracy_pct), format_plain_number(st.accuracy_pct) + " %") +
                                  " of the mean");
        fact("Required readings", escaped(required_cycles_method_text(st, m_.z)));
        fact("Outlier rule", st.outlier_rule == OutlierRule::iqr_1_5
                                 ? "Tukey's fences: below Q1 − 1.5·IQR or above Q3 + 1.5·IQR (flagged, not excluded)"
                                 : "farther than 3 SD from the mean (flagged, not excluded)");
        fact("Cycles closed", number("cycles_closed", data_value(m_.cycles_closed), std::to_string(m_.cycles_closed)));
        out_ += "</dl>\n";
    }

    // The element table: the ILO form's columns, from columns.hpp.
    void element_table() {
        static constexpr StepField kColumns[] = {
            StepField::name,     StepField::value_class, StepField::valid_n,  StepField::excluded_n,
            StepField::mean,     StepField::median,      StepField::sd,       StepField::cv,
            StepField::min,      StepField::max,         StepField::observed, StepField::rating,
            StepField::normal,   StepField::allowance,   StepField::standard, StepField::frequency,
            StepField::required_cycles, StepField::more_cycles,
        };
        out_ += "<h3>Elements</h3>\n";
        table_open("elements");
        out_ += "<thead><tr>";
        for (StepField field : kColumns) {
            const StepColumn& c = step_column(field);
            const bool numeric = c.quantity != Quantity::text && c.quantity != Quantity::value_class;
            out_ += numeric ? "<th class=\"n\"" : "<th";
            if (!c.meaning.empty()) {
                out_ += " title=\"";
                text(c.meaning);
                out_ += "\"";
            }
            out_ += ">";
            // No units in the headers: every cell carries its own ("4.9 s", "105 %").
            text(field == StepField::observed ? std::string_view("Selected") : c.label);
            out_ += "</th>";
        }
        out_ += "</tr></thead>\n<tbody>\n";
        for (const StepSummary& step : m_.steps) {
            out_ += "<tr data-step-id=\"" + std::to_string(step.step) + "\">";
            for (StepField field : kColumns) {
                const StepColumn& c = step_column(field);
                if (c.quantity == Quantity::text) {
                    out_ += "<td class=\"name\">";
                    text(text_cell(c, step));
                } else if (c.quantity == Quantity::value_class) {
                    out_ += "<td><span class=\"cls cls-";
                    out_ += to_string(step.value_class);
                    out_ += "\" title=\"";
                    out_ += display_name(step.value_class);
                    out_ += "\">";
                    out_ += value_class_abbreviation(step.value_class);
                    out_ += "</span>";
                } else {
                    out_ += "<td class=\"n\" data-key=\"";
                    out_ += c.json_key;
                    out_ += "\" data-value=\"" + cell_value(c.value(step)) + "\">";
                    text(text_cell(c, step));
                }
                out_ += "</td>";
            }
            out_ += "</tr>\n";
        }
        out_ += "</tbody>\n</table></div>\n";
        out_ += "<p class=\"muted\">Times per occurrence; durations as m:ss.t or seconds. Selected time = the mean of the "
                "valid readings; normal = selected × rating; standard = normal with the allowance. Required readings at "
                "the study's confidence and accuracy; “More” is how many are still to take.</p>\n";
    }

    static std::string cell_value(const StepCell& cell) {
        return std::visit(
            [](const auto& v) -> std::string {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) return "null";
                else if constexpr (std::is_same_v<T, double>) return json_number(v);
                else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
                else return "";
            },
            cell);
    }

    // Where each step's rating and allowance came from: the Westinghouse grades and the ILO items
    // chosen in Setup (with their values), or typed as a number.
    void ratings_and_allowances() {
        out_ += "<h3>Where the ratings and allowances came from</h3>\n";
        table_open("helpers");
        out_ += "<thead><tr><th>Step</th><th class=\"n\">Rating</th><th>From</th><th class=\"n\">Allowance</th>"
                "<th>From</th></tr></thead>\n<tbody>\n";
        for (const Step& step : s_.steps) {
            out_ += "<tr data-step-id=\"" + std::to_string(step.id) + "\"><td class=\"name\">";
            text(step.name);
            out_ += "</td><td class=\"n\">";
            text(format_plain_number(step.rating_pct) + " %");
            out_ += "</td><td class=\"text\">";
            text(step.westinghouse ? "Westinghouse: " + rating_breakdown_text(*step.westinghouse) : "typed in");
            out_ += "</td><td class=\"n\">";
            text(format_plain_number(step.allowance_pct) + " %");
            out_ += "</td><td class=\"text\">";
            const std::string items = allowance_breakdown_text(step.allowance_items);
            text(items.empty() ? "typed in" : "ILO table: " + items);
            out_ += "</td></tr>\n";
        }
        out_ += "</tbody>\n</table></div>\n";
    }

    std::string reading_duration(const Reading& reading) const {
        return reading.running() ? std::string("running") : duration_text(st_.duration_ms(reading, reading.start_ms));
    }

    void reading_row(const Reading& reading, std::string_view last) {
        out_ += "<tr data-reading-id=\"" + std::to_string(reading.id) + "\"><td class=\"name\">";
        text(step_name(reading.step));
        out_ += "</td><td class=\"n\">" + std::to_string(reading.cycle) + "</td><td class=\"n\">" +
                walk_time_text(st_.walk_clock_ms(reading.start_ms)) + "</td><td class=\"n\">";
        text(reading_duration(reading));
        out_ += "</td><td class=\"text\">";
        text(last);
        out_ += "</td></tr>\n";
    }

    void excluded_and_outliers() {
        out_ += "<h3>Excluded readings</h3>\n";
        std::size_t excluded = 0;
        for (const Reading& reading : st_.readings()) excluded += reading.excluded && !reading.removed ? 1 : 0;
        if (excluded == 0) {
            out_ += "<p>None: every complete reading counts.</p>\n";
        } else {
            table_open("excluded");
            out_ += "<thead><tr><th>Step</th><th class=\"n\">Cycle</th><th class=\"n\">Start</th><th "
                    "class=\"n\">Duration</th><th>Reason</th></tr></thead>\n<tbody>\n";
            for (const Reading& reading : st_.readings())
                if (reading.excluded && !reading.removed)
                    reading_row(reading, reading.exclude_reason.empty() ? std::string("(no reason given)") : reading.exclude_reason);
            out_ += "</tbody>\n";
            table_close();
        }
        out_ += "<h3>Flagged outliers</h3>\n";
        std::size_t flagged = 0;
        for (const StepSummary& step : m_.steps) flagged += step.outliers.size();
        if (flagged == 0) {
            out_ += "<p>None flagged by the outlier rule.</p>\n";
            return;
        }
        table_open("outliers");
        out_ += "<thead><tr><th>Step</th><th class=\"n\">Cycle</th><th class=\"n\">Start</th><th "
                "class=\"n\">Duration</th><th>Against the step</th></tr></thead>\n<tbody>\n";
        for (const StepSummary& step : m_.steps)
            for (EventId id : step.outliers)
                if (const Reading* reading = st_.find_reading(id))
                    reading_row(*reading, "mean " + duration_or_missing(step.stats.mean) + ", median " +
                                              duration_or_missing(step.stats.median) + " — counted, flagged only");
        out_ += "</tbody>\n";
        table_close();
    }

    void totals() {
        out_ += "<h3>Totals</h3>\n<div class=\"totals\">\n";
        out_ += "<div>Standard time per unit<b>" +
                number("standard_time_ms", data_value(m_.standard_time_ms), duration_or_missing(m_.standard_time_ms)) +
                "</b></div>\n";
        std::optional<double> per_hour, hours_per_100;
        if (m_.standard_time_ms && *m_.standard_time_ms > 0) {
            per_hour = 3'600'000.0 / *m_.standard_time_ms;
            hours_per_100 = *m_.standard_time_ms * 100.0 / 3'600'000.0;
        }
        out_ += "<div>Units per hour<b>" +
                number("units_per_hour", data_value(per_hour), per_hour ? format_fixed(*per_hour, 1) : std::string(kMissingMark)) +
                "</b></div>\n";
        out_ += "<div>Standard hours per 100 units<b>" +
                number("standard_hours_per_100", data_value(hours_per_100),
                       hours_per_100 ? format_fixed(*hours_per_100, 3) + " h" : std::string(kMissingMark)) +
                "</b></div>\n";
        out_ += "<div>Work content per unit<b>" +
                number("work_content_ms", data_value(m_.work_content_ms), duration_or_missing(m_.work_content_ms)) +
                "</b></div>\n</div>\n";
    }

    std::string duration_number(std::string_view key, const std::optional<double>& ms) const {
        return number(key, data_value(ms), duration_or_missing(ms));
    }
    std::string percent_number(std::string_view key, const std::optional<double>& fraction) const {
        return number(key, data_value(fraction), percent_or_missing(fraction));
    }

    void lean_numbers() {
        out_ += "<h3>Lean numbers</h3>\n";
        table_open("lean");
        out_ += "<thead><tr><th>Measure</th><th class=\"n\">Value</th><th>How it is found</th></tr></thead>\n<tbody>\n";
        const auto row = [this](std::string_view label, const std::string& value, std::string_view how) {
            out_ += "<tr><td>";
            text(label);
            out_ += "</td><td class=\"n\">" + value + "</td><td>";
            text(how);
            out_ += "</td></tr>\n";
        };
        row("Value-added (VA)", duration_number("value_added_ms", m_.value_added_ms) + " · " +
                                    percent_number("value_added_share", m_.value_added_share), "of the work content");
        row("Necessary non-value-added (NNVA)",
            duration_number("necessary_ms", m_.necessary_ms) + " · " + percent_number("necessary_share", m_.necessary_share),
            "of the work content");
        row("Non-value-added (NVA)", duration_number("non_value_added_ms", m_.non_value_added_ms) + " · " +
                                         percent_number("non_value_added_share", m_.non_value_added_share),
            "of the work content");
        row("Lead time", duration_number("lead_time_ms", m_.lead_time_ms), "per closed cycle: first start to last end (mean)");
        row("Waiting", duration_number("waiting_ms", m_.waiting_ms), "the part of the lead time no reading covers (mean)");
        row("Flow efficiency", percent_number("flow_efficiency", m_.flow_efficiency), "value-added time ÷ lead time");
        const std::optional<std::string> bottleneck = bottleneck_name(m_);
        row("Cycle time", duration_number("cycle_time_ms", m_.cycle_time_ms),
            s_.settings.timing_mode == TimingMode::lap
                ? std::string("one operator: the work content")
                : (bottleneck ? "the slowest station: " + *bottleneck : std::string("the slowest station")));
        row("Takt", duration_number("takt_ms", m_.takt_ms), "available time ÷ demand");
        std::string ratio = number("cycle_time_over_takt", data_value(m_.cycle_time_over_takt),
                                   m_.cycle_time_over_takt ? format_fixed(*m_.cycle_time_over_takt, 2)
                                                           : std::string(kMissingMark));
        if (m_.meets_takt)
            ratio += " <span class=\"flag\">" +
                     number("meets_takt", data_value(m_.meets_takt), *m_.meets_takt ? "meets takt" : "ABOVE TAKT") +
                     "</span>";
        row("Cycle time ÷ takt", ratio, "above 1: demand cannot be met");
        row("Balance efficiency", percent_number("balance_efficiency", m_.balance_efficiency),
            "work content ÷ (stations × cycle time)");
        row("Minimum stations",
            number("theoretical_min_stations", data_value(m_.theoretical_min_stations),
                   m_.theoretical_min_stations ? std::to_string(*m_.theoretical_min_stations) : std::string(kMissingMark)),
            "⌈work content ÷ takt⌉");
        row("Required readings",
            number("required_cycles", data_value(m_.required_cycles),
                   m_.required_cycles ? std::to_string(*m_.required_cycles) : std::string(kMissingMark)) +
                " (" +
                number("more_cycles", data_value(m_.more_cycles),
                       m_.more_cycles ? std::to_string(*m_.more_cycles) : std::string(kMissingMark)) +
                " more)",
            "the largest over the elements");
        out_ += "</tbody>\n";
        table_close();
    }

    void figure(std::string_view caption, const std::string& svg, bool scrolls = false) {
        out_ += "<figure><figcaption>";
        text(caption);
        out_ += "</figcaption>\n";
        out_ += scrolls ? "<div class=\"map-scroll\">" + svg + "</div>" : svg;
        out_ += "\n</figure>\n";
    }

    void charts() {
        out_ += "<h3>Charts</h3>\n";
        const bool independent = s_.settings.timing_mode == TimingMode::independent;
        figure(independent ? "Yamazumi: each station's time per unit against takt"
                           : "Yamazumi: work content and standard time per unit against takt",
               yamazumi_svg(independent ? station_yamazumi(m_) : operator_yamazumi(m_), SvgHeading::in_caption));
        figure("Waste Pareto: tags per waste with the cumulative share",
               waste_pareto_svg(waste_pareto_chart(m_.waste_pareto), SvgHeading::in_caption));
        const std::size_t readings = shown_readings();
        if (readings > options_.timeline_reading_limit)
            out_ += "<p class=\"timeline-left-out\">The timeline is left out: its " + std::to_string(readings) +
                    " readings (more than " + std::to_string(options_.timeline_reading_limit) +
                    ") would each be thinner than a dot at page width.</p>\n";
        else
            figure("Timeline: readings and waste tags on the walk clock", timeline_svg(timeline(s_, st_, m_), SvgHeading::in_caption));
    }

    void value_stream(const ValueStreamFigures& v) {
        const std::int64_t day = working_day_ms(s_.settings);
        const auto ladder = [day](const std::optional<double>& ms) {
            return ms ? format_ladder_time(*ms, day) : std::string(kMissingMark);
        };
        const auto vs_number = [](std::string_view key, const std::string& value, const std::string& shown) {
            return number("value_stream." + std::string(key), value, shown);
        };
        out_ += "<h3>Value stream</h3>\n";
        figure("Value stream map with its timeline ladder", value_stream_map_svg(layout_value_stream_map(s_, v)), true);
        out_ += "<div class=\"totals\">\n<div>Production lead time<b>" +
                vs_number("lead_time_ms", data_value(v.lead_time_ms), format_ladder_time(v.lead_time_ms, day)) +
                "</b></div>\n<div>Value-added time<b>" +
                vs_number("value_added_ms", data_value(v.value_added_ms), format_ladder_time(v.value_added_ms, day)) +
                "</b></div>\n<div>Process cycle efficiency (PCE)<b>" +
                vs_number("pce", data_value(v.pce), v.pce ? format_small_percent(*v.pce) : std::string(kMissingMark)) +
                "</b></div>\n<div>Takt<b>" + vs_number("takt_ms", data_value(v.takt_ms), ladder(v.takt_ms)) +
                "</b></div>\n</div>\n";
        if (!v.queues.empty()) {
            table_open("queues");
            out_ += "<thead><tr><th>Queue</th><th>Before step</th><th class=\"n\">Counts</th><th class=\"n\">Last</th><th "
                    "class=\"n\">Mean</th><th class=\"n\">Days of work</th><th class=\"n\">Wait</th><th class=\"n\">WIP "
                    "limit</th></tr></thead>\n<tbody>\n";
            for (const QueueFigures& q : v.queues) {
                out_ += "<tr data-queue-id=\"" + std::to_string(q.id) + "\"><td>";
                text(q.name);
                if (q.over_limit) out_ += " <span class=\"flag\">OVER LIMIT</span>";
                out_ += "</td><td>";
                text(v.steps[q.step].name);
                out_ += "</td>";
                const auto cell = [this](std::string_view key, const std::string& value, const std::string& shown) {
                    out_ += "<td class=\"n\" data-key=\"";
                    out_ += key;
                    out_ += "\" data-value=\"" + value + "\">";
                    text(shown);
                    out_ += "</td>";
                };
                cell("counts_seen", data_value(q.counts_seen), std::to_string(q.counts_seen));
                cell("last_count", data_value(q.last_count), q.last_count ? std::to_string(*q.last_count) : std::string(kMissingMark));
                cell("mean_count", data_value(q.mean_count), q.mean_count ? format_plain_number(*q.mean_count) : std::string(kMissingMark));
                cell("days", data_value(q.days), q.days ? format_fixed(*q.days, 2) : std::string(kMissingMark));
                cell("wait_ms", data_value(q.wait_ms), ladder(q.wait_ms));
                cell("wip_limit", data_value(q.wip_limit), q.wip_limit ? std::to_string(*q.wip_limit) : std::string(kMissingMark));
                out_ += "</tr>\n";
            }
            out_ += "</tbody>\n";
            table_close();
        }
        table_open("ladder");
        out_ += "<thead><tr><th>Step</th><th>Class</th><th class=\"n\">Wait before</th><th>Wait from</th><th "
                "class=\"n\">Process</th><th>Touched by</th></tr></thead>\n<tbody>\n";
        for (const StepFigures& step : v.steps) {
            out_ += "<tr data-vs-step-id=\"" + std::to_string(step.id) + "\"><td>";
            text(step.name);
            out_ += "</td><td><span class=\"cls cls-";
            out_ += to_string(step.value_class);
            out_ += "\">";
            out_ += value_class_abbreviation(step.value_class);
            out_ += "</span></td><td class=\"n\" data-key=\"wait_ms\" data-value=\"" + data_value(step.wait_ms) + "\">";
            text(ladder(step.wait_ms));
            out_ += "</td><td>";
            text(display_name(step.wait_source));
            out_ += "</td><td class=\"n\" data-key=\"process_ms\" data-value=\"" + data_value(step.process_ms) + "\">";
            text(ladder(step.process_ms));
            out_ += "</td><td>";
            text(step.touched_by.empty() ? std::string(kMissingMark) : joined(step.touched_by, ", "));
            out_ += "</td></tr>\n";
        }
        out_ += "</tbody>\n<tfoot><tr><td colspan=\"2\">Total</td><td class=\"n\">" +
                vs_number("total_wait_ms", data_value(v.total_wait_ms), format_ladder_time(v.total_wait_ms, day)) +
                "</td><td></td><td class=\"n\">" +
                vs_number("total_process_ms", data_value(v.total_process_ms), format_ladder_time(v.total_process_ms, day)) +
                "</td><td></td></tr></tfoot>\n";
        table_close();
        if (!v.notices.empty()) {
            out_ += "<ul class=\"notices\">\n";
            for (const std::string& notice : v.notices) {
                out_ += "<li>";
                text(notice);
                out_ += "</li>\n";
            }
            out_ += "</ul>\n";
        }
    }

    void waste() {
        out_ += "<h3>Waste</h3>\n";
        if (m_.waste_total == 0) {
            out_ += "<p>No waste tagged (" + number("waste_total", "0", "0") + " tags).</p>\n";
            return;
        }
        out_ += "<p>" + number("waste_total", data_value(m_.waste_total), std::to_string(m_.waste_total)) +
                " tags, in Pareto order.</p>\n";
        write_waste_table(out_, m_.waste_pareto);
        out_ += "<h3>Waste tags and their notes</h3>\n";
        const std::size_t tags = static_cast<std::size_t>(
            std::count_if(st_.tags().begin(), st_.tags().end(), [](const WasteTag& tag) { return !tag.removed; }));
        // A long walk's thousands of bare tags are in the tally above; those with a note stay listed.
        const bool noted_only = tags > options_.tag_list_limit;
        if (noted_only)
            out_ += "<p class=\"tags-left-out\">Of the " + std::to_string(tags) + " tags (more than " +
                    std::to_string(options_.tag_list_limit) +
                    "), only those with a note are listed; the tally above counts them all.</p>\n";
        table_open("tags");
        out_ += "<thead><tr><th class=\"n\">At</th><th>Waste</th><th>Step</th><th class=\"n\">Lasted</th><th>Note</th></tr></thead>\n<tbody>\n";
        for (const WasteTag& tag : st_.tags()) {
            if (tag.removed || (noted_only && tag.note.empty())) continue;
            out_ += "<tr><td class=\"n\">" + walk_time_text(st_.walk_clock_ms(tag.start_ms)) + "</td><td>";
            text(display_name(tag.waste));
            out_ += "</td><td>";
            text(tag.step == kNoStep ? std::string(kMissingMark) : step_name(tag.step));
            out_ += "</td><td class=\"n\">";
            if (!tag.timed) text("instant");
            else if (tag.running()) text("running");
            else text(duration_text(*tag.end_ms - tag.start_ms - st_.paused_ms_between(tag.start_ms, *tag.end_ms)));
            out_ += "</td><td class=\"text\">";
            text(tag.note);
            out_ += "</td></tr>\n";
        }
        out_ += "</tbody>\n";
        table_close();
    }

    void notes() {
        out_ += "<h3>Notes</h3>\n";
        const bool plan_notes = !s_.notes.empty();
        const bool any = std::any_of(st_.notes().begin(), st_.notes().end(), [](const Note& n) { return !n.removed; });
        if (!plan_notes && !any) {
            out_ += "<p>No notes.</p>\n";
            return;
        }
        if (plan_notes) {
            out_ += "<p class=\"plan-notes\">";
            text(s_.notes);
            out_ += "</p>\n";
        }
        if (!any) return;
        table_open("notes");
        out_ += "<thead><tr><th class=\"n\">At</th><th>On</th><th>Note</th></tr></thead>\n<tbody>\n";
        for (const Note& note : st_.notes()) {
            if (note.removed) continue;
            out_ += "<tr><td class=\"n\">" + walk_time_text(st_.walk_clock_ms(note.t_ms)) + "</td><td>";
            text(note.target == kNoEvent ? std::string("the session") : item_text(s_, st_, note.target));
            out_ += "</td><td class=\"text\">";
            text(note.text);
            out_ += "</td></tr>\n";
        }
        out_ += "</tbody>\n";
        table_close();
    }

    void notices() {
        if (m_.notices.empty()) return;
        out_ += "<h3>What to know about these numbers</h3>\n<ul class=\"notices\">\n";
        for (const std::string& notice : m_.notices) {
            out_ += "<li>";
            text(notice);
            out_ += "</li>\n";
        }
        out_ += "</ul>\n";
    }

    // The readings not deleted: those the appendix and the timeline show.
    std::size_t shown_readings() const {
        return static_cast<std::size_t>(std::count_if(st_.readings().begin(), st_.readings().end(),
                                                      [](const Reading& reading) { return !reading.removed; }));
    }

    void appendix() {
        out_ += "<h3>Appendix: readings</h3>\n";
        const std::size_t shown = shown_readings();
        if (shown > options_.appendix_reading_limit) {
            out_ += "<p class=\"appendix-left-out\">The " + std::to_string(shown) +
                    " readings are left out of this report (more than " +
                    std::to_string(options_.appendix_reading_limit) +
                    "): the tables above summarise them, and the session data embedded in this file holds every one "
                    "(or run <code>gemba-cli export FILE --csv DIR</code>).</p>\n";
            return;
        }
        if (shown == 0) {
            out_ += "<p>No readings.</p>\n";
            return;
        }
        table_open("readings");
        out_ += "<thead><tr><th>Step</th><th class=\"n\">Cycle</th><th class=\"n\">Start</th><th "
                "class=\"n\">Duration</th><th>Status</th></tr></thead>\n<tbody>\n";
        for (const Reading& reading : st_.readings()) {
            if (reading.removed) continue;
            std::string status(to_string(reading_status(reading)));
            if (reading.manual) status += ", entered by hand";
            if (reading.excluded && !reading.exclude_reason.empty()) status += ": " + reading.exclude_reason;
            reading_row(reading, status);
        }
        out_ += "</tbody>\n";
        table_close();
    }

    void data_block() {
        out_ += "<script type=\"application/json\" id=\"gemba-session-" + std::to_string(index_) + "\">";
        out_ += json_for_data_block(session_to_json(s_));
        out_ += "</script>\n";
    }

    std::string& out_;
    const ReportSession& r_;
    const Session& s_;
    const LogState& st_;
    const SessionSummary& m_;
    std::size_t index_;
    const HtmlReportOptions& options_;
};

std::string report_title(const std::vector<ReportSession>& sessions) {
    if (sessions.size() == 1) {
        const Session& s = *sessions.front().session;
        return "Study report: " + (s.title.empty() ? std::string("(untitled study)") : s.title);
    }
    return "Study report: " + std::to_string(sessions.size()) + " sessions";
}

}  // namespace

std::string html_report(const std::vector<ReportSession>& sessions, const HtmlReportOptions& options) {
    std::string out;
    out.reserve(64 * 1024);
    const std::string title = report_title(sessions);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"Gemba " GEMBA_VERSION "\">\n<title>";
    escape_to(out, title);
    out += "</title>\n<style>";
    out += kStyle;
    out += page_rule(options.paper);
    out += "</style>\n</head>\n<body>\n<header>\n<h1>";
    escape_to(out, title);
    out += "</h1>\n<p class=\"meta\">Made by Gemba " GEMBA_VERSION
           ". Times are on the walk clock (pauses left out); VA = value-added, NNVA = necessary non-value-added, NVA = "
           "non-value-added.</p>\n";
    if (sessions.size() > 1) {
        out += "<nav><ol>\n";
        for (std::size_t i = 0; i < sessions.size(); ++i) {
            out += "<li><a href=\"#session-" + std::to_string(i) + "\">";
            const Session& s = *sessions[i].session;
            escape_to(out, s.title.empty() ? sessions[i].file : s.title);
            out += "</a></li>\n";
        }
        out += "</ol></nav>\n";
    }
    out += "</header>\n<main>\n";
    for (std::size_t i = 0; i < sessions.size(); ++i) SessionWriter(out, sessions[i], i, options).write();
    if (sessions.size() > 1) {
        std::vector<const SessionSummary*> all;
        for (const ReportSession& r : sessions) all.push_back(r.summary);
        const std::vector<WasteCount> combined = combine_waste_tallies(all);
        out += "<section class=\"combined\" data-part=\"combined_waste_pareto\">\n<h2>Combined waste tally of " +
               std::to_string(sessions.size()) + " sessions</h2>\n";
        if (std::all_of(combined.begin(), combined.end(), [](const WasteCount& w) { return w.count == 0; })) {
            out += "<p>No waste tagged.</p>\n";
        } else {
            write_waste_table(out, combined);
            out += "<figure><figcaption>Combined waste Pareto</figcaption>\n" +
                   waste_pareto_svg(waste_pareto_chart(combined), SvgHeading::in_caption) + "\n</figure>\n";
        }
        out += "</section>\n";
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

std::string report_path_for(const std::string& session_path) {
    std::string base = session_path;
    const std::size_t slash = base.find_last_of('/');
    const std::size_t dot = base.find_last_of('.');
    if (dot != std::string::npos && (slash == std::string::npos || dot > slash + 1)) base.erase(dot);
    return base + ".report.html";
}

}  // namespace gemba
