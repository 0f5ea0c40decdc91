// reference_loop: the plain Dear ImGui GLFW + OpenGL 3 loop (as in ImGui's example_glfw_opengl3):
// it polls every frame with vsync requested and draws a small window. scripts/measure-power compares
// the app's CPU use with this loop's, and its start-up: with GEMBA_REPORT_STARTUP=1 it says on stderr
// when its first frame is on screen, measured as the app measures its own.
#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "app/process_age.hpp"

int main() {
    if (!glfwInit()) {
        std::fputs("reference_loop: no display\n", stderr);
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "ImGui reference loop", nullptr, nullptr);
    if (!window) {
        std::fputs("reference_loop: no OpenGL 3.3 window\n", stderr);
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    if (!gladLoadGL(glfwGetProcAddress)) {
        std::fputs("reference_loop: could not load OpenGL\n", stderr);
        return 1;
    }
    glfwSwapInterval(1);  // requested as usual; under Xvfb it does not throttle

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    const char* report_startup_env = std::getenv("GEMBA_REPORT_STARTUP");
    bool report_startup = report_startup_env && std::string_view(report_startup_env) == "1";
    int clicks = 0;
    while (!glfwWindowShouldClose(window)) {
        glfwPollEvents();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::Begin("Hello, world!");
        ImGui::Text("This is some useful text.");
        if (ImGui::Button("Button")) ++clicks;
        ImGui::SameLine();
        ImGui::Text("counter = %d", clicks);
        ImGui::Text("Application average %.3f ms/frame (%.1f FPS)", 1000.0 / ImGui::GetIO().Framerate,
                    static_cast<double>(ImGui::GetIO().Framerate));
        ImGui::End();
        ImGui::Render();

        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.45f, 0.55f, 0.60f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
        if (report_startup) {
            if (const auto ms = gemba::ms_since_process_start()) std::fprintf(stderr, "reference loop: first frame after %.0f ms\n", *ms);
            report_startup = false;
        }
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
