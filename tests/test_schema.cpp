// The JSON Schemas in data/schema/ against what Gemba really writes and reads: every example file,
// a recorder-built session with every event kind, and the summary JSON. Also that the schemas can
// fail (bad documents are rejected) and that the session schema and the loader agree on which
// fields each event kind has and on the ranges of the plan's numbers, and that the tables of fields
// in core/model (event_fields.hpp, plan_fields.hpp) say what the schema says, row by row.
//
// cereal's JSON header comes first only so that this file sees RapidJSON exactly as core/ does
// (cereal redefines RAPIDJSON_ASSERT and the default parse flags); mixing two definitions of the
// same RapidJSON templates in one program would break the one-definition rule. The validation
// itself uses RapidJSON directly.
#include <cereal/archives/json.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/pointer.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/log/clock.hpp"
#include "core/log/log_state.hpp"
#include "core/log/recorder.hpp"
#include "core/model/event_fields.hpp"
#include "core/model/plan_fields.hpp"
#include "core/model/session.hpp"
#include "core/file/session_file.hpp"
#include "core/analysis/summary.hpp"
#include "core/report/summary_json.hpp"
#include "core/report/value_stream_report.hpp"

namespace fs = std::filesystem;
using namespace gemba;

namespace {

const fs::path kSource = GEMBA_SOURCE_DIR;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

rapidjson::Document parse_json(const std::string& text, const std::string& what) {
    rapidjson::Document doc;
    doc.Parse(text.c_str(), text.size());
    REQUIRE_MESSAGE(!doc.HasParseError(), what << ": not JSON: " << rapidjson::GetParseError_En(doc.GetParseError())
                                                << " at offset " << doc.GetErrorOffset());
    return doc;
}

std::string to_text(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

// Sets the value at a JSON Pointer to the JSON text `json`, copied into doc's allocator.
void set_at(rapidjson::Document& doc, const char* pointer, const std::string& json) {
    const rapidjson::Document value = parse_json(json, pointer);
    rapidjson::Value copy(value, doc.GetAllocator());
    rapidjson::Pointer(pointer).Set(doc, copy);
}

std::unique_ptr<rapidjson::SchemaDocument> load_schema(const std::string& name) {
    const fs::path path = kSource / "data" / "schema" / name;
    rapidjson::Document doc = parse_json(read_text(path), path.string());
    REQUIRE(doc.IsObject());
    REQUIRE(doc.HasMember("$schema"));
    CHECK(std::string(doc["$schema"].GetString()) == "http://json-schema.org/draft-04/schema#");
    return std::make_unique<rapidjson::SchemaDocument>(doc);
}

const rapidjson::SchemaDocument& session_schema() {
    static const std::unique_ptr<rapidjson::SchemaDocument> schema = load_schema("session.schema.json");
    return *schema;
}
const rapidjson::SchemaDocument& summary_schema() {
    static const std::unique_ptr<rapidjson::SchemaDocument> schema = load_schema("summary.schema.json");
    return *schema;
}

// Empty when the document is valid; otherwise where and why it is not.
std::string violation(const rapidjson::SchemaDocument& schema, const rapidjson::Value& doc) {
    rapidjson::SchemaValidator validator(schema);
    if (doc.Accept(validator)) return {};
    rapidjson::StringBuffer schema_at, doc_at;
    validator.GetInvalidSchemaPointer().StringifyUriFragment(schema_at);
    validator.GetInvalidDocumentPointer().StringifyUriFragment(doc_at);
    return std::string("document ") + doc_at.GetString() + " fails '" + validator.GetInvalidSchemaKeyword() +
           "' of schema " + schema_at.GetString();
}
std::string violation(const rapidjson::SchemaDocument& schema, const std::string& json) {
    return violation(schema, parse_json(json, "document"));
}

std::vector<fs::path> json_files_in(const char* folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kSource / "data" / folder))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

Session load_ok(const fs::path& path) {
    LoadResult result = load_session(path);
    REQUIRE_MESSAGE(result.ok(), result.problem->message());
    return std::move(*result.session);
}

const auto recorded = [](const TapResult& t) {
    REQUIRE_MESSAGE(t.recorded, t.message);
    return t.event;
};

// Lap timing, recorded the way a walk records it: step_start, laps (one beginning a new cycle),
// step_end.
Session lap_session() {
    Session s;
    s.title = "Lap timing";
    s.started_at = "2026-11-27T08:30:00Z";
    s.settings.timing_mode = TimingMode::lap;
    s.steps = {{1, "Pick", ValueClass::non_value_added, 100, 10}, {2, "Place", ValueClass::value_added, 110, 12.5}};
    ManualClock clock(0);
    Recorder r(s, clock);
    for (int i = 0; i < 5; ++i) {
        recorded(r.next_step());
        clock.advance(1'000 + 100 * i);
    }
    recorded(r.stop_step());
    return s;
}

// Independent timers with every other event kind: cycles, wastes, notes, pauses, every edit,
// undo and redo.
Session every_kind_session() {
    Session s;
    s.title = "Every event kind";
    s.process = "test";
    s.started_at = "2026-11-27T08:30:00.250+01:00";
    s.settings.timing_mode = TimingMode::independent;
    s.settings.z = 2.0;
    s.settings.takt_available_ms = 60'000;
    s.settings.takt_demand_units = 4;
    s.steps = {{1, "Pick", ValueClass::non_value_added, 100, 10},
               {2, "Place", ValueClass::value_added, 110, 12.5},
               {3, "Check", ValueClass::necessary_non_value_added, 95, 0}};
    ManualClock clock(5'000);
    Recorder r(s, clock);
    const EventId session_note = recorded(r.add_note("walk begins"));
    const EventId first = recorded(r.toggle_step(1));  // step_start
    clock.advance(2'000);
    const EventId tag = recorded(r.tag_waste(Waste::motion, "reaches far"));
    clock.advance(1'000);
    const EventId place = recorded(r.toggle_step(2));  // overlapping timers
    clock.advance(500);
    recorded(r.toggle_step(1));  // step_end
    recorded(r.toggle_timed_waste(Waste::waiting, "no parts"));  // waste_start
    clock.advance(1'500);
    recorded(r.toggle_timed_waste(Waste::waiting));  // waste_end
    clock.advance(1'000);
    recorded(r.toggle_step(2));
    recorded(r.toggle_step(3));
    clock.advance(2'000);
    recorded(r.toggle_step(3));
    clock.advance(200);
    recorded(r.toggle_pause());  // pause
    clock.advance(10'000);
    recorded(r.toggle_pause());  // resume
    clock.advance(300);
    recorded(r.new_cycle());  // cycle
    clock.advance(300);
    recorded(r.toggle_step(1));
    clock.advance(2'500);
    recorded(r.toggle_step(1));
    // Edits after the walk.
    clock.advance(1'000);
    recorded(r.add_note("dropped the part", place));
    recorded(r.exclude(place, "dropped the part"));
    recorded(r.include(place));
    recorded(r.set_start(first, 100));
    recorded(r.set_end(first, 3'000));
    recorded(r.split(first, 1'500));
    recorded(r.insert_reading(2, 2, 9'000, 12'000));
    recorded(r.remove(tag));
    recorded(r.restore(tag));
    recorded(r.retag(tag, Waste::transportation, 1));
    recorded(r.edit_note(session_note, "walk begins at the first pick"));
    recorded(r.edit_note(tag, "carries the part"));
    recorded(r.undo());
    recorded(r.redo());
    recorded(r.tag_waste(Waste::defects));  // no step running, no note: neither field written
    return s;
}

NamedSummary summary_of(const std::string& name, const Session& session, std::optional<std::int64_t> now = {}) {
    const LogState state = LogState::replay(session);
    NamedSummary named{name, &session, summarize(session, state, now)};
    // As gemba-cli does: the value stream of a session that maps one.
    if (auto stream = value_stream_for_report(session, state, named.summary)) named.value_stream = stream->figures;
    return named;
}

}  // namespace

TEST_CASE("the schemas are draft-04 JSON Schemas that RapidJSON accepts") {
    // Loading compiles every $ref; an unresolved one would leave parts of documents unchecked.
    (void)session_schema();
    (void)summary_schema();
    for (const char* name : {"session.schema.json", "summary.schema.json"}) {
        const std::string text = read_text(kSource / "data" / "schema" / name);
        CHECK(text.find("\"description\"") != std::string::npos);
    }
}

TEST_CASE("every example session is valid by the schema and loads in Gemba") {
    const std::vector<fs::path> files = json_files_in("examples");
    REQUIRE(files.size() >= 3);
    std::set<std::string> names;
    for (const fs::path& file : files) {
        CAPTURE(file.string());
        names.insert(file.filename().string());
        CHECK(violation(session_schema(), read_text(file)) == "");
        const Session session = load_ok(file);
        // A work sampling study observes subjects, not steps.
        CHECK(!(session.study == StudyKind::work_sampling ? session.sampling.subjects.empty() : session.steps.empty()));
        // What Gemba writes for the loaded session is valid too (nothing lost or added on the way).
        CHECK(violation(session_schema(), session_to_json(session)) == "");
    }
    CHECK(names.count("assembly-line.json") == 1);
    CHECK(names.count("assembly-line-after.json") == 1);
    CHECK(names.count("invoice-approval.json") == 1);
    CHECK(names.count("plan-only.json") == 1);
    CHECK(names.count("stamping-stream.json") == 1);
    CHECK(names.count("change-request-stream.json") == 1);
    CHECK(names.count("hospital-ward-sampling.json") == 1);
}

TEST_CASE("the templates of the start screen are valid plans: steps, settings, no events") {
    const std::vector<fs::path> files = json_files_in("templates");
    REQUIRE(files.size() >= 3);
    for (const fs::path& file : files) {
        CAPTURE(file.string());
        CHECK(violation(session_schema(), read_text(file)) == "");
        const Session plan = load_ok(file);
        CHECK(!plan.title.empty());
        if (plan.study == StudyKind::work_sampling) CHECK(plan.sampling.subjects.size() >= 2);
        else CHECK(plan.steps.size() >= 4);
        CHECK(plan.events.empty());
        CHECK(plan.started_at.empty());
    }
}

TEST_CASE("the golden session files of every format version are valid by the schema") {
    // tests/golden/vN holds the files every later Gemba must still read; the schema must accept them.
    std::size_t files = 0;
    for (const char* version : {"v1", "v2", "v3", "v4", "v5"})
        for (const auto& entry : fs::directory_iterator(kSource / "tests" / "golden" / version)) {
            if (entry.path().extension() != ".json") continue;
            CAPTURE(entry.path().string());
            CHECK(violation(session_schema(), read_text(entry.path())) == "");
            ++files;
        }
    CHECK(files >= 8);
}

TEST_CASE("the example sessions are what they say they are") {
    const fs::path dir = kSource / "data" / "examples";
    const Session assembly = load_ok(dir / "assembly-line.json");
    CHECK(assembly.steps.size() == 6);
    CHECK(assembly.settings.timing_mode == TimingMode::lap);
    CHECK(assembly.settings.takt_available_ms == 27'000'000);
    CHECK(assembly.settings.takt_demand_units == 900.0);
    const LogState a = LogState::replay(assembly);
    CHECK(a.current_cycle() == 12);
    CHECK(std::count_if(a.readings().begin(), a.readings().end(), [](const Reading& r) { return r.excluded; }) == 1);
    CHECK(a.pauses().size() == 1);
    CHECK(!a.tags().empty());
    const SessionSummary as = summarize(assembly, a);
    CHECK(as.cycles_closed == 12);
    std::size_t flagged = 0;
    for (const StepSummary& st : as.steps) flagged += st.outliers.size();
    CHECK(flagged == 1);

    const Session invoice = load_ok(dir / "invoice-approval.json");
    CHECK(invoice.settings.timing_mode == TimingMode::independent);
    const LogState i = LogState::replay(invoice);
    CHECK(i.current_cycle() >= 10);
    bool long_wait = false;
    for (const WasteTag& t : i.tags())
        long_wait = long_wait || (t.timed && i.duration_ms(t, 0) >= 60 * 60 * 1000);
    CHECK(long_wait);

    const Session plan = load_ok(dir / "plan-only.json");
    CHECK(plan.events.empty());
    CHECK(!plan.steps.empty());

    // What the assembly walk led to (scripts/make-improvement-examples), and the re-walk after it.
    const Improvement& im = assembly.improvement;
    REQUIRE(im.problems.size() == 2);
    REQUIRE(im.problems[0].root_cause() != nullptr);
    CHECK(im.problems[0].whys.size() == 4);
    CHECK(im.actions.size() == 4);
    CHECK(im.actions[0].status == ActionStatus::done);
    CHECK(im.actions[0].expected->metric == Metric::step_mean);
    const Session after = load_ok(dir / "assembly-line-after.json");
    CHECK(after.improvement.empty());
    REQUIRE(after.steps.size() == assembly.steps.size());
    for (std::size_t k = 0; k < after.steps.size(); ++k) CHECK(after.steps[k].name == assembly.steps[k].name);
    const SessionSummary s_after = summarize(after, LogState::replay(after));
    CHECK(s_after.cycles_closed == 10);
    // Walk & pick housing: 2.9 2.7 3.1 2.8 3.0 2.6 2.9 3.2 2.8 2.7 s → 28.7 s ÷ 10.
    REQUIRE(s_after.steps[0].observed_ms.has_value());
    CHECK(*s_after.steps[0].observed_ms == doctest::Approx(2870.0));
}

TEST_CASE("recorder-built sessions with every event kind are valid by the schema") {
    std::set<EventKind> kinds;
    for (const Session& s : {lap_session(), every_kind_session()}) {
        for (const Event& e : s.events) kinds.insert(e.kind);
        CHECK(violation(session_schema(), session_to_json(s)) == "");
        CHECK(!check_session(s, "every-kind.json"));
    }
    for (EventKind kind :
         {EventKind::step_start, EventKind::step_end, EventKind::lap, EventKind::cycle, EventKind::waste_tag,
          EventKind::waste_start, EventKind::waste_end, EventKind::note, EventKind::pause, EventKind::resume,
          EventKind::exclude, EventKind::include, EventKind::set_start, EventKind::set_end, EventKind::split,
          EventKind::insert_reading, EventKind::remove, EventKind::restore, EventKind::retag, EventKind::edit_note,
          EventKind::undo, EventKind::redo}) {
        CAPTURE(std::string(to_string(kind)));
        CHECK(kinds.count(kind) == 1);
    }
    // A minimal file: only the required fields.
    CHECK(violation(session_schema(), std::string(R"({"format_version": 1, "title": "", "steps": []})")) == "");
}

TEST_CASE("the session schema rejects bad documents") {
    const std::string good = session_to_json(every_kind_session());
    REQUIRE(violation(session_schema(), good) == "");
    const auto mutated = [&](auto&& change) {
        rapidjson::Document doc = parse_json(good, "good");
        change(doc, doc.GetAllocator());
        return to_text(doc);
    };
    using Alloc = rapidjson::Document::AllocatorType;

    SUBCASE("unknown event kind") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) { d["events"][1]["kind"].SetString("teleport"); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("event without id") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) { d["events"][1].RemoveMember("id"); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("step without id") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) { d["steps"][0].RemoveMember("id"); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("missing title") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) { d.RemoveMember("title"); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("unknown top-level field") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc& a) { d.AddMember("colour", "red", a); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("a newer format version") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) { d["format_version"].SetInt(kFormatVersion + 1); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("a time that is not a whole number of milliseconds") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) { d["events"][1]["t_ms"].SetDouble(12.5); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("unknown waste") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) {
            for (auto& e : d["events"].GetArray())
                if (e.HasMember("waste")) {
                    e["waste"].SetString("laziness");
                    break;
                }
        });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
    SUBCASE("started_at that is not ISO 8601") {
        const std::string bad = mutated([](rapidjson::Document& d, Alloc&) { d["started_at"].SetString("27/11/2026 08:30"); });
        CHECK(violation(session_schema(), bad) != "");
        CHECK(!parse_session(bad, "bad.json").ok());
    }
}

TEST_CASE("the session schema and the loader agree on the fields of every event kind") {
    // For each event of logs with every kind: add each field it lacks, and remove each field it
    // has. Values are chosen so that the log still replays (step 1 exists, event 1 is earlier than
    // any later note, new_cycle false changes nothing), so only the field rules decide.
    const std::vector<std::pair<const char*, std::string>> fields = {
        {"step", "1"},     {"ended_step", "1"}, {"new_cycle", "false"}, {"waste", "\"motion\""},
        {"target", "1"},   {"text", "\"x\""},   {"note", "\"x\""},      {"reason", "\"x\""},
        {"start_ms", "0"}, {"end_ms", "0"},     {"at_ms", "0"},         {"cycle", "1"},
        {"id", ""},        {"t_ms", ""},        {"kind", ""},
    };
    std::size_t checked = 0, rejected = 0;
    const auto check_each_change = [&](const rapidjson::Document& base) {
        for (rapidjson::SizeType i = 0; i < base["events"].Size(); ++i) {
            const std::string kind = base["events"][i]["kind"].GetString();
            for (const auto& [name, value] : fields) {
                rapidjson::Document doc;
                doc.CopyFrom(base, doc.GetAllocator());
                rapidjson::Value& event = doc["events"][i];
                const bool had = event.HasMember(name);
                if (had) {
                    event.RemoveMember(name);
                } else {
                    if (value.empty()) continue;  // id, t_ms and kind are always there
                    // A note cannot point at itself: the log's first event (a note, id 1) is left out.
                    if (kind == "note" && std::string(name) == "target" && event["id"].GetInt64() == 1) continue;
                    const rapidjson::Document v = parse_json(value, name);
                    event.AddMember(rapidjson::Value(name, doc.GetAllocator()), rapidjson::Value(v, doc.GetAllocator()),
                                    doc.GetAllocator());
                }
                const std::string text = to_text(doc);
                const bool schema_ok = violation(session_schema(), text).empty();
                const LoadResult loaded = parse_session(text, "mutated.json");
                CAPTURE(kind);
                CAPTURE(std::string(had ? "without" : "with"));
                CAPTURE(std::string(name));
                CAPTURE(loaded.ok() ? std::string("loads") : loaded.problem->message());
                CHECK(schema_ok == loaded.ok());
                ++checked;
                rejected += schema_ok ? 0 : 1;
            }
        }
    };
    for (const Session& session : {lap_session(), every_kind_session()})
        check_each_change(parse_json(session_to_json(session), "good"));
    CHECK(checked > 400);
    CHECK(rejected > checked / 2);  // most changes break a kind's field rules
}

TEST_CASE("the session schema and the loader agree on the ranges of the plan's numbers") {
    struct Case {
        const char* pointer;
        const char* value;
        bool valid;
    };
    const Case cases[] = {
        {"/settings/confidence_pct", "99.9", true},   {"/settings/confidence_pct", "100", false},
        {"/settings/confidence_pct", "0", false},     {"/settings/z", "10", true},
        {"/settings/z", "0", false},                  {"/settings/z", "10.5", false},
        {"/settings/accuracy_pct", "100", true},      {"/settings/accuracy_pct", "0", false},
        {"/settings/accuracy_ms", "0.5", true},       {"/settings/accuracy_ms", "0", false},
        {"/settings/accuracy_ms", "1e10", false},
        {"/settings/takt_available_ms", "0", true},   {"/settings/takt_available_ms", "-1", false},
        {"/settings/takt_available_ms", "1.5", false}, {"/settings/takt_demand_units", "0.5", true},
        {"/settings/takt_demand_units", "-1", false}, {"/settings/debounce_ms", "5000", true},
        {"/settings/debounce_ms", "5001", false},     {"/settings/timing_mode", "\"snapback\"", false},
        {"/settings/outlier_rule", "\"mean_3_sd\"", true}, {"/settings/allowance_convention", "\"on_workday\"", true},
        {"/steps/0/rating_pct", "300", true},         {"/steps/0/rating_pct", "300.5", false},
        {"/steps/0/rating_pct", "0", false},          {"/steps/0/allowance_pct", "99.5", true},
        {"/steps/0/allowance_pct", "100", false},     {"/steps/0/allowance_pct", "-0.5", false},
        {"/steps/0/name", "\"\"", false},             {"/steps/0/value_class", "\"waste\"", false},
        {"/steps/0/id", "0", false},                  {"/steps/0/id", "1000000000000000", true},
        {"/started_at", "\"\"", true},                {"/started_at", "\"2026-11-27T08:30:00Z\"", true},
        {"/started_at", "\"2026-11-27\"", false},
    };
    const std::string good = session_to_json(every_kind_session());
    for (const Case& c : cases) {
        CAPTURE(std::string(c.pointer));
        CAPTURE(std::string(c.value));
        rapidjson::Document doc = parse_json(good, "good");
        if (c.pointer == std::string("/steps/0/id")) {
            // Keep the events' step references valid: renumber step 1 only where the new id is legal.
            if (c.valid) {
                for (auto& e : doc["events"].GetArray())
                    for (const char* f : {"step", "ended_step"})
                        if (e.HasMember(f) && e[f].GetInt64() == 1) e[f].SetInt64(1000000000000000);
            }
        }
        set_at(doc, c.pointer, c.value);
        const std::string text = to_text(doc);
        const bool schema_ok = violation(session_schema(), text).empty();
        const LoadResult loaded = parse_session(text, "ranges.json");
        CAPTURE(loaded.ok() ? std::string("loads") : loaded.problem->message());
        CHECK(schema_ok == c.valid);
        CHECK(loaded.ok() == c.valid);
    }
}

// ---------------------------------------------------------------------------------------------------
// The tables of fields against the schema's text: a row added to a table without the schema, or to
// the schema without a table, fails here.
// ---------------------------------------------------------------------------------------------------

const rapidjson::Document& session_schema_text() {
    static const rapidjson::Document doc =
        parse_json(read_text(kSource / "data" / "schema" / "session.schema.json"), "session.schema.json");
    return doc;
}

// A property's schema with its "$ref"s followed.
const rapidjson::Value& resolved(const rapidjson::Value& property) {
    const rapidjson::Value* at = &property;
    while (at->HasMember("$ref")) {
        const std::string ref = (*at)["$ref"].GetString();
        REQUIRE(ref.rfind("#/", 0) == 0);
        at = rapidjson::Pointer(ref.substr(1).c_str()).Get(session_schema_text());
        REQUIRE_MESSAGE(at != nullptr, "dangling $ref " << ref);
    }
    return *at;
}

// A number of the schema equals one of a table (integers and doubles alike).
bool same_number(const rapidjson::Value& v, double expected) { return v.IsNumber() && v.GetDouble() == expected; }

std::string type_of(const rapidjson::Value& schema) { return schema.HasMember("type") ? schema["type"].GetString() : ""; }

std::set<std::string> spellings_in(const rapidjson::Value& schema) {
    std::set<std::string> out;
    REQUIRE(schema.HasMember("enum"));
    for (const auto& v : schema["enum"].GetArray()) out.insert(v.GetString());
    return out;
}

TEST_CASE("every event field of the table is in the schema with its type and range, and no other") {
    const rapidjson::Value& properties = session_schema_text()["definitions"]["event"]["properties"];
    std::set<std::string> in_schema, in_table;
    for (const auto& m : properties.GetObject()) in_schema.insert(m.name.GetString());
    for (const EventField& f : kEventFields) {
        const std::string name(f.name);
        CAPTURE(name);
        in_table.insert(name);
        REQUIRE(properties.HasMember(name.c_str()));
        const rapidjson::Value& schema = resolved(properties[name.c_str()]);
        switch (f.type) {
            case EventFieldType::integer:
                CHECK(type_of(schema) == "integer");
                REQUIRE(schema.HasMember("minimum"));
                REQUIRE(schema.HasMember("maximum"));
                CHECK(same_number(schema["minimum"], static_cast<double>(f.min)));
                CHECK(same_number(schema["maximum"], static_cast<double>(f.max)));
                CHECK(!schema.HasMember("exclusiveMinimum"));
                CHECK(!schema.HasMember("exclusiveMaximum"));
                break;
            case EventFieldType::flag: CHECK(type_of(schema) == "boolean"); break;
            case EventFieldType::text: CHECK(type_of(schema) == "string"); CHECK(!schema.HasMember("enum")); break;
            case EventFieldType::kind: {
                std::set<std::string> kinds;
                for (std::size_t k = 0; k < kEventKindCount; ++k)
                    kinds.insert(std::string(to_string(static_cast<EventKind>(k))));
                CHECK(spellings_in(schema) == kinds);
                break;
            }
            case EventFieldType::waste: {
                std::set<std::string> wastes;
                for (Waste w : kWastes) wastes.insert(std::string(to_string(w)));
                CHECK(spellings_in(schema) == wastes);
                break;
            }
        }
    }
    CHECK(in_schema == in_table);
    std::set<std::string> required_by_every_event;
    for (const auto& r : session_schema_text()["definitions"]["event"]["required"].GetArray())
        required_by_every_event.insert(r.GetString());
    std::set<std::string> every_event;
    for (const EventField& f : kEventFields)
        if (field_bit(f.id) & kFieldsOfEveryEvent) every_event.insert(std::string(f.name));
    CHECK(required_by_every_event == every_event);
}

TEST_CASE("each event kind has the same required and optional fields in the table and the schema") {
    const rapidjson::Value& kinds = session_schema_text()["definitions"]["event"]["oneOf"];
    std::set<std::string> kinds_seen;
    for (const auto& entry : kinds.GetArray()) {
        std::set<std::string> allowed, required = {"id", "t_ms", "kind"};
        for (const auto& m : entry["properties"].GetObject()) allowed.insert(m.name.GetString());
        if (entry.HasMember("required"))
            for (const auto& r : entry["required"].GetArray()) required.insert(r.GetString());
        CHECK(entry.HasMember("additionalProperties"));
        for (const std::string& spelled : spellings_in(entry["properties"]["kind"])) {
            CAPTURE(spelled);
            CHECK(kinds_seen.insert(spelled).second);  // each kind in one entry
            const std::optional<EventKind> kind = parse_event_kind(spelled);
            REQUIRE(kind.has_value());
            std::set<std::string> table_allowed, table_required;
            const KindFields& fields = fields_of(*kind);
            for (const EventField* f : fields.fields()) {
                table_allowed.insert(std::string(f->name));
                if (fields.required & field_bit(f->id)) table_required.insert(std::string(f->name));
            }
            CHECK(table_allowed == allowed);
            CHECK(table_required == required);
        }
    }
    CHECK(kinds_seen.size() == kEventKindCount);
}

TEST_CASE("every range of the plan's numbers is in the schema, and every number of the plan has a range") {
    const rapidjson::Value& definitions = session_schema_text()["definitions"];
    std::set<std::string> numbers_in_schema, in_table;
    for (const char* object : {"step", "settings", "queue", "allowances", "improvement", "problem", "idea", "action", "evidence",
                               "expected", "sampling", "subject", "category", "target", "schedule"})
        for (const auto& m : definitions[object]["properties"].GetObject()) {
            const std::string type = type_of(resolved(m.value));
            if (type == "number" || type == "integer") numbers_in_schema.insert(object + std::string("/") + m.name.GetString());
        }
    for (const NumberRange* range : kPlanRanges) {
        const std::string at = std::string(range->object) + "/" + std::string(range->name);
        CAPTURE(at);
        in_table.insert(at);
        const rapidjson::Value& properties = definitions[std::string(range->object).c_str()]["properties"];
        REQUIRE(properties.HasMember(std::string(range->name).c_str()));
        const rapidjson::Value& schema = resolved(properties[std::string(range->name).c_str()]);
        CHECK(type_of(schema) == (range->whole ? "integer" : "number"));
        REQUIRE(schema.HasMember("minimum"));
        REQUIRE(schema.HasMember("maximum"));
        CHECK(same_number(schema["minimum"], range->min));
        CHECK(same_number(schema["maximum"], range->max));
        const auto exclusive = [&](const char* keyword) {
            return schema.HasMember(keyword) && schema[keyword].GetBool();
        };
        CHECK(exclusive("exclusiveMinimum") == !range->min_inclusive);
        CHECK(exclusive("exclusiveMaximum") == !range->max_inclusive);
    }
    CHECK(numbers_in_schema == in_table);
}

TEST_CASE("the summary JSON of the examples and of edge cases is valid by the summary schema") {
    std::vector<Session> sessions;
    for (const fs::path& file : json_files_in("examples")) sessions.push_back(load_ok(file));
    const std::vector<fs::path> files = json_files_in("examples");
    std::vector<NamedSummary> all;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const std::vector<NamedSummary> one = {summary_of(files[i].string(), sessions[i])};
        CAPTURE(files[i].string());
        CHECK(violation(summary_schema(), summaries_to_json(one)) == "");
        all.push_back(one.front());
    }
    CHECK(violation(summary_schema(), summaries_to_json(all)) == "");
    CHECK(violation(summary_schema(), summaries_to_json({})) == "");

    // A session with every kind of event; one still running (a step, a timed waste, a pause);
    // one with no steps; one whose takt is undefined.
    const Session every = every_kind_session();
    const Session lap = lap_session();
    Session running = every;
    {
        ManualClock clock(0);
        Recorder r(running, clock);
        REQUIRE(r.toggle_step(2).recorded);
        clock.advance(1'000);
        REQUIRE(r.toggle_timed_waste(Waste::waiting).recorded);
        clock.advance(1'000);
        REQUIRE(r.toggle_pause().recorded);
    }
    Session empty;
    empty.title = "nothing planned";
    Session zero_demand = every;
    zero_demand.settings.takt_demand_units = 0.0;
    zero_demand.settings.allowance_convention = AllowanceConvention::on_workday;
    // A demand so small that the takt would be infinite, and an absolute accuracy.
    Session tiny_demand = lap;
    tiny_demand.settings.takt_available_ms = 27'000'000;
    tiny_demand.settings.takt_demand_units = 1e-310;
    tiny_demand.settings.accuracy_ms = 500.0;
    const std::vector<NamedSummary> edge = {summary_of("every.json", every), summary_of("lap.json", lap),
                                            summary_of("running.json", running, running.events.back().t_ms + 5'000),
                                            summary_of("empty.json", empty), summary_of("zero.json", zero_demand),
                                            summary_of("tiny.json", tiny_demand)};
    const std::string json = summaries_to_json(edge);
    CHECK(violation(summary_schema(), json) == "");
    const rapidjson::Document doc = parse_json(json, "summary");
    CHECK(doc["sessions"][2]["running"].GetBool());
    CHECK(doc["sessions"][3]["cycle_time_ms"].IsNull());
    // No valid reading: the work content and its value-class parts are unknown (null), not 0.
    for (const char* field : {"work_content_ms", "value_added_ms", "necessary_ms", "non_value_added_ms",
                              "value_added_share", "flow_efficiency"}) {
        CAPTURE(field);
        CHECK(doc["sessions"][3][field].IsNull());
    }
    CHECK(doc["sessions"][4]["takt_ms"].IsNull());
    CHECK(doc["sessions"][5]["takt_ms"].IsNull());
    CHECK(doc["sessions"][5]["accuracy_ms"].GetDouble() == 500.0);
    CHECK(doc["sessions"][1]["accuracy_ms"].IsNull());
}

TEST_CASE("the summary schema rejects bad documents") {
    const Session s = load_ok(kSource / "data" / "examples" / "assembly-line.json");
    const std::string good = summaries_to_json({summary_of("assembly-line.json", s)});
    REQUIRE(violation(summary_schema(), good) == "");
    const auto bad_with = [&](const char* pointer, const char* value) {
        rapidjson::Document doc = parse_json(good, "good");
        if (value) set_at(doc, pointer, value);
        else rapidjson::Pointer(pointer).Erase(doc);
        return violation(summary_schema(), to_text(doc));
    };
    CHECK(bad_with("/sessions/0/steps/0/mean_ms", "\"4.9 s\"") != "");
    CHECK(bad_with("/sessions/0/steps/0/valid_n", "null") != "");
    CHECK(bad_with("/sessions/0/cycle_time_ms", nullptr) != "");
    CHECK(bad_with("/sessions/0/work_content_ms", nullptr) != "");
    CHECK(bad_with("/sessions/0/steps/0/frequency", nullptr) != "");
    CHECK(bad_with("/sessions/0/steps/0/frequency", "-0.5") != "");
    CHECK(bad_with("/sessions/0/timing_mode", "\"snapback\"") != "");
    CHECK(bad_with("/sessions/0/waste_pareto/0/waste", "\"laziness\"") != "");
    CHECK(bad_with("/sessions/0/value_added_share", "57") != "");  // a percent where a fraction belongs
    CHECK(bad_with("/summary_format_version", "2") != "");
    CHECK(bad_with("/sessions/0/surprise", "1") != "");
    CHECK(bad_with("/sessions/0/takt_ms", "null") == "");  // nulls are allowed where a value can be missing
    CHECK(bad_with("/sessions/0/value_added_ms", "null") == "");
    CHECK(bad_with("/sessions/0/steps/0/frequency", "2") == "");  // a step read twice per cycle
}

TEST_CASE("the value stream of the summary JSON: valid by the schema, and bad values refused") {
    const Session s = load_ok(kSource / "data" / "examples" / "change-request-stream.json");
    const std::string good = summaries_to_json({summary_of("change-request-stream.json", s)});
    REQUIRE(violation(summary_schema(), good) == "");
    REQUIRE(parse_json(good, "good")["sessions"][0].HasMember("value_stream"));
    const auto bad_with = [&](const char* pointer, const char* value) {
        rapidjson::Document doc = parse_json(good, "good");
        if (value) set_at(doc, pointer, value);
        else rapidjson::Pointer(pointer).Erase(doc);
        return violation(summary_schema(), to_text(doc));
    };
    CHECK(bad_with("/sessions/0/value_stream/pce", "3.3") != "");  // a percent where a fraction belongs
    CHECK(bad_with("/sessions/0/value_stream/queues/0/wip_limit", "0") != "");
    CHECK(bad_with("/sessions/0/value_stream/steps/0/wait_source", "\"guess\"") != "");
    CHECK(bad_with("/sessions/0/value_stream/lead_time_ms", nullptr) != "");
    CHECK(bad_with("/sessions/0/value_stream/surprise", "1") != "");
    CHECK(bad_with("/sessions/0/value_stream/queues/0/days", "null") == "");
    CHECK(bad_with("/sessions/0/value_stream", nullptr) == "");  // a session without one has no member
}

TEST_CASE("the session schema and the loader both refuse bad sampling members") {
    const std::string good = read_text(kSource / "tests" / "golden" / "v5" / "sampling.json");
    REQUIRE(violation(session_schema(), good) == "");
    using Alloc = rapidjson::Document::AllocatorType;
    const auto refused_by_both = [&](auto&& change) {
        rapidjson::Document doc = parse_json(good, "good");
        change(doc, doc.GetAllocator());
        const std::string bad = to_text(doc);
        CHECK(violation(session_schema(), bad) != "");
        CHECK_FALSE(parse_session(bad, "bad.json").ok());
    };
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["study"].SetString("survey"); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["categories"][0]["key"].SetString("F1"); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["categories"][4]["absent"].SetBool(false); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["schedule"]["seed"].SetInt(7); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["schedule"]["utc_offset"].SetString("CET"); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["schedule"]["days"][0]["start"].SetString("7:00"); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["schedule"]["min_gap_ms"].SetInt(0); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["target"]["accuracy"].SetString("roughly"); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["sampling"]["subjects"][0]["name"].SetString(""); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["events"][0]["round"].SetInt(0); });
    refused_by_both([](rapidjson::Document& d, Alloc& a) { d["events"][6].AddMember("subject", 1, a); });
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["events"][0].RemoveMember("category"); });
}

TEST_CASE("the session schema and the loader both refuse bad improvement members") {
    const std::string good = read_text(kSource / "tests" / "golden" / "v4" / "improvement.json");
    REQUIRE(violation(session_schema(), good) == "");
    const auto refused_by_both = [&](auto&& change) {
        rapidjson::Document doc = parse_json(good, "good");
        change(doc, doc.GetAllocator());
        const std::string bad = to_text(doc);
        CHECK(violation(session_schema(), bad) != "");
        CHECK_FALSE(parse_session(bad, "bad.json").ok());
    };
    using Alloc = rapidjson::Document::AllocatorType;
    // An empty why chain.
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["improvement"]["problems"][0]["whys"].Clear(); });
    // A due date that is no date.
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["improvement"]["actions"][0]["due"].SetString("soon"); });
    // An unknown status.
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["improvement"]["actions"][0]["status"].SetString("started"); });
    // A step's metric without its step; a walk's metric with a step.
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["improvement"]["actions"][0]["expected"].RemoveMember("step"); });
    refused_by_both([](rapidjson::Document& d, Alloc& a) {
        d["improvement"]["actions"][2]["expected"].AddMember("step", 1, a);
    });
    // A piece of evidence naming an event and a step.
    refused_by_both([](rapidjson::Document& d, Alloc& a) {
        d["improvement"]["problems"][0]["evidence"][1].AddMember("step", 1, a);
    });
    // A WIP limit of 0.
    refused_by_both([](rapidjson::Document& d, Alloc&) { d["improvement"]["doing_limit"].SetInt(0); });
}
