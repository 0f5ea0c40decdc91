#include "core/model/study_helpers.hpp"

#include <cmath>
#include <cstdio>

namespace gemba {
namespace {

// The Westinghouse leveling table (Lowry, Maynard and Stegemerten, "Time and Motion Study", 1940),
// as Niebel and Freivalds reprint it; values × 100.
constexpr WestinghouseGrade kSkill[] = {
    {"A1", "Superskill", 15}, {"A2", "Superskill", 13}, {"B1", "Excellent", 11}, {"B2", "Excellent", 8},
    {"C1", "Good", 6},        {"C2", "Good", 3},        {"D", "Average", 0},     {"E1", "Fair", -5},
    {"E2", "Fair", -10},      {"F1", "Poor", -16},      {"F2", "Poor", -22},
};
constexpr WestinghouseGrade kEffort[] = {
    {"A1", "Excessive", 13}, {"A2", "Excessive", 12}, {"B1", "Excellent", 10}, {"B2", "Excellent", 8},
    {"C1", "Good", 5},       {"C2", "Good", 2},       {"D", "Average", 0},     {"E1", "Fair", -4},
    {"E2", "Fair", -8},      {"F1", "Poor", -12},     {"F2", "Poor", -17},
};
constexpr WestinghouseGrade kConditions[] = {
    {"A", "Ideal", 6}, {"B", "Excellent", 4}, {"C", "Good", 2}, {"D", "Average", 0}, {"E", "Fair", -3}, {"F", "Poor", -7},
};
constexpr WestinghouseGrade kConsistency[] = {
    {"A", "Perfect", 4}, {"B", "Excellent", 3}, {"C", "Good", 1}, {"D", "Average", 0}, {"E", "Fair", -2}, {"F", "Poor", -4},
};

// The ILO recommended allowances (percent of normal time), as reprinted in Freivalds & Niebel,
// "Niebel's Methods, Standards, and Work Design", 12th ed. (2009), chapter on allowances, and in
// Kanawaty (ed.), "Introduction to Work Study", ILO, 4th ed. (1992). The weight lifted is in pounds
// as Niebel prints it (the ILO rows are the same weights in kilograms, rounded: 5 lb ≈ 2.5 kg);
// people see both.
constexpr AllowanceLevel kPersonal[] = {{"yes", "Yes", 0, 5}};
constexpr AllowanceLevel kBasicFatigue[] = {{"yes", "Yes", 0, 4}};
constexpr AllowanceLevel kStanding[] = {{"yes", "Yes", 0, 2}};
constexpr AllowanceLevel kPosture[] = {
    {"slightly_awkward", "Slightly awkward", 0, 0},
    {"awkward", "Awkward (bending)", 0, 2},
    {"very_awkward", "Very awkward (lying, stretching)", 0, 7},
};
constexpr AllowanceLevel kLifting[] = {
    {"5", "5 lb (2.3 kg)", 5, 0},     {"10", "10 lb (4.5 kg)", 10, 1},  {"15", "15 lb (6.8 kg)", 15, 2},
    {"20", "20 lb (9.1 kg)", 20, 3},  {"25", "25 lb (11.3 kg)", 25, 4}, {"30", "30 lb (13.6 kg)", 30, 5},
    {"35", "35 lb (15.9 kg)", 35, 7}, {"40", "40 lb (18.1 kg)", 40, 9}, {"45", "45 lb (20.4 kg)", 45, 11},
    {"50", "50 lb (22.7 kg)", 50, 13}, {"60", "60 lb (27.2 kg)", 60, 17}, {"70", "70 lb (31.8 kg)", 70, 22},
};
constexpr AllowanceLevel kLight[] = {
    {"slightly_below", "Slightly below recommended", 0, 0},
    {"well_below", "Well below", 0, 2},
    {"quite_inadequate", "Quite inadequate", 0, 5},
};
// Heat and humidity: the ILO table gives 0 to 10 % by a cooling-power reading; the observer picks it.
constexpr AllowanceLevel kAtmosphere[] = {
    {"0", "0 %", 0, 0}, {"1", "1 %", 1, 1}, {"2", "2 %", 2, 2}, {"3", "3 %", 3, 3},
    {"4", "4 %", 4, 4}, {"5", "5 %", 5, 5}, {"6", "6 %", 6, 6}, {"7", "7 %", 7, 7},
    {"8", "8 %", 8, 8}, {"9", "9 %", 9, 9}, {"10", "10 %", 10, 10},
};
constexpr AllowanceLevel kCloseAttention[] = {
    {"fairly_fine", "Fairly fine work", 0, 0},
    {"fine", "Fine or exacting", 0, 2},
    {"very_fine", "Very fine or very exacting", 0, 5},
};
constexpr AllowanceLevel kNoise[] = {
    {"continuous", "Continuous", 0, 0},
    {"intermittent_loud", "Intermittent, loud", 0, 2},
    {"intermittent_very_loud", "Intermittent, very loud", 0, 5},
    {"high_pitched_loud", "High-pitched, loud", 0, 5},
};
constexpr AllowanceLevel kMentalStrain[] = {
    {"fairly_complex", "Fairly complex process", 0, 1},
    {"complex", "Complex or wide span of attention", 0, 4},
    {"very_complex", "Very complex", 0, 8},
};
constexpr AllowanceLevel kMonotony[] = {
    {"low", "Low", 0, 0},
    {"medium", "Medium", 0, 1},
    {"high", "High", 0, 4},
};
constexpr AllowanceLevel kTediousness[] = {
    {"rather_tedious", "Rather tedious", 0, 0},
    {"tedious", "Tedious", 0, 2},
    {"very_tedious", "Very tedious", 0, 5},
};

using W = AllowanceWritten;
constexpr AllowanceFactorInfo kAllowanceFactors[] = {
    {AllowanceFactor::personal, "personal", "Personal needs", W::flag, true, kPersonal},
    {AllowanceFactor::basic_fatigue, "basic_fatigue", "Basic fatigue", W::flag, true, kBasicFatigue},
    {AllowanceFactor::standing, "standing", "Standing", W::flag, false, kStanding},
    {AllowanceFactor::posture, "posture", "Abnormal position", W::word, false, kPosture},
    {AllowanceFactor::lifting, "lifting_lb", "Lifting (weight)", W::number, false, kLifting},
    {AllowanceFactor::light, "light", "Bad light", W::word, false, kLight},
    {AllowanceFactor::atmosphere, "atmosphere_pct", "Atmosphere (heat, humidity)", W::number, false, kAtmosphere},
    {AllowanceFactor::close_attention, "close_attention", "Close attention", W::word, false, kCloseAttention},
    {AllowanceFactor::noise, "noise", "Noise", W::word, false, kNoise},
    {AllowanceFactor::mental_strain, "mental_strain", "Mental strain", W::word, false, kMentalStrain},
    {AllowanceFactor::monotony, "monotony", "Monotony", W::word, false, kMonotony},
    {AllowanceFactor::tediousness, "tediousness", "Tediousness", W::word, false, kTediousness},
};
static_assert(std::size(kAllowanceFactors) == kAllowanceFactorCount);

constexpr bool factors_in_enum_order() {
    for (std::size_t i = 0; i < std::size(kAllowanceFactors); ++i)
        if (static_cast<std::size_t>(kAllowanceFactors[i].factor) != i) return false;
    return true;
}
static_assert(factors_in_enum_order(), "AllowanceItems::level is indexed by the factor");

// "+0.11", "0.00", "−0.02" (a true minus sign: it reads as one at arm's length).
std::string signed_fraction(int hundredths) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%d.%02d", std::abs(hundredths) / 100, std::abs(hundredths) % 100);
    if (hundredths > 0) return std::string("+") + digits;
    if (hundredths < 0) return std::string("\u2212") + digits;
    return digits;
}

// " %" with a no-break space: a number and its unit stay on one line when the text wraps.
constexpr const char* kPercent = "\u00a0%";

}  // namespace

std::span<const WestinghouseGrade> westinghouse_grades(WestinghouseFactor factor) {
    switch (factor) {
        case WestinghouseFactor::skill: return kSkill;
        case WestinghouseFactor::effort: return kEffort;
        case WestinghouseFactor::conditions: return kConditions;
        case WestinghouseFactor::consistency: break;
    }
    return kConsistency;
}

std::string_view to_string(WestinghouseFactor factor) {
    switch (factor) {
        case WestinghouseFactor::skill: return "skill";
        case WestinghouseFactor::effort: return "effort";
        case WestinghouseFactor::conditions: return "conditions";
        case WestinghouseFactor::consistency: break;
    }
    return "consistency";
}

std::string_view display_name(WestinghouseFactor factor) {
    switch (factor) {
        case WestinghouseFactor::skill: return "Skill";
        case WestinghouseFactor::effort: return "Effort";
        case WestinghouseFactor::conditions: return "Conditions";
        case WestinghouseFactor::consistency: break;
    }
    return "Consistency";
}

std::optional<std::uint8_t> parse_westinghouse_grade(WestinghouseFactor factor, std::string_view spelling) {
    const auto grades = westinghouse_grades(factor);
    for (std::size_t i = 0; i < grades.size(); ++i)
        if (grades[i].spelling == spelling) return static_cast<std::uint8_t>(i);
    return std::nullopt;
}

std::string spellings_of_westinghouse_grades(WestinghouseFactor factor) {
    std::string out;
    for (const WestinghouseGrade& grade : westinghouse_grades(factor)) {
        if (!out.empty()) out += ", ";
        out += grade.spelling;
    }
    return out;
}

const WestinghouseGrade& WestinghouseRating::of(WestinghouseFactor factor) const {
    const auto grades = westinghouse_grades(factor);
    const std::size_t index = grade[static_cast<std::size_t>(factor)];
    return grades[index < grades.size() ? index : 0];
}

int WestinghouseRating::sum_hundredths() const {
    int sum = 0;
    for (WestinghouseFactor factor : kWestinghouseFactors) sum += of(factor).hundredths;
    return sum;
}

std::span<const AllowanceFactorInfo> allowance_factors() { return kAllowanceFactors; }

const AllowanceFactorInfo& allowance_factor(AllowanceFactor factor) {
    return kAllowanceFactors[static_cast<std::size_t>(factor)];
}

bool AllowanceItems::any() const {
    for (std::uint8_t chosen_level : level)
        if (chosen_level != 0) return true;
    return false;
}

const AllowanceLevel* AllowanceItems::chosen(AllowanceFactor factor) const {
    const std::size_t at = static_cast<std::size_t>(factor);
    const std::span<const AllowanceLevel> levels = kAllowanceFactors[at].levels;
    if (level[at] == 0 || level[at] > levels.size()) return nullptr;
    return &levels[level[at] - 1U];
}

int AllowanceItems::total_pct() const {
    int total = 0;
    for (const AllowanceFactorInfo& info : kAllowanceFactors)
        if (const AllowanceLevel* item = chosen(info.factor)) total += item->pct;
    return total;
}

AllowanceItems AllowanceItems::constant_only() {
    AllowanceItems items;
    items.level[static_cast<std::size_t>(AllowanceFactor::personal)] = 1;
    items.level[static_cast<std::size_t>(AllowanceFactor::basic_fatigue)] = 1;
    return items;
}

std::vector<HelperPart> rating_breakdown(const WestinghouseRating& rating) {
    std::vector<HelperPart> parts;
    for (WestinghouseFactor factor : kWestinghouseFactors) {
        const WestinghouseGrade& grade = rating.of(factor);
        parts.push_back({std::string(display_name(factor)),
                         std::string(grade.spelling) + " " + std::string(grade.meaning), grade.hundredths / 100.0});
    }
    return parts;
}

std::string rating_breakdown_text(const WestinghouseRating& rating) {
    std::string out;
    for (WestinghouseFactor factor : kWestinghouseFactors) {
        const WestinghouseGrade& grade = rating.of(factor);
        if (!out.empty()) out += ", ";
        out += std::string(to_string(factor)) + " " + std::string(grade.spelling) + " " + signed_fraction(grade.hundredths);
    }
    const int sum = rating.sum_hundredths();
    char total[16];
    std::snprintf(total, sizeof total, "%d.%02d", (100 + sum) / 100, (100 + sum) % 100);  // sums stay above −1
    // No-break spaces inside the result, so that a wrapped line never splits "1.11 = 111 %".
    return out + " \u2192 " + total + "\u00a0=\u00a0" + std::to_string(100 + sum) + kPercent;
}

std::vector<HelperPart> allowance_breakdown(const AllowanceItems& items) {
    std::vector<HelperPart> parts;
    for (const AllowanceFactorInfo& info : kAllowanceFactors)
        if (const AllowanceLevel* item = items.chosen(info.factor))
            parts.push_back({std::string(info.label), std::string(item->label), static_cast<double>(item->pct)});
    return parts;
}

std::string allowance_breakdown_text(const AllowanceItems& items) {
    std::string out;
    for (const AllowanceFactorInfo& info : kAllowanceFactors) {
        const AllowanceLevel* item = items.chosen(info.factor);
        if (!item) continue;
        if (!out.empty()) out += " + ";
        std::string name(info.label);
        // A level whose label is only its percent (atmosphere) says nothing more in brackets.
        const bool label_is_pct = item->label == std::to_string(item->pct) + " %";
        if (info.written != AllowanceWritten::flag && !label_is_pct) name += " (" + std::string(item->label) + ")";
        out += name + " " + std::to_string(item->pct) + kPercent;
    }
    if (out.empty()) return out;
    return out + " = " + std::to_string(items.total_pct()) + kPercent;
}

}  // namespace gemba
