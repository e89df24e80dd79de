#pragma once
#include <string>
#include <vector>

namespace verdict {

// What a bar of a waterfall is. A Base or a Step bar adds its value to the
// running sum and is drawn from the sum before it to the sum after it (a
// Base in grey: a starting amount; a Step green when it raises the sum, red
// when it lowers it). A Total bar is drawn from 0 to its own value (the
// result the steps add up to) and leaves the running sum at that value.
enum class BarKind { Base, Step, Total };

struct WaterfallBar {
  std::string label;  // plain text (escaped when drawn); long labels are shortened, the full one is the tooltip
  double value = 0;
  BarKind kind = BarKind::Step;
};

// A horizontal waterfall chart: one row per bar, top to bottom, the running
// sum starting at 0. Used for the contributions to a decision's score; any
// report whose result is a sum of parts can use it.
struct WaterfallChart {
  std::string title;  // plain text: the chart's accessible name
  std::string axis;   // plain text under the axis ("final score")
  int decimals = 4;   // the values printed beside the bars
  std::vector<WaterfallBar> bars;
};

// The chart as one inline <svg class="chart"> element (no external
// resource, no script), styled by report_stylesheet()'s `svg.chart` rules.
std::string svg_waterfall(const WaterfallChart& chart);

// "1, 2 or 5 times a power of ten" such that about `target` ticks cover
// `span` (> 0): the axis step.
double nice_tick_step(double span, int target);

}  // namespace verdict
