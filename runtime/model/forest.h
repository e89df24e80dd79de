#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/model/model_file.h"

// The native scoring kernel: the trees of a model in a flat layout, walked
// with XGBoost's exact arithmetic so margins agree with the C API bit for bit.
//
// Layout. Trees up to kMaxCompleteDepth levels are padded to complete binary
// trees of the forest's depth D, stored one after another in heap order (the
// children of node i are 2i+1 and 2i+2): per tree 2^D - 1 split nodes of 8
// bytes (feature | default_left bit, float threshold) and 2^D leaf values. A
// leaf above the bottom level is copied to every bottom slot beneath it; the
// split nodes beneath it always go left. Every walk is then D steps of
// `i = 2i + 1 + go_right` with no data-dependent branch. Deeper forests keep
// XGBoost's own node arrays and walk them with branches.
//
// Arithmetic (XGBoost 1.7.4, CPU predictor): go left when `x < threshold`
// compared in float; NaN follows default_left; the margin is a float
// accumulator that starts at the base margin and adds each tree's leaf in
// tree order.
namespace verdict::model {

class Forest {
 public:
  static constexpr int kMaxCompleteDepth = 10;

  // False, with `error`, when a tree has a cycle or an unreachable shape.
  static bool build(const std::vector<TreeArrays>& trees, size_t feature_count, float base_margin,
                    Forest& out, std::string& error);

  // `row` holds feature_count() floats, NaN for missing.
  float margin(const float* row) const;
  // `n` rows of feature_count() floats, one after another.
  void margins(const float* rows, size_t n, float* out) const;

  size_t tree_count() const { return tree_count_; }
  size_t feature_count() const { return feature_count_; }
  int depth() const { return depth_; }
  float base_margin() const { return base_margin_; }
  // True when the branch-free complete-tree layout is used.
  bool complete() const { return complete_; }

 private:
  struct Split {
    uint32_t feature;  // bit 31: default_left
    float threshold;
  };
  struct Node {  // deep forests: XGBoost's arrays, children absolute indices
    uint32_t feature;  // bit 31: default_left
    float value;       // threshold, or the leaf value when left < 0
    int32_t left;
    int32_t right;
  };

  void build_complete(const std::vector<TreeArrays>& trees);
  void fill_complete(const TreeArrays& tree, size_t tree_index, int32_t node, uint32_t heap, int level);
  void build_nodes(const std::vector<TreeArrays>& trees);
  float leaf_complete(size_t tree, const float* row) const;
  float leaf_nodes(size_t tree, const float* row) const;
  void margins_complete(const float* rows, size_t n, float* out) const;

  size_t tree_count_ = 0;
  size_t feature_count_ = 0;
  int depth_ = 0;
  float base_margin_ = 0.0f;
  bool complete_ = true;
  uint32_t splits_per_tree_ = 0;  // 2^D - 1
  uint32_t leaves_per_tree_ = 1;  // 2^D
  std::vector<Split> splits_;
  std::vector<float> leaves_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> roots_;  // deep forests: index of each tree's root in nodes_
};

}  // namespace verdict::model
