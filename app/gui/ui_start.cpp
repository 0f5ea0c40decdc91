// Start: recent sessions, new from blank or a template, open a file.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"
#include "app/gui/keys.hpp"
#include "app/gui/sampling_setup_actions.hpp"
#include "app/gui/screens.hpp"
#include "app/gui/ui_common.hpp"
#include "core/file/session_file.hpp"

namespace gemba::gui {
namespace {

struct Template {
    std::filesystem::path path;
    Session plan;
};

// Templates are read once per templates folder (the installation's does not change while the app
// runs); a broken one is listed with its problem.
const std::vector<Template>& templates(const AppState& app, std::vector<std::string>& problems) {
    static std::vector<Template> cache;
    static std::vector<std::string> cached_problems;
    static std::optional<std::filesystem::path> loaded_from;
    if (loaded_from != app.paths.templates_dir) {
        loaded_from = app.paths.templates_dir;
        cache.clear();
        cached_problems.clear();
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
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("Keys never act while a text field has the focus: they are typing there.");
    ImGui::PopStyleColor();
}

// Disabled-looking text that wraps at the window's edge (paths, problems): never cut off.
void faint_wrapped(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void draw_start(AppState& app) {
    // As wide as 24 em, or the window when it is narrower: every button stays whole.
    const ImVec2 wide(std::min(24.0f * em(), ImGui::GetContentRegionAvail().x), 2.4f * em());
    if (!app.unsaved_journals.empty()) {
        ImGui::PushFont(fonts().large);
        ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.1f, 1.0f), "Unsaved work from an earlier run");
        ImGui::PopFont();
        for (const auto& session_file : app.unsaved_journals) {
            // Opening it offers the recovery: asked first when the current walk has unsaved changes.
            if (ImGui::Button(("Recover " + session_file.filename().string() + "…##" + session_file.string()).c_str(), wide))
                request_open(app, session_file);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", session_file.string().c_str());
        }
        ImGui::Spacing();
    }
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("New walk");
    ImGui::PopFont();
    if (ImGui::Button("Blank session", wide)) {
        Session blank;
        blank.title = "New walk";
        request_start(app, std::move(blank));
    }
    if (ImGui::Button("New work sampling study", wide)) start_sampling_study(app);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Random rounds: at each, tap what every subject is doing.\nStarts today 08:00-16:00; change it on Setup.");
    std::vector<std::string> problems;
    for (const Template& t : templates(app, problems)) {
        // A work sampling template says so: its title alone reads like a walk's.
        const std::string kind = t.plan.study == StudyKind::work_sampling ? " (work sampling)" : "";
        const std::string label = "From template: " + t.plan.title + kind + "##" + t.path.string();
        // A long title widens its button up to the window's width rather than being cut.
        const float needed = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
        const ImVec2 size(std::min(std::max(wide.x, needed), ImGui::GetContentRegionAvail().x), wide.y);
        if (ImGui::Button(label.c_str(), size)) start_from_template(app, t.plan);
        // A sampling template's days are dates of its own: they move to today onwards.
        const char* moved = t.plan.study == StudyKind::work_sampling
                                ? "\nIts days move to today onwards (same weekdays and hours) and its rounds are drawn again."
                                : "";
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s%s%s", t.plan.title.c_str(), t.plan.process.empty() ? "" : "\n",
                                                      t.plan.process.c_str(), moved);
    }
    for (const std::string& problem : problems) faint_wrapped("Template not usable: " + problem);

    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Recent sessions");
    ImGui::PopFont();
    if (app.settings.recent_files.empty()) faint_wrapped("None yet. Saved sessions go to " + app.paths.data_dir.string());
    for (const std::string& recent : app.settings.recent_files) {
        const bool exists = std::filesystem::exists(recent);
        ImGui::BeginDisabled(!exists);
        if (ImGui::Button((std::filesystem::path(recent).filename().string() + "##" + recent).c_str(), wide))
            request_open(app, recent);
        ImGui::EndDisabled();
        // Beside the button when there is room for some of it, else under it; wrapped, never cut.
        if (ImGui::GetContentRegionAvail().x > wide.x + 12.0f * em()) ImGui::SameLine();
        faint_wrapped(recent + (exists ? "" : " (missing)"));
    }

    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted("Open a file");
    ImGui::PopFont();
    static std::string path;
    const float open_width = 6.0f * em();
    ImGui::SetNextItemWidth(std::min(30.0f * em(), ImGui::GetContentRegionAvail().x - open_width - ImGui::GetStyle().ItemSpacing.x));
    const bool entered = ImGui::InputTextWithHint("##path", "/path/to/session.json", &path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Open", ImVec2(open_width, 0)) || entered) && !path.empty()) request_open(app, path);
    if (!app.open_problem.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
        ImGui::TextWrapped("%s", app.open_problem.c_str());
        ImGui::PopStyleColor();
    }

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
    ImGui::TextWrapped("   UI scale %.0f %% (%s / %s)", app.settings.ui_scale * 100.0f,
                std::string(binding_for(KeyAction::ui_scale_up).label).c_str(),
                std::string(binding_for(KeyAction::ui_scale_down).label).c_str());
    if (app.settings_store.notice) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.2f, 0.1f, 1.0f));
        ImGui::TextWrapped("%s", app.settings_store.notice->c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace gemba::gui
