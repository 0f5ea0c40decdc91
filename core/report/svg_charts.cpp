#include "core/report/svg_charts.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/report/numbers.hpp"
#include "core/report/palette.hpp"

namespace gemba {
namespace {

// =============================================================================================
// Text and numbers

constexpr double kFontPx = 13;       // the charts' text
constexpr double kSmallFontPx = 11;  // tick labels, legends
constexpr double kTitleFontPx = 15;
constexpr std::string_view kInk = "#222";
constexpr std::string_view kFaint = "#666";
constexpr std::string_view kGrid = "#ddd";
constexpr std::string_view kRed = "#c81e1e";
constexpr char kIdMark = '\x01';  // stands for the SVG's id until finish()

// A coordinate with one decimal at most, '.' whatever the locale.
std::string num(double value) {
    if (!std::isfinite(value)) value = 0;
    value = std::round(value * 10) / 10;
    if (value == 0) value = 0;  // no "-0"
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 1);
    if (result.ec != std::errc{}) return "0";
    std::string out(buffer, result.ptr);
    if (out.size() > 2 && out.compare(out.size() - 2, 2, ".0") == 0) out.resize(out.size() - 2);
    return out;
}

// User text made safe inside XML: markup escaped, and the control characters XML 1.0 forbids
// (a name pasted from anywhere may hold them) dropped.
std::string escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += c;
        }
    }
    return out;
}

// How wide `text` draws in a sans-serif font of `font_px`, estimated: SVG has no text metrics
// before it is drawn, and an average glyph is a little over half the font size (wide characters
// such as emoji count as a whole em).
double text_width(std::string_view text, double font_px) {
    double ems = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) == 0x80) continue;  // continuation byte
        ems += byte >= 0xF0 ? 1.0 : byte >= 0xE0 ? 0.8 : 0.58;
    }
    return ems * font_px;
}

// `text` cut with "…" to fit `room_px`, whole UTF-8 characters at a time.
std::string fitted(std::string_view text, double room_px, double font_px) {
    if (text_width(text, font_px) <= room_px) return std::string(text);
    std::string shown(text);
    while (!shown.empty() && text_width(shown + "…", font_px) > room_px) {
        while (!shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80) shown.pop_back();
        if (!shown.empty()) shown.pop_back();
    }
    return shown.empty() ? std::string() : shown + "…";
}

std::string hex(const Rgba& c) {
    constexpr std::string_view digits = "0123456789abcdef";
    std::string out = "#";
    for (float channel : {c.r, c.g, c.b}) {
        const int v = std::clamp(static_cast<int>(std::lround(channel * 255.0f)), 0, 255);
        out += digits[static_cast<std::size_t>(v / 16)];
        out += digits[static_cast<std::size_t>(v % 16)];
    }
    return out;
}

// Black or white, whichever reads better on `c`.
std::string_view text_on(const Rgba& c) { return dark_text_reads_on(c) ? "#000" : "#fff"; }

// A waste's DOWNTIME letter, for marks too small for its name.
char waste_letter(Waste waste) {
    constexpr std::string_view letters = "DOWNTIME";
    return letters[static_cast<std::size_t>(waste)];
}

std::size_t class_index(ValueClass value_class) { return static_cast<std::size_t>(value_class); }

// =============================================================================================
// The <svg> element

// An SVG being written: its body grows element by element, then finish() wraps it.
class SvgWriter {
public:
    SvgWriter(double width, double height) : width_(width), height_(height) {}

    std::string& body() { return body_; }
    void set_height(double height) { height_ = height; }

    // `extra` holds further attributes, already escaped.
    void text(double x, double y, std::string_view content, std::string_view extra = {}) {
        body_ += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"";
        if (!extra.empty()) body_ += " " + std::string(extra);
        body_ += ">" + escaped(content) + "</text>\n";
    }

    // `content` cut to `room_px`; when cut, whole in a tooltip.
    void fitted_text(double x, double y, std::string_view content, double room_px, double font_px,
                     std::string_view extra = {}) {
        const std::string shown = fitted(content, room_px, font_px);
        if (shown == content) return text(x, y, content, extra);
        body_ += "<g><title>" + escaped(content) + "</title>";
        text(x, y, shown, extra);
        body_ += "</g>\n";
    }

    // Text on a busy background (a pattern, a bar): a white halo keeps it readable.
    void haloed_text(double x, double y, std::string_view content, std::string_view extra = {}) {
        std::string attributes = "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"";
        if (!extra.empty()) attributes += " " + std::string(extra);
        text(x, y, content, attributes);
    }

    void line(double x0, double y0, double x1, double y1, std::string_view stroke, double width = 1,
              std::string_view extra = {}) {
        body_ += "<line x1=\"" + num(x0) + "\" y1=\"" + num(y0) + "\" x2=\"" + num(x1) + "\" y2=\"" + num(y1) +
                 "\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"" + num(width) + "\"";
        if (!extra.empty()) body_ += " " + std::string(extra);
        body_ += "/>\n";
    }

    // A rectangle; with a tooltip, the <title> child a browser shows on hover.
    void rect(double x, double y, double w, double h, std::string_view fill, std::string_view extra = {},
              std::string_view tooltip = {}) {
        body_ += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(w, 0.0)) + "\" height=\"" +
                 num(std::max(h, 0.0)) + "\" fill=\"" + std::string(fill) + "\"";
        if (!extra.empty()) body_ += " " + std::string(extra);
        if (tooltip.empty()) {
            body_ += "/>\n";
        } else {
            body_ += "><title>" + escaped(tooltip) + "</title></rect>\n";
        }
    }

    // An arrow from (x0, y0) to its head at (x1, y1).
    void arrow(double x0, double y0, double x1, double y1, double width, double head) {
        const double dx = x1 - x0, dy = y1 - y0, length = std::hypot(dx, dy);
        if (length <= 0) return;
        const double ux = dx / length, uy = dy / length;
        const double bx = x1 - ux * head, by = y1 - uy * head;
        line(x0, y0, bx, by, kInk, width);
        body_ += "<polygon points=\"" + num(x1) + "," + num(y1) + " " + num(bx - uy * 0.5 * head) + "," +
                 num(by + ux * 0.5 * head) + " " + num(bx + uy * 0.5 * head) + "," + num(by - ux * 0.5 * head) +
                 "\" fill=\"" + std::string(kInk) + "\"/>\n";
    }

    // The whole element. `kind` names the chart in its ids; `fits_page`: shrink to the page's width.
    std::string finish(std::string_view kind, std::string_view title, std::string_view desc, bool fits_page) const {
        const std::string id = id_of(kind);
        std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gemba-" + std::string(kind) +
                          "\" viewBox=\"0 0 " + num(width_) + " " + num(height_) + "\" width=\"" + num(width_) +
                          "\" height=\"" + num(height_) + "\"";
        if (fits_page) out += " style=\"max-width:100%;height:auto\"";
        out += " role=\"img\" aria-labelledby=\"" + id + "-title" + (desc.empty() ? "" : " " + id + "-desc") +
               "\" font-family=\"sans-serif\" font-size=\"" + num(kFontPx) + "\" fill=\"" + std::string(kInk) + "\">\n";
        out += "<title id=\"" + id + "-title\">" + escaped(title) + "</title>\n";
        if (!desc.empty()) out += "<desc id=\"" + id + "-desc\">" + escaped(desc) + "</desc>\n";
        std::string body = body_;
        // Pattern ids are written as kIdMark while drawing, since the id depends on the whole body;
        // escaped() drops that character from user text, so only the marks are replaced.
        for (std::size_t at = body.find(kIdMark); at != std::string::npos; at = body.find(kIdMark, at + id.size()))
            body.replace(at, 1, id);
        out += body + "</svg>\n";
        return out;
    }

    // The fill of a value class: its colour, with a pattern that tells the classes apart in grey.
    static std::string class_fill(ValueClass value_class) {
        return "url(#\x01-vc" + std::to_string(class_index(value_class)) + ")";
    }

    // The patterns behind class_fill: value-added plain, necessary non-value-added with light
    // stripes, non-value-added with dark cross-hatching.
    void define_class_patterns() {
        body_ += "<defs>\n";
        for (ValueClass value_class : kValueClasses) {
            const std::string colour = hex(value_class_colour(value_class));
            body_ += "<pattern id=\"\x01-vc" + std::to_string(class_index(value_class)) +
                     "\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\">"
                     "<rect width=\"8\" height=\"8\" fill=\"" + colour + "\"/>";
            if (value_class == ValueClass::necessary_non_value_added)
                body_ += "<rect width=\"3\" height=\"8\" fill=\"#fff\" fill-opacity=\"0.55\"/>";
            if (value_class == ValueClass::non_value_added)
                body_ += "<rect width=\"2\" height=\"8\" fill=\"#000\" fill-opacity=\"0.35\"/>"
                         "<rect width=\"8\" height=\"2\" fill=\"#000\" fill-opacity=\"0.35\"/>";
            body_ += "</pattern>\n";
        }
        body_ += "</defs>\n";
    }

private:
    // "gemba-<kind>-<hash of the body>": the same chart gets the same ids, different ones do not clash.
    std::string id_of(std::string_view kind) const {
        std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
        for (char c : body_) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        constexpr std::string_view digits = "0123456789abcdef";
        std::string out = "gemba-" + std::string(kind) + "-";
        for (int shift = 60; shift >= 32; shift -= 4) out += digits[(hash >> shift) & 0xF];
        return out;
    }

    double width_, height_;
    std::string body_;
};

// A small SVG that says there is nothing to draw.
std::string nothing_to_draw(std::string_view kind, std::string_view title, std::string_view message) {
    SvgWriter svg(360, 48);
    svg.rect(0.5, 0.5, 359, 47, "#fafafa", "stroke=\"#ccc\"");
    svg.text(12, 29, message, "fill=\"" + std::string(kFaint) + "\"");
    return svg.finish(kind, title, message, true);
}

// A legend swatch and its words, from x; returns the x after it.
double legend_item(SvgWriter& svg, double x, double y, std::string_view fill, std::string_view words,
                   std::string_view swatch_extra = {}) {
    svg.rect(x, y - 10, 14, 12, fill, swatch_extra.empty() ? "stroke=\"#444\" stroke-width=\"0.5\"" : swatch_extra);
    svg.text(x + 18, y, words, "font-size=\"" + num(kSmallFontPx) + "\"");
    return x + 18 + text_width(words, kSmallFontPx) + 14;
}

// The value classes marked `present`, as a legend row at y.
void class_legend(SvgWriter& svg, double x, double y, const std::array<bool, 3>& present) {
    for (ValueClass value_class : kValueClasses)
        if (present[class_index(value_class)])
            x = legend_item(svg, x, y, SvgWriter::class_fill(value_class), display_name(value_class));
}

// Horizontal gridlines and tick labels of a value axis on the left of a plot.
template <typename Label>
void value_axis(SvgWriter& svg, const AxisTicks& ticks, double left, double right, double bottom, double plot_h,
                Label label) {
    for (double v : ticks.values) {
        const double y = bottom - v / ticks.top * plot_h;
        svg.line(left, y, right, y, v == 0 ? kFaint : kGrid);
        svg.text(left - 5, y + 4, label(v),
                 "text-anchor=\"end\" font-size=\"" + num(kSmallFontPx) + "\" fill=\"" + std::string(kFaint) + "\"");
    }
}

// An axis title turned to run up the left edge, centred on the plot's height.
void vertical_axis_title(SvgWriter& svg, double x, double top, double bottom, std::string_view words) {
    const double y = 0.5 * (top + bottom);
    svg.text(x, y, words,
             "transform=\"rotate(-90 " + num(x) + " " + num(y) + ")\" text-anchor=\"middle\" font-size=\"" +
                 num(kSmallFontPx) + "\" fill=\"" + std::string(kFaint) + "\"");
}

void chart_title(SvgWriter& svg, std::string_view words) {
    svg.text(8, 18, words, "font-size=\"" + num(kTitleFontPx) + "\" font-weight=\"bold\"");
}

}  // namespace

// =============================================================================================
// Yamazumi

std::string yamazumi_svg(const Yamazumi& chart, SvgHeading heading) {
    constexpr std::string_view kTitle = "Yamazumi: time per unit against takt";
    constexpr double width = 640, height = 380;
    constexpr double top = 54, bottom_room = 64, left = 60;
    const double plot_h = height - top - bottom_room;
    const YamazumiScale scale = yamazumi_scale(chart, static_cast<int>(plot_h / 40));
    if (scale.ticks.values.empty() || chart.stacks.empty())
        return nothing_to_draw("yamazumi", kTitle, "Nothing to draw: no step has a valid reading yet.");

    const bool takt_on_scale = chart.takt_ms && !scale.takt_off_scale;
    const std::string takt_text = chart.takt_ms ? "takt " + format_duration(*chart.takt_ms) : std::string();
    // A takt line to scale is labelled in a margin of its own on the right, clear of the stacks.
    const double right = width - (takt_on_scale ? text_width(takt_text, kFontPx) + 12 : 16);
    const double bottom = top + plot_h;
    const auto y_of = [&](double ms) { return bottom - ms / scale.ticks.top * plot_h; };

    SvgWriter svg(width, height);
    svg.define_class_patterns();
    if (heading == SvgHeading::drawn) chart_title(svg, kTitle);
    value_axis(svg, scale.ticks, left, right, bottom, plot_h,
               [&](double v) { return time_tick_label(v, scale.ticks.step, scale.ticks.top); });
    vertical_axis_title(svg, 14, top, bottom, "time per unit");

    std::string desc;
    std::array<bool, 3> classes_present{};
    const double slot_w = (right - left) / static_cast<double>(chart.stacks.size());
    const double column_w = slot_w * 0.6;
    for (std::size_t i = 0; i < chart.stacks.size(); ++i) {
        const YamazumiStack& stack = chart.stacks[i];
        const double slot_x = left + slot_w * static_cast<double>(i);
        const double x0 = slot_x + slot_w * 0.2, centre = slot_x + slot_w * 0.5;
        for (const YamazumiSegment& seg : stack.segments) {
            classes_present[class_index(seg.value_class)] = true;
            const double y0 = y_of(seg.base_ms + seg.ms), y1 = y_of(seg.base_ms);
            svg.rect(x0, y0, column_w, y1 - y0, SvgWriter::class_fill(seg.value_class), "stroke=\"#fff\"",
                     seg.name + " (" + std::string(display_name(seg.value_class)) + "): " + stack.basis + " " +
                         format_duration(seg.per_occurrence_ms) + " × frequency " + format_fixed(seg.frequency, 2) +
                         " = " + format_duration(seg.ms) + " per unit");
            // The step's name where the segment has room for a line, its time too where it has two.
            const double h = y1 - y0, room = column_w - 6;
            if (h >= 15) {
                const std::string name = fitted(seg.name, room, kSmallFontPx);
                const double name_y = h >= 36 ? 0.5 * (y0 + y1) - 2 : 0.5 * (y0 + y1) + 4;
                svg.haloed_text(x0 + 0.5 * column_w, name_y, name,
                                "text-anchor=\"middle\" font-size=\"" + num(kSmallFontPx) + "\"");
                if (h >= 36)
                    svg.haloed_text(x0 + 0.5 * column_w, name_y + 13, fitted(format_duration(seg.ms), room, kSmallFontPx),
                                    "text-anchor=\"middle\" font-size=\"" + num(kSmallFontPx) + "\"");
            }
        }
        // Its height above it, its name and basis under it.
        const std::string total = format_duration(stack.total_ms);
        svg.text(centre, y_of(stack.total_ms) - 5, fitted(total, slot_w - 4, kFontPx),
                 "text-anchor=\"middle\" font-weight=\"bold\"");
        svg.fitted_text(centre, bottom + 16, stack.label, slot_w - 4, kFontPx, "text-anchor=\"middle\"");
        svg.text(centre, bottom + 30, fitted(stack.basis, slot_w - 4, kSmallFontPx),
                 "text-anchor=\"middle\" font-size=\"" + num(kSmallFontPx) + "\" fill=\"" + std::string(kFaint) + "\"");
        desc += (desc.empty() ? "" : "; ") + stack.label + " " + total;
    }

    if (takt_on_scale) {
        const double y = y_of(*chart.takt_ms);
        svg.line(left, y, right + 4, y, kRed, 2, "stroke-dasharray=\"10 4\"");
        svg.haloed_text(right + 7, y + 4, takt_text, "font-weight=\"bold\" fill=\"" + std::string(kRed) + "\"");
    } else if (chart.takt_ms) {
        // Takt far above the work: a dashed line along the top of the plot, and in words how far.
        const double y = top - 14;
        svg.line(left, y, right, y, kRed, 2, "stroke-dasharray=\"10 4\"");
        std::string words = takt_text + " ↑ off the scale";
        if (scale.tallest_over_takt)
            words += ": the tallest is " + format_percent(*scale.tallest_over_takt, 0) + " of it";
        svg.haloed_text(left + 4, y + 13, fitted(words, right - left - 8, kFontPx),
                        "font-weight=\"bold\" fill=\"" + std::string(kRed) + "\"");
    }
    if (chart.takt_ms) desc += "; " + takt_text;
    class_legend(svg, left, height - 10, classes_present);
    return svg.finish("yamazumi", kTitle, "Time per unit: " + desc, true);
}

// =============================================================================================
// Pareto

std::string waste_pareto_svg(const ParetoChart& chart, SvgHeading heading) {
    constexpr std::string_view kTitle = "Waste Pareto: tags per waste and cumulative share";
    std::size_t max_count = chart.max_count;
    for (const ParetoBar& bar : chart.bars) max_count = std::max(max_count, bar.count);
    if (chart.bars.empty() || max_count == 0)
        return nothing_to_draw("pareto", kTitle, "Nothing to draw: no waste was tagged.");

    constexpr double width = 640, height = 360, top = 48, left = 52, right = width - 58;
    const double bar_w = (right - left) / static_cast<double>(chart.bars.size());
    // Names too wide for their bar go on two staggered rows, each then as wide as two bars.
    bool stagger = false;
    for (const ParetoBar& bar : chart.bars) stagger |= text_width(bar.label, kFontPx) > 0.95 * bar_w;
    const double label_h = stagger ? 40 : 24;
    const double bottom = height - label_h - 10;
    const double plot_h = bottom - top;
    const AxisTicks counts = nice_ticks(static_cast<double>(max_count), static_cast<int>(plot_h / 40), 1);

    SvgWriter svg(width, height);
    if (heading == SvgHeading::drawn) chart_title(svg, kTitle);
    value_axis(svg, counts, left, right, bottom, plot_h,
               [](double v) { return std::to_string(static_cast<long long>(std::llround(v))); });
    vertical_axis_title(svg, 14, top, bottom, "tags");
    // The cumulative share's axis on the right.
    const std::string faint_small = "font-size=\"" + num(kSmallFontPx) + "\" fill=\"" + std::string(kFaint) + "\"";
    svg.line(right, top, right, bottom, kFaint);
    for (double share : {0.0, 0.25, 0.5, 0.75, 1.0}) {
        const double y = bottom - share * plot_h;
        svg.line(right, y, right + 4, y, kFaint);
        svg.text(right + 7, y + 4, format_percent(share, 0), faint_small);
    }
    const double axis_x = width - 8, axis_y = 0.5 * (top + bottom);
    svg.text(axis_x, axis_y, "cumulative share",
             "transform=\"rotate(90 " + num(axis_x) + " " + num(axis_y) + ")\" text-anchor=\"middle\" " + faint_small);

    std::string desc, points;
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const ParetoBar& bar = chart.bars[i];
        // A bar at most 90 px wide: one waste alone is a bar, not a wall.
        const double centre = left + bar_w * (static_cast<double>(i) + 0.5);
        const double half = std::min(0.4 * bar_w, 45.0), x0 = centre - half, x1 = centre + half;
        const double h = static_cast<double>(bar.count) / counts.top * plot_h;
        const std::string colour = hex(waste_colour(bar.waste));
        svg.rect(x0, bottom - h, x1 - x0, h, colour, "stroke=\"#444\" stroke-width=\"0.5\"",
                 bar.label + ": " + std::to_string(bar.count) + " tags (" + format_percent(bar.share) + "), cumulative " +
                     format_percent(bar.cumulative_share) +
                     (bar.timed_ms > 0 ? ", timed " + format_duration(static_cast<double>(bar.timed_ms)) : ""));
        svg.text(centre, bottom - h - 5, std::to_string(bar.count), "text-anchor=\"middle\" font-weight=\"bold\"");
        const double room = stagger ? 1.9 * bar_w : bar_w - 4;
        svg.fitted_text(centre, bottom + (stagger && i % 2 == 1 ? 32 : 16), bar.label, room, kFontPx,
                        "text-anchor=\"middle\"");
        points += num(centre) + "," + num(bottom - bar.cumulative_share * plot_h) + " ";
        desc += (desc.empty() ? "" : "; ") + bar.label + " " + std::to_string(bar.count) + " (cumulative " +
                format_percent(bar.cumulative_share, 0) + ")";
    }
    // The cumulative line over the bars, each point labelled with its share.
    svg.body() += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + std::string(kInk) +
                  "\" stroke-width=\"2\"/>\n";
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const ParetoBar& bar = chart.bars[i];
        const double x = left + bar_w * (static_cast<double>(i) + 0.5), y = bottom - bar.cumulative_share * plot_h;
        svg.body() += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"4\" fill=\"" + std::string(kInk) +
                      "\" stroke=\"#fff\"/>\n";
        // Right of the point; further right where the bar's count stands at the same height.
        const double count_y = bottom - static_cast<double>(bar.count) / counts.top * plot_h - 5;
        const double clear = std::fabs(count_y - (y - 6)) < 14
                                 ? 0.5 * text_width(std::to_string(bar.count), kFontPx) + 4 : 6;
        svg.haloed_text(x + clear, y - 6, format_percent(bar.cumulative_share, 0), "font-size=\"" + num(kSmallFontPx) + "\"");
    }
    return svg.finish("pareto", kTitle, "Tags per waste, most first: " + desc, true);
}

// =============================================================================================
// Timeline

namespace {

// A stretch of a lane drawn as one rectangle: bars of one kind that overlap at the drawing's
// resolution, so that a long walk draws a bounded number of shapes.
struct Run {
    double x0 = 0, x1 = 0;
    bool excluded = false;
    std::size_t bars = 0;
};

// Tags of one waste that fall on one mark.
struct Mark {
    double x = 0;
    Waste waste = Waste::defects;
    std::size_t tags = 0;
};

}  // namespace

std::string timeline_svg(const Timeline& timeline, SvgHeading heading) {
    constexpr std::string_view kTitle = "Timeline: readings and waste tags on the walk clock";
    if (timeline.span_ms <= 0 || (timeline.lanes.empty() && timeline.tags.empty()))
        return nothing_to_draw("timeline", kTitle, "Nothing to draw: no time was observed.");

    constexpr double width = 720, name_w = 140, right_pad = 24, top = 28, tag_row = 26;
    const double plot_x = name_w, plot_w = width - name_w - right_pad;
    const std::size_t lane_count = std::max<std::size_t>(timeline.lanes.size(), 1);
    // Lanes shrink with their number so that the chart stays about a page high.
    const double row_h = std::clamp(520.0 / static_cast<double>(lane_count), 12.0, 28.0);
    const double lanes_top = top + tag_row, bottom = lanes_top + row_h * static_cast<double>(lane_count);
    const double span = static_cast<double>(timeline.span_ms);
    const auto x_of = [&](std::int64_t ms) { return plot_x + static_cast<double>(ms) / span * plot_w; };

    SvgWriter svg(width, bottom + 58);  // its height grows with the legend's rows
    svg.define_class_patterns();
    if (heading == SvgHeading::drawn) chart_title(svg, kTitle);

    // The time axis: walk-clock time from 0 to the observed time, ticks in clock steps.
    const AxisTicks ticks = time_ticks(span, static_cast<int>(plot_w / 80));
    const std::string faint_small = "font-size=\"" + num(kSmallFontPx) + "\" fill=\"" + std::string(kFaint) + "\"";
    for (double v : ticks.values) {
        if (v > span * (1 + 1e-9)) break;
        const double x = plot_x + v / span * plot_w;
        svg.line(x, lanes_top, x, bottom + 4, kGrid);
        svg.text(x, bottom + 16, time_tick_label(v, ticks.step, ticks.top), "text-anchor=\"middle\" " + faint_small);
    }
    svg.line(plot_x, bottom, plot_x + plot_w, bottom, kFaint);
    svg.text(plot_x + 0.5 * plot_w, bottom + 32, "walk-clock time (pauses left out), total " + format_duration(span),
             "text-anchor=\"middle\" " + faint_small);

    std::array<bool, 3> classes_present{};
    bool any_excluded = false;
    std::size_t reading_count = 0;
    const double lane_font = std::min(kFontPx, row_h * 0.75);
    for (std::size_t row = 0; row < timeline.lanes.size(); ++row) {
        const TimelineLane& lane = timeline.lanes[row];
        const double y = lanes_top + row_h * static_cast<double>(row);
        if (row % 2 == 1) svg.rect(0, y, plot_x + plot_w, row_h, "#f4f4f4");
        svg.fitted_text(4, y + 0.5 * row_h + 0.35 * lane_font, lane.name, name_w - 10, lane_font,
                        "font-size=\"" + num(lane_font) + "\"");
        classes_present[class_index(lane.value_class)] |= !lane.bars.empty();
        // Runs: bars of a kind closer than half a pixel merge; every run at least a pixel wide.
        std::vector<Run> runs;
        std::array<std::optional<std::size_t>, 2> open;  // the latest run of valid and of excluded bars
        for (const TimelineBar& bar : lane.bars) {
            ++reading_count;
            any_excluded |= bar.excluded;
            const double x0 = x_of(bar.start_ms), x1 = std::max(x_of(bar.end_ms), x0 + 1);
            std::optional<std::size_t>& run = open[bar.excluded ? 1 : 0];
            if (run && x0 <= runs[*run].x1 + 0.5) {
                runs[*run].x1 = std::max(runs[*run].x1, x1);
                ++runs[*run].bars;
            } else {
                run = runs.size();
                runs.push_back({x0, x1, bar.excluded, 1});
            }
        }
        for (const Run& run : runs) {
            const std::string tooltip = lane.name + ": " + std::to_string(run.bars) +
                                        (run.bars == 1 ? " reading" : " readings") + (run.excluded ? " (excluded)" : "");
            svg.rect(run.x0, y + 0.15 * row_h, run.x1 - run.x0, 0.7 * row_h, SvgWriter::class_fill(lane.value_class),
                     run.excluded ? "fill-opacity=\"0.3\" stroke=\"#444\" stroke-width=\"0.8\" stroke-dasharray=\"2 2\"" : "",
                     tooltip);
        }
    }

    // Pauses: a point on this axis (their time is left out), a dashed line across the lanes.
    for (const TimelinePause& pause : timeline.pauses) {
        const double x = x_of(pause.at_ms);
        svg.body() += "<g><title>pause of " + escaped(format_duration(static_cast<double>(pause.length_ms))) +
                      (pause.running ? " (running)" : "") + "</title>";
        svg.line(x, lanes_top - 4, x, bottom, "#555", 1.5, "stroke-dasharray=\"4 3\"");
        svg.body() += "</g>\n";
    }

    // Tags along the top: timed ones as a line to their end, each as a disc with its waste's letter.
    // Tags of a waste within a disc's width share one disc with their count in its tooltip.
    std::vector<Mark> marks;
    std::array<bool, kWastes.size()> wastes_present{};
    for (const TimelineTag& tag : timeline.tags) {
        wastes_present[static_cast<std::size_t>(tag.waste)] = true;
        const double x = x_of(tag.at_ms);
        if (tag.end_ms)
            svg.line(x, top + 13, x_of(*tag.end_ms), top + 13, hex(waste_colour(tag.waste)), 4);
        auto same = std::find_if(marks.rbegin(), marks.rend(),
                                 [&](const Mark& m) { return m.waste == tag.waste && std::fabs(m.x - x) < 12; });
        if (same != marks.rend())
            ++same->tags;
        else
            marks.push_back({x, tag.waste, 1});
    }
    for (const Mark& mark : marks) {
        const Rgba colour = waste_colour(mark.waste);
        svg.body() += "<g><title>" + escaped(display_name(mark.waste)) +
                      (mark.tags > 1 ? " × " + std::to_string(mark.tags) : std::string()) + "</title><circle cx=\"" +
                      num(mark.x) + "\" cy=\"" + num(top + 13) + "\" r=\"7\" fill=\"" + hex(colour) +
                      "\" stroke=\"#fff\"/>";
        svg.text(mark.x, top + 17, std::string(1, waste_letter(mark.waste)),
                 "text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"" + std::string(text_on(colour)) + "\"");
        svg.body() += "</g>\n";
    }
    if (!timeline.tags.empty()) svg.text(4, top + 17, "waste tags", faint_small);

    // Legend: value classes, excluded readings, pauses, the tags' letters; in rows as wide as the chart.
    double x = 4, legend_y = bottom + 50;
    const auto room_for = [&](double w) {
        if (x > 4 && x + w > width - 4) {
            x = 4;
            legend_y += 17;
        }
    };
    const std::string small = "font-size=\"" + num(kSmallFontPx) + "\"";
    for (ValueClass value_class : kValueClasses) {
        if (!classes_present[class_index(value_class)]) continue;
        room_for(32 + text_width(display_name(value_class), kSmallFontPx));
        x = legend_item(svg, x, legend_y, SvgWriter::class_fill(value_class), display_name(value_class));
    }
    if (any_excluded) {
        room_for(32 + text_width("excluded", kSmallFontPx));
        x = legend_item(svg, x, legend_y, "#888", "excluded",
                        "fill-opacity=\"0.3\" stroke=\"#444\" stroke-width=\"0.8\" stroke-dasharray=\"2 2\"");
    }
    if (!timeline.pauses.empty()) {
        room_for(56);
        svg.line(x + 7, legend_y - 11, x + 7, legend_y + 2, "#555", 1.5, "stroke-dasharray=\"4 3\"");
        svg.text(x + 14, legend_y, "pause", small);
        x += 56;
    }
    for (Waste waste : kWastes) {
        if (!wastes_present[static_cast<std::size_t>(waste)]) continue;
        const std::string words = std::string(1, waste_letter(waste)) + " " + std::string(display_name(waste));
        const double w = text_width(words, kSmallFontPx) + 20;
        room_for(w);
        svg.body() += "<circle cx=\"" + num(x + 5) + "\" cy=\"" + num(legend_y - 4) + "\" r=\"5\" fill=\"" +
                      hex(waste_colour(waste)) + "\"/>";
        svg.text(x + 13, legend_y, words, small);
        x += w;
    }
    svg.set_height(legend_y + 8);

    const std::string desc = std::to_string(timeline.lanes.size()) + " steps over " + format_duration(span) +
                             " of walk-clock time: " + std::to_string(reading_count) + " readings, " +
                             std::to_string(timeline.tags.size()) + " waste tags, " +
                             std::to_string(timeline.pauses.size()) + " pauses";
    return svg.finish("timeline", kTitle, desc, true);
}

// =============================================================================================
// Value stream map

namespace {

// Draws a map's layout (in em) at kSvgPxPerEm, as the GUI's Map screen does.
class MapDrawer {
public:
    explicit MapDrawer(SvgWriter& svg) : svg_(svg) {}

    static double px(float em) { return static_cast<double>(em) * kSvgPxPerEm; }

    void box(const MapRect& r, std::string_view fill, double stroke_width) {
        svg_.rect(px(r.x), px(r.y), px(r.w), px(r.h), fill,
                  "stroke=\"" + std::string(kInk) + "\" stroke-width=\"" + num(stroke_width) + "\"");
    }

    // One line of text in `width` em from x, its top at y (em), centred or from the left; when too
    // long a size smaller, then cut with "…" and whole in a tooltip.
    void text(float x, float y, float width, std::string_view s, std::string_view colour, bool centred = true,
              bool bold = false) {
        if (s.empty()) return;
        const double room = px(width);
        double size = kSvgPxPerEm;
        if (text_width(s, size) > room) size = 0.82 * kSvgPxPerEm;
        const std::string shown = fitted(s, room, size);
        std::string attributes = "font-size=\"" + num(size) + "\" fill=\"" + std::string(colour) + "\"";
        if (centred) attributes += " text-anchor=\"middle\"";
        if (bold) attributes += " font-weight=\"bold\"";
        const double baseline = px(y) + 0.15 * kSvgPxPerEm + 0.5 * (kSvgPxPerEm - size) + 0.8 * size + 2;
        if (shown != s) svg_.body() += "<g><title>" + escaped(s) + "</title>";
        svg_.text(centred ? px(x) + 0.5 * room : px(x), baseline, shown, attributes);
        if (shown != s) svg_.body() += "</g>\n";
    }

    void lines(const MapRect& r, const std::vector<std::string>& texts, std::string_view colour) {
        float y = r.y + 0.3f;
        for (const std::string& t : texts) {
            text(r.x + 0.15f, y, r.w - 0.3f, t, colour);
            y += kMapLineEm;
        }
    }

    void arrow(const MapArrow& a, double width) { svg_.arrow(px(a.x0), px(a.y0), px(a.x1), px(a.y1), width, 0.45 * kSvgPxPerEm); }

    void process(const MapProcess& p) {
        const Rgba band = value_class_colour(p.value_class);
        box(p.box, "#fff", 2);
        svg_.rect(px(p.box.x), px(p.box.y), px(p.box.w), px(p.band_height), SvgWriter::class_fill(p.value_class),
                  "stroke=\"" + std::string(kInk) + "\" stroke-width=\"2\"",
                  p.name + " (" + std::string(display_name(p.value_class)) + ")");
        for (std::size_t i = 0; i < p.name_lines.size(); ++i)
            name_line(p.box.x + 0.15f, p.box.y + static_cast<float>(i) * kMapLineEm, p.box.w - 0.3f, p.name_lines[i],
                      text_on(band));
        text(p.box.x + 0.15f, p.box.y + p.band_height, p.box.w - 0.3f, p.touched_by.empty() ? "—" : p.touched_by, kInk);
        box(p.data, "#fff", 1);
        lines(p.data, p.data_lines, kInk);
    }

    void queue(const MapQueue& q) {
        const MapRect& t = q.triangle;
        svg_.body() += "<polygon points=\"" + num(px(t.x + 0.5f * t.w)) + "," + num(px(t.y)) + " " + num(px(t.x)) + "," +
                       num(px(t.bottom())) + " " + num(px(t.right())) + "," + num(px(t.bottom())) + "\" fill=\"" +
                       std::string(q.over_limit ? kRed : "#c8c8cd") + "\" stroke=\"" + std::string(kInk) +
                       "\" stroke-width=\"1.3\">";
        if (!q.detail.empty()) svg_.body() += "<title>" + escaped(q.detail) + "</title>";
        svg_.body() += "</polygon>\n";
        text(t.x, t.y + 0.35f, t.w, "I", q.over_limit ? "#fff" : "#000", true, true);
        for (std::size_t i = 0; i < q.label_lines.size(); ++i) {
            const bool over_word = q.over_limit && i + 1 == q.label_lines.size();
            text(q.label.x, q.label.y + static_cast<float>(i) * kMapLineEm, q.label.w, q.label_lines[i],
                 over_word ? kRed : kInk, true, over_word);
        }
    }

    void ladder(const ValueStreamMapLayout& map) {
        const float up = map.ladder_wait_y, down = map.ladder_process_y;
        for (const MapLadderStep& rung : map.ladder) {
            svg_.body() += "<polyline points=\"" + num(px(rung.wait_x0)) + "," + num(px(up)) + " " + num(px(rung.wait_x1)) +
                           "," + num(px(up)) + " " + num(px(rung.process_x0)) + "," + num(px(down)) + " " +
                           num(px(rung.process_x1)) + "," + num(px(down)) + " " + num(px(rung.process_x1)) + "," +
                           num(px(up)) + "\" fill=\"none\" stroke=\"" + std::string(kInk) + "\" stroke-width=\"2\"/>\n";
            text(rung.wait_x0 - 0.8f, up - kMapLineEm - 0.2f, rung.wait_x1 - rung.wait_x0 + 1.6f, rung.wait_text,
                 rung.longest_wait ? kRed : kInk, true, rung.longest_wait);
            text(rung.process_x0, down + 0.1f, rung.process_x1 - rung.process_x0, rung.process_text, kInk);
        }
    }

    void totals(const ValueStreamMapLayout& map) {
        box(map.totals, "#fff", 2);
        float y = map.totals.y + 0.3f;
        for (const std::string& line : map.totals_lines) {
            text(map.totals.x + 0.4f, y, map.totals.w - 0.8f, line, kInk, false);
            y += kMapLineEm;
        }
    }

private:
    // A name on its band: a white halo keeps it readable over the band's pattern.
    void name_line(float x, float y, float width, std::string_view s, std::string_view colour) {
        const double room = px(width), size = kSvgPxPerEm;
        const std::string halo = colour == "#000" ? "#fff" : "#000";
        svg_.text(px(x) + 0.5 * room, px(y) + 0.15 * kSvgPxPerEm + 0.8 * size + 2, fitted(s, room, size),
                  "text-anchor=\"middle\" font-weight=\"bold\" fill=\"" + std::string(colour) + "\" stroke=\"" + halo +
                      "\" stroke-opacity=\"0.6\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"");
    }

    SvgWriter& svg_;
};

}  // namespace

std::string value_stream_map_svg(const ValueStreamMapLayout& map) {
    constexpr std::string_view kTitle = "Value stream map (current state)";
    if (map.processes.empty() || !(map.width > 0) || !(map.height > 0))
        return nothing_to_draw("map", kTitle, "Nothing to draw: the value stream has no steps.");

    SvgWriter svg(MapDrawer::px(map.width), MapDrawer::px(map.height));
    svg.define_class_patterns();
    MapDrawer draw(svg);
    draw.box(map.customer, "#fff", 2);
    draw.lines(map.customer, map.customer_lines, kInk);
    draw.arrow(map.ship_arrow, 2);
    for (const MapArrow& a : map.push_arrows) draw.arrow(a, 3);
    for (const MapProcess& p : map.processes) draw.process(p);
    for (const MapQueue& q : map.queues) draw.queue(q);
    draw.ladder(map);
    if (!map.totals_lines.empty()) draw.totals(map);

    std::string desc = std::to_string(map.processes.size()) + " processes, " + std::to_string(map.queues.size()) +
                       " queues. " + joined(map.totals_lines, ". ");
    if (!map.notices.empty()) desc += ". " + joined(map.notices, " ");
    return svg.finish("map", kTitle, desc, false);
}

}  // namespace gemba
