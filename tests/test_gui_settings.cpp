// The GUI's settings file: read field by field (a missing or bad field keeps its default and is
// reported, the others are kept), never written before it was loaded, and a file that cannot be
// read at all is kept beside, never overwritten. No window needed.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/app_state.hpp"
#include "app/gui/settings.hpp"
#include "support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
using gemba::test::read_all;
using gemba::test::TempFolder;
using gemba::test::write_all;

// Settings that differ from the defaults in every field.
const std::string kScale = R"("ui_scale": 1.5)";
const std::string kTheme = R"("theme": "dark")";
const std::string kRecent = R"("recent_files": ["/data/a.json", "/data/b.json"])";

std::string object_of(const std::vector<std::string>& fields) {
    std::string text = "{";
    for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? ", " : "") + fields[i];
    return text + "}";
}

SettingsRead read_text(const TempFolder& folder, const std::string& text) {
    write_all(folder / "settings.json", text);
    return read_settings_file(folder / "settings.json");
}

// AppState holds the walk document, which keeps a reference to the app's clock: it is set up in
// place, never copied.
void use_folder(AppState& app, const TempFolder& folder) { app.paths.config_dir = folder.path(); }

bool mentions(const std::vector<std::string>& problems, const std::string& word) {
    return problems.size() == 1 && problems[0].find(word) != std::string::npos;
}

}  // namespace

TEST_CASE("a complete settings file reads back every field, and what is written reads back the same") {
    TempFolder folder;
    const SettingsRead read = read_text(folder, object_of({kScale, kTheme, kRecent}));
    CHECK(read.problems.empty());
    CHECK_FALSE(read.unreadable);
    CHECK(read.settings.ui_scale == 1.5f);
    CHECK(read.settings.theme == Theme::dark);
    CHECK(read.settings.recent_files == std::vector<std::string>{"/data/a.json", "/data/b.json"});

    UiSettings settings;
    settings.ui_scale = 1.0f + 0.1f;  // a float after a Ctrl+=
    settings.theme = Theme::dark;
    settings.recent_files = {"/home/ö/walk \"1\".json"};
    write_all(folder / "settings.json", settings_json(settings));
    CHECK(read_all(folder / "settings.json").find("\"ui_scale\": 1.1,") != std::string::npos);  // not 1.100000023841858
    const SettingsRead again = read_settings_file(folder / "settings.json");
    CHECK(again.problems.empty());
    CHECK(again.settings == settings);
}

TEST_CASE("no settings file gives the defaults, with nothing to report") {
    TempFolder folder;
    const SettingsRead read = read_settings_file(folder / "settings.json");
    CHECK(read.settings == UiSettings{});
    CHECK(read.problems.empty());
    CHECK_FALSE(read.unreadable);
}

TEST_CASE("each field missing in turn keeps its default, is reported, and the others are kept") {
    TempFolder folder;
    SUBCASE("ui_scale") {
        const SettingsRead read = read_text(folder, object_of({kTheme, kRecent}));
        CHECK(read.settings.ui_scale == 1.0f);
        CHECK(read.settings.theme == Theme::dark);
        CHECK(read.settings.recent_files.size() == 2);
        CHECK(mentions(read.problems, "ui_scale"));
    }
    SUBCASE("theme") {
        const SettingsRead read = read_text(folder, object_of({kScale, kRecent}));
        CHECK(read.settings.ui_scale == 1.5f);
        CHECK(read.settings.theme == Theme::light);
        CHECK(read.settings.recent_files.size() == 2);
        CHECK(mentions(read.problems, "theme"));
    }
    SUBCASE("recent_files") {
        const SettingsRead read = read_text(folder, object_of({kScale, kTheme}));
        CHECK(read.settings.ui_scale == 1.5f);
        CHECK(read.settings.theme == Theme::dark);
        CHECK(read.settings.recent_files.empty());
        CHECK(mentions(read.problems, "recent_files"));
    }
    SUBCASE("all of them: an empty object") {
        const SettingsRead read = read_text(folder, "{}");
        CHECK(read.settings == UiSettings{});
        CHECK(read.problems.size() == 3);
        CHECK_FALSE(read.unreadable);
    }
}

TEST_CASE("a field of the wrong type keeps its default, is reported, and the others are kept") {
    TempFolder folder;
    SUBCASE("ui_scale as text") {
        const SettingsRead read = read_text(folder, object_of({R"("ui_scale": "big")", kTheme, kRecent}));
        CHECK(read.settings.ui_scale == 1.0f);
        CHECK(read.settings.theme == Theme::dark);
        CHECK(read.settings.recent_files.size() == 2);
        CHECK(mentions(read.problems, "ui_scale"));
    }
    SUBCASE("theme as a number, and a theme that does not exist") {
        for (const char* theme : {R"("theme": 3)", R"("theme": "Dark")", R"("theme": null)"}) {
            CAPTURE(theme);
            const SettingsRead read = read_text(folder, object_of({kScale, theme, kRecent}));
            CHECK(read.settings.ui_scale == 1.5f);
            CHECK(read.settings.theme == Theme::light);
            CHECK(read.settings.recent_files.size() == 2);
            CHECK(mentions(read.problems, "theme"));
        }
    }
    SUBCASE("recent_files as text") {
        const SettingsRead read = read_text(folder, object_of({kScale, kTheme, R"("recent_files": "/data/a.json")"}));
        CHECK(read.settings.ui_scale == 1.5f);
        CHECK(read.settings.theme == Theme::dark);
        CHECK(read.settings.recent_files.empty());
        CHECK(mentions(read.problems, "recent_files"));
    }
    SUBCASE("recent_files with entries that are not file names: those are left out, the others kept in order") {
        const SettingsRead read =
            read_text(folder, object_of({kScale, kTheme, R"("recent_files": [1, "/data/a.json", null, "", "/data/b.json", {}])"}));
        CHECK(read.settings.recent_files == std::vector<std::string>{"/data/a.json", "/data/b.json"});
        CHECK(mentions(read.problems, "4 entries"));
    }
}

TEST_CASE("a UI scale out of range keeps the default, and the range's ends are accepted") {
    TempFolder folder;
    for (const char* scale : {"0.49", "3.01", "0", "-1", "1e308"}) {
        CAPTURE(scale);
        const SettingsRead read = read_text(folder, object_of({std::string(R"("ui_scale": )") + scale, kTheme, kRecent}));
        CHECK(read.settings.ui_scale == 1.0f);
        CHECK(read.settings.theme == Theme::dark);
        CHECK(mentions(read.problems, "outside 0.5 to 3"));
    }
    for (const auto& [text, value] : {std::pair{"0.5", 0.5f}, std::pair{"3", 3.0f}, std::pair{"2", 2.0f}}) {
        CAPTURE(text);
        const SettingsRead read = read_text(folder, object_of({std::string(R"("ui_scale": )") + text, kTheme, kRecent}));
        CHECK(read.settings.ui_scale == value);
        CHECK(read.problems.empty());
    }
}

TEST_CASE("recent files are trimmed to the 10 most recent, in file order, and remember_recent keeps 10") {
    TempFolder folder;
    std::string list;
    for (int i = 1; i <= 12; ++i) list += (i > 1 ? ", \"/data/" : "\"/data/") + std::to_string(i) + ".json\"";
    write_all(folder / "settings.json", object_of({kScale, kTheme, "\"recent_files\": [" + list + "]"}));
    AppState app;
    use_folder(app, folder);
    load_ui_settings(app);
    REQUIRE(app.settings.recent_files.size() == 10);
    CHECK(app.settings.recent_files.front() == "/data/1.json");
    CHECK(app.settings.recent_files.back() == "/data/10.json");
    CHECK_FALSE(app.message);  // a cap, not a problem

    remember_recent(app, "/data/new.json");
    remember_recent(app, "/data/5.json");  // already there: moves to the front, once
    const SettingsRead saved = read_settings_file(folder / "settings.json");
    REQUIRE(saved.settings.recent_files.size() == 10);
    CHECK(saved.settings.recent_files[0] == "/data/5.json");
    CHECK(saved.settings.recent_files[1] == "/data/new.json");
    CHECK(saved.settings.recent_files[2] == "/data/1.json");
    CHECK(saved.settings.recent_files[9] == "/data/9.json");
}

TEST_CASE("fields the app does not know are kept when it saves") {
    TempFolder folder;
    write_all(folder / "settings.json", object_of({kScale, kTheme, kRecent, R"("language": "de")", R"("window": {"w": 1024, "h": [1, 2]})"}));
    AppState app;
    use_folder(app, folder);
    load_ui_settings(app);
    CHECK_FALSE(app.message);
    change_ui_scale(app, kUiScaleStep);
    const SettingsRead saved = read_settings_file(folder / "settings.json");
    CHECK(saved.problems.empty());
    CHECK(saved.settings.ui_scale == doctest::Approx(1.6));
    CHECK(saved.unknown_fields == std::vector<std::pair<std::string, std::string>>{
                                      {"language", R"("de")"}, {"window", R"({"w":1024,"h":[1,2]})"}});
}

TEST_CASE("a bad field is named in the status line, and the file is not rewritten until a setting changes") {
    TempFolder folder;
    const std::string text = object_of({R"("ui_scale": 9)", kTheme, kRecent});
    write_all(folder / "settings.json", text);
    AppState app;
    use_folder(app, folder);
    load_ui_settings(app);
    REQUIRE(app.message);
    CHECK_FALSE(app.message->error);
    CHECK(app.message->text.find("ui_scale 9 is outside 0.5 to 3") != std::string::npos);
    CHECK(app.message->text.find((folder / "settings.json").string()) != std::string::npos);
    CHECK(app.settings.theme == Theme::dark);
    save_ui_settings(app);  // as at exit: nothing changed
    CHECK(read_all(folder / "settings.json") == text);
    app.settings.theme = Theme::light;
    save_ui_settings(app);
    const SettingsRead saved = read_settings_file(folder / "settings.json");
    CHECK(saved.problems.empty());
    CHECK(saved.settings.ui_scale == 1.0f);
    CHECK(saved.settings.theme == Theme::light);
    CHECK(saved.settings.recent_files.size() == 2);
}

TEST_CASE("a settings file that cannot be read is kept beside, never overwritten, and the user is told where") {
    TempFolder folder;
    std::string text;
    SUBCASE("not JSON") { text = "ui_scale = 2\n"; }
    SUBCASE("cut short") { text = R"({"ui_scale": 1.5, "theme": "da)"; }
    SUBCASE("empty") { text = ""; }
    SUBCASE("not an object") { text = R"(["dark"])"; }
    SUBCASE("text after the object") { text = object_of({kScale}) + " {}"; }
    CAPTURE(text);
    const std::filesystem::path file = folder / "settings.json";
    const std::filesystem::path aside = folder / "settings.json.unreadable";
    write_all(file, text);
    AppState app;
    use_folder(app, folder);
    load_ui_settings(app);
    CHECK(app.settings == UiSettings{});
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(read_all(aside) == text);
    REQUIRE(app.message);
    CHECK(app.message->error);
    CHECK(app.message->text.find(aside.string()) != std::string::npos);
    REQUIRE(app.settings_store.notice);  // the start screen keeps saying it
    CHECK(app.settings_store.notice->find(aside.string()) != std::string::npos);

    // Settings changed now go to a new file; the old one stays as it was.
    remember_recent(app, "/data/a.json");
    CHECK(read_settings_file(file).settings.recent_files == std::vector<std::string>{"/data/a.json"});
    CHECK(read_all(aside) == text);

    // A second broken file does not replace the first one kept.
    write_all(file, "]");
    AppState next;
    use_folder(next, folder);
    load_ui_settings(next);
    CHECK(read_all(aside) == text);
    CHECK(read_all(folder / "settings.json.unreadable-2") == "]");
}

TEST_CASE("a settings path that is a folder is left as it is, and nothing is written over it") {
    TempFolder folder;
    std::filesystem::create_directories(folder / "settings.json" / "inside");
    AppState app;
    use_folder(app, folder);
    load_ui_settings(app);
    CHECK(app.settings == UiSettings{});
    REQUIRE(app.settings_store.notice);
    CHECK(app.settings_store.notice->find("not a file") != std::string::npos);
    CHECK(std::filesystem::is_directory(folder / "settings.json.unreadable" / "inside"));
}

TEST_CASE("settings are never written before they were loaded") {
    TempFolder folder;
    const std::string text = object_of({kScale, kTheme, kRecent});
    write_all(folder / "settings.json", text);
    AppState app;
    use_folder(app, folder);
    remember_recent(app, "/data/new.json");
    change_ui_scale(app, kUiScaleStep);
    save_ui_settings(app);
    CHECK(read_all(folder / "settings.json") == text);

    load_ui_settings(app);
    CHECK(app.settings.ui_scale == 1.5f);
    save_ui_settings(app);  // loaded, unchanged: still nothing to write
    CHECK(read_all(folder / "settings.json") == text);
    remember_recent(app, "/data/new.json");
    CHECK(read_settings_file(folder / "settings.json").settings.recent_files.front() == "/data/new.json");
}

TEST_CASE("with no settings file, nothing is written until a setting changes") {
    TempFolder folder;
    AppState app;
    use_folder(app, folder);
    load_ui_settings(app);
    CHECK_FALSE(app.message);
    save_ui_settings(app);
    CHECK_FALSE(std::filesystem::exists(folder / "settings.json"));
    app.settings.theme = Theme::dark;
    save_ui_settings(app);
    CHECK(read_settings_file(folder / "settings.json").settings.theme == Theme::dark);
}

TEST_CASE("a broken settings file that cannot be moved aside is left as it is, and this run saves nothing") {
    TempFolder folder;
    write_all(folder / "settings.json", "not JSON");
    // Every name it could be kept under is taken (earlier broken files).
    write_all(folder / "settings.json.unreadable", "1");
    for (int n = 2; n < 1000; ++n) write_all(folder / ("settings.json.unreadable-" + std::to_string(n)), "1");
    AppState app;
    use_folder(app, folder);
    load_ui_settings(app);
    CHECK(app.settings == UiSettings{});
    REQUIRE(app.settings_store.notice);
    CHECK(app.settings_store.notice->find("left as it is") != std::string::npos);
    remember_recent(app, "/data/a.json");
    change_ui_scale(app, kUiScaleStep);
    CHECK(read_all(folder / "settings.json") == "not JSON");
}
