// A work sampling study from the outside: recorded through `gemba-cli walk` (observe, skip, wait),
// checked and summarised as text, JSON and CSV; the example and the template that
// scripts/make-sampling-examples makes. Expected numbers are worked out by hand here.
#include <doctest/doctest.h>

#include <rapidjson/document.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file/session_file.hpp"
#include "core/sampling/schedule.hpp"
#include "tests/cli_run.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;
using namespace gemba;
using gemba::test::read_all;
using gemba::test::shell_quote;
using gemba::test::TempFolder;
using gemba::test::write_all;

namespace {

const fs::path kSource = GEMBA_SOURCE_DIR;

using Run = gemba::test::CliRun;
using gemba::test::gemba_cli;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The golden v5 study without its events: a plan to record on (rounds at 07:12, 07:41, 08:27 ...).
std::string golden_plan() {
    std::string text = read_all(kSource / "tests" / "golden" / "v5" / "sampling.json");
    const std::size_t events = text.find(",\n  \"events\"");
    REQUIRE(events != std::string::npos);
    return text.substr(0, events) + "\n}\n";
}

}  // namespace

TEST_CASE("walk records a sampling study from the input: observe and skip at the current round, wait moves its clock") {
    TempFolder folder;
    write_all(folder / "plan.json", golden_plan());
    const std::string study = (folder / "ward.json").string();
    // Round 1 at 25,920,000 ms (07:12), round 2 at 27,660,000, round 3 at 30,420,000.
    const Run r = gemba_cli({"walk", study, "--plan", (folder / "plan.json").string()},
                            "observe 1 1\n"          // before the first round: refused
                            "wait 25921000\n"
                            "observe 1 1\n"
                            "wait 1000\n"
                            "observe 2 3\n"
                            "observe 2 1\n"          // Ben twice in round 1: refused
                            "observe 2\n"            // not a tap
                            "wait 1828000\n"         // 27,750,000: round 2, 90 s late
                            "observe 1 2\n"
                            "wait 2700000\n"         // 30,450,000: round 3
                            "skip Handover meeting\n"
                            "save\n");
    CHECK(r.code == 5);
    CHECK(contains(r.err, "line 1: no round has come yet"));
    CHECK(contains(r.err, "line 6: “Nurse Ben” is observed twice in round 1; undo the first observation first"));
    CHECK(contains(r.err, "line 7: observe needs a subject id and a category id"));

    const LoadResult loaded = load_session(study);
    REQUIRE(loaded.ok());
    const std::vector<Event>& e = loaded.session->events;
    REQUIRE(e.size() == 4);
    CHECK(e[0].t_ms == 25'921'000);  // the time since the origin, not since the first tap
    CHECK(e[1].t_ms == 25'922'000);
    CHECK(e[2].round() == 2);
    CHECK(e[2].t_ms == 27'750'000);
    CHECK(e[3].kind == EventKind::round_skip);
    CHECK(e[3].round() == 3);
    CHECK(e[3].text == "Handover meeting");
    CHECK(loaded.session->started_at == "2026-11-30T23:00:00Z");  // the origin: t_ms = 0
    CHECK(gemba_cli({"check", study}).code == 0);

    // Reopened, the clock goes on from the last event: 30,450,000 + 600,000 is in round 3, skipped.
    const Run more = gemba_cli({"walk", study}, "wait 1500000\nobserve 1 1\nsave\n");  // 31,950,000: round 4
    CHECK(more.code == 0);
    const LoadResult again = load_session(study);
    REQUIRE(again.ok());
    CHECK(again.session->events.back().round() == 4);
    CHECK(again.session->events.back().t_ms == 31'950'000);

    // The numbers, by hand: n = 4 (Work 2, Waiting 1, Motion 1): Work 0.5, normal 0.5 ± 1.96·√(0.25/4)
    // = 0.5 ± 0.49; Wilson (0.5 + 3.8416/8 ± 1.96·√(0.0625 + 3.8416/64)) ÷ (1 + 3.8416/4)
    // = (0.9802 ± 0.686071) ÷ 1.9604 = [0.150036, 0.849964]. Target ±5 points at p = 0.5:
    // ⌈3.8416 × 0.25 ÷ 0.0025⌉ = 385, 381 more. Rounds: 6, taken 3 (round 2 90 s late), 1 skipped.
    const Run json = gemba_cli({"summary", study, "--json"});
    REQUIRE(json.code == 0);
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc["sampling_summary_format_version"].GetInt() == 1);
    const auto& s = doc["studies"][0];
    CHECK(s["observations"].GetInt() == 4);
    CHECK(s["absent"].GetInt() == 0);
    const auto& work = s["categories"][0];
    CHECK(work["count"].GetInt() == 2);
    CHECK(work["share"].GetDouble() == doctest::Approx(0.5));
    CHECK(work["normal"]["low"].GetDouble() == doctest::Approx(0.01));
    CHECK(work["normal"]["high"].GetDouble() == doctest::Approx(0.99));
    CHECK(work["wilson"]["low"].GetDouble() == doctest::Approx(0.150036).epsilon(1e-5));
    CHECK(work["wilson"]["high"].GetDouble() == doctest::Approx(0.849964).epsilon(1e-5));
    CHECK(s["categories"][4]["share"].IsNull());  // absent
    CHECK(s["target"]["required"].GetInt() == 385);
    CHECK(s["target"]["more"].GetInt() == 381);
    CHECK(s["rounds"]["scheduled"].GetInt() == 6);
    CHECK(s["rounds"]["taken"].GetInt() == 3);
    CHECK(s["rounds"]["taken_late"].GetInt() == 1);
    CHECK(s["rounds"]["max_late_ms"].GetInt() == 90'000);
    CHECK(s["rounds"]["skipped"].GetInt() == 1);
    // Rounds 5 and 6 are missed, open or to come by the day the test runs.
    CHECK(s["rounds"]["missed"].GetInt() + s["rounds"]["open"].GetInt() + s["rounds"]["to_come"].GetInt() == 2);
    // Standard time: 2 nurses × (2 h − 15 min + 1 h) = 330 min; working 0.5; rating 105 %; 12 units:
    // NT = 19,800,000 × 0.5 × 1.05 ÷ 12 = 866,250 ms; ST = × 1.10 = 952,875 ms.
    CHECK(s["total_time_ms"].GetDouble() == 19'800'000.0);
    CHECK(s["normal_time_ms"].GetDouble() == doctest::Approx(866'250.0));
    CHECK(s["standard_time_ms"].GetDouble() == doctest::Approx(952'875.0));

    const Run text = gemba_cli({"summary", study});
    CHECK(text.code == 0);
    CHECK(contains(text.out, "Observations n = 4 (absent left out: 0), z = 1.960"));
    CHECK(contains(text.out, "Value-adding work: 2, share 50.0 %, normal 1.0 % – 99.0 %, Wilson 15.0 % – 85.0 %"));
    CHECK(contains(text.out, "n = 385 observations required, 381 more"));
    CHECK(contains(text.out, "taken (1 late, at most 1:30.0 late), 1 skipped"));

    const Run csv = gemba_cli({"summary", study, "--csv"});
    CHECK(csv.code == 0);
    CHECK(csv.out.rfind("file,subject_id,subject,category_id,category,absent,count,n,share,normal_low,normal_high,"
                        "wilson_low,wilson_high\r\n",
                        0) == 0);
    CHECK(contains(csv.out, ",,,1,Value-adding work,false,2,4,0.5,"));
    CHECK(contains(csv.out, ",2,Nurse Ben,3,Waiting,false,1,1,1.0,"));  // Ben was seen once
}

TEST_CASE("summary takes time studies or sampling studies, not both at once") {
    const Run r = gemba_cli({"summary", (kSource / "data" / "examples" / "assembly-line.json").string(),
                             (kSource / "data" / "examples" / "hospital-ward-sampling.json").string()});
    CHECK(r.code == 2);
    CHECK(contains(r.err, "summary takes time studies or work sampling studies, not both at once"));
}

TEST_CASE("the sampling example and template: valid, and their rounds are what Gemba's own draw gives for the seed") {
    for (const char* file : {"data/examples/hospital-ward-sampling.json", "data/templates/machine-shop-sampling.json"}) {
        CAPTURE(file);
        CHECK(gemba_cli({"check", (kSource / file).string()}).code == 0);
        const LoadResult loaded = load_session(kSource / file);
        REQUIRE(loaded.ok());
        REQUIRE(loaded.session->sampling.schedule.has_value());
        const SamplingSchedule& schedule = *loaded.session->sampling.schedule;
        const auto request = schedule_request(schedule);
        REQUIRE(request.has_value());
        const sampling::ScheduleResult drawn = sampling::draw_schedule(*request);
        REQUIRE(drawn.ok());
        std::vector<std::int64_t> rounds;
        for (const sampling::Round& round : drawn.schedule->rounds) rounds.push_back(round.at_ms);
        CHECK(rounds == schedule.rounds);
    }
    const LoadResult ward = load_session(kSource / "data/examples/hospital-ward-sampling.json");
    CHECK(ward.session->sampling.subjects.size() == 3);
    CHECK(ward.state.skipped_rounds().size() == 1);
    CHECK(LoadResult(load_session(kSource / "data/templates/machine-shop-sampling.json")).session->events.empty());
    const Run summary = gemba_cli({"summary", (kSource / "data/examples/hospital-ward-sampling.json").string()});
    CHECK(summary.code == 0);
    CHECK(contains(summary.out, "Rounds: 46 scheduled, 45 taken"));
}
