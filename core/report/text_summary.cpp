#include "core/report/text_summary.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string_view>

#include "core/file/utf8.hpp"
#include "core/report/columns.hpp"
#include "core/report/ladder_time.hpp"
#include "core/report/numbers.hpp"
#include "core/report/value_stream_report.hpp"

namespace gemba {
namespace {

// Text cut (on a character boundary, marked "…") or padded with spaces to `width` characters.
std::string fit_text(std::string text, std::size_t width, bool right = false) {
    if (utf8_length(text) > width) {
        // Cut on a character boundary and mark the cut.
        std::size_t bytes = 0, chars = 0;
        while (bytes < text.size() && chars + 1 < width) {
            ++bytes;
            while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) ++bytes;
            ++chars;
        }
        text = text.substr(0, bytes) + "…";
    }
    const std::string pad(width - utf8_length(text), ' ');
    return right ? pad + text : text + pad;
}

// The step table: columns of columns.hpp with their widths in characters.
struct TextColumn {
    StepField field;
    std::size_t width;
    bool right = true;  // numbers align right, names left
    std::string_view gap = "";
};
// The name column is one narrower than its slot so that a long (cut) name never runs into the class.
constexpr TextColumn kStepTable[] = {
    {StepField::name, 23, false, " "}, {StepField::value_class, 6, false}, {StepField::valid_n, 4},
    {StepField::excluded_n, 5},        {StepField::frequency, 6},          {StepField::mean, 9},
    {StepField::sd, 8},                {StepField::cv, 8},                 {StepField::min, 8},
    {StepField::max, 8},               {StepField::rating, 8},             {StepField::normal, 9},
    {StepField::allowance, 7},         {StepField::standard, 10},          {StepField::required_cycles, 6},
    {StepField::more_cycles, 6},
};

// A rate with one decimal, or two below 1 per hour: a waste seen once in a long office walk is
// 0.03 per hour, not "0.0".
std::string per_hour_text(double rate) { return format_fixed(rate, rate < 1.0 ? 2 : 1); }

// The wastes with tags, in Pareto order.
void waste_table(const std::vector<WasteCount>& pareto, std::ostream& out) {
    out << fit_text("Waste (Pareto)", 22) << fit_text("Count", 7, true) << fit_text("Share", 9, true)
        << fit_text("Cum.", 9, true) << fit_text("Timed", 10, true) << fit_text("Per hour", 10, true) << '\n';
    for (const WasteCount& w : pareto) {
        if (w.count == 0) continue;
        out << fit_text(std::string(display_name(w.waste)), 22) << fit_text(std::to_string(w.count), 7, true)
            << fit_text(format_percent(w.share), 9, true) << fit_text(format_percent(w.cumulative_share), 9, true)
            << fit_text(w.timed_count ? format_duration(static_cast<double>(w.timed_ms)) : std::string(kMissingMark), 10,
                        true)
            << fit_text(w.per_hour ? per_hour_text(*w.per_hour) : std::string(kMissingMark), 10, true) << '\n';
    }
}


// The value stream part: the queues (what waits, days of work = count ÷ demand, the wait by Little's
// law, the WIP limit), each step's process time and the wait before it from both sources side by
// side, the ladder, and the notices of the value stream. Times in units a person reads.
void value_stream_text(const Session& s, const ValueStreamFigures& v, std::ostream& out) {
    const std::int64_t day = working_day_ms(s.settings);
    const auto ladder = [day](const std::optional<double>& ms) {
        return ms ? format_ladder_time(*ms, day) : std::string(kMissingMark);
    };
    const StudySettings& st = s.settings;
    out << "\nValue stream      demand "
        << (st.takt_demand_units && *st.takt_demand_units > 0 ? format_plain_number(*st.takt_demand_units) + " per working day"
                                                                : std::string(kMissingMark))
        << "   working day "
        << (day > 0 ? format_ladder_time(static_cast<double>(day), 0) : std::string(kMissingMark)) << "   takt "
        << ladder(v.takt_ms) << '\n';
    if (!v.queues.empty()) {
        out << fit_text("Queue", 23) << ' ' << fit_text("Before step", 18) << fit_text("Counts", 7, true)
            << fit_text("Last", 8, true) << fit_text("Mean", 10, true) << fit_text("Days", 8, true)
            << fit_text("Wait", 11, true) << fit_text("WIP limit", 11, true) << '\n';
        for (const QueueFigures& q : v.queues) {
            out << fit_text(q.name, 23) << ' ' << fit_text(v.steps[q.step].name, 18)
                << fit_text(std::to_string(q.counts_seen), 7, true)
                << fit_text(q.last_count ? std::to_string(*q.last_count) : std::string(kMissingMark), 8, true)
                << fit_text(q.mean_count ? format_plain_number(*q.mean_count) : std::string(kMissingMark), 10, true)
                << fit_text(q.days ? format_fixed(*q.days, 2) : std::string(kMissingMark), 8, true)
                << fit_text(ladder(q.wait_ms), 11, true)
                << fit_text(q.wip_limit ? std::to_string(*q.wip_limit) : std::string(kMissingMark), 11, true)
                << (q.over_limit ? "  OVER LIMIT" : "") << '\n';
        }
        out << '\n';
    }
    out << fit_text("Step", 23) << ' ' << fit_text("Class", 6) << fit_text("Process", 10, true)
        << fit_text("Wait before", 13, true) << "  " << fit_text("Wait from", 27) << fit_text("Queue count", 12, true)
        << fit_text("Timed gap", 10, true) << "  Touched by\n";
    for (const StepFigures& step : v.steps) {
        out << fit_text(step.name, 23) << ' ' << fit_text(std::string(value_class_abbreviation(step.value_class)), 6)
            << fit_text(ladder(step.process_ms), 10, true) << fit_text(ladder(step.wait_ms), 13, true) << "  "
            << fit_text(std::string(display_name(step.wait_source)), 27)
            << fit_text(ladder(step.queue_wait_ms), 12, true) << fit_text(ladder(step.observed_wait_ms), 10, true)
            << "  " << (step.touched_by.empty() ? std::string(kMissingMark) : joined(step.touched_by, ", ")) << '\n';
    }
    out << "\nProduction lead time  " << format_ladder_time(v.lead_time_ms, day) << " = waits "
        << format_ladder_time(v.total_wait_ms, day) << " + process " << format_ladder_time(v.total_process_ms, day)
        << "   value-added " << format_ladder_time(v.value_added_ms, day) << "   PCE "
        << (v.pce ? format_small_percent(*v.pce) : std::string(kMissingMark)) << " (value-added ÷ lead time)\n";
    out << "Longest wait          "
        << (v.longest_wait_step ? v.steps[*v.longest_wait_step].name + " (" +
                                      format_ladder_time(*v.steps[*v.longest_wait_step].wait_ms, day) + ")"
                                : std::string(kMissingMark));
    if (!v.over_limit_queues.empty()) {
        out << "   over WIP limit: ";
        bool first = true;
        for (std::size_t q : v.over_limit_queues) {
            const QueueFigures& queue = v.queues[q];
            out << (first ? "" : ", ") << queue.name << " (" << *queue.last_count << " > " << *queue.wip_limit << ")";
            first = false;
        }
    }
    out << '\n';
    // What the lead time lacks, so that a short one is not taken at its word.
    const auto names = [&v](const std::vector<std::size_t>& steps) {
        std::vector<std::string> list;
        for (std::size_t i : steps) list.push_back(v.steps[i].name);
        return joined(list, ", ");
    };
    std::string missing;
    if (!v.steps_without_process_time.empty()) missing = "no process time: " + names(v.steps_without_process_time);
    if (!v.steps_without_wait.empty())
        missing += (missing.empty() ? "" : "; ") + std::string("no wait: ") + names(v.steps_without_wait);
    if (!missing.empty()) out << "Not in lead time      " << missing << '\n';
    if (!v.notices.empty()) {
        out << "Value stream notices:\n";
        for (const std::string& notice : v.notices) out << "  - " << notice << '\n';
    }
}

}  // namespace

std::optional<std::string> bottleneck_name(const SessionSummary& summary) {
    if (!summary.bottleneck_step) return std::nullopt;
    // The last step with the id, should a hand-edited plan give two steps one id.
    const auto step = std::find_if(summary.steps.rbegin(), summary.steps.rend(),
                                   [&](const StepSummary& s) { return s.step == *summary.bottleneck_step; });
    if (step == summary.steps.rend()) return std::nullopt;
    return step->name;
}

std::string required_cycles_method_text(const StudySettings& settings, double z) {
    switch (settings.required_cycles_method) {
        case RequiredCyclesMethod::z_sample_sd: break;
        case RequiredCyclesMethod::traditional:
            return "z = " + format_fixed(z, 3) + ", traditional formula (population SD)";
        case RequiredCyclesMethod::student_t: {
            const double level = settings.z ? confidence_for_z(*settings.z) : settings.confidence_pct;
            return "Student's t for each step's n \u2212 1 degrees of freedom at " + format_fixed(level, 2) + " %";
        }
    }
    return "z = " + format_fixed(z, 3);
}

std::string summary_text(const std::string& file, const Session& s, const SessionSummary& m,
                         const ValueStreamFigures* value_stream) {
    std::ostringstream out;
    out << "== " << file << " ==\n";
    out << (s.title.empty() ? "(untitled)" : s.title);
    if (!s.process.empty()) out << " — " << s.process;
    out << '\n';
    std::string about;
    const auto add = [&about](const char* label, const std::string& value) {
        if (value.empty()) return;
        if (!about.empty()) about += "   ";
        about += label + value;
    };
    add("Area: ", s.area);
    add("Observer: ", s.observer);
    add("Started: ", s.started_at);
    if (!about.empty()) out << about << '\n';
    out << "Observed " << format_duration(static_cast<double>(m.observed_ms));
    if (m.paused_ms > 0) out << " (paused " << format_duration(static_cast<double>(m.paused_ms)) << ")";
    out << " · " << m.cycles_closed << " cycle(s) closed · timing: " << to_string(s.settings.timing_mode)
        << (m.running ? " · still running" : "") << "\n\n";

    for (const TextColumn& c : kStepTable) out << fit_text(std::string(step_column(c.field).label), c.width, c.right) << c.gap;
    out << '\n';
    for (const StepSummary& st : m.steps) {
        for (const TextColumn& c : kStepTable) out << fit_text(text_cell(step_column(c.field), st), c.width, c.right) << c.gap;
        out << '\n';
    }
    out << '\n';
    std::string cycle_time_basis = "   (one operator: the work content)";
    if (s.settings.timing_mode == TimingMode::independent) {
        const std::optional<std::string> bottleneck = bottleneck_name(m);
        cycle_time_basis = bottleneck ? "   (bottleneck: " + *bottleneck + ")" : "   (each step its own station: the slowest step)";
    }
    out << "Cycle time        " << duration_or_missing(m.cycle_time_ms) << cycle_time_basis;
    if (m.takt_ms) {
        out << "   takt " << format_duration(*m.takt_ms);
        if (m.cycle_time_over_takt)
            out << " (CT/takt " << format_fixed(*m.cycle_time_over_takt, 2) << ", "
                << (*m.meets_takt ? "meets takt" : "ABOVE TAKT: demand cannot be met") << ")";
    }
    out << "\nWork content      " << duration_or_missing(m.work_content_ms) << " per unit (Σ observed × frequency)"
        << "   standard time " << duration_or_missing(m.standard_time_ms) << " ("
        << (s.settings.allowance_convention == AllowanceConvention::on_job_time ? "allowance on job time"
                                                                                 : "allowance on the workday")
        << ")\n";
    out << "Value-added       " << duration_or_missing(m.value_added_ms) << " (" << percent_or_missing(m.value_added_share)
        << ")   necessary NVA " << duration_or_missing(m.necessary_ms) << " (" << percent_or_missing(m.necessary_share)
        << ")   NVA " << duration_or_missing(m.non_value_added_ms) << " (" << percent_or_missing(m.non_value_added_share)
        << ")\n";
    std::string line_balance;
    if (m.balance_efficiency) line_balance = "balance efficiency " + percent_or_missing(m.balance_efficiency);
    if (m.theoretical_min_stations)
        line_balance += (line_balance.empty() ? "" : "   ") + std::string("at least ") +
                        std::to_string(*m.theoretical_min_stations) +
                        (*m.theoretical_min_stations == 1 ? " station" : " stations") +
                        " to meet takt (⌈work content ÷ takt⌉)";
    if (!line_balance.empty()) out << "Line balance      " << line_balance << '\n';
    out << "Lead time         " << duration_or_missing(m.lead_time_ms) << "   waiting " << duration_or_missing(m.waiting_ms)
        << " per cycle   flow efficiency " << percent_or_missing(m.flow_efficiency) << '\n';
    out << "Required cycles   "
        << (m.required_cycles ? std::to_string(*m.required_cycles) + " (" + std::to_string(*m.more_cycles) + " more)"
                              : std::string(kMissingMark))
        << "   at ±"
        << (s.settings.accuracy_ms ? format_duration(*s.settings.accuracy_ms)
                                   : format_fixed(s.settings.accuracy_pct, 1) + " %")
        << ", " << required_cycles_method_text(s.settings, m.z) << "\n\n";

    if (m.waste_total == 0) {
        out << "No waste tagged.\n";
    } else {
        waste_table(m.waste_pareto, out);
        out << "\nWaste by step: ";
        bool first = true;
        for (const StepWasteCount& w : m.waste_by_step) {
            out << (first ? "" : ", ") << w.name << " " << w.count;
            first = false;
        }
        out << '\n';
    }
    if (value_stream) value_stream_text(s, *value_stream, out);
    if (!m.notices.empty()) {
        out << "\nNotices:\n";
        for (const std::string& notice : m.notices) out << "  - " << notice << '\n';
    }
    return std::move(out).str();
}

std::string combined_tally_text(const std::vector<WasteCount>& tally, std::size_t sessions) {
    std::ostringstream out;
    out << "== Combined waste tally of " << sessions << (sessions == 1 ? " session" : " sessions") << " ==\n";
    if (std::all_of(tally.begin(), tally.end(), [](const WasteCount& w) { return w.count == 0; }))
        out << "No waste tagged.\n";
    else
        waste_table(tally, out);
    return std::move(out).str();
}

}  // namespace gemba
