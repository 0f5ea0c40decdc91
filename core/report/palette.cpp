#include "core/report/palette.hpp"

namespace gemba {

Rgba value_class_colour(ValueClass value_class) {
    switch (value_class) {
        case ValueClass::value_added: return {0.20f, 0.62f, 0.32f, 1.0f};
        case ValueClass::necessary_non_value_added: return {0.95f, 0.70f, 0.15f, 1.0f};
        case ValueClass::non_value_added: return {0.82f, 0.22f, 0.18f, 1.0f};
    }
    return {0.5f, 0.5f, 0.5f, 1.0f};
}

Rgba waste_colour(Waste waste) {
    switch (waste) {
        case Waste::defects: return {0.84f, 0.19f, 0.16f, 1.0f};
        case Waste::overproduction: return {0.93f, 0.49f, 0.13f, 1.0f};
        case Waste::waiting: return {0.98f, 0.80f, 0.18f, 1.0f};
        case Waste::non_utilized_talent: return {0.56f, 0.35f, 0.72f, 1.0f};
        case Waste::transportation: return {0.16f, 0.47f, 0.80f, 1.0f};
        case Waste::inventory: return {0.45f, 0.30f, 0.20f, 1.0f};
        case Waste::motion: return {0.20f, 0.65f, 0.35f, 1.0f};
        case Waste::extra_processing: return {0.85f, 0.40f, 0.65f, 1.0f};
    }
    return {0.5f, 0.5f, 0.5f, 1.0f};
}

bool dark_text_reads_on(const Rgba& background) {
    return 0.2126f * background.r + 0.7152f * background.g + 0.0722f * background.b > 0.45f;
}

}  // namespace gemba
