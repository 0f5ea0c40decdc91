// Issue 12's improvement thread edited apart from any screen (core/study/improvement_edits), its
// evidence in words (core/report/evidence_text) on a walk recorded by hand, and the edits as plan
// edits of the walk document: undone by the plan's undo, kept by the journal across a crash.
#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/file/journal.hpp"
#include "core/log/clock.hpp"
#include "core/report/evidence_text.hpp"
#include "core/study/improvement_edits.hpp"
#include "core/study/walk.hpp"
#include "tests/recorded_walk.hpp"
#include "tests/support.hpp"

using namespace gemba;
using gemba::test::RecordedWalk;
using gemba::test::make_step;

namespace {

constexpr StepId kPick = 1, kFasten = 2;

Evidence tag_of(EventId id) { return Evidence{EvidenceKind::event, id, kNoStep, {}}; }
Evidence step_link(StepId step) { return Evidence{EvidenceKind::step, kNoEvent, step, {}}; }
Evidence waste_link(Waste waste, StepId step) { return Evidence{EvidenceKind::waste, kNoEvent, step, waste}; }

// A walk of Pick and Fasten in lap timing, every tap at a time chosen here (seconds):
//   0 Pick c1 · 10 Fasten c1 · 20 Motion (Fasten, note) · 25 Motion (Fasten) · 30 count Parts rack 7
//   40 Pick c2 · 50 Fasten c2 · 55 Motion (Fasten) · 60 Defects, undone · 91.2 stop
//   then the Motion at 25 deleted and a note typed (at 91.2).
// Fasten: 30.0 s (c1) and 41.2 s (c2). Observed 91.2 s.
struct HandWalk {
    RecordedWalk walk{{make_step(kPick, "Pick"), make_step(kFasten, "Fasten")}};
    EventId pick_c1 = 0, fasten_c2 = 0, motion_noted = 0, motion_deleted = 0, count = 0, defects_undone = 0, note = 0;

    HandWalk() {
        walk.session().queues.push_back(Queue{1, "Parts rack", kFasten, {}});
        pick_c1 = walk.next(0);
        walk.next(10);
        motion_noted = walk.tag(20, Waste::motion, "walking to the rack");
        motion_deleted = walk.tag(25, Waste::motion);
        count = walk.at(30, [](Recorder& r) { return r.count_queue(1, 7); });
        walk.next(40);
        fasten_c2 = walk.next(50);
        walk.tag(55, Waste::motion);
        defects_undone = walk.tag(60, Waste::defects);
        REQUIRE(walk.recorder().undo().recorded);
        walk.stop(91.2);
        walk.remove(motion_deleted);
        const TapResult noted = walk.recorder().add_note("the rack is on the far side");
        REQUIRE(noted.recorded);
        note = noted.event;
    }
    std::string text(const Evidence& evidence) const {
        return evidence_text(walk.session(), walk.state(), walk.summary(), evidence);
    }
    std::string title(const Evidence& evidence) const {
        return default_problem_title(walk.session(), walk.state(), evidence);
    }
};

}  // namespace

TEST_CASE("evidence in words, with its facts as the walk has them now") {
    HandWalk hand;
    CHECK(hand.text(tag_of(hand.motion_noted)) == "Motion at Fasten, 00:20.0 on the walk clock, note: walking to the rack");
    CHECK(hand.text(tag_of(hand.fasten_c2)) == "Fasten cycle 2: 41.2 s");
    CHECK(hand.text(tag_of(hand.pick_c1)) == "Pick cycle 1: 10.0 s");
    CHECK(hand.text(tag_of(hand.count)) == "Parts rack: 7 at 00:30.0");
    CHECK(hand.text(tag_of(hand.note)) == "Note at 01:31.2: the rack is on the far side");
    // Fasten: 30.0 and 41.2 s. Mean 35.6 s; s = 11.2 / √2 = 7.920 s; CV = 7.920 / 35.6 = 22.2 %.
    CHECK(hand.text(step_link(kFasten)) == "Fasten: mean 35.6 s, n 2, CV 22 %");
    // Motion at Fasten: 20 s and 55 s (the one at 25 s deleted) = 2 tags in 91.2 s observed:
    // 2 × 3600 / 91.2 = 78.95 per hour.
    CHECK(hand.text(waste_link(Waste::motion, kFasten)) == "Motion at Fasten: 2 tags, 78.9 per hour");
    CHECK(hand.text(waste_link(Waste::motion, kNoStep)) == "Motion, all steps: 2 tags, 78.9 per hour");
    CHECK(hand.text(waste_link(Waste::defects, kFasten)) == "Defects at Fasten: 0 tags, 0.0 per hour");

    SUBCASE("evidence deleted or undone since says so") {
        CHECK(hand.text(tag_of(hand.motion_deleted)) == "Motion at Fasten, 00:25.0 on the walk clock — deleted");
        CHECK(hand.text(tag_of(hand.defects_undone)) == "Defects at Fasten, 01:00.0 on the walk clock — undone");
        CHECK(hand.text(tag_of(9'999)) == "Evidence no longer in the walk");
        CHECK(hand.text(step_link(7)) == "A step no longer in the plan");
    }
    SUBCASE("a step with no valid readings, and a walk with no observed time") {
        RecordedWalk empty({make_step(kPick, "Pick")});
        CHECK(evidence_text(empty.session(), empty.state(), empty.summary(), step_link(kPick)) == "Pick: no valid readings yet");
        CHECK(evidence_text(empty.session(), empty.state(), empty.summary(), waste_link(Waste::motion, kNoStep)) ==
              "Motion, all steps: 0 tags");
    }
}

TEST_CASE("a problem raised from evidence gets a title in words") {
    HandWalk hand;
    CHECK(hand.title(waste_link(Waste::motion, kFasten)) == "Motion at Fasten — 2 tags");
    CHECK(hand.title(tag_of(hand.motion_noted)) == "Motion at Fasten");
    CHECK(hand.title(tag_of(hand.fasten_c2)) == "Fasten cycle 2: 41.2 s");
    CHECK(hand.title(tag_of(hand.note)) == "the rack is on the far side");
    CHECK(hand.title(tag_of(hand.count)) == "Parts rack: 7 waiting");
    CHECK(hand.title(step_link(kFasten)) == "Fasten");
}

TEST_CASE("problems: raised, evidence gathered once each, renamed, removed only with their actions when answered") {
    Improvement imp;
    const ImprovementEdit raised = raise_problem(imp, waste_link(Waste::motion, kFasten), "Motion at Fasten — 2 tags");
    REQUIRE(raised.done);
    CHECK(raised.id == 1);
    CHECK(raised.message == "raise “Motion at Fasten — 2 tags”");
    CHECK_FALSE(raise_problem(imp, step_link(kFasten), "").done);
    CHECK(imp.problems.size() == 1);

    CHECK(add_evidence(imp, 1, tag_of(12)).done);
    const ImprovementEdit twice = add_evidence(imp, 1, tag_of(12));
    CHECK_FALSE(twice.done);
    CHECK(twice.message == "“Motion at Fasten — 2 tags” has that evidence already");
    CHECK(imp.problems[0].evidence == std::vector<Evidence>{waste_link(Waste::motion, kFasten), tag_of(12)});
    CHECK(remove_evidence(imp, 1, 0).done);
    CHECK(imp.problems[0].evidence == std::vector<Evidence>{tag_of(12)});
    CHECK_FALSE(add_evidence(imp, 5, tag_of(1)).done);

    CHECK_FALSE(rename_problem(imp, 1, "").done);
    CHECK(rename_problem(imp, 1, "Walking to the parts rack").done);
    CHECK(imp.problems[0].title == "Walking to the parts rack");

    REQUIRE(add_idea(imp, 1, "Kit the parts at the line", "Ana").done);
    REQUIRE(choose_idea(imp, 1).done);
    const ImprovementEdit kept = remove_problem(imp, 1);
    CHECK_FALSE(kept.done);
    CHECK(kept.message == "“Walking to the parts rack” is answered by the action “Kit the parts at the line”; it stays unless they go with it");
    CHECK(imp.problems.size() == 1);
    const ImprovementEdit gone = remove_problem(imp, 1, true);
    CHECK(gone.done);
    CHECK(gone.message == "remove “Walking to the parts rack” and its action");
    CHECK(imp.problems.empty());
    CHECK(imp.actions.empty());
}

TEST_CASE("5 Whys: levels added, edited, moved and removed, one root cause per chain") {
    Improvement imp;
    REQUIRE(raise_problem(imp, step_link(kFasten), "Fasten").done);
    for (const char* because : {"A", "B", "C"}) {
        REQUIRE(add_why(imp, 1).done);
        REQUIRE(edit_why(imp, 1, imp.problems[0].whys.size() - 1, std::string("why ") + because, because).done);
    }
    const auto answers = [&] {
        std::string text;
        for (const WhyLevel& level : imp.problems[0].whys) text += level.because + (level.root_cause ? "*" : "");
        return text;
    };
    CHECK(answers() == "ABC");
    CHECK(imp.problems[0].whys[1].why == "why B");
    CHECK(mark_root_cause(imp, 1, 1).done);
    CHECK(answers() == "AB*C");
    CHECK(mark_root_cause(imp, 1, 2).done);  // marking another moves the mark
    CHECK(answers() == "ABC*");
    CHECK_FALSE(mark_root_cause(imp, 1, 2).done);
    CHECK(mark_root_cause(imp, 1, 2, false).done);
    CHECK(imp.problems[0].root_cause() == nullptr);
    CHECK(mark_root_cause(imp, 1, 2).done);

    CHECK(move_why(imp, 1, 2, -2).done);
    CHECK(answers() == "C*AB");
    CHECK(move_why(imp, 1, 0, 1).done);
    CHECK(answers() == "AC*B");
    CHECK_FALSE(move_why(imp, 1, 2, 1).done);  // last already
    CHECK(remove_why(imp, 1, 0).done);
    CHECK(answers() == "C*B");
    CHECK_FALSE(remove_why(imp, 1, 2).done);
    // A level added already marked takes the mark.
    CHECK(add_why(imp, 1, WhyLevel{"why D", "D", true}).done);
    CHECK(answers() == "CBD*");
}

TEST_CASE("the classic 5 Whys: a missed deadline down to nobody owning the handoff, the root marked") {
    Improvement imp;
    REQUIRE(raise_problem(imp, step_link(kFasten), "We missed the deadline").done);
    REQUIRE(fill_classic_example(imp, 1).done);
    const std::vector<WhyLevel>& whys = imp.problems[0].whys;
    REQUIRE(whys.size() == 5);
    CHECK(whys[0].why == "Why did we miss the deadline?");
    CHECK(whys[0].because == "The report was not finished");
    CHECK(whys[1].because == "The data came in late");
    CHECK(whys[2].because == "The data team was not told in time");
    CHECK(whys[3].because == "There is no standard handoff");
    CHECK(whys[4].because == "Nobody owns the handoff");
    REQUIRE(imp.problems[0].root_cause() != nullptr);
    CHECK(imp.problems[0].root_cause() == &whys[4]);
    // Only into an empty chain: the levels there stay.
    CHECK_FALSE(fill_classic_example(imp, 1).done);
    CHECK(imp.problems[0].whys.size() == 5);
}

TEST_CASE("ideas with who proposed them, chosen once as an action titled from the idea, to do") {
    Improvement imp;
    REQUIRE(raise_problem(imp, step_link(kFasten), "Fasten is slow").done);
    REQUIRE(raise_problem(imp, step_link(kPick), "Pick is slow").done);
    CHECK_FALSE(add_idea(imp, 1, "", "Ana").done);
    const ImprovementEdit kit = add_idea(imp, 1, "Kit the parts at the line", "Ana");
    REQUIRE(kit.done);
    CHECK(kit.id == 1);
    // Idea ids are unique across the problems.
    CHECK(add_idea(imp, 2, "Move the bin", "").id == 2);
    CHECK(add_idea(imp, 1, "Shadow board", "Ben").id == 3);
    CHECK(edit_idea(imp, 3, "Shadow board for the tools", "Ben").done);
    CHECK(imp.problems[0].ideas[1] == Idea{3, "Shadow board for the tools", "Ben"});

    const ImprovementEdit chosen = choose_idea(imp, 1);
    REQUIRE(chosen.done);
    CHECK(chosen.message == "make “Kit the parts at the line” an action");
    REQUIRE(imp.actions.size() == 1);
    const Action& action = imp.actions[0];
    CHECK(action.id == 1);
    CHECK(action.problem == 1);
    CHECK(action.idea == 1);
    CHECK(action.title == "Kit the parts at the line");
    CHECK(action.status == ActionStatus::todo);
    CHECK(action.owner.empty());
    CHECK(action.due.empty());
    CHECK_FALSE(action.expected);
    CHECK_FALSE(choose_idea(imp, 1).done);
    CHECK(choose_idea(imp, 2).done);
    CHECK(imp.actions[1].problem == 2);
    CHECK(actions_answering(imp, 1) == std::vector<ActionId>{1});

    const ImprovementEdit stays = remove_idea(imp, 1);
    CHECK_FALSE(stays.done);
    CHECK(stays.message == "“Kit the parts at the line” is the action “Kit the parts at the line”; remove the action first");
    CHECK(remove_idea(imp, 3).done);
    CHECK(imp.problems[0].ideas.size() == 1);
    CHECK(remove_action(imp, 1).done);
    CHECK(remove_idea(imp, 1).done);
}

TEST_CASE("an action's owner, due date (a real date or none) and expected effect (a step the plan has)") {
    Plan plan;
    plan.steps = {make_step(kPick, "Pick"), make_step(kFasten, "Fasten")};
    Improvement& imp = plan.improvement;
    REQUIRE(raise_problem(imp, waste_link(Waste::motion, kFasten), "Motion at Fasten").done);
    REQUIRE(add_idea(imp, 1, "Kit the parts", "Ana").done);
    REQUIRE(choose_idea(imp, 1).done);

    CHECK(set_action_owner(imp, 1, "Ben").done);
    CHECK(imp.actions[0].owner == "Ben");
    CHECK(set_action_due(imp, 1, "2026-12-15").done);
    for (const char* bad : {"2026-02-30", "2026-13-01", "15.12.2026", "2026-12-5", "tomorrow"}) {
        CAPTURE(bad);
        const ImprovementEdit refused = set_action_due(imp, 1, bad);
        CHECK_FALSE(refused.done);
        CHECK(refused.message == "“" + std::string(bad) + "” is not a date: write the due date as YYYY-MM-DD, e.g. 2026-12-15");
        CHECK(imp.actions[0].due == "2026-12-15");
    }
    CHECK(set_action_due(imp, 1, "2028-02-29").done);  // a leap day
    CHECK(set_action_due(imp, 1, "").done);
    CHECK(imp.actions[0].due.empty());

    CHECK_FALSE(set_expected_effect(imp, plan, 1, ExpectedEffect{Metric::wait_before, 0, {}, Direction::decrease}).done);
    CHECK_FALSE(set_expected_effect(imp, plan, 1, ExpectedEffect{Metric::step_mean, 9, {}, Direction::decrease}).done);
    CHECK(set_expected_effect(imp, plan, 1, ExpectedEffect{Metric::wait_before, kFasten, Waste::motion, Direction::decrease}).done);
    // A waste is kept only where the metric takes one.
    CHECK(imp.actions[0].expected == ExpectedEffect{Metric::wait_before, kFasten, {}, Direction::decrease});
    CHECK(set_expected_effect(imp, plan, 1, ExpectedEffect{Metric::lead_time, kFasten, {}, Direction::decrease}).done);
    CHECK(imp.actions[0].expected == ExpectedEffect{Metric::lead_time, 0, {}, Direction::decrease});
    CHECK(set_expected_effect(imp, plan, 1, ExpectedEffect{Metric::waste_rate, kFasten, Waste::motion, Direction::decrease}).done);
    CHECK(set_expected_effect(imp, plan, 1, std::nullopt).done);
    CHECK_FALSE(imp.actions[0].expected);
    CHECK(set_expected_effect(imp, plan, 1, ExpectedEffect{Metric::step_mean, kPick, {}, Direction::decrease}).done);

    // Both steps are named now: Fasten by the problem's evidence, Pick by the action's effect.
    CHECK(what_names_step(plan, kFasten) == std::vector<std::string>{"problem “Motion at Fasten”"});
    CHECK(what_names_step(plan, kPick) == std::vector<std::string>{"action “Kit the parts”"});
    CHECK(what_names_step(plan, 7).empty());
}

namespace {

// A walk of Pick and Fasten started at `file`: Pick runs from 1,000 ms, a Motion tag at 2,000 ms
// (its event id returned).
EventId start_walk_with_a_tag(WalkDocument& doc, ManualClock& clock, const std::filesystem::path& file) {
    Plan plan;
    plan.title = "Line";
    plan.steps = {make_step(kPick, "Pick"), make_step(kFasten, "Fasten")};
    doc.start(plan, file);
    REQUIRE(doc.tap(TapKind::control, [](Recorder& r) { return r.next_step(); }, "Pick", 1'000).done);
    clock.set(2'000);
    REQUIRE(doc.tap(TapKind::control, [](Recorder& r) { return r.tag_waste(Waste::motion); }, "Motion", 2'000).done);
    return doc.session().events.back().id;
}

}  // namespace

TEST_CASE("improvement edits through the walk document: one plan edit each, undone by the plan's undo, journaled") {
    test::TempFolder folder;
    const auto file = folder / "line.json";
    ManualClock clock(1'000);
    auto doc = std::make_unique<WalkDocument>(clock);
    const EventId tag = start_walk_with_a_tag(*doc, clock, file);

    const auto apply = [&](const std::function<ImprovementEdit(Improvement&)>& edit) {
        const ImprovementEdit result = edit(doc->plan().improvement);
        REQUIRE(result.done);
        doc->plan_edited(result.message);
        REQUIRE_FALSE(doc->finish_plan_edit().error);
    };
    apply([&](Improvement& i) { return raise_problem(i, tag_of(tag), "Motion at Pick"); });
    apply([](Improvement& i) { return add_why(i, 1, WhyLevel{"", "The rack is far", false}); });
    apply([](Improvement& i) { return mark_root_cause(i, 1, 0); });
    apply([](Improvement& i) { return add_idea(i, 1, "Move the rack", "Ana"); });
    apply([](Improvement& i) { return choose_idea(i, 1); });
    const Improvement done = doc->session().improvement;
    CHECK(done.actions.size() == 1);

    CHECK(doc->plan_undo_name() == "make “Move the rack” an action");
    const Outcome undone = doc->undo_plan_edit();
    CHECK(undone.message == "Undone: make “Move the rack” an action");
    CHECK(doc->session().improvement.actions.empty());
    CHECK(doc->session().improvement.problems[0].ideas.size() == 1);
    CHECK(doc->undo_plan_edit().message == "Undone: add idea");
    CHECK(doc->undo_plan_edit().message == "Undone: mark root cause");
    CHECK(doc->session().improvement.problems[0].root_cause() == nullptr);
    CHECK(doc->redo_plan_edit().done);
    CHECK(doc->redo_plan_edit().done);
    CHECK(doc->redo_plan_edit().done);
    CHECK(doc->session().improvement == done);
    CHECK(doc->session().events.size() == 2);  // the log is untouched
}

TEST_CASE("a crash after improvement edits: the journal gives them back, with the taps") {
    test::TempFolder folder;
    const auto file = folder / "line.json";
    ManualClock clock(1'000);
    auto doc = std::make_unique<WalkDocument>(clock);
    const EventId tag = start_walk_with_a_tag(*doc, clock, file);

    const auto finished = [&](const std::function<ImprovementEdit(Improvement&)>& edit) {
        REQUIRE(edit(doc->plan().improvement).done);
        doc->plan_edited("edit");
        REQUIRE_FALSE(doc->finish_plan_edit().error);
    };
    finished([&](Improvement& i) { return raise_problem(i, tag_of(tag), "Motion at Pick"); });
    finished([](Improvement& i) { return fill_classic_example(i, 1); });
    finished([](Improvement& i) { return add_idea(i, 1, "Name an owner of the handoff", "Ana"); });
    finished([](Improvement& i) { return choose_idea(i, 1); });
    finished([](Improvement& i) { return set_action_due(i, 1, "2026-12-15"); });
    // Typed and not finished yet: journaled before the next tap.
    clock.set(2'500);
    REQUIRE(set_action_owner(doc->plan().improvement, 1, "Ben").done);
    doc->plan_edited("action owner");
    clock.set(3'000);
    REQUIRE(doc->tap(TapKind::control, [](Recorder& r) { return r.next_step(); }, "Fasten", 3'000).done);

    const Session before_crash = doc->session();
    doc.reset();  // the crash: no save
    doc = std::make_unique<WalkDocument>(clock);
    REQUIRE(doc->open(file).needs_recovery);
    REQUIRE(doc->accept_recovery().done);
    const Improvement& back = doc->session().improvement;
    CHECK(back == before_crash.improvement);
    REQUIRE(back.actions.size() == 1);
    CHECK(back.actions[0].owner == "Ben");
    CHECK(back.actions[0].due == "2026-12-15");
    CHECK(back.problems[0].whys.size() == 5);
    CHECK(doc->session().events == before_crash.events);
}
