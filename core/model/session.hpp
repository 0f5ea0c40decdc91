// The session: one gemba walk, its plan (steps, study settings) and its append-only event log.
//
// Everything recorded during and after a walk is an Event. The log is never rewritten: undo and
// redo are events too, and an undone event stays in the log, marked by the undo that targets it.
// What the log means (readings, tags, notes) is derived by replaying it (see log_state.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/improvement.hpp"
#include "core/model/sampling.hpp"
#include "core/model/study_helpers.hpp"

namespace gemba {

using StepId = std::int64_t;   // > 0; 0 means "no step"
using EventId = std::int64_t;  // > 0, strictly increasing in the log; 0 means "none"
using QueueId = std::int64_t;  // > 0; 0 means "no queue"
inline constexpr StepId kNoStep = 0;
inline constexpr QueueId kNoQueue = 0;
inline constexpr EventId kNoEvent = 0;
// Upper bound of any time in a session: about 317 years. Keeps every sum and difference of times
// far from overflow, whatever a file says.
inline constexpr std::int64_t kMaxTimeMs = 10'000'000'000'000;
// The largest cycle number a reading can carry, in memory and in files alike.
inline constexpr std::int64_t kMaxCycle = 1'000'000'000;

// ---------------------------------------------------------------------------------------------
// Enumerations. Each has a stable snake_case spelling used in files, CSV and JSON output.
// ---------------------------------------------------------------------------------------------

enum class ValueClass { value_added, necessary_non_value_added, non_value_added };
inline constexpr std::array kValueClasses = {ValueClass::value_added,
                                             ValueClass::necessary_non_value_added,
                                             ValueClass::non_value_added};

// The eight wastes in DOWNTIME order; the order is part of the product (keys 1-8, tallies).
enum class Waste : std::uint8_t {
    defects,
    overproduction,
    waiting,
    non_utilized_talent,
    transportation,
    inventory,
    motion,
    extra_processing,
};
inline constexpr std::array kWastes = {
    Waste::defects,   Waste::overproduction, Waste::waiting, Waste::non_utilized_talent,
    Waste::transportation, Waste::inventory, Waste::motion,  Waste::extra_processing,
};

// How allowances turn normal time into standard time (LEAN.md: textbooks use both).
enum class AllowanceConvention {
    on_job_time,  // ST = NT × (1 + A)
    on_workday,   // ST = NT ÷ (1 − A), A < 100 %
};

// How a confidence level becomes the z of the required-cycles formula.
enum class ZConvention {
    table,  // the rounded values of textbook tables: 90 % → 1.645, 95 % → 1.96, 99 % → 2.58 ...
    exact,  // the exact two-sided normal quantile: 95 % → 1.959964
};

// Which readings are flagged as possible outliers (flagged only; the observer decides).
enum class OutlierRule {
    iqr_1_5,     // below Q1 − 1.5·IQR or above Q3 + 1.5·IQR (Tukey's fences)
    mean_3_sd,   // farther than 3 sample standard deviations from the mean
};

// How the required number of cycles is computed (LEAN.md; a study setting, format version 3 on).
enum class RequiredCyclesMethod {
    z_sample_sd,  // n = (z·s / (a·x̄))², s the sample SD (divisor N − 1)
    traditional,  // n = ((z/a)·√(NΣx² − (Σx)²) / Σx)²: the population SD (divisor N), as Niebel and Barnes print it
    student_t,    // n = (t·s / (a·x̄))², t for N − 1 degrees of freedom at the confidence (not iterated)
};

enum class TimingMode {
    lap,          // one control: each tap ends the running step and starts the next
    independent,  // one toggle per step; any number may run at once
};

enum class EventKind : std::uint8_t {
    // During the walk
    step_start,   // step
    step_end,     // step
    lap,          // ended_step, step, new_cycle: ends the running step and starts the next
    cycle,        // a new cycle begins (independent timers; lap mode marks it on the lap)
    waste_tag,    // waste, [step], [text]: an instant waste
    waste_start,  // waste, [step], [text]: a timed waste begins
    waste_end,    // target = the waste_start
    note,         // text, [target]: a note on an event, or on the session when target is 0
    pause,
    resume,
    // Edits, during or after the walk
    exclude,         // target reading, text = reason
    include,         // target reading
    set_start,       // target reading, start_ms
    set_end,         // target reading, end_ms
    split,           // target reading, at_ms: the second part becomes a reading with this event's id
    insert_reading,  // step, cycle, start_ms, end_ms: a manual reading with this event's id
    remove,          // target reading, tag or note: soft delete
    restore,         // target reading, tag or note
    retag,           // target tag, waste, [step]
    edit_note,       // target note or tag, text
    // Undo and redo of any of the above
    undo,  // target
    redo,  // target
    // During the walk (format version 2 on)
    queue_count,  // queue, count: what waits in the queue now, as counted (a tap +1/−1 or typed)
    // A work sampling study (format version 5 on)
    observation,  // round, subject, category: what the subject was doing at the round
    round_skip,   // round, text: a round not taken, and why
};

// A tap of the walk itself (a step, a cycle, a waste, a pause or resume), not a note, an undo or a
// review edit: what the walk's clock and "the event current now" are about.
constexpr bool is_walk_tap(EventKind kind) {
    switch (kind) {
        case EventKind::step_start:
        case EventKind::step_end:
        case EventKind::lap:
        case EventKind::cycle:
        case EventKind::waste_tag:
        case EventKind::waste_start:
        case EventKind::waste_end:
        case EventKind::pause:
        case EventKind::resume:
        case EventKind::queue_count:
        case EventKind::observation:
        case EventKind::round_skip: return true;
        default: return false;
    }
}

std::string_view to_string(ValueClass);
std::string_view to_string(Waste);
std::string_view to_string(AllowanceConvention);
std::string_view to_string(ZConvention);
std::string_view to_string(OutlierRule);
std::string_view to_string(TimingMode);
std::string_view to_string(RequiredCyclesMethod);
std::string_view to_string(EventKind);

// A person's name for a waste: "Non-utilized talent".
std::string_view display_name(Waste);
// A person's name for a value class: "Value-added".
std::string_view display_name(ValueClass);

// Parse the snake_case spelling; std::nullopt when unknown.
std::optional<ValueClass> parse_value_class(std::string_view);
std::optional<Waste> parse_waste(std::string_view);
std::optional<AllowanceConvention> parse_allowance_convention(std::string_view);
std::optional<ZConvention> parse_z_convention(std::string_view);
std::optional<OutlierRule> parse_outlier_rule(std::string_view);
std::optional<TimingMode> parse_timing_mode(std::string_view);
std::optional<RequiredCyclesMethod> parse_required_cycles_method(std::string_view);
std::optional<EventKind> parse_event_kind(std::string_view);

// Every spelling of an enum, comma-separated, for error messages.
std::string spellings_of_value_class();
std::string spellings_of_waste();
std::string spellings_of_allowance_convention();
std::string spellings_of_z_convention();
std::string spellings_of_outlier_rule();
std::string spellings_of_timing_mode();
std::string spellings_of_required_cycles_method();
std::string spellings_of_event_kind();

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

struct Step {
    StepId id = kNoStep;
    std::string name;
    ValueClass value_class = ValueClass::value_added;
    double rating_pct = 100.0;    // performance rating R, 100 = normal pace
    double allowance_pct = 0.0;   // allowance A for personal, fatigue and delay time

    // What a value stream map's process box carries (format version 2 on): who touches the step
    // (roles, teams or people), what happens in it, and the optional process data of its data box.
    // ({} initialisers: a step written {id, name, class} leaves them empty without a warning.)
    std::vector<std::string> touched_by{};
    std::string what_happens{};
    std::optional<std::int64_t> changeover_ms{};
    std::optional<double> uptime_pct{};
    std::optional<std::int64_t> people{};
    std::optional<std::int64_t> shifts{};
    std::optional<std::int64_t> batch_size{};

    // Where the rating and the allowance came from (format version 3 on). With grades, rating_pct
    // is their rating (set_westinghouse); a rating typed by hand clears them. With items chosen,
    // allowance_pct is their sum (set_allowance_items); an allowance typed by hand clears them.
    std::optional<WestinghouseRating> westinghouse{};
    AllowanceItems allowance_items{};

    void set_westinghouse(const WestinghouseRating& grades) {
        westinghouse = grades;
        rating_pct = grades.rating_pct();
    }
    void set_allowance_items(const AllowanceItems& items) {
        allowance_items = items;
        if (items.any()) allowance_pct = items.total_pct();
    }
    // A rating or allowance typed by hand: it no longer comes from the helpers.
    void set_typed_rating(double pct) {
        rating_pct = pct;
        westinghouse.reset();
    }
    void set_typed_allowance(double pct) {
        allowance_pct = pct;
        allowance_items = {};
    }

    bool operator==(const Step&) const = default;
};

// A place where work waits before a step (format version 2 on): an inventory triangle, an inbox, a
// column of a board. What it holds is counted on the walk (EventKind::queue_count).
struct Queue {
    QueueId id = kNoQueue;
    std::string name{};
    StepId before_step = kNoStep;             // the step it feeds
    std::optional<std::int64_t> wip_limit{};  // the most it should hold; none: no limit

    bool operator==(const Queue&) const = default;
};

struct StudySettings {
    TimingMode timing_mode = TimingMode::lap;
    AllowanceConvention allowance_convention = AllowanceConvention::on_job_time;
    // Confidence for the required number of cycles: a level, or z given directly (z wins).
    double confidence_pct = 95.0;
    ZConvention z_convention = ZConvention::table;
    std::optional<double> z;
    double accuracy_pct = 5.0;  // ± a, as a share of the mean
    // ± e in milliseconds: when set, required cycles use n = ⌈(z·s / e)²⌉ instead of accuracy_pct.
    std::optional<double> accuracy_ms;
    OutlierRule outlier_rule = OutlierRule::iqr_1_5;
    RequiredCyclesMethod required_cycles_method = RequiredCyclesMethod::z_sample_sd;
    // The customer side: available working time in a working day (breaks excluded) and the demand
    // in it. Takt = available ÷ demand; a value stream's days of inventory = count ÷ demand, its
    // lead time in days = lead time ÷ available time. (Format 1 said "a period": read as a day.)
    std::optional<std::int64_t> takt_available_ms;
    std::optional<double> takt_demand_units;
    // A second tap on the same control within this window is ignored.
    std::int64_t debounce_ms = 150;
};

// ---------------------------------------------------------------------------------------------
// The log
// ---------------------------------------------------------------------------------------------

// An event's text, held out of line: most events have none, and a log of millions of events should
// not carry a std::string in each. A copy copies the text; an empty text allocates nothing.
class EventText {
public:
    EventText() = default;
    EventText(const EventText& other) { assign(other.view()); }
    EventText(EventText&&) noexcept = default;
    EventText& operator=(const EventText& other) {
        if (this != &other) assign(other.view());
        return *this;
    }
    EventText& operator=(EventText&&) noexcept = default;
    EventText& operator=(std::string text) {
        if (text.empty()) text_.reset();
        else if (text_) *text_ = std::move(text);
        else text_ = std::make_unique<std::string>(std::move(text));
        return *this;
    }
    void assign(std::string_view text) { *this = std::string(text); }

    bool empty() const { return !text_ || text_->empty(); }
    std::string_view view() const { return text_ ? std::string_view(*text_) : std::string_view(); }
    std::string str() const { return std::string(view()); }
    // The text to fill in place (a reader decoding into it).
    std::string& edit() {
        if (!text_) text_ = std::make_unique<std::string>();
        return *text_;
    }

    friend bool operator==(const EventText& a, const EventText& b) { return a.view() == b.view(); }
    friend bool operator==(const EventText& a, std::string_view b) { return a.view() == b; }

private:
    std::unique_ptr<std::string> text_;
};

// One entry of the log, in 64 bytes: a session can hold millions. Which fields carry meaning depends
// on the kind (see EventKind); the rest keep their defaults and are not written to files.
//
// The numbers that only one or two kinds carry share places, two fields to a place, no kind having
// both: they are read and set through their named accessors, and a field read on an event of a
// kind without it is 0. Names in files map to places in one table alone, the event field table
// (core/model/event_fields.hpp); event_fields.cpp checks at compile time that it puts the fields
// where these accessors read them, and that no kind has two fields in one place.
struct Event {
    EventId id = kNoEvent;
    std::int64_t t_ms = 0;  // session clock when recorded: monotonic, pauses included
    StepId step = kNoStep;
    EventId target = kNoEvent;
    EventText text;

private:
    // Declared here, between the 8-byte fields and the 1-byte ones, so that nothing is padded.
    friend struct EventPlaces;  // the event field table's view of where each field lives
    std::int64_t start_ms_or_at_ms_ = 0;
    std::int64_t end_ms_or_ended_step_ = 0;
    std::int32_t cycle_ = 0;

public:
    EventKind kind = EventKind::note;
    Waste waste = Waste::defects;
    bool new_cycle = false;

    // set_start, insert_reading
    std::int64_t start_ms() const {
        return kind == EventKind::split || kind == EventKind::observation ? 0 : start_ms_or_at_ms_;
    }
    void set_start_ms(std::int64_t ms) { start_ms_or_at_ms_ = ms; }
    // split: where the reading is cut
    std::int64_t at_ms() const { return kind == EventKind::split ? start_ms_or_at_ms_ : 0; }
    void set_at_ms(std::int64_t ms) { start_ms_or_at_ms_ = ms; }
    // set_end, insert_reading
    std::int64_t end_ms() const {
        return kind == EventKind::lap || kind == EventKind::queue_count || kind == EventKind::observation
                   ? 0
                   : end_ms_or_ended_step_;
    }
    void set_end_ms(std::int64_t ms) { end_ms_or_ended_step_ = ms; }
    // lap: the step it ends
    StepId ended_step() const { return kind == EventKind::lap ? end_ms_or_ended_step_ : kNoStep; }
    void set_ended_step(StepId step_ended) { end_ms_or_ended_step_ = step_ended; }
    // queue_count: the queue counted (in ended_step's place) and what it held (in cycle's)
    QueueId queue() const { return kind == EventKind::queue_count ? end_ms_or_ended_step_ : kNoQueue; }
    void set_queue(QueueId counted) { end_ms_or_ended_step_ = counted; }
    std::int64_t count() const { return kind == EventKind::queue_count ? cycle_ : 0; }
    void set_count(std::int64_t units) { set_cycle(units); }
    // observation, round_skip: the round (1-based, in cycle's place); observation: the subject seen
    // (in ended_step's place) and the category it was in (in start_ms's place)
    std::int64_t round() const { return is_round_kind() ? cycle_ : kNoRound; }
    void set_round(std::int64_t number) { set_cycle(number); }
    SubjectId subject() const { return kind == EventKind::observation ? end_ms_or_ended_step_ : kNoSubject; }
    void set_subject(SubjectId seen) { end_ms_or_ended_step_ = seen; }
    CategoryId category() const { return kind == EventKind::observation ? start_ms_or_at_ms_ : kNoCategory; }
    void set_category(CategoryId in) { start_ms_or_at_ms_ = in; }
    bool is_round_kind() const { return kind == EventKind::observation || kind == EventKind::round_skip; }
    // insert_reading: the reading's cycle. Kept in 32 bits (files allow up to kMaxCycle); a number
    // beyond them is kept as the nearest 32-bit one, out of range all the same.
    std::int64_t cycle() const { return is_round_kind() || kind == EventKind::queue_count ? 0 : cycle_; }
    void set_cycle(std::int64_t cycle) {
        cycle_ = static_cast<std::int32_t>(std::clamp<std::int64_t>(cycle, std::numeric_limits<std::int32_t>::min(),
                                                                      std::numeric_limits<std::int32_t>::max()));
    }

    bool operator==(const Event&) const = default;
};
static_assert(sizeof(Event) <= 64, "a session holds millions of events");
static_assert(kMaxCycle <= std::numeric_limits<std::int32_t>::max(), "a cycle fits Event's 32 bits");

// What a walk sets out to observe (the header, the study settings, the steps and queues) and what
// it led to (the improvement). A plan edit changes only this part, so it can be journaled without
// the log.
struct Plan {
    std::string title;
    std::string process;
    std::string area;
    std::string observer;
    std::string notes;
    std::string started_at;  // wall clock at t_ms = 0, UTC, ISO 8601 ("2026-11-27T08:30:00Z")
    StudySettings settings;
    std::vector<Step> steps;
    std::vector<Queue> queues{};  // in the order they are listed; each names the step it feeds
    // What the walk led to (format version 4 on): problems, their whys and ideas, the actions.
    Improvement improvement{};
    // A time study (the steps) or a work sampling study (format version 5 on: `sampling`; a
    // sampling plan may have no steps).
    StudyKind study = StudyKind::time_study;
    SamplingStudy sampling{};

    const Step* find_step(StepId id) const;
    StepId next_step_id() const;
    const Queue* find_queue(QueueId id) const;
    QueueId next_queue_id() const;
};

// One walk: its plan and its append-only event log.
struct Session : Plan {
    std::vector<Event> events{};

    Plan& plan() { return *this; }
    const Plan& plan() const { return *this; }
    EventId next_event_id() const;
};

// The current UTC wall-clock time as ISO 8601 with seconds ("2026-11-27T08:30:00Z").
std::string utc_now_iso8601();
// True for a calendar date "YYYY-MM-DD" that exists (2027-02-29 does not).
bool is_iso8601_date(std::string_view);
// True for "YYYY-MM-DDTHH:MM:SS[.fff]Z" or with a "+HH:MM"/"-HH:MM" offset, with valid ranges.
bool is_iso8601_datetime(std::string_view);

}  // namespace gemba
