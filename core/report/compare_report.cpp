#include "core/report/compare_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>
#include <vector>

#include "core/file/utf8.hpp"
#include "core/report/csv.hpp"
#include "core/report/json_writer.hpp"
#include "core/report/ladder_time.hpp"
#include "core/report/numbers.hpp"
#include "core/report/value_stream_report.hpp"

namespace gemba {

WalkForComparison walk_for_comparison(std::string label, Session session, LogState state) {
    WalkForComparison walk{std::move(label), std::move(session), std::move(state), {}, {}};
    walk.summary = summarize(walk.session, walk.state);
    if (std::optional<ValueStreamResult> stream = value_stream_for_report(walk.session, walk.state, walk.summary))
        walk.value_stream = std::move(stream->figures);
    return walk;
}

// ---- Words and numbers -------------------------------------------------------------------------

namespace {

constexpr std::string_view kMinus = "\u2212";

std::string with_sign(double value, const std::string& magnitude) {
    if (magnitude == "0.0 s" || value == 0.0) return magnitude;
    return (value < 0 ? std::string(kMinus) : std::string("+")) + magnitude;
}

// A number the way the JSON and CSV keep it: ms → s for CSV.
std::string csv_number(const std::optional<double>& value, double scale = 1.0) {
    if (!value || !std::isfinite(*value)) return "";
    return json_number(*value * scale);
}

}  // namespace

std::string points_text(double change) {
    const std::string magnitude = format_fixed(std::fabs(change) * 100.0, 1);
    return (magnitude == "0.0" ? magnitude : with_sign(change, magnitude)) + " points";
}

std::string signed_fixed(double value, int decimals) {
    const std::string magnitude = format_fixed(std::fabs(value), decimals);
    return value < 0 && magnitude != format_fixed(0.0, decimals) ? std::string(kMinus) + magnitude : magnitude;
}

std::string p_value_text(double p) { return p < 0.001 ? "< 0.001" : format_fixed(p, 3); }

std::string signed_duration(double ms) { return with_sign(ms, format_duration(std::fabs(ms))); }

std::string difference_text(const WelchTest& test) {
    const auto plain = [](double ms) { return ms < 0 ? std::string(kMinus) + format_duration(-ms) : format_duration(ms); };
    return signed_duration(test.difference) + " (" + plain(test.ci_low) + " to " + plain(test.ci_high) + ")";
}

std::string sample_text(const StepSample& sample) {
    if (sample.n == 0 || !sample.mean_ms) return "no readings";
    std::string text = format_duration(*sample.mean_ms);
    if (sample.sd_ms) text += " \u00b1 " + format_duration(*sample.sd_ms);
    return text + " (n = " + std::to_string(sample.n) + ")";
}

std::string rate_text(const std::optional<double>& per_hour) {
    return per_hour ? format_fixed(*per_hour, 1) + " / h" : std::string(kMissingMark);
}

std::string signed_rate(double per_hour) {
    const std::string magnitude = format_fixed(std::fabs(per_hour), 1);
    return (magnitude == "0.0" ? magnitude : with_sign(per_hour, magnitude)) + " / h";
}

std::string flow_time_text(const std::optional<double>& ms, std::int64_t working_day_ms, bool signed_change) {
    if (!ms || !std::isfinite(*ms)) return std::string(kMissingMark);
    const double size = std::fabs(*ms);
    const std::string magnitude = working_day_ms > 0 && size >= static_cast<double>(working_day_ms)
                                      ? format_ladder_time(size, working_day_ms)
                                      : format_duration(size);
    if (signed_change) return with_sign(*ms, magnitude);
    return *ms < 0 ? std::string(kMinus) + magnitude : magnitude;
}

std::string effect_value_text(const ActionEffect& effect, const std::optional<double>& value, bool signed_change,
                              std::int64_t working_day_ms) {
    if (!value) return std::string(kMissingMark);
    if (!effect.action.expected) return std::string(kMissingMark);
    switch (effect.action.expected->metric) {
        case Metric::step_mean:
            return signed_change ? signed_duration(*value) : format_duration(*value);
        case Metric::waste_rate: return signed_change ? signed_rate(*value) : rate_text(value);
        case Metric::flow_efficiency: return signed_change ? points_text(*value) : format_small_percent(*value);
        case Metric::wait_before:
        case Metric::lead_time:
        case Metric::cycle_time:
        case Metric::takt_gap: return flow_time_text(value, working_day_ms, signed_change);
    }
    return std::string(kMissingMark);
}

std::string effect_text(const ActionEffect& effect, std::int64_t working_day_ms) {
    if (effect.verdict == EffectVerdict::not_measurable && !effect.value.change())
        return "cannot be measured: " + effect.reason;
    const double change = *effect.value.change();
    const bool decrease = effect.action.expected->direction == Direction::decrease;
    std::string text = change == 0 ? "did not move" : (change < 0 ? "decreased by " : "increased by ");
    if (change != 0) {
        const bool points = effect.action.expected->metric == Metric::flow_efficiency;
        text += points ? format_fixed(std::fabs(change) * 100.0, 1) + " points"
                       : effect_value_text(effect, std::fabs(change), false, working_day_ms);
    }
    if (effect.p) text += " (p " + std::string(*effect.p < 0.001 ? "" : "= ") + p_value_text(*effect.p) + ")";
    if (effect.verdict == EffectVerdict::not_measurable) return text + "; cannot be tested: " + effect.reason;
    if (effect.moved_as_expected && *effect.moved_as_expected) {
        if (effect.significant && !*effect.significant) return text + ", as expected, but not clearly (not significant)";
        return text + ", as expected";
    }
    return text + (decrease ? ", expected a decrease" : ", expected an increase");
}

// ---- Text ----------------------------------------------------------------------------------------

namespace {

std::string fit(const std::string& text, std::size_t width, bool right = false) {
    std::string cut = text;
    if (utf8_length(cut) > width) {
        std::size_t bytes = 0, chars = 0;
        while (bytes < cut.size() && chars + 1 < width) {
            ++bytes;
            while (bytes < cut.size() && (static_cast<unsigned char>(cut[bytes]) & 0xC0) == 0x80) ++bytes;
            ++chars;
        }
        cut = cut.substr(0, bytes) + "\u2026";
    }
    const std::string pad(width - std::min(width, utf8_length(cut)), ' ');
    return right ? pad + cut : cut + pad;
}

// A table of text cells: each column as wide as its widest cell (names up to 28 characters).
class TextTable {
public:
    explicit TextTable(std::vector<bool> right) : right_(std::move(right)) {}
    void row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
    std::string str() const {
        std::vector<std::size_t> widths(right_.size(), 0);
        for (const auto& r : rows_)
            for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], std::min<std::size_t>(utf8_length(r[i]), i == 0 ? 28 : 60));
        std::string out;
        for (const auto& r : rows_) {
            std::string line = "  ";
            for (std::size_t i = 0; i < r.size(); ++i) line += fit(r[i], widths[i], right_[i]) + (i + 1 < r.size() ? "  " : "");
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out += line + '\n';
        }
        return out;
    }

private:
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

std::string walk_line(const char* side, const WalkForComparison& walk) {
    std::string line = std::string(side) + walk.label;
    if (!walk.session.title.empty()) line += " \u2014 " + walk.session.title;
    return line + " (" + std::to_string(walk.session.steps.size()) + " steps, observed " +
           format_duration(static_cast<double>(walk.summary.observed_ms)) + ")\n";
}

}  // namespace

std::string compare_text(const WalkComparison& c, const WalkForComparison& before, const WalkForComparison& after) {
    const std::int64_t day = working_day_ms(before.session.settings);
    std::ostringstream out;
    out << "== Compare a walk before and after ==\n";
    out << walk_line("Before: ", before) << walk_line("After:  ", after);
    out << "Confidence " << format_plain_number(c.confidence_pct)
        << " % (the before walk's setting); every difference is after \u2212 before; Welch's t-test (unequal "
           "variances), two-sided p.\n\n";

    out << "Steps (matched by name)\n";
    if (c.steps.empty()) {
        out << "  no step of one walk has the name of a step of the other\n";
    } else {
        TextTable table({false, true, true, true, true, true, true, false});
        table.row({"step", "before", "after", "difference (" + format_plain_number(c.confidence_pct) + " % CI)", "t",
                   "df", "p", "change"});
        for (const StepComparison& s : c.steps) {
            if (s.test)
                table.row({s.before_name, sample_text(s.before), sample_text(s.after), difference_text(*s.test),
                           signed_fixed(s.test->t, 2), format_fixed(s.test->df, 1), p_value_text(s.test->p_two_sided),
                           std::string(display_name(s.verdict))});
            else
                table.row({s.before_name, sample_text(s.before), sample_text(s.after), s.untested, "", "", "",
                           std::string(display_name(s.verdict))});
        }
        out << table.str();
    }
    if (!c.unmatched.empty()) {
        out << "\nUnmatched steps (not compared)\n";
        TextTable table({false, false, true, false});
        table.row({"step", "walk", "readings", "why"});
        for (const UnmatchedStep& u : c.unmatched)
            table.row({u.name.empty() ? "(no name)" : u.name, std::string(display_name(u.side)),
                       std::to_string(u.valid_readings), std::string(display_name(u.reason))});
        out << table.str();
    }

    out << "\nWaste per observed hour\n";
    {
        TextTable table({false, true, true, true, true, true});
        table.row({"waste", "before", "after", "change", "tags before \u2192 after", "p"});
        for (const WasteRateChange& w : c.wastes) {
            const std::optional<double> change = w.per_hour.change();
            table.row({std::string(display_name(w.waste)), rate_text(w.per_hour.before), rate_text(w.per_hour.after),
                       change ? signed_rate(*change) : std::string(kMissingMark),
                       std::to_string(w.before_count) + " \u2192 " + std::to_string(w.after_count),
                       w.p ? p_value_text(*w.p) : std::string(kMissingMark)});
        }
        out << table.str();
        out << "  p: the exact test of two rates (conditional binomial); a few tags rarely show a clear change.\n";
    }

    out << "\nFlow\n";
    {
        TextTable table({false, true, true, true});
        table.row({"", "before", "after", "change"});
        const auto time_row = [&](const char* name, const BeforeAfter& v, bool signed_values = false) {
            table.row({name, flow_time_text(v.before, day, signed_values), flow_time_text(v.after, day, signed_values),
                       flow_time_text(v.change(), day, true)});
        };
        time_row("Lead time", c.flow.lead_time_ms);
        const BeforeAfter& fe = c.flow.flow_efficiency;
        const std::optional<double> fe_change = fe.change();
        table.row({"Flow efficiency", fe.before ? format_small_percent(*fe.before) : std::string(kMissingMark),
                   fe.after ? format_small_percent(*fe.after) : std::string(kMissingMark),
                   fe_change ? points_text(*fe_change) : std::string(kMissingMark)});
        time_row("Cycle time", c.flow.cycle_time_ms);
        time_row("Takt", c.flow.takt_ms);
        time_row("Takt gap (CT \u2212 takt)", c.flow.takt_gap_ms, true);
        out << table.str();
        out << "  Lead time and flow efficiency from: before, " << display_name(c.flow.before_source) << "; after, "
            << display_name(c.flow.after_source) << ".\n";
    }

    out << "\nActions and their expected effect\n";
    if (c.actions.empty()) {
        out << "  no actions in either walk\n";
    } else {
        for (const ActionEffect& a : c.actions) {
            out << "  [" << display_name(a.verdict) << "] #" << a.action.id << " " << a.action.title << " ("
                << display_name(a.walk) << " walk, " << display_name(a.action.status)
                << (a.action.owner.empty() ? "" : ", " + a.action.owner) << ")\n";
            if (!a.action.expected) {
                out << "      no expected effect given\n";
                continue;
            }
            out << "      " << a.metric << ", expected to "
                << (a.action.expected->direction == Direction::decrease ? "decrease" : "increase") << ": "
                << effect_value_text(a, a.value.before, false, day) << " \u2192 "
                << effect_value_text(a, a.value.after, false, day) << "; " << effect_text(a, day) << '\n';
        }
    }
    return out.str();
}

// ---- JSON ----------------------------------------------------------------------------------------

namespace {

void before_after_json(JsonWriter& w, const BeforeAfter& v) {
    w.begin_object();
    w.key("before").value(v.before);
    w.key("after").value(v.after);
    w.key("change").value(v.change());
    w.end_object();
}

void walk_json(JsonWriter& w, const WalkForComparison& walk) {
    w.begin_object();
    w.key("file").value(walk.label);
    w.key("title").value(walk.session.title);
    w.key("observed_ms").value(walk.summary.observed_ms);
    w.end_object();
}

void sample_json(JsonWriter& w, const StepSample& s) {
    w.begin_object();
    w.key("n").value(static_cast<std::int64_t>(s.n));
    w.key("mean_ms").value(s.mean_ms);
    w.key("sd_ms").value(s.sd_ms);
    w.end_object();
}

std::optional<double> test_field(const StepComparison& s, double WelchTest::*field) {
    if (!s.test) return std::nullopt;
    return (*s.test).*field;
}

}  // namespace

std::string compare_json(const WalkComparison& c, const WalkForComparison& before, const WalkForComparison& after) {
    JsonWriter w;
    w.begin_object();
    w.key("before");
    walk_json(w, before);
    w.key("after");
    walk_json(w, after);
    w.key("confidence_pct").value(c.confidence_pct);
    w.key("steps").begin_array();
    for (const StepComparison& s : c.steps) {
        w.begin_object();
        w.key("key").value(s.key);
        w.key("before_step_id").value(static_cast<std::int64_t>(s.before_step));
        w.key("after_step_id").value(static_cast<std::int64_t>(s.after_step));
        w.key("before_name").value(s.before_name);
        w.key("after_name").value(s.after_name);
        w.key("before");
        sample_json(w, s.before);
        w.key("after");
        sample_json(w, s.after);
        w.key("difference_ms").value(test_field(s, &WelchTest::difference));
        w.key("ci_low_ms").value(test_field(s, &WelchTest::ci_low));
        w.key("ci_high_ms").value(test_field(s, &WelchTest::ci_high));
        w.key("t").value(test_field(s, &WelchTest::t));
        w.key("df").value(test_field(s, &WelchTest::df));
        w.key("p").value(test_field(s, &WelchTest::p_two_sided));
        w.key("verdict").value(to_string(s.verdict));
        if (s.untested.empty()) w.key("untested").null();
        else w.key("untested").value(s.untested);
        w.key("wait_before_ms");
        before_after_json(w, s.wait_ms);
        w.end_object();
    }
    w.end_array();
    w.key("unmatched").begin_array();
    for (const UnmatchedStep& u : c.unmatched) {
        w.begin_object();
        w.key("side").value(to_string(u.side));
        w.key("step_id").value(static_cast<std::int64_t>(u.step));
        w.key("name").value(u.name);
        w.key("key").value(u.key);
        w.key("reason").value(to_string(u.reason));
        w.key("valid_readings").value(static_cast<std::int64_t>(u.valid_readings));
        w.end_object();
    }
    w.end_array();
    w.key("wastes").begin_array();
    for (const WasteRateChange& r : c.wastes) {
        w.begin_object();
        w.key("waste").value(to_string(r.waste));
        w.key("before_count").value(static_cast<std::int64_t>(r.before_count));
        w.key("after_count").value(static_cast<std::int64_t>(r.after_count));
        w.key("before_per_hour").value(r.per_hour.before);
        w.key("after_per_hour").value(r.per_hour.after);
        w.key("change_per_hour").value(r.per_hour.change());
        w.key("p").value(r.p);
        w.end_object();
    }
    w.end_array();
    w.key("flow").begin_object();
    w.key("lead_time_ms");
    before_after_json(w, c.flow.lead_time_ms);
    w.key("lead_time_source").begin_object();
    w.key("before").value(to_string(c.flow.before_source));
    w.key("after").value(to_string(c.flow.after_source));
    w.end_object();
    w.key("flow_efficiency");
    before_after_json(w, c.flow.flow_efficiency);
    w.key("cycle_time_ms");
    before_after_json(w, c.flow.cycle_time_ms);
    w.key("takt_ms");
    before_after_json(w, c.flow.takt_ms);
    w.key("takt_gap_ms");
    before_after_json(w, c.flow.takt_gap_ms);
    w.end_object();
    w.key("actions").begin_array();
    for (const ActionEffect& a : c.actions) {
        w.begin_object();
        w.key("walk").value(to_string(a.walk));
        w.key("id").value(static_cast<std::int64_t>(a.action.id));
        w.key("title").value(a.action.title);
        w.key("owner").value(a.action.owner);
        w.key("status").value(to_string(a.action.status));
        if (a.action.expected) {
            const ExpectedEffect& e = *a.action.expected;
            w.key("metric").value(to_string(e.metric));
            if (metric_takes_step(e.metric) && e.step != kNoStep) w.key("step_id").value(static_cast<std::int64_t>(e.step));
            else w.key("step_id").null();
            if (metric_takes_waste(e.metric)) w.key("waste").value(to_string(e.waste));
            else w.key("waste").null();
            w.key("direction").value(to_string(e.direction));
        } else {
            w.key("metric").null();
            w.key("step_id").null();
            w.key("waste").null();
            w.key("direction").null();
        }
        w.key("metric_text").value(a.metric);
        w.key("before").value(a.value.before);
        w.key("after").value(a.value.after);
        w.key("change").value(a.value.change());
        w.key("moved_as_expected").value(a.moved_as_expected);
        w.key("p").value(a.p);
        w.key("significant").value(a.significant);
        w.key("verdict").value(to_string(a.verdict));
        if (a.reason.empty()) w.key("reason").null();
        else w.key("reason").value(a.reason);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str() + '\n';
}

// ---- CSV -----------------------------------------------------------------------------------------

namespace {

constexpr double kSeconds = 0.001;

struct CsvRow {
    std::string section{}, name{}, side{}, id{}, before_n{}, after_n{}, before{}, after{}, change{}, unit{}, before_sd{}, after_sd{}, ci_low{}, ci_high{}, t{}, df{}, p{}, verdict{}, detail{};
};

std::optional<double> scaled(const std::optional<double>& v, double scale) {
    if (!v) return std::nullopt;
    return *v * scale;
}

// The unit of an action's metric in the CSV, and the factor from the comparison's numbers to it.
std::pair<std::string, double> csv_unit(const ActionEffect& a) {
    if (!a.action.expected) return {"", 1.0};
    switch (a.action.expected->metric) {
        case Metric::waste_rate: return {"per_hour", 1.0};
        case Metric::flow_efficiency: return {"fraction", 1.0};
        default: return {"s", kSeconds};
    }
}

}  // namespace

std::string compare_csv(const WalkComparison& c) {
    CsvTable table;
    const auto cell = [](std::string v, bool typed = false) { return CsvCell{std::move(v), typed}; };
    table.rows.push_back({});
    for (const char* h : {"section", "name", "side", "id", "before_n", "after_n", "before", "after", "change", "unit",
                          "before_sd", "after_sd", "ci_low", "ci_high", "t", "df", "p", "verdict", "detail"})
        table.rows.back().push_back(cell(h));
    const auto add = [&](const CsvRow& r, bool typed_name = true) {
        table.rows.push_back({cell(r.section), cell(r.name, typed_name), cell(r.side), cell(r.id), cell(r.before_n),
                              cell(r.after_n), cell(r.before), cell(r.after), cell(r.change), cell(r.unit),
                              cell(r.before_sd), cell(r.after_sd), cell(r.ci_low), cell(r.ci_high), cell(r.t),
                              cell(r.df), cell(r.p), cell(r.verdict), cell(r.detail, true)});
    };
    for (const StepComparison& s : c.steps) {
        CsvRow r{"step", s.before_name};
        r.id = std::to_string(s.before_step);
        r.before_n = std::to_string(s.before.n);
        r.after_n = std::to_string(s.after.n);
        r.before = csv_number(s.before.mean_ms, kSeconds);
        r.after = csv_number(s.after.mean_ms, kSeconds);
        r.unit = "s";
        r.before_sd = csv_number(s.before.sd_ms, kSeconds);
        r.after_sd = csv_number(s.after.sd_ms, kSeconds);
        if (s.test) {
            r.change = csv_number(s.test->difference, kSeconds);
            r.ci_low = csv_number(s.test->ci_low, kSeconds);
            r.ci_high = csv_number(s.test->ci_high, kSeconds);
            r.t = csv_number(s.test->t);
            r.df = csv_number(s.test->df);
            r.p = csv_number(s.test->p_two_sided);
        } else {
            r.change = csv_number(BeforeAfter{s.before.mean_ms, s.after.mean_ms}.change(), kSeconds);
            r.detail = s.untested;
        }
        r.verdict = std::string(to_string(s.verdict));
        if (s.after_name != s.before_name) r.detail += (r.detail.empty() ? "" : "; ") + ("after: " + s.after_name);
        add(r);
    }
    for (const StepComparison& s : c.steps) {
        CsvRow r{"wait_before", s.before_name};
        r.id = std::to_string(s.before_step);
        r.before = csv_number(s.wait_ms.before, kSeconds);
        r.after = csv_number(s.wait_ms.after, kSeconds);
        r.change = csv_number(s.wait_ms.change(), kSeconds);
        r.unit = "s";
        add(r);
    }
    for (const UnmatchedStep& u : c.unmatched) {
        CsvRow r{"unmatched", u.name};
        r.side = std::string(to_string(u.side));
        r.id = std::to_string(u.step);
        (u.side == CompareSide::before ? r.before_n : r.after_n) = std::to_string(u.valid_readings);
        r.verdict = std::string(to_string(u.reason));
        r.detail = std::string(display_name(u.reason));
        add(r);
    }
    for (const WasteRateChange& w : c.wastes) {
        CsvRow r{"waste", std::string(to_string(w.waste))};
        r.before_n = std::to_string(w.before_count);
        r.after_n = std::to_string(w.after_count);
        r.before = csv_number(w.per_hour.before);
        r.after = csv_number(w.per_hour.after);
        r.change = csv_number(w.per_hour.change());
        if (w.p) r.p = csv_number(w.p);
        r.unit = "per_hour";
        add(r, false);
    }
    const auto flow_row = [&](const char* name, const BeforeAfter& v, bool time) {
        CsvRow r{"flow", name};
        const double scale = time ? kSeconds : 1.0;
        r.before = csv_number(v.before, scale);
        r.after = csv_number(v.after, scale);
        r.change = csv_number(v.change(), scale);
        r.unit = time ? "s" : "fraction";
        if (std::string_view(name) == "lead_time" || std::string_view(name) == "flow_efficiency")
            r.detail = "before: " + std::string(to_string(c.flow.before_source)) +
                       "; after: " + std::string(to_string(c.flow.after_source));
        add(r, false);
    };
    flow_row("lead_time", c.flow.lead_time_ms, true);
    flow_row("flow_efficiency", c.flow.flow_efficiency, false);
    flow_row("cycle_time", c.flow.cycle_time_ms, true);
    flow_row("takt", c.flow.takt_ms, true);
    flow_row("takt_gap", c.flow.takt_gap_ms, true);
    for (const ActionEffect& a : c.actions) {
        CsvRow r{"action", a.action.title};
        r.side = std::string(to_string(a.walk));
        r.id = std::to_string(a.action.id);
        const auto [unit, scale] = csv_unit(a);
        r.before = csv_number(scaled(a.value.before, scale));
        r.after = csv_number(scaled(a.value.after, scale));
        r.change = csv_number(scaled(a.value.change(), scale));
        r.unit = unit;
        if (a.p) r.p = csv_number(a.p);
        r.verdict = std::string(to_string(a.verdict));
        r.detail = a.metric + (a.reason.empty() ? "" : ": " + a.reason);
        add(r);
    }
    return to_csv(table);
}

}  // namespace gemba
