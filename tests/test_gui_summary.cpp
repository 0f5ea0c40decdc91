// The Summary screen rendered with no window: it shows the numbers the command-line summary prints,
// notices in words, and fits a small window. Expected values are the example's own (data/examples/README.md).
#include <doctest/doctest.h>
#include <imgui.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "gui_support.hpp"

namespace {

using namespace gemba;
using namespace gemba::gui;

std::filesystem::path scratch_folder(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("gemba-summary-" + name + "-" + std::to_string(::getpid()));
}

}  // namespace

TEST_CASE("the Summary shows the CLI summary's numbers, and notices in words, in an 800x600 window") {
    test::HeadlessImGui imgui(ImVec2(800, 600));
    AppState app;
    app.paths.data_dir = scratch_folder("data");
    app.paths.config_dir = scratch_folder("config");
    REQUIRE(open_session(app, std::filesystem::path(GEMBA_SOURCE_DIR) / "data/examples/assembly-line.json"));
    app.screen = Screen::summary;
    const std::string text = imgui.shown_text(app, 3);
    CAPTURE(text);
    // Takt = 27,000,000 ms ÷ 900 units = 30.0 s; the cycle time 33.2 s is above it: 33.2 ÷ 30 = 1.107.
    CHECK(text.find("Takt") != std::string::npos);
    CHECK(text.find("30.0 s") != std::string::npos);
    CHECK(text.find("1.11  ABOVE TAKT") != std::string::npos);
    // A 15-minute break was paused; one reading is excluded.
    CHECK(text.find("Paused") != std::string::npos);
    CHECK(text.find("15:00.0") != std::string::npos);
    CHECK(text.find("Readings excluded") != std::string::npos);
    for (const char* label : {"Observed", "Cycles closed", "Work content", "Standard time", "Value-added", "Lead time",
                              "Flow efficiency", "Stations for takt", "Required cycles", "Per hour", "Waste by step", "Freq", "Excl"})
        CHECK_MESSAGE(text.find(label) != std::string::npos, label);
    // The outlier notice names its rule in words, never by the file's id.
    CHECK(text.find("more than 1.5 × IQR outside the step's quartiles") != std::string::npos);
    CHECK(text.find("iqr_1_5") == std::string::npos);
}
