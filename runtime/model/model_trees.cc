#include "runtime/model/model_trees.h"

#include <cmath>
#include <cstdint>
#include <limits>

namespace verdict::model {
namespace {

constexpr int64_t kMaxNode = std::numeric_limits<int32_t>::max();

// The array `key` of a tree, or null with `error`.
const FloatJson* tree_array(const FloatJson& tree, const char* key, std::string& error) {
  auto it = tree.find(key);
  if (it != tree.end() && it->is_array()) return &*it;
  error = "`" + std::string(key) + "` is missing or not a list";
  return nullptr;
}

// Every entry of `array` as a JSON integer from `min` to `max`.
template <typename T>
bool read_integers(const FloatJson& array, const char* key, int64_t min, int64_t max, std::vector<T>& out,
                   std::string& error) {
  out.clear();
  out.reserve(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    int64_t v = 0;
    const FloatJson& item = array[i];
    // default_left: XGBoost wrote booleans before 1.6.
    if (item.is_boolean() && min == 0 && max == 1) {
      v = item.get<bool>() ? 1 : 0;
    } else if (!json_integer(item, min, max, v)) {
      error = not_whole_number(std::string(key) + "[" + std::to_string(i) + "]", item, min, max);
      return false;
    }
    out.push_back(static_cast<T>(v));
  }
  return true;
}

bool read_conditions(const FloatJson& array, std::vector<float>& out, std::string& error) {
  out.clear();
  out.reserve(array.size());
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_number()) {
      error = "`split_conditions[" + std::to_string(i) + "]` is `" + as_written(array[i]) + "`; it must be a number";
      return false;
    }
    out.push_back(array[i].get<float>());
  }
  return true;
}

// `sum_hessian`: each node's cover, which TreeSHAP divides by (XGBoost
// itself gives NaN contributions for a cover of 0).
bool read_covers(const FloatJson& array, std::vector<float>& out, std::string& error) {
  if (!read_conditions(array, out, error)) {
    error.replace(error.find("split_conditions"), 16, "sum_hessian");
    return false;
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (std::isfinite(out[i]) && out[i] > 0) continue;
    error = "`sum_hessian[" + std::to_string(i) + "]` is `" + as_written(array[i]) +
            "`; a node's cover must be a positive number";
    return false;
  }
  return true;
}

// The arrays of `json` into `t`; lengths are checked by the caller.
bool read_arrays(const FloatJson& json, TreeArrays& t, std::string& error) {
  const FloatJson* left = tree_array(json, "left_children", error);
  if (!left) return false;
  const int64_t last = static_cast<int64_t>(left->size()) - 1;
  if (left->empty() || last > kMaxNode) {
    error = "`left_children` has " + std::to_string(left->size()) + " entries; a tree has 1 to " +
            std::to_string(kMaxNode + 1) + " nodes";
    return false;
  }
  const FloatJson *right = nullptr, *feature = nullptr, *condition = nullptr, *default_left = nullptr, *cover = nullptr;
  return read_integers(*left, "left_children", -1, last, t.left, error) &&
         (right = tree_array(json, "right_children", error)) &&
         read_integers(*right, "right_children", -1, last, t.right, error) &&
         (feature = tree_array(json, "split_indices", error)) &&
         read_integers(*feature, "split_indices", 0, kMaxNode, t.feature, error) &&
         (condition = tree_array(json, "split_conditions", error)) && read_conditions(*condition, t.condition, error) &&
         (default_left = tree_array(json, "default_left", error)) &&
         read_integers(*default_left, "default_left", 0, 1, t.default_left, error) &&
         (cover = tree_array(json, "sum_hessian", error)) && read_covers(*cover, t.cover, error);
}

bool same_lengths(const TreeArrays& t, std::string& error) {
  const std::pair<const char*, size_t> others[] = {{"right_children", t.right.size()},
                                                   {"split_indices", t.feature.size()},
                                                   {"split_conditions", t.condition.size()},
                                                   {"default_left", t.default_left.size()},
                                                   {"sum_hessian", t.cover.size()}};
  for (const auto& [key, size] : others) {
    if (size == t.size()) continue;
    error = "`" + std::string(key) + "` has " + std::to_string(size) + " entries; `left_children` has " +
            std::to_string(t.size());
    return false;
  }
  return true;
}

// XGBoost sizes the tree from tree_param.num_nodes, which it reads without
// checking that it is there: it must be, and say what the arrays say.
bool node_count_agrees(const FloatJson& json, size_t n, std::string& error) {
  const FloatJson* count = json_path(json, {"tree_param", "num_nodes"});
  if (!count) {
    error = "`tree_param.num_nodes` is missing";
    return false;
  }
  int64_t said = 0;
  if (whole_number(*count, 1, kMaxNode, said) && static_cast<size_t>(said) == n) return true;
  error =
      "`tree_param.num_nodes` is `" + as_written(*count) + "`; the tree's arrays have " + std::to_string(n) + " nodes";
  return false;
}

// No categorical split: `split_type` (one entry per node, XGBoost indexes
// it unchecked) all 0, and the category arrays, which XGBoost follows as
// node indices and offsets, empty.
bool no_categorical_splits(const FloatJson& json, size_t n, std::string& error) {
  for (const char* key : {"categories", "categories_nodes", "categories_segments", "categories_sizes"}) {
    auto list = json.find(key);
    if (list == json.end() || (list->is_array() && list->empty())) continue;
    error = "`" + std::string(key) +
            "` is not an empty list: the model has categorical splits, which verdict does not "
            "score";
    return false;
  }
  auto it = json.find("split_type");
  if (it == json.end()) return true;
  std::vector<int> split_type;
  if (!it->is_array()) {
    error = "`split_type` is not a list";
    return false;
  }
  if (it->size() != n) {
    error = "`split_type` has " + std::to_string(it->size()) + " entries; `left_children` has " + std::to_string(n);
    return false;
  }
  if (!read_integers(*it, "split_type", 0, 1, split_type, error)) return false;
  for (int s : split_type) {
    if (s != 0) {
      error = "the model has categorical splits, which verdict does not score";
      return false;
    }
  }
  return true;
}

// A leaf has -1 for both children; a split two children that are not the root.
bool nodes_ok(const TreeArrays& t, size_t feature_count, std::string& error) {
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string node = "node " + std::to_string(i);
    if (t.is_leaf(i) != (t.right[i] < 0) || (!t.is_leaf(i) && (t.left[i] == 0 || t.right[i] == 0))) {
      error = node + " has children " + std::to_string(t.left[i]) + " and " + std::to_string(t.right[i]) +
              ": a split has two children other than the root, a leaf -1 and -1";
      return false;
    }
    if (!t.is_leaf(i) && t.feature[i] >= feature_count) {
      error = node + " splits on feature " + std::to_string(t.feature[i]) + "; the model has " +
              std::to_string(feature_count) + " features (`num_feature`)";
      return false;
    }
  }
  return true;
}

// The per-node arrays XGBoost reads that the native forest does not: each,
// when present, has one entry per node (XGBoost indexes them by node
// without checking), `parents` a node index or 2147483647 (none, the root)
// and the others numbers.
bool xgboost_arrays_ok(const FloatJson& json, size_t n, std::string& error) {
  for (const char* key : {"parents", "base_weights", "loss_changes", "sum_hessian"}) {
    auto it = json.find(key);
    if (it == json.end()) continue;
    const FloatJson* array = tree_array(json, key, error);
    if (!array) return false;
    if (array->size() != n) {
      error = "`" + std::string(key) + "` has " + std::to_string(array->size()) + " entries; `left_children` has " +
              std::to_string(n);
      return false;
    }
    std::vector<int64_t> parents;
    if (std::string(key) == "parents") {
      if (!read_integers(*array, key, 0, kMaxNode, parents, error)) return false;
      for (size_t i = 0; i < n; ++i) {
        if (parents[i] == kMaxNode || static_cast<size_t>(parents[i]) < n) continue;
        error = "`parents[" + std::to_string(i) + "]` is `" + std::to_string(parents[i]) +
                "`; it must be a node (0 to " + std::to_string(n - 1) + ") or 2147483647 for none";
        return false;
      }
      continue;
    }
    std::vector<float> numbers;
    if (!read_conditions(*array, numbers, error)) {
      error.replace(error.find("split_conditions"), 16, key);
      return false;
    }
  }
  return true;
}

bool read_tree(const FloatJson& json, size_t feature_count, TreeArrays& t, std::string& error) {
  if (!json.is_object()) {
    error = "the tree is not an object";
    return false;
  }
  return read_arrays(json, t, error) && same_lengths(t, error) && node_count_agrees(json, t.size(), error) &&
         xgboost_arrays_ok(json, t.size(), error) && no_categorical_splits(json, t.size(), error) &&
         nodes_ok(t, feature_count, error);
}

// XGBoost loads trees on several threads, each into the slot its `id`
// names: two trees with one id race on one slot (heap corruption, found by
// the model fuzz target). Tree i is id i, as XGBoost writes them.
bool tree_id_is(size_t index, const FloatJson& tree, std::string& error) {
  const FloatJson* id = tree.is_object() ? json_path(tree, {"id"}) : nullptr;
  int64_t value = -1;
  if (id && json_integer(*id, 0, kMaxNode, value) && static_cast<size_t>(value) == index) return true;
  error = "`id` is `" + (id ? as_written(*id) : std::string("missing")) + "`; tree " + std::to_string(index) +
          " must have id " + std::to_string(index);
  return false;
}

bool one_output_group(const FloatJson* info, size_t tree_count, std::string& error) {
  if (!info) return true;
  if (!info->is_array() || info->size() != tree_count) {
    error = "`tree_info` must list one output group for each of the " + std::to_string(tree_count) + " trees";
    return false;
  }
  for (const auto& group : *info) {
    if (!group.is_number_integer() || group.get<int64_t>() != 0) {
      error = "the model has trees for more than one output group (`tree_info` holds `" + as_written(group) + "`)";
      return false;
    }
  }
  return true;
}

}  // namespace

bool read_trees(const FloatJson& root, ModelFile& out, std::string& error) {
  const FloatJson* model = json_path(root, {"learner", "gradient_booster", "model"});
  const FloatJson* trees = model ? json_path(*model, {"trees"}) : nullptr;
  if (!trees || !trees->is_array()) {
    error = "the model has no trees array";
    return false;
  }
  if (const FloatJson* count = json_path(*model, {"gbtree_model_param", "num_trees"})) {
    int64_t said = 0;
    if (!whole_number(*count, 0, kMaxNode, said) || static_cast<size_t>(said) != trees->size()) {
      error = "`gbtree_model_param.num_trees` is `" + as_written(*count) + "`; the model has " +
              std::to_string(trees->size()) + " trees";
      return false;
    }
  }
  if (!one_output_group(json_path(*model, {"tree_info"}), trees->size(), error)) return false;
  out.trees.resize(trees->size());
  for (size_t i = 0; i < trees->size(); ++i) {
    if (!tree_id_is(i, (*trees)[i], error) || !read_tree((*trees)[i], out.feature_count, out.trees[i], error)) {
      error = "tree " + std::to_string(i) + ": " + error;
      return false;
    }
  }
  return true;
}

}  // namespace verdict::model
