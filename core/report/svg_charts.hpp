// The report's charts as inline SVG: the yamazumi against takt, the waste Pareto, the timeline and
// the value stream map, each drawn from the chart data of core/report/charts.hpp and
// value_stream_map.hpp.
//
// Each function returns one complete <svg> element, ready to paste into an HTML page:
// - a <title> and a <desc> that say what the chart shows (aria-labelledby points at them);
// - labelled axes with the ticks of charts.hpp, and every value also as text (counts, cumulative
//   shares, times, takt), so that colour is never the only cue; value classes also carry a fill
//   pattern, wastes their name or their DOWNTIME letter;
// - system font, all user text XML-escaped, and no reference outside the element (no href, no
//   image, no stylesheet), so that it passes a Content-Security-Policy of default-src 'none';
// - sized by its viewBox: the three charts shrink to the width of a page or a phone
//   (max-width:100%), the map is as wide as its layout at kSvgPxPerEm and scrolls in its container.
// Empty input gives a small SVG that says there is nothing to draw.
//
// Ids inside an SVG (title, desc, patterns) are derived from its content, so that the output is
// the same for the same input and several charts in one page do not clash.
#pragma once

#include <string>

#include "core/report/charts.hpp"
#include "core/report/value_stream_map.hpp"

namespace gemba {

// Pixels per em of a value stream map's layout, and so its font size.
inline constexpr double kSvgPxPerEm = 16.0;

// Whether a chart draws its heading at its top, or leaves it to the page it sits in (a report's
// figure caption says it, more precisely; drawn twice it reads as a stutter). Its <title> stays.
enum class SvgHeading { drawn, in_caption };

std::string yamazumi_svg(const Yamazumi& chart, SvgHeading heading = SvgHeading::drawn);
std::string waste_pareto_svg(const ParetoChart& chart, SvgHeading heading = SvgHeading::drawn);
std::string timeline_svg(const Timeline& timeline, SvgHeading heading = SvgHeading::drawn);
std::string value_stream_map_svg(const ValueStreamMapLayout& map);

}  // namespace gemba
