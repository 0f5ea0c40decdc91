// The colours that carry meaning in every picture of a study (the GUI's charts and buttons, and a
// later HTML report): one per value class and one per waste. Plain numbers, so that core needs no
// graphics library; each front end converts them to its own colour type.
#pragma once

#include "core/model/session.hpp"

namespace gemba {

// Red, green, blue and alpha, each 0..1.
struct Rgba {
    float r = 0, g = 0, b = 0, a = 1;
};

// Green for value-added, amber for necessary non-value-added, red for non-value-added.
Rgba value_class_colour(ValueClass value_class);
// Eight distinct hues, readable with black or white text, in DOWNTIME order.
Rgba waste_colour(Waste waste);
// Whether black text reads better than white on `background` (its relative luminance above 0.45).
bool dark_text_reads_on(const Rgba& background);

}  // namespace gemba
