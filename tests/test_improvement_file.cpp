// Format version 4: what a walk led to (problems, 5 Whys, ideas, actions) in the session file, the
// golden file of the version, the older versions' rule, and bad input named with its place.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/file/journal.hpp"
#include "core/file/session_file.hpp"
#include "core/model/improvement.hpp"
#include "tests/support.hpp"

using namespace gemba;
using namespace gemba::test;
namespace stdfs = std::filesystem;

namespace {

const stdfs::path kGolden = stdfs::path(GEMBA_SOURCE_DIR) / "tests" / "golden";

// A version 4 file of two steps and a tag (event 2) and a note (event 3), with `improvement` as
// its improvement member.
std::string v4_with(const std::string& improvement, int version = 4) {
    return R"({"format_version": )" + std::to_string(version) + R"(, "title": "T",
      "steps": [{"id": 1, "name": "Pick", "value_class": "value_added"},
                {"id": 2, "name": "Fasten", "value_class": "value_added"}],
      "queues": [],
      "improvement": )" + improvement + R"(,
      "events": [{"id": 1, "t_ms": 0, "kind": "step_start", "step": 1},
                 {"id": 2, "t_ms": 1000, "kind": "waste_tag", "waste": "motion", "step": 1},
                 {"id": 3, "t_ms": 2000, "kind": "note", "text": "screws ran out"},
                 {"id": 4, "t_ms": 3000, "kind": "step_end", "step": 1}]})";
}

std::string problem_message(const std::string& json) {
    const LoadResult loaded = parse_session(json, "walk.json");
    return loaded.ok() ? "(loaded)" : loaded.problem->message();
}

}  // namespace

TEST_CASE("golden v4: problems, whys, ideas and actions load as written and are written back byte for byte") {
    const stdfs::path path = kGolden / "v4" / "improvement.json";
    const LoadResult loaded = load_session(path);
    REQUIRE_MESSAGE(loaded.ok(), loaded.problem->message());
    const Session& s = *loaded.session;
    CHECK(session_to_json(s) == test::with_newest_format_version(read_all(path), 4, kFormatVersion));

    const Improvement& im = s.improvement;
    CHECK(im.doing_limit == 2);
    REQUIRE(im.problems.size() == 2);
    const RaisedProblem& rack = im.problems[0];
    CHECK(rack.title == "Walking to the parts rack during Fasten");
    REQUIRE(rack.evidence.size() == 4);
    CHECK(rack.evidence[0] == Evidence{EvidenceKind::waste, 0, 2, Waste::motion});
    CHECK(rack.evidence[1] == Evidence{EvidenceKind::event, 3, 0, Waste{}});
    CHECK(rack.evidence[2] == Evidence{EvidenceKind::event, 6, 0, Waste{}});
    CHECK(rack.evidence[3] == Evidence{EvidenceKind::step, 0, 1, Waste{}});
    REQUIRE(rack.whys.size() == 3);
    CHECK(rack.whys[0].why == "Why does the operator leave the bench?");
    CHECK(rack.whys[1].why.empty());
    CHECK(rack.whys[1].because == "The bin holds less than a shift");
    REQUIRE(rack.root_cause() != nullptr);
    CHECK(rack.root_cause()->because == "Nobody owns refilling the bins");
    REQUIRE(rack.ideas.size() == 2);
    CHECK(rack.ideas[0].proposed_by == "Ana");
    CHECK(rack.ideas[1].proposed_by.empty());
    CHECK(im.problems[1].root_cause() == nullptr);
    CHECK(im.problems[1].evidence.empty());
    CHECK(im.problems[1].ideas.empty());

    REQUIRE(im.actions.size() == 4);
    CHECK(im.actions[0].status == ActionStatus::doing);
    CHECK(im.actions[0].owner == "Ben");
    CHECK(im.actions[0].due == "2026-12-15");
    REQUIRE(im.actions[0].expected.has_value());
    CHECK(*im.actions[0].expected == ExpectedEffect{Metric::step_mean, 2, Waste{}, Direction::decrease});
    CHECK(*im.actions[1].expected == ExpectedEffect{Metric::waste_rate, 2, Waste::motion, Direction::decrease});
    CHECK(im.actions[2].idea == 0);
    CHECK(im.actions[2].expected->metric == Metric::lead_time);
    CHECK(im.actions[3].status == ActionStatus::dropped);
    CHECK_FALSE(im.actions[3].expected.has_value());
    // Overdue on 2026-11-29: action 3's date has passed but it is done; action 1's has not come.
    CHECK_FALSE(overdue(im.actions[2], "2026-11-29"));
    CHECK_FALSE(overdue(im.actions[0], "2026-11-29"));
    CHECK(overdue(im.actions[0], "2026-12-16"));
    CHECK_FALSE(overdue(im.actions[0], "2026-12-15"));  // due today is not late yet
}

TEST_CASE("golden v4: an older Gemba (one that reads up to version 3) refuses a v4 file as newer") {
    const LoadResult old = parse_session(read_all(kGolden / "v4" / "improvement.json"), "improvement.json", 3);
    REQUIRE_FALSE(old.ok());
    CHECK(old.problem->message() ==
          "improvement.json: /format_version: format version 4 is newer than this Gemba reads (up to 3); open it "
          "with a newer Gemba");
}

TEST_CASE("format versions: a version 3 file cannot hold an improvement, and a v3 file is written without one") {
    CHECK(problem_message(v4_with(R"({"problems": []})", 3)) == "walk.json: /improvement: unknown field 'improvement'");
    const LoadResult v3 = load_session(kGolden / "v3" / "helpers.json");
    REQUIRE(v3.ok());
    CHECK(v3.session->improvement.empty());
    CHECK(session_to_json(*v3.session).find("\"improvement\"") == std::string::npos);
}

TEST_CASE("bad improvement input: each refused with the place and the problem") {
    const auto problem = [](const std::string& body) { return R"({"problems": [)" + body + "]}"; };
    const std::string rack = R"({"id": 1, "title": "Rack")";
    struct Case {
        std::string improvement;
        std::string message;
    };
    const Case cases[] = {
        {problem(rack + R"(, "evidence": [{"event": 9}]})"),
         "/improvement/problems/0/evidence/0/event: the evidence is event 9, which the log does not have"},
        {problem(rack + R"(, "evidence": [{"event": 4}]})"),
         "/improvement/problems/0/evidence/0/event: the evidence is event 4, a step_end event; evidence is a waste "
         "tag, a note, a reading or a queue count"},
        {problem(rack + R"(, "evidence": [{"step": 7}]})"),
         "/improvement/problems/0/evidence/0/step: the evidence is step 7, which the plan does not have"},
        {problem(rack + R"(, "evidence": [{"waste": "motion", "step": 7}]})"),
         "/improvement/problems/0/evidence/0/step: the evidence is step 7, which the plan does not have"},
        {problem(rack + R"(, "evidence": [{"waste": "walking"}]})"),
         "/improvement/problems/0/evidence/0/waste: unknown waste 'walking' (expected one of: defects, overproduction, "
         "waiting, non_utilized_talent, transportation, inventory, motion, extra_processing)"},
        {problem(rack + R"(, "evidence": [{}]})"),
         "/improvement/problems/0/evidence/0: names nothing; expected \"event\", \"step\" or \"waste\""},
        {problem(rack + R"(, "evidence": [{"event": 2, "step": 1}]})"),
         "/improvement/problems/0/evidence/0: names an event and a step or waste; a piece of evidence is one of "
         "{\"event\": id}, {\"step\": id}, {\"waste\": name} or {\"waste\": name, \"step\": id}"},
        {problem(rack + R"(, "whys": []})"),
         "/improvement/problems/0/whys: an empty why chain; leave 'whys' out until the first why is asked"},
        {problem(rack + R"(, "whys": [{"because": "a", "root_cause": true}, {"because": "b", "root_cause": true}]})"),
         "/improvement/problems/0/whys/1/root_cause: a second root cause in one why chain; mark one level as the "
         "root cause"},
        {problem(rack + R"(, "whys": [{"why": "Why?"}]})"), "/improvement/problems/0/whys/0: missing field 'because'"},
        {problem(rack + "}, " + rack + "}"), "/improvement/problems/1/id: problem id 1 is used twice"},
        {problem(rack + R"(, "ideas": [{"id": 1, "text": "a"}]}, {"id": 2, "title": "B", "ideas": [{"id": 1, "text": "b"}]})"),
         "/improvement/problems/1/ideas/0/id: idea id 1 is used twice"},
        {R"({"problems": [], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo"}]})",
         "/improvement/actions/0/problem: answers problem 1, which the improvement does not have"},
        {R"({"problems": [)" + rack + R"(, "ideas": [{"id": 5, "text": "a"}]}, {"id": 2, "title": "B"}],
            "actions": [{"id": 1, "problem": 2, "idea": 5, "title": "A", "status": "todo"}]})",
         "/improvement/actions/0/idea: comes from idea 5 of problem 1, but answers problem 2"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "idea": 5, "title": "A", "status": "todo"}]})",
         "/improvement/actions/0/idea: comes from idea 5, which no problem has"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo", "due": "2027-02-29"}]})",
         "/improvement/actions/0/due: '2027-02-29' is not a date like 2026-12-15 (year-month-day, a day that exists)"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo", "due": "next week"}]})",
         "/improvement/actions/0/due: 'next week' is not a date like 2026-12-15 (year-month-day, a day that exists)"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "started"}]})",
         "/improvement/actions/0/status: unknown status 'started' (expected one of: todo, doing, done, dropped)"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A"}]})",
         "/improvement/actions/0: missing field 'status'"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo",
            "expected": {"metric": "step_mean", "direction": "decrease"}}]})",
         "/improvement/actions/0/expected: missing field 'step' (step_mean is a step's number)"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo",
            "expected": {"metric": "lead_time", "step": 1, "direction": "decrease"}}]})",
         "/improvement/actions/0/expected/step: lead_time is the walk's number, not a step's; leave 'step' out"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo",
            "expected": {"metric": "waste_rate", "direction": "decrease"}}]})",
         "/improvement/actions/0/expected: missing field 'waste' (waste_rate counts one waste)"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo",
            "expected": {"metric": "wait_before", "step": 9, "direction": "decrease"}}]})",
         "/improvement/actions/0/expected/step: the expected effect is on step 9, which the plan does not have"},
        {R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A", "status": "todo",
            "expected": {"metric": "faster", "direction": "decrease"}}]})",
         "/improvement/actions/0/expected/metric: unknown metric 'faster' (expected one of: step_mean, wait_before, "
         "waste_rate, lead_time, flow_efficiency, cycle_time, takt_gap)"},
        {R"({"doing_limit": 0})", "/improvement/doing_limit: must be at least 1, found 0"},
        {R"({"owner": "Ben"})", "/improvement/owner: unknown field 'owner'"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.improvement);
        CHECK(problem_message(v4_with(c.improvement)) == "walk.json: " + c.message);
    }
    // The well-formed neighbours load: a note and a tag as evidence, a waste anywhere, a leap day.
    CHECK(problem_message(v4_with(problem(rack + R"(, "evidence": [{"event": 2}, {"event": 3}, {"waste": "motion"}]})"))) ==
          "(loaded)");
    CHECK(problem_message(v4_with(R"({"problems": [)" + rack + R"(}], "actions": [{"id": 1, "problem": 1, "title": "A",
        "status": "todo", "due": "2028-02-29"}]})")) == "(loaded)");
}

TEST_CASE("a plan read alone (a journal's plan record) keeps its evidence links, the whole file checks them") {
    Session s;
    s.title = "T";
    s.steps = {{1, "Pick", ValueClass::value_added}};
    s.improvement.problems.push_back({1, "Rack", {{EvidenceKind::event, 42, 0, Waste{}}}});
    CHECK(parse_plan(plan_to_json(s), "plan").ok());
    const LoadResult whole = parse_session(plan_to_json(s), "walk.json");
    REQUIRE_FALSE(whole.ok());
    CHECK(whole.problem->message() ==
          "walk.json: /improvement/problems/0/evidence/0/event: the evidence is event 42, which the log does not have");
    // Saving such a session is refused and names the place.
    TempFolder folder;
    const SaveResult saved = save_session(folder.path() / "walk.json", s);
    CHECK_FALSE(saved.ok);
    CHECK(saved.error.find("/improvement/problems/0/evidence/0/event") != std::string::npos);
    CHECK_FALSE(stdfs::exists(folder.path() / "walk.json"));
}


TEST_CASE("a log out of order is named as such, not as evidence the log lacks") {
    // Event 3 before event 2: the evidence {"event": 2} is in the file, the order is what is wrong.
    const std::string json = R"({"format_version": 4, "title": "T",
      "steps": [{"id": 1, "name": "Pick", "value_class": "value_added"}],
      "improvement": {"problems": [{"id": 1, "title": "Rack", "evidence": [{"event": 2}]}]},
      "events": [{"id": 1, "t_ms": 0, "kind": "step_start", "step": 1},
                 {"id": 3, "t_ms": 1000, "kind": "note", "text": "b"},
                 {"id": 2, "t_ms": 2000, "kind": "waste_tag", "step": 1, "waste": "motion"}]})";
    const LoadResult loaded = parse_session(json, "walk.json");
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.problem->where == "/events/2");
}
