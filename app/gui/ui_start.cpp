// Start: recent sessions, new from blank or a template, open a file.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
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

// Every binding of the key table, in its order, under a heading for where it works.
void draw_key_help() {
    float key_width = 0.0f;  // one key column for every group, as wide as the widest key
    for (const KeyBinding& binding : key_bindings())
        key_width = std::max(key_width, ImGui::CalcTextSize(binding.label.data(), binding.label.data() + binding.label.size()).x);
    const std::vector<KeyGroup> groups = key_groups();
    for (std::size_t g = 0; g < groups.size(); ++g) {
        ImGui::TextDisabled("%s", std::string(scope_text(groups[g].scope)).c_str());
        if (ImGui::BeginTable(("keys" + std::to_string(g)).c_str(), 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
            ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthFixed, key_width + em());
            ImGui::TableSetupColumn("What it does", ImGuiTableColumnFlags_WidthStretch);
            for (const KeyBinding& binding : groups[g].bindings) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(binding.label.data(), binding.label.data() + binding.label.size());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", binding.does.c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::TextDisabled("Keys never act while a text field has the focus: they are typing there.");
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
    ImGui::TextUnformatted("Keys");
    ImGui::PopFont();
    draw_key_help();

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
    ImGui::Text("   UI scale %.0f %% (%s / %s)", app.settings.ui_scale * 100.0f,
                std::string(binding_for(KeyAction::ui_scale_up).label).c_str(),
                std::string(binding_for(KeyAction::ui_scale_down).label).c_str());
    if (app.settings_store.notice) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.2f, 0.1f, 1.0f));
        ImGui::TextWrapped("%s", app.settings_store.notice->c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace gemba::gui
