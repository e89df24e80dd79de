#include "runtime/report/score_waterfall.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "compiler/util/shortest_number.h"
#include "runtime/report/json_member.h"

namespace verdict {
namespace {

using nlohmann::ordered_json;

double number_at(const ordered_json& object, const char* key, double fallback = 0) {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

// The number after `prefix` in `text` from `at` on; false when absent.
bool number_after(const std::string& text, std::string_view prefix, size_t& at, double& out) {
  size_t found = text.find(prefix, at);
  if (found == std::string::npos) return false;
  const char* begin = text.c_str() + found + prefix.size();
  char* end = nullptr;
  out = std::strtod(begin, &end);
  if (end == begin) return false;
  at = static_cast<size_t>(end - text.c_str());
  return true;
}

std::string value_text(const ordered_json& v) {
  if (v.is_null()) return "missing";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return shortest_number(v.get<double>());
  return v.dump();
}

// The human side's bars; false when the decision lacks what they need.
bool human_bars(const ordered_json& d, double w_human, std::vector<WaterfallBar>& bars) {
  std::optional<PointsScale> scale = points_scale(d);
  const ordered_json& trace = json_member(d, "trace");
  if (!scale || scale->max == scale->min || !trace.is_object() || !trace.contains("input")) return false;
  double range = scale->max - scale->min, fired = 0;
  std::vector<WaterfallBar> rules;
  for (const ordered_json& r : trace.value("rules", ordered_json::array())) {
    if (r.value("status", "") != "fired" || !r.contains("points")) continue;
    double points = number_at(r, "points");
    fired += points;
    rules.push_back(
        {"rule " + r.value("rule", "") + " (" + (points >= 0 ? "+" : "") + shortest_number(points) + " points)",
         w_human * points / range, BarKind::Step});
  }
  const ordered_json& s = d["score"];
  double points = number_at(s, "points"), base = points - fired;
  bars.push_back(
      {"rules: base " + shortest_number(base) + " points", w_human * (base - scale->min) / range, BarKind::Base});
  bars.insert(bars.end(), rules.begin(), rules.end());
  double clamp = w_human * number_at(s, "human") - w_human * (points - scale->min) / range;
  if (std::fabs(clamp) > 1e-12) bars.push_back({"human score clamped to 0..1", clamp, BarKind::Step});
  return true;
}

void model_bars(const ordered_json& d, double w_model, std::vector<WaterfallBar>& bars) {
  const ordered_json& s = d["score"];
  if (!s.contains("model") || !s["model"].is_number() || w_model == 0) return;
  double model = w_model * s["model"].get<double>(), effects = 0;
  std::vector<WaterfallBar> features;
  const ordered_json& m = json_member(d, "model");
  if (m.is_object() && m.contains("features")) {
    for (const ordered_json& f : m["features"]) {
      if (!f.contains("effect") || !f["effect"].is_number()) continue;
      double effect = f["effect"].get<double>();
      effects += effect;
      features.push_back({"feature " + f.value("feature", "") + " = " + value_text(f.value("value", ordered_json())),
                          effect, BarKind::Step});
    }
  }
  std::stable_sort(features.begin(), features.end(), [](const WaterfallBar& a, const WaterfallBar& b) {
    return std::fabs(a.value) > std::fabs(b.value);
  });
  std::string name = m.is_object() ? m.value("name", "model") : "model";
  if (features.empty()) {
    bars.push_back({"model " + name + " score", model, BarKind::Base});
    return;
  }
  bars.push_back({"model " + name + " at its SHAP base value", model - effects, BarKind::Base});
  bars.insert(bars.end(), features.begin(), features.end());
}

}  // namespace

std::optional<PointsScale> points_scale(const ordered_json& d) {
  if (!d.contains("score") || !d["score"].is_object()) return std::nullopt;
  std::string formula = d["score"].value("formula", "");
  PointsScale scale;
  size_t at = 0;
  if (!number_after(formula, "human = clamp((points - (", at, scale.min)) return std::nullopt;
  if (!number_after(formula, ")) / (", at, scale.max)) return std::nullopt;
  return scale;
}

WaterfallChart score_waterfall(const ordered_json& d) {
  WaterfallChart chart{"Contributions to the final score", "final score (0 to 1)", 4, {}};
  const ordered_json& s = json_member(d, "score");
  const ordered_json& w = json_member(s, "weights");
  double w_human = number_at(w, "human", 1), w_model = number_at(w, "model", 0);
  if (!s.is_object()) return chart;
  if (!human_bars(d, w_human, chart.bars)) {
    chart.bars.push_back(
        {"human score (weight " + shortest_number(w_human) + ")", w_human * number_at(s, "human"), BarKind::Base});
  }
  model_bars(d, w_model, chart.bars);
  chart.bars.push_back({"final score", number_at(s, "final"), BarKind::Total});
  return chart;
}

}  // namespace verdict
