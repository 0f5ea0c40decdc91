// CSV export (core/report/csv). Expected rows are written out by hand from the walk in each test; times
// in the comments are seconds.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/report/csv.hpp"
#include "tests/recorded_walk.hpp"
#include "tests/support.hpp"
#include "core/log/recorder.hpp"
#include "core/model/session.hpp"
#include "core/analysis/summary.hpp"

using namespace gemba;
namespace fs = std::filesystem;
using gemba::test::read_all;
using gemba::test::TempFolder;
using gemba::test::make_step;
using gemba::test::sec;
using Walk = gemba::test::RecordedWalk;

namespace {

std::vector<std::string> lines_of(const std::string& csv) {
    std::vector<std::string> lines;
    std::size_t from = 0;
    while (from < csv.size()) {
        const std::size_t end = csv.find("\r\n", from);
        REQUIRE(end != std::string::npos);  // every row ends in CRLF, the last one too
        lines.push_back(csv.substr(from, end - from));
        from = end + 2;
    }
    return lines;
}

std::string id(EventId e) { return std::to_string(e); }

const std::string kFasten = "Fasten \"M6\", torque";
const std::string kFastenCsv = "\"Fasten \"\"M6\"\", torque\"";

// Lap timing, steps Pick (1, VA) and `Fasten "M6", torque` (2, NNVA):
//   r1 Pick c1 0–4; r2 Fasten c1 4–10 with a pause 6–8 (4 s); stop at 10; gap 10–13
//   r3 Pick c2 13–20; r4 Fasten c2 20–22 (deleted); r5 Pick c3 22–27 (excluded); r6 Fasten c3
//   running from 27.
struct CsvWalk {
    CsvWalk() : walk({make_step(1, "Pick", ValueClass::value_added),
                      make_step(2, kFasten, ValueClass::necessary_non_value_added)}) {
        r1 = walk.next(0);
        r2 = walk.next(4);
        walk.pause(6);
        walk.pause(8);
        walk.stop(10);
        r3 = walk.next(13);
        r4 = walk.next(20);
        r5 = walk.next(22);
        r6 = walk.next(27);
        REQUIRE(walk.recorder().remove(r4).recorded);
        REQUIRE(walk.recorder().exclude(r5, "=cmd|' /C calc'!A0, boss").recorded);
    }
    Walk walk;
    EventId r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0;
};



}  // namespace

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

TEST_CASE("csv_field: RFC 4180 quoting") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("") == "");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("\"") == "\"\"\"\"");
    CHECK(csv_field("line\nbreak") == "\"line\nbreak\"");
    CHECK(csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(csv_field("crlf\r\nend") == "\"crlf\r\nend\"");
    // Spaces and semicolons need no quotes in RFC 4180; UTF-8 passes through untouched.
    CHECK(csv_field(" a; b ") == " a; b ");
    CHECK(csv_field("Prüfung – Öse") == "Prüfung – Öse");
}

TEST_CASE("csv_field: typed text that a spreadsheet would run as a formula gets a leading '") {
    CHECK(csv_field("=SUM(A1:A9)", true) == "'=SUM(A1:A9)");
    CHECK(csv_field("+1", true) == "'+1");
    CHECK(csv_field("-5 mm", true) == "'-5 mm");
    CHECK(csv_field("@SUM(A1)", true) == "'@SUM(A1)");
    // OWASP also lists a leading tab and carriage return (the CR also forces quotes).
    CHECK(csv_field("\t=1+1", true) == "'\t=1+1");
    CHECK(csv_field("\r=1+1", true) == "\"'\r=1+1\"");
    // The guard first, then the quoting around the guarded text.
    CHECK(csv_field("=HYPERLINK(\"http://x\",\"y\")", true) == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    // Only the first character matters; numbers written by the program are not typed text.
    CHECK(csv_field("a=b", true) == "a=b");
    CHECK(csv_field(" =1", true) == " =1");
    CHECK(csv_field("-5") == "-5");
    CHECK(csv_field("=1") == "=1");
    CHECK(csv_field("", true) == "");
}

// ---------------------------------------------------------------------------------------------
// Readings
// ---------------------------------------------------------------------------------------------

TEST_CASE("readings_csv: one row per reading, deleted ones too, with laps of a continuous watch") {
    CsvWalk cw;
    const SessionSummary summary = summarize(cw.walk.session(), cw.walk.state());
    const std::vector<std::string> rows = lines_of(readings_csv(cw.walk.session(), cw.walk.state(), summary));
    REQUIRE(rows.size() == 7);
    CHECK(rows[0] ==
          "reading_id,step_id,step,value_class,cycle,start_s,end_s,duration_s,lap_s,cumulative_s,status,reason,"
          "manual,outlier,note");
    // Start and end on the walk clock (session time, the 2 s pause 6–8 left out after it): r1 0–4,
    //   r2 4–8, r3 13 − 2 = 11 to 18, r4 18–20, r5 20–25, r6 from 25: end − start = duration.
    // The continuous watch (the walk clock) at each end of a reading not deleted:
    //   r1 4; r2 10 − 2 (pause) = 8; r3 20 − 2 = 18; r5 27 − 2 = 25.
    // Laps, the differences: r1 4; r2 8 − 4 = 4; r3 18 − 8 = 10 (7 s of work + the 3 s gap);
    //   r5 25 − 18 = 7 (the deleted r4's 2 s + 5 s).
    // Durations (snapback view, pauses left out): 4, 4, 7, 2, 5; the running r6 has none.
    CHECK(rows[1] == id(cw.r1) + ",1,Pick,value_added,1,0.000,4.000,4.000,4.000,4.000,valid,,no,no,");
    CHECK(rows[2] == id(cw.r2) + ",2," + kFastenCsv +
                         ",necessary_non_value_added,1,4.000,8.000,4.000,4.000,8.000,valid,,no,no,");
    CHECK(rows[3] == id(cw.r3) + ",1,Pick,value_added,2,11.000,18.000,7.000,10.000,18.000,valid,,no,no,");
    CHECK(rows[4] == id(cw.r4) + ",2," + kFastenCsv +
                         ",necessary_non_value_added,2,18.000,20.000,2.000,,,deleted,,no,no,");
    CHECK(rows[5] == id(cw.r5) +
                         ",1,Pick,value_added,3,20.000,25.000,5.000,7.000,25.000,excluded,"
                         "\"'=cmd|' /C calc'!A0, boss\",no,no,");
    CHECK(rows[6] == id(cw.r6) + ",2," + kFastenCsv + ",necessary_non_value_added,3,25.000,,,,,running,,no,no,");
}

TEST_CASE("readings_csv: outliers and manual readings are marked") {
    // One step, lap: 10, 11, 12, 13, 30 → Tukey fences [8, 16] flag the 30 (Q1 11, Q3 13).
    // Then a manual reading of 12 s inserted into cycle 6 (100–112), entered at 120.
    Walk w({make_step(1, "Pick", ValueClass::value_added)});
    std::vector<EventId> ids;
    double t = 0;
    for (double d : {10, 11, 12, 13, 30}) {
        ids.push_back(w.next(t));
        t += d;
    }
    w.stop(t);  // 76
    const EventId manual = w.at(120, [](Recorder& r) { return r.insert_reading(1, 6, sec(100), sec(112)); });
    const SessionSummary summary = summarize(w.session(), w.state());
    REQUIRE(summary.steps[0].outliers == std::vector<EventId>{ids[4]});
    const std::vector<std::string> rows = lines_of(readings_csv(w.session(), w.state(), summary));
    REQUIRE(rows.size() == 7);
    // Valid now {10, 11, 12, 13, 30, 12}: sorted 10 11 12 12 13 30; Q1 at h = 1.25 → 11.25,
    // Q3 at h = 3.75 → 12.75, IQR 1.5, fences 9 and 15 → still only the 30.
    CHECK(rows[5] == id(ids[4]) + ",1,Pick,value_added,5,46.000,76.000,30.000,30.000,76.000,valid,,no,yes,");
    // The manual reading ends last: lap 112 − 76 = 36 on the continuous watch.
    CHECK(rows[6] == id(manual) + ",1,Pick,value_added,6,100.000,112.000,12.000,36.000,112.000,valid,,yes,no,");
}

// ---------------------------------------------------------------------------------------------
// Steps, wastes, tally
// ---------------------------------------------------------------------------------------------

TEST_CASE("steps_csv: header and a hand-computed row, with and without a file column") {
    CsvWalk cw;
    const SessionSummary summary = summarize(cw.walk.session(), cw.walk.state());
    const std::string header =
        "step_id,step,value_class,rating_pct,allowance_pct,valid_n,excluded_n,deleted_n,mean_s,median_s,sd_s,"
        "cv_pct,min_s,max_s,observed_s,frequency,normal_s,standard_s,required_cycles,more_cycles,outliers";
    const std::vector<std::string> rows = lines_of(steps_csv(summary));
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == header);
    // Closed cycles: 1 and 2 (a later cycle has begun); cycle 3 holds the running r6: open.
    // Pick: valid {4, 7} (r5 excluded): mean 5.5, median 5.5, s = √4.5 = 2.121, cv 2.1213/5.5 =
    // 38.57 %, OT = NT = ST = 5.5 (R 100 %, A 0). n = 3.8416 · 4.5 / (0.05 · 5.5)² = 228.59 → 229,
    // more 227. Frequency: r1 (cycle 1) and r3 (cycle 2) in 2 closed cycles = 2/2 = 1.0000.
    CHECK(rows[1] == "1,Pick,value_added,100.0,0.0,2,1,0,5.500,5.500,2.121,38.57,4.000,7.000,5.500,1.0000,5.500,"
                     "5.500,229,227,0");
    // Fasten: one valid reading (4 s), r4 deleted, r6 running: no spread, no required cycles.
    // Frequency: r2 in cycle 1 only (cycle 2's r4 is deleted) = 1/2 = 0.5000.
    CHECK(rows[2] == "2," + kFastenCsv +
                         ",necessary_non_value_added,100.0,0.0,1,0,1,4.000,4.000,,,4.000,4.000,4.000,0.5000,4.000,"
                         "4.000,,,0");

    const std::string file = "=walk,1.json";
    const std::vector<std::string> with_file = lines_of(steps_csv(summary, &file));
    CHECK(with_file[0] == "file," + header);
    CHECK(with_file[1].rfind("\"'=walk,1.json\",1,Pick,", 0) == 0);
}

TEST_CASE("wastes_csv: one row per tag, deleted ones too") {
    // Lap, step Pick 0–10: defects at 2 with a typed note; motion at 3 (deleted); stop at 10;
    // timed waiting 11–16 with a pause 12–14 (3 s), no step; timed motion from 18, still running.
    // Stored session: the last walk tap is 18, so the running motion lasts 0 s.
    Walk w({make_step(1, "Pick", ValueClass::value_added)});
    w.next(0);
    const EventId defect = w.tag(2, Waste::defects, "-5 mm, see photo");
    const EventId motion = w.tag(3, Waste::motion);
    w.stop(10);
    const EventId waiting = w.timed(11, Waste::waiting);
    w.pause(12);
    w.pause(14);
    w.timed(16, Waste::waiting);
    const EventId running = w.timed(18, Waste::motion, "walks to \"rack\"");
    REQUIRE(w.recorder().remove(motion).recorded);
    const SessionSummary summary = summarize(w.session(), w.state());
    const std::vector<std::string> rows = lines_of(wastes_csv(w.session(), w.state(), summary));
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == "tag_id,waste,waste_name,step_id,step,start_s,end_s,duration_s,timed,status,note");
    CHECK(rows[1] == id(defect) + ",defects,Defects,1,Pick,2.000,,,no,valid,\"'-5 mm, see photo\"");
    CHECK(rows[2] == id(motion) + ",motion,Motion,1,Pick,3.000,,,no,deleted,");
    // 16 − 11 − 2 (pause) = 3; on the walk clock 11 to 16 − 2 = 14. The motion starts at 18 − 2 = 16.
    CHECK(rows[3] == id(waiting) + ",waiting,Waiting,,,11.000,14.000,3.000,yes,valid,");
    CHECK(rows[4] == id(running) + ",motion,Motion,,,16.000,,0.000,yes,running,\"walks to \"\"rack\"\"\"");

    SUBCASE("live: the running tag lasts until now") {
        const SessionSummary live = summarize(w.session(), w.state(), sec(25));
        const std::vector<std::string> live_rows = lines_of(wastes_csv(w.session(), w.state(), live));
        // 25 − 18 = 7.
        CHECK(live_rows[4] == id(running) + ",motion,Motion,,,16.000,,7.000,yes,running,\"walks to \"\"rack\"\"\"");
    }
    SUBCASE("the tally in Pareto order") {
        // Not deleted: defects 1 (0 s), waiting 1 timed (3 s), motion 1 timed (running, 0 s).
        // Order: count 1 each → time: waiting 3 s first; then defects and motion at 0 s in
        // DOWNTIME order (defects before motion); then the zeros: overproduction,
        // non-utilized talent, transportation, inventory, extra-processing.
        // Observed: 18 − 2 = 16 s → 1 × 3600 / 16 = 225 per hour. Shares 33.33 %.
        const std::vector<std::string> tally = lines_of(waste_tally_csv(summary));
        REQUIRE(tally.size() == 9);
        CHECK(tally[0] == "rank,waste,waste_name,count,share_pct,cumulative_pct,timed_count,timed_s,per_hour");
        CHECK(tally[1] == "1,waiting,Waiting,1,33.33,33.33,1,3.000,225.00");
        CHECK(tally[2] == "2,defects,Defects,1,33.33,66.67,0,0.000,225.00");
        CHECK(tally[3] == "3,motion,Motion,1,33.33,100.00,1,0.000,225.00");
        CHECK(tally[4] == "4,overproduction,Overproduction,0,0.00,100.00,0,0.000,0.00");
        CHECK(tally[5] == "5,non_utilized_talent,Non-utilized talent,0,0.00,100.00,0,0.000,0.00");
        CHECK(tally[8] == "8,extra_processing,Extra-processing,0,0.00,100.00,0,0.000,0.00");
    }
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

TEST_CASE("export_csv: five files with a UTF-8 byte order mark") {
    CsvWalk cw;
    const SessionSummary summary = summarize(cw.walk.session(), cw.walk.state());
    TempFolder folder;
    const ExportResult result = export_csv(folder.path(), "walk", cw.walk.session(), cw.walk.state(), summary);
    REQUIRE(result.ok);
    CHECK(result.error.empty());
    const std::vector<fs::path> expected = {folder.path() / "walk.readings.csv", folder.path() / "walk.steps.csv",
                                            folder.path() / "walk.wastes.csv", folder.path() / "walk.waste_tally.csv",
                                            folder.path() / "walk.notes.csv"};
    CHECK(result.written == expected);
    const std::string bom = "\xEF\xBB\xBF";
    CHECK(read_all(expected[0]) == bom + readings_csv(cw.walk.session(), cw.walk.state(), summary));
    CHECK(read_all(expected[1]) == bom + steps_csv(summary));
    CHECK(read_all(expected[2]) == bom + wastes_csv(cw.walk.session(), cw.walk.state(), summary));
    CHECK(read_all(expected[3]) == bom + waste_tally_csv(summary));
    CHECK(read_all(expected[4]) == bom + notes_csv(cw.walk.session(), cw.walk.state()));
    // Nothing else was left behind (no temporary files).
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder.path())) ++entries;
    CHECK(entries == 5);
}

TEST_CASE("export_csv: a missing folder is an error, and nothing is written") {
    CsvWalk cw;
    const SessionSummary summary = summarize(cw.walk.session(), cw.walk.state());
    TempFolder folder;
    const fs::path missing = folder.path() / "no-such-folder";
    const ExportResult result = export_csv(missing, "walk", cw.walk.session(), cw.walk.state(), summary);
    CHECK_FALSE(result.ok);
    CHECK(result.written.empty());
    CHECK(result.error.find("walk.readings.csv") != std::string::npos);
    CHECK_FALSE(fs::exists(missing));
}

// ---------------------------------------------------------------------------------------------
// Notes
// ---------------------------------------------------------------------------------------------

// Lap, steps Pick (1) and Fasten (2): Pick 0–6 with a pause 3–5 (walk clock 0–4, 4 s), a motion tag
// at 2 on Pick, Fasten 6–9 (walk clock 4–7, 3 s) ended by a stop. Then, at 9 (walk clock 7), notes:
// two on Pick's reading, one on the tag, one on the stop (it belongs to the reading the stop
// ended, Fasten's), one on the session, and one on the lap that is then deleted.
struct NotesWalk {
    NotesWalk() : walk({make_step(1, "Pick", ValueClass::value_added), make_step(2, "Fasten", ValueClass::value_added)}) {
        r1 = walk.next(0);
        motion = walk.tag(2, Waste::motion);
        walk.pause(3);
        walk.pause(5);
        r2 = walk.next(6);
        stop = walk.stop(9);
        Recorder& rec = walk.recorder();
        slow = note(rec.add_note("slow pick", r1));
        reach = note(rec.add_note("=reach, far", motion));
        dropped = note(rec.add_note("dropped bolt", stop));
        line = note(rec.add_note("line 3"));
        second = note(rec.add_note("second, line", r1));
        typo = note(rec.add_note("typo", r2));
        REQUIRE(rec.remove(typo).recorded);
    }
    static EventId note(const TapResult& result) {
        REQUIRE(result.recorded);
        return result.event;
    }
    Walk walk;
    EventId r1 = 0, motion = 0, r2 = 0, stop = 0, slow = 0, reach = 0, dropped = 0, line = 0, second = 0, typo = 0;
};

TEST_CASE("notes: every note in notes.csv, and beside the readings and tags it is on") {
    NotesWalk nw;
    const Session& session = nw.walk.session();
    const LogState& state = nw.walk.state();
    const SessionSummary summary = summarize(session, state);

    const std::vector<std::string> notes = lines_of(notes_csv(session, state));
    REQUIRE(notes.size() == 7);
    CHECK(notes[0] == "note_id,time_s,on_event_id,on,reading_id,tag_id,step_id,step,cycle,status,note");
    const std::string r1 = id(nw.r1), r2 = id(nw.r2);
    CHECK(notes[1] == id(nw.slow) + ",7.000," + r1 + ",Start Pick," + r1 + ",,1,Pick,1,valid,slow pick");
    // A tag's cycle is that of its step's reading running then (Pick, cycle 1).
    CHECK(notes[2] == id(nw.reach) + ",7.000," + id(nw.motion) + ",Motion at Pick,," + id(nw.motion) +
                          ",1,Pick,1,valid,\"'=reach, far\"");
    CHECK(notes[3] == id(nw.dropped) + ",7.000," + id(nw.stop) + ",End Fasten," + r2 + ",,2,Fasten,1,valid,dropped bolt");
    CHECK(notes[4] == id(nw.line) + ",7.000,,,,,,,,valid,line 3");
    CHECK(notes[5] == id(nw.second) + ",7.000," + r1 + ",Start Pick," + r1 + ",,1,Pick,1,valid,\"second, line\"");
    CHECK(notes[6] == id(nw.typo) + ",7.000," + r2 + ",Lap: Pick → Fasten," + r2 + ",,2,Fasten,1,deleted,typo");

    // Beside the readings: Pick's two notes, one a line; Fasten's the note on its stop (the deleted
    // one left out). Pick 0–4 on the walk clock (the pause left out), Fasten 4–7.
    const std::vector<std::string> readings = lines_of(readings_csv(session, state, summary));
    REQUIRE(readings.size() == 3);
    CHECK(readings[1] == r1 + ",1,Pick,value_added,1,0.000,4.000,4.000,4.000,4.000,valid,,no,no,\"slow pick\nsecond, line\"");
    CHECK(readings[2] == r2 + ",2,Fasten,value_added,1,4.000,7.000,3.000,3.000,7.000,valid,,no,no,dropped bolt");
    // Beside the tag: its own note (none) and the note made on it.
    const std::vector<std::string> wastes = lines_of(wastes_csv(session, state, summary));
    REQUIRE(wastes.size() == 2);
    CHECK(wastes[1] == id(nw.motion) + ",motion,Motion,1,Pick,2.000,,,no,valid,\"'=reach, far\"");
}

TEST_CASE("export_csv: pandas reads every file, end − start is the duration, the notes are there") {
    NotesWalk nw;
    // Pick again 10–15 with a pause 11–13 inside it (3 s), then Fasten runs from 15.
    nw.walk.next(10);
    nw.walk.pause(11);
    nw.walk.pause(13);
    nw.walk.next(15);
    TempFolder folder;
    const SessionSummary summary = summarize(nw.walk.session(), nw.walk.state());
    REQUIRE(export_csv(folder.path(), "walk", nw.walk.session(), nw.walk.state(), summary).ok);
    const fs::path script = folder.path() / "check.py";
    std::ofstream(script) << R"(import sys, pandas
d = sys.argv[1] + "/walk."
r = pandas.read_csv(d + "readings.csv", encoding="utf-8-sig")
done = r[r["status"] != "running"]
assert ((done["end_s"] - done["start_s"] - done["duration_s"]).abs() < 1e-9).all(), r
assert list(r["note"].fillna("")) == ["slow pick\nsecond, line", "dropped bolt", "", ""], list(r["note"])
assert len(done) == 3 and list(done["duration_s"]) == [4.0, 3.0, 3.0], done
n = pandas.read_csv(d + "notes.csv", encoding="utf-8-sig")
assert len(n) == 6 and list(n["status"]).count("deleted") == 1, n
assert list(n["note"]) == ["slow pick", "'=reach, far", "dropped bolt", "line 3", "second, line", "typo"], list(n["note"])
for name in ("steps", "wastes", "waste_tally"):
    pandas.read_csv(d + name + ".csv", encoding="utf-8-sig")
)";
    const std::string command = "/usr/bin/python3 " + script.string() + " " + folder.path().string();
    CHECK(std::system(command.c_str()) == 0);
}
