// The key table: the README's key table and the start screen's key help agree with it row by row,
// its labels name its chords, no press means two things, and each key does what it did before the
// table existed (the handler dispatches from the table).
#include <doctest/doctest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <stdio.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "core/file/journal.hpp"
#include "core/file/session_file.hpp"
#include "gui_support.hpp"
#include "support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
using gemba::test::HeadlessImGui;
using gemba::test::open_walk;
using gemba::test::press;
using gemba::test::TempFolder;

const std::filesystem::path kSource(GEMBA_SOURCE_DIR);

struct ReadmeRow {
    std::string key, action, where;
};

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

// The rows of the README's table headed "| key | action | works on |".
std::vector<ReadmeRow> readme_key_rows() {
    std::istringstream readme(gemba::test::read_all(kSource / "README.md"));
    std::string line;
    while (std::getline(readme, line) && line != "| key | action | works on |") {}
    REQUIRE(line == "| key | action | works on |");
    REQUIRE(std::getline(readme, line));  // |---|---|---|
    std::vector<ReadmeRow> rows;
    while (std::getline(readme, line) && line.starts_with("|")) {
        std::vector<std::string> cells;
        std::istringstream cells_in(line.substr(1));
        for (std::string cell; std::getline(cells_in, cell, '|');) cells.push_back(trimmed(cell));
        REQUIRE_MESSAGE(cells.size() == 3, line);
        rows.push_back({cells[0], cells[1], cells[2]});
    }
    return rows;
}

std::string output_of(const std::string& command) {
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
    CHECK(::pclose(pipe) == 0);
    return output;
}

bool is_digit_key(const KeyChord& chord) { return chord.key >= GLFW_KEY_0 && chord.key <= GLFW_KEY_9; }
bool is_keypad(const KeyChord& chord) { return chord.key >= GLFW_KEY_KP_0 && chord.key <= GLFW_KEY_KP_EQUAL; }

// "Ctrl+Shift+Z or Ctrl+Y" -> {"Ctrl+Shift+Z", "Ctrl+Y"}.
std::set<std::string> keys_named_in(std::string label) {
    std::set<std::string> names;
    for (std::size_t at; (at = label.find(" or ")) != std::string::npos;) {
        names.insert(label.substr(0, at));
        label.erase(0, at + 4);
    }
    names.insert(label);
    return names;
}

void open_plan(AppState& app, const TempFolder& folder, TimingMode mode = TimingMode::lap) {
    open_walk(app, folder, load_session(kSource / "data/templates/assembly-line.json").session.value(), mode);
}

std::vector<EventKind> kinds(const AppState& app) {
    std::vector<EventKind> result;
    for (const Event& e : app.doc.session().events) result.push_back(e.kind);
    return result;
}

}  // namespace

TEST_CASE("the README's key table is the key table, row by row") {
    const std::vector<ReadmeRow> rows = readme_key_rows();
    const std::vector<KeyBinding>& bindings = key_bindings();
    for (const KeyBinding& binding : bindings) {
        const bool documented = std::any_of(rows.begin(), rows.end(), [&](const ReadmeRow& r) { return r.key == binding.label; });
        CHECK_MESSAGE(documented, "bound but not in the README: " << binding.label);
    }
    for (const ReadmeRow& row : rows) {
        const bool bound = std::any_of(bindings.begin(), bindings.end(), [&](const KeyBinding& b) { return b.label == row.key; });
        CHECK_MESSAGE(bound, "in the README but not bound: " << row.key);
    }
    REQUIRE(rows.size() == bindings.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CAPTURE(i);
        CHECK(rows[i].key == bindings[i].label);
        CHECK(rows[i].action == bindings[i].does);
        CHECK(rows[i].where == scope_text(bindings[i].scope));
    }
}

TEST_CASE("key_groups: the table cut where the scope changes, every binding once, in order") {
    const std::vector<KeyGroup> groups = key_groups();
    std::vector<const KeyBinding*> joined;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        CHECK(!groups[g].bindings.empty());
        if (g > 0) CHECK(groups[g].scope != groups[g - 1].scope);
        for (const KeyBinding& binding : groups[g].bindings) {
            CHECK(binding.scope == groups[g].scope);
            joined.push_back(&binding);
        }
    }
    REQUIRE(joined.size() == key_bindings().size());
    for (std::size_t i = 0; i < joined.size(); ++i) CHECK(joined[i] == &key_bindings()[i]);
}

TEST_CASE("every action has one binding") {
    for (int action = 0; action <= static_cast<int>(KeyAction::ui_scale_down); ++action) {
        CAPTURE(action);
        CHECK(std::count_if(key_bindings().begin(), key_bindings().end(),
                            [&](const KeyBinding& b) { return b.action == static_cast<KeyAction>(action); }) == 1);
    }
}

TEST_CASE("each label names the keys of its binding") {
    for (const KeyBinding& binding : key_bindings()) {
        CAPTURE(binding.label);
        REQUIRE(!binding.chords.empty());
        if (std::all_of(binding.chords.begin(), binding.chords.end(), is_digit_key)) {
            // A run of digits with the same modifiers reads as a range: "Shift + 1 – 8".
            const KeyChord& first = binding.chords.front();
            const KeyChord& last = binding.chords.back();
            for (std::size_t i = 0; i < binding.chords.size(); ++i) {
                CHECK(binding.chords[i].key == first.key + static_cast<int>(i));
                CHECK(binding.chords[i].ctrl == first.ctrl);
                CHECK(binding.chords[i].shift == first.shift);
            }
            const std::string prefix = std::string(first.ctrl ? "Ctrl + " : "") + (first.shift == ShiftRule::down ? "Shift + " : "");
            CHECK(binding.label == prefix + std::to_string(first.key - GLFW_KEY_0) + " – " + std::to_string(last.key - GLFW_KEY_0));
            continue;
        }
        if (binding.action == KeyAction::tally_category) {
            // A study's category keys: every digit, then every letter, unshifted.
            std::string keys;
            for (const KeyChord& chord : binding.chords) {
                CHECK(!chord.ctrl);
                CHECK(chord.shift == ShiftRule::up);
                keys += chord_text(chord);
            }
            CHECK(keys == "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            CHECK(binding.label == "0 – 9, A – Z");
            continue;
        }
        if (binding.action == KeyAction::toggle_step) {
            // One key per step, in the steps' order: "A S D F G H J K L".
            std::string keys;
            for (const KeyChord& chord : binding.chords) keys += (keys.empty() ? "" : " ") + chord_text(chord);
            CHECK(binding.label == keys);
            continue;
        }
        std::set<std::string> chords;  // keypad alternatives go unsaid: Ctrl+Keypad + is Ctrl+= to a person
        for (const KeyChord& chord : binding.chords)
            if (!is_keypad(chord)) chords.insert(chord_text(chord));
        CHECK(keys_named_in(std::string(binding.label)) == chords);
    }
}

// Two scopes that can hold at one moment: the same, or one of them on every screen. The walk screen
// of a time study and the round screen of a sampling study never do, nor two screens.
bool may_overlap(KeyScope a, KeyScope b) {
    const auto everywhere = [](KeyScope s) { return s == KeyScope::session || s == KeyScope::always; };
    return a == b || everywhere(a) || everywhere(b);
}

TEST_CASE("no key press means two things where it is pressed") {
    std::set<int> keys;
    for (const KeyBinding& binding : key_bindings())
        for (const KeyChord& chord : binding.chords) keys.insert(chord.key);
    const int modifier_bits[] = {GLFW_MOD_SHIFT, GLFW_MOD_CONTROL, GLFW_MOD_ALT, GLFW_MOD_SUPER};
    for (int key : keys)
        for (int combination = 0; combination < 16; ++combination) {
            int mods = 0;
            for (int bit = 0; bit < 4; ++bit)
                if (combination & (1 << bit)) mods |= modifier_bits[bit];
            std::vector<const KeyBinding*> meanings;
            for (const KeyBinding& binding : key_bindings())
                for (const KeyChord& chord : binding.chords)
                    if (matches(chord, key, mods)) meanings.push_back(&binding);
            CAPTURE(key);
            CAPTURE(mods);
            for (std::size_t i = 0; i < meanings.size(); ++i)
                for (std::size_t j = i + 1; j < meanings.size(); ++j) {
                    CAPTURE(meanings[i]->label);
                    CAPTURE(meanings[j]->label);
                    CHECK_FALSE(may_overlap(meanings[i]->scope, meanings[j]->scope));
                }
        }
}

TEST_CASE("the start screen's key help and --help show every binding of the table") {
    TempFolder folder;
    HeadlessImGui imgui(ImVec2(1280, 3000));  // tall enough that nothing is clipped away
    AppState app;
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    const std::string shown = imgui.shown_text(app);
    std::vector<std::string> lines;
    std::istringstream in(shown);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (const KeyBinding& binding : key_bindings()) {
        CAPTURE(binding.label);
        // One row, the key then what it does, under the heading of where it works.
        std::string_view heading;
        bool row_shown = false;
        for (const std::string& line : lines) {
            for (const KeyBinding& b : key_bindings())
                if (trimmed(line) == scope_text(b.scope)) heading = scope_text(b.scope);
            const auto key_at = line.find(binding.label);
            const auto does_at = line.find(binding.does);
            if (key_at != std::string::npos && does_at != std::string::npos && key_at < does_at &&
                heading == scope_text(binding.scope))
                row_shown = true;
        }
        CHECK(row_shown);
    }

    const std::string usage = output_of(std::string(GEMBA_GUI_PATH) + " --help");
    for (const KeyBinding& binding : key_bindings()) {
        CAPTURE(binding.label);
        CHECK(usage.find("    " + std::string(binding.label)) != std::string::npos);
        CHECK(usage.find(binding.does + "\n") != std::string::npos);
    }
}

TEST_CASE("the controls show the keys of the table") {
    TempFolder folder;
    HeadlessImGui imgui(ImVec2(2560, 1440));  // wide enough for each key beside its control's name
    AppState app;
    open_plan(app, folder);
    const std::string walk = imgui.shown_text(app);
    for (const char* hint : {"[Space]", "Pause [P]", "Undo [Ctrl+Z]", "Redo [Ctrl+Y]", "Note [N]", "Save [Ctrl+S]",
                             "1  Defects", "8  Extra-processing"}) {
        CAPTURE(hint);
        CHECK(walk.find(hint) != std::string::npos);
    }
    press(app, GLFW_KEY_SPACE);
    press(app, GLFW_KEY_P);
    CHECK(imgui.shown_text(app).find("Resume [P]") != std::string::npos);
}

TEST_CASE("on a narrow window the walk's buttons show their keys under their names") {
    TempFolder folder;
    HeadlessImGui imgui(ImVec2(800, 600));
    AppState app;
    open_plan(app, folder);
    const std::string walk = imgui.shown_text(app);
    for (const char* hint : {"Pause\n[P]", "Undo\n[Ctrl+Z]", "Note\n[N]"}) {
        CAPTURE(hint);
        CHECK(walk.find(hint) != std::string::npos);
    }
}

TEST_CASE("each key does what it is bound to, where it is bound") {
    TempFolder folder;
    HeadlessImGui imgui;

    SUBCASE("walk keys: Space, Shift+Space, digits, Shift+digits, P twice, N, with Alt ignored") {
        AppState app;
        open_plan(app, folder);
        press(app, GLFW_KEY_SPACE);
        press(app, GLFW_KEY_SPACE, GLFW_MOD_SHIFT);
        press(app, GLFW_KEY_4, GLFW_MOD_ALT);
        press(app, GLFW_KEY_5, GLFW_MOD_SHIFT);
        press(app, GLFW_KEY_P);
        press(app, GLFW_KEY_P, GLFW_MOD_SHIFT);
        press(app, GLFW_KEY_N);
        process_keys(app, false);  // a frame would open the note dialog and clear the request
        const std::vector<EventKind> expected = {EventKind::step_start, EventKind::lap, EventKind::waste_tag,
                                                 EventKind::waste_start, EventKind::pause, EventKind::resume};
        CHECK(kinds(app) == expected);
        CHECK(app.doc.session().events[2].waste == Waste::non_utilized_talent);
        CHECK(app.doc.session().events[3].waste == Waste::transportation);
        CHECK(app.note.open);
    }
    SUBCASE("Ctrl+End ends the walk: the step and the timed waste stop, the clock stands still, End alone does nothing") {
        AppState app;
        open_plan(app, folder);
        press(app, GLFW_KEY_SPACE);
        press(app, GLFW_KEY_3, GLFW_MOD_SHIFT);
        press(app, GLFW_KEY_END);
        process_keys(app, false);
        REQUIRE(app.doc.live());
        press(app, GLFW_KEY_END, GLFW_MOD_CONTROL);
        process_keys(app, false);
        const std::vector<EventKind> expected = {EventKind::step_start, EventKind::waste_start, EventKind::step_end,
                                                 EventKind::waste_end};
        CHECK(kinds(app) == expected);
        CHECK_FALSE(app.doc.live());
        CHECK(app.doc.ended());
    }
    SUBCASE("undo and redo: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, Ctrl+Shift+Y") {
        AppState app;
        open_plan(app, folder);
        press(app, GLFW_KEY_1);
        press(app, GLFW_KEY_2);
        imgui.frames(app, 1);
        REQUIRE(app.doc.state().tags().size() == 2);
        press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
        press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
        imgui.frames(app, 1);
        CHECK(app.doc.state().tags().empty());
        press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);
        imgui.frames(app, 1);
        CHECK(app.doc.state().tags().size() == 1);
        press(app, GLFW_KEY_Y, GLFW_MOD_CONTROL);
        imgui.frames(app, 1);
        CHECK(app.doc.state().tags().size() == 2);
        press(app, GLFW_KEY_Z, GLFW_MOD_CONTROL);
        press(app, GLFW_KEY_Y, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);
        imgui.frames(app, 1);
        CHECK(app.doc.state().tags().size() == 2);
    }
    SUBCASE("Ctrl+Shift+S asks where to save, Ctrl+E writes the CSV files and the workbook next to the session") {
        AppState app;
        open_plan(app, folder);
        press(app, GLFW_KEY_S, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);
        process_keys(app, false);
        CHECK(app.save_as_requested);
        press(app, GLFW_KEY_E, GLFW_MOD_CONTROL);
        process_keys(app, false);
        CHECK(std::filesystem::exists(app.paths.data_dir / "plan.steps.csv"));
        CHECK(std::filesystem::exists(app.paths.data_dir / "plan.xlsx"));
    }
    SUBCASE("Ctrl+R writes the HTML report next to the session and says where") {
        AppState app;
        open_plan(app, folder);
        app.screen = Screen::summary;
        press(app, GLFW_KEY_R, GLFW_MOD_CONTROL);
        process_keys(app, false);
        const std::filesystem::path report = app.paths.data_dir / "plan.report.html";
        REQUIRE(std::filesystem::exists(report));
        CHECK(gemba::test::read_all(report).starts_with("<!DOCTYPE html>"));
        REQUIRE(app.message);
        CHECK_FALSE(app.message->error);
        CHECK(app.message->text == "Report written to " + report.string());
    }
    SUBCASE("walk keys do nothing on another screen, Ctrl keys work there") {
        AppState app;
        open_plan(app, folder);
        app.screen = Screen::review;
        press(app, GLFW_KEY_SPACE);
        press(app, GLFW_KEY_1);
        press(app, GLFW_KEY_N);
        process_keys(app, false);
        CHECK(app.doc.session().events.empty());
        CHECK_FALSE(app.note.open);
        press(app, GLFW_KEY_S, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);
        process_keys(app, false);
        CHECK(app.save_as_requested);
    }
    SUBCASE("Space does nothing with independent timers") {
        AppState app;
        open_plan(app, folder, TimingMode::independent);
        press(app, GLFW_KEY_SPACE);
        process_keys(app, false);
        CHECK(app.doc.session().events.empty());
    }
    SUBCASE("the UI scale keys work with no session, by 10 % within 0.5 to 3") {
        AppState app;
        app.paths.config_dir = folder / "config";
        press(app, GLFW_KEY_EQUAL, GLFW_MOD_CONTROL);
        press(app, GLFW_KEY_KP_ADD, GLFW_MOD_CONTROL);
        press(app, GLFW_KEY_EQUAL, GLFW_MOD_CONTROL | GLFW_MOD_SHIFT);  // Ctrl++ on a US layout
        process_keys(app, false);
        CHECK(app.settings.ui_scale == doctest::Approx(1.3));
        CHECK(app.fonts_dirty);
        press(app, GLFW_KEY_MINUS, GLFW_MOD_CONTROL);
        press(app, GLFW_KEY_KP_SUBTRACT, GLFW_MOD_CONTROL);
        press(app, GLFW_KEY_EQUAL);  // without Ctrl: nothing
        process_keys(app, false);
        CHECK(app.settings.ui_scale == doctest::Approx(1.1));
        for (int i = 0; i < 30; ++i) press(app, GLFW_KEY_MINUS, GLFW_MOD_CONTROL);
        process_keys(app, false);
        CHECK(app.settings.ui_scale == doctest::Approx(0.5));
        for (int i = 0; i < 30; ++i) press(app, GLFW_KEY_EQUAL, GLFW_MOD_CONTROL);
        process_keys(app, false);
        CHECK(app.settings.ui_scale == doctest::Approx(3.0));
        // Never loaded, so never written (settings.hpp).
        CHECK_FALSE(std::filesystem::exists(app.paths.config_dir / "settings.json"));
    }
}

TEST_CASE("a key bound to nothing does not start the walk: no clock, no journal") {
    // Before the table, any key on the walk screen (Shift on its way to Shift+1, say) started the
    // walk's clock and its journal without changing the session: quitting then left a journal
    // behind that the next start offered to recover.
    TempFolder folder;
    AppState app;
    open_plan(app, folder);
    press(app, GLFW_KEY_LEFT_SHIFT, GLFW_MOD_SHIFT);
    press(app, GLFW_KEY_A);
    process_keys(app, false);
    CHECK(app.doc.session().started_at.empty());
    CHECK_FALSE(has_journal(app.doc.file()));
    CHECK_FALSE(app.dirty());
    press(app, GLFW_KEY_1, GLFW_MOD_SHIFT);
    process_keys(app, false);
    CHECK_FALSE(app.doc.session().started_at.empty());
    CHECK(has_journal(app.doc.file()));
}
