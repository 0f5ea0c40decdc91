// Start: recent sessions, new from blank or a template, open a file.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/file/session_file.hpp"

namespace gemba::gui {
namespace {

struct Template {
    std::filesystem::path path;
    Session plan;
};

// Templates are read once per visit of the screen; a broken one is listed with its problem.
const std::vector<Template>& templates(const AppState& app, std::vector<std::string>& problems) {
    static std::vector<Template> cache;
    static std::vector<std::string> cached_problems;
    static bool loaded = false;
    if (!loaded) {
        loaded = true;
        std::vector<std::filesystem::path> files;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(app.paths.templates_dir, ec))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            LoadResult result = load_session(file);
            if (result.ok()) cache.push_back(Template{file, std::move(*result.session)});
            else cached_problems.push_back(result.problem->message());
        }
    }
    problems = cached_problems;
    return cache;
}

}  // namespace

void draw_start(AppState& app) {
    const ImVec2 wide(24.0f * em(), 2.4f * em());
    if (!app.unsaved_journals.empty()) {
        ImGui::PushFont(fonts().large);
        ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.1f, 1.0f), "Unsaved work from an earlier run");
        ImGui::PopFont();
        for (const auto& session_file : app.unsaved_journals) {
            if (ImGui::Button(("Recover " + session_file.filename().string() + "…##" + session_file.string()).c_str(), wide))
                offer_recovery(app, session_file);
        }
        ImGui::Spacing();
    }
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("New walk");
    ImGui::PopFont();
    if (ImGui::Button("Blank session", wide)) {
        Session blank;
        blank.title = "New walk";
        start_session(app, std::move(blank));
    }
    std::vector<std::string> problems;
    for (const Template& t : templates(app, problems)) {
        const std::string label = "From template: " + t.plan.title + "##" + t.path.string();
        if (ImGui::Button(label.c_str(), wide)) start_session(app, t.plan);
        if (ImGui::IsItemHovered() && !t.plan.process.empty()) ImGui::SetTooltip("%s", t.plan.process.c_str());
    }
    for (const std::string& problem : problems) ImGui::TextDisabled("Template not usable: %s", problem.c_str());

    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Recent sessions");
    ImGui::PopFont();
    if (app.settings.recent_files.empty()) ImGui::TextDisabled("None yet. Saved sessions go to %s", app.paths.data_dir.string().c_str());
    for (const std::string& recent : app.settings.recent_files) {
        const bool exists = std::filesystem::exists(recent);
        ImGui::BeginDisabled(!exists);
        if (ImGui::Button((std::filesystem::path(recent).filename().string() + "##" + recent).c_str(), wide))
            open_session(app, recent);
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s", recent.c_str(), exists ? "" : " (missing)");
    }

    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Open a file");
    ImGui::PopFont();
    static std::string path;
    ImGui::SetNextItemWidth(30.0f * em());
    const bool entered = ImGui::InputTextWithHint("##path", "/path/to/session.json", &path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Open", ImVec2(6.0f * em(), 0)) || entered) && !path.empty()) open_session(app, path);

    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Keys on the walk");
    ImGui::PopFont();
    ImGui::TextUnformatted("Space  next step (lap timing)      1-8  tag a waste      Shift+1-8  start/stop a timed waste");
    ImGui::TextUnformatted("P  pause/resume      N  note      Ctrl+Z  undo      Ctrl+Shift+Z or Ctrl+Y  redo");
    ImGui::TextUnformatted("Ctrl+S  save      Ctrl+Shift+S  save as      Ctrl+E  export CSV      Ctrl+= / Ctrl+-  UI scale");
    ImGui::TextDisabled("Wastes 1-8: Defects, Overproduction, Waiting, Non-utilized talent, Transportation, Inventory, "
                        "Motion, Extra-processing. A long press on a waste button times it.");

    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Display");
    ImGui::PopFont();
    bool dark = app.settings.theme == Theme::dark;
    if (ImGui::Checkbox("Dark theme", &dark)) {
        app.settings.theme = dark ? Theme::dark : Theme::light;
        app.fonts_dirty = true;
        save_ui_settings(app);
    }
    ImGui::SameLine();
    ImGui::Text("   UI scale %.0f %% (Ctrl+= / Ctrl+-)", app.settings.ui_scale * 100.0f);
}

}  // namespace gemba::gui
