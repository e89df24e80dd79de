#include "runtime/model/model_file.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace verdict::model {
namespace {

// nlohmann::json with float as its floating type: numbers are parsed by
// strtof, so a float written by XGBoost reads back to the same bits.
using FloatJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t, std::uint64_t, float>;

// XGBoost stores most scalar parameters as strings ("5E-1", "13").
bool number_from_string(const FloatJson& node, float& out) {
  if (node.is_number()) {
    out = node.get<float>();
    return true;
  }
  if (!node.is_string()) return false;
  std::string s = node.get<std::string>();
  if (!s.empty() && s.front() == '[') s = s.substr(1, s.size() - 2);  // XGBoost 2 writes "[5E-1]"
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

const FloatJson* path(const FloatJson& root, std::initializer_list<const char*> keys) {
  const FloatJson* node = &root;
  for (const char* key : keys) {
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end()) return nullptr;
    node = &*it;
  }
  return node;
}

template <typename T>
bool read_array(const FloatJson& tree, const char* key, std::vector<T>& out) {
  auto it = tree.find(key);
  if (it == tree.end() || !it->is_array()) return false;
  out.clear();
  out.reserve(it->size());
  for (const auto& v : *it) {
    if (!v.is_number() && !v.is_boolean()) return false;
    out.push_back(v.is_boolean() ? static_cast<T>(v.get<bool>()) : v.get<T>());
  }
  return true;
}

bool node_ok(const TreeArrays& t, size_t i, size_t feature_count) {
  auto n = static_cast<int32_t>(t.size());
  if (t.is_leaf(i)) return t.right[i] < 0;
  return t.left[i] > 0 && t.left[i] < n && t.right[i] > 0 && t.right[i] < n && t.feature[i] < feature_count;
}

bool read_tree(const FloatJson& json, size_t feature_count, TreeArrays& t, std::string& error) {
  std::vector<int> split_type;
  if (!read_array(json, "left_children", t.left) || !read_array(json, "right_children", t.right) ||
      !read_array(json, "split_indices", t.feature) || !read_array(json, "split_conditions", t.condition) ||
      !read_array(json, "default_left", t.default_left)) {
    error =
        "a tree lacks one of left_children, right_children, split_indices, "
        "split_conditions, default_left";
    return false;
  }
  size_t n = t.size();
  if (n == 0 || t.right.size() != n || t.feature.size() != n || t.condition.size() != n || t.default_left.size() != n) {
    error = "a tree's node arrays differ in length";
    return false;
  }
  if (read_array(json, "split_type", split_type)) {
    for (int s : split_type) {
      if (s != 0) {
        error = "the model has categorical splits, which verdict does not score";
        return false;
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (!node_ok(t, i, feature_count)) {
      error = "tree node " + std::to_string(i) + " has invalid children or split feature";
      return false;
    }
  }
  return true;
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

bool read_header(const FloatJson& root, ModelFile& out, std::string& error) {
  const FloatJson* learner = path(root, {"learner"});
  const FloatJson* objective = path(root, {"learner", "objective", "name"});
  const FloatJson* booster = path(root, {"learner", "gradient_booster", "name"});
  const FloatJson* param = path(root, {"learner", "learner_model_param"});
  if (!learner || !objective || !objective->is_string() || !booster || !booster->is_string() || !param) {
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
  float num_feature = 0, num_class = 0, num_target = 1;
  if (!number_from_string(param->value("num_feature", FloatJson("0")), num_feature) ||
      !number_from_string(param->value("num_class", FloatJson("0")), num_class) ||
      !number_from_string(param->value("num_target", FloatJson("1")), num_target) ||
      !number_from_string(param->value("base_score", FloatJson("0.5")), out.base_score)) {
    error = "learner_model_param has a malformed number";
    return false;
  }
  if (!(out.base_score > 0.0f && out.base_score < 1.0f)) {
    error = "base_score must be a probability strictly between 0 and 1";
    return false;
  }
  if (num_class > 1 || num_target > 1) {
    error = "multi-class and multi-target models are not supported";
    return false;
  }
  out.feature_count = static_cast<size_t>(num_feature);
  if (!read_strings(path(root, {"learner", "feature_names"}), out.feature_names) ||
      !read_strings(path(root, {"learner", "feature_types"}), out.feature_types)) {
    error = "feature_names or feature_types is not a list of strings";
    return false;
  }
  if (!out.feature_names.empty() && out.feature_names.size() != out.feature_count) {
    error = "the model has " + std::to_string(out.feature_names.size()) + " feature names for " +
            std::to_string(out.feature_count) + " features";
    return false;
  }
  if (const FloatJson* attrs = path(root, {"learner", "attributes"}); attrs && attrs->is_object()) {
    for (const auto& [key, value] : attrs->items()) {
      if (value.is_string()) out.attributes[key] = value.get<std::string>();
    }
  }
  if (const FloatJson* v = path(root, {"version"}); v && v->is_array()) {
    for (const auto& part : *v) out.version.push_back(part.is_number() ? part.get<int>() : 0);
  }
  return true;
}

bool read_trees(const FloatJson& root, ModelFile& out, std::string& error) {
  const FloatJson* trees = path(root, {"learner", "gradient_booster", "model", "trees"});
  const FloatJson* info = path(root, {"learner", "gradient_booster", "model", "tree_info"});
  if (!trees || !trees->is_array()) {
    error = "the model has no trees array";
    return false;
  }
  if (info && info->is_array()) {
    for (const auto& group : *info) {
      if (!group.is_number() || group.get<int>() != 0) {
        error = "the model has trees for more than one output group";
        return false;
      }
    }
  }
  out.trees.resize(trees->size());
  for (size_t i = 0; i < trees->size(); ++i) {
    if (!read_tree((*trees)[i], out.feature_count, out.trees[i], error)) {
      error = "tree " + std::to_string(i) + ": " + error;
      return false;
    }
  }
  return true;
}

}  // namespace

bool parse_model_file(std::string_view json_text, ModelFile& out, std::string& error) {
  FloatJson root = FloatJson::parse(json_text, nullptr, false);
  if (root.is_discarded()) {
    error = "not valid JSON";
    return false;
  }
  out = ModelFile();
  return read_header(root, out, error) && read_trees(root, out, error);
}

float base_margin(const ModelFile& file) { return -std::log(1.0f / file.base_score - 1.0f); }

}  // namespace verdict::model
