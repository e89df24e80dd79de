#include "runtime/model/forest.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

namespace verdict::model {
namespace {

constexpr uint32_t kDefaultLeft = 1u << 31;
constexpr uint32_t kFeatureMask = kDefaultLeft - 1;
constexpr float kInf = std::numeric_limits<float>::infinity();

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

uint32_t Forest::order_key(float x) {
  uint32_t bits = 0;
  x = x == 0.0f ? 0.0f : x;  // -0 compares equal to +0
  std::memcpy(&bits, &x, sizeof bits);
  return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

bool Forest::build(const std::vector<TreeArrays>& trees, size_t feature_count, float base_margin, Forest& out,
                   std::string& error) {
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
    if (depth > kMaxDepth) {
      error = "tree " + std::to_string(t) + " is " + std::to_string(depth) + " levels deep; at most " +
              std::to_string(kMaxDepth) + " are scored";
      return false;
    }
    out.depth_ = std::max(out.depth_, depth);
  }
  out.complete_ = out.depth_ <= kMaxCompleteDepth && feature_count > 0 && out.build_complete(trees);
  if (!out.complete_) out.build_nodes(trees);
  return true;
}

// False when a split cannot be expressed in the complete layout.
bool Forest::build_complete(const std::vector<TreeArrays>& trees) {
  for (const TreeArrays& tree : trees) {
    for (size_t i = 0; i < tree.size(); ++i) {
      if (!tree.is_leaf(i) && tree.default_left[i] && tree.condition[i] == -kInf) return false;
    }
  }
  leaves_per_tree_ = 1u << depth_;
  splits_per_tree_ = leaves_per_tree_ - 1;
  splits_.assign(tree_count_ * splits_per_tree_, Split{0, 0});  // padding: either way
  leaves_.assign(tree_count_ * leaves_per_tree_, 0.0f);
  for (size_t t = 0; t < trees.size(); ++t) fill_complete(trees[t], t, 0, 0, 0);
  return true;
}

// Copies the subtree at `node` to heap position `heap` on `level`.
void Forest::fill_complete(const TreeArrays& tree, size_t t, int32_t node, uint32_t heap, int level) {
  if (tree.is_leaf(node)) {
    uint32_t span = 1u << (depth_ - level);  // bottom slots beneath `heap`
    uint32_t first = (heap + 1) * span - 1 - splits_per_tree_;
    float* leaves = &leaves_[t * leaves_per_tree_ + first];
    std::fill(leaves, leaves + span, tree.condition[node]);
    return;
  }
  auto slot = static_cast<uint32_t>(tree.feature[node] + (tree.default_left[node] ? 0 : feature_count_));
  splits_[t * splits_per_tree_ + heap] = Split{slot, order_key(tree.condition[node])};
  fill_complete(tree, t, tree.left[node], 2 * heap + 1, level + 1);
  fill_complete(tree, t, tree.right[node], 2 * heap + 2, level + 1);
}

void Forest::build_nodes(const std::vector<TreeArrays>& trees) {
  splits_.clear();
  leaves_.clear();
  for (const TreeArrays& tree : trees) {
    auto offset = static_cast<int32_t>(nodes_.size());
    roots_.push_back(static_cast<uint32_t>(offset));
    for (size_t i = 0; i < tree.size(); ++i) {
      uint32_t feature = tree.feature[i] | (tree.default_left[i] ? kDefaultLeft : 0u);
      bool leaf = tree.is_leaf(i);
      nodes_.push_back(
          Node{feature, tree.condition[i], leaf ? -1 : offset + tree.left[i], leaf ? -1 : offset + tree.right[i]});
    }
  }
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

}  // namespace verdict::model
