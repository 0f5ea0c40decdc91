#include "app/gui/ui_common.hpp"

#include <filesystem>

namespace gemba::gui {
namespace {

constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBoldFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Latin and Latin Extended (names and notes people type; ×, ÷, ±, ² are Latin-1), punctuation
// (·, —, …, •), small Greek letters (κ, χ of the pooled studies), and the few symbols the screens
// use: arrows, − √ ≤ ≥, ■ □ ●. Every glyph costs start-up time: the whole arrows-to-shapes blocks
// would be about 460 more.
constexpr ImWchar kTextRanges[] = {0x0020, 0x024F, 0x03B1, 0x03C9, 0x2000, 0x206F, 0x2190, 0x2193, 0x2212, 0x221A,
                                   0x2264, 0x2265, 0x25A0, 0x25A1, 0x25CF, 0x25CF, 0};
// The walk clock ("12:05.3", "1:02:05"): space to ':'.
constexpr ImWchar kClockRanges[] = {0x0020, 0x003A, 0};

// Large sizes are drawn one pixel per texel (no horizontal oversampling): at 30 px and more it
// looks the same, and keeps the font texture at 1024² instead of 4096² (64 MB of memory and a slow
// first frame).
ImFont* add_font(ImFontAtlas& atlas, const char* path, float size_px, const ImWchar* ranges, bool large) {
    ImFontConfig config;
    config.SizePixels = size_px;
    if (large) {
        config.OversampleH = 1;
        config.PixelSnapH = true;
    }
    if (std::filesystem::exists(path)) return atlas.AddFontFromFileTTF(path, size_px, &config, ranges);
    return atlas.AddFontDefault(&config);
}

}  // namespace

Fonts& fonts() {
    static Fonts instance;
    return instance;
}

void build_fonts(float scale, ImFontAtlas& atlas) {
    atlas.Clear();
    fonts().regular = add_font(atlas, kFontPath, kBaseFontPx * scale, kTextRanges, false);
    fonts().large = add_font(atlas, kBoldFontPath, kBaseFontPx * 1.5f * scale, kTextRanges, true);
    fonts().huge = add_font(atlas, kBoldFontPath, kBaseFontPx * 4.0f * scale, kClockRanges, true);
    atlas.Build();
}

void apply_theme(Theme theme, float scale) {
    ImGuiStyle style;
    if (theme == Theme::dark) {
        ImGui::StyleColorsDark(&style);
    } else {
        ImGui::StyleColorsLight(&style);
        // Stronger contrast than ImGui's light theme, for bright shop floors.
        style.Colors[ImGuiCol_Text] = ImVec4(0.02f, 0.02f, 0.02f, 1.0f);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
        style.Colors[ImGuiCol_Border] = ImVec4(0.55f, 0.55f, 0.55f, 0.6f);
        style.FrameBorderSize = 1.0f;  // white fields and radio buttons need an edge on a light page
    }
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.WindowRounding = 0.0f;
    style.FramePadding = ImVec2(8.0f, 6.0f);
    style.ItemSpacing = ImVec2(10.0f, 8.0f);
    style.ScrollbarSize = 22.0f;  // a finger can hold it
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

ImVec4 to_imgui(const Rgba& colour) { return ImVec4(colour.r, colour.g, colour.b, colour.a); }

bool coloured_button(const char* label, const ImVec2& size, const ImVec4& colour) {
    const ImVec4 hovered(colour.x * 0.9f + 0.1f, colour.y * 0.9f + 0.1f, colour.z * 0.9f + 0.1f, 1.0f);
    const ImVec4 active(colour.x * 0.8f, colour.y * 0.8f, colour.z * 0.8f, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hovered);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, active);
    ImGui::PushStyleColor(ImGuiCol_Text, dark_text_reads_on(Rgba{colour.x, colour.y, colour.z, colour.w}) ? ImVec4(0, 0, 0, 1)
                                                                                        : ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

void centred_text(const std::string& text) {
    const float width = ImGui::CalcTextSize(text.c_str()).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
    ImGui::TextUnformatted(text.c_str());
}

void fitted_text(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) {
        ImGui::TextUnformatted(text.c_str());
        return;
    }
    std::string cut = text;
    while (!cut.empty() && ImGui::CalcTextSize((cut + "…").c_str()).x > width) {
        // One whole character off the end: its UTF-8 continuation bytes, then its first byte.
        unsigned char last = 0;
        do {
            last = static_cast<unsigned char>(cut.back());
            cut.pop_back();
        } while (!cut.empty() && (last & 0xC0) == 0x80);
    }
    ImGui::TextUnformatted((cut + "…").c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::PushFont(fonts().large);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

ImVec2 table_size(std::size_t rows, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    return ImVec2(width, static_cast<float>(rows + 1) * row + style.ScrollbarSize + style.CellPadding.y);
}

void cell(const std::string& text) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(text.c_str());
}

}  // namespace gemba::gui
