// gemba: the GUI. This file owns GLFW, OpenGL and ImGui set-up and tear-down, input capture and the
// power-aware main loop; everything else is in app/gui/ (screens) and core/ (the domain).
#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/pointer_input.hpp"
#include "app/gui/rounds_clock.hpp"
#include "app/gui/settings.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "app/gui/walk_note.hpp"
#include "app/process_age.hpp"
#include "core/analysis/pool.hpp"  // iso8601_to_unix_ms
#include "core/file/session_file.hpp"
#include "core/file/utf8.hpp"

namespace {

using namespace gemba::gui;

// After any input, draw this many frames: a click delivers press and release together, and ImGui
// sees the release (and opens popups) only a frame later.
constexpr int kFramesAfterInput = 3;
// While a clock is on screen and running: 10 frames a second, enough for tenths of a second. A frame
// that shows what is already on screen is not rendered (ShownFrame), so a clock in whole seconds
// costs one rendered frame a second.
constexpr double kClockRedrawSeconds = 0.1;
// While a pointer is held (a long press may be under way): 20 frames a second.
constexpr double kHoldRedrawSeconds = 0.05;

constexpr std::string_view kUsageHead = R"(gemba - observe a process on the gemba: time its steps, tag its wastes

Usage:
  gemba                 open the start screen
  gemba FILE.json       open that session (a plan with steps and no events is ready to walk)
  gemba --help | --version

Keys (never while typing in a text field):
)";

constexpr std::string_view kUsageTail = R"(
Sessions are kept in $XDG_DATA_HOME/gemba (~/.local/share/gemba), settings in $XDG_CONFIG_HOME/gemba.
For summaries without a display use gemba-cli. GEMBA_CLOCK_START=2026-12-01T08:59:50+01:00 starts the
wall clock (a work sampling study's rounds) at that moment, for tests and demonstrations.
)";

// The usage text, its keys from the key table.
std::string usage() {
    std::string text(kUsageHead);
    for (const KeyGroup& group : key_groups()) {
        text += "  " + std::string(scope_text(group.scope)) + ":\n";
        for (const KeyBinding& binding : group.bindings) {
            // Padded by characters, not bytes: "1 – 8" holds a three-byte dash.
            const std::size_t width = gemba::utf8_length(binding.label);
            text += "    " + std::string(binding.label) + std::string(width < 24 ? 24 - width : 1, ' ') + binding.does + "\n";
        }
    }
    return text + std::string(kUsageTail);
}

AppState* g_app = nullptr;  // for the GLFW callbacks, which carry no user pointer of ours
PointerQueue g_pointer;     // moves and button changes, handed to ImGui one change a frame
bool g_input_seen = false;
bool g_must_present = true;  // the window lost its contents (exposed, restored): present the next frame

std::filesystem::path xdg_dir(const char* variable, const char* fallback_under_home) {
    if (const char* value = std::getenv(variable); value && *value && std::filesystem::path(value).is_absolute())
        return std::filesystem::path(value) / "gemba";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / fallback_under_home / "gemba";
}

// Queues presses for process_keys (keys.hpp), which looks them up in the key table. Repeats of a
// held key are not taps.
void on_key(GLFWwindow*, int key, int, int action, int mods) {
    g_input_seen = true;
    if (action == GLFW_PRESS && g_app) g_app->pending_keys.push_back(KeyPress{key, mods, g_app->clock.now_ms()});
}

void on_mouse_button(GLFWwindow*, int button, int action, int) {
    g_input_seen = true;
    if (g_app) g_pointer.button(button, action == GLFW_PRESS, g_app->clock.now_ms());
}

void on_cursor(GLFWwindow*, double x, double y) {
    g_input_seen = true;
    g_pointer.moved(x, y);
}

// After the backend's NewFrame, which polled the pointer: this frame's share of the queue instead.
void feed_pointer(ImGuiIO& io, AppState& app) {
    const PointerQueue::Frame frame = g_pointer.next_frame();
    if (frame.position) io.MousePos = ImVec2(frame.position->x, frame.position->y);
    for (int i = 0; i < PointerQueue::kButtons; ++i) io.MouseDown[i] = frame.down[static_cast<std::size_t>(i)];
    if (frame.pressed_at_ms) app.last_pointer_press_ms = *frame.pressed_at_ms;
}

void on_close(GLFWwindow* window) {
    if (g_app) keep_note_draft(*g_app);
    if (g_app && g_app->dirty()) {
        glfwSetWindowShouldClose(window, GLFW_FALSE);
        g_app->confirm_close = true;
        g_input_seen = true;
    }
}

void on_refresh(GLFWwindow*) { g_must_present = true; }

void on_content_scale(GLFWwindow*, float x, float) {
    if (!g_app) return;
    g_app->content_scale = x;
    g_app->fonts_dirty = true;
}

// The look after a UI scale or theme change: fonts, style and the font texture. Only the texture is
// re-made: re-making the backend's shaders and buffers between frames left every later frame blank
// (Mesa).
void rebuild_fonts(AppState& app) {
    const float scale = app.content_scale * app.settings.ui_scale;
    build_fonts(scale);
    apply_theme(app.settings.theme, scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // The texture holds the pixels now; the atlas's own copies (5 bytes a pixel) would only take memory.
    ImGui::GetIO().Fonts->ClearTexData();
    app.fonts_dirty = false;
}

std::string window_title(const AppState& app) {
    std::string title = "Gemba";
    // A round due shows in the task bar too (and an end-to-end test waits for it there).
    if (const RoundsNow rounds = rounds_now(app); rounds.banner)
        title += " — Round " + std::to_string(rounds.round) + " is " + round_state_text(rounds);
    if (app.doc.has_walk()) title += " — " + (app.doc.file().empty() ? std::string("not saved yet") : app.doc.file().filename().string());
    if (app.dirty()) title += " ●";
    return title;
}

// What a frame would put on screen: its draw lists and the framebuffer size. A frame equal to the
// one on screen is not rendered: under software GL (llvmpipe) rendering and presenting a full-window
// frame costs 15-25 ms of CPU, building it in ImGui well under 1 ms. So the loop may wake often (a
// running clock) and pay only when what is shown changes.
class ShownFrame {
public:
    // Records this frame; true when it differs from the previous one.
    bool update(const ImDrawData& draw_data, int width, int height) {
        next_.clear();
        append(width);
        append(height);
        append(draw_data.DisplayPos);
        append(draw_data.DisplaySize);
        append(draw_data.FramebufferScale);
        for (int i = 0; i < draw_data.CmdListsCount; ++i) {
            const ImDrawList& list = *draw_data.CmdLists[i];
            append(list.VtxBuffer.Size);
            append_bytes(list.VtxBuffer.Data, list.VtxBuffer.size_in_bytes());
            append(list.IdxBuffer.Size);
            append_bytes(list.IdxBuffer.Data, list.IdxBuffer.size_in_bytes());
            append(list.CmdBuffer.Size);
            for (const ImDrawCmd& cmd : list.CmdBuffer) {  // field by field: no padding bytes
                append(cmd.ClipRect);
                append(cmd.TextureId);
                append(cmd.VtxOffset);
                append(cmd.IdxOffset);
                append(cmd.ElemCount);
                append(cmd.UserCallback);
                append(cmd.UserCallbackData);
            }
        }
        const bool changed = next_ != shown_;
        std::swap(next_, shown_);
        return changed;
    }

private:
    void append_bytes(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        next_.insert(next_.end(), bytes, bytes + size);
    }
    template <class T>
    void append(const T& value) {
        append_bytes(&value, sizeof value);
    }

    std::vector<unsigned char> shown_, next_;  // next_ is kept only for its capacity
};

// A clock on screen that moves: the walk screen while something runs.
bool clock_running(const AppState& app) {
    return app.screen == Screen::walk && app.doc.clock_running();
}

bool pointer_held(GLFWwindow* window) {
    return glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
}

}  // namespace

int main(int argc, char** argv) {
    std::optional<std::filesystem::path> file_to_open;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << usage();
            return 0;
        }
        if (arg == "--version") {
            std::cout << "gemba " << GEMBA_VERSION << " (session format " << gemba::kFormatVersion << ")\n";
            return 0;
        }
        if (arg.size() > 1 && arg[0] == '-') {
            std::cerr << "gemba: unknown option '" << arg << "'\nRun 'gemba --help' for usage.\n";
            return 2;
        }
        if (file_to_open) {
            std::cerr << "gemba: one session file at a time\n";
            return 2;
        }
        file_to_open = arg;
    }

    AppState app;
    // GEMBA_CLOCK_START: the wall clock (a work sampling study's rounds) starts at that moment and
    // runs on at the steady clock's pace, so that a test or a demonstration meets its rounds on cue.
    std::optional<gemba::OffsetClock> started_wall_clock;
    if (const char* start = std::getenv("GEMBA_CLOCK_START"); start && *start) {
        const std::optional<std::int64_t> start_ms = gemba::iso8601_to_unix_ms(start);
        if (!start_ms) {
            std::cerr << "gemba: GEMBA_CLOCK_START: '" << start << "' is not a date and time like 2026-12-01T08:59:50+01:00\n";
            return 2;
        }
        started_wall_clock.emplace(kSteadyClock, *start_ms - kSteadyClock.now_ms());
        app.wall_clock = AppWallClock(*started_wall_clock);
    }
    app.paths.data_dir = xdg_dir("XDG_DATA_HOME", ".local/share");
    app.paths.config_dir = xdg_dir("XDG_CONFIG_HOME", ".config");
    app.paths.templates_dir = find_templates_dir();
    load_ui_settings(app);

    glfwSetErrorCallback([](int, const char* description) { std::fprintf(stderr, "gemba: GLFW: %s\n", description); });
    if (!glfwInit()) {
        std::cerr << "gemba: no display to open a window on (DISPLAY"
                  << (std::getenv("DISPLAY") ? " is set but cannot be used" : " is not set") << ").\n"
                  << "For summaries, checks and CSV export use gemba-cli; to run the window without a screen, "
                     "use xvfb-run gemba.\n";
        return 1;
    }
    // Opening the window is most of start-up (100 ms and more under Mesa) and needs neither the fonts
    // nor the session: they are made meanwhile on a second thread, which alone touches the app and
    // the atlas until it is joined (no ImGui context exists yet, so nothing of ImGui's is shared).
    // The fonts are sized for the primary monitor's scale, which X11 gives every window.
    float monitor_scale = 1.0f, monitor_scale_y = 1.0f;
    int work_x = 0, work_y = 0, work_width = 0, work_height = 0;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        glfwGetMonitorContentScale(monitor, &monitor_scale, &monitor_scale_y);
        glfwGetMonitorWorkarea(monitor, &work_x, &work_y, &work_width, &work_height);
    }
    const float font_scale = monitor_scale * app.settings.ui_scale;
    ImFontAtlas font_atlas;
    std::thread prepare([&] {
        build_fonts(font_scale, font_atlas);
        unsigned char* pixels = nullptr;  // the texture's pixels, converted here once for the upload
        int width = 0, height = 0;
        font_atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
        app.unsaved_journals = find_unsaved_journals(app.paths.data_dir);
        if (file_to_open) open_session(app, *file_to_open);
    });
    // The window is not made: wait for the second thread before leaving (a joinable thread's
    // destructor would end the process).
    const auto fail = [&](const char* message) {
        std::cerr << message;
        prepare.join();
        glfwTerminate();
        return 1;
    };
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    // 1280×800, or the whole work area of a smaller screen (a tablet, a small laptop): a window larger
    // than the screen would hide its own controls. The size is in screen coordinates, which GLFW
    // scales by the monitor's content scale.
    const auto fit = [&](int wanted, int available) {
        const int scaled = static_cast<int>(static_cast<float>(available) / std::max(monitor_scale, 0.5f));
        return available > 0 ? std::min(wanted, scaled) : wanted;
    };
    GLFWwindow* window = glfwCreateWindow(fit(1280, work_width), fit(800, work_height), "Gemba", nullptr, nullptr);
    if (!window) return fail("gemba: could not open a window with OpenGL 3.3. For summaries use gemba-cli.\n");
    glfwMakeContextCurrent(window);
    if (!gladLoadGL(glfwGetProcAddress)) {
        glfwDestroyWindow(window);
        return fail("gemba: could not load OpenGL 3.3 functions.\n");
    }
    glfwSwapInterval(1);
    prepare.join();
    g_app = &app;

    // Ours first: the ImGui backend chains to callbacks installed before it.
    glfwSetKeyCallback(window, on_key);
    glfwSetMouseButtonCallback(window, on_mouse_button);
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetWindowCloseCallback(window, on_close);
    glfwSetWindowContentScaleCallback(window, on_content_scale);
    glfwSetWindowRefreshCallback(window, on_refresh);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext(&font_atlas);
    ImGuiIO& io = ImGui::GetIO();
    std::error_code ec;
    std::filesystem::create_directories(app.paths.config_dir, ec);
    const std::string ini_path = (app.paths.config_dir / "imgui.ini").string();
    io.IniFilename = ini_path.c_str();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    float scale_y = 1.0f;
    glfwGetWindowContentScale(window, &app.content_scale, &scale_y);
    const float scale = app.content_scale * app.settings.ui_scale;
    if (scale != font_scale) build_fonts(scale);  // the window is not on the primary monitor's scale
    apply_theme(app.settings.theme, scale);
    // All the backend's objects now: made lazily, they would be made by the first frame all the same.
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    io.Fonts->ClearTexData();

    // GEMBA_REPORT_STARTUP=1: say on stderr when the first frame is on screen (scripts/measure-power).
    const char* report_startup_env = std::getenv("GEMBA_REPORT_STARTUP");
    bool report_startup = report_startup_env && std::string_view(report_startup_env) == "1";
    int frames_to_draw = kFramesAfterInput;
    ShownFrame shown_frame;
    std::string shown_title;
    int attention_asked = 0;  // app.rounds.attention_requests already passed to the window manager
    while (!app.quit_requested) {
        if (glfwWindowShouldClose(window)) break;
        // A work sampling study's next change by the clock alone (a round falls due, turns late, the
        // countdown ticks): a timed wait until then, never a poll.
        const std::optional<double> rounds_wait = rounds_wait_seconds(app);
        const auto wait = [&] {
            if (rounds_wait) glfwWaitEventsTimeout(*rounds_wait);
            else glfwWaitEvents();
        };
        if (glfwGetWindowAttrib(window, GLFW_ICONIFIED)) {
            wait();  // nothing to show: sleep until restored, or until a round falls due
            tick_rounds(app);
            if (app.rounds.attention_requests != attention_asked) {
                glfwRequestWindowAttention(window);
                attention_asked = app.rounds.attention_requests;
            }
            g_must_present = true;
            continue;
        }
        if (frames_to_draw > 0) glfwPollEvents();
        else if (pointer_held(window)) glfwWaitEventsTimeout(kHoldRedrawSeconds);
        else if (clock_running(app)) glfwWaitEventsTimeout(kClockRedrawSeconds);
        else if (app.doc.plan_edit_pending())  // to journal it
            glfwWaitEventsTimeout(std::min(gemba::kPlanEditPauseMs / 1000.0, rounds_wait.value_or(1e9)));
        else wait();
        if (g_input_seen) {
            frames_to_draw = kFramesAfterInput;
            g_input_seen = false;
        }
        if (frames_to_draw > 0) --frames_to_draw;

        if (app.fonts_dirty) {
            rebuild_fonts(app);
            g_must_present = true;  // new glyphs in the texture, maybe at the same coordinates
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        feed_pointer(io, app);
        ImGui::NewFrame();
        process_keys(app, io.WantTextInput);
        draw_frame(app);
        if (app.rounds.attention_requests != attention_asked) {  // a round fell due (tick_rounds)
            glfwRequestWindowAttention(window);
            attention_asked = app.rounds.attention_requests;
        }
        ImGui::Render();
        if (g_pointer.pending()) g_input_seen = true;  // the next change needs a frame of its own

        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        const bool changed = shown_frame.update(*ImGui::GetDrawData(), width, height);
        if (changed || g_must_present) {
            glViewport(0, 0, width, height);
            const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
            glClearColor(clear.x, clear.y, clear.z, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            glfwSwapBuffers(window);
            g_must_present = false;
            if (report_startup) {
                if (const auto ms = gemba::ms_since_process_start()) std::fprintf(stderr, "gemba: first frame after %.0f ms\n", *ms);
                report_startup = false;
            }
        }

        if (const std::string title = window_title(app); title != shown_title) {
            glfwSetWindowTitle(window, title.c_str());
            shown_title = title;
        }
    }

    save_ui_settings(app);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
