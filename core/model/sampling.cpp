#include "core/model/sampling.hpp"

#include <algorithm>
#include <cstdio>

#include "core/model/session.hpp"
#include "core/sampling/schedule.hpp"

namespace gemba {

static_assert(kMaxRounds == sampling::kMaxScheduledRounds, "a file holds every round a schedule can draw");

std::string_view to_string(StudyKind kind) {
    return kind == StudyKind::work_sampling ? "work_sampling" : "time_study";
}
std::optional<StudyKind> parse_study_kind(std::string_view s) {
    if (s == "time_study") return StudyKind::time_study;
    if (s == "work_sampling") return StudyKind::work_sampling;
    return std::nullopt;
}
std::string spellings_of_study_kind() { return "time_study, work_sampling"; }

std::string_view to_string(SamplingAccuracy accuracy) {
    return accuracy == SamplingAccuracy::relative ? "relative" : "absolute";
}
std::optional<SamplingAccuracy> parse_sampling_accuracy(std::string_view s) {
    if (s == "absolute") return SamplingAccuracy::absolute;
    if (s == "relative") return SamplingAccuracy::relative;
    return std::nullopt;
}
std::string spellings_of_sampling_accuracy() { return "absolute, relative"; }

const SamplingSubject* SamplingStudy::find_subject(SubjectId id) const {
    const auto it = std::find_if(subjects.begin(), subjects.end(), [id](const SamplingSubject& s) { return s.id == id; });
    return it == subjects.end() ? nullptr : &*it;
}

const SamplingCategory* SamplingStudy::find_category(CategoryId id) const {
    const auto it =
        std::find_if(categories.begin(), categories.end(), [id](const SamplingCategory& c) { return c.id == id; });
    return it == categories.end() ? nullptr : &*it;
}

const SamplingCategory* SamplingStudy::category_with_key(std::string_view key) const {
    if (key.empty()) return nullptr;
    const auto it =
        std::find_if(categories.begin(), categories.end(), [key](const SamplingCategory& c) { return c.key == key; });
    return it == categories.end() ? nullptr : &*it;
}

std::optional<std::int64_t> SamplingStudy::round_ms(std::int64_t round) const {
    if (round < 1 || static_cast<std::size_t>(round) > round_count()) return std::nullopt;
    return schedule->rounds[static_cast<std::size_t>(round - 1)];
}

std::vector<SamplingCategory> default_sampling_categories() {
    std::vector<SamplingCategory> categories;
    categories.push_back(SamplingCategory{1, "Value-adding work", ValueClass::value_added, std::nullopt, "0", false});
    CategoryId id = 2;
    char key = '1';
    for (Waste waste : kWastes)
        categories.push_back(SamplingCategory{id++, std::string(display_name(waste)), ValueClass::non_value_added, waste,
                                              std::string(1, key++), false});
    categories.push_back(
        SamplingCategory{id, "Absent / not observable", ValueClass::non_value_added, std::nullopt, "9", true});
    return categories;
}

namespace {

std::optional<std::int64_t> two_digits(std::string_view s, std::size_t at) {
    if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return std::nullopt;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, std::int64_t& m, std::int64_t& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = yoe + era * 400 + (m <= 2);
}

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

}  // namespace

std::optional<std::int64_t> minutes_of_day(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    const auto hours = two_digits(s, 0), minutes = two_digits(s, 3);
    if (!hours || !minutes || *minutes > 59 || *hours > 24 || (*hours == 24 && *minutes != 0)) return std::nullopt;
    return *hours * 60 + *minutes;
}

std::optional<std::int64_t> utc_offset_minutes(std::string_view s) {
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
    const auto hours = two_digits(s, 1), minutes = two_digits(s, 4);
    if (!hours || !minutes || *hours > 14 || *minutes > 59) return std::nullopt;
    const std::int64_t total = *hours * 60 + *minutes;
    return s[0] == '-' ? -total : total;
}

std::optional<std::int64_t> days_since_epoch(std::string_view date) {
    if (!is_iso8601_date(date)) return std::nullopt;
    const auto number = [&](std::size_t at, std::size_t length) {
        std::int64_t value = 0;
        for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (date[i] - '0');
        return value;
    };
    return days_from_civil(number(0, 4), number(5, 2), number(8, 2));
}

std::optional<sampling::ScheduleRequest> schedule_request(const SamplingSchedule& schedule) {
    sampling::ScheduleRequest request;
    request.min_gap_ms = schedule.min_gap_ms;
    request.max_gap_ms = schedule.max_gap_ms;
    request.mean_gap_ms = schedule.mean_gap_ms;
    request.seed = schedule.seed;
    if (schedule.days.empty()) return request;
    const std::optional<std::int64_t> first = days_since_epoch(schedule.days.front().date);
    if (!first) return std::nullopt;
    for (const SamplingDay& day : schedule.days) {
        const auto date = days_since_epoch(day.date);
        const auto start = minutes_of_day(day.start), end = minutes_of_day(day.end);
        if (!date || !start || !end) return std::nullopt;
        const std::int64_t midnight = (*date - *first) * kDayMs;
        sampling::WorkingDay working{midnight + *start * kMinuteMs, midnight + *end * kMinuteMs, {}};
        for (const SamplingBreak& pause : day.breaks) {
            const auto from = minutes_of_day(pause.start), to = minutes_of_day(pause.end);
            if (!from || !to) return std::nullopt;
            working.breaks.push_back({midnight + *from * kMinuteMs, midnight + *to * kMinuteMs});
        }
        request.days.push_back(std::move(working));
    }
    return request;
}

std::optional<std::int64_t> schedule_origin_ms(const SamplingSchedule& schedule) {
    if (schedule.days.empty()) return std::nullopt;
    const auto date = days_since_epoch(schedule.days.front().date);
    const auto offset = utc_offset_minutes(schedule.utc_offset);
    if (!date || !offset) return std::nullopt;
    return *date * kDayMs - *offset * kMinuteMs;
}

std::string date_of_days(std::int64_t days_since_epoch) {
    std::int64_t y = 0, m = 0, d = 0;
    civil_from_days(days_since_epoch, y, m, d);
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                  static_cast<long long>(d));
    return text;
}

std::optional<std::string> schedule_origin_utc(const SamplingSchedule& schedule) {
    if (schedule.days.empty()) return std::nullopt;
    const auto date = days_since_epoch(schedule.days.front().date);
    const auto offset = utc_offset_minutes(schedule.utc_offset);
    if (!date || !offset) return std::nullopt;
    // Local midnight at +hh:mm is hh:mm before midnight UTC.
    const std::int64_t minutes = *date * 24 * 60 - *offset;
    const std::int64_t day = (minutes >= 0 ? minutes : minutes - 1439) / 1440;
    const std::int64_t of_day = minutes - day * 1440;
    std::int64_t y = 0, m = 0, d = 0;
    civil_from_days(day, y, m, d);
    char text[96];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:00Z", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(of_day / 60),
                  static_cast<long long>(of_day % 60));
    return std::string(text);
}

}  // namespace gemba
