#include "runtime/model/tree_shap.h"

#include <algorithm>
#include <cmath>

#include "runtime/model/gauss_legendre.h"

namespace verdict::model {
namespace {

// The kernels compiled: a model uses the smallest N with 2N >= its depth.
int kernel_points(int depth) {
  int needed = std::max(1, (depth + 1) / 2);
  return needed <= 4 ? needed : 8;
}

// Preorder of `tree` from its root as original node ids, with each node's
// depth; false when a node is reached twice (a cycle or a shared child).
bool preorder(const TreeArrays& tree, std::vector<int32_t>& order, std::vector<int>& depth) {
  std::vector<uint8_t> seen(tree.size(), 0);
  std::vector<std::pair<int32_t, int>> stack{{0, 0}};
  while (!stack.empty()) {
    auto [node, d] = stack.back();
    stack.pop_back();
    if (seen[node]) return false;
    seen[node] = 1;
    order.push_back(node);
    depth.push_back(d);
    if (tree.is_leaf(node)) continue;
    stack.push_back({tree.right[node], d + 1});  // popped after the left subtree
    stack.push_back({tree.left[node], d + 1});
  }
  return true;
}

}  // namespace

bool TreeShap::build(const std::vector<TreeArrays>& trees, size_t feature_count, float base_margin, TreeShap& out,
                     std::string& error) {
  out = TreeShap();
  out.feature_count_ = feature_count;
  out.bias_ = base_margin;
  for (const TreeArrays& tree : trees) {
    if (!out.add_tree(tree, error)) {
      error = "tree " + std::to_string(out.trees_.size()) + ": " + error;
      return false;
    }
  }
  out.points_ = kernel_points(out.depth_);
  std::vector<double> t(out.points_), w(out.points_);
  gauss_legendre_unit(out.points_, t.data(), w.data());
  out.tables_.assign(out.nodes_.size() * 4 * out.points_, 0.0);
  for (const Tree& tree : out.trees_) out.table_edges(tree, out.points_, t.data(), w.data());
  out.build_levels();
  return true;
}

// Appends `tree` in preorder and adds its expected value (XGBoost's node
// mean: leaves weighted by cover) to the bias.
bool TreeShap::add_tree(const TreeArrays& tree, std::string& error) {
  std::vector<int32_t> order;
  std::vector<int> depth;
  if (!preorder(tree, order, depth)) {
    error = "a node is reached twice";
    return false;
  }
  int tree_depth = *std::max_element(depth.begin(), depth.end());
  if (tree_depth > kMaxDepth) {
    error = "deeper than " + std::to_string(kMaxDepth) + " levels";
    return false;
  }
  depth_ = std::max(depth_, tree_depth);
  std::vector<int32_t> position(tree.size(), -1);
  for (size_t i = 0; i < order.size(); ++i) position[order[i]] = static_cast<int32_t>(i);
  Tree added{static_cast<uint32_t>(nodes_.size()), static_cast<uint32_t>(order.size())};
  std::vector<double> mean(order.size(), 0.0);
  nodes_.resize(nodes_.size() + order.size());
  Node* nodes = &nodes_[added.first];
  for (size_t i = 0; i < order.size(); ++i) {
    int32_t id = order[i];
    Node& n = nodes[i];
    n.value = tree.condition[id];
    if (tree.is_leaf(id)) continue;
    n.left = position[tree.left[id]];
    n.right = position[tree.right[id]];
    n.feature = tree.feature[id];
    n.default_left = tree.default_left[id];
    for (int32_t child : {tree.left[id], tree.right[id]}) {
      Node& c = nodes[position[child]];
      c.parent = static_cast<int32_t>(i);
      c.is_left = child == tree.left[id];
      c.edge_feature = n.feature;
      c.cover_ratio = tree.cover[child] / tree.cover[id];
    }
  }
  for (size_t i = order.size(); i-- > 0;) {
    const Node& n = nodes[i];
    int32_t id = order[i];
    mean[i] = n.left < 0 ? n.value
                         : (mean[n.left] * tree.cover[order[n.left]] + mean[n.right] * tree.cover[order[n.right]]) /
                               tree.cover[id];
  }
  for (size_t i = 1; i < order.size(); ++i) {
    for (int32_t a = nodes[i].parent; a > 0; a = nodes[a].parent) {
      if (nodes[a].edge_feature != nodes[i].edge_feature) continue;
      nodes[i].prev = a;
      break;
    }
  }
  bias_ += mean[0];
  max_tree_size_ = std::max(max_tree_size_, added.size);
  trees_.push_back(added);
  return true;
}

// For each edge and each o: r = F / F_prev and w·(h - h_prev), with
// F(z, o) = z (1 - t) + o t, h = (o - z) / F, z and o merged along the path.
void TreeShap::table_edges(const Tree& tree, int n, const double* t, const double* w) {
  const Node* nodes = &nodes_[tree.first];
  std::vector<double> merged(tree.size, 1.0);  // z merged down to each node
  for (uint32_t i = 1; i < tree.size; ++i) {
    const Node& c = nodes[i];
    merged[i] = c.cover_ratio * (c.prev ? merged[c.prev] : 1.0);
    for (int o = 0; o <= 1; ++o) {
      double* r = &tables_[(tree.first + i) * 4 * n + o * 2 * n];
      double* wdh = r + n;
      for (int q = 0; q < n; ++q) {
        double f = merged[i] * (1 - t[q]) + o * t[q];
        double h = (o - merged[i]) / f;
        // The previous split had o = 1 (with o = 0 there, this edge is
        // state 2, which the kernel takes without a table).
        double f_prev = c.prev ? merged[c.prev] * (1 - t[q]) + t[q] : 1.0;
        double h_prev = c.prev ? (1 - merged[c.prev]) / f_prev : 0.0;
        r[q] = f / f_prev;
        wdh[q] = w[q] * (h - h_prev);
      }
    }
  }
}

}  // namespace verdict::model
