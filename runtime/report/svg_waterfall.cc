#include "runtime/report/svg_waterfall.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "runtime/report/html_escape.h"

namespace verdict {
namespace {

// The drawing's geometry, in viewBox units (the svg scales to its width).
constexpr double kWidth = 960, kLabelWidth = 330, kValueWidth = 90, kRow = 24, kBar = 16, kTop = 8, kAxis = 40;
constexpr size_t kMaxLabel = 48;  // bytes; longer labels are cut at a UTF-8 boundary

struct Span {
  double from, to;
};

std::string num(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string coord(double v) { return num(v, 1); }

std::string short_label(const std::string& label) {
  if (label.size() <= kMaxLabel) return label;
  size_t cut = kMaxLabel - 3;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
  return label.substr(0, cut) + "\u2026";
}

// Each bar's extent along the value axis, from the running sum.
std::vector<Span> extents(const std::vector<WaterfallBar>& bars) {
  std::vector<Span> out;
  double sum = 0;
  for (const WaterfallBar& bar : bars) {
    if (bar.kind == BarKind::Total) {
      out.push_back({0, bar.value});
      sum = bar.value;
    } else {
      out.push_back({sum, sum + bar.value});
      sum += bar.value;
    }
  }
  return out;
}

struct Scale {
  double lo, hi, x0, width;
  double x(double v) const { return x0 + (v - lo) / (hi - lo) * width; }
};

Scale scale_for(const std::vector<Span>& spans) {
  double lo = 0, hi = 0;
  for (const Span& s : spans) {
    lo = std::min({lo, s.from, s.to});
    hi = std::max({hi, s.from, s.to});
  }
  if (hi - lo < 1e-12) hi = lo + 1;
  double step = nice_tick_step(hi - lo, 6);
  return Scale{std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, kLabelWidth,
               kWidth - kLabelWidth - kValueWidth};
}

std::string_view bar_class(const WaterfallBar& bar) {
  if (bar.kind == BarKind::Base) return "base";
  if (bar.kind == BarKind::Total) return "total";
  return bar.value < 0 ? "down" : "up";
}

std::string bar_row(const WaterfallChart& chart, size_t i, const Span& span, const Scale& s) {
  const WaterfallBar& bar = chart.bars[i];
  double y = kTop + static_cast<double>(i) * kRow, left = s.x(std::min(span.from, span.to));
  double width = std::max(1.0, std::fabs(s.x(span.to) - s.x(span.from)));
  std::string value = (bar.kind == BarKind::Step && bar.value >= 0 ? "+" : "") + num(bar.value, chart.decimals);
  std::string out = "<g class=\"bar\"><title>" + html_escape(bar.label + ": " + value) + "</title>";
  out += "<text x=\"" + coord(kLabelWidth - 10) + "\" y=\"" + coord(y + kBar - 4) + "\" text-anchor=\"end\">" +
         html_escape(short_label(bar.label)) + "</text>";
  out += "<rect class=\"" + std::string(bar_class(bar)) + "\" x=\"" + coord(left) + "\" y=\"" + coord(y) +
         "\" width=\"" + coord(width) + "\" height=\"" + coord(kBar) + "\"/>";
  out += "<text x=\"" + coord(kWidth - kValueWidth + 8) + "\" y=\"" + coord(y + kBar - 4) + "\">" + value + "</text>";
  if (i + 1 < chart.bars.size() && chart.bars[i + 1].kind != BarKind::Total) {
    std::string x = coord(s.x(span.to));
    out += "<line class=\"link\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + coord(y + kBar) + "\" y2=\"" +
           coord(y + kRow) + "\"/>";
  }
  return out + "</g>\n";
}

std::string axis(const WaterfallChart& chart, const Scale& s, double bottom) {
  std::string out = "<g class=\"ticks\">";
  double step = nice_tick_step(s.hi - s.lo, 6);
  int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  for (double v = s.lo; v <= s.hi + step / 2; v += step) {
    std::string x = coord(s.x(v));
    out += "<line class=\"axis\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + coord(kTop - 4) + "\" y2=\"" +
           coord(bottom) + "\"/>";
    out += "<text x=\"" + x + "\" y=\"" + coord(bottom + 14) + "\" text-anchor=\"middle\">" +
           num(std::fabs(v) < step * 1e-9 ? 0.0 : v, decimals) + "</text>";
  }
  out += "<text x=\"" + coord(s.x0 + s.width / 2) + "\" y=\"" + coord(bottom + 32) + "\" text-anchor=\"middle\">" +
         html_escape(chart.axis) + "</text>";
  return out + "</g>\n";
}

}  // namespace

double nice_tick_step(double span, int target) {
  double raw = span / std::max(1, target), power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

std::string svg_waterfall(const WaterfallChart& chart) {
  std::vector<Span> spans = extents(chart.bars);
  Scale s = scale_for(spans);
  double bottom = kTop + static_cast<double>(chart.bars.size()) * kRow;
  std::string out = "<svg class=\"chart waterfall\" viewBox=\"0 0 " + coord(kWidth) + " " + coord(bottom + kAxis) +
                    "\" role=\"img\" aria-label=\"" + html_escape(chart.title) + "\">\n<title>" +
                    html_escape(chart.title) + "</title>\n";
  out += axis(chart, s, bottom);
  for (size_t i = 0; i < chart.bars.size(); ++i) out += bar_row(chart, i, spans[i], s);
  return out + "</svg>";
}

}  // namespace verdict
