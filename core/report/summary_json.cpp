#include "core/report/summary_json.hpp"

#include <span>
#include <type_traits>
#include <variant>

#include "core/report/columns.hpp"
#include "core/report/json_writer.hpp"

namespace gemba {
namespace {

std::int64_t count(std::size_t n) { return static_cast<std::int64_t>(n); }

// A step column's cell as it is (see json_step_fields): null when missing.
void write_cell(JsonWriter& w, const StepCell& cell) {
    std::visit(
        [&w](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::monostate>) w.null();
            else if constexpr (std::is_same_v<T, ValueClass>) w.value(to_string(value));
            else if constexpr (std::is_same_v<T, std::span<const EventId>>) {
                w.begin_array();
                for (EventId id : value) w.value(id);
                w.end_array();
            } else w.value(value);
        },
        cell);
}

// An array of one object per item, its members written by `members`.
template <class Item, class Members>
void object_array(JsonWriter& w, const char* name, const std::vector<Item>& items, Members members) {
    w.key(name).begin_array();
    for (const Item& item : items) {
        w.begin_object();
        members(item);
        w.end_object();
    }
    w.end_array();
}

void write_pareto(JsonWriter& w, const char* name, const std::vector<WasteCount>& list) {
    object_array(w, name, list, [&w](const WasteCount& c) {
        w.key("waste").value(to_string(c.waste));
        w.key("name").value(display_name(c.waste));
        w.key("count").value(count(c.count));
        w.key("timed_count").value(count(c.timed_count));
        w.key("timed_ms").value(c.timed_ms);
        w.key("per_hour").value(c.per_hour);
        w.key("share").value(c.share);
        w.key("cumulative_share").value(c.cumulative_share);
    });
}

void write_value_stream(JsonWriter& w, const Session& session, const ValueStreamFigures& v) {
    const StudySettings& st = session.settings;
    w.key("value_stream").begin_object();
    w.key("demand_per_day").value(st.takt_demand_units && *st.takt_demand_units > 0 ? st.takt_demand_units
                                                                                       : std::optional<double>());
    w.key("available_ms_per_day").value(st.takt_available_ms && *st.takt_available_ms > 0
                                            ? st.takt_available_ms
                                            : std::optional<std::int64_t>());
    w.key("takt_ms").value(v.takt_ms);
    object_array(w, "queues", v.queues, [&](const QueueFigures& q) {
        w.key("queue_id").value(q.id);
        w.key("name").value(q.name);
        w.key("before_step_id").value(v.steps[q.step].id);
        w.key("counts_seen").value(count(q.counts_seen));
        w.key("last_count").value(q.last_count);
        w.key("mean_count").value(q.mean_count);
        w.key("days").value(q.days);
        w.key("wait_ms").value(q.wait_ms);
        w.key("wip_limit").value(q.wip_limit);
        w.key("over_limit").value(q.over_limit);
    });
    std::size_t index = 0;
    object_array(w, "steps", v.steps, [&](const StepFigures& f) {
        // The plan's step at the same place: value_stream_of lists the steps in plan order.
        const Step& step = session.steps[index++];
        w.key("step_id").value(f.id);
        w.key("name").value(f.name);
        w.key("value_class").value(to_string(f.value_class));
        w.key("touched_by").begin_array();
        for (const std::string& who : f.touched_by) w.value(who);
        w.end_array();
        w.key("what_happens").value(step.what_happens);
        w.key("changeover_ms").value(step.changeover_ms);
        w.key("uptime_pct").value(step.uptime_pct);
        w.key("people").value(step.people);
        w.key("shifts").value(step.shifts);
        w.key("batch_size").value(step.batch_size);
        w.key("process_ms").value(f.process_ms);
        w.key("queue_days").value(f.queue_days);
        w.key("queue_wait_ms").value(f.queue_wait_ms);
        w.key("observed_wait_ms").value(f.observed_wait_ms);
        w.key("wait_source").value(to_string(f.wait_source));
        w.key("wait_ms").value(f.wait_ms);
    });
    w.key("total_wait_ms").value(v.total_wait_ms);
    w.key("total_process_ms").value(v.total_process_ms);
    w.key("lead_time_ms").value(v.lead_time_ms);
    w.key("lead_time_days").value(v.lead_time_days);
    w.key("value_added_ms").value(v.value_added_ms);
    w.key("pce").value(v.pce);
    w.key("longest_wait_step_id");
    if (v.longest_wait_step) w.value(v.steps[*v.longest_wait_step].id);
    else w.null();
    const auto ids = [&w](const char* name, const std::vector<std::size_t>& indices, auto id_of) {
        w.key(name).begin_array();
        for (std::size_t i : indices) w.value(id_of(i));
        w.end_array();
    };
    ids("over_limit_queue_ids", v.over_limit_queues, [&v](std::size_t i) { return v.queues[i].id; });
    ids("steps_without_process_time", v.steps_without_process_time, [&v](std::size_t i) { return v.steps[i].id; });
    ids("steps_without_wait", v.steps_without_wait, [&v](std::size_t i) { return v.steps[i].id; });
    w.key("notices").begin_array();
    for (const std::string& notice : v.notices) w.value(notice);
    w.end_array();
    w.end_object();
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
    w.key("required_cycles_method").value(to_string(st.required_cycles_method));
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

    object_array(w, "steps", s.steps, [&w](const StepSummary& step) {
        for (StepField field : json_step_fields()) {
            const StepColumn& column = step_column(field);
            w.key(column.json_key);
            write_cell(w, column.value(step));
        }
    });

    w.key("waste_total").value(count(s.waste_total));
    write_pareto(w, "waste_pareto", s.waste_pareto);
    object_array(w, "waste_by_step", s.waste_by_step, [&w](const StepWasteCount& c) {
        w.key("step_id");
        if (c.step == kNoStep) w.null();
        else w.value(c.step);
        w.key("name").value(c.name);
        w.key("count").value(count(c.count));
        w.key("timed_ms").value(c.timed_ms);
        w.key("share").value(c.share);
        w.key("cumulative_share").value(c.cumulative_share);
    });

    if (named.value_stream) write_value_stream(w, session, *named.value_stream);

    w.key("notices").begin_array();
    for (const std::string& notice : s.notices) w.value(notice);
    w.end_array();
    w.end_object();
}

void write_all(JsonWriter& w, const std::vector<NamedSummary>& summaries) {
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
}

}  // namespace

std::string summaries_to_json(const std::vector<NamedSummary>& summaries) {
    JsonWriter w;
    write_all(w, summaries);
    return w.str() + '\n';
}

void write_summaries_json(std::ostream& out, const std::vector<NamedSummary>& summaries) {
    JsonWriter w(out);
    write_all(w, summaries);
    w.flush();
    out << '\n';
}

}  // namespace gemba
