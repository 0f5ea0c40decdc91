// A work sampling study (format version 5 on): instead of timing steps, the observer looks at
// random rounds and tallies what each subject (a person, a machine, a desk) is doing, in one of the
// study's categories; the shares of the categories follow (core/analysis/sampling_summary.hpp).
//
// The plan holds who and what is observed, the target accuracy, the data for a standard time and
// the schedule: the request it was drawn from (the seed, the working days, the gaps) and the rounds
// drawn. The rounds are kept and are the truth: the seed reproduces them with today's draw, but an
// old file's rounds are never drawn again. What was seen is in the event log (observation and
// round_skip events), whose t_ms for a sampling study is the wall time since the schedule's origin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gemba {

enum class ValueClass;
enum class Waste : std::uint8_t;
enum class AllowanceConvention;

namespace sampling {
struct ScheduleRequest;
}

using SubjectId = std::int64_t;   // > 0; 0 means "no subject"
using CategoryId = std::int64_t;  // > 0; 0 means "no category"
inline constexpr SubjectId kNoSubject = 0;
inline constexpr CategoryId kNoCategory = 0;
// Rounds are numbered from 1 (rounds[0] is round 1); 0 means "no round".
inline constexpr std::int64_t kNoRound = 0;
// The most rounds a schedule holds (sampling::kMaxScheduledRounds: a round a minute for two years).
inline constexpr std::int64_t kMaxRounds = 1'000'000;

// What kind of study a session is.
enum class StudyKind {
    time_study,     // steps timed with a stopwatch (every version)
    work_sampling,  // subjects tallied in categories at random rounds (format version 5 on)
};
std::string_view to_string(StudyKind);
std::optional<StudyKind> parse_study_kind(std::string_view);
std::string spellings_of_study_kind();

struct SamplingSubject {
    SubjectId id = kNoSubject;
    std::string name;

    bool operator==(const SamplingSubject&) const = default;
};

// A state a subject can be seen in. One category may be the "absent / not observable" one: it is
// tallied (the round was taken) but left out of the shares' denominator.
struct SamplingCategory {
    CategoryId id = kNoCategory;
    std::string name;
    ValueClass value_class{};    // value_added when left at its default
    std::optional<Waste> waste;  // the lean waste it is, if any
    std::string key;             // the key that tallies it: one of 0-9, A-Z; empty for none
    bool absent = false;

    bool operator==(const SamplingCategory&) const = default;
};

// The accuracy the study aims for on one category's share: absolute ± accuracy_pct percentage
// points (5: ±0.05), or relative ± accuracy_pct percent of the share itself (10: ±0.1·p).
enum class SamplingAccuracy { absolute, relative };
std::string_view to_string(SamplingAccuracy);
std::optional<SamplingAccuracy> parse_sampling_accuracy(std::string_view);
std::string spellings_of_sampling_accuracy();

struct SamplingTarget {
    CategoryId category = kNoCategory;
    SamplingAccuracy accuracy = SamplingAccuracy::absolute;
    double accuracy_pct = 5.0;

    bool operator==(const SamplingTarget&) const = default;
};

// Times of day as written: "HH:MM", 00:00 to 24:00.
struct SamplingBreak {
    std::string start;
    std::string end;

    bool operator==(const SamplingBreak&) const = default;
};

struct SamplingDay {
    std::string date;  // "YYYY-MM-DD"
    std::string start;
    std::string end;
    std::vector<SamplingBreak> breaks{};

    bool operator==(const SamplingDay&) const = default;
};

// The request the rounds were drawn from and the rounds. Times are milliseconds from the origin:
// 00:00 of the first day at utc_offset, a fixed offset ("+01:00"; a change of daylight saving
// time within the study is not followed).
struct SamplingSchedule {
    std::uint64_t seed = 0;           // a decimal string in files: JSON numbers lose digits past 2^53
    std::string utc_offset = "+00:00";
    std::vector<SamplingDay> days{};  // in date order
    std::int64_t min_gap_ms = 0;
    std::int64_t max_gap_ms = 0;
    std::int64_t mean_gap_ms = 0;
    std::int64_t late_after_ms = 60'000;   // taken later than this after its time: late
    std::int64_t grace_ms = 15 * 60'000;   // not taken this long after its time: skipped
    std::vector<std::int64_t> rounds{};    // ascending; round k is rounds[k − 1]

    bool operator==(const SamplingSchedule&) const = default;
};

struct SamplingStudy {
    std::vector<SamplingSubject> subjects{};
    std::vector<SamplingCategory> categories{};
    std::optional<SamplingTarget> target{};
    // For the standard time from sampling: units the subjects produced over the study, the
    // observer's rating and the allowance (the convention is the settings').
    std::optional<double> units_produced{};
    double rating_pct = 100.0;
    double allowance_pct = 0.0;
    std::optional<SamplingSchedule> schedule{};

    const SamplingSubject* find_subject(SubjectId id) const;
    const SamplingCategory* find_category(CategoryId id) const;
    const SamplingCategory* category_with_key(std::string_view key) const;
    std::size_t round_count() const { return schedule ? schedule->rounds.size() : 0; }
    // The time of round k (1-based) from the origin; none for a round the schedule does not have.
    std::optional<std::int64_t> round_ms(std::int64_t round) const;

    bool operator==(const SamplingStudy&) const = default;
};

// The default categories: value-adding work (key 0), the eight wastes in DOWNTIME order
// (non-value-added, keys 1-8, as the walk's waste keys) and absent / not observable (key 9).
std::vector<SamplingCategory> default_sampling_categories();

// Times of day and dates as the schedule writes them.
std::optional<std::int64_t> minutes_of_day(std::string_view hh_mm);  // "07:30" → 450; 00:00-24:00
std::optional<std::int64_t> utc_offset_minutes(std::string_view offset);  // "+01:00" → 60, "-05:30" → -330
std::optional<std::int64_t> days_since_epoch(std::string_view date);  // "1970-01-02" → 1
std::string date_of_days(std::int64_t days_since_epoch);             // 1 → "1970-01-02"

// The request draw_schedule takes (core/sampling/schedule.hpp), times from the origin; empty when
// a date or time does not read (the file's checks name it first).
std::optional<sampling::ScheduleRequest> schedule_request(const SamplingSchedule& schedule);

// The origin in milliseconds since 1970-01-01T00:00:00Z; empty without days.
std::optional<std::int64_t> schedule_origin_ms(const SamplingSchedule& schedule);
// The origin (00:00 of the first day at the offset) in UTC as ISO 8601: "2026-11-30T23:00:00Z" for
// 2026-12-01 at +01:00. The wall clock at t_ms = 0; empty without days.
std::optional<std::string> schedule_origin_utc(const SamplingSchedule& schedule);

}  // namespace gemba
