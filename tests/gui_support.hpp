// Helpers for the GUI tests: ImGui frames with no window and no GPU (Dear ImGui's example_null
// pattern), keys queued the way the GLFW callback queues them, and the text a frame shows.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#ifndef GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_NONE
#endif
#include <GLFW/glfw3.h>

#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/app_state.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/file/session_file.hpp"
#include "support.hpp"

namespace gemba::test {

// An ImGui context with a built font atlas and a display size: enough to run frames.
struct HeadlessImGui {
    explicit HeadlessImGui(ImVec2 display = ImVec2(1280, 800)) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60.0f;
        io.SetClipboardTextFn = [](void* user, const char* text) { static_cast<std::string*>(user)->assign(text); };
        io.ClipboardUserData = &logged_text_;
        // GLFW key codes, as the GLFW backend maps them: text fields read Enter, Esc and Backspace.
        io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
        io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
        io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
        io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
        gui::build_fonts(1.0f);
        gui::apply_theme(gui::Theme::light, 1.0f);
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    void frames(gui::AppState& app, int count) {
        for (int i = 0; i < count; ++i) {
            ImGui::NewFrame();
            gui::process_keys(app, ImGui::GetIO().WantTextInput);
            gui::draw_frame(app);
            ImGui::Render();
        }
    }

    // The text one frame shows (ImGui's log: items on one row share a line), after `settle` frames.
    std::string shown_text(gui::AppState& app, int settle = 2) {
        frames(app, settle);
        logged_text_.clear();
        ImGui::NewFrame();
        ImGui::LogToClipboard();
        gui::draw_frame(app);
        ImGui::LogFinish();
        ImGui::Render();
        return logged_text_;
    }

private:
    std::string logged_text_;
};

// Saves `plan` in `folder` (the app's data and config folders there too) and opens it on the walk
// screen in `mode`, with no debounce: the tests press faster than a person. AppState holds the walk
// document, which keeps a reference to the app's clock: it is filled in place, never copied.
inline void open_walk(gui::AppState& app, const TempFolder& folder, Session plan, TimingMode mode) {
    app.paths.data_dir = folder / "data";
    app.paths.config_dir = folder / "config";
    std::filesystem::create_directories(app.paths.data_dir);
    plan.settings.timing_mode = mode;
    plan.settings.debounce_ms = 0;
    const std::filesystem::path file = app.paths.data_dir / "plan.json";
    REQUIRE(save_session(file, plan).ok);
    REQUIRE(gui::open_session(app, file));
    app.screen = gui::Screen::walk;
}

inline void press(gui::AppState& app, int key, int mods = 0) {
    app.pending_keys.push_back(gui::KeyPress{key, mods, app.clock.now_ms()});
}

// A key as a window delivers it: queued for the key table (as the GLFW callback does) and down for
// ImGui for one frame, then up for one.
inline void key_stroke(HeadlessImGui& imgui, gui::AppState& app, int key, int mods = 0) {
    ImGuiIO& io = ImGui::GetIO();
    press(app, key, mods);
    io.KeysDown[key] = true;
    io.KeyShift = (mods & GLFW_MOD_SHIFT) != 0;
    io.KeyCtrl = (mods & GLFW_MOD_CONTROL) != 0;
    imgui.frames(app, 1);
    io.KeysDown[key] = false;
    io.KeyShift = io.KeyCtrl = false;
    imgui.frames(app, 1);
}

// Text typed on the keyboard: each character's key queued (the key table must drop them while a
// field types) and the characters given to ImGui.
inline void type_text(HeadlessImGui& imgui, gui::AppState& app, const std::string& text) {
    for (const char c : text) {
        if (c >= 'a' && c <= 'z') press(app, GLFW_KEY_A + (c - 'a'));
        else if (c >= '0' && c <= '9') press(app, GLFW_KEY_0 + (c - '0'));
        else if (c == ' ') press(app, GLFW_KEY_SPACE);
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
    }
    imgui.frames(app, 1);
}

}  // namespace gemba::test
