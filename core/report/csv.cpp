#include "core/report/csv.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/model/step_name.hpp"
#include "core/report/columns.hpp"
#include "core/report/event_text.hpp"
#include "core/report/numbers.hpp"
#include "core/report/value_stream_report.hpp"

namespace gemba {
namespace {

const std::string kByteOrderMark = "\xEF\xBB\xBF";
constexpr const char* kLineEnd = "\r\n";

// Builds a CsvTable row by row; the first row is the header.
class CsvWriter {
public:
    CsvWriter& field(const std::string& value, bool typed_text = false) {
        if (table_.rows.empty()) table_.rows.emplace_back();
        table_.rows.back().push_back(CsvCell{value, typed_text});
        return *this;
    }
    CsvWriter& text(const std::string& value) { return field(value, true); }
    void end_row() { table_.rows.emplace_back(); }
    CsvTable table() && {
        if (!table_.rows.empty() && table_.rows.back().empty()) table_.rows.pop_back();
        return std::move(table_);
    }

private:
    CsvTable table_;
};

std::string seconds(std::int64_t ms) { return format_seconds(static_cast<double>(ms)); }
std::string fixed(std::optional<double> v, int decimals) { return v ? format_fixed(*v, decimals) : ""; }
std::string seconds(const std::optional<double>& ms) { return ms ? format_seconds(*ms) : ""; }
template <class T>
std::string whole(const std::optional<T>& n) { return n ? std::to_string(*n) : ""; }

constexpr const char* kValueStreamStepColumns[] = {"touched_by", "vs_process_s", "wait_s", "wait_source",
                                                  "queue_wait_s", "timed_wait_s", "queue_days"};

void value_stream_step_cells(CsvWriter& csv, const StepFigures* step) {
    if (!step) {
        for (std::size_t i = 0; i < std::size(kValueStreamStepColumns); ++i) csv.field("");
        return;
    }
    csv.text(joined(step->touched_by, "\n")).field(seconds(step->process_ms)).field(seconds(step->wait_ms));
    csv.field(std::string(to_string(step->wait_source))).field(seconds(step->queue_wait_ms));
    csv.field(seconds(step->observed_wait_ms)).field(fixed(step->queue_days, 6));
}

// What a note is about: the reading or tag its event made, ended or edited; kNoEvent for the session,
// a pause, a cycle mark. Readings and tags are known by the id of the event that made them.
struct NoteSubject {
    const Reading* reading = nullptr;
    const WasteTag* tag = nullptr;
};

const Event* event_by_id(const Session& session, EventId id) {
    const auto it = std::lower_bound(session.events.begin(), session.events.end(), id,
                                     [](const Event& e, EventId v) { return e.id < v; });
    return it != session.events.end() && it->id == id ? &*it : nullptr;
}

// The reading of `step` that ran at event `id`: at most one reading of a step runs at a time, and
// readings are in id order, so it is the step's last reading made before the event.
const Reading* reading_running_at(const LogState& state, StepId step, EventId id) {
    const auto& readings = state.readings();
    auto it = std::lower_bound(readings.begin(), readings.end(), id, [](const Reading& r, EventId v) { return r.id < v; });
    while (it != readings.begin()) {
        --it;
        if (it->step == step) return &*it;
    }
    return nullptr;
}

NoteSubject subject_of(const Session& session, const LogState& state, const Note& note) {
    if (note.target == kNoEvent) return {};
    if (const Reading* r = state.find_reading(note.target)) return {r, nullptr};
    if (const WasteTag* t = state.find_tag(note.target)) return {nullptr, t};
    const Event* e = event_by_id(session, note.target);
    if (!e) return {};
    if (e->kind == EventKind::step_end) return {reading_running_at(state, e->step, e->id), nullptr};
    // An edit or the end of a timed waste: about the item it targets.
    if (const Reading* r = state.find_reading(e->target)) return {r, nullptr};
    if (const WasteTag* t = state.find_tag(e->target)) return {nullptr, t};
    return {};
}

// The text of the notes on each reading and tag (deleted notes left out), one note a line.
std::unordered_map<EventId, std::string> notes_by_item(const Session& session, const LogState& state) {
    std::unordered_map<EventId, std::string> texts;
    for (const Note& n : state.notes()) {
        if (n.removed) continue;
        const NoteSubject subject = subject_of(session, state, n);
        const EventId item = subject.reading ? subject.reading->id : subject.tag ? subject.tag->id : kNoEvent;
        if (item == kNoEvent) continue;
        std::string& text = texts[item];
        text += (text.empty() ? "" : "\n") + n.text;
    }
    return texts;
}

std::string text_of(const std::unordered_map<EventId, std::string>& texts, EventId id) {
    const auto it = texts.find(id);
    return it == texts.end() ? std::string() : it->second;
}

}  // namespace

std::string csv_field(const std::string& value, bool typed_text) {
    std::string v = value;
    // OWASP's list of characters a spreadsheet may start a formula with: = + - @, tab and CR.
    if (typed_text && !v.empty() && std::string_view("=+-@\t\r").find(v[0]) != std::string_view::npos) v = "'" + v;
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string quoted = "\"";
    for (char c : v) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string to_csv(const CsvTable& table) {
    std::string out;
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) out += ',';
            out += csv_field(row[i].value, row[i].typed);
        }
        out += kLineEnd;
    }
    return out;
}

std::string readings_csv(const Session& session, const LogState& state, const SessionSummary& summary) {
    return to_csv(readings_table(session, state, summary));
}

CsvTable readings_table(const Session& session, const LogState& state, const SessionSummary& summary) {
    std::set<EventId> outliers;
    for (const StepSummary& s : summary.steps) outliers.insert(s.outliers.begin(), s.outliers.end());

    std::vector<const Reading*> rows;
    for (const Reading& r : state.readings()) rows.push_back(&r);
    std::stable_sort(rows.begin(), rows.end(), [](const Reading* a, const Reading* b) { return a->start_ms < b->start_ms; });

    // Laps run from one end to the next in end order, as a continuous stopwatch shows them.
    std::vector<const Reading*> by_end;
    for (const Reading* r : rows)
        if (!r->removed && !r->running()) by_end.push_back(r);
    std::stable_sort(by_end.begin(), by_end.end(), [](const Reading* a, const Reading* b) { return *a->end_ms < *b->end_ms; });
    std::unordered_map<EventId, std::int64_t> lap_ms;
    std::int64_t previous_watch = 0;
    for (const Reading* r : by_end) {
        const std::int64_t watch = state.walk_clock_ms(*r->end_ms);
        lap_ms[r->id] = watch - previous_watch;
        previous_watch = watch;
    }

    const auto notes = notes_by_item(session, state);
    CsvWriter csv;
    for (const char* h : {"reading_id", "step_id", "step", "value_class", "cycle", "start_s", "end_s", "duration_s",
                          "lap_s", "cumulative_s", "status", "reason", "manual", "outlier", "note"})
        csv.field(h);
    csv.end_row();
    for (const Reading* r : rows) {
        const Step* step = session.find_step(r->step);
        csv.field(std::to_string(r->id)).field(std::to_string(r->step)).text(step_name(session, r->step));
        csv.field(step ? std::string(to_string(step->value_class)) : "").field(std::to_string(r->cycle));
        csv.field(seconds(state.walk_clock_ms(r->start_ms))).field(r->end_ms ? seconds(state.walk_clock_ms(*r->end_ms)) : "");
        csv.field(r->end_ms ? seconds(state.duration_ms(*r, 0)) : "");
        const auto lap = lap_ms.find(r->id);
        csv.field(lap != lap_ms.end() ? seconds(lap->second) : "");
        csv.field(lap != lap_ms.end() ? seconds(state.walk_clock_ms(*r->end_ms)) : "");
        csv.field(std::string(to_string(reading_status(*r)))).text(r->exclude_reason).field(r->manual ? "yes" : "no");
        csv.field(outliers.count(r->id) ? "yes" : "no").text(text_of(notes, r->id));
        csv.end_row();
    }
    return std::move(csv).table();
}

std::string steps_csv(const SessionSummary& summary, const std::string* file) {
    return steps_csv(summary, file, nullptr, false);
}

std::string steps_csv(const SessionSummary& summary, const std::string* file, const ValueStreamFigures* value_stream,
                      bool value_stream_columns) {
    return to_csv(steps_table(summary, file, value_stream, value_stream_columns));
}

CsvTable steps_table(const SessionSummary& summary, const std::string* file, const ValueStreamFigures* value_stream,
                     bool value_stream_columns) {
    CsvWriter csv;
    if (file) csv.field("file");
    for (const StepColumn& column : step_columns()) csv.field(std::string(column.key));
    if (value_stream_columns)
        for (const char* h : kValueStreamStepColumns) csv.field(h);
    csv.end_row();
    for (std::size_t i = 0; i < summary.steps.size(); ++i) {
        const StepSummary& s = summary.steps[i];
        if (file) csv.text(*file);
        for (const StepColumn& column : step_columns()) csv.field(csv_cell(column, s), column.typed);
        if (value_stream_columns) {
            // Both lists are in plan order.
            const StepFigures* figures = value_stream && i < value_stream->steps.size() &&
                                                 value_stream->steps[i].id == s.step
                                             ? &value_stream->steps[i]
                                             : nullptr;
            value_stream_step_cells(csv, figures);
        }
        csv.end_row();
    }
    return std::move(csv).table();
}

std::string counts_csv(const Session& session, const LogState& state) {
    return to_csv(counts_table(session, state));
}

CsvTable counts_table(const Session& session, const LogState& state) {
    CsvWriter csv;
    for (const char* h : {"count_id", "time_s", "queue_id", "queue", "step_id", "step", "count", "wip_limit"}) csv.field(h);
    csv.end_row();
    for (const QueueCount& c : state.queue_counts()) {
        const Queue* queue = session.find_queue(c.queue);
        csv.field(std::to_string(c.id)).field(seconds(state.walk_clock_ms(c.t_ms))).field(std::to_string(c.queue));
        csv.text(queue ? queue->name : "");
        csv.field(queue ? std::to_string(queue->before_step) : "").text(queue ? step_name(session, queue->before_step) : "");
        csv.field(std::to_string(c.count)).field(queue ? whole(queue->wip_limit) : "");
        csv.end_row();
    }
    return std::move(csv).table();
}

std::string value_stream_csv(const ValueStreamFigures& v) {
    return to_csv(value_stream_table(v));
}

CsvTable value_stream_table(const ValueStreamFigures& v) {
    CsvWriter csv;
    for (const char* h : {"kind", "id", "name", "step_id", "step", "value_class", "touched_by", "process_s", "wait_s",
                          "wait_source", "queue_wait_s", "timed_wait_s", "days", "counts_seen", "last_count",
                          "mean_count", "wip_limit", "over_limit"})
        csv.field(h);
    csv.end_row();
    for (std::size_t i = 0; i < v.steps.size(); ++i) {
        const StepFigures& step = v.steps[i];
        for (const QueueFigures& q : v.queues) {
            if (q.step != i) continue;
            csv.field("queue").field(std::to_string(q.id)).text(q.name).field(std::to_string(step.id)).text(step.name);
            csv.field("").field("").field("").field(seconds(q.wait_ms)).field(q.wait_ms ? "queue" : "none");
            csv.field("").field("").field(fixed(q.days, 6)).field(std::to_string(q.counts_seen));
            csv.field(whole(q.last_count)).field(fixed(q.mean_count, 4)).field(whole(q.wip_limit));
            csv.field(q.over_limit ? "yes" : "no");
            csv.end_row();
        }
        csv.field("step").field(std::to_string(step.id)).text(step.name).field(std::to_string(step.id)).text(step.name);
        csv.field(std::string(to_string(step.value_class))).text(joined(step.touched_by, "\n"));
        csv.field(seconds(step.process_ms)).field(seconds(step.wait_ms)).field(std::string(to_string(step.wait_source)));
        csv.field(seconds(step.queue_wait_ms)).field(seconds(step.observed_wait_ms)).field(fixed(step.queue_days, 6));
        for (int empty = 0; empty < 5; ++empty) csv.field("");
        csv.end_row();
    }
    return std::move(csv).table();
}

std::string wastes_csv(const Session& session, const LogState& state, const SessionSummary& summary) {
    return to_csv(wastes_table(session, state, summary));
}

CsvTable wastes_table(const Session& session, const LogState& state, const SessionSummary& summary) {
    CsvWriter csv;
    for (const char* h : {"tag_id", "waste", "waste_name", "step_id", "step", "start_s", "end_s", "duration_s", "timed",
                          "status", "note"})
        csv.field(h);
    csv.end_row();
    const auto notes = notes_by_item(session, state);
    for (const WasteTag& t : state.tags()) {
        csv.field(std::to_string(t.id)).field(std::string(to_string(t.waste))).field(std::string(display_name(t.waste)));
        // Without a step both step cells stay empty, as every missing value in a CSV cell does.
        csv.field(t.step == kNoStep ? "" : std::to_string(t.step)).text(t.step == kNoStep ? "" : step_name(session, t.step));
        csv.field(seconds(state.walk_clock_ms(t.start_ms))).field(t.end_ms ? seconds(state.walk_clock_ms(*t.end_ms)) : "");
        csv.field(t.timed ? seconds(state.duration_ms(t, summary.elapsed_ms)) : "");
        csv.field(t.timed ? "yes" : "no");
        // The tag's own note, then the notes made on it, one a line.
        const std::string on_tag = text_of(notes, t.id);
        csv.field(std::string(to_string(tag_status(t)))).text(t.note.empty() || on_tag.empty() ? t.note + on_tag : t.note + "\n" + on_tag);
        csv.end_row();
    }
    return std::move(csv).table();
}

std::string notes_csv(const Session& session, const LogState& state) {
    return to_csv(notes_table(session, state));
}

CsvTable notes_table(const Session& session, const LogState& state) {
    CsvWriter csv;
    for (const char* h : {"note_id", "time_s", "on_event_id", "on", "reading_id", "tag_id", "step_id", "step", "cycle",
                          "status", "note"})
        csv.field(h);
    csv.end_row();
    for (const Note& n : state.notes()) {
        const NoteSubject subject = subject_of(session, state, n);
        const Event* on = n.target == kNoEvent ? nullptr : event_by_id(session, n.target);
        // The step and cycle: the reading's, or for a tag the reading of its step that ran then.
        const Reading* reading = subject.reading;
        if (subject.tag && subject.tag->step != kNoStep) reading = reading_running_at(state, subject.tag->step, subject.tag->id);
        const StepId step = subject.tag ? subject.tag->step : reading ? reading->step : kNoStep;
        csv.field(std::to_string(n.id)).field(seconds(state.walk_clock_ms(n.t_ms)));
        csv.field(on ? std::to_string(on->id) : "").text(on ? describe_event(session, state, *on) : "");
        csv.field(subject.reading ? std::to_string(subject.reading->id) : "");
        csv.field(subject.tag ? std::to_string(subject.tag->id) : "");
        csv.field(step == kNoStep ? "" : std::to_string(step)).text(step == kNoStep ? "" : step_name(session, step));
        csv.field(reading ? std::to_string(reading->cycle) : "");
        csv.field(n.removed ? "deleted" : "valid").text(n.text);
        csv.end_row();
    }
    return std::move(csv).table();
}

std::string waste_tally_csv(const SessionSummary& summary) {
    return to_csv(waste_tally_table(summary));
}

CsvTable waste_tally_table(const SessionSummary& summary) {
    CsvWriter csv;
    for (const char* h : {"rank", "waste", "waste_name", "count", "share_pct", "cumulative_pct", "timed_count",
                          "timed_s", "per_hour"})
        csv.field(h);
    csv.end_row();
    std::size_t rank = 0;
    for (const WasteCount& w : summary.waste_pareto) {
        csv.field(std::to_string(++rank)).field(std::string(to_string(w.waste))).field(std::string(display_name(w.waste)));
        csv.field(std::to_string(w.count)).field(format_fixed(w.share * 100.0, 2));
        csv.field(format_fixed(w.cumulative_share * 100.0, 2)).field(std::to_string(w.timed_count));
        csv.field(seconds(w.timed_ms)).field(fixed(w.per_hour, 2));
        csv.end_row();
    }
    return std::move(csv).table();
}

ExportResult export_csv(const std::filesystem::path& folder, const std::string& stem, const Session& session,
                        const LogState& state, const SessionSummary& summary, FileSystem& fs) {
    ExportResult result;
    std::vector<std::pair<const char*, std::string>> files = {
        {".readings.csv", readings_csv(session, state, summary)},
        {".steps.csv", steps_csv(summary)},
        {".wastes.csv", wastes_csv(session, state, summary)},
        {".waste_tally.csv", waste_tally_csv(summary)},
        {".notes.csv", notes_csv(session, state)},
    };
    if (const std::optional<ValueStreamResult> stream = value_stream_for_report(session, state, summary)) {
        files.emplace_back(".counts.csv", counts_csv(session, state));
        if (stream->figures) files.emplace_back(".value_stream.csv", value_stream_csv(*stream->figures));
    }
    for (const auto& [suffix, contents] : files) {
        const std::filesystem::path path = folder / (stem + suffix);
        const WriteOutcome outcome = write_file_atomically(path, kByteOrderMark + contents, fs);
        if (!outcome.ok) {
            result.ok = false;
            result.error = outcome.error;
            return result;
        }
        result.written.push_back(path);
    }
    return result;
}

}  // namespace gemba
