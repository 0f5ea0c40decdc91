// Format version 5: a work sampling study in the session file (subjects, categories, target, the
// schedule and its rounds; observation and round_skip events), the golden file of the version, the
// older versions' rule, bad input named with its place; the log, the Recorder and the document
// recording it.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/file/journal.hpp"
#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "core/model/sampling.hpp"
#include "core/sampling/schedule.hpp"
#include "core/study/walk.hpp"
#include "tests/support.hpp"

using namespace gemba;
using namespace gemba::test;
namespace stdfs = std::filesystem;

namespace {

const stdfs::path kGolden = stdfs::path(GEMBA_SOURCE_DIR) / "tests" / "golden";

// A version 5 sampling file: two subjects, three categories (keys 0, 1, 9; the last absent), one
// day 07:00-09:00 with a break 08:00-08:15 at +00:00, rounds at 07:10 and 07:40, and `events`.
// `sampling_extra` goes into the sampling member, `schedule_extra` into the schedule.
std::string v5_with(const std::string& events, const std::string& schedule_extra = "",
                    const std::string& sampling_extra = "", int version = 5) {
    return R"({"format_version": )" + std::to_string(version) + R"(, "title": "T", "steps": [],
      "study": "work_sampling",
      "sampling": {"subjects": [{"id": 1, "name": "Ana"}, {"id": 2, "name": "Ben"}],
                   "categories": [{"id": 1, "name": "Work", "value_class": "value_added", "key": "0"},
                                  {"id": 2, "name": "Motion", "value_class": "non_value_added", "waste": "motion", "key": "1"},
                                  {"id": 3, "name": "Away", "value_class": "non_value_added", "key": "9", "absent": true}])" +
           sampling_extra + R"(,
                   "schedule": {"seed": "7", "days": [{"date": "2026-12-01", "start": "07:00", "end": "09:00",
                                                       "breaks": [{"start": "08:00", "end": "08:15"}]}],
                                "min_gap_ms": 600000, "max_gap_ms": 1800000, "mean_gap_ms": 1200000,
                                "rounds": [25800000, 27600000])" +
           schedule_extra + R"(}},
      "events": [)" + events + "]}";
}

std::string problem_message(const std::string& json) {
    const LoadResult loaded = parse_session(json, "study.json");
    return loaded.ok() ? "(loaded)" : loaded.problem->message();
}

const char* const kObserve1 = R"({"id": 1, "t_ms": 25800500, "kind": "observation", "round": 1, "subject": 1, "category": 1})";

}  // namespace

TEST_CASE("golden v5: a work sampling study loads as written and is written back byte for byte") {
    const stdfs::path path = kGolden / "v5" / "sampling.json";
    const LoadResult loaded = load_session(path);
    REQUIRE_MESSAGE(loaded.ok(), loaded.problem->message());
    const Session& s = *loaded.session;
    CHECK(session_to_json(s) == read_all(path));

    CHECK(s.study == StudyKind::work_sampling);
    CHECK(s.steps.empty());
    const SamplingStudy& st = s.sampling;
    REQUIRE(st.subjects.size() == 2);
    CHECK(st.subjects[1] == SamplingSubject{2, "Nurse Ben"});
    REQUIRE(st.categories.size() == 5);
    CHECK(st.categories[1] == SamplingCategory{2, "Motion", ValueClass::non_value_added, Waste::motion, "7", false});
    CHECK(st.categories[3] ==
          SamplingCategory{4, "Charting", ValueClass::necessary_non_value_added, std::nullopt, "", false});
    CHECK(st.categories[4].absent);
    CHECK(st.category_with_key("9") == &st.categories[4]);
    REQUIRE(st.target.has_value());
    CHECK(*st.target == SamplingTarget{1, SamplingAccuracy::absolute, 5.0});
    CHECK(st.units_produced == 12.0);
    CHECK(st.rating_pct == 105.0);
    CHECK(st.allowance_pct == 10.0);
    REQUIRE(st.schedule.has_value());
    const SamplingSchedule& sc = *st.schedule;
    CHECK(sc.seed == 18446744073709551557ULL);  // beyond 2^53: kept exactly, as a text
    CHECK(sc.utc_offset == "+01:00");
    REQUIRE(sc.days.size() == 2);
    CHECK(sc.days[0].breaks == std::vector<SamplingBreak>{{"08:00", "08:15"}});
    CHECK(sc.days[1].breaks.empty());
    CHECK(sc.rounds == std::vector<std::int64_t>{25'920'000, 27'660'000, 30'420'000, 31'920'000, 112'680'000, 114'420'000});
    CHECK(st.round_ms(2) == 27'660'000);
    CHECK_FALSE(st.round_ms(7).has_value());
    // 2026-12-01 00:00 at +01:00 is 2026-11-30 23:00 UTC: started_at, t_ms = 0.
    CHECK(schedule_origin_utc(sc) == s.started_at);
    CHECK(schedule_origin_ms(sc) == 1'796'079'600'000);  // 20,788 days × 86,400,000 − 3,600,000

    // The log: observation 4 undone, round 3 skipped.
    const LogState& log = loaded.state;
    REQUIRE(log.observations().size() == 6);
    CHECK(log.observations()[2].id == 3);
    CHECK(log.observations()[3].id == 6);  // event 4 was undone
    CHECK(log.observations()[3].category == 4);
    CHECK(log.observed(2, 2));
    CHECK_FALSE(log.observed(3, 1));
    REQUIRE(log.skipped_rounds().size() == 1);
    CHECK(log.skipped_rounds()[0].round == 3);
    CHECK(log.skipped_rounds()[0].reason == "Handover meeting");
    CHECK(log.round_skipped(3));
}

TEST_CASE("golden v5: an older Gemba (one that reads up to version 4) refuses a v5 file as newer") {
    const LoadResult old = parse_session(read_all(kGolden / "v5" / "sampling.json"), "sampling.json", 4);
    REQUIRE_FALSE(old.ok());
    CHECK(old.problem->message() ==
          "sampling.json: /format_version: format version 5 is newer than this Gemba reads (up to 4); open it "
          "with a newer Gemba");
}

TEST_CASE("format versions: a version 4 file holds no study, sampling or sampling events, and a time study writes none") {
    CHECK(problem_message(v5_with("", "", "", 4)) == "study.json: /study: unknown field 'study'");
    CHECK(problem_message(R"({"format_version": 4, "title": "T", "steps": [], "sampling": {}})") ==
          "study.json: /sampling: unknown field 'sampling'");
    CHECK(problem_message(R"({"format_version": 4, "title": "T", "steps": [], "events": [)" + std::string(kObserve1) +
                          "]}") ==
          "study.json: /events/0/kind: kind 'observation' is in format version 5 and later; this file says it is "
          "version 4");
    // Sampling belongs to a sampling study only; observations too.
    CHECK(problem_message(R"({"format_version": 5, "title": "T", "steps": [], "sampling": {}})") ==
          "study.json: /sampling: a time study has no sampling; a work sampling study says \"study\": \"work_sampling\"");
    CHECK(problem_message(R"({"format_version": 5, "title": "T", "steps": [], "events": [)" + std::string(kObserve1) +
                          "]}") == "study.json: /events/0: event 1: an observation in a time study");
    const LoadResult v4 = load_session(kGolden / "v4" / "improvement.json");
    REQUIRE(v4.ok());
    CHECK(v4.session->study == StudyKind::time_study);
    const std::string written = session_to_json(*v4.session);
    CHECK(written.find("\"study\"") == std::string::npos);
    CHECK(written.find("\"sampling\"") == std::string::npos);
    // A sampling study with nothing set yet is written with its empty lists, and reads back the same.
    Session empty;
    empty.title = "New study";
    empty.study = StudyKind::work_sampling;
    const LoadResult again = parse_session(session_to_json(empty), "empty.json");
    REQUIRE_MESSAGE(again.ok(), again.problem->message());
    CHECK(again.session->study == StudyKind::work_sampling);
    CHECK(again.session->sampling == SamplingStudy{});
}

TEST_CASE("bad sampling input: each refused with the place and the problem") {
    CHECK(problem_message(v5_with(kObserve1)) == "(loaded)");
    struct Case {
        std::string json;
        std::string message;
    };
    const Case cases[] = {
        // The schedule
        {v5_with("").replace(v5_with("").find("\"min_gap_ms\": 600000"), 20, "\"min_gap_ms\": 2000000"),
         "study.json: /sampling/schedule/min_gap_ms: the minimum gap 2000000 ms is above the maximum gap 1800000 ms"},
        {v5_with("").replace(v5_with("").find("\"mean_gap_ms\": 1200000"), 22, "\"mean_gap_ms\": 300000"),
         "study.json: /sampling/schedule/mean_gap_ms: the mean gap 300000 ms is outside the minimum and maximum gaps "
         "[600000, 1800000] ms"},
        {v5_with("").replace(v5_with("").find("\"08:15\""), 7, "\"09:15\""),
         "study.json: /sampling/schedule/days/0/breaks/0: the break 08:00-09:15 is outside its day 07:00-09:00"},
        {v5_with("").replace(v5_with("").find("\"08:15\""), 7, "\"07:45\""),
         "study.json: /sampling/schedule/days/0/breaks/0/end: the break ends at 07:45, not after it starts at 08:00"},
        {v5_with("").replace(v5_with("").find("\"end\": \"09:00\""), 14, "\"end\": \"06:00\""),
         "study.json: /sampling/schedule/days/0/end: the day ends at 06:00, not after it starts at 07:00"},
        {v5_with("").replace(v5_with("").find("27600000"), 8, "29000000"),
         "study.json: /sampling/schedule/rounds/1: round 2 at 29000000 ms is outside the working time of the "
         "schedule's days"},
        {v5_with("").replace(v5_with("").find("27600000"), 8, "25800000"),
         "study.json: /sampling/schedule/rounds/1: round 2 at 25800000 ms is not after round 1 at 25800000 ms"},
        {v5_with("").replace(v5_with("").find("\"seed\": \"7\""), 11, "\"seed\": 7"),
         "study.json: /sampling/schedule/seed: expected a text string, found 7"},
        {v5_with("").replace(v5_with("").find("\"seed\": \"7\""), 11, "\"seed\": \"18446744073709551616\""),
         "study.json: /sampling/schedule/seed: '18446744073709551616' is not a seed; a seed is a whole number from 0 "
         "to 18446744073709551615 written as a text (\"42\")"},
        {v5_with("").replace(v5_with("").find("\"07:00\""), 7, "\"7:00\""),
         "study.json: /sampling/schedule/days/0/start: '7:00' is not a time of day like 07:30 (00:00 to 24:00)"},
        {v5_with("", R"(, "utc_offset": "CET")"),
         "study.json: /sampling/schedule/utc_offset: 'CET' is not an offset from UTC like +01:00 or -05:30"},
        {v5_with("").replace(v5_with("").find("\"min_gap_ms\": 600000"), 20, "\"min_gap_ms\": 0"),
         "study.json: /sampling/schedule/min_gap_ms: must be at least 1, found 0"},
        // Subjects and categories
        {v5_with("").replace(v5_with("").find("\"key\": \"1\""), 10, "\"key\": \"0\""),
         "study.json: /sampling/categories/1/key: key 0 is used twice: \"Work\" has it already"},
        {v5_with("").replace(v5_with("").find("\"key\": \"1\""), 10, "\"key\": \"F1\""),
         "study.json: /sampling/categories/1/key: 'F1' is not a key; a key is one of 0-9 or A-Z"},
        {v5_with("").replace(v5_with("").find("{\"id\": 2, \"name\": \"Ben\"}"), 24, "{\"id\": 1, \"name\": \"Ben\"}"),
         "study.json: /sampling/subjects/1/id: subject id 1 is used twice"},
        {v5_with("").replace(v5_with("").find("{\"id\": 2, \"name\": \"Motion\""), 26, "{\"id\": 1, \"name\": \"Motion\""),
         "study.json: /sampling/categories/1/id: category id 1 is used twice"},
        {v5_with("", "", R"(, "target": {"category": 8, "accuracy": "absolute", "accuracy_pct": 5})"),
         "study.json: /sampling/target/category: the target is category 8, which the study does not have"},
        {v5_with("", "", R"(, "target": {"category": 1, "accuracy": "roughly", "accuracy_pct": 5})"),
         "study.json: /sampling/target/accuracy: unknown accuracy 'roughly' (expected one of: absolute, relative)"},
        {v5_with("", "", R"(, "rating_pct": 0)"), "study.json: /sampling/rating_pct: must be above 0 and at most 300, found 0"},
        {v5_with("").replace(v5_with("").find("\"name\": \"Ana\""), 13, "\"name\": \"\""),
         "study.json: /sampling/subjects/0/name: the subject's name is empty"},
        {v5_with("").replace(v5_with("").find(", \"absent\": true"), 16, ", \"absent\": false"),
         "study.json: /sampling/categories/2/absent: is false; leave 'absent' out instead"},
        // The events against the study
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "observation", "round": 1, "subject": 5, "category": 1})"),
         "study.json: /events/0: event 1: an observation of subject 5, which the study does not have"},
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "observation", "round": 1, "subject": 1, "category": 7})"),
         "study.json: /events/0: event 1: an observation in category 7, which the study does not have"},
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "observation", "round": 3, "subject": 1, "category": 1})"),
         "study.json: /events/0: event 1: an observation of round 3, which the schedule does not have"},
        {v5_with(std::string(kObserve1) +
                 R"(, {"id": 2, "t_ms": 25801000, "kind": "observation", "round": 1, "subject": 1, "category": 2})"),
         "study.json: /events/1: event 2: “Ana” is observed twice in round 1; undo the first observation first"},
        {v5_with(std::string(kObserve1) + R"(, {"id": 2, "t_ms": 25801000, "kind": "round_skip", "round": 1, "text": "x"})"),
         "study.json: /events/1: event 2: round 1 has observations; undo them first"},
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "round_skip", "round": 1, "text": "Fire drill"},)"
                 R"({"id": 2, "t_ms": 25801000, "kind": "observation", "round": 1, "subject": 1, "category": 1})"),
         "study.json: /events/1: event 2: round 1 was skipped; undo the skip first"},
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "observation", "round": 0, "subject": 1, "category": 1})"),
         "study.json: /events/0/round: must be at least 1, found 0"},
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "observation", "round": 1, "subject": 1})"),
         "study.json: /events/0: missing field 'category' of an observation event"},
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "round_skip", "round": 1, "subject": 1, "text": "x"})"),
         "study.json: /events/0/subject: field 'subject' does not belong to a round_skip event"},
        {v5_with(R"({"id": 1, "t_ms": 25800500, "kind": "waste_tag", "waste": "motion"})"),
         "study.json: /events/0: event 1: a waste_tag in a work sampling study (it records observations and skipped "
         "rounds)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json);
        CHECK(problem_message(c.json) == c.message);
    }
    // Undo first, then the subject may be observed again in the round.
    CHECK(problem_message(v5_with(std::string(kObserve1) + R"(, {"id": 2, "t_ms": 25801000, "kind": "undo", "target": 1},
        {"id": 3, "t_ms": 25801500, "kind": "observation", "round": 1, "subject": 1, "category": 2})")) == "(loaded)");
}

TEST_CASE("the log: observations and skipped rounds undone and redone as any event") {
    const LoadResult loaded = parse_session(v5_with(std::string(kObserve1) + R"(,
        {"id": 2, "t_ms": 25801000, "kind": "observation", "round": 1, "subject": 2, "category": 3},
        {"id": 3, "t_ms": 27600000, "kind": "round_skip", "round": 2, "text": "Fire drill"})"),
                                            "study.json");
    REQUIRE_MESSAGE(loaded.ok(), loaded.problem->message());
    Session s = *loaded.session;
    ManualClock clock(27'700'000);  // the time since the origin: a sampling study's clock
    Recorder r(s, clock);
    CHECK(r.state().observations().size() == 2);
    REQUIRE(r.undo().recorded);  // the skip
    CHECK(r.state().skipped_rounds().empty());
    CHECK_FALSE(r.state().round_skipped(2));
    clock.advance(1'000);  // undo and redo are debounced controls
    REQUIRE(r.undo().recorded);  // Ben's observation
    CHECK(r.state().observations().size() == 1);
    CHECK_FALSE(r.state().observed(1, 2));
    clock.advance(1'000);
    REQUIRE(r.redo().recorded);
    CHECK(r.state().observed(1, 2));
    CHECK(r.state().observations().back().category == 3);
    clock.advance(1'000);
    REQUIRE(r.redo().recorded);
    CHECK(r.state().round_skipped(2));
    // The replay of the whole log agrees with the state built tap by tap.
    const LogState replayed = LogState::replay(s);
    CHECK(replayed.observations().size() == r.state().observations().size());
    CHECK(replayed.skipped_rounds().size() == 1);
    CHECK_FALSE(check_session(s, "study.json").has_value());
    CHECK_FALSE(check_session(s, r.state(), "study.json").has_value());
    // A plan edit that drops a subject the log names is caught, also with the log's state at hand.
    Session edited = s;
    edited.sampling.subjects.pop_back();
    const auto problem = check_session(edited, r.state(), "study.json");
    REQUIRE(problem.has_value());
    CHECK(problem->message() ==
          "study.json: /events/1: event 2: an observation of subject 2, which the study does not have");
}

TEST_CASE("the Recorder: observe and skip at the current round, on the study's clock, which never goes back") {
    const LoadResult loaded = parse_session(v5_with(""), "study.json");
    REQUIRE(loaded.ok());
    Session s = *loaded.session;
    ManualClock clock(25'000'000);  // 06:56:40: before the first round (07:10)
    Recorder r(s, clock);
    CHECK(r.current_round() == kNoRound);
    CHECK(r.observe(1, 1).message == "no round has come yet");
    CHECK(r.skip_round("x").message == "no round has come yet");
    CHECK(s.events.empty());

    clock.set(25'845'000);  // 45 s after round 1
    CHECK(r.current_round() == 1);
    REQUIRE(r.observe(1, 1).recorded);
    CHECK(s.events.back().t_ms == 25'845'000);  // lateness 45 s = t_ms − the round's time
    CHECK(s.events.back().round() == 1);
    CHECK(r.observe(1, 2).message == "“Ana” is observed twice in round 1; undo the first observation first");
    CHECK(r.observe(9, 1).message == "an observation of subject 9, which the study does not have");
    // Late, but before round 2: still round 1's.
    clock.set(27'000'000);
    REQUIRE(r.observe(2, 3).recorded);
    CHECK(s.events.back().round() == 1);

    // The clock set back (a wall clock corrected): the study's time does not go back.
    clock.set(26'000'000);
    CHECK(r.now_ms() == 27'000'000);
    clock.set(27'600'000);
    CHECK(r.current_round() == 2);
    REQUIRE(r.skip_round("Fire drill").recorded);
    CHECK(s.events.back().kind == EventKind::round_skip);
    CHECK(s.events.back().text == "Fire drill");
    CHECK(r.observe(1, 1).message == "round 2 was skipped; undo the skip first");
    // After the last round, taps still go to it.
    clock.set(32'000'000);
    CHECK(r.current_round() == 2);
    CHECK_FALSE(check_session(s, "study.json").has_value());
}

TEST_CASE("the document: a sampling study's taps on the wall clock since the origin, journaled, none lost to a crash") {
    TempFolder folder;
    const stdfs::path file = folder / "ward.json";
    const LoadResult loaded = parse_session(v5_with(""), "ward.json");
    REQUIRE(loaded.ok());
    // The schedule's origin: 2026-12-01 00:00 at +00:00 = 1,796,083,200,000 ms since the epoch.
    const std::int64_t origin = 1'796'083'200'000;
    ManualClock steady(5'000);  // the walk clock: not what a sampling study is timed on
    ManualClock wall(origin + 25'830'000);  // 30 s after round 1
    auto doc = std::make_unique<WalkDocument>(steady);
    doc->set_wall_clock(wall);
    doc->start(*loaded.session, file);
    const auto observe = [&](SubjectId subject, CategoryId category) {
        return doc->tap(TapKind::control, [=](Recorder& r) { return r.observe(subject, category); }, "Observed");
    };
    REQUIRE(observe(1, 1).done);
    CHECK(doc->session().started_at == "2026-12-01T00:00:00Z");  // t_ms = 0 is the origin
    CHECK(doc->session().events.back().t_ms == 25'830'000);
    wall.advance(2'000);
    steady.advance(999'999);  // the steady clock does not matter
    REQUIRE(observe(2, 2).done);
    CHECK(doc->session().events.back().t_ms == 25'832'000);
    wall.set(origin + 27'660'000);
    REQUIRE(doc->tap(TapKind::control, [](Recorder& r) { return r.skip_round("Ward round"); }, "Skipped").done);
    REQUIRE(doc->tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "Undone").done);
    REQUIRE(observe(1, 3).done);
    CHECK(doc->session().events.back().round() == 2);
    CHECK(doc->session().events.back().t_ms == 27'660'000);

    // A crash: the document is gone without a save. The journal holds every tap.
    const std::vector<Event> before_crash = doc->session().events;
    REQUIRE(before_crash.size() == 5);
    doc.reset();
    doc = std::make_unique<WalkDocument>(steady);
    doc->set_wall_clock(wall);
    const OpenOutcome reopened = doc->open(file);
    CHECK(reopened.needs_recovery);
    REQUIRE(doc->pending_recovery());
    CHECK(doc->pending_recovery()->recovered_events == 5);
    REQUIRE(doc->accept_recovery().done);
    CHECK(doc->session().events == before_crash);
    CHECK(doc->session().sampling == loaded.session->sampling);
    CHECK(doc->state().observations().size() == 3);
    // Reopened, the clock is not rebased: the next tap is at the wall clock's time since the origin.
    wall.set(origin + 27'700'000);
    REQUIRE(observe(2, 1).done);
    CHECK(doc->session().events.back().t_ms == 27'700'000);
    REQUIRE(doc->save().done);
    const LoadResult saved = load_session(file);
    REQUIRE(saved.ok());
    CHECK(saved.session->events.size() == 6);
}

TEST_CASE("the model: default categories, times of day, offsets and the schedule's request") {
    const std::vector<SamplingCategory> defaults = default_sampling_categories();
    REQUIRE(defaults.size() == 10);
    CHECK(defaults[0] == SamplingCategory{1, "Value-adding work", ValueClass::value_added, std::nullopt, "0", false});
    CHECK(defaults[1].waste == Waste::defects);
    CHECK(defaults[1].key == "1");
    CHECK(defaults[8].waste == Waste::extra_processing);
    CHECK(defaults[8].key == "8");
    CHECK(defaults[9].absent);
    CHECK(defaults[9].key == "9");
    CHECK(minutes_of_day("07:30") == 450);
    CHECK(minutes_of_day("24:00") == 1440);
    CHECK_FALSE(minutes_of_day("24:01").has_value());
    CHECK_FALSE(minutes_of_day("7:30").has_value());
    CHECK(utc_offset_minutes("-05:30") == -330);
    CHECK_FALSE(utc_offset_minutes("+15:00").has_value());
    CHECK(days_since_epoch("1970-01-02") == 1);

    SamplingSchedule schedule;
    schedule.utc_offset = "-05:00";
    schedule.days = {{"2026-12-31", "22:00", "24:00", {}}, {"2027-01-01", "07:00", "08:00", {{"07:20", "07:30"}}}};
    schedule.min_gap_ms = 60'000;
    schedule.max_gap_ms = 3'600'000;
    schedule.mean_gap_ms = 600'000;
    schedule.seed = 42;
    const auto request = schedule_request(schedule);
    REQUIRE(request.has_value());
    REQUIRE(request->days.size() == 2);
    CHECK(request->days[0].start_ms == 22 * 3'600'000);
    CHECK(request->days[0].end_ms == 24 * 3'600'000);
    CHECK(request->days[1].start_ms == 86'400'000 + 7 * 3'600'000);
    CHECK(request->days[1].breaks[0].start_ms == 86'400'000 + 7 * 3'600'000 + 20 * 60'000);
    // 2026-12-31 00:00 at −05:00 is 05:00 UTC.
    CHECK(schedule_origin_utc(schedule) == "2026-12-31T05:00:00Z");
    // The rounds drawn from it lie in working time and pass the file's checks.
    const sampling::ScheduleResult drawn = sampling::draw_schedule(*request);
    REQUIRE(drawn.ok());
    Session s;
    s.title = "T";
    s.study = StudyKind::work_sampling;
    s.sampling.schedule = schedule;
    for (const sampling::Round& round : drawn.schedule->rounds) s.sampling.schedule->rounds.push_back(round.at_ms);
    CHECK(s.sampling.schedule->rounds.size() == 17);  // 120 min ÷ 10 + 50 min ÷ 10 rounded half up
    CHECK_FALSE(check_session(s, "drawn.json").has_value());
}
