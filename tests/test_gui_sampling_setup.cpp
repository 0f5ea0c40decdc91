// Setting up a work sampling study in the app, with no window: a new study from Start opens on
// Setup; subjects are added, renamed and removed; a key used twice is refused; the rounds drawn are
// core's for the same request; once an observation is recorded they stay; the plan saves and loads
// back equal; Ctrl+Z on Setup undoes a rename; a template's days move to today.
#include <doctest/doctest.h>
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/sampling_setup_actions.hpp"
#include "app/gui/screens.hpp"
#include "core/log/clock.hpp"
#include "core/sampling/schedule.hpp"
#include "gui_support.hpp"
#include "tests/support.hpp"

using namespace gemba;
using namespace gemba::gui;

namespace {

// Sun 29 Nov 2026 10:00 UTC; the tests run in UTC, so "today" is that date at +00:00.
constexpr std::int64_t kSunday10h = 1'795'946'400'000;

struct SetupFixture {
    gemba::test::TempFolder folder;
    gemba::test::HeadlessImGui imgui;
    ManualClock wall{kSunday10h};
    AppState app;

    SetupFixture() {
        setenv("TZ", "UTC", 1);
        tzset();
        app.wall_clock = AppWallClock(wall);
        app.paths.data_dir = folder / "data";
        app.paths.config_dir = folder / "config";
        app.paths.templates_dir = folder / "no-templates";
        std::filesystem::create_directories(app.paths.data_dir);
    }
    Plan& plan() { return app.doc.plan(); }
    const std::vector<Event>& log() { return app.doc.session().events; }
    std::string shown() { return imgui.shown_text(app); }
};

bool shows(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a new work sampling study from Start opens on Setup, ready to draw") {
    SetupFixture f;
    f.app.screen = Screen::start;
    CHECK(shows(f.shown(), "New work sampling study"));
    start_sampling_study(f.app);
    REQUIRE(f.app.doc.has_walk());
    CHECK(f.app.screen == Screen::setup);
    CHECK(f.plan().study == StudyKind::work_sampling);
    REQUIRE(f.plan().sampling.schedule);
    CHECK(f.plan().sampling.schedule->days[0].date == "2026-11-29");
    CHECK(f.plan().sampling.schedule->utc_offset == "+00:00");
    const std::string text = f.shown();
    for (const char* part : {"Subjects", "Subject 1", "Categories", "Value-adding work", "Reset to the defaults",
                             "Target and standard time", "Schedule", "Sun 29 Nov", "12:00-12:30", "Draw rounds",
                             "No rounds drawn yet", "New seed"})
        CHECK_MESSAGE(shows(text, part), part);
    CHECK_FALSE(shows(text, "Steps"));  // the time study's Setup is not shown
}

TEST_CASE("subjects are added, renamed and removed on Setup, and Ctrl+Z undoes a rename") {
    SetupFixture f;
    start_sampling_study(f.app);
    CHECK(sampling_edit(f.app, add_subject(f.plan(), f.log()), "add a subject", true));
    CHECK(sampling_edit(f.app, add_subject(f.plan(), f.log()), "add a subject", true));
    CHECK(sampling_edit(f.app, rename_subject(f.plan(), f.log(), 1, "Lathe 2"), "name of “Subject 2”", false));
    CHECK(shows(f.shown(), "Lathe 2"));
    CHECK(sampling_edit(f.app, remove_subject(f.plan(), f.log(), 2), "remove “Subject 3”", true));
    REQUIRE(f.plan().sampling.subjects.size() == 2);
    CHECK(f.plan().sampling.subjects[1].name == "Lathe 2");

    // Undo takes back the removal, then the rename; redo does the rename again.
    gemba::test::press(f.app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    f.imgui.frames(f.app, 2);
    CHECK(f.plan().sampling.subjects.size() == 3);
    gemba::test::press(f.app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    f.imgui.frames(f.app, 2);
    CHECK(f.plan().sampling.subjects[1].name == "Subject 2");
    CHECK(shows(f.shown(), "Subject 2"));
    gemba::test::press(f.app, GLFW_KEY_Y, GLFW_MOD_CONTROL);
    f.imgui.frames(f.app, 2);
    CHECK(f.plan().sampling.subjects[1].name == "Lathe 2");
}

TEST_CASE("a key used twice is refused with its place, nothing changed") {
    SetupFixture f;
    start_sampling_study(f.app);
    const SamplingStudy before = f.plan().sampling;
    CHECK_FALSE(sampling_edit(f.app, set_category_key(f.plan(), f.log(), 0, "1"), "key", false));
    CHECK(f.plan().sampling == before);
    REQUIRE(f.app.message);
    CHECK(f.app.message->error);
    CHECK(f.app.message->text == "Not changed: key 1 is “" + before.categories[1].name + "”'s already (category 2); “" +
                                     before.categories[0].name + "” needs another key");
}

TEST_CASE("Draw rounds gives core's rounds for the request, and the plan saves and loads back") {
    SetupFixture f;
    start_sampling_study(f.app);
    SamplingStudy seeded = f.plan().sampling;
    seeded.schedule->seed = 123456789;
    REQUIRE(sampling_edit(f.app, change_study(f.plan(), f.log(), seeded), "seed", true));
    REQUIRE(sampling_edit(f.app, add_subject(f.plan(), f.log()), "add a subject", true));
    REQUIRE(sampling_edit(f.app, draw_rounds(f.plan(), f.log()), "draw the rounds", true));

    // The same request drawn by core: 08:00-16:00 less 30 min = 450 min of work, mean 20 min:
    // N = ⌊(450 + 10) ÷ 20⌋ = 23 rounds.
    sampling::ScheduleRequest request;
    request.days.push_back(sampling::WorkingDay{8 * 3'600'000, 16 * 3'600'000, {sampling::TimeSpan{12 * 3'600'000, 12 * 3'600'000 + 1'800'000}}});
    request.min_gap_ms = 5 * 60'000;
    request.mean_gap_ms = 20 * 60'000;
    request.max_gap_ms = 40 * 60'000;
    request.seed = 123456789;
    const sampling::ScheduleResult direct = sampling::draw_schedule(request);
    REQUIRE(direct.ok());
    REQUIRE(direct.schedule->rounds.size() == 23);
    const std::vector<std::int64_t>& rounds = f.plan().sampling.schedule->rounds;
    REQUIRE(rounds.size() == 23);
    for (std::size_t k = 0; k < rounds.size(); ++k) CHECK(rounds[k] == direct.schedule->rounds[k].at_ms);

    const std::string text = f.shown();
    CHECK(shows(text, "(23 rounds)"));
    // 23 rounds × 2 subjects; ±5 points at 95 % needs ⌈1.96² × 0.25 ÷ 0.05²⌉ = 385.
    CHECK(shows(text, "23 rounds × 2 subjects = 46 observations; the target needs 385 at p = 0.5"));
    const std::int64_t first = direct.schedule->rounds[0].at_ms / 60'000;
    CHECK(shows(text, "Sun 29 Nov: " + time_of_day_text(first)));

    const std::filesystem::path file = f.folder / "study.json";
    REQUIRE(save_as(f.app, file));
    const LoadResult loaded = load_session(file);
    REQUIRE(loaded.ok());
    CHECK(loaded.session->sampling == f.plan().sampling);
    CHECK(loaded.session->study == StudyKind::work_sampling);
}

TEST_CASE("after an observation the schedule is read-only and drawing again is refused") {
    SetupFixture f;
    const std::filesystem::path file = f.folder / "ward.json";
    gemba::test::write_all(file, gemba::test::read_all(std::filesystem::path(GEMBA_SOURCE_DIR) /
                                                       "data/examples/hospital-ward-sampling.json"));
    REQUIRE(open_session(f.app, file));
    f.app.screen = Screen::setup;
    const SamplingStudy before = f.plan().sampling;
    const std::string text = f.shown();
    CHECK(shows(text, "in the log: the rounds drawn are the truth now, and the schedule stays as it is"));
    CHECK_FALSE(shows(text, "Draw rounds"));
    CHECK_FALSE(shows(text, "New seed"));
    CHECK_FALSE(sampling_edit(f.app, draw_rounds(f.plan(), f.log()), "draw the rounds", true));
    REQUIRE(f.app.message);
    CHECK(f.app.message->error);
    CHECK(shows(f.app.message->text, "the rounds drawn are the truth now"));
    CHECK(f.plan().sampling == before);
    // A nurse with observations stays, named with how many.
    const Refusal stays = remove_subject(f.plan(), f.log(), 0);
    REQUIRE(stays);
    CHECK(shows(*stays, "observations: it stays"));
}

TEST_CASE("Start marks a work sampling template as one, and a walk's template not") {
    SetupFixture f;
    f.app.paths.templates_dir = std::filesystem::path(GEMBA_SOURCE_DIR) / "data/templates";
    f.app.screen = Screen::start;
    const std::string text = f.shown();
    CHECK(shows(text, "From template: Machine shop utilisation (work sampling)"));
    CHECK(shows(text, "From template: Assembly line walk"));
    CHECK_FALSE(shows(text, "Assembly line walk (work sampling)"));
}

TEST_CASE("a sampling template starts today onwards with its rounds drawn again") {
    SetupFixture f;
    const LoadResult loaded = load_session(std::filesystem::path(GEMBA_SOURCE_DIR) / "data/templates/machine-shop-sampling.json");
    REQUIRE(loaded.ok());
    start_from_template(f.app, loaded.session->plan());
    REQUIRE(f.app.doc.has_walk());
    CHECK(f.app.screen == Screen::setup);
    const SamplingSchedule& s = *f.plan().sampling.schedule;
    // Its Monday 7 Dec to Friday 11 Dec, seen on Sunday 29 Nov: Monday 30 Nov to Friday 4 Dec.
    CHECK(s.days.front().date == "2026-11-30");
    CHECK(s.days.back().date == "2026-12-04");
    CHECK(s.seed != 424242);
    const sampling::ScheduleResult direct = sampling::draw_schedule(*schedule_request(s));
    REQUIRE(direct.ok());
    CHECK(s.rounds.size() == direct.schedule->rounds.size());
    REQUIRE(f.app.message);
    CHECK(shows(f.app.message->text, "5 days moved to Mon 30 Nov – Fri 4 Dec"));
    const std::string text = f.shown();
    CHECK(shows(text, "Mon 30 Nov:"));
    CHECK(shows(text, "Lathe 1"));
}

TEST_CASE("plan undo never brings back a plan without a subject or the rounds the log names") {
    SetupFixture f;
    start_sampling_study(f.app);
    REQUIRE(sampling_edit(f.app, draw_rounds(f.plan(), f.log()), "draw the rounds", true));
    REQUIRE(sampling_edit(f.app, add_subject(f.plan(), f.log()), "add a subject", true));
    // At round 1's time, subject 2 (just added) is observed at work.
    const SamplingSchedule& schedule = *f.plan().sampling.schedule;
    f.wall.set(*schedule_origin_ms(schedule) + schedule.rounds[0]);
    control(f.app, [](Recorder& r) { return r.observe(2, 1); }, "observe", f.app.clock.now_ms());
    REQUIRE(f.app.doc.session().events.size() == 1);
    f.app.screen = Screen::setup;
    gemba::test::press(f.app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
    f.imgui.frames(f.app, 2);
    CHECK(f.plan().sampling.subjects.size() == 2);
    REQUIRE(f.app.message);
    CHECK(f.app.message->error);
    CHECK(shows(f.app.message->text, "the study has observations of “Subject 2” now, which that plan does not have"));
    const std::filesystem::path file = f.folder / "observed.json";
    REQUIRE(save_as(f.app, file));
    CHECK(load_session(file).ok());
}
