// Steps of several walks match by their name's key, never by id or position.
#include <doctest/doctest.h>

#include "core/model/step_name.hpp"

using namespace gemba;

TEST_CASE("a step's match key: trimmed, inner white space as one space, ASCII letters in lower case") {
    CHECK(step_match_key("  Fasten   4 screws ") == "fasten 4 screws");
    CHECK(step_match_key("fasten\t4\nSCREWS") == "fasten 4 screws");
    CHECK(step_match_key("Prüfen") == "prüfen");  // bytes beyond ASCII as they are
    CHECK(step_match_key("") == "");
    CHECK(step_match_key("   ") == "");
}

TEST_CASE("steps match by key across plans: reordered and renumbered steps match, the rest are listed") {
    Plan before, after;
    before.steps = {{1, "Pick", ValueClass::value_added}, {2, "Fasten", ValueClass::value_added},
                    {3, "Inspect", ValueClass::value_added}, {4, "Rework", ValueClass::value_added}};
    // Reordered and renumbered; Inspect renamed; a new step; Rework gone.
    after.steps = {{7, "fasten ", ValueClass::value_added}, {3, "PICK", ValueClass::value_added},
                   {5, "Check", ValueClass::value_added}, {6, "Label", ValueClass::value_added}};
    const StepMatching m = match_steps({&before, &after});
    REQUIRE(m.matched.size() == 2);
    CHECK(m.matched[0].key == "pick");
    CHECK(m.matched[0].steps == std::vector<StepId>{1, 3});
    CHECK(m.matched[1].key == "fasten");
    CHECK(m.matched[1].steps == std::vector<StepId>{2, 7});
    REQUIRE(m.unmatched.size() == 4);
    CHECK(m.unmatched[0].key == "inspect");
    CHECK(m.unmatched[0].steps == std::vector<StepId>{3, kNoStep});
    CHECK(m.unmatched[1].key == "rework");
    CHECK(m.unmatched[2].key == "check");
    CHECK(m.unmatched[2].steps == std::vector<StepId>{kNoStep, 5});
    CHECK(m.unmatched[3].key == "label");
    CHECK(m.ambiguous.empty());
}

TEST_CASE("a name used twice in one plan is ambiguous: never matched, its steps listed per plan") {
    Plan a, b, c;
    a.steps = {{1, "Walk", ValueClass::non_value_added}, {2, "Fasten", ValueClass::value_added},
               {3, "walk", ValueClass::non_value_added}};
    b.steps = {{1, "Walk", ValueClass::non_value_added}, {2, "Fasten", ValueClass::value_added}};
    c.steps = {{9, "Fasten", ValueClass::value_added}, {8, "Walk", ValueClass::non_value_added}};
    const StepMatching m = match_steps({&a, &b, &c});
    REQUIRE(m.matched.size() == 1);
    CHECK(m.matched[0].steps == std::vector<StepId>{2, 2, 9});
    REQUIRE(m.ambiguous.size() == 1);
    CHECK(m.ambiguous[0].key == "walk");
    CHECK(m.ambiguous[0].steps == std::vector<std::vector<StepId>>{{1, 3}, {1}, {8}});
    CHECK(m.unmatched.empty());
}
