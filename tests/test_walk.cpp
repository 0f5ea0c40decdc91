// The walk document driven as the app drives it, on a manual clock: every time below is chosen by
// the test, and every expected time and duration is worked out by hand in the comments.
#include <doctest/doctest.h>

#include <stdlib.h>
#include <time.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/analysis/summary.hpp"
#include "core/file/atomic_file.hpp"
#include "core/file/journal.hpp"
#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/study/walk.hpp"
#include "tests/support.hpp"

using namespace gemba;
using gemba::test::TempFolder;

namespace {

Plan two_step_plan() {
    Plan plan;
    plan.title = "Line 3";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0}};
    return plan;  // lap mode, the default debounce (150 ms): no two taps below are that close
}

// A walk control at the clock's time now, as a key press stamped on arrival.
Outcome control(WalkDocument& doc, ManualClock& clock, std::int64_t at_ms, TapResult (Recorder::*action)()) {
    clock.set(at_ms);
    return doc.tap(TapKind::control, [action](Recorder& r) { return (r.*action)(); }, "tap", at_ms);
}

// A walk of two_step_plan saved at `file`: Pick from clock 100 ms, stopped at 1100 ms (its t 0 to
// 1000), nothing running: the set-up of the tests of a reopened walk.
void save_walk_stopped_at_1000(ManualClock& clock, const std::filesystem::path& file) {
    WalkDocument first(clock);
    first.start(two_step_plan(), file);
    REQUIRE(control(first, clock, 100, &Recorder::next_step).done);
    REQUIRE(control(first, clock, 1'100, &Recorder::stop_step).done);
    REQUIRE(first.save().done);
}

std::size_t plan_records(const std::filesystem::path& session_file) {
    const std::string text = test::read_all(journal_path_for(session_file));
    std::size_t count = 0;
    for (std::size_t at = text.find("\nplan "); at != std::string::npos; at = text.find("\nplan ", at + 1)) ++count;
    return count;
}

// The complete, valid readings as (step, cycle, start, duration with pauses left out).
struct Seen {
    StepId step;
    std::int64_t cycle, start_ms, duration_ms;
    bool operator==(const Seen&) const = default;
};
std::vector<Seen> valid_readings(const WalkDocument& doc) {
    std::vector<Seen> seen;
    for (const Reading& r : doc.state().readings())
        if (r.valid()) seen.push_back({r.step, r.cycle, r.start_ms, doc.state().duration_ms(r, 0)});
    return seen;
}

// A new walk on two_step_plan, to be saved as walk.json in a folder of its own, on a manual clock.
struct FreshWalk {
    TempFolder folder;
    std::filesystem::path file = folder / "walk.json";
    ManualClock clock{0};
    WalkDocument doc{clock};
    FreshWalk() { doc.start(two_step_plan(), file); }
};

// The real file system, whose writes fail (EIO, nothing written) while `fail_writes` is set; with
// `tear_next_write`, the next write puts half its bytes on disk and then writes fail (a power cut
// in the middle of a record).
class FlakyDisk final : public FileSystem {
public:
    bool fail_writes = false;
    bool tear_next_write = false;
    int make_temp(std::string& path_template) override { return real_.make_temp(path_template); }
    ssize_t write(int fd, const void* data, std::size_t size) override {
        if (tear_next_write) {
            tear_next_write = false;
            fail_writes = true;
            return real_.write(fd, data, size / 2);
        }
        if (fail_writes) {
            errno = EIO;
            return -1;
        }
        return real_.write(fd, data, size);
    }
    int fsync(int fd) override { return real_.fsync(fd); }
    int fchmod(int fd, mode_t mode) override { return real_.fchmod(fd, mode); }
    int close(int fd) override { return real_.close(fd); }
    int rename(const char* from, const char* to) override { return real_.rename(from, to); }
    int unlink(const char* path) override { return real_.unlink(path); }
    int open_directory(const char* path) override { return real_.open_directory(path); }
    int file_mode(const char* path) override { return real_.file_mode(path); }
    int open_for_append(const char* path, bool truncate) override { return real_.open_for_append(path, truncate); }

private:
    FileSystem& real_ = posix_file_system();
};

Outcome note(WalkDocument& doc, ManualClock& clock, std::int64_t at_ms, std::string text) {
    clock.set(at_ms);
    return doc.tap(TapKind::edit, [&text](Recorder& r) { return r.add_note(text); }, "Note", at_ms);
}

}  // namespace

TEST_CASE("a whole walk through the document: taps, waste, pause, undo, plan edit, save, reopen, crash, recover, discard, save-as") {
    TempFolder folder;
    const auto file = folder / "line-3.json";
    ManualClock clock(5'000);
    auto doc = std::make_unique<WalkDocument>(clock);

    doc->start(two_step_plan(), file);
    CHECK(doc->dirty());
    CHECK_FALSE(has_journal(file));  // setting up writes nothing
    CHECK(doc->session().started_at.empty());

    // The walk starts at its first tap (clock 6,000), not at start() (5,000).
    CHECK(control(*doc, clock, 6'000, &Recorder::next_step).done);
    CHECK_FALSE(doc->session().started_at.empty());
    CHECK(has_journal(file));
    clock.set(9'000);
    CHECK(doc->tap(TapKind::control, [](Recorder& r) { return r.tag_waste(Waste::motion); }, "Motion", 9'000).message == "Motion");
    control(*doc, clock, 11'000, &Recorder::next_step);
    clock.set(12'000);
    doc->tap(TapKind::control, [](Recorder& r) { return r.toggle_timed_waste(Waste::waiting); }, "Waiting", 12'000);
    control(*doc, clock, 14'000, &Recorder::toggle_pause);
    CHECK(doc->live());
    control(*doc, clock, 20'000, &Recorder::toggle_pause);
    clock.set(21'000);
    doc->tap(TapKind::control, [](Recorder& r) { return r.toggle_timed_waste(Waste::waiting); }, "Waiting", 21'000);

    // Typing a new step name while walking: three keystrokes, journaled once, before the next event.
    const std::size_t plans_before = plan_records(file);
    for (std::int64_t at : {21'500, 21'600, 21'700}) {
        clock.set(at);
        doc->plan().steps[1].name += "!";
        doc->plan_edited();
    }
    clock.set(22'000);
    CHECK_FALSE(doc->tick().done);  // 300 ms after the last keystroke: not yet
    CHECK(plan_records(file) == plans_before);
    control(*doc, clock, 22'000, &Recorder::next_step);
    CHECK(plan_records(file) == plans_before + 1);
    CHECK(read_journal(journal_path_for(file)).contents->plan->steps[1].name == "Fasten!!!");

    clock.set(23'000);
    CHECK(doc->tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "Undone").done);
    control(*doc, clock, 25'000, &Recorder::next_step);
    control(*doc, clock, 27'000, &Recorder::stop_step);
    CHECK_FALSE(doc->live());

    const std::vector<Event>& events = doc->session().events;
    REQUIRE(events.size() == 11);
    // Session time = clock − 6,000, pauses included.
    const std::vector<std::int64_t> times = {0, 3'000, 5'000, 6'000, 8'000, 14'000, 15'000, 16'000, 17'000, 19'000, 21'000};
    for (std::size_t i = 0; i < times.size(); ++i) CHECK(events[i].t_ms == times[i]);
    CHECK(events[1].step == 1);                       // the motion waste hit Pick
    CHECK(events[8].kind == EventKind::undo);
    CHECK(events[8].target == events[7].id);          // the lap at 16,000 is taken back
    CHECK(events[9].kind == EventKind::lap);
    CHECK(events[9].step == 1);
    // Pick c1: 0..5,000. Fasten c1: 5,000..19,000 less the 6,000 ms pause (8,000..14,000) = 8,000.
    // Pick c2: 19,000..21,000 = 2,000.
    CHECK(valid_readings(*doc) == std::vector<Seen>{{1, 1, 0, 5'000}, {2, 1, 5'000, 8'000}, {1, 2, 19'000, 2'000}});
    // The timed waiting: 6,000..15,000 less the pause = 3,000.
    REQUIRE(doc->state().tags().size() == 2);
    CHECK(doc->state().duration_ms(doc->state().tags()[1], 0) == 3'000);

    CHECK(doc->save().done);
    CHECK_FALSE(doc->dirty());
    CHECK_FALSE(has_journal(file));
    const std::vector<Event> saved_events = events;

    // Reopened much later: the time while the file was closed is not counted. The first new tap
    // (clock 130,000) continues from the last event (21,000).
    clock.set(100'000);
    doc = std::make_unique<WalkDocument>(clock);
    REQUIRE(doc->open(file).done);
    CHECK(doc->session().steps[1].name == "Fasten!!!");
    CHECK(doc->session().events == saved_events);
    control(*doc, clock, 130'000, &Recorder::next_step);   // Fasten, cycle 2
    control(*doc, clock, 133'500, &Recorder::next_step);   // ends it: 3,500; Pick, cycle 3
    REQUIRE(doc->session().events.size() == 13);
    CHECK(doc->session().events[11].t_ms == 21'000);
    CHECK(doc->session().events[12].t_ms == 24'500);
    CHECK(valid_readings(*doc).back() == Seen{2, 2, 21'000, 3'500});

    // A crash: the document is gone without a save. The journal holds both taps.
    const std::vector<Event> before_crash = doc->session().events;
    doc.reset();
    REQUIRE(has_journal(file));
    doc = std::make_unique<WalkDocument>(clock);
    const OpenOutcome reopened = doc->open(file);
    CHECK_FALSE(reopened.done);
    CHECK(reopened.needs_recovery);
    CHECK_FALSE(doc->has_walk());
    REQUIRE(doc->pending_recovery());
    CHECK(doc->pending_recovery()->recovered_events == 2);
    CHECK(doc->pending_recovery()->already_saved == 0);
    clock.set(200'000);
    REQUIRE(doc->accept_recovery().done);
    CHECK(doc->session().events == before_crash);  // every event back once, in order
    CHECK(load_session(file).session->events == before_crash);
    CHECK_FALSE(has_journal(file));
    // Pick (cycle 3) was running at the crash: the walk is live, so its clock runs on from the
    // moment it was opened again (200,000 = 24,500); 1,000 ms later Pick ends at 25,500.
    CHECK(doc->live());
    control(*doc, clock, 201'000, &Recorder::stop_step);
    CHECK(doc->session().events.back().t_ms == 25'500);
    CHECK(valid_readings(*doc).back() == Seen{1, 3, 24'500, 1'000});
    CHECK(doc->save().done);

    // Another crash, and this time its tap is discarded.
    control(*doc, clock, 202'000, &Recorder::next_step);
    doc.reset();
    doc = std::make_unique<WalkDocument>(clock);
    CHECK(doc->open(file).needs_recovery);
    REQUIRE(doc->discard_recovery().done);
    CHECK_FALSE(has_journal(file));
    REQUIRE(doc->has_walk());
    CHECK(doc->session().events.size() == 14);
    CHECK_FALSE(doc->dirty());

    // Save-as: the walk now lives in the new file.
    const auto copy = folder / "copy" / "line-3b.json";
    CHECK(doc->save_as(copy).done);
    CHECK(doc->file() == copy);
    CHECK(load_session(copy).session->events == doc->session().events);
}

TEST_CASE_FIXTURE(FreshWalk, "typing in the plan is journaled once: when the field lets go, after a pause, or not at all when saved") {
    control(doc, clock, 100, &Recorder::next_step);  // the journal holds the plan (1 record)
    REQUIRE(plan_records(file) == 1);

    SUBCASE("the field loses focus") {
        doc.plan().title = "Line 3, morning";
        doc.plan_edited();
        CHECK(doc.plan_edit_pending());
        CHECK(doc.finish_plan_edit().done);
        CHECK_FALSE(doc.finish_plan_edit().done);  // nothing left to journal
        CHECK(plan_records(file) == 2);
    }
    SUBCASE("a pause of a second") {
        clock.set(1'000);
        doc.plan().title = "Line 3, morning";
        doc.plan_edited();
        clock.set(1'999);
        CHECK_FALSE(doc.tick().done);
        clock.set(2'000);
        CHECK(doc.tick().done);
        CHECK(plan_records(file) == 2);
        CHECK(read_journal(journal_path_for(file)).contents->plan->title == "Line 3, morning");
    }
    SUBCASE("a save holds it: no record") {
        doc.plan().title = "Line 3, morning";
        doc.plan_edited();
        CHECK(doc.save().done);
        CHECK_FALSE(doc.plan_edit_pending());
        CHECK(load_session(file).session->title == "Line 3, morning");
    }
    SUBCASE("quit without saving gives it up") {
        doc.plan_edited();
        CHECK(doc.discard_journal().done);
        CHECK_FALSE(doc.plan_edit_pending());
        CHECK_FALSE(doc.dirty());
        CHECK_FALSE(has_journal(file));
    }
}

TEST_CASE("a file that cannot be opened is refused with its reason, and the open walk stays") {
    TempFolder folder;
    ManualClock clock(0);
    WalkDocument doc(clock);
    doc.start(two_step_plan(), folder / "walk.json");
    test::write_all(folder / "broken.json", "{\"format_version\": 1, \"title\": ");
    const OpenOutcome opened = doc.open(folder / "broken.json");
    CHECK_FALSE(opened.done);
    CHECK(opened.error);
    CHECK(opened.message.find("broken.json") != std::string::npos);
    CHECK(doc.file() == folder / "walk.json");
    CHECK(doc.session().title == "Line 3");
}

TEST_CASE("a journal already beside the file is left alone: the walk says it is not protected") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    const std::string foreign = "gemba-journal 1 0\nunsaved taps of another walk\n";
    test::write_all(journal_path_for(file), foreign);
    ManualClock clock(0);
    WalkDocument doc(clock);
    doc.start(two_step_plan(), file);

    const Outcome first = control(doc, clock, 1'000, &Recorder::next_step);
    CHECK(first.done);  // recorded all the same
    CHECK(first.error);
    CHECK(first.message.find("NOT SAFE") != std::string::npos);
    CHECK(first.message.find("already holds unsaved work") != std::string::npos);
    CHECK(test::read_all(journal_path_for(file)) == foreign);
    doc.plan().title = "Line 3, late";
    doc.plan_edited();
    CHECK(doc.finish_plan_edit().error);
    CHECK(test::read_all(journal_path_for(file)) == foreign);

    // Once that journal is dealt with, the next tap starts this walk's own, with every event so far.
    std::filesystem::remove(journal_path_for(file));
    CHECK_FALSE(control(doc, clock, 3'000, &Recorder::next_step).error);
    const RecoveryResult recovered = recover(file);
    REQUIRE(recovered.recovery);
    CHECK(recovered.recovery->recovered_events == 2);
    CHECK(recovered.recovery->session.title == "Line 3, late");
    CHECK(recovered.recovery->session.events == doc.session().events);
}

TEST_CASE_FIXTURE(FreshWalk, "a plan that would not load is not journaled, and the walk says so") {
    control(doc, clock, 1'000, &Recorder::next_step);
    REQUIRE(plan_records(file) == 1);

    doc.plan().steps[1].name.clear();
    doc.plan_edited();
    const Outcome finished = doc.finish_plan_edit();
    CHECK_FALSE(finished.done);
    CHECK(finished.error);
    CHECK(finished.message.find("the step's name is empty") != std::string::npos);
    CHECK(plan_records(file) == 1);
    // The next tap is journaled; the plan still is not, and the tap says so.
    const Outcome tapped = control(doc, clock, 2'000, &Recorder::next_step);
    CHECK(tapped.done);
    CHECK(tapped.error);
    CHECK(plan_records(file) == 1);

    doc.plan().steps[1].name = "Fasten well";
    doc.plan_edited();
    CHECK(doc.finish_plan_edit().done);
    CHECK(plan_records(file) == 2);
    const RecoveryResult recovered = recover(file);
    REQUIRE(recovered.recovery);
    CHECK(recovered.recovery->notices.empty());
    CHECK(recovered.recovery->recovered_events == 2);
    CHECK(recovered.recovery->session.steps[1].name == "Fasten well");
}

TEST_CASE("the walk starts at its first event of any kind: a note before the first tap is at t = 0") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    ManualClock clock(5'000);
    WalkDocument doc(clock);
    doc.start(two_step_plan(), file);  // set up at 5,000

    CHECK(note(doc, clock, 8'000, "the line is short of one operator").done);
    CHECK_FALSE(doc.session().started_at.empty());
    CHECK(has_journal(file));
    control(doc, clock, 10'000, &Recorder::next_step);
    // Session time = clock − 8,000: the note at 0, the first step 2,000 later.
    REQUIRE(doc.session().events.size() == 2);
    CHECK(doc.session().events[0].t_ms == 0);
    CHECK(doc.session().events[1].t_ms == 2'000);
    const RecoveryResult recovered = recover(file);
    REQUIRE(recovered.recovery);
    CHECK(recovered.recovery->session.started_at == doc.session().started_at);
    CHECK(recovered.recovery->session.events == doc.session().events);
}

TEST_CASE_FIXTURE(FreshWalk, "a refused first tap starts nothing: no journal, no started_at, the clock still waits") {

    const Outcome refused = control(doc, clock, 1'000, &Recorder::stop_step);  // nothing runs yet
    CHECK_FALSE(refused.done);
    CHECK(refused.error);
    CHECK(doc.session().started_at.empty());
    CHECK_FALSE(has_journal(file));
    clock.set(1'500);
    CHECK_FALSE(doc.tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "Undone", 1'500).done);
    CHECK(doc.session().started_at.empty());
    CHECK_FALSE(has_journal(file));

    control(doc, clock, 4'000, &Recorder::next_step);
    control(doc, clock, 6'500, &Recorder::next_step);
    REQUIRE(doc.session().events.size() == 2);
    CHECK(doc.session().events[0].t_ms == 0);      // the walk starts at 4,000
    CHECK(doc.session().events[1].t_ms == 2'500);
    CHECK_FALSE(doc.session().started_at.empty());
    CHECK(read_journal(journal_path_for(file)).contents->plan->started_at == doc.session().started_at);
}

TEST_CASE("a plan edit whose write failed is written after another pause, or before the next event") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    ManualClock clock(0);
    FlakyDisk disk;
    WalkDocument doc(clock, disk);
    doc.start(two_step_plan(), file);
    control(doc, clock, 100, &Recorder::next_step);
    REQUIRE(plan_records(file) == 1);

    disk.fail_writes = true;
    clock.set(1'000);
    doc.plan().title = "Line 3, morning";
    doc.plan_edited();
    const Outcome failed = doc.finish_plan_edit();
    CHECK_FALSE(failed.done);
    CHECK(failed.error);
    CHECK(doc.plan_edit_pending());
    disk.fail_writes = false;

    SUBCASE("after a pause") {
        clock.set(1'500);
        CHECK_FALSE(doc.finish_plan_edit().done);  // not again at once (the GUI asks every frame)
        clock.set(1'999);
        CHECK_FALSE(doc.tick().done);
        CHECK(read_journal(journal_path_for(file)).contents->plan->title == "Line 3");
        clock.set(2'000);  // a second after the failed write
        CHECK(doc.tick().done);
        CHECK_FALSE(doc.plan_edit_pending());
    }
    SUBCASE("before the next event") {
        control(doc, clock, 1'200, &Recorder::next_step);
        CHECK_FALSE(doc.plan_edit_pending());
    }
    // After a failed write the journal is written afresh: one plan record, the edited plan, and
    // every event since the last save.
    CHECK(plan_records(file) == 1);
    CHECK(read_journal(journal_path_for(file)).contents->events.size() == doc.session().events.size());
    CHECK(read_journal(journal_path_for(file)).contents->plan->title == "Line 3, morning");
}

TEST_CASE("a journal this walk could not start is started afresh at the next tap, with every event since") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    ManualClock clock(0);
    FlakyDisk disk;
    WalkDocument doc(clock, disk);
    doc.start(two_step_plan(), file);

    disk.fail_writes = true;
    const Outcome first = control(doc, clock, 1'000, &Recorder::next_step);
    CHECK(first.done);
    CHECK(first.error);
    CHECK(has_journal(file));  // created, but its header never made it: this walk's own, not another's
    disk.fail_writes = false;
    const Outcome second = control(doc, clock, 4'000, &Recorder::next_step);
    CHECK(second.done);
    CHECK_FALSE(second.error);
    const RecoveryResult recovered = recover(file);
    REQUIRE(recovered.recovery);
    CHECK(recovered.recovery->notices.empty());
    CHECK(recovered.recovery->recovered_events == 2);
    CHECK(recovered.recovery->session.events == doc.session().events);
}

TEST_CASE_FIXTURE(FreshWalk, "a plan edit still pending when another walk is started or opened goes to its own journal first") {
    control(doc, clock, 100, &Recorder::next_step);
    doc.plan().steps[0].name = "Pick up";
    doc.plan_edited();

    SUBCASE("start") { doc.start(two_step_plan(), folder / "other.json"); }
    SUBCASE("open") {
        Session other;
        other.plan() = two_step_plan();
        doc.open(std::move(other), folder / "other.json");
    }
    CHECK_FALSE(doc.plan_edit_pending());
    CHECK(plan_records(file) == 2);
    const RecoveryResult recovered = recover(file);
    REQUIRE(recovered.recovery);
    CHECK(recovered.recovery->session.steps[0].name == "Pick up");
    CHECK(recovered.recovery->recovered_events == 1);
}

TEST_CASE("live and clock running: one rule for the document, the summary and the screens") {
    TempFolder folder;
    ManualClock clock(0);
    WalkDocument doc(clock);
    doc.start(two_step_plan(), folder / "walk.json");
    const auto agree = [&](bool live, bool clock_running) {
        CHECK(doc.live() == live);
        CHECK(doc.state().live() == live);
        CHECK(summarize(doc.session(), doc.state(), doc.summary_now()).running == live);
        CHECK(doc.clock_running() == clock_running);
    };
    agree(false, false);
    control(doc, clock, 1'000, &Recorder::next_step);  // Pick runs
    agree(true, true);
    control(doc, clock, 2'000, &Recorder::toggle_pause);
    agree(true, false);  // paused: live, but the clock stands
    control(doc, clock, 3'000, &Recorder::toggle_pause);
    control(doc, clock, 4'000, &Recorder::stop_step);
    agree(false, false);
    clock.set(5'000);
    doc.tap(TapKind::control, [](Recorder& r) { return r.toggle_timed_waste(Waste::waiting); }, "Waiting", 5'000);
    agree(true, true);  // a timed waste alone keeps the walk live
    clock.set(6'000);
    doc.tap(TapKind::control, [](Recorder& r) { return r.toggle_timed_waste(Waste::waiting); }, "Waiting", 6'000);
    agree(false, false);
    // The ended timed waste deleted, and the deletion undone: neither makes it run again.
    const EventId tag = doc.state().tags().back().id;
    clock.set(7'000);
    CHECK(doc.tap(TapKind::edit, [tag](Recorder& r) { return r.remove(tag); }, "Deleted", 7'000).done);
    agree(false, false);
    clock.set(8'000);
    CHECK(doc.tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "Undone", 8'000).done);
    agree(false, false);
}

TEST_CASE("after a journal write failed, the next change writes the journal afresh: every event recovers") {
    for (const bool torn : {false, true}) {
        CAPTURE(torn);
        TempFolder folder;
        const auto file = folder / "walk.json";
        ManualClock clock(0);
        FlakyDisk disk;
        WalkDocument doc(clock, disk);
        doc.start(two_step_plan(), file);
        REQUIRE(control(doc, clock, 100, &Recorder::next_step).done);
        (torn ? disk.tear_next_write : disk.fail_writes) = true;
        const Outcome lost = control(doc, clock, 1'000, &Recorder::next_step);
        CHECK(lost.done);
        CHECK(lost.error);  // NOT SAFE
        disk.fail_writes = false;
        CHECK_FALSE(control(doc, clock, 2'000, &Recorder::next_step).error);
        CHECK_FALSE(control(doc, clock, 3'000, &Recorder::next_step).error);
        const RecoveryResult result = recover(file);
        REQUIRE(result.recovery);
        CHECK(result.recovery->notices.empty());
        CHECK(result.recovery->session.events == doc.session().events);  // 4 laps at 0, 900, 1900, 2900
    }
}

TEST_CASE("a plan record torn by a failed write is written afresh with the journal when retried") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    ManualClock clock(0);
    FlakyDisk disk;
    WalkDocument doc(clock, disk);
    doc.start(two_step_plan(), file);
    REQUIRE(control(doc, clock, 100, &Recorder::next_step).done);
    disk.tear_next_write = true;
    clock.set(1'000);
    doc.plan().title = "Line 3, morning";
    doc.plan_edited();
    CHECK(doc.finish_plan_edit().error);
    disk.fail_writes = false;
    clock.set(1'000 + kPlanEditPauseMs);
    CHECK(doc.tick().done);
    CHECK_FALSE(control(doc, clock, 3'000, &Recorder::next_step).error);
    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK(result.recovery->notices.empty());
    CHECK(result.recovery->session.title == "Line 3, morning");
    CHECK(result.recovery->session.events == doc.session().events);
}

TEST_CASE("Save As refuses a file beside which another walk's unsaved journal lies") {
    TempFolder folder;
    const auto mine = folder / "mine.json";
    const auto theirs = folder / "theirs.json";
    ManualClock clock(0);
    {
        WalkDocument other(clock);
        other.start(two_step_plan(), theirs);
        REQUIRE(control(other, clock, 100, &Recorder::next_step).done);
        REQUIRE(other.save().done);
        REQUIRE(control(other, clock, 500, &Recorder::next_step).done);  // unsaved: only in the journal
    }
    const std::string their_journal = test::read_all(journal_path_for(theirs));
    const std::string their_file = test::read_all(theirs);
    WalkDocument doc(clock);
    Plan plan = two_step_plan();
    plan.title = "Mine";
    doc.start(plan, mine);
    REQUIRE(control(doc, clock, 100, &Recorder::next_step).done);
    const Outcome saved = doc.save_as(theirs);
    CHECK_FALSE(saved.done);
    CHECK(saved.error);
    CHECK(saved.message.find("another walk") != std::string::npos);
    CHECK(test::read_all(theirs) == their_file);
    CHECK(test::read_all(journal_path_for(theirs)) == their_journal);
    CHECK(doc.file() == mine);
}

TEST_CASE_FIXTURE(FreshWalk, "discarding the open walk's own journal on recovery: the next tap starts a new journal") {
    REQUIRE(control(doc, clock, 100, &Recorder::next_step).done);
    REQUIRE(has_journal(file));
    REQUIRE(doc.open(file).needs_recovery);  // its own journal, the file never saved
    REQUIRE(doc.discard_recovery().done);
    REQUIRE(doc.has_walk());
    CHECK_FALSE(control(doc, clock, 1'000, &Recorder::next_step).error);
    REQUIRE(has_journal(file));
    const RecoveryResult result = recover(file);
    REQUIRE(result.recovery);
    CHECK(result.recovery->session.events == doc.session().events);
}

TEST_CASE("a refused control on a reopened walk leaves the clock's rebase to the next one") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    ManualClock clock(0);
    save_walk_stopped_at_1000(clock, file);
    WalkDocument doc(clock);
    REQUIRE(doc.open(file).done);
    CHECK_FALSE(control(doc, clock, 50'000, &Recorder::stop_step).done);  // nothing runs: refused
    REQUIRE(control(doc, clock, 650'000, &Recorder::next_step).done);
    CHECK(doc.session().events.back().t_ms == 1'000);  // goes on from the last event, idle time left out
}

TEST_CASE("Recover keeps the journal aside when records are left out, and its message says where") {
    TempFolder folder;
    const std::filesystem::path file = folder / "walk.json";
    // The corpus journal: a plan, event 1 (Pick starts), a record failing its checksum, event 3.
    const std::string original =
        test::read_all(std::filesystem::path(GEMBA_SOURCE_DIR) / "tests/golden/bad_journal/bad_crc_middle.journal");
    test::write_all(journal_path_for(file), original);
    ManualClock clock{0};
    WalkDocument doc{clock};
    const OpenOutcome offered = doc.open(file);
    REQUIRE(offered.needs_recovery);
    REQUIRE(doc.pending_recovery());
    CHECK(doc.pending_recovery()->leaves_something_out());

    const OpenOutcome recovered = doc.accept_recovery();
    REQUIRE(recovered.done);
    CHECK_FALSE(recovered.error);
    std::vector<std::filesystem::path> kept;
    for (const auto& entry : std::filesystem::directory_iterator(folder.path()))
        if (entry.path().filename().string().starts_with("walk.json.journal.unrecovered-")) kept.push_back(entry.path());
    REQUIRE(kept.size() == 1);
    CHECK(test::read_all(kept[0]) == original);
    CHECK(recovered.message == "Recovered walk.json; what could not be recovered is kept in " +
                                   kept[0].filename().string() + " beside it (plain text)");
    CHECK_FALSE(has_journal(file));
    CHECK(doc.session().events.size() == 1);
}

TEST_CASE("a session file is described before it is replaced: title, readings, last saved, or that it does not load") {
    TempFolder folder;
    ManualClock clock(0);
    const auto file = folder / "line-3.json";
    {
        WalkDocument doc(clock);
        doc.start(two_step_plan(), file);
        control(doc, clock, 1'000, &Recorder::next_step);  // Pick
        control(doc, clock, 3'000, &Recorder::next_step);  // Pick ends (1 reading), Fasten
        control(doc, clock, 6'000, &Recorder::next_step);  // Fasten ends (2), Pick cycle 2 runs: not a reading
        REQUIRE(doc.save().done);
    }
    // Read in UTC, so that the local time of the file's change is known here.
    const char* tz = std::getenv("TZ");
    const std::string saved_tz = tz ? tz : "";
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    using namespace std::chrono;
    std::filesystem::last_write_time(file, file_clock::from_sys(sys_days{2026y / 11 / 28} + 14h + 5min + 30s));
    CHECK(describe_session_file(file) == "“Line 3”, 2 readings, last saved 2026-11-28 14:05");
    if (tz) ::setenv("TZ", saved_tz.c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();

    test::write_all(folder / "broken.json", "{\"format_version\": 1,");
    const std::string broken = describe_session_file(folder / "broken.json");
    CHECK(broken.rfind("a file that does not open as a session (", 0) == 0);
    CHECK(broken.find("broken.json") != std::string::npos);
}

TEST_CASE_FIXTURE(FreshWalk, "plan edits undo and redo, each journaled as a plan record, and typing until it is finished is one step") {
    CHECK_FALSE(doc.plan_undo_name());
    // Delete Fasten: one finished edit.
    doc.plan().steps.erase(doc.plan().steps.begin() + 1);
    doc.plan_edited("delete Fasten");
    CHECK(doc.plan_undo_name() == "delete Fasten");
    REQUIRE(doc.finish_plan_edit().done);
    CHECK(plan_records(file) == 1);
    // Three keystrokes in the title, finished once.
    for (const char* title : {"L", "Li", "Lin"}) {
        doc.plan().title = title;
        doc.plan_edited("title");
    }
    doc.finish_plan_edit();
    CHECK(plan_records(file) == 2);

    const Outcome undone_title = doc.undo_plan_edit();
    CHECK(undone_title.done);
    CHECK(undone_title.message == "Undone: title");
    CHECK(doc.session().title == "Line 3");  // before all three keystrokes
    CHECK(plan_records(file) == 3);
    CHECK(doc.plan_undo_name() == "delete Fasten");
    CHECK(doc.plan_redo_name() == "title");

    CHECK(doc.undo_plan_edit().message == "Undone: delete Fasten");
    REQUIRE(doc.session().steps.size() == 2);
    CHECK(doc.session().steps[1].name == "Fasten");
    CHECK(plan_records(file) == 4);
    const RecoveryResult journaled = recover(file);
    REQUIRE(journaled.recovery);
    CHECK(journaled.recovery->session.steps.size() == 2);
    CHECK(doc.undo_plan_edit().message == "Nothing to undo in the plan");

    CHECK(doc.redo_plan_edit().message == "Redone: delete Fasten");
    CHECK(doc.session().steps.size() == 1);
    // A new edit drops what could be redone.
    doc.plan().notes = "n";
    doc.plan_edited("notes");
    CHECK_FALSE(doc.plan_redo_name());
    CHECK(doc.redo_plan_edit().message == "Nothing to redo in the plan");
}

TEST_CASE_FIXTURE(FreshWalk, "a plan undo that would take away a step the log names is refused, and says why") {
    Step third{3, "Pack", ValueClass::value_added, 100, 0};
    doc.plan().steps.push_back(third);
    doc.plan_edited("add Pack");
    doc.finish_plan_edit();
    control(doc, clock, 1'000, &Recorder::next_step);  // Pick
    control(doc, clock, 2'000, &Recorder::next_step);  // Fasten
    control(doc, clock, 3'000, &Recorder::next_step);  // Pack: the log names step 3
    const Outcome refused = doc.undo_plan_edit();
    CHECK_FALSE(refused.done);
    CHECK(refused.error);
    CHECK(refused.message == "Cannot undo add Pack: the walk has readings of “Pack” now, which that plan does not have");
    CHECK(doc.session().steps.size() == 3);
    CHECK(doc.plan_undo_name() == "add Pack");  // still there, for when it can be
}

TEST_CASE_FIXTURE(FreshWalk, "a plan undo that would take away a queue the log counted is refused, also after the count was undone") {
    doc.plan().queues.push_back(Queue{1, "Inbox", 2, std::nullopt});
    doc.plan_edited("add queue Inbox");
    doc.finish_plan_edit();
    clock.set(1'000);
    REQUIRE(doc.tap(TapKind::control, [](Recorder& r) { return r.count_queue_by(1, 1); }, "Inbox +1").done);
    REQUIRE(doc.tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "Undone").done);
    CHECK_FALSE(doc.state().last_count(1));  // undone, yet the log still names the queue
    const Outcome refused = doc.undo_plan_edit();
    CHECK_FALSE(refused.done);
    CHECK(refused.error);
    CHECK(refused.message ==
          "Cannot undo add queue Inbox: the walk has counts of “Inbox” now, which that plan does not have");
    CHECK(doc.session().queues.size() == 1);
    CHECK(doc.plan_undo_name() == "add queue Inbox");
}

TEST_CASE("a never-saved walk's file follows its title, journal and all, until its first save") {
    TempFolder folder;
    ManualClock clock(0);
    WalkDocument doc(clock);
    test::write_all(folder / "line-3.json", "taken");  // another walk's file: not this one's name
    Plan plan = two_step_plan();
    plan.title = "New walk";
    doc.start(plan, folder / "new-walk.json", FileNaming::follows_title);

    doc.plan().title = "Line 3";
    doc.plan_edited("title");
    CHECK(doc.file() == folder / "new-walk.json");  // named when the edit is journaled
    REQUIRE(doc.finish_plan_edit().done);
    CHECK(doc.file() == folder / "line-3-2.json");
    CHECK(has_journal(folder / "line-3-2.json"));
    CHECK_FALSE(has_journal(folder / "new-walk.json"));

    control(doc, clock, 1'000, &Recorder::next_step);
    control(doc, clock, 2'000, &Recorder::next_step);
    doc.plan().title = "Line 4";
    doc.plan_edited("title");
    clock.set(2'000 + kPlanEditPauseMs);
    REQUIRE(doc.tick().done);
    CHECK(doc.file() == folder / "line-4.json");
    CHECK_FALSE(has_journal(folder / "line-3-2.json"));
    const RecoveryResult moved = recover(folder / "line-4.json");
    REQUIRE(moved.recovery);
    CHECK(moved.recovery->recovered_events == 2);  // both taps came along
    CHECK(moved.recovery->session.title == "Line 4");

    // The title changes once more, unjournaled, and Save takes the name at once.
    doc.plan().title = "Line 5";
    doc.plan_edited("title");
    REQUIRE(doc.save().done);
    CHECK(doc.file() == folder / "line-5.json");
    CHECK(folder.entries() == std::vector<std::string>{"line-3.json", "line-5.json"});
    // Saved: the name stays whatever the title becomes.
    doc.plan().title = "Line 6";
    doc.plan_edited("title");
    doc.finish_plan_edit();
    CHECK(doc.file() == folder / "line-5.json");
}

TEST_CASE("a tap that moves the journal after its title journals its event once, and every event recovers") {
    TempFolder folder;
    ManualClock clock(0);
    WalkDocument doc(clock);
    Plan plan = two_step_plan();
    plan.title = "New walk";
    doc.start(plan, folder / "new-walk.json", FileNaming::follows_title);
    REQUIRE(control(doc, clock, 1'000, &Recorder::next_step).done);  // event 1, the journal starts
    doc.plan().title = "Line 3";
    doc.plan_edited("title");  // pending: the next tap journals it first, and the journal moves
    REQUIRE(control(doc, clock, 2'000, &Recorder::next_step).done);  // event 2
    REQUIRE(control(doc, clock, 3'000, &Recorder::next_step).done);  // event 3
    const auto moved = folder / "line-3.json";
    REQUIRE(doc.file() == moved);
    const JournalReadResult read = read_journal(journal_path_for(moved));
    REQUIRE(read.contents);
    std::vector<EventId> ids;
    for (const Event& e : read.contents->events) ids.push_back(e.id);
    CHECK(ids == std::vector<EventId>{1, 2, 3});
    const RecoveryResult recovered = recover(moved);
    REQUIRE(recovered.recovery);
    CHECK(recovered.recovery->recovered_events == 3);
    CHECK(recovered.recovery->session.events.size() == 3);
    CHECK_FALSE(recovered.recovery->leaves_something_out());
    CHECK(recovered.recovery->session.title == "Line 3");
}

TEST_CASE_FIXTURE(FreshWalk, "a walk started on a given file keeps that name when its title changes") {
    doc.plan().title = "Something else";
    doc.plan_edited("title");
    doc.finish_plan_edit();
    CHECK(doc.file() == file);
    CHECK(has_journal(file));
}

TEST_CASE("a journal that cannot be started under the new title's name stays where it is, and moves at the next write") {
    TempFolder folder;
    ManualClock clock(0);
    FlakyDisk disk;
    WalkDocument doc(clock, disk);
    Plan plan = two_step_plan();
    plan.title = "New walk";
    const auto first = folder / "new-walk.json";
    doc.start(plan, first, FileNaming::follows_title);
    control(doc, clock, 1'000, &Recorder::next_step);
    REQUIRE(has_journal(first));

    disk.fail_writes = true;
    clock.set(2'000);
    doc.plan().title = "Line 3";
    doc.plan_edited("title");
    const Outcome failed = doc.finish_plan_edit();
    CHECK(failed.error);
    CHECK(doc.file() == first);
    CHECK(has_journal(first));  // the tap is still there
    CHECK_FALSE(has_journal(folder / "line-3.json"));

    disk.fail_writes = false;
    clock.set(2'000 + kPlanEditPauseMs);
    CHECK(doc.tick().done);
    CHECK(doc.file() == folder / "line-3.json");
    CHECK_FALSE(has_journal(first));
    const RecoveryResult moved = recover(folder / "line-3.json");
    REQUIRE(moved.recovery);
    CHECK(moved.recovery->recovered_events == 1);
    CHECK(moved.recovery->session.title == "Line 3");
}

TEST_CASE_FIXTURE(FreshWalk, "End walk stops everything at one instant, then the clock stands still until the next control") {
    // Clock 1 s → t 0: Pick starts; 5 s → t 4: timed motion starts; 11 s → t 10: Fasten starts
    // (Pick 10 s); 16 s → t 15: pause. End walk at clock 26 s → t 25: the pause is resumed and
    // Fasten and the motion end, all at t 25. Fasten 25 − 10 − 10 paused = 5 s; motion 25 − 4 − 10 = 11 s.
    REQUIRE(control(doc, clock, 1'000, &Recorder::next_step).done);
    clock.set(5'000);
    REQUIRE(doc.tap(TapKind::control, [](Recorder& r) { return r.toggle_timed_waste(Waste::motion); }, "motion", 5'000).done);
    REQUIRE(control(doc, clock, 11'000, &Recorder::next_step).done);
    REQUIRE(control(doc, clock, 16'000, &Recorder::toggle_pause).done);
    const std::size_t before = doc.session().events.size();
    clock.set(26'000);
    const Outcome ended = doc.end_walk(26'000);
    REQUIRE(ended.done);
    CHECK_FALSE(ended.error);
    CHECK_FALSE(doc.live());
    CHECK(doc.ended());
    const auto& events = doc.session().events;
    REQUIRE(events.size() == before + 3);
    CHECK(events[before].kind == EventKind::resume);
    CHECK(events[before + 1].kind == EventKind::step_end);
    CHECK(events[before + 2].kind == EventKind::waste_end);
    for (std::size_t i = before; i < events.size(); ++i) CHECK(events[i].t_ms == 25'000);
    CHECK(valid_readings(doc) == std::vector<Seen>{{1, 1, 0, 10'000}, {2, 1, 10'000, 5'000}});
    CHECK(doc.state().duration_ms(doc.state().tags().front(), 0) == 11'000);
    // Every stop is journaled: a crash now gives all of them back.
    REQUIRE(has_journal(file));
    CHECK(recover(file).recovery->session.events.size() == events.size());

    // Three minutes later a note, a waste key and its undo: the note is at the end (t 25); the tag
    // continues the walk from there (t 25), and once undone the observation is 25 − 10 = 15 s.
    clock.set(206'000);
    REQUIRE(doc.tap(TapKind::edit, [](Recorder& r) { return r.add_note("done"); }, "note", 206'000).done);
    CHECK(events.back().t_ms == 25'000);
    REQUIRE(doc.tap(TapKind::control, [](Recorder& r) { return r.tag_waste(Waste::defects); }, "defect", 207'000).done);
    CHECK(events.back().t_ms == 25'000);
    CHECK_FALSE(doc.ended());
    REQUIRE(doc.tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "undo", 208'000).done);
    CHECK(events.back().t_ms == 26'000);  // the clock runs again: 25 + (208 − 207)
    const SessionSummary s = summarize(doc.session(), doc.state());
    CHECK(s.elapsed_ms == 25'000);
    CHECK(s.observed_ms == 15'000);
    // One motion tag in 15 s: 1 ÷ (15/3600) = 240 per hour.
    for (const WasteCount& wc : s.waste_pareto)
        if (wc.waste == Waste::motion) CHECK(*wc.per_hour == doctest::Approx(240.0));
}

TEST_CASE_FIXTURE(FreshWalk, "End walk with nothing running only stops the clock, and before the first tap it is refused") {
    const Outcome early = doc.end_walk(500);
    CHECK_FALSE(early.done);
    CHECK(early.error);
    CHECK(doc.session().events.empty());
    REQUIRE(control(doc, clock, 1'000, &Recorder::next_step).done);
    REQUIRE(control(doc, clock, 3'000, &Recorder::stop_step).done);  // t 2
    REQUIRE(doc.end_walk(4'000).done);
    CHECK(doc.session().events.size() == 2);
    // The next control, ten minutes later, continues at t 2: the gap is not observed.
    REQUIRE(control(doc, clock, 604'000, &Recorder::next_step).done);
    CHECK(doc.session().events.back().t_ms == 2'000);
    REQUIRE(control(doc, clock, 607'000, &Recorder::next_step).done);
    CHECK(doc.session().events.back().t_ms == 5'000);
}

TEST_CASE("a reopened walk's clock stands still until the first control: a note made first is at the last event") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    ManualClock clock(0);
    save_walk_stopped_at_1000(clock, file);
    WalkDocument doc(clock);
    REQUIRE(doc.open(file).done);
    CHECK(doc.ended());
    clock.set(90'000);
    REQUIRE(doc.tap(TapKind::edit, [](Recorder& r) { return r.add_note("read later"); }, "note", 90'000).done);
    CHECK(doc.session().events.back().t_ms == 1'000);
    // The control after it continues from there: 1000, not 1000 + 90 s.
    REQUIRE(control(doc, clock, 95'000, &Recorder::next_step).done);
    CHECK(doc.session().events.back().t_ms == 1'000);
    REQUIRE(control(doc, clock, 97'000, &Recorder::next_step).done);
    CHECK(doc.session().events.back().t_ms == 3'000);
}

TEST_CASE_FIXTURE(FreshWalk, "End walk undone is one undo step: everything runs again, timed as if the walk never ended, and redone it ends again") {
    const auto undo = [&](std::int64_t at) {
        clock.set(at);
        return doc.tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "Undone", at);
    };
    const auto redo = [&](std::int64_t at) {
        clock.set(at);
        return doc.tap(TapKind::edit, [](Recorder& r) { return r.redo(); }, "Redone", at);
    };
    // Clock 1 s → t 0: Pick starts; 5 s → t 4: pause. End walk at clock 8 s → t 7: resume, Pick ends.
    REQUIRE(control(doc, clock, 1'000, &Recorder::next_step).done);
    REQUIRE(control(doc, clock, 5'000, &Recorder::toggle_pause).done);
    REQUIRE(doc.end_walk(8'000).done);
    const auto& events = doc.session().events;
    REQUIRE(events.size() == 4);
    CHECK_FALSE(doc.clock_running());

    // One Ctrl+Z at clock 10 s takes back both stops (at the held t 7): paused, Pick running again.
    REQUIRE(undo(10'000).done);
    REQUIRE(events.size() == 6);
    CHECK(events[4].kind == EventKind::undo);
    CHECK(events[5].kind == EventKind::undo);
    CHECK(events[4].t_ms == 7'000);
    CHECK(events[5].t_ms == 7'000);
    CHECK_FALSE(doc.ended());
    CHECK(doc.live());
    CHECK(doc.state().paused());
    REQUIRE(doc.state().running_readings().size() == 1);
    CHECK(doc.state().running_readings().front()->step == 1);
    // The clock runs from the end's clock 8 s as if it had never stood still: t 7 + 2 = 9 at 10 s.
    CHECK(doc.recorder().now_ms() == 9'000);
    // A second Ctrl+Z 50 ms later is the same finger (debounce 150 ms), not an undo of Pick's start.
    CHECK_FALSE(undo(10'050).done);
    CHECK(events.size() == 6);

    // Ctrl+Y at clock 11 s (t 7 + 3 = 10) ends it again, both stops at once; the clock holds at t 10.
    REQUIRE(redo(11'000).done);
    REQUIRE(events.size() == 8);
    CHECK(events[6].t_ms == 10'000);
    CHECK(events[7].t_ms == 10'000);
    CHECK(doc.ended());
    CHECK_FALSE(doc.live());
    clock.set(11'500);
    CHECK(doc.recorder().now_ms() == 10'000);

    // Undone again at clock 12 s: running from the redo's clock 11 s, t 10. Resume at 13 s → t 12,
    // Fasten at 15 s → t 14. Pick: 14 − 0 − 8 paused (4 to 12) = 6 s, as on the floor: clock 1 to 5
    // running, 5 to 13 paused, 13 to 15 running.
    REQUIRE(undo(12'000).done);
    REQUIRE(events.size() == 10);
    CHECK(events[9].t_ms == 10'000);
    CHECK(doc.clock_running() == false);  // paused
    REQUIRE(control(doc, clock, 13'000, &Recorder::toggle_pause).done);
    CHECK(events.back().t_ms == 12'000);
    CHECK(doc.clock_running());
    REQUIRE(control(doc, clock, 15'000, &Recorder::next_step).done);
    CHECK(events.back().t_ms == 14'000);
    CHECK(valid_readings(doc) == std::vector<Seen>{{1, 1, 0, 6'000}});
    // Every event is journaled once: a crash now gives all 12 back.
    const RecoveryResult recovered = recover(file);
    REQUIRE(recovered.recovery);
    CHECK(recovered.recovery->recovered_events == 12);
    CHECK_FALSE(recovered.recovery->leaves_something_out());
}

TEST_CASE("an undo that makes a step run on a reopened walk lets the clock run from that moment") {
    TempFolder folder;
    const auto file = folder / "walk.json";
    ManualClock clock(0);
    save_walk_stopped_at_1000(clock, file);
    WalkDocument doc(clock);
    REQUIRE(doc.open(file).done);
    CHECK(doc.ended());
    // Undo at clock 90 s (at t 1000, the clock stood still): Pick runs again, and so does the clock.
    clock.set(90'000);
    REQUIRE(doc.tap(TapKind::edit, [](Recorder& r) { return r.undo(); }, "Undone", 90'000).done);
    CHECK(doc.session().events.back().t_ms == 1'000);
    CHECK_FALSE(doc.ended());
    CHECK(doc.clock_running());
    // Fasten at clock 93 s → t 1000 + 3000 = 4000: Pick 4 s (the 89 s closed are not counted).
    REQUIRE(control(doc, clock, 93'000, &Recorder::next_step).done);
    CHECK(doc.session().events.back().t_ms == 4'000);
    CHECK(valid_readings(doc) == std::vector<Seen>{{1, 1, 0, 4'000}});
}
