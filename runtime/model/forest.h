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
// bytes (input slot, float threshold) and 2^D leaf values. A leaf above the
// bottom level is copied to every bottom slot beneath it, so the splits
// beneath it may go either way. A walk is D steps of `i = 2i + 1 + go_right`
// with no data-dependent branch, specialised per D (forest_kernel.cc) and
// interleaved over 12 trees (one row) or 8 rows (one tree, in batches).
//
// Missing values without a branch: each row is first expanded to 2F slots,
// slot f = x_f with NaN as -inf, then slot F + f = x_f with NaN as +inf. A
// split whose missing values go left reads slot f, one whose missing values
// go right reads slot F + f; then `go_right = !(slot < threshold)` is
// XGBoost's rule in every case (a default-left split at -inf, which no
// trainer writes, makes the forest fall back to the node walk below).
// Slots and thresholds are stored as order keys: the float's bits mapped to
// a uint32 that sorts as the float does (-0 taken as +0), so one unsigned
// compare and a subtract-with-borrow take a step.
//
// Deeper forests keep XGBoost's own node arrays and walk them with branches.
//
// Arithmetic (XGBoost 1.7.4, CPU predictor): go left when `x < threshold`
// compared in float; NaN follows default_left; the margin is a float
// accumulator that starts at the base margin and adds each tree's leaf in
// tree order.
namespace verdict::model {

class Forest {
 public:
  static constexpr int kMaxCompleteDepth = 10;
  // The deepest tree a model may have: XGBoost's TreeSHAP recurses once per
  // level and allocates depth² paths, so a deeper (hostile) tree is refused.
  static constexpr int kMaxDepth = 256;

  // False, with `error`, when a tree has a cycle or an unreachable shape.
  static bool build(const std::vector<TreeArrays>& trees, size_t feature_count, float base_margin, Forest& out,
                    std::string& error);

  // `row` holds feature_count() floats, NaN for missing.
  float margin(const float* row) const;
  // `n` rows of feature_count() floats, one after another.
  void margins(const float* rows, size_t n, float* out) const;

  size_t tree_count() const { return tree_count_; }
  size_t feature_count() const { return feature_count_; }
  int depth() const { return depth_; }
  float base_margin() const { return base_margin_; }

  // A uint32 ordered as the floats are: a < b exactly when
  // order_key(a) < order_key(b), for any non-NaN a and b (-0 == +0).
  static uint32_t order_key(float x);
  // True when the branch-free complete-tree layout is used.
  bool complete() const { return complete_; }

 private:
  struct Split {
    uint32_t slot;  // in the expanded row: feature, or feature + F when NaN goes right
    uint32_t key;   // the threshold as an order key (see order_key)
  };
  struct Node {        // deep forests: XGBoost's arrays, children absolute indices
    uint32_t feature;  // bit 31: default_left
    float value;       // threshold, or the leaf value when left < 0
    int32_t left;
    int32_t right;
  };
  template <int D>
  friend struct CompleteKernel;

  bool build_complete(const std::vector<TreeArrays>& trees);
  void fill_complete(const TreeArrays& tree, size_t tree_index, int32_t node, uint32_t heap, int level);
  void build_nodes(const std::vector<TreeArrays>& trees);
  float leaf_nodes(size_t tree, const float* row) const;

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
