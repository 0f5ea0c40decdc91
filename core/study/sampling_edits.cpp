#include "core/study/sampling_edits.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "core/analysis/stats.hpp"
#include "core/file/session_file.hpp"
#include "core/sampling/proportion.hpp"
#include "core/sampling/schedule.hpp"

namespace gemba {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

std::string quoted(const std::string& name) { return "“" + name + "”"; }

std::string plural(std::int64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::optional<std::size_t> index_after(std::string_view pointer, std::string_view prefix, std::string_view& rest) {
    if (pointer.substr(0, prefix.size()) != prefix) return std::nullopt;
    rest = pointer.substr(prefix.size());
    std::size_t index = 0, digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') index = index * 10 + static_cast<std::size_t>(rest[digits++] - '0');
    if (digits == 0) return std::nullopt;
    rest = rest.substr(digits);
    return index;
}

// A JSON Pointer into /sampling as a person reads it: "Tue 1 Dec, break 1", "subject 2".
std::string place_in_words(const SamplingStudy& study, std::string_view pointer) {
    std::string_view rest;
    if (auto i = index_after(pointer, "/sampling/subjects/", rest))
        return *i < study.subjects.size() ? "subject " + quoted(study.subjects[*i].name) : "subject " + std::to_string(*i + 1);
    if (auto i = index_after(pointer, "/sampling/categories/", rest))
        return *i < study.categories.size() ? "category " + quoted(study.categories[*i].name)
                                            : "category " + std::to_string(*i + 1);
    if (pointer.starts_with("/sampling/target")) return "the target";
    if (auto i = index_after(pointer, "/sampling/schedule/days/", rest)) {
        const SamplingSchedule& schedule = *study.schedule;
        std::string place = *i < schedule.days.size() ? day_label(schedule.days[*i].date) : "day " + std::to_string(*i + 1);
        std::string_view after;
        if (auto b = index_after(rest, "/breaks/", after)) place += ", break " + std::to_string(*b + 1);
        return place;
    }
    if (auto i = index_after(pointer, "/sampling/schedule/rounds/", rest)) return "round " + std::to_string(*i + 1);
    if (pointer.ends_with("gap_ms")) return "the gaps";
    if (pointer.ends_with("utc_offset")) return "the UTC offset";
    if (pointer.ends_with("late_after_ms") || pointer.ends_with("grace_ms")) return "the late and grace times";
    if (pointer.starts_with("/sampling/schedule")) return "the schedule";
    return "the study";
}

// Why `plan` would not load back, when the sampling study is the reason (a problem elsewhere in the
// plan is for the fields that made it).
Refusal study_load_problem(const Plan& plan) {
    const LoadResult loaded = parse_plan(plan_to_json(plan), "plan");
    if (loaded.ok() || !loaded.problem->where.starts_with("/sampling")) return std::nullopt;
    return place_in_words(plan.sampling, loaded.problem->where) + ": " + loaded.problem->what;
}

// The gaps' rule in minutes, as the Setup types them (the loader's words are in milliseconds).
Refusal gap_problem(const SamplingSchedule& schedule) {
    const auto minutes = [](std::int64_t ms) {
        return ms % kMinuteMs == 0 ? std::to_string(ms / kMinuteMs) + " min" : std::to_string(ms / 1000) + " s";
    };
    if (schedule.min_gap_ms < 1) return "the shortest gap must be above 0 min";
    if (schedule.min_gap_ms > schedule.max_gap_ms)
        return "the shortest gap (" + minutes(schedule.min_gap_ms) + ") is above the longest (" + minutes(schedule.max_gap_ms) +
               "): lengthen the longest first";
    if (schedule.mean_gap_ms < schedule.min_gap_ms || schedule.mean_gap_ms > schedule.max_gap_ms)
        return "the mean gap (" + minutes(schedule.mean_gap_ms) + ") must lie between the shortest (" +
               minutes(schedule.min_gap_ms) + ") and the longest (" + minutes(schedule.max_gap_ms) + ")";
    return std::nullopt;
}

bool same_request(const SamplingSchedule& a, const SamplingSchedule& b) {
    return a.seed == b.seed && a.utc_offset == b.utc_offset && a.days == b.days && a.min_gap_ms == b.min_gap_ms &&
           a.max_gap_ms == b.max_gap_ms && a.mean_gap_ms == b.mean_gap_ms;
}

template <class T>
Refusal move_in(Plan& plan, const std::vector<Event>& log, std::vector<T> SamplingStudy::*list, std::size_t index, bool up) {
    SamplingStudy changed = plan.sampling;
    std::vector<T>& items = changed.*list;
    if (index >= items.size() || (up && index == 0) || (!up && index + 1 == items.size())) return "it cannot move further";
    std::swap(items[index], items[up ? index - 1 : index + 1]);
    return change_study(plan, log, std::move(changed));
}

}  // namespace

// --- Dates ---------------------------------------------------------------------------------------

LocalDay local_day(std::int64_t wall_ms_since_epoch) {
    const std::time_t seconds = static_cast<std::time_t>(wall_ms_since_epoch / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    char date[64];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
    return LocalDay{date, utc_offset_text(local.tm_gmtoff / 60)};
}

std::optional<std::string> date_plus_days(std::string_view date, std::int64_t days) {
    const std::optional<std::int64_t> since_epoch = days_since_epoch(date);
    if (!since_epoch) return std::nullopt;
    return date_of_days(*since_epoch + days);
}

std::optional<int> weekday_of(std::string_view date) {
    const std::optional<std::int64_t> since_epoch = days_since_epoch(date);
    if (!since_epoch) return std::nullopt;
    // 1970-01-01 was a Thursday (3 with Monday as 0).
    return static_cast<int>(((*since_epoch + 3) % 7 + 7) % 7);
}

std::string day_label(std::string_view date) {
    static constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::optional<int> weekday = weekday_of(date);
    if (!weekday) return std::string(date);
    const int month = std::stoi(std::string(date.substr(5, 2)));
    const int day = std::stoi(std::string(date.substr(8, 2)));
    return std::string(kWeekdays[*weekday]) + " " + std::to_string(day) + " " + kMonths[month - 1];
}

std::string time_of_day_text(std::int64_t minutes) {
    char text[64];
    std::snprintf(text, sizeof text, "%02lld:%02lld", static_cast<long long>(minutes / 60), static_cast<long long>(minutes % 60));
    return text;
}

std::string utc_offset_text(std::int64_t minutes) {
    const std::int64_t size = minutes < 0 ? -minutes : minutes;
    return (minutes < 0 ? "-" : "+") + time_of_day_text(size);
}

// --- New studies ---------------------------------------------------------------------------------

Plan new_sampling_plan(const LocalDay& today, std::uint64_t seed) {
    Plan plan;
    plan.title = "New work sampling study";
    plan.study = StudyKind::work_sampling;
    SamplingStudy& study = plan.sampling;
    study.categories = default_sampling_categories();
    study.subjects.push_back(SamplingSubject{1, "Subject 1"});
    const auto first_present = std::find_if(study.categories.begin(), study.categories.end(),
                                            [](const SamplingCategory& c) { return !c.absent; });
    study.target = SamplingTarget{first_present->id, SamplingAccuracy::absolute, 5.0};
    SamplingSchedule schedule;
    schedule.seed = seed;
    schedule.utc_offset = today.utc_offset;
    schedule.days.push_back(SamplingDay{today.date, "08:00", "16:00", {SamplingBreak{"12:00", "12:30"}}});
    schedule.min_gap_ms = 5 * kMinuteMs;
    schedule.mean_gap_ms = 20 * kMinuteMs;
    schedule.max_gap_ms = 40 * kMinuteMs;
    schedule.late_after_ms = kMinuteMs;
    schedule.grace_ms = 15 * kMinuteMs;
    study.schedule = std::move(schedule);
    return plan;
}

std::optional<std::string> move_template_to(Plan& plan, const LocalDay& today, std::uint64_t seed) {
    if (plan.study != StudyKind::work_sampling || !plan.sampling.schedule || plan.sampling.schedule->days.empty())
        return std::nullopt;
    SamplingSchedule& schedule = *plan.sampling.schedule;
    const std::optional<std::int64_t> first = days_since_epoch(schedule.days.front().date);
    const std::optional<std::int64_t> now = days_since_epoch(today.date);
    if (!first || !now) return std::nullopt;
    // Whole weeks, rounded up: the first day on or after today with the first day's weekday.
    const std::int64_t behind = *now - *first;
    const std::int64_t weeks = behind >= 0 ? (behind + 6) / 7 : -((-behind) / 7);
    for (SamplingDay& day : schedule.days) day.date = *date_plus_days(day.date, 7 * weeks);
    schedule.utc_offset = today.utc_offset;
    schedule.seed = seed;
    schedule.rounds.clear();
    std::string done = plural(static_cast<std::int64_t>(schedule.days.size()), "day", "days") + " moved to " +
                       day_label(schedule.days.front().date) +
                       (schedule.days.size() > 1 ? " – " + day_label(schedule.days.back().date) : "") +
                       " (same weekdays, hours and breaks)";
    if (const std::optional<sampling::ScheduleRequest> request = schedule_request(schedule)) {
        sampling::ScheduleRequest seeded = *request;
        seeded.seed = seed;
        const sampling::ScheduleResult drawn = sampling::draw_schedule(seeded);
        if (drawn.ok())
            for (const sampling::Round& round : drawn.schedule->rounds) schedule.rounds.push_back(round.at_ms);
    }
    return done + (schedule.rounds.empty() ? "; draw its rounds on Setup"
                                           : "; its " + std::to_string(schedule.rounds.size()) +
                                                 " rounds drawn again for these dates with a new seed");
}

// --- What the log names --------------------------------------------------------------------------

RoundEvents round_events(const std::vector<Event>& log) {
    RoundEvents counted;
    for (const Event& e : log) {
        if (e.kind == EventKind::observation) ++counted.observations;
        else if (e.kind == EventKind::round_skip) ++counted.skips;
    }
    return counted;
}

std::int64_t observations_of_subject(const std::vector<Event>& log, SubjectId subject) {
    return std::count_if(log.begin(), log.end(), [subject](const Event& e) { return e.subject() == subject; });
}

std::int64_t observations_of_category(const std::vector<Event>& log, CategoryId category) {
    return std::count_if(log.begin(), log.end(),
                         [category](const Event& e) { return e.category() == category; });
}

std::optional<std::string> schedule_locked(const std::vector<Event>& log) {
    const RoundEvents taken = round_events(log);
    if (taken.observations == 0 && taken.skips == 0) return std::nullopt;
    std::string recorded = taken.observations > 0 ? plural(taken.observations, "observation", "observations") : "";
    if (taken.skips > 0) recorded += (recorded.empty() ? "" : " and ") + plural(taken.skips, "skipped round", "skipped rounds");
    return recorded + " in the log: the rounds drawn are the truth now, and the schedule stays as it is";
}

// --- Edits ---------------------------------------------------------------------------------------

Refusal change_study(Plan& plan, const std::vector<Event>& log, SamplingStudy changed) {
    const SamplingStudy& before = plan.sampling;
    if (changed.schedule != before.schedule) {
        if (auto locked = schedule_locked(log)) return locked;
        if (changed.schedule && before.schedule && !same_request(*changed.schedule, *before.schedule) &&
            changed.schedule->rounds == before.schedule->rounds)
            changed.schedule->rounds.clear();  // drawn for another request: draw again
        if (changed.schedule)
            if (auto gaps = gap_problem(*changed.schedule)) return gaps;
    }
    for (const SamplingSubject& subject : before.subjects)
        if (!changed.find_subject(subject.id))
            if (const std::int64_t seen = observations_of_subject(log, subject.id); seen > 0)
                return quoted(subject.name) + " has " + plural(seen, "observation", "observations") + ": it stays";
    for (const SamplingCategory& category : before.categories)
        if (!changed.find_category(category.id))
            if (const std::int64_t seen = observations_of_category(log, category.id); seen > 0)
                return quoted(category.name) + " has " + plural(seen, "observation", "observations") + ": it stays";
    const auto key_clash = [&](const SamplingCategory& category) -> Refusal {
        if (category.key.empty()) return std::nullopt;
        for (std::size_t j = 0; j < changed.categories.size(); ++j)
            if (const SamplingCategory& other = changed.categories[j]; &other != &category && other.key == category.key)
                return "key " + category.key + " is " + quoted(other.name) + "'s already (category " + std::to_string(j + 1) +
                       "); " + quoted(category.name) + " needs another key";
        return std::nullopt;
    };
    // The category whose key changed first: the message names the key just typed as the clash.
    for (const SamplingCategory& category : changed.categories)
        if (const SamplingCategory* old = before.find_category(category.id); !old || old->key != category.key)
            if (auto clash = key_clash(category)) return clash;
    for (const SamplingCategory& category : changed.categories)
        if (auto clash = key_clash(category)) return clash;
    Plan checked = plan;
    checked.sampling = changed;
    if (auto problem = study_load_problem(checked)) return problem;
    plan.sampling = std::move(changed);
    return std::nullopt;
}

Refusal add_subject(Plan& plan, const std::vector<Event>& log) {
    SamplingStudy changed = plan.sampling;
    SubjectId id = 1;
    for (const SamplingSubject& s : changed.subjects) id = std::max(id, s.id + 1);
    changed.subjects.push_back(SamplingSubject{id, "Subject " + std::to_string(changed.subjects.size() + 1)});
    return change_study(plan, log, std::move(changed));
}

Refusal rename_subject(Plan& plan, const std::vector<Event>& log, std::size_t index, std::string name) {
    if (index >= plan.sampling.subjects.size()) return "no such subject";
    if (name.empty()) return "a subject's name cannot be empty; kept the last name";
    SamplingStudy changed = plan.sampling;
    changed.subjects[index].name = std::move(name);
    return change_study(plan, log, std::move(changed));
}

Refusal remove_subject(Plan& plan, const std::vector<Event>& log, std::size_t index) {
    if (index >= plan.sampling.subjects.size()) return "no such subject";
    SamplingStudy changed = plan.sampling;
    changed.subjects.erase(changed.subjects.begin() + static_cast<std::ptrdiff_t>(index));
    return change_study(plan, log, std::move(changed));
}

Refusal move_subject(Plan& plan, const std::vector<Event>& log, std::size_t index, bool up) {
    return move_in(plan, log, &SamplingStudy::subjects, index, up);
}

Refusal add_category(Plan& plan, const std::vector<Event>& log) {
    SamplingStudy changed = plan.sampling;
    CategoryId id = 1;
    for (const SamplingCategory& c : changed.categories) id = std::max(id, c.id + 1);
    SamplingCategory category{id, "Category " + std::to_string(changed.categories.size() + 1), ValueClass::non_value_added,
                              std::nullopt, "", false};
    // The first free key, if any: a new category can be tapped at once.
    for (char key : std::string("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        if (!changed.category_with_key(std::string(1, key))) {
            category.key = std::string(1, key);
            break;
        }
    changed.categories.push_back(std::move(category));
    return change_study(plan, log, std::move(changed));
}

Refusal set_category_key(Plan& plan, const std::vector<Event>& log, std::size_t index, std::string key) {
    if (index >= plan.sampling.categories.size()) return "no such category";
    if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z') key[0] = static_cast<char>(key[0] - 'a' + 'A');
    if (!key.empty() && !(key.size() == 1 && ((key[0] >= '0' && key[0] <= '9') || (key[0] >= 'A' && key[0] <= 'Z'))))
        return "a key is one of 0-9 or A-Z, or none";
    SamplingStudy changed = plan.sampling;
    changed.categories[index].key = std::move(key);
    return change_study(plan, log, std::move(changed));
}

Refusal remove_category(Plan& plan, const std::vector<Event>& log, std::size_t index) {
    if (index >= plan.sampling.categories.size()) return "no such category";
    const SamplingCategory& category = plan.sampling.categories[index];
    if (plan.sampling.target && plan.sampling.target->category == category.id)
        return quoted(category.name) + " is the target's category: aim the target at another one first";
    SamplingStudy changed = plan.sampling;
    changed.categories.erase(changed.categories.begin() + static_cast<std::ptrdiff_t>(index));
    return change_study(plan, log, std::move(changed));
}

Refusal move_category(Plan& plan, const std::vector<Event>& log, std::size_t index, bool up) {
    return move_in(plan, log, &SamplingStudy::categories, index, up);
}

Refusal reset_categories(Plan& plan, const std::vector<Event>& log) {
    if (const std::int64_t seen = round_events(log).observations; seen > 0)
        return plural(seen, "observation is", "observations are") + " recorded in these categories: they stay";
    SamplingStudy changed = plan.sampling;
    changed.categories = default_sampling_categories();
    if (changed.target && !changed.find_category(changed.target->category)) {
        const auto present = std::find_if(changed.categories.begin(), changed.categories.end(),
                                          [](const SamplingCategory& c) { return !c.absent; });
        changed.target->category = present->id;
    }
    return change_study(plan, log, std::move(changed));
}

Refusal add_next_working_day(Plan& plan, const std::vector<Event>& log, const std::string& today) {
    SamplingStudy changed = plan.sampling;
    if (!changed.schedule) changed.schedule = SamplingSchedule{};
    std::vector<SamplingDay>& days = changed.schedule->days;
    if (days.empty()) {
        days.push_back(SamplingDay{today, "08:00", "16:00", {SamplingBreak{"12:00", "12:30"}}});
    } else {
        SamplingDay next = days.back();
        std::optional<std::string> date = date_plus_days(next.date, 1);
        while (date && weekday_of(*date) >= 5) date = date_plus_days(*date, 1);
        if (!date) return "the last day's date does not read: correct it first";
        next.date = *date;
        days.push_back(std::move(next));
    }
    return change_study(plan, log, std::move(changed));
}

Refusal draw_rounds(Plan& plan, const std::vector<Event>& log) {
    if (auto locked = schedule_locked(log)) return locked;
    if (!plan.sampling.schedule) return "the study has no schedule";
    SamplingSchedule schedule = *plan.sampling.schedule;
    if (schedule.days.empty()) return "add a working day first";
    if (auto gaps = gap_problem(schedule)) return gaps;
    schedule.rounds.clear();  // the request alone is checked: old rounds may lie outside new days
    Plan checked = plan;
    checked.sampling.schedule = schedule;
    if (auto problem = study_load_problem(checked)) return problem;
    const sampling::ScheduleResult drawn = sampling::draw_schedule(*schedule_request(schedule));
    if (!drawn.ok()) {
        const sampling::ScheduleProblem& problem = *drawn.problem;
        std::string_view rest;
        std::string place = "the schedule";
        if (auto day = index_after(problem.where, "days[", rest); day && *day < schedule.days.size())
            place = day_label(schedule.days[*day].date);
        if (problem.what.starts_with("no schedule fits"))
            return place + ": its rounds cannot keep gaps from " + std::to_string(schedule.min_gap_ms / kMinuteMs) + " to " +
                   std::to_string(schedule.max_gap_ms / kMinuteMs) + " min and spread over every hour; widen the gaps or change the mean gap";
        return place + ": " + problem.what;
    }
    for (const sampling::Round& round : drawn.schedule->rounds) schedule.rounds.push_back(round.at_ms);
    SamplingStudy changed = plan.sampling;
    changed.schedule = std::move(schedule);
    plan.sampling = std::move(changed);
    return std::nullopt;
}

// --- What the rounds give ------------------------------------------------------------------------

std::vector<DayRounds> rounds_by_day(const SamplingSchedule& schedule) {
    std::vector<DayRounds> days;
    if (schedule.days.empty()) return days;
    for (const SamplingDay& day : schedule.days) days.push_back(DayRounds{day.date, {}});
    const std::optional<std::int64_t> first = days_since_epoch(schedule.days.front().date);
    if (!first) return days;
    for (const std::int64_t ms : schedule.rounds) {
        const std::optional<std::string> date = date_plus_days(schedule.days.front().date, ms / kDayMs);
        auto it = std::find_if(days.begin(), days.end(), [&](const DayRounds& d) { return date && d.date == *date; });
        if (it != days.end()) it->minutes.push_back(ms % kDayMs / kMinuteMs);
    }
    return days;
}

std::string day_rounds_text(const DayRounds& day) {
    std::string text = day_label(day.date) + ":";
    for (const std::int64_t minutes : day.minutes) text += " " + time_of_day_text(minutes);
    return text + " (" + plural(static_cast<std::int64_t>(day.minutes.size()), "round", "rounds") + ")";
}

std::optional<std::string> rounds_against_target(const Plan& plan) {
    const SamplingStudy& study = plan.sampling;
    if (!study.target || !study.find_category(study.target->category)) return std::nullopt;
    // A z given in the settings is the study's, as the Summary takes it.
    const double z = plan.settings.z ? *plan.settings.z : z_for_confidence(plan.settings.confidence_pct, plan.settings.z_convention);
    const sampling::TargetAccuracy accuracy{
        study.target->accuracy == SamplingAccuracy::relative ? sampling::AccuracyKind::relative : sampling::AccuracyKind::absolute,
        study.target->accuracy_pct / 100.0};
    const std::optional<sampling::RequiredObservations> needed = sampling::required_observations(z, std::nullopt, accuracy);
    const auto rounds = static_cast<std::int64_t>(study.round_count());
    const auto subjects = static_cast<std::int64_t>(study.subjects.size());
    const std::int64_t observations = rounds * subjects;
    std::string text = plural(rounds, "round", "rounds") + " × " + plural(subjects, "subject", "subjects") + " = " +
                       plural(observations, "observation", "observations");
    if (!needed) return text + "; the target's accuracy gives no required number";
    text += "; the target needs " + std::to_string(needed->required) + " at p = 0.5";
    if (observations >= needed->required) return text + ": enough";
    return text + ": widen the days or shorten the mean gap";
}

}  // namespace gemba
