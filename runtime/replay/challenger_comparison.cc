#include "runtime/replay/challenger_comparison.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace verdict {
namespace {

using Json = nlohmann::ordered_json;

std::string string_at(const Json& j, const char* key, const std::string& otherwise = "") {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : otherwise;
}

double score_at(const Json& decision, const char* key) {
  const Json& score = decision.contains("score") ? decision["score"] : Json::object();
  auto it = score.find(key);
  return it != score.end() && it->is_number() ? it->get<double>() : NAN;
}

// "knockout above_authority" or "decide branch 1".
std::string decided_by(const Json& decision) {
  const Json by = decision.contains("decided_by") ? decision["decided_by"] : Json::object();
  std::string kind = string_at(by, "kind", "?");
  if (by.contains("rule")) return kind + " " + string_at(by, "rule");
  return by.contains("branch") ? kind + " branch " + by["branch"].dump() : kind;
}

// The rules that fired, when the decision has a trace; nullopt without.
std::optional<std::set<std::string>> fired_rules(const Json& decision) {
  if (!decision.contains("trace") || !decision["trace"].contains("rules")) return std::nullopt;
  std::set<std::string> out;
  for (const Json& rule : decision["trace"]["rules"]) {
    if (string_at(rule, "status") == "fired") out.insert(string_at(rule, "rule"));
  }
  return out;
}

// Each feature's weighted contribution (`effect`), when SHAP was computed.
std::map<std::string, double> feature_effects(const Json& decision) {
  std::map<std::string, double> out;
  if (!decision.contains("model") || !decision["model"].contains("features")) return out;
  for (const Json& f : decision["model"]["features"]) {
    if (f.contains("effect") && f["effect"].is_number()) out[string_at(f, "feature")] = f["effect"].get<double>();
  }
  return out;
}

// "0.4/0.6 (blend)": the weights a decision was blended with.
std::string weights_of(const Json& decision) {
  const Json& score = decision.contains("score") ? decision["score"] : Json::object();
  if (!score.contains("weights")) return "?";
  const Json& w = score["weights"];
  return w.value("human", Json()).dump() + "/" + w.value("model", Json()).dump() + " (" + string_at(w, "from") + ")";
}

double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<size_t>(std::lround(q * static_cast<double>(sorted.size() - 1)))];
}

}  // namespace

void ChallengerComparison::add(const Json& champion, const Json& challenger) {
  std::string before = string_at(champion, "outcome", "?"), after = string_at(challenger, "outcome", "?");
  for (const std::string& o : {before, after}) {
    if (std::find(outcome_order_.begin(), outcome_order_.end(), o) == outcome_order_.end()) outcome_order_.push_back(o);
  }
  ++compared_;
  ++transitions_[before][after];
  Segment& segment = segments_[string_at(champion, "segment", "(none)")];
  ++segment.records;
  double shift = score_at(challenger, "final") - score_at(champion, "final");
  if (!std::isnan(shift)) final_shifts_.push_back(shift);
  if (before == after) return;
  ++changed_;
  ++segment.changed;
  add_drivers(champion, challenger);
}

// What differs between the two sides of a decision whose outcome changed.
void ChallengerComparison::add_drivers(const Json& champion, const Json& challenger) {
  ++knockouts_[decided_by(champion) + " -> " + decided_by(challenger)];
  if (std::string a = weights_of(champion), b = weights_of(challenger); a != b) ++weights_[a + " -> " + b];
  double human = score_at(challenger, "human") - score_at(champion, "human");
  double model = score_at(challenger, "model") - score_at(champion, "model");
  if (!std::isnan(human)) human_shift_ += std::fabs(human);
  if (!std::isnan(model)) model_shift_ += std::fabs(model);
  std::optional<std::set<std::string>> a = fired_rules(champion), b = fired_rules(challenger);
  if (a && b) {
    for (const std::string& rule : *a) rules_[rule].champion_only += !b->contains(rule);
    for (const std::string& rule : *b) rules_[rule].challenger_only += !a->contains(rule);
  }
  std::map<std::string, double> ea = feature_effects(champion), eb = feature_effects(challenger);
  for (const auto& [feature, effect] : ea) {
    auto other = eb.find(feature);
    if (other == eb.end()) continue;
    auto& [sum, n] = feature_shift_[feature];
    sum += std::fabs(other->second - effect);
    ++n;
  }
}

std::vector<std::string> ChallengerComparison::outcomes() const { return outcome_order_; }

Json ChallengerComparison::drivers_json() const {
  Json rules = Json::array();
  for (const auto& [rule, s] : rules_) {
    if (s.champion_only + s.challenger_only == 0) continue;
    rules.push_back(
        {{"rule", rule}, {"fired_champion_only", s.champion_only}, {"fired_challenger_only", s.challenger_only}});
  }
  std::sort(rules.begin(), rules.end(), [](const Json& x, const Json& y) {
    return x["fired_champion_only"].get<uint64_t>() + x["fired_challenger_only"].get<uint64_t>() >
           y["fired_champion_only"].get<uint64_t>() + y["fired_challenger_only"].get<uint64_t>();
  });
  Json features = Json::array();
  for (const auto& [feature, sum_n] : feature_shift_) {
    features.push_back({{"feature", feature},
                        {"mean_abs_effect_shift", sum_n.first / static_cast<double>(sum_n.second)},
                        {"decisions", sum_n.second}});
  }
  std::sort(features.begin(), features.end(), [](const Json& x, const Json& y) {
    return x["mean_abs_effect_shift"].get<double>() > y["mean_abs_effect_shift"].get<double>();
  });
  Json decided = Json::array();
  for (const auto& [change, n] : knockouts_) decided.push_back({{"decided_by", change}, {"decisions", n}});
  Json weights = Json::array();
  for (const auto& [change, n] : weights_) weights.push_back({{"weights", change}, {"decisions", n}});
  double changed = changed_ ? static_cast<double>(changed_) : 1;
  return {{"rules", rules},
          {"decided_by", decided},
          {"weights", weights},
          {"mean_abs_human_shift", human_shift_ / changed},
          {"mean_abs_model_shift", model_shift_ / changed},
          {"features", features}};
}

Json ChallengerComparison::shift_json() const {
  std::vector<double> sorted = final_shifts_;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.empty()) return {{"decisions", 0}};
  double lo = sorted.front(), hi = sorted.back(), sum = 0;
  for (double d : sorted) sum += d;
  const size_t bins = lo == hi ? 1 : 20;
  std::vector<uint64_t> counts(bins, 0);
  for (double d : sorted) ++counts[std::min(bins - 1, static_cast<size_t>((d - lo) / (hi - lo) * bins))];
  Json histogram = Json::array();
  for (size_t i = 0; i < bins; ++i) {
    double from = lo + (hi - lo) * static_cast<double>(i) / bins,
           to = lo + (hi - lo) * static_cast<double>(i + 1) / bins;
    histogram.push_back({{"from", from}, {"to", to}, {"count", counts[i]}});
  }
  return {{"decisions", sorted.size()},
          {"mean", sum / static_cast<double>(sorted.size())},
          {"min", lo},
          {"p05", quantile(sorted, 0.05)},
          {"p50", quantile(sorted, 0.5)},
          {"p95", quantile(sorted, 0.95)},
          {"max", hi},
          {"histogram", histogram}};
}

Json ChallengerComparison::report() const {
  Json transitions = Json::object(), rates = {{"champion", Json::object()}, {"challenger", Json::object()}};
  std::map<std::string, uint64_t> after_counts;
  for (const std::string& a : outcomes()) {
    uint64_t row = 0;
    for (const std::string& b : outcomes()) {
      uint64_t n = transitions_.contains(a) && transitions_.at(a).contains(b) ? transitions_.at(a).at(b) : 0;
      transitions[a][b] = n;
      row += n;
      after_counts[b] += n;
    }
    rates["champion"][a] = compared_ ? static_cast<double>(row) / static_cast<double>(compared_) : 0.0;
  }
  for (const std::string& b : outcomes()) {
    rates["challenger"][b] = compared_ ? static_cast<double>(after_counts[b]) / static_cast<double>(compared_) : 0.0;
  }
  Json segments = Json::array(), skipped = Json::array();
  for (const auto& [name, s] : segments_)
    segments.push_back({{"segment", name}, {"decisions", s.records}, {"changed", s.changed}});
  uint64_t not_compared = 0;
  for (const auto& [why, n] : not_compared_) {
    skipped.push_back({{"why", why}, {"records", n}});
    not_compared += n;
  }
  return {{"compared", compared_},      {"changed", changed_},        {"not_compared", not_compared},
          {"outcomes", outcomes()},     {"transitions", transitions}, {"rates", rates},
          {"by_segment", segments},     {"drivers", drivers_json()},  {"final_shift", shift_json()},
          {"not_compared_why", skipped}};
}

}  // namespace verdict
