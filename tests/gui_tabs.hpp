// Where the top bar's screen tabs are in a real window, for tests that click them with xdotool: the
// window at (0, 0), its padding 8 px and the items 10 px apart (apply_theme's style, scaled), a tab
// kTabWidthsEm wide and kTopBarHeightEm high in units of the font size (kBaseFontPx, scaled).
#pragma once

#include "app/gui/ui_common.hpp"

namespace gemba::test {

struct TabCentre {
    int x = 0, y = 0;
};

// Tab 0 Start, 1 Setup, 2 Walk, 3 Review, 4 Summary, 5 Map, 6 Improve; `scale` the UI scale (content scale 1 under Xvfb).
inline TabCentre tab_centre(int index, float scale) {
    const float em = gui::kBaseFontPx * scale, padding = 8.0f * scale, spacing = 10.0f * scale;
    float x = padding;
    for (int i = 0; i < index; ++i) x += gui::kTabWidthsEm[i] * em + spacing;
    x += 0.5f * gui::kTabWidthsEm[index] * em;
    return {static_cast<int>(x), static_cast<int>(padding + 0.5f * gui::kTopBarHeightEm * em)};
}

}  // namespace gemba::test
