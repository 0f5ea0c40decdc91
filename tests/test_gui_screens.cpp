// Every screen at the sizes a laptop and a tablet give it: gemba under Xvfb at 800×600 (UI scale
// 100 %), 1024×768 (125 %) and 1280×800 (150 %) with an example walk open, each screen reached by
// clicking its tab. Each frame is saved as a PNG in the build tree (screenshots/screens-*.png) to be
// looked at, and checked: the window fills the screen, the frame is not blank, the clicked tab is
// the highlighted one, each screen looks different from the last, and the app is still running.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/gui_tabs.hpp"
#include "tests/x_display.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using gemba::test::running;
using gemba::test::spawn;
using gemba::test::stop;
using gemba::test::Xvfb;
using Clock = std::chrono::steady_clock;

// A screenshot as RGB pixels (from xwd's dump through netpbm's binary PPM).
struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;
    std::array<int, 3> at(int x, int y) const {
        const std::size_t i = 3 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x));
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
    bool operator==(const Image&) const = default;
};

Image read_ppm(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string magic;
    int max = 0;
    Image image;
    in >> magic >> image.width >> image.height >> max;
    in.get();  // the one whitespace after the header
    if (magic != "P6" || max != 255 || image.width <= 0 || image.height <= 0) return {};
    image.rgb.resize(3 * static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    in.read(reinterpret_cast<char*>(image.rgb.data()), static_cast<std::streamsize>(image.rgb.size()));
    if (!in) return {};
    return image;
}

Image grab(const Xvfb& x, const fs::path& ppm) {
    if (x.run("xwd -root -silent | xwdtopnm 2>/dev/null > " + ppm.string()) != 0) return {};
    return read_ppm(ppm);
}

// Waits until the screen shows a frame that `wanted` accepts and two grabs in a row agree (the app
// draws a few frames after an input), for at most `timeout`; the last grab otherwise.
template <typename Wanted>
Image settled_frame(const Xvfb& x, const fs::path& ppm, Wanted wanted, std::chrono::seconds timeout) {
    Image last;
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        std::this_thread::sleep_for(200ms);
        Image now = grab(x, ppm);
        if (!now.rgb.empty() && now == last && wanted(now)) return now;
        last = std::move(now);
    }
    return last;
}

bool is_active_tab_blue(const std::array<int, 3>& c) { return c[2] > 200 && c[0] < 80; }

// Whether exactly tab `index` of the top bar is lit, sampled inside each tab left of its word.
bool only_tab_lit(const Image& frame, int index, float scale) {
    for (int t = 0; t < static_cast<int>(std::size(gemba::gui::kTabWidthsEm)); ++t) {
        const gemba::test::TabCentre c = gemba::test::tab_centre(t, scale);
        const int left = c.x - static_cast<int>(0.5f * gemba::gui::kTabWidthsEm[t] * gemba::gui::kBaseFontPx * scale);
        if (is_active_tab_blue(frame.at(left + static_cast<int>(6 * scale), c.y)) != (t == index)) return false;
    }
    return true;
}

struct Size {
    int width, height;
    float scale;
    const char* name;
};

}  // namespace

TEST_CASE("every screen fits and shows at 800x600 @100 %, 1024x768 @125 % and 1280x800 @150 %") {
    const fs::path home = fs::temp_directory_path() / ("gemba-screens-" + std::to_string(getpid()));
    fs::remove_all(home);
    fs::create_directories(home / "config" / "gemba");
    const fs::path session = home / "assembly-line.json";
    fs::copy_file(fs::path(GEMBA_SOURCE_DIR) / "data" / "examples" / "assembly-line.json", session);
    const fs::path shots = fs::path(GEMBA_BINARY_DIR) / "screenshots";
    fs::create_directories(shots);
    const char* screens[] = {"start", "setup", "walk", "review", "summary", "map"};

    for (const Size size : {Size{800, 600, 1.0f, "800x600-100"}, Size{1024, 768, 1.25f, "1024x768-125"},
                            Size{1280, 800, 1.5f, "1280x800-150"}}) {
        CAPTURE(size.name);
        std::ofstream(home / "config" / "gemba" / "settings.json") << "{\"ui_scale\": " << size.scale << "}\n";
        Xvfb x(size.width, size.height);
        const pid_t app = spawn({GEMBA_GUI_PATH, session.string()},
                                {x.env(), "XDG_DATA_HOME=" + (home / "data").string(),
                                 "XDG_CONFIG_HOME=" + (home / "config").string()});
        REQUIRE(x.run("timeout 30 xdotool search --sync --onlyvisible --name Gemba > /dev/null") == 0);
        // The window opens at 1280×800 or the whole screen when that is smaller (app/main.cpp).
        const std::string sized = "xdotool search --onlyvisible --name Gemba getwindowgeometry | grep -q 'Geometry: " +
                                  std::to_string(size.width) + "x" + std::to_string(size.height) + "'";
        const auto deadline = Clock::now() + 30s;
        while (x.run(sized) != 0 && Clock::now() < deadline) std::this_thread::sleep_for(100ms);
        REQUIRE(x.run(sized) == 0);
        CHECK(x.run("xdotool search --onlyvisible --name Gemba windowfocus --sync") == 0);

        const fs::path ppm = home / "screen.ppm";
        Image previous;
        // The Map before the Summary: the Summary is scrolled below, once it was shown.
        for (const int tab : {0, 1, 2, 3, 5, 4}) {
            CAPTURE(screens[tab]);
            const gemba::test::TabCentre centre = gemba::test::tab_centre(tab, size.scale);
            const std::string click = "xdotool mousemove " + std::to_string(centre.x) + " " + std::to_string(centre.y) +
                                      " click 1 mousemove " + std::to_string(size.width - 1) + " " +
                                      std::to_string(size.height - 1);
            // Clicked again while its tab is not lit: a click on a window still starting up may be lost.
            Image frame;
            const auto give_up = Clock::now() + 60s;
            while (Clock::now() < give_up && !(frame.width == size.width && only_tab_lit(frame, tab, size.scale))) {
                REQUIRE(x.run(click) == 0);
                frame = settled_frame(x, ppm, [&](const Image& f) { return only_tab_lit(f, tab, size.scale); }, 10s);
            }
            REQUIRE(running(app));
            REQUIRE(frame.width == size.width);
            REQUIRE(frame.height == size.height);
            const std::string png = (shots / ("screens-" + std::string(size.name) + "-" + screens[tab] + ".png")).string();
            CHECK(x.run("pnmtopng < " + ppm.string() + " > " + png) == 0);

            // The window fills the screen: no root window (black) at the far corners.
            CHECK(frame.at(size.width - 1, size.height - 1) != std::array<int, 3>{0, 0, 0});
            CHECK(frame.at(size.width - 1, 0) != std::array<int, 3>{0, 0, 0});
            // Not blank: a page of text and controls has many colours, and much not of the page's colour.
            std::map<std::array<int, 3>, std::size_t> colours;
            for (int y = 0; y < frame.height; ++y)
                for (int px = 0; px < frame.width; ++px) ++colours[frame.at(px, y)];
            std::size_t background = 0;
            for (const auto& [colour, count] : colours) background = std::max(background, count);
            const double total = static_cast<double>(frame.width) * frame.height;
            CHECK(colours.size() >= 20);
            CHECK(static_cast<double>(background) / total < 0.95);
            // The clicked tab is the highlighted one, the others are not; and the screen changed.
            CHECK(only_tab_lit(frame, tab, size.scale));
            CHECK_FALSE(frame == previous);
            previous = frame;
        }
        // The Summary scrolled down (the wheel over the screen's middle) to its charts, then to its end.
        for (const auto& [wheel_clicks, name] : {std::pair{4, "summary-charts"}, std::pair{40, "summary-end"}}) {
            REQUIRE(x.run("xdotool mousemove " + std::to_string(size.width / 2) + " " + std::to_string(size.height / 2) +
                          " click --repeat " + std::to_string(wheel_clicks) + " --delay 50 5 mousemove " +
                          std::to_string(size.width - 1) + " " + std::to_string(size.height - 1)) == 0);
            const Image scrolled = settled_frame(x, ppm, [&](const Image& f) { return !(f == previous); }, 30s);
            REQUIRE(running(app));
            CHECK_FALSE(scrolled == previous);
            CHECK(x.run("pnmtopng < " + ppm.string() + " > " +
                        (shots / ("screens-" + std::string(size.name) + "-" + name + ".png")).string()) == 0);
            previous = scrolled;
        }
        stop(app);
    }
    fs::remove_all(home);
}
