#include "core/model/session.hpp"

#include "core/model/spellings.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <utility>

namespace gemba {
namespace {

using spellings::list_of;
using spellings::name_in;
using spellings::parse_in;

constexpr auto kValueClassNames = std::to_array<std::pair<ValueClass, std::string_view>>({
    {ValueClass::value_added, "value_added"},
    {ValueClass::necessary_non_value_added, "necessary_non_value_added"},
    {ValueClass::non_value_added, "non_value_added"},
});
constexpr auto kWasteNames = std::to_array<std::pair<Waste, std::string_view>>({
    {Waste::defects, "defects"},
    {Waste::overproduction, "overproduction"},
    {Waste::waiting, "waiting"},
    {Waste::non_utilized_talent, "non_utilized_talent"},
    {Waste::transportation, "transportation"},
    {Waste::inventory, "inventory"},
    {Waste::motion, "motion"},
    {Waste::extra_processing, "extra_processing"},
});
constexpr auto kAllowanceConventionNames = std::to_array<std::pair<AllowanceConvention, std::string_view>>({
    {AllowanceConvention::on_job_time, "on_job_time"},
    {AllowanceConvention::on_workday, "on_workday"},
});
constexpr auto kZConventionNames = std::to_array<std::pair<ZConvention, std::string_view>>({
    {ZConvention::table, "table"},
    {ZConvention::exact, "exact"},
});
constexpr auto kOutlierRuleNames = std::to_array<std::pair<OutlierRule, std::string_view>>({
    {OutlierRule::iqr_1_5, "iqr_1_5"},
    {OutlierRule::mean_3_sd, "mean_3_sd"},
});
constexpr auto kTimingModeNames = std::to_array<std::pair<TimingMode, std::string_view>>({
    {TimingMode::lap, "lap"},
    {TimingMode::independent, "independent"},
});
constexpr auto kRequiredCyclesMethodNames = std::to_array<std::pair<RequiredCyclesMethod, std::string_view>>({
    {RequiredCyclesMethod::z_sample_sd, "z_sample_sd"},
    {RequiredCyclesMethod::traditional, "traditional"},
    {RequiredCyclesMethod::student_t, "student_t"},
});
constexpr auto kEventKindNames = std::to_array<std::pair<EventKind, std::string_view>>({
    {EventKind::step_start, "step_start"},
    {EventKind::step_end, "step_end"},
    {EventKind::lap, "lap"},
    {EventKind::cycle, "cycle"},
    {EventKind::waste_tag, "waste_tag"},
    {EventKind::waste_start, "waste_start"},
    {EventKind::waste_end, "waste_end"},
    {EventKind::note, "note"},
    {EventKind::pause, "pause"},
    {EventKind::resume, "resume"},
    {EventKind::exclude, "exclude"},
    {EventKind::include, "include"},
    {EventKind::set_start, "set_start"},
    {EventKind::set_end, "set_end"},
    {EventKind::split, "split"},
    {EventKind::insert_reading, "insert_reading"},
    {EventKind::remove, "remove"},
    {EventKind::restore, "restore"},
    {EventKind::retag, "retag"},
    {EventKind::edit_note, "edit_note"},
    {EventKind::undo, "undo"},
    {EventKind::redo, "redo"},
    {EventKind::queue_count, "queue_count"},
    {EventKind::observation, "observation"},
    {EventKind::round_skip, "round_skip"},
});

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

}  // namespace

std::string_view to_string(ValueClass v) { return name_in(kValueClassNames, v); }
std::string_view to_string(Waste v) { return name_in(kWasteNames, v); }
std::string_view to_string(AllowanceConvention v) { return name_in(kAllowanceConventionNames, v); }
std::string_view to_string(ZConvention v) { return name_in(kZConventionNames, v); }
std::string_view to_string(OutlierRule v) { return name_in(kOutlierRuleNames, v); }
std::string_view to_string(TimingMode v) { return name_in(kTimingModeNames, v); }
std::string_view to_string(RequiredCyclesMethod v) { return name_in(kRequiredCyclesMethodNames, v); }
std::string_view to_string(EventKind v) { return name_in(kEventKindNames, v); }

std::string_view display_name(Waste w) {
    switch (w) {
        case Waste::defects: return "Defects";
        case Waste::overproduction: return "Overproduction";
        case Waste::waiting: return "Waiting";
        case Waste::non_utilized_talent: return "Non-utilized talent";
        case Waste::transportation: return "Transportation";
        case Waste::inventory: return "Inventory";
        case Waste::motion: return "Motion";
        case Waste::extra_processing: return "Extra-processing";
    }
    return "?";
}

std::string_view display_name(ValueClass v) {
    switch (v) {
        case ValueClass::value_added: return "Value-added";
        case ValueClass::necessary_non_value_added: return "Necessary non-value-added";
        case ValueClass::non_value_added: return "Non-value-added";
    }
    return "?";
}

std::optional<ValueClass> parse_value_class(std::string_view s) { return parse_in(kValueClassNames, s); }
std::optional<Waste> parse_waste(std::string_view s) { return parse_in(kWasteNames, s); }
std::optional<AllowanceConvention> parse_allowance_convention(std::string_view s) {
    return parse_in(kAllowanceConventionNames, s);
}
std::optional<ZConvention> parse_z_convention(std::string_view s) { return parse_in(kZConventionNames, s); }
std::optional<OutlierRule> parse_outlier_rule(std::string_view s) { return parse_in(kOutlierRuleNames, s); }
std::optional<TimingMode> parse_timing_mode(std::string_view s) { return parse_in(kTimingModeNames, s); }
std::optional<RequiredCyclesMethod> parse_required_cycles_method(std::string_view s) {
    return parse_in(kRequiredCyclesMethodNames, s);
}
std::optional<EventKind> parse_event_kind(std::string_view s) { return parse_in(kEventKindNames, s); }

std::string spellings_of_value_class() { return list_of(kValueClassNames); }
std::string spellings_of_waste() { return list_of(kWasteNames); }
std::string spellings_of_allowance_convention() { return list_of(kAllowanceConventionNames); }
std::string spellings_of_z_convention() { return list_of(kZConventionNames); }
std::string spellings_of_outlier_rule() { return list_of(kOutlierRuleNames); }
std::string spellings_of_timing_mode() { return list_of(kTimingModeNames); }
std::string spellings_of_required_cycles_method() { return list_of(kRequiredCyclesMethodNames); }
std::string spellings_of_event_kind() { return list_of(kEventKindNames); }

const Step* Plan::find_step(StepId id) const {
    auto it = std::find_if(steps.begin(), steps.end(), [id](const Step& s) { return s.id == id; });
    return it == steps.end() ? nullptr : &*it;
}

StepId Plan::next_step_id() const {
    StepId max_id = 0;
    for (const Step& s : steps) max_id = std::max(max_id, s.id);
    return max_id + 1;
}

const Queue* Plan::find_queue(QueueId id) const {
    auto it = std::find_if(queues.begin(), queues.end(), [id](const Queue& q) { return q.id == id; });
    return it == queues.end() ? nullptr : &*it;
}

QueueId Plan::next_queue_id() const {
    QueueId max_id = 0;
    for (const Queue& q : queues) max_id = std::max(max_id, q.id);
    return max_id + 1;
}

EventId Session::next_event_id() const { return events.empty() ? 1 : events.back().id + 1; }

std::string utc_now_iso8601() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

bool is_iso8601_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    const std::string_view year = s.substr(0, 4), month = s.substr(5, 2), day = s.substr(8, 2);
    for (auto part : {year, month, day})
        if (!all_digits(part)) return false;
    const int m = number(month), d = number(day), y = number(year);
    static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > kDaysIn[m - 1]) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

bool is_iso8601_datetime(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS
    if (s.size() < 20 || !is_iso8601_date(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return false;
    const std::string_view hour = s.substr(11, 2), minute = s.substr(14, 2), second = s.substr(17, 2);
    for (auto part : {hour, minute, second})
        if (!all_digits(part)) return false;
    if (number(hour) > 23 || number(minute) > 59 || number(second) > 60) return false;

    std::string_view rest = s.substr(19);
    if (!rest.empty() && rest[0] == '.') {
        std::size_t digits = 1;
        while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
        if (digits == 1) return false;
        rest = rest.substr(digits);
    }
    if (rest == "Z") return true;
    if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return false;
    const std::string_view off_h = rest.substr(1, 2), off_m = rest.substr(4, 2);
    return all_digits(off_h) && all_digits(off_m) && number(off_h) <= 23 && number(off_m) <= 59;
}

}  // namespace gemba
