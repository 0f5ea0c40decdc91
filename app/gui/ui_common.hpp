// Look and feel shared by the screens: fonts, themes, colours, big touch-friendly controls.
// Every size is in font units (em), so the whole UI follows the monitor scale and the UI scale.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>

#include "app/gui/app_state.hpp"
#include "core/model/session.hpp"
#include "core/report/palette.hpp"

namespace gemba::gui {

struct Fonts {
    ImFont* regular = nullptr;  // body text, tables
    ImFont* large = nullptr;    // buttons on the walk screen, headings
    ImFont* huge = nullptr;     // the walk clock, readable at arm's length
};
Fonts& fonts();

// Base text size in pixels before scaling: 20 px is about 5 mm on a 96 dpi laptop screen.
inline constexpr float kBaseFontPx = 20.0f;

// (Re)builds the font atlas for the given total scale (content scale × UI scale): the context's, or
// one with no context yet (start-up builds it on a second thread while the window opens).
void build_fonts(float scale, ImFontAtlas& atlas = *ImGui::GetIO().Fonts);
void apply_theme(Theme theme, float scale);

// The current font size: the unit every size is a multiple of.
inline float em() { return ImGui::GetFontSize(); }

// A colour of core's palette (core/report/palette.hpp) as ImGui takes it.
ImVec4 to_imgui(const Rgba& colour);

// A button filled with `colour` (text in black or white, whichever reads better on it).
bool coloured_button(const char* label, const ImVec2& size, const ImVec4& colour);

// Text centred horizontally in the current content region.
void centred_text(const std::string& text);

// Text cut with "…" to `width` pixels when it is longer, whole in a tooltip then.
void fitted_text(const std::string& text, float width);

// A section's heading in the large font, a little apart from what is above.
void heading(const char* text);

// The height of a table of `rows` rows and a header, with room for its sideways scroll bar.
// `width` 0: the whole width.
ImVec2 table_size(std::size_t rows, float width = 0.0f);
// The next column of the table's row, with `text`.
void cell(const std::string& text);
// A palette colour as ImGui's, with `alpha` in place of its own when given.
inline ImU32 colour_u32(const Rgba& c, std::optional<float> alpha = std::nullopt) {
    return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, alpha.value_or(c.a)));
}

// The top bar: the screens' tabs (Start, Setup, Walk, Review, Summary, Map, Improve) each as wide as its word
// needs, and the height of every top-bar button, in em. Fixed, so a test can find a tab at any scale.
inline constexpr float kTabWidthsEm[] = {4.2f, 4.2f, 4.2f, 4.6f, 5.8f, 4.2f, 5.0f};
inline constexpr float kTopBarHeightEm = 2.2f;

}  // namespace gemba::gui
