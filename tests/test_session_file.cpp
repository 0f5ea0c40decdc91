// The session file: golden files of format version 1, round trips, a corpus of bad files with the
// exact message each must give, and the safety of saving.
#include "core/file/session_file.hpp"
#include "tests/support.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/log/log_state.hpp"
#include "core/model/session.hpp"

namespace doctest {
template <>
struct StringMaker<gemba::Event> {
    static String convert(const gemba::Event& e) {
        std::ostringstream out;
        out << "{id " << e.id << ", t_ms " << e.t_ms << ", " << gemba::to_string(e.kind) << ", step " << e.step
            << ", ended_step " << e.ended_step() << ", new_cycle " << e.new_cycle << ", waste "
            << gemba::to_string(e.waste) << ", target " << e.target << ", text '" << e.text.view() << "', start_ms "
            << e.start_ms() << ", end_ms " << e.end_ms() << ", at_ms " << e.at_ms() << ", cycle " << e.cycle() << "}";
        return out.str().c_str();
    }
};
}  // namespace doctest

namespace {

namespace stdfs = std::filesystem;
using namespace gemba;
using gemba::test::read_all;
using gemba::test::TempFolder;
using gemba::test::write_all;

const stdfs::path kGolden = stdfs::path(GEMBA_SOURCE_DIR) / "tests" / "golden";


bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }


// Loads a file that must load; on failure the message is shown.
Session load_ok(const stdfs::path& path) {
    LoadResult result = load_session(path);
    INFO((result.problem ? result.problem->message() : std::string()));
    REQUIRE(result.ok());
    CHECK_FALSE(result.problem.has_value());
    return std::move(*result.session);
}

Session parse_ok(const std::string& json) {
    LoadResult result = parse_session(json, "test.json");
    INFO((result.problem ? result.problem->message() : std::string()));
    REQUIRE(result.ok());
    return std::move(*result.session);
}

FileProblem parse_bad(const std::string& json, const std::string& name = "walk.json") {
    LoadResult result = parse_session(json, name);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.problem.has_value());
    return *result.problem;
}

// What every message owes a person: the file's name first, then words, never the library's own.
void check_readable(const FileProblem& problem, const std::string& file) {
    const std::string message = problem.message();
    INFO(message);
    CHECK(problem.file == file);
    CHECK(message.rfind(file + ": ", 0) == 0);
    CHECK_FALSE(problem.what.empty());
    std::string lower = message;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    CHECK_FALSE(contains(lower, "rapidjson"));
    CHECK_FALSE(contains(lower, "assertion"));
    CHECK_FALSE(contains(lower, "cereal"));
    CHECK_FALSE(contains(lower, "nvp"));
    CHECK_FALSE(contains(lower, "value0"));
    if (!problem.where.empty())
        CHECK((problem.where.rfind("line ", 0) == 0 || problem.where.rfind("/", 0) == 0));
}

void check_same(const Session& a, const Session& b) {
    CHECK(a.title == b.title);
    CHECK(a.process == b.process);
    CHECK(a.area == b.area);
    CHECK(a.observer == b.observer);
    CHECK(a.notes == b.notes);
    CHECK(a.started_at == b.started_at);

    const StudySettings &x = a.settings, &y = b.settings;
    CHECK(x.timing_mode == y.timing_mode);
    CHECK(x.allowance_convention == y.allowance_convention);
    CHECK(x.confidence_pct == y.confidence_pct);
    CHECK(x.z_convention == y.z_convention);
    CHECK(x.z == y.z);
    CHECK(x.accuracy_pct == y.accuracy_pct);
    CHECK(x.accuracy_ms == y.accuracy_ms);
    CHECK(x.outlier_rule == y.outlier_rule);
    CHECK(x.takt_available_ms == y.takt_available_ms);
    CHECK(x.takt_demand_units == y.takt_demand_units);
    CHECK(x.debounce_ms == y.debounce_ms);

    REQUIRE(a.steps.size() == b.steps.size());
    for (std::size_t i = 0; i < a.steps.size(); ++i) {
        CAPTURE(i);
        CHECK(a.steps[i].id == b.steps[i].id);
        CHECK(a.steps[i].name == b.steps[i].name);
        CHECK(a.steps[i].value_class == b.steps[i].value_class);
        CHECK(a.steps[i].rating_pct == b.steps[i].rating_pct);
        CHECK(a.steps[i].allowance_pct == b.steps[i].allowance_pct);
        CHECK(a.steps[i] == b.steps[i]);
    }
    CHECK(a.queues == b.queues);
    REQUIRE(a.events.size() == b.events.size());
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        CAPTURE(i);
        CHECK(a.events[i] == b.events[i]);
    }
}

Event make(EventId id, std::int64_t t_ms, EventKind kind) {
    Event e;
    e.id = id;
    e.t_ms = t_ms;
    e.kind = kind;
    return e;
}

// The events of tests/golden/v1/complete.json, as written there.
std::vector<Event> complete_events() {
    std::vector<Event> events;
    const auto add = [&](EventId id, std::int64_t t, EventKind kind) -> Event& {
        events.push_back(make(id, t, kind));
        return events.back();
    };
    add(1, 0, EventKind::step_start).step = 1;
    {
        Event& e = add(2, 1000, EventKind::lap);
        e.set_ended_step(1);
        e.step = 2;
    }
    add(3, 2500, EventKind::waste_tag).waste = Waste::waiting;
    {
        Event& e = add(4, 3000, EventKind::lap);
        e.set_ended_step(2);
        e.step = 5;
    }
    {
        Event& e = add(5, 4200, EventKind::waste_tag);
        e.step = 5;
        e.waste = Waste::motion;
        e.text = "Reached over the bench";
    }
    {
        Event& e = add(6, 5000, EventKind::lap);
        e.set_ended_step(5);
        e.step = 1;
        e.new_cycle = true;
    }
    {
        Event& e = add(7, 5500, EventKind::waste_start);
        e.step = 1;
        e.waste = Waste::transportation;
        e.text = "Forklift in the aisle";
    }
    add(8, 6000, EventKind::waste_end).target = 7;
    add(9, 6500, EventKind::pause);
    add(10, 8000, EventKind::resume);
    add(11, 9000, EventKind::step_end).step = 1;
    add(12, 9500, EventKind::cycle);
    {
        Event& e = add(13, 10000, EventKind::step_start);
        e.step = 2;
        e.new_cycle = true;
    }
    add(14, 11000, EventKind::step_end).step = 2;
    add(15, 11500, EventKind::note).text = "Operator new this week";
    {
        Event& e = add(16, 12000, EventKind::note);
        e.target = 5;
        e.text = "Happens every cycle";
    }
    {
        Event& e = add(17, 13000, EventKind::exclude);
        e.target = 2;
        e.text = "Dropped the part";
    }
    add(18, 13500, EventKind::include).target = 2;
    {
        Event& e = add(19, 14000, EventKind::set_start);
        e.target = 4;
        e.set_start_ms(3100);
    }
    {
        Event& e = add(20, 14500, EventKind::set_end);
        e.target = 4;
        e.set_end_ms(4900);
    }
    {
        Event& e = add(21, 15000, EventKind::split);
        e.target = 6;
        e.set_at_ms(7000);
    }
    {
        Event& e = add(22, 15500, EventKind::insert_reading);
        e.step = 5;
        e.set_cycle(2);
        e.set_start_ms(9100);
        e.set_end_ms(9400);
    }
    add(23, 16000, EventKind::remove).target = 3;
    add(24, 16500, EventKind::restore).target = 3;
    {
        Event& e = add(25, 17000, EventKind::retag);
        e.step = 2;
        e.waste = Waste::defects;
        e.target = 3;
    }
    {
        Event& e = add(26, 17500, EventKind::edit_note);
        e.target = 15;
        e.text = "Operator started on Monday";
    }
    add(27, 18000, EventKind::undo).target = 26;
    add(28, 18500, EventKind::redo).target = 26;
    return events;
}

}  // namespace

// =================================================================================================
// Golden files of format version 1
// =================================================================================================

TEST_CASE("golden v1: the complete session loads with every value as written in the file") {
    const Session s = load_ok(kGolden / "v1" / "complete.json");

    CHECK(s.title == "Press line 3 \xe2\x80\x94 bracket cell");
    CHECK(s.process == "Bracket \"B-17\" assembly");
    CHECK(s.area == "Hall 2 / Zone B");
    CHECK(s.observer == "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m");
    CHECK(s.notes == "Morning shift.\nSecond line\twith a tab.");
    CHECK(s.started_at == "2026-11-27T08:30:00Z");

    CHECK(s.settings.timing_mode == TimingMode::independent);
    CHECK(s.settings.allowance_convention == AllowanceConvention::on_workday);
    CHECK(s.settings.confidence_pct == 90.0);
    CHECK(s.settings.z_convention == ZConvention::exact);
    REQUIRE(s.settings.z.has_value());
    CHECK(*s.settings.z == 1.96);
    CHECK(s.settings.accuracy_pct == 10.0);
    CHECK(s.settings.outlier_rule == OutlierRule::mean_3_sd);
    CHECK(s.settings.takt_available_ms == std::optional<std::int64_t>(27'000'000));
    CHECK(s.settings.takt_demand_units == std::optional<double>(450.5));
    CHECK(s.settings.debounce_ms == 200);

    REQUIRE(s.steps.size() == 3);
    CHECK(s.steps[0].id == 1);
    CHECK(s.steps[0].name == "Pick part");
    CHECK(s.steps[0].value_class == ValueClass::value_added);
    CHECK(s.steps[0].rating_pct == 110.0);
    CHECK(s.steps[0].allowance_pct == 10.0);
    CHECK(s.steps[1].id == 2);
    CHECK(s.steps[1].name == "Walk to press");
    CHECK(s.steps[1].value_class == ValueClass::non_value_added);
    CHECK(s.steps[1].rating_pct == 100.0);
    CHECK(s.steps[1].allowance_pct == 0.0);
    CHECK(s.steps[2].id == 5);
    CHECK(s.steps[2].name == "Inspect & stack");
    CHECK(s.steps[2].value_class == ValueClass::necessary_non_value_added);
    CHECK(s.steps[2].rating_pct == 95.5);
    CHECK(s.steps[2].allowance_pct == 12.5);

    const std::vector<Event> expected = complete_events();
    REQUIRE(s.events.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(s.events[i] == expected[i]);
    }

    // Every kind of event appears at least once.
    std::set<EventKind> kinds;
    for (const Event& e : s.events) kinds.insert(e.kind);
    CHECK(kinds.size() == 22);
}

TEST_CASE("golden v1: the complete session means what was recorded") {
    const Session s = load_ok(kGolden / "v1" / "complete.json");
    std::optional<LogError> error;
    const LogState state = LogState::replay(s, &error);
    REQUIRE_FALSE(error.has_value());

    // Readings: 1, 2, 4, 6 (walk), 13 (step_start), 21 (split of 6), 22 (inserted).
    REQUIRE(state.readings().size() == 7);
    const Reading* r4 = state.find_reading(4);
    REQUIRE(r4);
    CHECK(r4->start_ms == 3100);
    CHECK(r4->end_ms == std::optional<std::int64_t>(4900));
    const Reading* r6 = state.find_reading(6);
    const Reading* r21 = state.find_reading(21);
    REQUIRE(r6);
    REQUIRE(r21);
    CHECK(r6->end_ms == std::optional<std::int64_t>(7000));
    CHECK(r21->start_ms == 7000);
    CHECK(r21->end_ms == std::optional<std::int64_t>(9000));
    CHECK(r6->cycle == 2);
    const Reading* r13 = state.find_reading(13);
    REQUIRE(r13);
    CHECK(r13->cycle == 4);
    const Reading* r22 = state.find_reading(22);
    REQUIRE(r22);
    CHECK(r22->manual);
    CHECK_FALSE(state.find_reading(2)->excluded);

    const WasteTag* t3 = state.find_tag(3);
    REQUIRE(t3);
    CHECK(t3->waste == Waste::defects);
    CHECK(t3->step == 2);
    CHECK_FALSE(t3->removed);
    const WasteTag* t7 = state.find_tag(7);
    REQUIRE(t7);
    CHECK(t7->timed);
    CHECK(t7->end_ms == std::optional<std::int64_t>(6000));

    const Note* n15 = state.find_note(15);
    REQUIRE(n15);
    CHECK(n15->text == "Operator started on Monday");
    CHECK(state.find_note(16)->target == 5);
    REQUIRE(state.pauses().size() == 1);
    CHECK(state.pauses()[0].end_ms == std::optional<std::int64_t>(8000));
}

// A v2 golden file as today's Gemba writes it: the same, as the newest version (v2 → v3 → v4
// migrate nothing).
std::string as_written_now(const stdfs::path& v2_file) {
    return test::with_newest_format_version(read_all(v2_file), 2, kFormatVersion);
}

TEST_CASE("golden v1: a loaded v1 file is written as the newest version with no queues, and nothing else changed") {
    // The v2 files were made from the v1 files by hand: the version raised, "queues": [] added.
    for (const char* name : {"complete", "plan_canonical"}) {
        CAPTURE(name);
        const Session s = load_ok(kGolden / "v1" / (std::string(name) + ".json"));
        CHECK(session_to_json(s) == as_written_now(kGolden / "v2" / (std::string(name) + "_from_v1.json")));
        check_same(load_ok(kGolden / "v2" / (std::string(name) + "_from_v1.json")), s);
    }
}

TEST_CASE("golden v2: the value stream's fields and counts load, and are written back byte for byte as the newest version") {
    const stdfs::path path = kGolden / "v2" / "value_stream.json";
    const LoadResult loaded = load_session(path);
    REQUIRE(loaded.ok());
    const Session& s = *loaded.session;
    CHECK(session_to_json(s) == as_written_now(path));
    REQUIRE(s.steps.size() == 3);
    const Step& stamping = s.steps[0];
    CHECK(stamping.touched_by == std::vector<std::string>{"Press operator"});
    CHECK(stamping.what_happens == "200 t press stamps the blank");
    CHECK(stamping.changeover_ms == std::optional<std::int64_t>(3'600'000));
    CHECK(stamping.uptime_pct == std::optional<double>(85.0));
    CHECK(stamping.people == std::optional<std::int64_t>(1));
    CHECK(stamping.shifts == std::optional<std::int64_t>(2));
    CHECK(stamping.batch_size == std::optional<std::int64_t>(500));
    CHECK(s.steps[1].touched_by == std::vector<std::string>{"Welder", "Team leader"});
    CHECK_FALSE(s.steps[1].shifts.has_value());
    CHECK(s.steps[2].touched_by.empty());
    CHECK_FALSE(s.steps[2].changeover_ms.has_value());
    REQUIRE(s.queues.size() == 2);
    CHECK(s.queues[0].name == "Stamped parts");
    CHECK(s.queues[0].before_step == 2);
    CHECK(s.queues[0].wip_limit == std::optional<std::int64_t>(4600));
    CHECK_FALSE(s.queues[1].wip_limit.has_value());
    // Counts: the second count of queue 1 was undone; queue 2 was counted twice, once while paused.
    const LogState& state = loaded.state;
    REQUIRE(state.queue_counts().size() == 3);
    CHECK(state.last_count(1) == std::optional<std::int64_t>(4600));
    CHECK(state.last_count(2) == std::optional<std::int64_t>(2690));
    CHECK(state.queue_counts()[1].count == 2700);
    CHECK(state.queue_counts()[1].t_ms == 4000);
    CHECK(state.find_note(7)->target == 6);
}

TEST_CASE("golden v2: an older Gemba (one that reads up to version 1) refuses a v2 file as newer") {
    for (const char* name : {"value_stream.json", "complete_from_v1.json"}) {
        CAPTURE(name);
        const LoadResult old = parse_session(read_all(kGolden / "v2" / name), name, 1);
        REQUIRE_FALSE(old.ok());
        CHECK(old.problem->message() == std::string(name) +
                                            ": /format_version: format version 2 is newer than this Gemba reads (up "
                                            "to 1); open it with a newer Gemba");
    }
}

TEST_CASE("format versions: a version 1 file cannot hold what version 2 added") {
    const std::string step = R"({"id": 1, "name": "A", "value_class": "value_added")";
    const auto v1 = [](const std::string& rest) { return R"({"format_version": 1, "title": "T", )" + rest + "}"; };
    SUBCASE("a queue count event") {
        const LoadResult r = parse_session(v1(R"("steps": [], "events": [{"id": 1, "t_ms": 0, "kind": "queue_count", "queue": 1, "count": 3}])"), "old.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem->message() ==
              "old.json: /events/0/kind: kind 'queue_count' is in format version 2 and later; this file says it is version 1");
    }
    SUBCASE("queues") {
        const LoadResult r = parse_session(v1(R"("steps": [], "queues": [])"), "old.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem->message() == "old.json: /queues: unknown field 'queues'");
    }
    SUBCASE("who touches a step") {
        const LoadResult r = parse_session(v1(R"("steps": [)" + step + R"(, "touched_by": ["Welder"]}])"), "old.json");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problem->message() == "old.json: /steps/0/touched_by: unknown field 'touched_by'");
    }
    SUBCASE("the same in version 2 loads") {
        CHECK(parse_session(R"({"format_version": 2, "title": "T", "steps": [)" + step +
                                R"(, "touched_by": ["Welder"]}], "queues": [{"id": 4, "name": "Q", "before_step": 1}],
                                "events": [{"id": 1, "t_ms": 0, "kind": "queue_count", "queue": 4, "count": 3}]})",
                            "new.json")
                  .ok());
    }
}

TEST_CASE("format versions: every v1 file loads through the version seam, and a newer version is refused") {
    // The loader reads format_version first and hands the file to that version's reader; files of
    // every version up to kFormatVersion keep loading, and the writer writes the newest.
    std::size_t v1_files = 0;
    for (const auto& entry : stdfs::directory_iterator(kGolden / "v1")) {
        const std::string text = read_all(entry.path());
        CAPTURE(entry.path().string());
        const std::size_t at = text.find("\"format_version\": 1");
        REQUIRE(at != std::string::npos);
        const Session s = load_ok(entry.path());
        CHECK(session_to_json(s).find("\"format_version\": " + std::to_string(kFormatVersion)) != std::string::npos);
        ++v1_files;
        for (const std::int64_t version : {std::int64_t{kFormatVersion} + 1, std::int64_t{1000000}}) {
            std::string newer = text;
            newer.replace(at, std::string("\"format_version\": 1").size(),
                          "\"format_version\": " + std::to_string(version));
            const LoadResult loaded = parse_session(newer, "newer.json");
            REQUIRE_FALSE(loaded.ok());
            CHECK(loaded.problem->message() ==
                  "newer.json: /format_version: format version " + std::to_string(version) +
                      " is newer than this Gemba reads (up to " + std::to_string(kFormatVersion) +
                      "); open it with a newer Gemba");
        }
        for (const char* version : {"0", "-1"}) {
            std::string older = text;
            older.replace(at, std::string("\"format_version\": 1").size(), std::string("\"format_version\": ") + version);
            const LoadResult loaded = parse_session(older, "older.json");
            REQUIRE_FALSE(loaded.ok());
            CHECK(loaded.problem->message() ==
                  std::string("older.json: /format_version: format version ") + version + " does not exist");
        }
    }
    CHECK(v1_files >= 5);
}

TEST_CASE("golden v1: a plan with steps and no events loads and missing values take their defaults") {
    const Session s = load_ok(kGolden / "v1" / "plan.json");
    CHECK(s.title == "Changeover study, press 4");
    CHECK(s.process == "Die change");
    CHECK(s.area == "Press shop");
    CHECK(s.observer.empty());
    CHECK(s.notes == "Planned for Thursday; events are recorded on the day.");
    CHECK(s.started_at.empty());
    CHECK(s.events.empty());

    const StudySettings defaults;
    CHECK(s.settings.timing_mode == TimingMode::lap);
    CHECK(s.settings.confidence_pct == 95.0);
    CHECK(s.settings.accuracy_pct == 5.0);
    CHECK_FALSE(s.settings.accuracy_ms.has_value());
    CHECK(s.settings.allowance_convention == defaults.allowance_convention);
    CHECK(s.settings.z_convention == defaults.z_convention);
    CHECK_FALSE(s.settings.z.has_value());
    CHECK(s.settings.outlier_rule == defaults.outlier_rule);
    CHECK_FALSE(s.settings.takt_available_ms.has_value());
    CHECK_FALSE(s.settings.takt_demand_units.has_value());
    CHECK(s.settings.debounce_ms == defaults.debounce_ms);

    REQUIRE(s.steps.size() == 3);
    CHECK(s.steps[0].id == 1);
    CHECK(s.steps[0].name == "Unclamp die");
    CHECK(s.steps[0].value_class == ValueClass::necessary_non_value_added);
    CHECK(s.steps[0].rating_pct == 100.0);
    CHECK(s.steps[0].allowance_pct == 15.0);
    CHECK(s.steps[1].id == 2);
    CHECK(s.steps[1].name == "Fetch new die");
    CHECK(s.steps[1].value_class == ValueClass::non_value_added);
    CHECK(s.steps[1].rating_pct == 100.0);
    CHECK(s.steps[1].allowance_pct == 0.0);
    CHECK(s.steps[2].id == 3);
    CHECK(s.steps[2].value_class == ValueClass::value_added);
    CHECK(s.steps[2].rating_pct == 90.0);
    CHECK(s.steps[2].allowance_pct == 0.0);

    // The same plan, written out, is plan_canonical.json (checked byte for byte above).
    check_same(s, load_ok(kGolden / "v1" / "plan_canonical.json"));
}

TEST_CASE("golden v1: files with only the required fields get the documented defaults") {
    const Session defaults;
    const Step step_defaults;

    SUBCASE("one step") {
        const Session s = load_ok(kGolden / "v1" / "minimal.json");
        CHECK(s.title == "Minimal");
        CHECK(s.process.empty());
        CHECK(s.area.empty());
        CHECK(s.observer.empty());
        CHECK(s.notes.empty());
        CHECK(s.started_at.empty());
        REQUIRE(s.steps.size() == 1);
        CHECK(s.steps[0].id == 7);
        CHECK(s.steps[0].name == "Only step");
        CHECK(s.steps[0].value_class == ValueClass::value_added);
        CHECK(s.steps[0].rating_pct == 100.0);
        CHECK(s.steps[0].allowance_pct == 0.0);
        CHECK(s.steps[0].rating_pct == step_defaults.rating_pct);
        CHECK(s.steps[0].allowance_pct == step_defaults.allowance_pct);
        CHECK(s.events.empty());
        check_same(Session{s.title, "", "", "", "", "", {}, s.steps, {}}, s);
        // Documented in session.hpp.
        CHECK(s.settings.timing_mode == TimingMode::lap);
        CHECK(s.settings.allowance_convention == AllowanceConvention::on_job_time);
        CHECK(s.settings.confidence_pct == 95.0);
        CHECK(s.settings.z_convention == ZConvention::table);
        CHECK_FALSE(s.settings.z.has_value());
        CHECK(s.settings.accuracy_pct == 5.0);
        CHECK(s.settings.outlier_rule == OutlierRule::iqr_1_5);
        CHECK_FALSE(s.settings.takt_available_ms.has_value());
        CHECK_FALSE(s.settings.takt_demand_units.has_value());
        CHECK(s.settings.debounce_ms == 150);
    }
    SUBCASE("no steps and an empty title") {
        const Session s = load_ok(kGolden / "v1" / "empty_plan.json");
        check_same(s, defaults);
    }
    SUBCASE("an empty settings object") {
        const Session s = parse_ok(R"({"format_version": 1, "title": "T", "settings": {}, "steps": [], "events": []})");
        check_same(s, Session{"T", "", "", "", "", "", {}, {}, {}});
    }
    SUBCASE("events with only their required fields") {
        const Session s = parse_ok(R"({"format_version": 1, "title": "T",
            "steps": [{"id": 1, "name": "A", "value_class": "value_added"}],
            "events": [{"id": 1, "t_ms": 0, "kind": "step_start", "step": 1},
                       {"id": 2, "t_ms": 5, "kind": "waste_tag", "waste": "inventory"},
                       {"id": 3, "t_ms": 9, "kind": "lap", "ended_step": 1, "step": 1}]})");
        REQUIRE(s.events.size() == 3);
        Event e1 = make(1, 0, EventKind::step_start);
        e1.step = 1;
        Event e2 = make(2, 5, EventKind::waste_tag);
        e2.waste = Waste::inventory;
        Event e3 = make(3, 9, EventKind::lap);
        e3.set_ended_step(1);
        e3.step = 1;
        CHECK(s.events[0] == e1);
        CHECK(s.events[1] == e2);
        CHECK(s.events[2] == e3);
        CHECK_FALSE(s.events[0].new_cycle);
        CHECK(s.events[1].step == kNoStep);
        CHECK(s.events[1].text.empty());
    }
}

TEST_CASE("golden v1: the defaults a minimal file gets are the ones data/schema/session.schema.json documents") {
    const std::string schema_text = read_all(stdfs::path(GEMBA_SOURCE_DIR) / "data" / "schema" / "session.schema.json");
    rapidjson::Document schema;
    REQUIRE_FALSE(schema.Parse(schema_text.c_str()).HasParseError());
    // RapidJSON's operator[] does not check (its assertions are off in release builds): look first.
    const auto member = [](const rapidjson::Value& object, const char* name) -> const rapidjson::Value& {
        INFO(name);
        REQUIRE(object.IsObject());
        REQUIRE(object.HasMember(name));
        return object[name];
    };
    const auto properties = [&](const char* definition) -> const rapidjson::Value& {
        return definition ? member(member(member(schema, "definitions"), definition), "properties")
                          : member(schema, "properties");
    };
    const auto default_text = [&](const char* definition, const char* field) {
        const rapidjson::Value& value = member(member(properties(definition), field), "default");
        REQUIRE(value.IsString());
        return std::string(value.GetString());
    };
    const auto default_number = [&](const char* definition, const char* field) {
        const rapidjson::Value& value = member(member(properties(definition), field), "default");
        REQUIRE(value.IsNumber());
        return value.GetDouble();
    };
    const auto has_default = [&](const char* definition, const char* field) {
        return member(properties(definition), field).HasMember("default");
    };

    const Session s = load_ok(kGolden / "v1" / "minimal.json");
    CHECK(s.process == default_text(nullptr, "process"));
    CHECK(s.area == default_text(nullptr, "area"));
    CHECK(s.observer == default_text(nullptr, "observer"));
    CHECK(s.notes == default_text(nullptr, "notes"));
    CHECK(s.started_at == default_text(nullptr, "started_at"));
    const rapidjson::Value& events_default = member(member(properties(nullptr), "events"), "default");
    REQUIRE(events_default.IsArray());
    CHECK(events_default.Empty());
    CHECK(s.events.empty());

    CHECK(s.steps[0].rating_pct == default_number("step", "rating_pct"));
    CHECK(s.steps[0].allowance_pct == default_number("step", "allowance_pct"));

    const StudySettings& st = s.settings;
    CHECK(to_string(st.timing_mode) == default_text("settings", "timing_mode"));
    CHECK(to_string(st.allowance_convention) == default_text("settings", "allowance_convention"));
    CHECK(st.confidence_pct == default_number("settings", "confidence_pct"));
    CHECK(to_string(st.z_convention) == default_text("settings", "z_convention"));
    CHECK(st.accuracy_pct == default_number("settings", "accuracy_pct"));
    CHECK(to_string(st.outlier_rule) == default_text("settings", "outlier_rule"));
    CHECK(static_cast<double>(st.debounce_ms) == default_number("settings", "debounce_ms"));
    // No default documented: absent.
    CHECK_FALSE(has_default("settings", "z"));
    CHECK_FALSE(st.z.has_value());
    CHECK_FALSE(has_default("settings", "takt_available_ms"));
    CHECK_FALSE(st.takt_available_ms.has_value());
    CHECK_FALSE(has_default("settings", "takt_demand_units"));
    CHECK_FALSE(st.takt_demand_units.has_value());

    // And the schema lists as required exactly what a file cannot do without.
    std::set<std::string> required;
    const rapidjson::Value& required_list = member(schema, "required");
    REQUIRE(required_list.IsArray());
    for (const auto& name : required_list.GetArray()) required.insert(name.GetString());
    CHECK(required == std::set<std::string>{"format_version", "title", "steps"});
}

TEST_CASE("golden v1: fields may come in any order, and a UTF-8 byte order mark is accepted") {
    const Session reference = load_ok(kGolden / "v1" / "minimal.json");
    const Session reordered = parse_ok(
        R"({"steps": [{"value_class": "value_added", "name": "Only step", "id": 7}], "title": "Minimal", "format_version": 1})");
    check_same(reordered, reference);

    const std::string with_bom = "\xEF\xBB\xBF" + read_all(kGolden / "v1" / "minimal.json");
    check_same(parse_ok(with_bom), reference);
}

// =================================================================================================
// Round trips
// =================================================================================================

namespace {

Session tricky_session() {
    Session s;
    s.title = "\xc3\x9cnic\xc3\xb6" "de \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x8f\xad";  // Ünicöde 日本語 🏭
    s.process = "";
    s.area = "quote \" backslash \\ slash / braces {}[] comma, colon:";
    s.observer = "tab\tnewline\ncarriage return\r end";
    s.notes = std::string("control \x01 and \x1f, escape \x1b; ") + "\xe2\x80\xa8 line separator";
    s.started_at = "2026-02-28T23:59:59.123+05:30";
    s.settings.timing_mode = TimingMode::independent;
    s.settings.allowance_convention = AllowanceConvention::on_workday;
    s.settings.confidence_pct = 99.9;
    s.settings.z_convention = ZConvention::exact;
    s.settings.z = 0.1 + 0.2;  // 0.30000000000000004 must survive
    s.settings.accuracy_pct = 1.0 / 3.0;
    s.settings.accuracy_ms = 250.5;
    s.settings.outlier_rule = OutlierRule::mean_3_sd;
    s.settings.takt_available_ms = 0;
    s.settings.takt_demand_units = 1e-7;
    s.settings.debounce_ms = 0;
    s.steps = {
        Step{3, "\"Quoted\" step", ValueClass::non_value_added, 300.0, 99.999},
        Step{1, "line\nbreak", ValueClass::necessary_non_value_added, 1e-9, 0.0},
        Step{999'999'999'999, "\xe5\x90\x8d\xe5\x89\x8d", ValueClass::value_added, 123.456789012345678, 33.3},
    };
    Event e1 = make(1, 0, EventKind::step_start);
    e1.step = 3;
    Event e2 = make(5, 10, EventKind::waste_start);
    e2.waste = Waste::non_utilized_talent;
    e2.text = "";
    Event e3 = make(6, 10, EventKind::note);  // same time as the previous event
    e3.text = "";                             // an empty note is kept
    Event e4 = make(7, 20, EventKind::note);
    e4.target = 5;
    e4.text = "\xf0\x9f\x98\x80 \"emoji\"\n\\";
    Event e5 = make(8, 30, EventKind::waste_end);
    e5.target = 5;
    Event e6 = make(9, 40, EventKind::edit_note);
    e6.target = 5;
    e6.text = "";
    Event e7 = make(10, 50, EventKind::lap);
    e7.set_ended_step(3);
    e7.step = 3;  // a lap may restart the step it ends
    e7.new_cycle = true;
    Event e8 = make(11, 60, EventKind::step_end);
    e8.step = 3;
    Event e9 = make(12, 10'000'000'000'000, EventKind::insert_reading);
    e9.step = 999'999'999'999;
    e9.set_cycle(1'000'000);
    e9.set_start_ms(0);
    e9.set_end_ms(10'000'000'000'000);
    Event e10 = make(13, 10'000'000'000'000, EventKind::exclude);
    e10.target = 12;
    e10.text = "r\xc3\xa9sum\xc3\xa9 \"why\"\n";
    s.events = {e1, e2, e3, e4, e5, e6, e7, e8, e9, e10};
    return s;
}

}  // namespace

TEST_CASE("round trip: sessions built in code save, load and compare equal") {
    TempFolder folder;
    std::vector<std::pair<std::string, Session>> sessions;
    sessions.emplace_back("default", Session{});
    sessions.emplace_back("tricky", tricky_session());
    sessions.emplace_back("golden", load_ok(kGolden / "v1" / "complete.json"));
    {
        Session plan;
        plan.title = "Plan only";
        plan.steps = {Step{1, "A", ValueClass::value_added, 100, 0}};
        sessions.emplace_back("plan", plan);
    }

    for (const auto& [label, session] : sessions) {
        CAPTURE(label);
        REQUIRE_FALSE(check_session(session, "x.json").has_value());
        const stdfs::path path = folder.path() / (label + ".json");
        const SaveResult saved = save_session(path, session);
        INFO(saved.error);
        REQUIRE(saved.ok);
        CHECK(saved.error.empty());
        const Session loaded = load_ok(path);
        check_same(loaded, session);
        // Saving again gives the same bytes: the format is stable.
        CHECK(session_to_json(loaded) == read_all(path));
    }
    // Only the saved files: no temporary file is left behind.
    CHECK(folder.entries() == std::vector<std::string>{"default.json", "golden.json", "plan.json", "tricky.json"});
}

TEST_CASE("round trip: the text of a loaded file survives exactly, even with unusual characters") {
    // Strings that JSON escapes in several ways load as the same bytes.
    const Session s = parse_ok(R"({"format_version": 1, "title": "\u00e9\u65e5\ud83c\udfed \/ \b\f\n\r\t \"\\",
        "steps": [{"id": 1, "name": "x", "value_class": "value_added"}]})");
    CHECK(s.title == "\xc3\xa9\xe6\x97\xa5\xf0\x9f\x8f\xad / \b\f\n\r\t \"\\");
    const Session again = parse_ok(session_to_json(s));
    check_same(again, s);
}

// =================================================================================================
// Bad files: each one is refused with one exact message
// =================================================================================================

namespace {

struct BadFile {
    const char* file;   // in tests/golden/bad/
    const char* where;  // FileProblem::where, exactly
    const char* what;   // a part of FileProblem::what
};

// clang-format off
const BadFile kBadFiles[] = {
    // Not JSON, or not a JSON object
    {"empty.json", "", "the file is empty"},
    {"whitespace_only.json", "", "the file is empty"},
    {"truncated_mid_string.json", "line 3, column 21", "not valid JSON: the file ends inside a text string; it may have been cut off"},
    {"truncated_mid_object.json", "line 5, column 29", "not valid JSON: the file ends too early (expected ',' or '}'); it may have been cut off"},
    {"trailing_garbage.json", "line 13, column 1", "not valid JSON: more text after the end of the session"},
    {"two_objects.json", "line 13, column 1", "not valid JSON: more text after the end of the session"},
    {"root_array.json", "", "expected a JSON object ({ ... }) holding a session, found a list"},
    {"root_number.json", "", "expected a JSON object ({ ... }) holding a session, found 42"},
    {"root_string.json", "", "expected a JSON object ({ ... }) holding a session, found the text \"walk\""},
    {"invalid_utf8.json", "line 3, column 16", "not valid JSON: the text is not valid UTF-8"},
    {"lone_surrogate.json", "line 3, column 13", "not valid JSON: a \\u escape is half of a UTF-16 pair"},
    {"nan_literal.json", "line 4, column 21", "not valid JSON: expected a value (text in double quotes, a number, true, false, null, { or [)"},
    {"single_quotes.json", "line 2, column 3", "not valid JSON: expected a field name in double quotes"},
    {"trailing_comma.json", "line 5, column 1", "not valid JSON: expected a field name in double quotes"},
    // The format version
    {"missing_format_version.json", "", "missing field 'format_version'; is this a Gemba session file?"},
    {"format_version_string.json", "/format_version", "expected a whole number, found the text \"1\""},
    {"format_version_float.json", "/format_version", "expected a whole number, found 1.5"},
    {"format_version_newer.json", "/format_version", "format version 6 is newer than this Gemba reads (up to 5); open it with a newer Gemba"},
    {"format_version_zero.json", "/format_version", "format version 0 does not exist"},
    {"format_version_twice.json", "/format_version", "the field appears twice"},
    // The session's fields
    {"missing_title.json", "", "missing field 'title'"},
    {"missing_steps.json", "", "missing field 'steps'"},
    {"title_number.json", "/title", "expected a text string, found 17"},
    {"title_null.json", "/title", "expected a text string, found null"},
    {"steps_object.json", "/steps", "expected a list ([ ... ]), found an object"},
    {"step_not_object.json", "/steps/0", "expected an object ({ ... }), found the text \"Pick\""},
    {"settings_list.json", "/settings", "expected an object ({ ... }), found a list"},
    {"events_not_list.json", "/events", "expected a list ([ ... ]), found 3"},
    {"unknown_field.json", "/colour", "unknown field 'colour'"},
    {"duplicate_field.json", "/title", "the field appears twice"},
    {"bad_started_at.json", "/started_at", "'27/11/2026 08:30' is not a date and time like 2026-11-27T08:30:00Z"},
    {"started_at_bad_date.json", "/started_at", "'2026-02-30T08:30:00Z' is not a date and time like 2026-11-27T08:30:00Z"},
    // Steps and settings
    {"step_id_string.json", "/steps/0/id", "expected a whole number, found the text \"1\""},
    {"step_id_zero.json", "/steps/0/id", "must be at least 1, found 0"},
    {"step_id_huge.json", "/steps/0/id", "must be at most 1000000000000000, found 18446744073709551615"},
    {"step_missing_name.json", "/steps/0", "missing field 'name'"},
    {"empty_step_name.json", "/steps/0/name", "the step's name is empty"},
    {"rating_pct_string.json", "/steps/0/rating_pct", "expected a number, found the text \"110\""},
    {"rating_pct_zero.json", "/steps/0/rating_pct", "must be above 0 and at most 300, found 0"},
    {"allowance_100.json", "/steps/0/allowance_pct", "must be at least 0 and below 100, found 100"},
    {"duplicate_step_id.json", "/steps/1/id", "step id 1 is used twice"},
    {"unknown_value_class.json", "/steps/0/value_class", "unknown value class 'valuable' (expected one of: value_added, necessary_non_value_added, non_value_added)"},
    {"unknown_field_in_step.json", "/steps/0/colour", "unknown field 'colour'"},
    {"confidence_100.json", "/settings/confidence_pct", "must be above 0 and below 100, found 100"},
    {"unknown_timing_mode.json", "/settings/timing_mode", "unknown timing mode 'stopwatch' (expected one of: lap, independent)"},
    {"debounce_negative.json", "/settings/debounce_ms", "must not be negative, found -1"},
    // Events, one by one
    {"event_missing_id.json", "/events/0", "missing field 'id'"},
    {"event_missing_kind.json", "/events/0", "missing field 'kind'"},
    {"event_id_zero.json", "/events/0/id", "must be at least 1, found 0"},
    {"unknown_kind.json", "/events/2/kind", "unknown event kind 'teleport' (expected one of: step_start, step_end, lap, "},
    {"unknown_waste.json", "/events/2/waste", "unknown waste 'laziness' (expected one of: defects, overproduction, "},
    {"t_ms_float.json", "/events/2/t_ms", "expected a whole number, found 1500.5"},
    {"t_ms_huge.json", "/events/2/t_ms", "must be at most 10000000000000, found 1e+30"},
    {"t_ms_too_large.json", "/events/2/t_ms", "must be at most 10000000000000, found 20000000000000"},
    {"t_ms_negative.json", "/events/2/t_ms", "must not be negative, found -5"},
    {"t_ms_string.json", "/events/2/t_ms", "expected a whole number, found the text \"2000\""},
    {"new_cycle_string.json", "/events/2/new_cycle", "expected true or false, found the text \"yes\""},
    {"duplicate_field_in_event.json", "/events/0/step", "the field appears twice"},
    {"missing_kind_field.json", "/events/2", "missing field 'step' of a step_start event"},
    {"missing_reason.json", "/events/2", "missing field 'reason' of an exclude event"},
    {"field_not_of_kind.json", "/events/2/step", "field 'step' does not belong to a pause event"},
    {"text_on_waste_tag.json", "/events/2/text", "field 'text' does not belong to a waste_tag event"},
    {"unknown_field_in_event.json", "/events/2/duration_ms", "unknown field 'duration_ms'"},
    // A key may be empty: it is still a field, named "" in the pointer (a fuzzer finding: the message
    // once looked for the name of the field being read, and there was none).
    {"empty_field_name_in_event.json", "/events/0/", "unknown field ''"},
    // Events against the log's rules
    {"t_ms_decreasing.json", "/events/2", "event 3: time 0.500 s is before the previous event's 1.000 s"},
    {"event_id_not_increasing.json", "/events/2", "event 2: event id 2 is not above the previous id 2"},
    {"unknown_step_in_event.json", "/events/2", "event 3: unknown step id 9"},
    {"step_end_not_running.json", "/events/2", "event 3: step 2 is not running"},
    {"set_end_before_start.json", "/events/2", "event 3: reading 1 would end at 0.000 s, before it starts at 0.400 s"},
    {"insert_reading_end_before_start.json", "/events/2", "event 3: inserted reading ends at 4.000 s, before it starts at 5.000 s"},
    {"set_start_after_edit.json", "/events/2", "event 3: start 3.000 s is after the edit itself (2.000 s)"},
    {"undo_not_latest.json", "/events/3", "event 4: undo of event 1, but the latest action that can be undone is event 3"},
    {"redo_nothing.json", "/events/2", "event 3: redo with nothing to redo"},
    {"note_on_later_event.json", "/events/2", "event 3: note on event 7, which is not an earlier event"},
    {"waste_end_not_timed.json", "/events/3", "event 4: event 3 is not a timed waste"},
    {"walk_while_paused.json", "/events/3", "event 4: the walk is paused"},
    // Format version 2: the value stream.
    {"queue_count_negative.json", "/events/0/count", "must not be negative, found -3"},
    {"queue_count_unknown_queue.json", "/events/0", "event 1: count of queue 7, which the plan does not have"},
    {"wip_limit_zero.json", "/queues/0/wip_limit", "must be at least 1"},
    {"queue_before_unknown_step.json", "/queues/0/before_step", "queue \"Inbox\" feeds step 9, which the plan does not have"},
    {"duplicate_queue_id.json", "/queues/1/id", "queue id 1 is used twice"},
    {"empty_queue_name.json", "/queues/0/name", "the queue's name is empty"},
    {"uptime_zero.json", "/steps/0/uptime_pct", "must be above 0 and at most 100, found 0"},
    {"touched_by_empty.json", "/steps/0/touched_by/1", "is empty; expected a role, team or person"},
    {"queue_count_in_v1.json", "/events/0/kind", "kind 'queue_count' is in format version 2 and later; this file says it is version 1"},
    // What the walk led to (format version 4)
    {"evidence_unknown_event.json", "/improvement/problems/0/evidence/2/event", "the evidence is event 60, which the log does not have"},
    {"why_chain_empty.json", "/improvement/problems/1/whys", "an empty why chain; leave 'whys' out until the first why is asked"},
    {"due_not_a_date.json", "/improvement/actions/0/due", "'15/12/2026' is not a date like 2026-12-15"},
    {"improvement_in_v3.json", "/improvement", "unknown field 'improvement'"},
    // A work sampling study (format version 5)
    {"sampling_min_gap_above_max.json", "/sampling/schedule/min_gap_ms", "the minimum gap 2400000 ms is above the maximum gap 1800000 ms"},
    {"sampling_break_outside_day.json", "/sampling/schedule/days/0/breaks/0", "the break 08:00-09:15 is outside its day 07:00-09:00"},
    {"sampling_key_used_twice.json", "/sampling/categories/2/key", "key 7 is used twice: \"Motion\" has it already"},
    {"observation_unknown_subject.json", "/events/8", "event 9: an observation of subject 3, which the study does not have"},
    {"observation_twice_in_round.json", "/events/4", "event 5: “Nurse Ben” is observed twice in round 2; undo the first observation first"},
    {"sampling_in_v4.json", "/study", "unknown field 'study'"},
};
// clang-format on

}  // namespace

TEST_CASE("bad files: each file of tests/golden/bad is refused with its message") {
    for (const BadFile& bad : kBadFiles) {
        CAPTURE(bad.file);
        const stdfs::path path = kGolden / "bad" / bad.file;
        REQUIRE(stdfs::is_regular_file(path));
        const LoadResult result = load_session(path);
        REQUIRE_FALSE(result.ok());
        REQUIRE(result.problem.has_value());
        const FileProblem& problem = *result.problem;
        INFO(problem.message());
        CHECK(problem.where == bad.where);
        CHECK(contains(problem.what, bad.what));
        check_readable(problem, path.string());
    }
}

TEST_CASE("bad files: the corpus and the table name the same files") {
    std::set<std::string> on_disk, in_table;
    for (const auto& entry : stdfs::directory_iterator(kGolden / "bad")) on_disk.insert(entry.path().filename().string());
    for (const BadFile& bad : kBadFiles) CHECK(in_table.insert(bad.file).second);
    CHECK(on_disk == in_table);
    CHECK(on_disk.size() >= 30);
}

TEST_CASE("bad files: a message reads as one line: file, place, problem") {
    const FileProblem problem = parse_bad(read_all(kGolden / "bad" / "t_ms_float.json"), "walk.json");
    CHECK(problem.message() == "walk.json: /events/2/t_ms: expected a whole number, found 1500.5");
    const FileProblem whole = parse_bad("", "walk.json");
    CHECK(whole.message() == "walk.json: the file is empty");
}

TEST_CASE("bad input made in the test: deep nesting is refused without a crash") {
    for (const std::size_t depth : {33u, 1000u, 1'000'000u}) {
        CAPTURE(depth);
        const std::string json = R"({"format_version": 1, "title": "T", "steps": [], "notes": )" + std::string(depth, '[') +
                                 std::string(depth, ']') + "}";
        const FileProblem problem = parse_bad(json);
        CHECK(problem.where == "line 1, column " + std::to_string(58 + 32));
        CHECK(problem.what == "nested more than 32 levels deep; this is not a session file");
        check_readable(problem, "walk.json");
    }
    // 32 levels are nesting, not an attack: the value is simply of the wrong type.
    const std::string json = R"({"format_version": 1, "title": "T", "steps": [], "notes": )" + std::string(31, '[') +
                             std::string(31, ']') + "}";
    const FileProblem problem = parse_bad(json);
    CHECK(problem.where == "/notes");
    CHECK(problem.what == "expected a text string, found a list");
}

TEST_CASE("bad input made in the test: NUL characters are refused, not silently cut off") {
    const std::string valid = read_all(kGolden / "v1" / "minimal.json");
    SUBCASE("a NUL byte after the session hides nothing") {
        const FileProblem problem = parse_bad(valid + std::string(1, '\0') + "{\"more\": 1}");
        CHECK(problem.where == "line 2, column 1");
        CHECK(problem.what == "not valid JSON: the file contains a NUL byte; it is damaged or not a text file");
        check_readable(problem, "walk.json");
    }
    SUBCASE("a NUL byte inside the text") {
        std::string json = valid;
        json.insert(json.find("Minimal") + 3, 1, '\0');
        const FileProblem problem = parse_bad(json);
        CHECK(problem.where == "line 1, column 36");
        CHECK(problem.what == "not valid JSON: the file contains a NUL byte; it is damaged or not a text file");
    }
    SUBCASE("an escaped NUL (\\u0000) in a text would be cut off when loaded") {
        const FileProblem problem =
            parse_bad(R"({"format_version": 1, "title": "before\u0000after", "steps": []})");
        CHECK(problem.where == "line 1, column 51");
        CHECK(problem.what == "not valid JSON: a text contains the NUL character (\\u0000), which a session cannot hold");
    }
    SUBCASE("an escaped NUL in a field name") {
        const FileProblem problem = parse_bad(R"({"format_version": 1, "ti\u0000tle": "x", "steps": []})");
        CHECK(problem.where == "line 1, column 36");
        CHECK(contains(problem.what, "NUL character"));
    }
}

TEST_CASE("bad input made in the test: more syntax errors name the line and column") {
    struct Case {
        std::string json, where, what;
    };
    const Case cases[] = {
        {"{\n  \"format_version\": 1,\n  \"title\" \"x\"\n}", "line 3, column 11", "not valid JSON: expected ':' after the field name"},
        {"{\n  \"format_version\": 1\n  \"title\": \"x\"\n}", "line 3, column 3", "not valid JSON: expected ',' or '}'"},
        {"{\"format_version\": 1, \"title\": \"x\", \"steps\": [1 2]}", "line 1, column 49",
         "not valid JSON: expected ',' or ']'"},
        {"{\"format_version\": 1, \"title\": \"a\\qb\"}", "line 1, column 34", "not valid JSON: an unknown escape (\\) in a text"},
        {"{\"format_version\": 1, \"title\": \"\\u12G4\"}", "line 1, column 33",
         "not valid JSON: a \\u escape needs four hexadecimal digits"},
        {"{\"format_version\": 1, \"z\": 1e400}", "line 1, column 28", "not valid JSON: a number is too large"},
        {"{\"format_version\": 1, \"z\": 1.}", "line 1, column 30", "not valid JSON: a number has no digits after its decimal point"},
        {"{\"format_version\": 1, \"z\": 1e}", "line 1, column 30", "not valid JSON: a number has no digits in its exponent"},
        {"{\"format_version\": 1, \"title\": \"tab\tinside\"}", "line 1, column 36",
         "not valid JSON: a text contains a tab, line break or other control character; write it as \\t, \\n or \\uXXXX"},
        {"{\"format_version\": 1,", "line 1, column 22",
         "not valid JSON: the file ends too early (expected a field name in double quotes); it may have been cut off"},
        // Columns count characters, not bytes.
        {"{\"title\": \"\xc3\xa9\xc3\xa9\", x}", "line 1, column 17", "not valid JSON: expected a field name in double quotes"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json);
        const FileProblem problem = parse_bad(c.json);
        CHECK(problem.where == c.where);
        CHECK(problem.what == c.what);
        check_readable(problem, "walk.json");
    }
}

TEST_CASE("bad input made in the test: more values of the wrong kind or out of range") {
    const std::string head = R"({"format_version": 1, "title": "T", "steps": [{"id": 1, "name": "A", "value_class": "value_added"}], )";
    struct Case {
        std::string tail, where, what;
    };
    const Case cases[] = {
        {R"("settings": {"z": 0}})", "/settings/z", "must be above 0 and at most 10, found 0"},
        {R"("settings": {"z": true}})", "/settings/z", "expected a number, found true"},
        {R"("settings": {"accuracy_pct": 150}})", "/settings/accuracy_pct", "must be above 0 and at most 100, found 150"},
        {R"("settings": {"takt_available_ms": 1.5}})", "/settings/takt_available_ms", "expected a whole number, found 1.5"},
        {R"("settings": {"takt_demand_units": -1}})", "/settings/takt_demand_units", "must be at least 0 and at most 1000000000000, found -1"},
        {R"("settings": {"debounce_ms": 5001}})", "/settings/debounce_ms", "must be at most 5000, found 5001"},
        {R"("settings": {"z_convention": 1}})", "/settings/z_convention", "expected a text string, found 1"},
        {R"("settings": {"outlier_rule": "tukey"}})", "/settings/outlier_rule", "unknown outlier rule 'tukey' (expected one of: iqr_1_5, mean_3_sd)"},
        {R"("settings": {"allowance_convention": "x"}})", "/settings/allowance_convention", "unknown allowance convention 'x' (expected one of: on_job_time, on_workday)"},
        {R"("settings": {"timing_mode": "lap", "timing_mode": "lap"}})", "/settings/timing_mode", "the field appears twice"},
        {R"("settings": {"colour": 1}})", "/settings/colour", "unknown field 'colour'"},
        {R"("settings": 5})", "/settings", "expected an object ({ ... }), found 5"},
        {R"("events": [[]]})", "/events/0", "expected an object ({ ... }), found a list"},
        {R"("events": [{}]})", "/events/0", "missing field 'id'"},
        {R"("events": [{"id": 1, "t_ms": 5.0, "kind": "pause"}]})", "/events/0/t_ms", "expected a whole number, found 5.0"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": 3}]})", "/events/0/kind", "expected a text string, found 3"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "step_start", "step": {}}]})", "/events/0/step", "expected a whole number, found an object"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "step_start", "step": [1]}]})", "/events/0/step", "expected a whole number, found a list"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "note", "text": null}]})", "/events/0/text", "expected a text string, found null"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "note", "text": "x", "target": -1}]})", "/events/0/target", "must be at least 1, found -1"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "lap", "step": 1}]})", "/events/0", "missing field 'ended_step' of a lap event"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "insert_reading", "step": 1, "cycle": 0, "start_ms": 0, "end_ms": 0}]})", "/events/0/cycle", "must be at least 1, found 0"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "undo", "target": 1, "text": "why"}]})", "/events/0/text", "field 'text' does not belong to an undo event"},
        {R"("events": [{"id": 1, "t_ms": 0, "kind": "note", "text": "a", "text": "b"}]})", "/events/0/text", "the field appears twice"},
        {R"("title": "again"})", "/title", "the field appears twice"},
        {R"("a/b~c": 1})", "/a~1b~0c", "unknown field 'a/b~c'"},
        {R"("steps": []})", "/steps", "the field appears twice"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.tail);
        const FileProblem problem = parse_bad(head + c.tail);
        CHECK(problem.where == c.where);
        CHECK(problem.what == c.what);
        check_readable(problem, "walk.json");
    }
}

TEST_CASE("bad paths: a folder, a missing file and a file over the size limit") {
    TempFolder folder;
    SUBCASE("a folder") {
        const LoadResult result = load_session(folder.path());
        REQUIRE(result.problem.has_value());
        CHECK_FALSE(result.ok());
        CHECK(result.problem->where.empty());
        CHECK(result.problem->what == "is a folder, not a session file");
        check_readable(*result.problem, folder.path().string());
    }
    SUBCASE("a missing file") {
        const stdfs::path path = folder.path() / "no such walk.json";
        const LoadResult result = load_session(path);
        REQUIRE(result.problem.has_value());
        CHECK(result.problem->where.empty());
        CHECK(result.problem->what == "cannot be opened: No such file or directory");
        CHECK(result.problem->message() == path.string() + ": cannot be opened: No such file or directory");
    }
    SUBCASE("a file in a missing folder") {
        const stdfs::path path = folder.path() / "gone" / "walk.json";
        const LoadResult result = load_session(path);
        REQUIRE(result.problem.has_value());
        CHECK(result.problem->what == "cannot be opened: No such file or directory");
    }
    SUBCASE("a file larger than the limit is refused before it is read") {
        const stdfs::path path = folder.path() / "huge.json";
        write_all(path, "{");
        // Sparse: no disk space is used, and the file is never read.
        stdfs::resize_file(path, kMaxSessionFileBytes + 1);
        const LoadResult result = load_session(path);
        REQUIRE(result.problem.has_value());
        CHECK(result.problem->where.empty());
        CHECK(result.problem->what == "is larger than the 512 MiB a session file can be (it has 536870913 bytes)");
        check_readable(*result.problem, path.string());
    }
    SUBCASE("a file that cannot be read") {
        if (::geteuid() == 0) return;  // root reads everything
        const stdfs::path path = folder.path() / "locked.json";
        write_all(path, read_all(kGolden / "v1" / "minimal.json"));
        stdfs::permissions(path, stdfs::perms::none);
        const LoadResult result = load_session(path);
        REQUIRE(result.problem.has_value());
        CHECK(result.problem->what == "cannot be opened: Permission denied");
    }
}

// =================================================================================================
// Saving safely
// =================================================================================================

namespace {

// The real file system, except that the chosen call fails with EIO.
class FailingFileSystem final : public FileSystem {
public:
    enum class Op { none, make_temp, write, fsync, rename, open_directory };
    explicit FailingFileSystem(Op fail) : fail_(fail) {}

    int make_temp(std::string& path_template) override {
        if (trip(Op::make_temp)) return -1;
        return real_.make_temp(path_template);
    }
    ssize_t write(int fd, const void* data, std::size_t size) override {
        // A write that fails after part of the data reached the temporary file.
        if (fail_ == Op::write && ++writes_ > 1) return trip(Op::write), -1;
        return real_.write(fd, data, fail_ == Op::write ? std::min<std::size_t>(size, 10) : size);
    }
    int fsync(int fd) override { return trip(Op::fsync) ? -1 : real_.fsync(fd); }
    int fchmod(int fd, mode_t mode) override { return real_.fchmod(fd, mode); }
    int close(int fd) override { return real_.close(fd); }
    int rename(const char* from, const char* to) override {
        renamed_ = true;
        return trip(Op::rename) ? -1 : real_.rename(from, to);
    }
    int unlink(const char* path) override { return real_.unlink(path); }
    int open_directory(const char* path) override { return real_.open_directory(path); }
    int file_mode(const char* path) override { return real_.file_mode(path); }

    bool renamed() const { return renamed_; }

private:
    bool trip(Op op) {
        if (op != fail_) return false;
        errno = EIO;
        return true;
    }
    Op fail_;
    int writes_ = 0;
    bool renamed_ = false;
    FileSystem& real_ = posix_file_system();
};

Session small_session() {
    Session s;
    s.title = "Walk";
    s.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Place", ValueClass::value_added, 100, 0}};
    Event start = make(1, 0, EventKind::step_start);
    start.step = 1;
    Event end = make(2, 1000, EventKind::step_end);
    end.step = 1;
    s.events = {start, end};
    return s;
}

}  // namespace

TEST_CASE("save: an invalid session is refused with a message and the existing file stays byte-identical") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.json";
    const std::string before = read_all(kGolden / "v1" / "complete.json");
    write_all(path, before);

    struct Case {
        const char* label;
        void (*spoil)(Session&);
        const char* message_part;
    };
    const Case cases[] = {
        {"an event refers to an unknown step", [](Session& s) { s.events[1].step = 9; },
         "/events/1: event 2: unknown step id 9"},
        {"an event id goes back", [](Session& s) { s.events[1].id = 1; },
         "/events/1: event 1: event id 1 is not above the previous id 1"},
        {"a step without a name", [](Session& s) { s.steps[0].name.clear(); }, "/steps/0/name: the step's name is empty"},
        {"a step id used twice", [](Session& s) { s.steps[1].id = 1; }, "/steps/1/id: step id 1 is used twice"},
        {"a step id of 0", [](Session& s) { s.steps[1].id = 0; }, "/steps/1/id: must be at least 1, found 0"},
        {"an allowance of 100 %", [](Session& s) { s.steps[0].allowance_pct = 100; },
         "/steps/0/allowance_pct: must be at least 0 and below 100, found 100"},
        {"a rating that is not a number", [](Session& s) { s.steps[0].rating_pct = std::nan(""); },
         "/steps/0/rating_pct: is not a finite number (nan)"},
        {"an infinite z", [](Session& s) { s.settings.z = std::numeric_limits<double>::infinity(); },
         "/settings/z: is not a finite number (inf)"},
        {"a title that is not UTF-8", [](Session& s) { s.title = "Caf\xe9"; }, "/title: is not valid UTF-8 text"},
        {"a note with a NUL character", [](Session& s) { s.events.push_back(make(3, 2000, EventKind::note)); s.events.back().text = std::string("a\0b", 3); },
         "/events/2/text: contains the NUL character"},
        {"a bad started_at", [](Session& s) { s.started_at = "yesterday"; }, "/started_at: 'yesterday' is not a date and time"},
        {"a negative time", [](Session& s) { s.events[0].t_ms = -1; }, "/events/0/t_ms: must not be negative, found -1"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.label);
        Session s = small_session();
        c.spoil(s);

        const std::optional<FileProblem> checked = check_session(s, "walk.json");
        REQUIRE(checked.has_value());
        INFO(checked->message());
        CHECK(contains(checked->message(), c.message_part));
        check_readable(*checked, "walk.json");

        const SaveResult result = save_session(path, s);
        INFO(result.error);
        CHECK_FALSE(result.ok);
        CHECK(result.error == "not saved, the session is not valid: " + path.string() + ": " +
                                  (checked->where.empty() ? "" : checked->where + ": ") + checked->what);
        CHECK(read_all(path) == before);
        CHECK(folder.entries() == std::vector<std::string>{"walk.json"});
    }
}

TEST_CASE("save: a failing file system leaves the previous file byte-identical") {
    using Op = FailingFileSystem::Op;
    for (const Op op : {Op::make_temp, Op::write, Op::fsync, Op::rename}) {
        CAPTURE(static_cast<int>(op));
        TempFolder folder;
        const stdfs::path path = folder.path() / "walk.json";
        const std::string before = read_all(kGolden / "v1" / "complete.json");
        write_all(path, before);

        FailingFileSystem fs(op);
        const SaveResult result = save_session(path, small_session(), fs);
        INFO(result.error);
        CHECK_FALSE(result.ok);
        CHECK(contains(result.error, path.string()));
        CHECK(contains(result.error, "Input/output error"));
        CHECK(contains(result.error, "The previous file is unchanged."));
        CHECK(read_all(path) == before);
        CHECK(folder.entries() == std::vector<std::string>{"walk.json"});
        // The file still loads as it was.
        check_same(load_ok(path), load_ok(kGolden / "v1" / "complete.json"));
    }
}

TEST_CASE("save: a failing rename when there was no file leaves no file") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "new walk.json";
    FailingFileSystem fs(FailingFileSystem::Op::rename);
    const SaveResult result = save_session(path, small_session(), fs);
    CHECK_FALSE(result.ok);
    CHECK(fs.renamed());
    CHECK(folder.entries().empty());
}

TEST_CASE("save: a valid session replaces the previous file completely") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.json";
    write_all(path, read_all(kGolden / "v1" / "complete.json") + std::string(10000, ' '));
    const Session s = small_session();
    const SaveResult result = save_session(path, s);
    INFO(result.error);
    REQUIRE(result.ok);
    CHECK(read_all(path) == session_to_json(s));
    check_same(load_ok(path), s);
    CHECK(folder.entries() == std::vector<std::string>{"walk.json"});
}

TEST_CASE("save: text in a field that the event's kind does not write does not block saving") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.json";
    Session s = small_session();
    s.events[0].text = std::string("junk\0\xff", 6);  // a step_start writes no text
    const SaveResult result = save_session(path, s);
    INFO(result.error);
    REQUIRE(result.ok);
    const Session loaded = load_ok(path);
    CHECK(loaded.events[0].text.empty());
    CHECK(loaded.events[0].step == 1);
}

TEST_CASE("load: the loaded session comes with its log replayed, the state a replay of it gives") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.json";
    REQUIRE(save_session(path, small_session()).ok);
    const LoadResult loaded = load_session(path);
    REQUIRE(loaded.ok());
    const LogState replayed = LogState::replay(*loaded.session);
    CHECK(loaded.state.last_event() == 2);
    REQUIRE(loaded.state.readings().size() == 1);
    CHECK(loaded.state.readings()[0].id == replayed.readings()[0].id);
    CHECK(loaded.state.readings()[0].end_ms == std::optional<std::int64_t>(1000));
    CHECK(loaded.state.running_readings().empty());
}

TEST_CASE("save with the log's replayed state: replayed again whenever that state might not hold") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "walk.json";
    Session s = small_session();
    const LogState replayed = LogState::replay(s);
    SUBCASE("the state of this log and a plan with its steps: saved, and it loads") {
        REQUIRE(save_session(path, s, replayed).ok);
        check_same(load_ok(path), s);
    }
    SUBCASE("the plan lost a step the log names: the replay finds it and nothing is written") {
        s.steps.erase(s.steps.begin());  // step 1, which both events name
        const SaveResult result = save_session(path, s, replayed);
        CHECK_FALSE(result.ok);
        CHECK(contains(result.error, "/events/0"));
        CHECK(contains(result.error, "unknown step id 1"));
        CHECK_FALSE(stdfs::exists(path));
    }
    SUBCASE("a state of another log (an event more than it saw): the log is replayed, and its new event refused") {
        Event restart = make(3, 500, EventKind::step_end);  // step 1 is no longer running
        restart.step = 1;
        s.events.push_back(restart);
        const SaveResult result = save_session(path, s, replayed);
        CHECK_FALSE(result.ok);
        CHECK(contains(result.error, "/events/2"));
        CHECK_FALSE(stdfs::exists(path));
    }
    SUBCASE("the plan's own rules are checked as ever") {
        s.steps[1].id = 1;
        const SaveResult result = save_session(path, s, replayed);
        CHECK_FALSE(result.ok);
        CHECK(contains(result.error, "is used twice"));
    }
}

TEST_CASE("save: into a folder that does not exist, with a message naming the file") {
    TempFolder folder;
    const stdfs::path path = folder.path() / "missing" / "walk.json";
    const SaveResult result = save_session(path, small_session());
    CHECK_FALSE(result.ok);
    CHECK(contains(result.error, path.string()));
    CHECK(contains(result.error, "does not exist"));
    CHECK_FALSE(stdfs::exists(path));
}

TEST_CASE("messages: texts from the file are quoted on one line, and long ones are cut short") {
    const std::string head = R"({"format_version": 1, "title": "T", "steps": [], )";
    FileProblem problem = parse_bad(head + R"("line\nbreak\u0001": 1})");
    CHECK(problem.where == "/line\nbreak\x01");
    CHECK(problem.what == "unknown field 'line\\nbreak\\u0001'");

    problem = parse_bad(head + R"("settings": {"timing_mode": "0123456789012345678901234567890123456789TOO LONG"}})");
    CHECK(contains(problem.what, "unknown timing mode '0123456789012345678901234567890123456789...' (expected one of"));

    problem = parse_bad(R"({"format_version": 1, "title": ["a"], "steps": []})");
    CHECK(problem.what == "expected a text string, found a list");
    problem = parse_bad(R"({"format_version": 1, "title": "\u00e9\n", "steps": "\t\u65e5"})");
    CHECK(problem.what == "expected a list ([ ... ]), found the text \"\\t\xe6\x97\xa5\"");
    problem = parse_bad(R"({"format_version": 1, "title": "x", "started_at": "2026-11-27\n08:30", "steps": []})");
    CHECK(problem.what == "'2026-11-27\\n08:30' is not a date and time like 2026-11-27T08:30:00Z");
}

TEST_CASE("bad input made in the test: a UTF-16 file is named as such") {
    const std::string ascii = R"({"format_version": 1, "title": "T", "steps": []})";
    std::string le = "\xFF\xFE", be = "\xFE\xFF", bare;
    for (const char c : ascii) {
        le += c, le += '\0';
        be += '\0', be += c;
        bare += c, bare += '\0';
    }
    for (const std::string& json : {le, be, bare}) {
        const FileProblem problem = parse_bad(json);
        CHECK(problem.where.empty());
        CHECK(problem.what == "the file is in UTF-16; a session file must be UTF-8");
    }
}

// Files as Gemba writes them are read by a faster reader (one event a line, in the writer's own
// layout); anything else, or anything wrong, goes the general way. Both must give the same result.
namespace {

const std::string kCanonicalHead = "{\n  \"format_version\": 1,\n  \"title\": \"T\",\n  \"steps\": [{\"id\": 1, \"name\": \"A\", "
                                   "\"value_class\": \"value_added\"}],\n  \"events\": [\n    ";
const std::string kCanonicalTail = "\n  ]\n}\n";

std::string canonical_file(const std::vector<std::string>& event_lines) {
    std::string out = kCanonicalHead;
    for (std::size_t i = 0; i < event_lines.size(); ++i) out += (i ? ",\n    " : "") + event_lines[i];
    return out + kCanonicalTail;
}

}  // namespace

TEST_CASE("canonical layout: the golden file and the same events laid out otherwise load alike") {
    const std::string golden = read_all(kGolden / "v1" / "complete.json");
    // One more space before each event's first member: valid JSON in another layout.
    std::string other = golden;
    std::size_t replaced = 0;
    for (std::size_t at = other.find("\n    {\"id\""); at != std::string::npos; at = other.find("\n    {\"id\"", at + 8)) {
        other.replace(at, 10, "\n    { \"id\"");
        ++replaced;
    }
    REQUIRE(replaced == 28);  // the golden file's events
    const Session fast = parse_ok(golden);
    const Session general = parse_ok(other);
    check_same(fast, general);
    CHECK(fast.events == general.events);
    CHECK(session_to_json(general) == as_written_now(kGolden / "v2" / "complete_from_v1.json"));
}

TEST_CASE("canonical layout: escapes in texts read as the general reader reads them") {
    const Session s = parse_ok(canonical_file({
        R"({"id": 1, "t_ms": 0, "kind": "note", "text": "a \"quote\", a \\ and a\ttab\nnew line \/ \b\f\r"})",
        R"({"id": 2, "t_ms": 5, "kind": "note", "text": "caf\u00e9 \ud83d\ude00"})",
        R"({"id": 3, "t_ms": 9, "kind": "note", "text": "Zoë Ångström 日本"})",
    }));
    REQUIRE(s.events.size() == 3);
    CHECK(s.events[0].text == "a \"quote\", a \\ and a\ttab\nnew line / \b\f\r");
    CHECK(s.events[1].text == "caf\xC3\xA9 \xF0\x9F\x98\x80");  // é and U+1F600, in UTF-8
    CHECK(s.events[2].text == "Zoë Ångström 日本");
}

TEST_CASE("canonical layout: a bad event gets the general reader's message") {
    struct Case {
        std::string line, where, what;
    };
    const Case cases[] = {
        {R"({"id": 1, "t_ms": -5, "kind": "pause"})", "/events/1/t_ms", "must not be negative, found -5"},
        {R"({"id": 1, "t_ms": 10000000000001, "kind": "pause"})", "/events/1/t_ms", "must be at most 10000000000000, found 10000000000001"},
        {R"({"id": 1, "t_ms": 5.5, "kind": "pause"})", "/events/1/t_ms", "expected a whole number, found 5.5"},
        {R"({"id": 1, "t_ms": 1e3, "kind": "pause"})", "/events/1/t_ms", "expected a whole number, found 1000.0"},
        // Beyond 64 bits a number is read as a double: 1e+20.
        {R"({"id": 1, "t_ms": 99999999999999999999, "kind": "pause"})", "/events/1/t_ms", "must be at most 10000000000000, found 1e+20"},
        {R"({"id": 1, "t_ms": 7, "kind": "pause", "kind": "resume"})", "/events/1/kind", "the field appears twice"},
        {R"({"id": 1, "t_ms": 7, "kind": "pause", "colour": 1})", "/events/1/colour", "unknown field 'colour'"},
        {R"({"id": 1, "t_ms": 7, "kind": "lunch"})", "/events/1/kind", "unknown event kind 'lunch' (expected one of: " + spellings_of_event_kind() + ")"},
        {R"({"id": 1, "t_ms": 7, "kind": "step_start"})", "/events/1", "missing field 'step' of a step_start event"},
        {R"({"id": 1, "t_ms": 7, "kind": "pause", "step": 1})", "/events/1/step", "field 'step' does not belong to a pause event"},
        {R"({"id": 1, "t_ms": 7, "kind": "waste_tag", "waste": "boredom"})", "/events/1/waste", "unknown waste 'boredom' (expected one of: " + spellings_of_waste() + ")"},
        {R"({"id": 1, "t_ms": 7, "kind": "step_start", "step": 1, "new_cycle": "yes"})", "/events/1/new_cycle", "expected true or false, found the text \"yes\""},
        {R"({"id": 0, "t_ms": 7, "kind": "pause"})", "/events/1/id", "must be at least 1, found 0"},
        // 19 digits: more than the fast reader takes (found by the fuzzer: it overflowed).
        {R"({"id": 9100000000000001030, "t_ms": 7, "kind": "pause"})", "/events/1/id", "must be at most 1000000000000000, found 9100000000000001030"},
        {R"({"id": 007, "t_ms": 7, "kind": "pause"})", "line 7, column 13", "not valid JSON: expected ',' or '}'"},
        // 17 digits, which the fast reader takes as a number: still above the largest id.
        {R"({"id": 10000000000000000, "t_ms": 7, "kind": "pause"})", "/events/1/id", "must be at most 1000000000000000, found 10000000000000000"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.line);
        // The bad event comes second: after one event the fast reader has already taken.
        const FileProblem problem = parse_bad(canonical_file({R"({"id": 1, "t_ms": 0, "kind": "cycle"})", c.line}));
        CHECK(problem.where == c.where);
        CHECK(problem.what == c.what);
        check_readable(problem, "walk.json");
    }
}

TEST_CASE("canonical layout: a broken list or a log that does not replay is named as ever") {
    SUBCASE("the list is not closed") {
        std::string text = canonical_file({R"({"id": 1, "t_ms": 0, "kind": "cycle"})"});
        text.resize(text.size() - kCanonicalTail.size());
        const FileProblem problem = parse_bad(text);
        CHECK(problem.where == "line 6, column 42");  // after the 41 characters of the last line
        CHECK(problem.what == "not valid JSON: the file ends too early (expected ',' or ']'); it may have been cut off");
    }
    SUBCASE("an event that breaks the log's rules") {
        const FileProblem problem = parse_bad(canonical_file(
            {R"({"id": 1, "t_ms": 0, "kind": "step_start", "step": 1})", R"({"id": 2, "t_ms": 5, "kind": "step_end", "step": 2})"}));
        CHECK(problem.where == "/events/1");
        CHECK(problem.what == "event 2: unknown step id 2");
    }
    SUBCASE("an events member nested in settings is not the session's list") {
        const std::string text = "{\n  \"format_version\": 1,\n  \"title\": \"T\",\n  \"steps\": [],\n  \"settings\": {\n"
                                 "  \"events\": [\n    {\"id\": 1, \"t_ms\": 0, \"kind\": \"cycle\"}\n  ]\n}\n";
        const FileProblem problem = parse_bad(text);
        CHECK(problem.what == "not valid JSON: the file ends too early (expected ',' or '}'); it may have been cut off");
    }
}

TEST_CASE("bad input made in the test: a zero written with a large negative exponent reads as zero") {
    // RapidJSON 1.1.0 alone reads 0e-30 as a garbage number (found by the fuzzer).
    const std::string head = R"({"format_version": 1, "title": "T", "steps": [{"id": 1, "name": "A", "value_class": "value_added", )";
    CHECK(parse_ok(head + R"("allowance_pct": 0e-30}]})").steps[0].allowance_pct == 0.0);
    CHECK(parse_ok(head + R"("allowance_pct": 0.000E-324}]})").steps[0].allowance_pct == 0.0);
    const FileProblem rating = parse_bad(head + R"("rating_pct": -0e-30}]})");
    CHECK(rating.where == "/steps/0/rating_pct");
    CHECK(rating.what == "must be above 0 and at most 300, found -0.0");
    const FileProblem event = parse_bad(head + R"("rating_pct": 100}], "events": [{"id": 1, "t_ms": 0e-99, "kind": "pause"}]})");
    CHECK(event.where == "/events/0/t_ms");
    CHECK(event.what == "expected a whole number, found 0.0");
}

TEST_CASE("a plan of 10,000 steps loads whole, and a problem deep in it names its step as in a short one") {
    // Compact, as a tool other than Gemba might write it; steps past the first few thousand are
    // read in later batches (plan_json.cpp), which must not show.
    const auto plan_text = [](std::size_t steps, std::size_t odd_one, const std::string& odd_member) {
        std::string text = R"({"format_version":1,"title":"Long","steps":[)";
        for (std::size_t i = 1; i <= steps; ++i) {
            if (i > 1) text += ',';
            text += R"({"id":)" + std::to_string(i) + R"(,"name":"Step )" + std::to_string(i) +
                    R"(","value_class":"value_added","rating_pct":)" + std::to_string(90 + i % 21) +
                    (i == odd_one ? "," + odd_member : "") + "}";
        }
        return text + "]}";
    };
    const Session plan = parse_ok(plan_text(10000, 9000, R"("allowance_pct":0e-30)"));
    REQUIRE(plan.steps.size() == 10000);
    for (std::size_t i : {std::size_t{1}, std::size_t{4096}, std::size_t{4097}, std::size_t{8193}, std::size_t{10000}}) {
        CAPTURE(i);
        const Step& step = plan.steps[i - 1];
        CHECK(step.id == static_cast<StepId>(i));
        CHECK(step.name == "Step " + std::to_string(i));
        CHECK(step.rating_pct == static_cast<double>(90 + i % 21));
    }
    CHECK(plan.steps[8999].allowance_pct == 0.0);

    const FileProblem rating = parse_bad(plan_text(10000, 9001, R"("rating_pct":-5)"));
    CHECK(rating.where == "/steps/9000/rating_pct");  // the 9001st step, counted from 0
    CHECK(rating.what == "the field appears twice");
    const FileProblem unknown = parse_bad(plan_text(10000, 5000, R"("colour":"red")"));
    CHECK(unknown.where == "/steps/4999/colour");
    CHECK(unknown.what == "unknown field 'colour'");

    // A step that is not an object: the list is read whole, as it always was.
    std::string with_number = plan_text(5000, 0, "");
    with_number.insert(with_number.size() - 2, ",7");
    const FileProblem number = parse_bad(with_number);
    CHECK(number.where == "/steps/5000");
    CHECK(number.what == "expected an object ({ ... }), found 7");
}
