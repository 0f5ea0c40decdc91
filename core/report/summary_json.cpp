#include <cereal/archives/json.hpp>

#include "core/report/summary_json.hpp"

#include <cmath>
#include <sstream>

namespace gemba {
namespace {

using cereal::make_nvp;
using Archive = cereal::JSONOutputArchive;

// JSON has no infinity or NaN: a number that is not finite is written as null (defensive; the
// summary should never hold one).
void value(Archive& ar, const char* name, double v) {
    if (std::isfinite(v)) ar(make_nvp(name, v));
    else ar(make_nvp(name, nullptr));
}
void value(Archive& ar, const char* name, const std::optional<double>& v) {
    if (v) value(ar, name, *v);
    else ar(make_nvp(name, nullptr));
}
void value(Archive& ar, const char* name, const std::optional<std::int64_t>& v) {
    if (v) ar(make_nvp(name, *v));
    else ar(make_nvp(name, nullptr));
}
void value(Archive& ar, const char* name, const std::optional<bool>& v) {
    if (v) ar(make_nvp(name, *v));
    else ar(make_nvp(name, nullptr));
}

void ids(Archive& ar, const char* name, const std::vector<EventId>& list) {
    ar.setNextName(name);
    ar.startNode();
    ar.makeArray();
    for (EventId id : list) ar(id);
    ar.finishNode();
}

void write_step(Archive& ar, const StepSummary& s) {
    ar.startNode();
    ar(make_nvp("step_id", s.step), make_nvp("name", s.name),
       make_nvp("value_class", std::string(to_string(s.value_class))));
    value(ar, "rating_pct", s.rating_pct);
    value(ar, "allowance_pct", s.allowance_pct);
    ar(make_nvp("valid_n", static_cast<std::int64_t>(s.stats.n)),
       make_nvp("excluded_n", static_cast<std::int64_t>(s.excluded_readings.size())),
       make_nvp("deleted_n", static_cast<std::int64_t>(s.deleted_readings)),
       make_nvp("running_n", static_cast<std::int64_t>(s.running_readings)));
    value(ar, "frequency", s.frequency);
    value(ar, "mean_ms", s.stats.mean);
    value(ar, "median_ms", s.stats.median);
    value(ar, "sd_ms", s.stats.sd);
    value(ar, "cv", s.stats.cv);
    value(ar, "min_ms", s.stats.min);
    value(ar, "max_ms", s.stats.max);
    value(ar, "q1_ms", s.stats.q1);
    value(ar, "q3_ms", s.stats.q3);
    value(ar, "observed_ms", s.observed_ms);
    value(ar, "normal_ms", s.normal_ms);
    value(ar, "standard_ms", s.standard_ms);
    value(ar, "required_cycles", s.required_cycles);
    value(ar, "more_cycles", s.more_cycles);
    ids(ar, "valid_readings", s.valid_readings);
    ids(ar, "excluded_readings", s.excluded_readings);
    ids(ar, "outliers", s.outliers);
    ar.finishNode();
}

void write_pareto(Archive& ar, const char* name, const std::vector<WasteCount>& list) {
    ar.setNextName(name);
    ar.startNode();
    ar.makeArray();
    for (const WasteCount& w : list) {
        ar.startNode();
        ar(make_nvp("waste", std::string(to_string(w.waste))), make_nvp("name", std::string(display_name(w.waste))),
           make_nvp("count", static_cast<std::int64_t>(w.count)),
           make_nvp("timed_count", static_cast<std::int64_t>(w.timed_count)), make_nvp("timed_ms", w.timed_ms));
        value(ar, "per_hour", w.per_hour);
        value(ar, "share", w.share);
        value(ar, "cumulative_share", w.cumulative_share);
        ar.finishNode();
    }
    ar.finishNode();
}

void write_session(Archive& ar, const NamedSummary& named) {
    const Session& session = *named.session;
    const SessionSummary& s = named.summary;
    const StudySettings& st = session.settings;
    ar.startNode();
    ar(make_nvp("file", named.file), make_nvp("title", session.title), make_nvp("process", session.process),
       make_nvp("area", session.area), make_nvp("observer", session.observer),
       make_nvp("started_at", session.started_at), make_nvp("elapsed_ms", s.elapsed_ms),
       make_nvp("paused_ms", s.paused_ms), make_nvp("observed_ms", s.observed_ms), make_nvp("running", s.running),
       make_nvp("timing_mode", std::string(to_string(st.timing_mode))),
       make_nvp("allowance_convention", std::string(to_string(st.allowance_convention))));
    value(ar, "confidence_pct", st.confidence_pct);
    value(ar, "z", s.z);
    value(ar, "accuracy_pct", st.accuracy_pct);
    value(ar, "accuracy_ms", st.accuracy_ms);
    ar(make_nvp("outlier_rule", std::string(to_string(st.outlier_rule))));
    value(ar, "required_cycles", s.required_cycles);
    value(ar, "more_cycles", s.more_cycles);
    value(ar, "work_content_ms", s.work_content_ms);
    value(ar, "cycle_time_ms", s.cycle_time_ms);
    value(ar, "bottleneck_step_id", s.bottleneck_step);
    value(ar, "standard_time_ms", s.standard_time_ms);
    value(ar, "value_added_ms", s.value_added_ms);
    value(ar, "necessary_ms", s.necessary_ms);
    value(ar, "non_value_added_ms", s.non_value_added_ms);
    value(ar, "value_added_share", s.value_added_share);
    value(ar, "necessary_share", s.necessary_share);
    value(ar, "non_value_added_share", s.non_value_added_share);
    ar(make_nvp("cycles_closed", static_cast<std::int64_t>(s.cycles_closed)));
    value(ar, "lead_time_ms", s.lead_time_ms);
    value(ar, "waiting_ms", s.waiting_ms);
    value(ar, "flow_efficiency", s.flow_efficiency);
    value(ar, "takt_ms", s.takt_ms);
    value(ar, "cycle_time_over_takt", s.cycle_time_over_takt);
    value(ar, "meets_takt", s.meets_takt);
    value(ar, "theoretical_min_stations", s.theoretical_min_stations);
    value(ar, "balance_efficiency", s.balance_efficiency);

    ar.setNextName("steps");
    ar.startNode();
    ar.makeArray();
    for (const StepSummary& step : s.steps) write_step(ar, step);
    ar.finishNode();

    ar(make_nvp("waste_total", static_cast<std::int64_t>(s.waste_total)));
    write_pareto(ar, "waste_pareto", s.waste_pareto);
    ar.setNextName("waste_by_step");
    ar.startNode();
    ar.makeArray();
    for (const StepWasteCount& w : s.waste_by_step) {
        ar.startNode();
        if (w.step == kNoStep) ar(make_nvp("step_id", nullptr));
        else ar(make_nvp("step_id", w.step));
        ar(make_nvp("name", w.name), make_nvp("count", static_cast<std::int64_t>(w.count)),
           make_nvp("timed_ms", w.timed_ms));
        value(ar, "share", w.share);
        value(ar, "cumulative_share", w.cumulative_share);
        ar.finishNode();
    }
    ar.finishNode();

    ar.setNextName("notices");
    ar.startNode();
    ar.makeArray();
    for (const std::string& notice : s.notices) ar(notice);
    ar.finishNode();
    ar.finishNode();
}

}  // namespace

std::string summaries_to_json(const std::vector<NamedSummary>& summaries) {
    std::ostringstream out;
    {
        Archive ar(out, Archive::Options(rapidjson::Writer<rapidjson::StringBuffer>::kDefaultMaxDecimalPlaces, Archive::Options::IndentChar::space, 2));
        ar(make_nvp("summary_format_version", kSummaryFormatVersion));
        ar.setNextName("sessions");
        ar.startNode();
        ar.makeArray();
        std::vector<const SessionSummary*> all;
        for (const NamedSummary& named : summaries) {
            write_session(ar, named);
            all.push_back(&named.summary);
        }
        ar.finishNode();
        write_pareto(ar, "combined_waste_pareto", combine_waste_tallies(all));
    }
    out << '\n';
    return out.str();
}

}  // namespace gemba
