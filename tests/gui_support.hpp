// Helpers for the GUI tests: ImGui frames with no window and no GPU (Dear ImGui's example_null
// pattern), keys queued the way the GLFW callback queues them, and the text a frame shows.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "app/gui/app_state.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"

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

inline void press(gui::AppState& app, int key, int mods = 0) {
    app.pending_keys.push_back(gui::KeyPress{key, mods, app.clock.now_ms()});
}

}  // namespace gemba::test
