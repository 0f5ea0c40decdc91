// The classic time-study helpers a step can keep (format version 3 on): the Westinghouse rating
// grades its rating came from, and the ILO allowance items its allowance was built from. The
// tables are the published ones (LEAN.md); a step keeps which grades and items were chosen, so a
// report can show where its rating and allowance came from.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gemba {

// ---------------------------------------------------------------------------------------------
// Westinghouse (Lowry–Maynard–Stegemerten) leveling: R = 100 % × (1 + skill + effort + conditions
// + consistency), each factor's value from its grade.
// ---------------------------------------------------------------------------------------------

enum class WestinghouseFactor : std::uint8_t { skill, effort, conditions, consistency };
inline constexpr std::array kWestinghouseFactors = {WestinghouseFactor::skill, WestinghouseFactor::effort,
                                                    WestinghouseFactor::conditions,
                                                    WestinghouseFactor::consistency};

struct WestinghouseGrade {
    std::string_view spelling;  // "B1", "D": as in files and tables
    std::string_view meaning;   // "Excellent", "Average"
    int hundredths;             // the factor's value × 100: B1 skill +11
};

// A factor's grades, best first (skill and effort: A1 … F2, eleven grades; conditions and
// consistency: A … F, six).
std::span<const WestinghouseGrade> westinghouse_grades(WestinghouseFactor factor);
// "skill", as in files.
std::string_view to_string(WestinghouseFactor factor);
// "Skill", for people.
std::string_view display_name(WestinghouseFactor factor);
// The grade's index in westinghouse_grades(factor); std::nullopt when the factor has no such grade.
std::optional<std::uint8_t> parse_westinghouse_grade(WestinghouseFactor factor, std::string_view spelling);
// Every grade of a factor, comma-separated, for messages.
std::string spellings_of_westinghouse_grades(WestinghouseFactor factor);

// The four grades of one rating. A new one is average on every factor (D: 100 %).
struct WestinghouseRating {
    // Indices into westinghouse_grades(factor), in kWestinghouseFactors order.
    std::array<std::uint8_t, 4> grade = {6, 6, 3, 3};

    const WestinghouseGrade& of(WestinghouseFactor factor) const;
    // Σ of the four values × 100: an integer, since every table value is in hundredths.
    int sum_hundredths() const;
    // The rating in percent: 100 + sum_hundredths(), exactly (B1 C2 D E: 111).
    double rating_pct() const { return 100.0 + sum_hundredths(); }

    bool operator==(const WestinghouseRating&) const = default;
};

// ---------------------------------------------------------------------------------------------
// ILO allowances (percent of normal time), added up into the step's allowance.
// ---------------------------------------------------------------------------------------------

enum class AllowanceFactor : std::uint8_t {
    personal,         // constant
    basic_fatigue,    // constant
    standing,         // variable from here on
    posture,
    lifting,
    light,
    atmosphere,
    close_attention,
    noise,
    mental_strain,
    monotony,
    tediousness,
};
inline constexpr std::size_t kAllowanceFactorCount = 12;

// How a factor's level is written in a file: `true` (an item taken or not), a word, or a number.
enum class AllowanceWritten : std::uint8_t { flag, word, number };

struct AllowanceLevel {
    std::string_view spelling;  // in files: the word ("awkward"); for numbers their text ("20")
    std::string_view label;     // for people: "Awkward (bending)", "20 lb (9.1 kg)"
    double number;              // for AllowanceWritten::number: the value written
    int pct;                    // the allowance it adds
};

struct AllowanceFactorInfo {
    AllowanceFactor factor;
    std::string_view key;    // the field in files: "posture", "lifting_lb"
    std::string_view label;  // "Abnormal position"
    AllowanceWritten written;
    bool constant;  // personal and basic fatigue: given to every step in the ILO scheme
    std::span<const AllowanceLevel> levels;
};

// Every factor, in table order.
std::span<const AllowanceFactorInfo> allowance_factors();
const AllowanceFactorInfo& allowance_factor(AllowanceFactor factor);

// The items chosen for one step: one level (or none) per factor.
struct AllowanceItems {
    // 0: the factor is not chosen; k: its levels[k − 1]. In allowance_factors() order.
    std::array<std::uint8_t, kAllowanceFactorCount> level{};

    bool any() const;
    const AllowanceLevel* chosen(AllowanceFactor factor) const;
    // Σ of the chosen items' percents: an integer.
    int total_pct() const;
    // Personal 5 % and basic fatigue 4 %, nothing else: where a builder starts.
    static AllowanceItems constant_only();

    bool operator==(const AllowanceItems&) const = default;
};

// ---------------------------------------------------------------------------------------------
// Where a rating or an allowance came from, for reports: one part per grade or item, and one line.
// ---------------------------------------------------------------------------------------------

struct HelperPart {
    std::string factor;  // "Skill", "Standing"
    std::string choice;  // "B1 Excellent", "Awkward (bending)"; a flag item: "yes"
    double value;        // rating: the factor's value as a fraction (+0.11); allowance: percent (2)
};

std::vector<HelperPart> rating_breakdown(const WestinghouseRating& rating);
// "skill B1 +0.11, effort C2 +0.02, conditions D 0.00, consistency E −0.02 → 1.11 = 111 %" (the
// texts put a no-break space before each %, so that a wrapped line keeps a number with its unit)
std::string rating_breakdown_text(const WestinghouseRating& rating);
std::vector<HelperPart> allowance_breakdown(const AllowanceItems& items);
// "personal 5 % + basic fatigue 4 % + standing 2 % = 11 %"; "" when nothing is chosen.
std::string allowance_breakdown_text(const AllowanceItems& items);

}  // namespace gemba
