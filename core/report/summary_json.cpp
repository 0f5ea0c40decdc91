#include "core/report/summary_json.hpp"

#include "core/report/json_writer.hpp"

namespace gemba {
namespace {

std::int64_t count(std::size_t n) { return static_cast<std::int64_t>(n); }

void ids(JsonWriter& w, const char* name, const std::vector<EventId>& list) {
    w.key(name).begin_array();
    for (EventId id : list) w.value(id);
    w.end_array();
}

void write_step(JsonWriter& w, const StepSummary& s) {
    w.begin_object();
    w.key("step_id").value(s.step);
    w.key("name").value(s.name);
    w.key("value_class").value(to_string(s.value_class));
    w.key("rating_pct").value(s.rating_pct);
    w.key("allowance_pct").value(s.allowance_pct);
    w.key("valid_n").value(count(s.stats.n));
    w.key("excluded_n").value(count(s.excluded_readings.size()));
    w.key("deleted_n").value(count(s.deleted_readings));
    w.key("running_n").value(count(s.running_readings));
    w.key("frequency").value(s.frequency);
    w.key("mean_ms").value(s.stats.mean);
    w.key("median_ms").value(s.stats.median);
    w.key("sd_ms").value(s.stats.sd);
    w.key("cv").value(s.stats.cv);
    w.key("min_ms").value(s.stats.min);
    w.key("max_ms").value(s.stats.max);
    w.key("q1_ms").value(s.stats.q1);
    w.key("q3_ms").value(s.stats.q3);
    w.key("observed_ms").value(s.observed_ms);
    w.key("normal_ms").value(s.normal_ms);
    w.key("standard_ms").value(s.standard_ms);
    w.key("required_cycles").value(s.required_cycles);
    w.key("more_cycles").value(s.more_cycles);
    ids(w, "valid_readings", s.valid_readings);
    ids(w, "excluded_readings", s.excluded_readings);
    ids(w, "outliers", s.outliers);
    w.end_object();
}

void write_pareto(JsonWriter& w, const char* name, const std::vector<WasteCount>& list) {
    w.key(name).begin_array();
    for (const WasteCount& c : list) {
        w.begin_object();
        w.key("waste").value(to_string(c.waste));
        w.key("name").value(display_name(c.waste));
        w.key("count").value(count(c.count));
        w.key("timed_count").value(count(c.timed_count));
        w.key("timed_ms").value(c.timed_ms);
        w.key("per_hour").value(c.per_hour);
        w.key("share").value(c.share);
        w.key("cumulative_share").value(c.cumulative_share);
        w.end_object();
    }
    w.end_array();
}

void write_session(JsonWriter& w, const NamedSummary& named) {
    const Session& session = *named.session;
    const SessionSummary& s = named.summary;
    const StudySettings& st = session.settings;
    w.begin_object();
    w.key("file").value(named.file);
    w.key("title").value(session.title);
    w.key("process").value(session.process);
    w.key("area").value(session.area);
    w.key("observer").value(session.observer);
    w.key("started_at").value(session.started_at);
    w.key("elapsed_ms").value(s.elapsed_ms);
    w.key("paused_ms").value(s.paused_ms);
    w.key("observed_ms").value(s.observed_ms);
    w.key("running").value(s.running);
    w.key("timing_mode").value(to_string(st.timing_mode));
    w.key("allowance_convention").value(to_string(st.allowance_convention));
    w.key("confidence_pct").value(st.confidence_pct);
    w.key("z").value(s.z);
    w.key("accuracy_pct").value(st.accuracy_pct);
    w.key("accuracy_ms").value(st.accuracy_ms);
    w.key("outlier_rule").value(to_string(st.outlier_rule));
    w.key("required_cycles").value(s.required_cycles);
    w.key("more_cycles").value(s.more_cycles);
    w.key("work_content_ms").value(s.work_content_ms);
    w.key("cycle_time_ms").value(s.cycle_time_ms);
    w.key("bottleneck_step_id").value(s.bottleneck_step);
    w.key("standard_time_ms").value(s.standard_time_ms);
    w.key("value_added_ms").value(s.value_added_ms);
    w.key("necessary_ms").value(s.necessary_ms);
    w.key("non_value_added_ms").value(s.non_value_added_ms);
    w.key("value_added_share").value(s.value_added_share);
    w.key("necessary_share").value(s.necessary_share);
    w.key("non_value_added_share").value(s.non_value_added_share);
    w.key("cycles_closed").value(count(s.cycles_closed));
    w.key("lead_time_ms").value(s.lead_time_ms);
    w.key("waiting_ms").value(s.waiting_ms);
    w.key("flow_efficiency").value(s.flow_efficiency);
    w.key("takt_ms").value(s.takt_ms);
    w.key("cycle_time_over_takt").value(s.cycle_time_over_takt);
    w.key("meets_takt").value(s.meets_takt);
    w.key("theoretical_min_stations").value(s.theoretical_min_stations);
    w.key("balance_efficiency").value(s.balance_efficiency);

    w.key("steps").begin_array();
    for (const StepSummary& step : s.steps) write_step(w, step);
    w.end_array();

    w.key("waste_total").value(count(s.waste_total));
    write_pareto(w, "waste_pareto", s.waste_pareto);
    w.key("waste_by_step").begin_array();
    for (const StepWasteCount& c : s.waste_by_step) {
        w.begin_object();
        w.key("step_id");
        if (c.step == kNoStep) w.null();
        else w.value(c.step);
        w.key("name").value(c.name);
        w.key("count").value(count(c.count));
        w.key("timed_ms").value(c.timed_ms);
        w.key("share").value(c.share);
        w.key("cumulative_share").value(c.cumulative_share);
        w.end_object();
    }
    w.end_array();

    w.key("notices").begin_array();
    for (const std::string& notice : s.notices) w.value(notice);
    w.end_array();
    w.end_object();
}

}  // namespace

std::string summaries_to_json(const std::vector<NamedSummary>& summaries) {
    JsonWriter w;
    w.begin_object();
    w.key("summary_format_version").value(std::int64_t{kSummaryFormatVersion});
    w.key("sessions").begin_array();
    std::vector<const SessionSummary*> all;
    for (const NamedSummary& named : summaries) {
        write_session(w, named);
        all.push_back(&named.summary);
    }
    w.end_array();
    write_pareto(w, "combined_waste_pareto", combine_waste_tallies(all));
    w.end_object();
    return w.str() + '\n';
}

}  // namespace gemba
