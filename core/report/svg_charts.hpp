// The Summary's charts as inline SVG for the HTML report: each function returns one complete
// <svg> element (viewBox, role="img", a <title>, labelled axes, values as text so that colour is
// not the only cue).
#pragma once

#include <string>

#include "core/report/charts.hpp"
#include "core/report/value_stream_map.hpp"

namespace gemba {

std::string yamazumi_svg(const Yamazumi& chart);
std::string waste_pareto_svg(const ParetoChart& chart);
std::string timeline_svg(const Timeline& timeline);
std::string value_stream_map_svg(const ValueStreamMapLayout& map);

}  // namespace gemba
