// The Pooled view of the Summary screen rendered with no window: the open walk (Ann's session of
// tests/golden/pool) pooled with Ben's and Cy's. Their numbers are worked out by hand in
// tests/test_cli_pool.cpp and tests/test_pool.cpp (from scripts/make-pool-examples' readings and
// tags); here they must reach the screen, κ must follow its window, bad files must be named, and the
// pool must be computed once per change of its inputs, never per frame.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/pool_actions.hpp"
#include "app/gui/screens.hpp"
#include "core/file/session_file.hpp"
#include "core/log/clock.hpp"
#include "core/log/recorder.hpp"
#include "gui_support.hpp"
#include "tests/sampling_support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;
namespace fs = std::filesystem;

const fs::path kPool = fs::path(GEMBA_SOURCE_DIR) / "tests" / "golden" / "pool";

bool shows(const std::string& text, const std::string& what) {
    INFO("looking for: " << what);
    return text.find(what) != std::string::npos;
}

// Ann's session open (from the app's sessions folder, which also holds Ben's, Cy's and the hospital
// ward's work sampling study), the Summary screen's Pooled view shown.
struct Pooling {
    test::TempFolder folder;
    AppState app;

    Pooling() {
        app.paths.data_dir = folder / "data";
        app.paths.config_dir = folder / "config";
        fs::create_directories(app.paths.data_dir);
        for (const char* name : {"ann.json", "ben.json", "cy.json"}) fs::copy_file(kPool / name, app.paths.data_dir / name);
        fs::copy_file(fs::path(GEMBA_SOURCE_DIR) / "data" / "examples" / "hospital-ward-sampling.json",
                      app.paths.data_dir / "ward.json");
        REQUIRE(open_session(app, app.paths.data_dir / "ann.json"));
        app.screen = Screen::summary;
        app.summary_view = SummaryView::pooled;
    }
    std::string file(const char* name) const { return (app.paths.data_dir / name).string(); }
};

// `observer`'s press shop study with operators 1-5 (tests/sampling_support.hpp): observations
// 0-49 (round item/5 + 1, operator item%5 + 1) in the categories given, saved.
void save_sampling(const fs::path& path, std::string observer, const std::vector<CategoryId>& categories) {
    Session s = test::press_shop_study(std::move(observer), 5);
    test::observe_in_rounds(s, categories, 5);
    REQUIRE(save_session(path, s).ok);
}

}  // namespace

TEST_CASE("the Pooled view offers the sessions of the same plan first, and shows each observer beside the pooled numbers") {
    for (const ImVec2 display : {ImVec2(800, 600), ImVec2(1280, 800)}) {
        CAPTURE(display.x);
        test::HeadlessImGui imgui(display);
        Pooling p;
        std::string text = imgui.shown_text(p.app);
        CHECK(shows(text, "This walk"));
        CHECK(shows(text, "1. Ann \u2014 ann.json (open, unsaved taps included)"));
        CHECK(shows(text, "Add another observer's session of this study"));
        CHECK_FALSE(shows(text, "Write report"));  // the open walk's own summary is the other view
        // Ben's and Cy's plans share both of Ann's steps; the ward is another kind of study.
        REQUIRE(p.app.pool.candidates.size() == 3);
        CHECK(p.app.pool.candidates[2].file.filename() == "ward.json");
        CHECK_FALSE(p.app.pool.candidates[2].fits);
        CHECK(p.app.pool.candidates[2].about == "a work sampling study, not a time study");
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(p.app.pool.candidates[i].fits);
            CHECK(shows(p.app.pool.candidates[i].about, "2 of 2 steps match"));
        }
        CHECK(add_to_pool(p.app, p.file("ben.json")));
        CHECK(add_to_pool(p.app, p.file("cy.json")));
        CHECK_FALSE(add_to_pool(p.app, p.file("ann.json")));  // the open walk is in already
        CHECK_FALSE(add_to_pool(p.app, p.file("ben.json")));
        ImGui::GetIO().DisplaySize.y = 3000;  // every section at once: the screen scrolls otherwise
        text = imgui.shown_text(p.app);
        CAPTURE(text);
        // Fasten: means 5, 9, 10 s, SDs √3.2, √4.8, √5.6; pooled 18 readings, mean 8, SD √(152/17);
        // F = 42 ÷ (68/15) = 9.26 with df 2 and 15, p = 0.0024: observers differ.
        for (const char* what : {"2. Ben \u2014 ben.json", "3. Cy \u2014 cy.json", "Fasten", "5.00 \u00b1 1.79 s (n 6)",
                                 "9.00 \u00b1 2.19 s (n 6)", "10.00 \u00b1 2.37 s (n 6)", "8.00 \u00b1 2.99 s (n 18)",
                                 "9.26 (2, 15)", "0.0024", "observers differ"})
            CHECK_MESSAGE(shows(text, what), what);
        // Pick parts: Ann 2 and 4 s (SD √2), Ben 3, Cy 5; pooled mean 3.5, SD √(5/3); one observer
        // with 2 readings: no ANOVA.
        for (const char* what : {"Pick parts", "3.00 \u00b1 1.41 s (n 2)", "3.00 s (n 1)", "5.00 s (n 1)",
                                 "3.50 \u00b1 1.29 s (n 4)", "not tested"})
            CHECK_MESSAGE(shows(text, what), what);
        // Ben's Inspect and Cy's two Labels, under their files.
        CHECK(shows(text, "ben.json:"));
        CHECK(shows(text, "Inspect: not in every session"));
        CHECK(shows(text, "Label: its name is used by 2 steps of this plan"));
        // Tags: motion 4 of 9 (44.4 %), 4 × 3600 / 287 s = 50.2 per hour; observed 4:47.0.
        for (const char* what : {"4:47.0", "Motion", "44.4 %", "50.2"}) CHECK_MESSAGE(shows(text, what), what);
        // Ann and Ben by default, within 5 s: κ = 4/19 (worked out in test_pool.cpp).
        CHECK(shows(text, "\u03ba = 0.21 (fair) with tags paired within 5 s; 5 events, 2 agree"));
    }
}

TEST_CASE("the Pooled view's kappa follows its window, and always says it") {
    test::HeadlessImGui imgui(ImVec2(1280, 3000));
    Pooling p;
    REQUIRE(add_to_pool(p.app, p.file("ben.json")));
    CHECK(shows(imgui.shown_text(p.app), "\u03ba = 0.21 (fair) with tags paired within 5 s; 5 events, 2 agree"));
    // 10 s: the waiting tags 7 s apart pair too; 4 events, 3 agree, κ = 7/11 = 0.636.
    p.app.pool.kappa_window_ms = 10'000;
    std::string text = imgui.shown_text(p.app);
    CHECK(shows(text, "\u03ba = 0.64 (substantial) with tags paired within 10 s; 4 events, 3 agree"));
    CHECK(shows(text, "Observed agreement 0.75, by chance 0.31; 95 % interval 0.02 to 1.00 (cut to κ's range −1 to 1)"));
    // 0 s: no two tags at the same millisecond; 8 events, none agree, κ = −21/43 = −0.488.
    p.app.pool.kappa_window_ms = 0;
    CHECK(shows(imgui.shown_text(p.app), "\u03ba = \u22120.49 (less than chance) with tags paired within 0 s; 8 events, 0 agree"));
}

TEST_CASE("the Pooled view names a file that is not pooled, with its problem, and changes nothing on disk") {
    test::HeadlessImGui imgui(ImVec2(1280, 3000));
    Pooling p;
    const fs::path bad = p.app.paths.data_dir / "bad.json";
    test::write_all(bad, "{\"format_version\": 5, \"title\": ");
    const std::string ward_before = test::read_all(p.app.paths.data_dir / "ward.json");
    REQUIRE(add_to_pool(p.app, bad.string()));
    REQUIRE(add_to_pool(p.app, p.file("ward.json")));
    REQUIRE(add_to_pool(p.app, (p.folder / "missing.json").string()));
    const std::string text = imgui.shown_text(p.app);
    CAPTURE(text);
    const LoadResult bad_load = load_session(bad);
    REQUIRE_FALSE(bad_load.ok());
    CHECK(shows(text, "Not pooled: " + bad_load.problem->message()));
    CHECK(shows(bad_load.problem->message(), bad.string()));  // the file named
    CHECK(shows(text, "Not pooled: ward.json is a work sampling study, not a time study like the open walk"));
    CHECK(shows(text, "Not pooled: " + (p.folder / "missing.json").string()));
    CHECK(shows(text, "Add another observer's session"));  // nothing to pool yet
    CHECK(test::read_all(bad) == "{\"format_version\": 5, \"title\": ");
    CHECK(test::read_all(p.app.paths.data_dir / "ward.json") == ward_before);
    CHECK_FALSE(fs::exists(p.folder / "missing.json"));
    // Removed, it is offered again; the others stay.
    remove_from_pool(p.app, 0);
    CHECK_FALSE(shows(imgui.shown_text(p.app), bad.string()));
    REQUIRE(p.app.pool.members.size() == 2);
    CHECK(p.app.pool.members[0].file == p.file("ward.json"));
}

TEST_CASE("the Pooled view pools once per change of its inputs, not per frame") {
    test::HeadlessImGui imgui(ImVec2(1280, 800));
    Pooling p;
    REQUIRE(add_to_pool(p.app, p.file("ben.json")));
    imgui.frames(p.app, 3);
    const std::uint64_t first = p.app.pool.computations;
    REQUIRE(p.app.pool.result);
    imgui.frames(p.app, 20);
    CHECK(p.app.pool.computations == first);
    p.app.pool.kappa_window_ms = 7'000;  // the window
    imgui.frames(p.app, 5);
    CHECK(p.app.pool.computations == first + 1);
    p.app.pool.kappa_b = 0;  // the pair: Ben and Ann, the same two; computed again once
    p.app.pool.kappa_a = 1;
    imgui.frames(p.app, 5);
    CHECK(p.app.pool.computations == first + 2);
    // A file written again (a later modification time).
    const fs::path ben = p.app.paths.data_dir / "ben.json";
    fs::last_write_time(ben, fs::last_write_time(ben) + std::chrono::seconds(5));
    imgui.frames(p.app, 5);
    CHECK(p.app.pool.computations == first + 3);
    // A session added.
    REQUIRE(add_to_pool(p.app, p.file("cy.json")));
    imgui.frames(p.app, 5);
    CHECK(p.app.pool.computations == first + 4);
    REQUIRE(p.app.pool.result);
    CHECK(p.app.pool.result->observers.size() == 3);
    // The open walk changed, not saved: its renamed step no longer matches the others' Fasten.
    REQUIRE(p.app.doc.plan().steps[1].name == "Fasten");
    p.app.doc.plan().steps[1].name = "Fasten screws";
    p.app.doc.plan_edited("rename Fasten");
    const std::string text = imgui.shown_text(p.app);
    CHECK(p.app.pool.computations == first + 5);
    CHECK(shows(text, "ann.json:"));
    CHECK(shows(text, "Fasten screws: not in every session"));
    // Back to the open walk's own summary: the pool is not computed while not shown.
    p.app.summary_view = SummaryView::this_walk;
    p.app.pool.kappa_window_ms = 3'000;
    CHECK(shows(imgui.shown_text(p.app), "Write report"));
    CHECK(p.app.pool.computations == first + 5);
}

// Wikipedia's Cohen's kappa example as two observers' rounds: both Work 20, Ann Work and Ben Idle 5,
// Ann Idle and Ben Work 10, both Idle 15. Ann: Work 25, Idle 25 of 50; Ben: Work 30, Idle 20.
// Pooled Work 55 of 100, Wilson at z 1.96: (0.55 + 0.019208 ± 1.96 √(0.002475 + 0.000096)) ÷
// 1.038416 = 45.2 % to 64.4 %; Idle 45 of 100: 1 minus those, 35.6 % to 54.8 %.
// χ² = 100 (25·20 − 25·30)² ÷ (50·50·55·45) = 1.01, df 1, p = erfc(√(χ²/2)) = 0.3149.
// κ: p_o = 35/50 = 0.7, p_e = 0.55·0.5 + 0.45·0.5 = 0.5, κ = 0.4; SE √(0.7·0.3 ÷ (50·0.25)) =
// 0.129615, ± 1.96 SE: 0.15 to 0.65.
TEST_CASE("the Pooled view of two work sampling studies: shares side by side, the chi-square verdict and kappa") {
    test::TempFolder folder;
    AppState app;
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    fs::create_directories(app.paths.data_dir);
    std::vector<CategoryId> ann, ben;
    const auto add = [&](CategoryId a, CategoryId b, int count) {
        for (int k = 0; k < count; ++k) {
            ann.push_back(a);
            ben.push_back(b);
        }
    };
    add(1, 1, 20);
    add(1, 2, 5);
    add(2, 1, 10);
    add(2, 2, 15);
    save_sampling(app.paths.data_dir / "ann.json", "Ann", ann);
    save_sampling(app.paths.data_dir / "ben.json", "Ben", ben);
    fs::copy_file(kPool / "cy.json", app.paths.data_dir / "cy.json");  // a time study
    REQUIRE(open_session(app, app.paths.data_dir / "ann.json"));
    app.screen = Screen::summary;
    app.summary_view = SummaryView::pooled;
    test::HeadlessImGui imgui(ImVec2(1280, 3000));
    imgui.frames(app, 2);
    REQUIRE(app.pool.candidates.size() == 2);
    CHECK(app.pool.candidates[0].file.filename() == "ben.json");
    CHECK(app.pool.candidates[0].about == "Ben, 3 of 3 categories match");
    CHECK(app.pool.candidates[1].about == "a time study, not a work sampling study");
    REQUIRE(add_to_pool(app, (app.paths.data_dir / "ben.json").string()));
    REQUIRE(add_to_pool(app, (app.paths.data_dir / "cy.json").string()));
    const std::string text = imgui.shown_text(app);
    CAPTURE(text);
    for (const char* what : {"Work", "25 \u00b7 50.0 %", "30 \u00b7 60.0 %", "55 \u00b7 55.0 % (45.2 % to 64.4 %)", "Idle",
                             "25 \u00b7 50.0 %", "20 \u00b7 40.0 %", "45 \u00b7 45.0 % (35.6 % to 54.8 %)", "Away",
                             "0, not in the shares", "no clear difference",
                             "2 observers \u00d7 2 categories, N = 100: \u03c7\u00b2 = 1.01, df 1, p = 0.3149",
                             "Not pooled: cy.json is a time study, not a work sampling study like the open walk",
                             "\u03ba = 0.40 (fair) with observations paired by round and subject; 50 pairs, 35 agree",
                             "Observed agreement 0.70, by chance 0.50; 95 % interval 0.15 to 0.65.",
                             "Unpaired: 0 only Ann's, 0 only Ben's.", "Verdict at 95 %: observers differ when p < 0.05."})
        CHECK_MESSAGE(shows(text, what), what);
    CHECK_FALSE(shows(text, "Tags paired within"));  // rounds pair exactly: no window
    // Another walk opened: the sessions offered are listed again for it, Ann's now among them; Ben's,
    // added before, is the open walk now and not pooled twice.
    REQUIRE(open_session(app, app.paths.data_dir / "ben.json"));
    app.screen = Screen::summary;
    const std::string reopened = imgui.shown_text(app);
    REQUIRE(app.pool.candidates.size() == 1);
    CHECK(app.pool.candidates[0].file.filename() == "ann.json");
    CHECK(shows(reopened, "Not pooled: ben.json is the open walk, the first observer"));
    CHECK(shows(reopened, "Add another observer's session"));
}
