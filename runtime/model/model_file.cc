#include "runtime/model/model_file.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "compiler/util/json_depth.h"
#include "runtime/model/model_json.h"
#include "runtime/model/model_trees.h"

namespace verdict::model {
namespace {

constexpr int64_t kMaxCount = std::numeric_limits<int32_t>::max();
// |margin| from which base_score alone pins the probability within about
// 1e-7 of 0 or 1.
constexpr float kExtremeMargin = 16.0f;

// XGBoost stores most scalar parameters as strings ("5E-1", "13").
bool number_from_string(const FloatJson& node, float& out) {
  if (node.is_number()) {
    out = node.get<float>();
    return true;
  }
  if (!node.is_string()) return false;
  std::string s = node.get<std::string>();
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);  // XGBoost 2: "[5E-1]"
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool read_strings(const FloatJson* node, std::vector<std::string>& out) {
  if (!node) return true;
  if (!node->is_array()) return false;
  for (const auto& v : *node) {
    if (!v.is_string()) return false;
    out.push_back(v.get<std::string>());
  }
  return true;
}

// XGBoost accepts any base_score in (0, 1); near 0 or 1 it decides every
// score on its own (1e-45 gives a margin of -inf).
void warn_of_extreme_base(const std::string& written, ModelFile& out) {
  float margin = base_margin(out);
  if (std::isfinite(margin) && std::fabs(margin) < kExtremeMargin) return;
  char shown[32];
  std::snprintf(shown, sizeof shown, "%g", static_cast<double>(margin));
  out.warnings.push_back("`learner_model_param.base_score` is `" + written +
                         "`, so every score starts from a margin of " + shown +
                         " (a probability within 1e-7 of 0 or 1) before any tree");
}

// A whole-number parameter of learner_model_param, `fallback` when absent.
bool count_param(const FloatJson& param, const char* key, int64_t max, int64_t fallback, int64_t& out,
                 std::string& error) {
  auto it = param.find(key);
  if (it == param.end()) {
    out = fallback;
    return true;
  }
  if (whole_number(*it, 0, max, out)) return true;
  error = not_whole_number(std::string("learner_model_param.") + key, *it, 0, max);
  return false;
}

bool read_params(const FloatJson& param, ModelFile& out, std::string& error) {
  int64_t num_feature = 0, num_class = 0, num_target = 1;
  if (!count_param(param, "num_feature", kMaxModelFeatures, 0, num_feature, error) ||
      !count_param(param, "num_class", kMaxCount, 0, num_class, error) ||
      !count_param(param, "num_target", kMaxCount, 1, num_target, error)) {
    return false;
  }
  auto base = param.find("base_score");
  std::string written = base == param.end() ? "0.5" : as_written(*base);
  if (base != param.end() && !number_from_string(*base, out.base_score)) {
    error = "`learner_model_param.base_score` is `" + written + "`; it must be a number";
    return false;
  }
  if (!(out.base_score > 0.0f && out.base_score < 1.0f)) {
    error = "`learner_model_param.base_score` is `" + written + "`; it must be a probability strictly between 0 and 1";
    return false;
  }
  warn_of_extreme_base(written, out);
  if (num_class > 1 || num_target > 1) {
    error = "multi-class and multi-target models are not supported";
    return false;
  }
  out.feature_count = static_cast<size_t>(num_feature);
  return true;
}

bool read_features(const FloatJson& root, ModelFile& out, std::string& error) {
  if (!read_strings(json_path(root, {"learner", "feature_names"}), out.feature_names) ||
      !read_strings(json_path(root, {"learner", "feature_types"}), out.feature_types)) {
    error = "feature_names or feature_types is not a list of strings";
    return false;
  }
  const std::pair<const char*, size_t> lists[] = {{"names", out.feature_names.size()},
                                                  {"types", out.feature_types.size()}};
  for (const auto& [what, size] : lists) {
    if (size == 0 || size == out.feature_count) continue;
    error = "the model has " + std::to_string(size) + " feature " + what + " for " + std::to_string(out.feature_count) +
            " features";
    return false;
  }
  return true;
}

void read_extras(const FloatJson& root, ModelFile& out) {
  if (const FloatJson* attrs = json_path(root, {"learner", "attributes"}); attrs && attrs->is_object()) {
    for (const auto& [key, value] : attrs->items()) {
      if (value.is_string()) out.attributes[key] = value.get<std::string>();
    }
  }
  if (const FloatJson* v = json_path(root, {"version"}); v && v->is_array()) {
    for (const auto& part : *v) {
      int64_t n = 0;
      out.version.push_back(json_integer(part, 0, kMaxCount, n) ? static_cast<int>(n) : 0);
    }
  }
}

bool read_header(const FloatJson& root, ModelFile& out, std::string& error) {
  const FloatJson* learner = json_path(root, {"learner"});
  const FloatJson* objective = json_path(root, {"learner", "objective", "name"});
  const FloatJson* booster = json_path(root, {"learner", "gradient_booster", "name"});
  const FloatJson* param = json_path(root, {"learner", "learner_model_param"});
  if (!learner || !objective || !objective->is_string() || !booster || !booster->is_string() || !param ||
      !param->is_object()) {
    error = "not an XGBoost JSON model (no learner, objective or booster)";
    return false;
  }
  out.objective = objective->get<std::string>();
  out.booster = booster->get<std::string>();
  if (out.objective != "binary:logistic" && out.objective != "reg:logistic") {
    error = "objective `" + out.objective + "` is not supported (binary:logistic only)";
    return false;
  }
  if (out.booster != "gbtree") {
    error = "booster `" + out.booster + "` is not supported (gbtree only)";
    return false;
  }
  if (!read_params(*param, out, error) || !read_features(root, out, error)) return false;
  read_extras(root, out);
  return true;
}

void warn_of_no_trees(ModelFile& out) {
  if (!out.trees.empty()) return;
  out.warnings.push_back("the model has no trees: every request gets the probability of its `base_score`");
}

}  // namespace

bool parse_model_file(std::string_view json_text, ModelFile& out, std::string& error) {
  if (std::optional<size_t> at = json_too_deep_at(json_text, kMaxJsonNesting)) {
    error = "the JSON nests arrays and objects deeper than " + std::to_string(kMaxJsonNesting) + " levels (at byte " +
            std::to_string(*at) + ")";
    return false;
  }
  FloatJson root = FloatJson::parse(json_text, nullptr, false);
  if (root.is_discarded()) {
    error = "not valid JSON";
    return false;
  }
  out = ModelFile();
  if (!read_header(root, out, error) || !read_trees(root, out, error)) return false;
  warn_of_no_trees(out);
  return true;
}

float base_margin(const ModelFile& file) { return -std::log(1.0f / file.base_score - 1.0f); }

}  // namespace verdict::model
