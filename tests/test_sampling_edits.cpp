// Setting up a work sampling study (core/study/sampling_edits.hpp): a new study, a template moved to
// today, the edits and their refusals, drawing the rounds, and what the rounds give.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/file/session_file.hpp"
#include "core/sampling/schedule.hpp"
#include "core/study/sampling_edits.hpp"

using namespace gemba;

namespace {

const LocalDay kToday{"2026-11-30", "+01:00"};  // a Monday
constexpr std::int64_t kMinute = 60'000;

Event parsed_event(const std::string& json) {
    std::string problem;
    const std::optional<Event> event = parse_event_json(R"({"event": )" + json + "}", problem);
    REQUIRE_MESSAGE(event, problem);
    return *event;
}

Event observation(std::int64_t id, std::int64_t round, SubjectId subject, CategoryId category) {
    return parsed_event(R"({"id": )" + std::to_string(id) + R"(, "t_ms": 30000000, "kind": "observation", "round": )" +
                        std::to_string(round) + R"(, "subject": )" + std::to_string(subject) + R"(, "category": )" +
                        std::to_string(category) + "}");
}

// The plan as a file holds it, loaded back.
Plan round_trip(const Plan& plan) {
    const LoadResult loaded = parse_plan(plan_to_json(plan), "plan");
    REQUIRE_MESSAGE(loaded.ok(), (loaded.problem ? loaded.problem->message() : ""));
    return loaded.session->plan();
}

}  // namespace

TEST_CASE("dates: weekdays, labels, the next days and offsets") {
    CHECK(weekday_of("2026-11-30") == 0);  // a Monday
    CHECK(weekday_of("2026-12-06") == 6);
    CHECK(weekday_of("1970-01-01") == 3);  // a Thursday
    CHECK(day_label("2026-11-30") == "Mon 30 Nov");
    CHECK(day_label("2027-01-01") == "Fri 1 Jan");
    CHECK(date_plus_days("2026-12-31", 1) == "2027-01-01");
    CHECK(date_plus_days("2028-03-01", -1) == "2028-02-29");
    CHECK(time_of_day_text(450) == "07:30");
    CHECK(utc_offset_text(60) == "+01:00");
    CHECK(utc_offset_text(-330) == "-05:30");
    CHECK(utc_offset_text(0) == "+00:00");
}

TEST_CASE("a new study: default categories, one subject, a target and a schedule ready to draw") {
    const Plan plan = new_sampling_plan(kToday, 42);
    CHECK(plan.study == StudyKind::work_sampling);
    CHECK(plan.sampling.categories == default_sampling_categories());
    REQUIRE(plan.sampling.subjects.size() == 1);
    CHECK(plan.sampling.subjects[0].name == "Subject 1");
    REQUIRE(plan.sampling.target);
    CHECK(plan.sampling.target->category == 1);  // value-adding work, the first not absent
    CHECK(plan.sampling.target->accuracy == SamplingAccuracy::absolute);
    CHECK(plan.sampling.target->accuracy_pct == 5.0);
    REQUIRE(plan.sampling.schedule);
    const SamplingSchedule& s = *plan.sampling.schedule;
    CHECK(s.seed == 42);
    CHECK(s.utc_offset == "+01:00");
    REQUIRE(s.days.size() == 1);
    CHECK(s.days[0] == SamplingDay{"2026-11-30", "08:00", "16:00", {SamplingBreak{"12:00", "12:30"}}});
    CHECK(s.min_gap_ms == 5 * kMinute);
    CHECK(s.mean_gap_ms == 20 * kMinute);
    CHECK(s.max_gap_ms == 40 * kMinute);
    CHECK(s.late_after_ms == kMinute);
    CHECK(s.grace_ms == 15 * kMinute);
    CHECK(s.rounds.empty());
    CHECK(round_trip(plan).sampling == plan.sampling);
}

TEST_CASE("drawing the rounds: as draw_schedule draws them, N per day by the rule") {
    Plan plan = new_sampling_plan(kToday, 20261130);
    const std::vector<Event> log;
    REQUIRE_FALSE(add_next_working_day(plan, log, kToday.date));  // Tue 1 Dec, same hours
    REQUIRE_FALSE(draw_rounds(plan, log));
    const sampling::ScheduleResult direct = sampling::draw_schedule(*schedule_request(*plan.sampling.schedule));
    REQUIRE(direct.ok());
    std::vector<std::int64_t> expected;
    for (const sampling::Round& r : direct.schedule->rounds) expected.push_back(r.at_ms);
    CHECK(plan.sampling.schedule->rounds == expected);
    // W = 8 h − 30 min = 450 min, mean 20: N = ⌊(450 + 10) ÷ 20⌋ = 23 a day.
    const std::vector<DayRounds> days = rounds_by_day(*plan.sampling.schedule);
    REQUIRE(days.size() == 2);
    CHECK(days[0].date == "2026-11-30");
    CHECK(days[1].date == "2026-12-01");
    CHECK(days[0].minutes.size() == 23);
    CHECK(days[1].minutes.size() == 23);
    for (const DayRounds& day : days)
        for (std::int64_t m : day.minutes) {
            CHECK(m >= 8 * 60);
            CHECK(m < 16 * 60);
            CHECK_FALSE((m >= 12 * 60 && m < 12 * 60 + 30));
        }
    CHECK(day_rounds_text(days[0]).starts_with("Mon 30 Nov: " + time_of_day_text(days[0].minutes[0]) + " "));
    CHECK(day_rounds_text(days[0]).ends_with(" (23 rounds)"));
    // 46 rounds × 1 subject; the target ±5 points at 95 % (z = 1.96 by the table) needs
    // ⌈1.96² · 0.25 ÷ 0.05²⌉ = ⌈384.16⌉ = 385.
    CHECK(rounds_against_target(plan) ==
          "46 rounds × 1 subject = 46 observations; the target needs 385 at p = 0.5: widen the days or shorten the mean gap");
    CHECK(round_trip(plan).sampling == plan.sampling);
}

TEST_CASE("the request changed: the rounds drawn for the old one go") {
    Plan plan = new_sampling_plan(kToday, 7);
    const std::vector<Event> log;
    REQUIRE_FALSE(draw_rounds(plan, log));
    REQUIRE_FALSE(plan.sampling.schedule->rounds.empty());
    SamplingStudy changed = plan.sampling;
    changed.schedule->mean_gap_ms = 30 * kMinute;
    REQUIRE_FALSE(change_study(plan, log, changed));
    CHECK(plan.sampling.schedule->rounds.empty());
    CHECK(plan.sampling.schedule->mean_gap_ms == 30 * kMinute);
    // A subject's name is not the request: the rounds stay.
    REQUIRE_FALSE(draw_rounds(plan, log));
    const std::vector<std::int64_t> rounds = plan.sampling.schedule->rounds;
    REQUIRE_FALSE(rename_subject(plan, log, 0, "Lathe"));
    CHECK(plan.sampling.schedule->rounds == rounds);
}

TEST_CASE("schedule problems are refused in words with their place, nothing changed") {
    Plan plan = new_sampling_plan(kToday, 7);
    const std::vector<Event> log;
    const SamplingStudy before = plan.sampling;
    SUBCASE("the shortest gap above the longest") {
        SamplingStudy changed = plan.sampling;
        changed.schedule->min_gap_ms = 50 * kMinute;
        const Refusal refused = change_study(plan, log, changed);
        REQUIRE(refused);
        CHECK(*refused == "the shortest gap (50 min) is above the longest (40 min): lengthen the longest first");
    }
    SUBCASE("a break outside its day") {
        SamplingStudy changed = plan.sampling;
        changed.schedule->days[0].breaks[0] = SamplingBreak{"16:00", "16:30"};
        const Refusal refused = change_study(plan, log, changed);
        REQUIRE(refused);
        CHECK(refused->starts_with("Mon 30 Nov, break 1: "));
        CHECK(refused->find("16:00-16:30") != std::string::npos);
    }
    SUBCASE("a day that ends before it starts") {
        SamplingStudy changed = plan.sampling;
        changed.schedule->days[0].end = "07:00";
        changed.schedule->days[0].breaks.clear();
        const Refusal refused = change_study(plan, log, changed);
        REQUIRE(refused);
        CHECK(*refused == "Mon 30 Nov: the day ends at 07:00, not after it starts at 08:00");
    }
    SUBCASE("a day with no working time left") {
        plan.sampling.schedule->days[0].breaks = {SamplingBreak{"08:00", "16:00"}};
        const Refusal refused = draw_rounds(plan, log);
        REQUIRE(refused);
        CHECK(*refused == "Mon 30 Nov: no working time is left between the breaks");
        CHECK(plan.sampling.schedule->rounds.empty());
        return;
    }
    CHECK(plan.sampling == before);
}

TEST_CASE("subjects: add, rename, move, remove, and one the log names stays") {
    Plan plan = new_sampling_plan(kToday, 7);
    std::vector<Event> log;
    REQUIRE_FALSE(add_subject(plan, log));
    REQUIRE_FALSE(add_subject(plan, log));
    REQUIRE(plan.sampling.subjects.size() == 3);
    CHECK(plan.sampling.subjects[2] == SamplingSubject{3, "Subject 3"});
    REQUIRE_FALSE(rename_subject(plan, log, 1, "Lathe 2"));
    CHECK(rename_subject(plan, log, 1, "") == "a subject's name cannot be empty; kept the last name");
    CHECK(plan.sampling.subjects[1].name == "Lathe 2");
    REQUIRE_FALSE(move_subject(plan, log, 1, true));
    CHECK(plan.sampling.subjects[0].name == "Lathe 2");
    CHECK(move_subject(plan, log, 0, true));
    REQUIRE_FALSE(draw_rounds(plan, log));
    log.push_back(observation(1, 1, 2, 1));
    log.push_back(observation(2, 2, 2, 3));
    CHECK(remove_subject(plan, log, 0) == "“Lathe 2” has 2 observations: it stays");
    CHECK(plan.sampling.subjects.size() == 3);
    REQUIRE_FALSE(remove_subject(plan, log, 2));
    CHECK(plan.sampling.subjects.size() == 2);
    CHECK(round_trip(plan).sampling == plan.sampling);
}

TEST_CASE("categories: a key used twice, removing one with observations or the target's, the defaults") {
    Plan plan = new_sampling_plan(kToday, 7);
    std::vector<Event> log;
    // Key 3 is the third waste's in DOWNTIME order (waiting, category 4).
    const Refusal twice = set_category_key(plan, log, 0, "3");
    REQUIRE(twice);
    CHECK(*twice == "key 3 is “" + plan.sampling.categories[3].name + "”'s already (category 4); “" +
                        plan.sampling.categories[0].name + "” needs another key");
    CHECK(plan.sampling.categories[0].key == "0");
    CHECK(set_category_key(plan, log, 0, "%") == "a key is one of 0-9 or A-Z, or none");
    REQUIRE_FALSE(set_category_key(plan, log, 0, "v"));
    CHECK(plan.sampling.categories[0].key == "V");
    REQUIRE_FALSE(add_category(plan, log));
    CHECK(plan.sampling.categories.back().key == "0");  // the first free key
    CHECK(plan.sampling.categories.back().id == 11);
    CHECK(remove_category(plan, log, 0)->ends_with("is the target's category: aim the target at another one first"));
    REQUIRE_FALSE(draw_rounds(plan, log));
    log.push_back(observation(1, 1, 1, 2));
    CHECK(remove_category(plan, log, 1) == "“" + plan.sampling.categories[1].name + "” has 1 observation: it stays");
    CHECK(reset_categories(plan, log) == "1 observation is recorded in these categories: they stay");
    REQUIRE_FALSE(remove_category(plan, log, 2));
    CHECK(plan.sampling.categories.size() == 10);
    log.clear();
    REQUIRE_FALSE(reset_categories(plan, log));
    CHECK(plan.sampling.categories == default_sampling_categories());
    CHECK(round_trip(plan).sampling == plan.sampling);
}

TEST_CASE("once a round is taken or skipped the schedule stays") {
    Plan plan = new_sampling_plan(kToday, 7);
    std::vector<Event> log;
    REQUIRE_FALSE(draw_rounds(plan, log));
    const SamplingStudy drawn = plan.sampling;
    log.push_back(observation(1, 1, 1, 1));
    const std::string reason = "1 observation in the log: the rounds drawn are the truth now, and the schedule stays as it is";
    CHECK(schedule_locked(log) == reason);
    CHECK(draw_rounds(plan, log) == reason);
    SamplingStudy changed = plan.sampling;
    changed.schedule->seed = 8;
    CHECK(change_study(plan, log, changed) == reason);
    CHECK(add_next_working_day(plan, log, kToday.date) == reason);
    CHECK(plan.sampling == drawn);
    log.push_back(parsed_event(R"({"id": 2, "t_ms": 40000000, "kind": "round_skip", "round": 2, "text": "fire drill"})"));
    CHECK(schedule_locked(log)->starts_with("1 observation and 1 skipped round in the log: "));
}

TEST_CASE("the next working day skips the weekend and copies the last day's hours") {
    Plan plan = new_sampling_plan(LocalDay{"2026-12-04", "+00:00"}, 7);  // a Friday
    const std::vector<Event> log;
    plan.sampling.schedule->days[0].start = "06:00";
    REQUIRE_FALSE(add_next_working_day(plan, log, "2026-12-04"));
    const SamplingDay& next = plan.sampling.schedule->days.back();
    CHECK(next.date == "2026-12-07");
    CHECK(next.start == "06:00");
    CHECK(next.end == "16:00");
    CHECK(next.breaks == std::vector<SamplingBreak>{SamplingBreak{"12:00", "12:30"}});
}

TEST_CASE("a template's days move to today onwards by whole weeks, drawn again") {
    const LoadResult loaded = load_session(std::filesystem::path(GEMBA_SOURCE_DIR) / "data/templates/machine-shop-sampling.json");
    REQUIRE(loaded.ok());
    Plan plan = loaded.session->plan();
    REQUIRE(plan.sampling.schedule->days.front().date == "2026-12-07");  // a Monday, to Friday 11 Dec
    SUBCASE("today a Sunday a week before: the next Monday") {
        const std::optional<std::string> said = move_template_to(plan, LocalDay{"2026-11-29", "+02:00"}, 99);
        REQUIRE(said);
        CHECK(said->starts_with("5 days moved to Mon 30 Nov – Fri 4 Dec (same weekdays, hours and breaks)"));
        CHECK(plan.sampling.schedule->days.front().date == "2026-11-30");
        CHECK(plan.sampling.schedule->days.back().date == "2026-12-04");
    }
    SUBCASE("today a Tuesday after it: the Monday after") {
        REQUIRE(move_template_to(plan, LocalDay{"2027-03-02", "+02:00"}, 99));
        CHECK(plan.sampling.schedule->days.front().date == "2027-03-08");
        CHECK(weekday_of(plan.sampling.schedule->days.back().date) == 4);
    }
    const SamplingSchedule& s = *plan.sampling.schedule;
    CHECK(s.utc_offset == "+02:00");
    CHECK(s.seed == 99);
    CHECK(s.days[0].start == "06:00");
    const sampling::ScheduleResult direct = sampling::draw_schedule(*schedule_request(s));
    REQUIRE(direct.ok());
    REQUIRE(s.rounds.size() == direct.schedule->rounds.size());
    for (std::size_t k = 0; k < s.rounds.size(); ++k) CHECK(s.rounds[k] == direct.schedule->rounds[k].at_ms);
    CHECK(round_trip(plan).sampling == plan.sampling);
}

TEST_CASE("the rounds against the target use the study's own z, as the Summary does") {
    Plan plan = new_sampling_plan(kToday, 7);
    REQUIRE_FALSE(draw_rounds(plan, {}));
    plan.settings.z = 2.0;  // given as z itself, the 95 % confidence aside
    // ±5 points at z = 2: ⌈2² · 0.25 ÷ 0.05²⌉ = ⌈400⌉ = 400.
    const std::optional<std::string> against = rounds_against_target(plan);
    REQUIRE(against);
    CHECK(against->find("the target needs 400 at p = 0.5") != std::string::npos);
}
