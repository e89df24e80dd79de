#include "runtime/wire/explain_text.h"

#include <algorithm>
#include <cstdio>

#include "compiler/util/shortest_number.h"
#include "runtime/wire/value_json.h"

namespace verdict {
namespace {

using nlohmann::ordered_json;

std::string text_of(const ordered_json& v) {
  if (v.is_null()) return "missing";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) return shortest_number(v.get<double>());
  return json_text(v);
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string decided_by(const ordered_json& d) {
  const ordered_json& by = d["decided_by"];
  if (by["kind"] == "knockout") {
    return "knock-out rule `" + by["rule"].get<std::string>() + "` (" + by["at"].get<std::string>() + ")";
  }
  return "`decide` branch " + std::to_string(by["branch"].get<int>() + 1) + " (" + by["at"].get<std::string>() + ")";
}

// Effects print with 4 decimals: enough to rank, short enough to read.
std::string effect_text(const ordered_json& effect) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.4f", effect.get<double>());
  return buf;
}

std::string reason_line(const ordered_json& r) {
  std::string source, effect;
  if (r.contains("feature")) {
    source = "model " + r["model"].get<std::string>() + ", feature " + r["feature"].get<std::string>();
  } else {
    source = r["rule"].get<std::string>();
  }
  if (r.contains("knockout"))
    effect = "knock-out";
  else if (r.contains("points"))
    effect = text_of(r["points"]) + " points";
  if (r.contains("effect")) effect += std::string(effect.empty() ? "" : ", ") + effect_text(r["effect"]) + " on final";
  return "    " + pad(r["code"].get<std::string>(), 5) + " " + r["text"].get<std::string>() + "  (" + source + ", " +
         effect + ")\n";
}

// A score for reading, to 4 decimals without trailing zeros (the JSON has
// the exact value): 0.9597, 0.4, 1.
std::string short_score(const ordered_json& v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v.get<double>());
  std::string s = buf;
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

// "score: points 68 -> human 0.68; model 0.8884 (P(bad) 0.1116); final = 0.4 * 0.68 + 0.6 * 0.8884 = 0.805 (weights
// from blend)"
std::string score_line(const ordered_json& d) {
  const ordered_json& s = d["score"];
  std::string out = "  score: points " + text_of(s["points"]) + " -> human " + text_of(s["human"]);
  if (!s.contains("weights")) return out + " -> final " + text_of(s["final"]) + "\n";
  const ordered_json& w = s["weights"];
  std::string model_term = "0";
  if (!s["model"].is_null()) {
    const ordered_json& m = d["model"];
    model_term = short_score(s["model"]);
    out += "; model " + model_term + " (P(" + m["predicts"].get<std::string>() + ") " + short_score(m["probability"]) +
           ")";
  }
  return out + "; final = " + short_score(w["human"]) + " * " + short_score(s["human"]) + " + " +
         short_score(w["model"]) + " * " + model_term + " = " + short_score(s["final"]) + " (weights from " +
         w["from"].get<std::string>() + ")\n";
}

std::string rule_line(const ordered_json& r, size_t name_width) {
  std::string status = r["status"].get<std::string>();
  std::replace(status.begin(), status.end(), '_', ' ');
  std::string line = "    " + pad(status, 10) + " " + pad(r["rule"].get<std::string>(), name_width + 1);
  std::string saw;
  if (r.contains("saw")) {
    for (const auto& [k, v] : r["saw"].items()) saw += (saw.empty() ? "" : ", ") + k + " = " + text_of(v);
  }
  line += " " + saw;
  if (r.contains("missing")) {
    std::string m;
    for (const auto& f : r["missing"]) m += (m.empty() ? "" : ", ") + f.get<std::string>();
    line += "  [missing: " + m + "]";
  }
  if (r.contains("events")) {
    for (const auto& e : r["events"]) {
      line += "  [" + e["event"].get<std::string>() + " in `" + e["expr"].get<std::string>() + "`]";
    }
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

// The model's `shap` object when computing it failed: the decision then has
// no model reasons, which the text says rather than leave them out.
const ordered_json* failed_shap(const ordered_json& d) {
  auto model = d.find("model");
  if (model == d.end() || !model->is_object()) return nullptr;
  auto shap = model->find("shap");
  if (shap == model->end() || shap->value("state", "") != "failed") return nullptr;
  return &*shap;
}

}  // namespace

std::string explain_text(const ordered_json& d) {
  std::string out = d["outcome"].get<std::string>() + "\n";
  out += "  decided by: " + decided_by(d) + "\n";
  out += score_line(d);
  if (!d["segment"].is_null()) out += "  segment: " + d["segment"].get<std::string>() + "\n";
  if (!d["reasons"].empty()) {
    out += "  reasons:\n";
    for (const auto& r : d["reasons"]) out += reason_line(r);
  }
  if (const ordered_json* shap = failed_shap(d)) {
    out += "  model reasons: unavailable, SHAP failed: " + (*shap)["error"].get<std::string>() + "\n";
  }
  if (!d["tags"].empty()) {
    std::string tags;
    for (const auto& t : d["tags"]) tags += (tags.empty() ? "" : ", ") + t.get<std::string>();
    out += "  tags: " + tags + "\n";
  }
  for (const auto& [name, value] : d["outputs"].items()) {
    out += "  output: " + name + " = " + text_of(value) + "\n";
  }
  if (d.contains("trace")) {
    const ordered_json& rules = d["trace"]["rules"];
    size_t width = 0;
    for (const auto& r : rules) width = std::max(width, r["rule"].get<std::string>().size());
    out += "  rules:\n";
    std::string quiet;
    size_t quiet_count = 0;
    for (const auto& r : rules) {
      if (r["status"] != "not_fired") {
        out += rule_line(r, width);
        continue;
      }
      quiet += (quiet.empty() ? "" : ", ") + r["rule"].get<std::string>();
      ++quiet_count;
    }
    if (quiet_count > 0) out += "    not fired (" + std::to_string(quiet_count) + "): " + quiet + "\n";
  }
  return out;
}

}  // namespace verdict
