// End to end in a real window: gemba under Xvfb (Mesa software GL), driven with real X input from
// xdotool; the saved file is then loaded with core and every event must be there as pressed.
// Screenshots of each screen land in the build tree (screenshots/) to be looked at.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/file/journal.hpp"
#include "core/file/session_file.hpp"
#include "tests/gui_tabs.hpp"
#include "tests/x_display.hpp"

namespace {

using namespace gemba;
using gemba::test::spawn;
using gemba::test::stop;
using gemba::test::Xvfb;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Waits for the app's window to show and gives it the keyboard.
void wait_for_window(const Xvfb& x) {
    REQUIRE(x.run("timeout 20 xdotool search --sync --onlyvisible --name Gemba >/dev/null") == 0);
    CHECK(x.run("xdotool search --onlyvisible --name Gemba windowfocus --sync") == 0);
}

void key(const Xvfb& x, const std::string& keys) {
    CHECK(x.run("xdotool key --clearmodifiers " + keys) == 0);
    std::this_thread::sleep_for(250ms);  // beyond the 150 ms debounce, like a person's taps
}

void screenshot(const Xvfb& x, const std::string& name) {
    const fs::path folder = fs::path(GEMBA_BINARY_DIR) / "screenshots";
    fs::create_directories(folder);
    std::this_thread::sleep_for(400ms);
    CHECK(x.run("xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > " + (folder / (name + ".png")).string()) == 0);
}

// The top bar's tabs at scale 1.
void click_tab(const Xvfb& x, int index) {
    const test::TabCentre tab = test::tab_centre(index, 1.0f);
    CHECK(x.run("xdotool mousemove " + std::to_string(tab.x) + " " + std::to_string(tab.y) + " click 1") == 0);
    std::this_thread::sleep_for(300ms);
}

}  // namespace

TEST_CASE("a walk driven with real keys lands in the saved file exactly as pressed") {
    const fs::path home = fs::temp_directory_path() / ("gemba-e2e-" + std::to_string(getpid()));
    fs::remove_all(home);
    fs::create_directories(home);
    Session plan;
    plan.title = "E2E line";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 10}, Step{2, "Fasten", ValueClass::value_added, 100, 10},
                  Step{3, "Inspect", ValueClass::necessary_non_value_added, 100, 5}};
    const fs::path file = home / "plan.json";
    REQUIRE(save_session(file, plan).ok);

    Xvfb x;
    const pid_t app = spawn({GEMBA_GUI_PATH, file.string()},
                            {x.env(), "XDG_DATA_HOME=" + (home / "data").string(), "XDG_CONFIG_HOME=" + (home / "config").string()});
    wait_for_window(x);
    std::this_thread::sleep_for(500ms);

    key(x, "space");        // start Pick
    key(x, "space");        // lap: Pick -> Fasten
    key(x, "3");            // Waiting, during Fasten
    key(x, "space");        // lap: Fasten -> Inspect
    key(x, "shift+7");      // Motion, timed: start
    key(x, "shift+7");      // Motion, timed: stop
    key(x, "p");            // pause
    key(x, "p");            // resume
    key(x, "1");            // Defects (a mis-tap)
    key(x, "ctrl+z");       // undo it
    key(x, "space");        // lap: Inspect -> Pick, new cycle
    screenshot(x, "walk");
    key(x, "ctrl+s");
    for (int i = 0; i < 50; ++i) {
        const LoadResult saved = load_session(file);
        if (saved.ok() && !saved.session->events.empty()) break;
        std::this_thread::sleep_for(100ms);
    }
    click_tab(x, 3);
    screenshot(x, "review");
    click_tab(x, 4);
    screenshot(x, "summary");
    click_tab(x, 1);
    screenshot(x, "setup");
    click_tab(x, 0);
    screenshot(x, "start");
    stop(app);

    const LoadResult saved = load_session(file);
    REQUIRE_MESSAGE(saved.ok(), (saved.problem ? saved.problem->message() : ""));
    const std::vector<Event>& e = saved.session->events;
    REQUIRE(e.size() == 11);
    CHECK(e[0].kind == EventKind::step_start);
    CHECK(e[0].step == 1);
    CHECK(e[1].kind == EventKind::lap);
    CHECK(e[1].ended_step() == 1);
    CHECK(e[1].step == 2);
    CHECK(e[2].kind == EventKind::waste_tag);
    CHECK(e[2].waste == Waste::waiting);
    CHECK(e[2].step == 2);
    CHECK(e[3].kind == EventKind::lap);
    CHECK(e[3].step == 3);
    CHECK(e[4].kind == EventKind::waste_start);
    CHECK(e[4].waste == Waste::motion);
    CHECK(e[5].kind == EventKind::waste_end);
    CHECK(e[5].target == e[4].id);
    CHECK(e[6].kind == EventKind::pause);
    CHECK(e[7].kind == EventKind::resume);
    CHECK(e[8].kind == EventKind::waste_tag);
    CHECK(e[8].waste == Waste::defects);
    CHECK(e[9].kind == EventKind::undo);
    CHECK(e[9].target == e[8].id);
    CHECK(e[10].kind == EventKind::lap);
    CHECK(e[10].step == 1);
    CHECK(e[10].new_cycle);
    // Taps were 250 ms apart: every interval between keys must show it (timed at the key press).
    for (std::size_t i = 1; i < e.size(); ++i) CHECK(e[i].t_ms - e[i - 1].t_ms >= 200);
    CHECK_FALSE(saved.session->started_at.empty());
    fs::remove_all(home);
}

namespace {

// How many colours the screen shows: one when the window is blank, hundreds with antialiased text.
std::size_t distinct_colours(const Xvfb& x) {
    std::this_thread::sleep_for(400ms);
    const std::string command = x.env() + " sh -c 'xwd -root -silent | xwdtopnm 2>/dev/null | ppmhist -noheader | wc -l'";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char line[32] = {};
    const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
    ::pclose(pipe);
    return read ? static_cast<std::size_t>(std::strtoul(line, nullptr, 10)) : 0;
}

}  // namespace

TEST_CASE("a UI scale change shows the new look at once, every time") {
    const fs::path home = fs::temp_directory_path() / ("gemba-e2e-scale-" + std::to_string(getpid()));
    fs::remove_all(home);
    fs::create_directories(home);
    Xvfb x;
    const pid_t app = spawn({GEMBA_GUI_PATH},
                            {x.env(), "XDG_DATA_HOME=" + (home / "data").string(), "XDG_CONFIG_HOME=" + (home / "config").string()});
    wait_for_window(x);
    CHECK(distinct_colours(x) > 20);
    for (const char* keys : {"ctrl+equal", "ctrl+equal", "ctrl+equal", "ctrl+minus", "ctrl+minus", "ctrl+minus"}) {
        CAPTURE(keys);
        key(x, keys);
        CHECK(distinct_colours(x) > 20);
    }
    stop(app);
    fs::remove_all(home);
}

TEST_CASE("with no display the app says so, points to gemba-cli and xvfb-run, and exits 1") {
    const fs::path out = fs::temp_directory_path() / ("gemba-nodisplay-" + std::to_string(getpid()));
    const int status = std::system(("env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(GEMBA_GUI_PATH) + " 2> " + out.string()).c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    std::ifstream in(out);
    const std::string message((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(message.find("no display") != std::string::npos);
    CHECK(message.find("gemba-cli") != std::string::npos);
    CHECK(message.find("xvfb-run") != std::string::npos);
    fs::remove(out);
}

namespace {

// One key of the kill test and the event it must leave in the journal.
struct KillKey {
    std::string xdotool;
    EventKind kind;
    std::optional<Waste> waste;
};

// Space starts or laps; digits tag a waste; Shift+digit starts or stops a timed one. In lap mode
// with steps every one of them records exactly one event.
KillKey random_key(std::mt19937& random, std::set<int>& timed_running) {
    const int choice = static_cast<int>(random() % 3);
    const int digit = 1 + static_cast<int>(random() % 8);
    const Waste waste = kWastes[static_cast<std::size_t>(digit - 1)];
    if (choice == 0) return {"space", EventKind::lap, std::nullopt};
    if (choice == 1) return {std::to_string(digit), EventKind::waste_tag, waste};
    const bool running = timed_running.count(digit) != 0;
    if (running) timed_running.erase(digit);
    else timed_running.insert(digit);
    return {"shift+" + std::to_string(digit), running ? EventKind::waste_end : EventKind::waste_start,
            running ? std::nullopt : std::optional<Waste>(waste)};
}

int kill_trials() {
    const char* trials = std::getenv("GEMBA_KILL_TRIALS");
    return trials ? std::max(1, std::atoi(trials)) : 20;
}

}  // namespace

TEST_CASE("kill -9 at random moments: recovery gives the taps in order, none doubled, none lost") {
    std::mt19937 random(static_cast<unsigned>(std::random_device{}()));
    const int trials = kill_trials();
    Xvfb x;
    int total_keys = 0, total_recovered = 0;
    for (int trial = 0; trial < trials; ++trial) {
        CAPTURE(trial);
        const fs::path home = fs::temp_directory_path() / ("gemba-kill-" + std::to_string(getpid()) + "-" + std::to_string(trial));
        fs::remove_all(home);
        fs::create_directories(home);
        Session plan;
        plan.title = "Kill test";
        plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0}};
        const fs::path file = home / "walk.json";
        REQUIRE(save_session(file, plan).ok);

        const pid_t app = spawn({GEMBA_GUI_PATH, file.string()}, {x.env(), "XDG_DATA_HOME=" + (home / "data").string(),
                                                                  "XDG_CONFIG_HOME=" + (home / "config").string()});
        wait_for_window(x);
        std::this_thread::sleep_for(300ms);

        // The kill falls at a random moment: after a random number of keys, a random time after the
        // last one (possibly before the app has read it).
        const int keys = 1 + static_cast<int>(random() % 12);
        std::set<int> timed_running;
        std::vector<KillKey> sent;
        std::vector<std::chrono::steady_clock::time_point> sent_at;
        for (int k = 0; k < keys; ++k) {
            sent.push_back(random_key(random, timed_running));
            sent_at.push_back(std::chrono::steady_clock::now());
            CHECK(x.run("xdotool key --clearmodifiers " + sent.back().xdotool) == 0);
            if (k + 1 < keys) std::this_thread::sleep_for(250ms);  // beyond the 150 ms debounce
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
        const auto killed_at = std::chrono::steady_clock::now();
        kill(app, SIGKILL);
        int status = 0;
        waitpid(app, &status, 0);

        // No journal at all: the kill came before the app had read the first key.
        Recovery r;
        if (has_journal(file)) {
            const RecoveryResult result = recover(file);
            REQUIRE_MESSAGE(result.recovery, (result.problem ? result.problem->message() : ""));
            r = *result.recovery;
        }
        std::string sequence;
        for (const KillKey& k : sent) sequence += k.xdotool + " ";
        CAPTURE(sequence);
        CHECK(r.notices.empty());
        // None lost: every key sent a second before the kill had long been read, journaled, synced.
        std::size_t surely_read = 0;
        for (const auto& at : sent_at)
            if (killed_at - at >= 1s) ++surely_read;
        CHECK(r.recovered_events >= surely_read);
        // None doubled, none invented: the events are the first keys, in order.
        REQUIRE(r.recovered_events <= sent.size());
        for (std::size_t i = 0; i < r.recovered_events; ++i) {
            CAPTURE(i);
            const Event& e = r.session.events[i];
            if (sent[i].kind == EventKind::lap)
                CHECK((e.kind == EventKind::lap || e.kind == EventKind::step_start));
            else
                CHECK(e.kind == sent[i].kind);
            if (sent[i].waste) CHECK(e.waste == *sent[i].waste);
        }
        total_keys += keys;
        total_recovered += static_cast<int>(r.recovered_events);
        fs::remove_all(home);
    }
    MESSAGE(trials << " kill trials: " << total_keys << " keys sent, " << total_recovered
                   << " recovered (the rest were sent less than the app's reaction time before the kill)");
}

TEST_CASE("kill -9 after improvement edits on the Problems view: recovery gives back the why, its answer and the taps") {
    // Not at a random moment, unlike the taps above: the kill waits until the journal shows the edit,
    // so the test proves the edit was journaled and recovers, on a machine of any speed.
    const fs::path home = fs::temp_directory_path() / ("gemba-kill-improve-" + std::to_string(getpid()));
    fs::remove_all(home);
    fs::create_directories(home);
    Session plan;
    plan.title = "Kill test";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0}};
    RaisedProblem problem;
    problem.id = 1;
    problem.title = "Fasten is slow";
    problem.evidence = {Evidence{EvidenceKind::step, kNoEvent, 2, {}}};
    plan.improvement.problems = {problem};
    const fs::path file = home / "walk.json";
    REQUIRE(save_session(file, plan).ok);

    Xvfb x;
    const pid_t app = spawn({GEMBA_GUI_PATH, file.string()}, {x.env(), "XDG_DATA_HOME=" + (home / "data").string(),
                                                              "XDG_CONFIG_HOME=" + (home / "config").string()});
    wait_for_window(x);
    std::this_thread::sleep_for(300ms);
    key(x, "space");  // a tap: Pick starts
    click_tab(x, 6);  // Improve, on its Problems view
    // W only once the Improve tab is lit: a key and a click read in one frame go keys first.
    const fs::path pixel = home / "pixel.txt";
    const test::TabCentre improve = test::tab_centre(6, 1.0f);
    const int left = improve.x - static_cast<int>(0.5f * gui::kTabWidthsEm[6] * gui::kBaseFontPx) + 6;
    const auto improve_lit = [&] {
        if (x.run("xwd -root -silent | xwdtopnm 2>/dev/null | pnmcut -left " + std::to_string(left) + " -top " +
                  std::to_string(improve.y) + " -width 1 -height 1 | pnmtoplainpnm > " + pixel.string()) != 0)
            return false;
        std::ifstream in(pixel);
        std::string magic;
        int width = 0, height = 0, max = 0, r = 0, g = 0, b = 0;
        in >> magic >> width >> height >> max >> r >> g >> b;
        return in && b > 200 && r < 80;  // the active tab's blue
    };
    const auto lit_deadline = std::chrono::steady_clock::now() + 20s;
    while (!improve_lit() && std::chrono::steady_clock::now() < lit_deadline) std::this_thread::sleep_for(100ms);
    REQUIRE(improve_lit());
    key(x, "w");      // a why added to the problem (journaled at once), its answer given the keyboard

    // Waits until the journal's plan has one why answered `because`.
    const auto journaled = [&](const std::string& because) {
        const auto has_it = [&] {
            if (!has_journal(file)) return false;
            const JournalReadResult read = read_journal(journal_path_for(file));
            if (!read.contents || !read.contents->plan) return false;
            const Improvement& improvement = read.contents->plan->improvement;
            return improvement.problems.size() == 1 && improvement.problems[0].whys.size() == 1 &&
                   improvement.problems[0].whys[0].because == because;
        };
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (!has_it() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(100ms);
        return has_it();
    };
    REQUIRE(journaled(""));
    // Letters no key of the Problems view is bound to: typed before the field has the keyboard,
    // they would be lost and the wait below would fail, never pass by luck.
    std::this_thread::sleep_for(300ms);
    CHECK(x.run("xdotool type --delay 40 'far rack'") == 0);
    // The answer is journaled a pause after the last keystroke, with the field still being typed in.
    REQUIRE(journaled("far rack"));
    kill(app, SIGKILL);
    int status = 0;
    waitpid(app, &status, 0);

    const RecoveryResult result = recover(file);
    REQUIRE_MESSAGE(result.recovery, (result.problem ? result.problem->message() : ""));
    const Session& back = result.recovery->session;
    REQUIRE(back.events.size() == 1);
    CHECK(back.events[0].kind == EventKind::step_start);
    REQUIRE(back.improvement.problems.size() == 1);
    CHECK(back.improvement.problems[0].title == "Fasten is slow");
    REQUIRE(back.improvement.problems[0].whys.size() == 1);
    CHECK(back.improvement.problems[0].whys[0].because == "far rack");
    fs::remove_all(home);
}

TEST_CASE("a wall-clock jump during a walk changes no duration") {
    // libfaketime moves the wall clock (time(), CLOCK_REALTIME) of the app while it runs, as NTP or
    // a time-zone change would; the monotonic clocks are left alone, as the kernel leaves them.
    const fs::path faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
    REQUIRE_MESSAGE(fs::exists(faketime), "libfaketime is not installed (scripts/install-deps --test)");
    const fs::path home = fs::temp_directory_path() / ("gemba-clockjump-" + std::to_string(getpid()));
    fs::remove_all(home);
    fs::create_directories(home);
    Session plan;
    plan.title = "Clock jump";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0},
                  Step{3, "Pack", ValueClass::value_added, 100, 0}};
    const fs::path file = home / "walk.json";
    REQUIRE(save_session(file, plan).ok);
    const fs::path offset = home / "offset";
    const auto set_offset = [&](const char* text) { std::ofstream(offset) << text << '\n'; };
    set_offset("-10d");  // the walk starts on a wall clock ten days behind: proof that the fake works

    Xvfb x;
    const pid_t app = spawn({GEMBA_GUI_PATH, file.string()},
                            {x.env(), "XDG_DATA_HOME=" + (home / "data").string(), "XDG_CONFIG_HOME=" + (home / "config").string(),
                             "LD_PRELOAD=" + faketime.string(), "FAKETIME_TIMESTAMP_FILE=" + offset.string(),
                             "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1"});
    wait_for_window(x);
    std::this_thread::sleep_for(300ms);

    key(x, "space");                     // Pick starts
    std::this_thread::sleep_for(1000ms);
    set_offset("-3h");                   // the wall clock jumps three hours back
    std::this_thread::sleep_for(1000ms);
    key(x, "space");                     // Pick ends after about 2.25 s of real time
    set_offset("+1d");                   // and a day forward
    std::this_thread::sleep_for(1000ms);
    key(x, "space");                     // Fasten ends after about 1.25 s
    key(x, "ctrl+s");
    std::this_thread::sleep_for(500ms);
    stop(app);

    const LoadResult saved = load_session(file);
    REQUIRE_MESSAGE(saved.ok(), (saved.problem ? saved.problem->message() : ""));
    const std::vector<Event>& e = saved.session->events;
    REQUIRE(e.size() == 3);
    const std::time_t ten_days_ago = std::time(nullptr) - 10 * 86400;
    std::tm utc{};
    gmtime_r(&ten_days_ago, &utc);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &utc);
    CHECK(saved.session->started_at.substr(0, 10) == date);
    const std::int64_t pick = e[1].t_ms - e[0].t_ms, fasten = e[2].t_ms - e[1].t_ms;
    CHECK(pick >= 2000);
    CHECK(pick < 3500);
    CHECK(fasten >= 1000);
    CHECK(fasten < 2500);
    fs::remove_all(home);
}

namespace {

// Places on the walk screen at scale 1 in the 1280×800 window (docs/screenshots/walk-independent.png
// shows the layout): the right column's eight waste buttons (two columns, four rows filling the
// height) and, with independent timers and four one-line step names, the step toggles (two rows of
// two) and New cycle. Each is a button's middle: the status line, the note bar and a running step's
// second line move the edges by less than half a button.
struct Spot {
    int x, y;
};
constexpr Spot kWasteSpot[8] = {{859, 150}, {1137, 150}, {859, 323}, {1137, 323},
                                {859, 496}, {1137, 496}, {859, 669}, {1137, 669}};
constexpr Spot kToggleSpot[4] = {{182, 226}, {540, 226}, {182, 282}, {540, 282}};
constexpr Spot kNewCycleSpot = {190, 352};  // inside New cycle also with a sixth button in its row

std::string move_to(const Spot& spot) { return "mousemove " + std::to_string(spot.x) + " " + std::to_string(spot.y); }

// A plan in `home`, the app on it, its window found and focused.
pid_t start_walk(const Xvfb& x, const fs::path& home, const Session& plan) {
    fs::remove_all(home);
    fs::create_directories(home);
    REQUIRE(save_session(home / "walk.json", plan).ok);
    const pid_t app = spawn({GEMBA_GUI_PATH, (home / "walk.json").string()},
                            {x.env(), "XDG_DATA_HOME=" + (home / "data").string(), "XDG_CONFIG_HOME=" + (home / "config").string()});
    wait_for_window(x);
    std::this_thread::sleep_for(500ms);
    return app;
}

// The events in the walk's journal once there are `count` of them (or after a minute: a busy
// machine is slow, never that slow).
std::vector<Event> journaled_events(const fs::path& file, std::size_t count) {
    std::vector<Event> events;
    for (int i = 0; i < 600; ++i) {
        if (has_journal(file)) {
            const RecoveryResult result = recover(file);
            if (result.recovery) events = result.recovery->session.events;
            if (events.size() >= count) break;
        }
        std::this_thread::sleep_for(100ms);
    }
    return events;
}

}  // namespace

TEST_CASE("a note typed while a step runs: Enter saves it on the event current at N, and a waste clicked meanwhile records") {
    const fs::path home = fs::temp_directory_path() / ("gemba-note-" + std::to_string(getpid()));
    Session plan;
    plan.title = "Note while walking";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0},
                  Step{3, "Inspect", ValueClass::value_added, 100, 0}};
    Xvfb x;
    const pid_t app = start_walk(x, home, plan);
    const fs::path file = home / "walk.json";

    key(x, "space");  // Pick starts
    key(x, "3");      // Waiting, at Pick: the event the note is on
    key(x, "n");
    // Digits, P, N and Space are text now: none of them is a tap.
    CHECK(x.run("xdotool type --delay 60 'belt jam, pallet 3'") == 0);
    std::this_thread::sleep_for(250ms);
    CHECK(x.run("xdotool " + move_to(kWasteSpot[0]) + " click 1") == 0);  // Defects, with the note open
    std::this_thread::sleep_for(400ms);
    CHECK(x.run("xdotool type --delay 60 ' again'") == 0);
    key(x, "shift+Return");
    CHECK(x.run("xdotool type --delay 60 'n2'") == 0);
    std::this_thread::sleep_for(250ms);
    screenshot(x, "walk-note");
    key(x, "Return");  // saves the note
    key(x, "space");   // a walk key again: Pick -> Fasten
    const std::vector<Event> e = journaled_events(file, 5);
    stop(app);

    std::string recorded;
    for (const Event& event : e) recorded += std::string(to_string(event.kind)) + " '" + event.text.str() + "' ";
    CAPTURE(recorded);
    REQUIRE(e.size() == 5);
    CHECK(e[0].kind == EventKind::step_start);
    CHECK(e[1].kind == EventKind::waste_tag);
    CHECK(e[1].waste == Waste::waiting);
    CHECK(e[2].kind == EventKind::waste_tag);
    CHECK(e[2].waste == Waste::defects);
    CHECK(e[2].step == 1);
    CHECK(e[3].kind == EventKind::note);
    CHECK(e[3].text.str() == "belt jam, pallet 3 again\nn2");
    CHECK(e[3].target == e[1].id);  // the event current at N, not the Defects clicked later
    CHECK(e[4].kind == EventKind::lap);
    fs::remove_all(home);
}

TEST_CASE("fast taps on step toggles and waste buttons: every one recorded, in order") {
    // Independent timers, no debounce: each tap is exactly one event, known in advance.
    const fs::path home = fs::temp_directory_path() / ("gemba-taps-" + std::to_string(getpid()));
    Session plan;
    plan.title = "Fast taps";
    plan.settings.timing_mode = TimingMode::independent;
    plan.settings.debounce_ms = 0;
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0},
                  Step{3, "Inspect", ValueClass::value_added, 100, 0}, Step{4, "Pack", ValueClass::value_added, 100, 0}};
    Xvfb x;
    const pid_t app = start_walk(x, home, plan);
    const fs::path file = home / "walk.json";

    struct Tap {
        Spot spot;
        EventKind kind;
        StepId step = kNoStep;
        Waste waste = Waste::defects;
    };
    std::mt19937 random(20261128);  // fixed: a failure can be replayed
    bool running[4] = {};
    const auto next_tap = [&] {
        const auto choice = static_cast<std::size_t>(random() % 13);
        if (choice < 4) {
            const EventKind kind = running[choice] ? EventKind::step_end : EventKind::step_start;
            running[choice] = !running[choice];
            return Tap{kToggleSpot[choice], kind, static_cast<StepId>(choice + 1)};
        }
        if (choice == 12) return Tap{kNewCycleSpot, EventKind::cycle};
        return Tap{kWasteSpot[choice - 4], EventKind::waste_tag, kNoStep, kWastes[choice - 4]};
    };

    std::vector<Tap> taps;
    // 12 runs of 10 clicks 30 ms apart, then 20 bursts of 5 press/release pairs sent at once (every
    // pair of a burst reaches the app before it can draw a frame): 220 taps.
    for (int run_index = 0; run_index < 12; ++run_index) {
        std::string command = "xdotool";
        for (int i = 0; i < 10; ++i) {
            taps.push_back(next_tap());
            command += " " + move_to(taps.back().spot) + " click 1 sleep 0.03";
        }
        CHECK(x.run(command) == 0);
    }
    for (int burst = 0; burst < 20; ++burst) {
        std::string command = "xdotool";
        for (int i = 0; i < 5; ++i) {
            taps.push_back(next_tap());
            command += " " + move_to(taps.back().spot) + " mousedown 1 mouseup 1";
        }
        CHECK(x.run(command) == 0);
        std::this_thread::sleep_for(50ms);
    }
    const std::vector<Event> e = journaled_events(file, taps.size());
    screenshot(x, "walk-taps");
    stop(app);

    CHECK(e.size() == taps.size());
    // The first tap that went wrong, if any (a lost tap shifts all the later ones).
    for (std::size_t i = 0; i < std::min(e.size(), taps.size()); ++i) {
        const bool same = e[i].kind == taps[i].kind &&
                          (taps[i].kind == EventKind::waste_tag ? e[i].waste == taps[i].waste : e[i].step == taps[i].step);
        if (same) continue;
        FAIL_CHECK("tap " << i << " at (" << taps[i].spot.x << ", " << taps[i].spot.y << ") expected "
                          << to_string(taps[i].kind) << ", got " << to_string(e[i].kind) << " (step " << e[i].step << ")");
        break;
    }
    MESSAGE(taps.size() << " taps sent, " << e.size() << " events recorded");
    fs::remove_all(home);
}

TEST_CASE("queues counted with clicks, keys and a typed number: each count in the file as given, the undone one undone") {
    const fs::path home = fs::temp_directory_path() / ("gemba-queues-" + std::to_string(getpid()));
    Session plan;
    plan.title = "Counting";
    plan.steps = {Step{1, "Pick", ValueClass::value_added, 100, 0}, Step{2, "Fasten", ValueClass::value_added, 100, 0},
                  Step{3, "Inspect", ValueClass::value_added, 100, 0}};
    plan.queues = {Queue{1, "Inbox", 1, 5}, Queue{2, "Kitting", 2, std::nullopt}, Queue{3, "Rework", 3, 2}};
    Xvfb x;
    const pid_t app = start_walk(x, home, plan);
    const fs::path file = home / "walk.json";
    const auto click = [&](int x_at, int y_at) {
        CHECK(x.run("xdotool mousemove " + std::to_string(x_at) + " " + std::to_string(y_at) + " click 1") == 0);
        std::this_thread::sleep_for(250ms);
    };

    key(x, "equal");  // Inbox (the first queue) 1
    key(x, "plus");   // 2
    key(x, "equal");  // 3
    key(x, "q");      // Kitting
    key(x, "equal");  // Kitting 1
    key(x, "equal");  // 2
    key(x, "minus");  // 1
    // Six events fill the recent list: the walk's column has its scrollbar from now on, and its
    // buttons two rows. A row per queue at 1280 × 800: Inbox, Kitting, Rework; in each −1, +1 and
    // the typed count.
    REQUIRE(journaled_events(file, 6).size() == 6);
    constexpr int kRowY[3] = {492, 552, 612};
    constexpr int kMinusX = 501, kPlusX = 577, kFieldX = 656;
    click(kPlusX, kRowY[0]);   // Inbox 4
    click(kMinusX, kRowY[0]);  // 3
    click(kFieldX, kRowY[2]);
    std::this_thread::sleep_for(300ms);
    CHECK(x.run("xdotool type --delay 80 '7'") == 0);  // text: not a waste tag (key 7)
    std::this_thread::sleep_for(250ms);
    key(x, "Return");          // Rework 7
    key(x, "ctrl+z");          // taken back
    click(kPlusX, kRowY[1]);   // Kitting 2
    const std::vector<Event> e = journaled_events(file, 11);
    screenshot(x, "walk-queues");
    key(x, "ctrl+s");
    for (int i = 0; i < 300 && has_journal(file); ++i) std::this_thread::sleep_for(100ms);
    stop(app);

    std::string recorded;
    for (const Event& event : e) recorded += std::string(to_string(event.kind)) + " " + std::to_string(event.queue()) + ":" +
                                             std::to_string(event.count()) + "  ";
    CAPTURE(recorded);
    REQUIRE(e.size() == 11);
    const std::pair<QueueId, std::int64_t> expected[] = {{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2},
                                                         {2, 1}, {1, 4}, {1, 3}, {3, 7}};
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        CAPTURE(i);
        CHECK(e[i].kind == EventKind::queue_count);
        CHECK(e[i].queue() == expected[i].first);
        CHECK(e[i].count() == expected[i].second);
    }
    CHECK(e[9].kind == EventKind::undo);
    CHECK(e[9].target == e[8].id);
    CHECK(e[10].kind == EventKind::queue_count);
    CHECK(e[10].queue() == 2);
    CHECK(e[10].count() == 2);

    const LoadResult saved = load_session(file);
    REQUIRE(saved.ok());
    CHECK(saved.session->events.size() == 11);
    CHECK(saved.state.last_count(1) == 3);
    CHECK(saved.state.last_count(2) == 2);
    CHECK_FALSE(saved.state.last_count(3));  // the 7 was undone
    fs::remove_all(home);
}
