// Placeholder so that the HTML report builds: each chart is an empty <svg> with its title. The
// real charts come with the SVG charts' own change, which replaces this file.
#include "core/report/svg_charts.hpp"

namespace gemba {
namespace {

std::string placeholder(const char* title) {
    return std::string(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 40" role="img"><title>)") + title +
           R"(</title><text x="8" y="24">)" + title + "</text></svg>";
}

}  // namespace

std::string yamazumi_svg(const Yamazumi&) { return placeholder("Yamazumi"); }
std::string waste_pareto_svg(const ParetoChart&) { return placeholder("Waste Pareto"); }
std::string timeline_svg(const Timeline&) { return placeholder("Timeline"); }
std::string value_stream_map_svg(const ValueStreamMapLayout&) { return placeholder("Value stream map"); }

}  // namespace gemba
