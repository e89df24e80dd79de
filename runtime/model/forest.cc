#include "runtime/model/forest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace verdict::model {
namespace {

constexpr uint32_t kDefaultLeft = 1u << 31;
constexpr uint32_t kFeatureMask = kDefaultLeft - 1;
constexpr size_t kLanes = 8;       // walks interleaved to hide load latency
constexpr size_t kBlockRows = 64;  // batch rows scored tree by tree

// XGBoost's choice, without a branch: `!(x < t)` goes right, except that
// NaN (for which both comparisons are false) goes right only when
// default_left is clear. A padding split (threshold NaN, default_left set)
// always goes left.
inline uint32_t go_right(uint32_t feature, float threshold, const float* row) {
  float x = row[feature & kFeatureMask];
  uint32_t default_right = (feature >> 31) ^ 1u;
  return static_cast<uint32_t>(x >= threshold) |
         (default_right & static_cast<uint32_t>(!(x < threshold)));
}

// Depth of a tree (a lone leaf has depth 0); false when a node is reached
// twice, which only a malformed file can do.
bool tree_depth(const TreeArrays& tree, int& depth, std::string& error) {
  std::vector<uint8_t> seen(tree.size(), 0);
  std::vector<std::pair<int32_t, int>> stack{{0, 0}};
  depth = 0;
  while (!stack.empty()) {
    auto [node, level] = stack.back();
    stack.pop_back();
    if (seen[node]++) {
      error = "node " + std::to_string(node) + " is reached twice";
      return false;
    }
    depth = std::max(depth, level);
    if (tree.is_leaf(node)) continue;
    stack.push_back({tree.left[node], level + 1});
    stack.push_back({tree.right[node], level + 1});
  }
  return true;
}

}  // namespace

bool Forest::build(const std::vector<TreeArrays>& trees, size_t feature_count, float base_margin,
                   Forest& out, std::string& error) {
  out = Forest();
  out.tree_count_ = trees.size();
  out.feature_count_ = feature_count;
  out.base_margin_ = base_margin;
  for (size_t t = 0; t < trees.size(); ++t) {
    int depth = 0;
    if (!tree_depth(trees[t], depth, error)) {
      error = "tree " + std::to_string(t) + ": " + error;
      return false;
    }
    out.depth_ = std::max(out.depth_, depth);
  }
  out.complete_ = out.depth_ <= kMaxCompleteDepth && feature_count > 0;
  if (out.complete_) out.build_complete(trees);
  else out.build_nodes(trees);
  return true;
}

void Forest::build_complete(const std::vector<TreeArrays>& trees) {
  leaves_per_tree_ = 1u << depth_;
  splits_per_tree_ = leaves_per_tree_ - 1;
  const Split padding{kDefaultLeft, std::numeric_limits<float>::quiet_NaN()};
  splits_.assign(tree_count_ * splits_per_tree_, padding);
  leaves_.assign(tree_count_ * leaves_per_tree_, 0.0f);
  for (size_t t = 0; t < trees.size(); ++t) fill_complete(trees[t], t, 0, 0, 0);
}

// Copies the subtree at `node` to heap position `heap` on `level`.
void Forest::fill_complete(const TreeArrays& tree, size_t t, int32_t node, uint32_t heap, int level) {
  if (tree.is_leaf(node)) {
    uint32_t span = 1u << (depth_ - level);           // bottom slots beneath `heap`
    uint32_t first = (heap + 1) * span - 1 - splits_per_tree_;
    float* leaves = &leaves_[t * leaves_per_tree_ + first];
    std::fill(leaves, leaves + span, tree.condition[node]);
    return;
  }
  uint32_t feature = tree.feature[node] | (tree.default_left[node] ? kDefaultLeft : 0u);
  splits_[t * splits_per_tree_ + heap] = Split{feature, tree.condition[node]};
  fill_complete(tree, t, tree.left[node], 2 * heap + 1, level + 1);
  fill_complete(tree, t, tree.right[node], 2 * heap + 2, level + 1);
}

void Forest::build_nodes(const std::vector<TreeArrays>& trees) {
  for (const TreeArrays& tree : trees) {
    auto offset = static_cast<int32_t>(nodes_.size());
    roots_.push_back(static_cast<uint32_t>(offset));
    for (size_t i = 0; i < tree.size(); ++i) {
      uint32_t feature = tree.feature[i] | (tree.default_left[i] ? kDefaultLeft : 0u);
      bool leaf = tree.is_leaf(i);
      nodes_.push_back(Node{feature, tree.condition[i], leaf ? -1 : offset + tree.left[i],
                            leaf ? -1 : offset + tree.right[i]});
    }
  }
}

float Forest::leaf_complete(size_t tree, const float* row) const {
  const Split* splits = &splits_[tree * splits_per_tree_];
  uint32_t i = 0;
  for (int level = 0; level < depth_; ++level) {
    i = 2 * i + 1 + go_right(splits[i].feature, splits[i].threshold, row);
  }
  return leaves_[tree * leaves_per_tree_ + i - splits_per_tree_];
}

float Forest::leaf_nodes(size_t tree, const float* row) const {
  const Node* n = &nodes_[roots_[tree]];
  while (n->left >= 0) {
    float x = row[n->feature & kFeatureMask];
    bool left = std::isnan(x) ? (n->feature & kDefaultLeft) != 0 : x < n->value;
    n = &nodes_[left ? n->left : n->right];
  }
  return n->value;
}

float Forest::margin(const float* row) const {
  float acc = base_margin_;
  if (!complete_) {
    for (size_t t = 0; t < tree_count_; ++t) acc += leaf_nodes(t, row);
    return acc;
  }
  size_t t = 0;
  // kLanes trees walked level by level together; their leaves are then
  // added in tree order, so the float sum is XGBoost's.
  for (; t + kLanes <= tree_count_; t += kLanes) {
    const Split* splits[kLanes];
    uint32_t i[kLanes];
    for (size_t g = 0; g < kLanes; ++g) {
      splits[g] = &splits_[(t + g) * splits_per_tree_];
      i[g] = 0;
    }
    for (int level = 0; level < depth_; ++level) {
      for (size_t g = 0; g < kLanes; ++g) {
        i[g] = 2 * i[g] + 1 + go_right(splits[g][i[g]].feature, splits[g][i[g]].threshold, row);
      }
    }
    for (size_t g = 0; g < kLanes; ++g) {
      acc += leaves_[(t + g) * leaves_per_tree_ + i[g] - splits_per_tree_];
    }
  }
  for (; t < tree_count_; ++t) acc += leaf_complete(t, row);
  return acc;
}

void Forest::margins(const float* rows, size_t n, float* out) const {
  if (complete_) {
    margins_complete(rows, n, out);
    return;
  }
  for (size_t r = 0; r < n; ++r) out[r] = margin(rows + r * feature_count_);
}

// Tree by tree over blocks of rows, so a tree stays in L1 while the block
// passes through it; each row still adds its leaves in tree order.
void Forest::margins_complete(const float* rows, size_t n, float* out) const {
  for (size_t start = 0; start < n; start += kBlockRows) {
    size_t m = std::min(kBlockRows, n - start);
    float* acc = out + start;
    std::fill(acc, acc + m, base_margin_);
    const float* block = rows + start * feature_count_;
    for (size_t t = 0; t < tree_count_; ++t) {
      const Split* splits = &splits_[t * splits_per_tree_];
      const float* leaves = &leaves_[t * leaves_per_tree_] - splits_per_tree_;
      size_t r = 0;
      for (; r + kLanes <= m; r += kLanes) {
        uint32_t i[kLanes] = {};
        for (int level = 0; level < depth_; ++level) {
          for (size_t g = 0; g < kLanes; ++g) {
            const float* row = block + (r + g) * feature_count_;
            i[g] = 2 * i[g] + 1 + go_right(splits[i[g]].feature, splits[i[g]].threshold, row);
          }
        }
        for (size_t g = 0; g < kLanes; ++g) acc[r + g] += leaves[i[g]];
      }
      for (; r < m; ++r) acc[r] += leaf_complete(t, block + r * feature_count_);
    }
  }
}

}  // namespace verdict::model
