#include "core/report/sampling_report.hpp"

#include "core/report/csv.hpp"
#include "core/report/json_writer.hpp"
#include "core/report/numbers.hpp"

namespace gemba {
namespace {

std::string interval_text(const sampling::ShareInterval& interval) {
    return format_percent(interval.low) + " – " + format_percent(interval.high) + (interval.clipped ? " (cut at 0/100 %)" : "");
}

std::string share_line(const CategoryShare& share) {
    std::string line = "  " + share.category->name + ": " + std::to_string(share.count);
    if (share.category->absent) return line + " (absent / not observable: not in n)\n";
    if (!share.estimate) return line + ", share " + std::string(kMissingMark) + "\n";
    return line + ", share " + format_percent(share.estimate->share) + ", normal " + interval_text(share.estimate->normal) +
           ", Wilson " + interval_text(share.estimate->wilson) + "\n";
}

}  // namespace

std::string sampling_summary_text(const std::string& file, const Session& session, const SamplingSummary& s) {
    std::string out = file + ": " + session.title + " (work sampling)\n";
    out += "Observations n = " + std::to_string(s.observations) + " (absent left out: " + std::to_string(s.absent) +
           "), z = " + format_fixed(s.z, 3) + "\n";
    out += "Shares of the categories:\n";
    for (const CategoryShare& share : s.categories) out += share_line(share);
    if (s.target) {
        out += "Target: " + s.target->category->name + " ± " + format_plain_number(s.target->accuracy_pct) +
               (s.target->accuracy == SamplingAccuracy::absolute ? " percentage points" : " % of its share") + ": ";
        if (s.target->required)
            out += "n = " + std::to_string(s.target->required->required) + " observations required, " +
                   std::to_string(s.target->required->more) + " more\n";
        else
            out += "no required n (no accuracy relative to a share of 0)\n";
    }
    for (const SubjectShares& subject : s.subjects) {
        out += "Subject " + subject.subject->name + ": n = " + std::to_string(subject.observations) + "\n";
        for (const CategoryShare& share : subject.categories)
            if (share.count > 0) out += "  " + share_line(share);
    }
    if (s.p_chart) {
        out += "p-chart of " + s.target->category->name + " per day (centre " + format_percent(s.p_chart->centre) + "):\n";
        for (std::size_t d = 0; d < s.p_chart->days.size(); ++d) {
            const sampling::PChartDay& day = s.p_chart->days[d];
            out += "  " + s.p_chart_dates[d] + ": ";
            if (!day.share) {
                out += "no observations\n";
                continue;
            }
            out += std::to_string(day.count) + " of " + std::to_string(day.observations) + " = " + format_percent(*day.share) +
                   ", limits " + format_percent(*day.lower_limit) + " – " + format_percent(*day.upper_limit) +
                   (day.signal == sampling::ControlSignal::above   ? ", OUT OF CONTROL (above)"
                    : day.signal == sampling::ControlSignal::below ? ", OUT OF CONTROL (below)"
                                                                   : "") +
                   "\n";
        }
    }
    const RoundFigures& r = s.rounds;
    out += "Rounds: " + std::to_string(r.scheduled) + " scheduled, " + std::to_string(r.taken) + " taken (" +
           std::to_string(r.taken_late) + " late" +
           (r.max_late_ms ? ", at most " + format_duration(static_cast<double>(*r.max_late_ms)) + " late" : std::string()) +
           "), " + std::to_string(r.skipped) + " skipped, " + std::to_string(r.missed) + " missed, " +
           std::to_string(r.open) + " open now, " + std::to_string(r.to_come) + " to come\n";
    if (s.standard_time)
        out += "Standard time from sampling: normal " + format_duration(s.standard_time->normal_time_ms) + ", standard " +
               format_duration(s.standard_time->standard_time_ms) + " per unit (total time " +
               format_duration(s.total_time_ms) + ", working " + percent_or_missing(s.share_working) + ")\n";
    else
        out += "Standard time from sampling: " + std::string(kMissingMark) + " (" + s.standard_time_missing + ")\n";
    return out;
}

namespace {

void write_interval(JsonWriter& w, const char* name, const sampling::ShareInterval& interval) {
    w.key(name).begin_object();
    w.key("low").value(interval.low).key("high").value(interval.high).key("clipped").value(interval.clipped);
    w.end_object();
}

void write_shares(JsonWriter& w, const std::vector<CategoryShare>& shares) {
    w.begin_array();
    for (const CategoryShare& share : shares) {
        w.begin_object();
        w.key("category_id").value(share.category->id).key("name").value(share.category->name);
        w.key("absent").value(share.category->absent).key("count").value(share.count);
        if (share.estimate) {
            w.key("share").value(share.estimate->share);
            write_interval(w, "normal", share.estimate->normal);
            write_interval(w, "wilson", share.estimate->wilson);
        } else {
            w.key("share").null().key("normal").null().key("wilson").null();
        }
        w.end_object();
    }
    w.end_array();
}

}  // namespace

std::string sampling_summaries_json(const std::vector<NamedSamplingSummary>& studies) {
    JsonWriter w;
    w.begin_object();
    w.key("sampling_summary_format_version").value(std::int64_t{1});
    w.key("studies").begin_array();
    for (const NamedSamplingSummary& named : studies) {
        const SamplingSummary& s = named.summary;
        w.begin_object();
        w.key("file").value(named.file).key("title").value(named.session->title);
        w.key("z").value(s.z).key("observations").value(s.observations).key("absent").value(s.absent);
        w.key("categories");
        write_shares(w, s.categories);
        w.key("subjects").begin_array();
        for (const SubjectShares& subject : s.subjects) {
            w.begin_object();
            w.key("subject_id").value(subject.subject->id).key("name").value(subject.subject->name);
            w.key("observations").value(subject.observations).key("absent").value(subject.absent);
            w.key("categories");
            write_shares(w, subject.categories);
            w.end_object();
        }
        w.end_array();
        w.key("target");
        if (s.target) {
            w.begin_object();
            w.key("category_id").value(s.target->category->id);
            w.key("accuracy").value(to_string(s.target->accuracy)).key("accuracy_pct").value(s.target->accuracy_pct);
            if (s.target->required) {
                w.key("share_used").value(s.target->required->share_used);
                w.key("absolute_accuracy").value(s.target->required->absolute_accuracy);
                w.key("required").value(s.target->required->required).key("more").value(s.target->required->more);
            } else {
                w.key("share_used").null().key("absolute_accuracy").null().key("required").null().key("more").null();
            }
            w.end_object();
        } else {
            w.null();
        }
        w.key("p_chart");
        if (s.p_chart) {
            w.begin_object();
            w.key("centre").value(s.p_chart->centre).key("days").begin_array();
            for (std::size_t d = 0; d < s.p_chart->days.size(); ++d) {
                const sampling::PChartDay& day = s.p_chart->days[d];
                w.begin_object();
                w.key("date").value(s.p_chart_dates[d]).key("count").value(day.count).key("observations").value(day.observations);
                w.key("share").value(day.share).key("lower_limit").value(day.lower_limit).key("upper_limit").value(day.upper_limit);
                w.key("out_of_control").value(day.signal == sampling::ControlSignal::above ||
                                              day.signal == sampling::ControlSignal::below);
                w.end_object();
            }
            w.end_array().end_object();
        } else {
            w.null();
        }
        const RoundFigures& r = s.rounds;
        w.key("rounds").begin_object();
        w.key("scheduled").value(r.scheduled).key("taken").value(r.taken).key("taken_late").value(r.taken_late);
        w.key("skipped").value(r.skipped).key("missed").value(r.missed).key("open").value(r.open).key("to_come").value(r.to_come);
        w.key("max_late_ms").value(r.max_late_ms).key("mean_late_ms").value(r.mean_late_ms);
        w.end_object();
        w.key("total_time_ms").value(s.total_time_ms).key("share_working").value(s.share_working);
        w.key("normal_time_ms");
        if (s.standard_time) w.value(s.standard_time->normal_time_ms);
        else w.null();
        w.key("standard_time_ms");
        if (s.standard_time) w.value(s.standard_time->standard_time_ms);
        else w.null();
        w.key("standard_time_missing").value(s.standard_time_missing);
        w.end_object();
    }
    w.end_array().end_object();
    return w.str() + "\n";
}

std::string sampling_summaries_csv(const std::vector<NamedSamplingSummary>& studies) {
    CsvTable table;
    const auto text = [](std::string value, bool typed = false) { return CsvCell{std::move(value), typed}; };
    const auto number = [](const std::optional<double>& value) {
        return CsvCell{value ? json_number(*value) : std::string(), false};
    };
    table.rows.push_back({text("file"), text("subject_id"), text("subject"), text("category_id"), text("category"),
                          text("absent"), text("count"), text("n"), text("share"), text("normal_low"),
                          text("normal_high"), text("wilson_low"), text("wilson_high")});
    const auto rows = [&](const std::string& file, const SamplingSubject* subject, std::int64_t n,
                          const std::vector<CategoryShare>& shares) {
        for (const CategoryShare& share : shares) {
            const auto& e = share.estimate;
            table.rows.push_back({text(file, true), text(subject ? std::to_string(subject->id) : ""),
                                  text(subject ? subject->name : "", true), text(std::to_string(share.category->id)),
                                  text(share.category->name, true), text(share.category->absent ? "true" : "false"),
                                  text(std::to_string(share.count)), text(std::to_string(n)),
                                  number(e ? std::optional(e->share) : std::nullopt),
                                  number(e ? std::optional(e->normal.low) : std::nullopt),
                                  number(e ? std::optional(e->normal.high) : std::nullopt),
                                  number(e ? std::optional(e->wilson.low) : std::nullopt),
                                  number(e ? std::optional(e->wilson.high) : std::nullopt)});
        }
    };
    for (const NamedSamplingSummary& named : studies) {
        rows(named.file, nullptr, named.summary.observations, named.summary.categories);
        for (const SubjectShares& subject : named.summary.subjects)
            rows(named.file, subject.subject, subject.observations, subject.categories);
    }
    return to_csv(table);
}

}  // namespace gemba
