#include "runtime/model/tree_shap_groups.h"

#include <cmath>
#include <limits>

#include "runtime/model/tree_shap.h"

namespace verdict::model {

void expand_row(const float* row, size_t feature_count, float* out) {
  const float inf = std::numeric_limits<float>::infinity();
  for (size_t f = 0; f < feature_count; ++f) {
    bool missing = std::isnan(row[f]);
    out[f] = missing ? -inf : row[f];
    out[feature_count + f] = missing ? inf : row[f];
  }
}

void ShapGroups::size(int d, int n, size_t tree_count) {
  depth = d;
  points = n;
  nodes = (2u << d) - 1;
  fields = kTables + 4 * size_t(n);
  words.assign(group_words() * ((tree_count + kLanes - 1) / kLanes), 0);
  scatters.clear();
  scatter_begin.assign(1, 0);
}

bool TreeShap::levels_fit() const {
  if (depth_ < 1 || depth_ > kMaxLevelsDepth) return false;
  for (const Node& n : nodes_) {
    if (n.left >= 0 && n.default_left && n.value == -std::numeric_limits<float>::infinity()) return false;
  }
  return true;
}

// Tree `t`'s preorder nodes into their heap nodes (tree_shap_groups.h).
void TreeShap::place_tree(size_t t, ShapGroups& g) const {
  const Tree& tree = trees_[t];
  const Node* nodes = &nodes_[tree.first];
  const int n = g.points, depth = g.depth;
  std::vector<std::pair<int, uint32_t>> at(tree.size);  // (level, heap node)
  at[0] = {0, 0};
  for (uint32_t i = 0; i < tree.size; ++i) {
    const Node& node = nodes[i];
    auto [k, h] = at[i];
    if (node.left >= 0) {
      at[node.left] = {k + 1, 2 * h + 1};
      at[node.right] = {k + 1, 2 * h + 2};
      g.word(t, h, ShapGroups::kSlot) =
          static_cast<uint32_t>(node.default_left ? node.feature : feature_count_ + node.feature);
      g.set(t, h, ShapGroups::kValue, node.value);
      g.scatters.push_back({node.feature, 2 * h + 1});
    } else {
      // A leaf above level D: its value passes down the left-most nodes.
      uint32_t m = h;
      for (int level = k + 1; level <= depth; ++level) {
        m = 2 * m + 1;
        g.set(t, m, ShapGroups::kCoverOnly, 1.0f);
        for (int q = 0; q < n; ++q) {
          g.set(t, m, ShapGroups::kTables + q, 1.0f);
          g.set(t, m, ShapGroups::kTables + n + q, 1.0f);
        }
      }
      g.set(t, m, ShapGroups::kValue, node.value);
    }
    if (i > 0) place_edge(t, i, k, h, g);
  }
  g.scatter_begin.push_back(static_cast<uint32_t>(g.scatters.size()));
}

// The edge into preorder node `i` (level `k`, heap node `h` of tree `t`).
void TreeShap::place_edge(size_t t, uint32_t i, int k, uint32_t h, ShapGroups& g) const {
  const Node* nodes = &nodes_[trees_[t].first];
  const int n = g.points;
  uint32_t same = 0;
  int m = k;
  for (int32_t a = static_cast<int32_t>(i); a > 0; a = nodes[a].parent, --m) {
    if (nodes[a].edge_feature == nodes[i].edge_feature) same |= 1u << m;
  }
  g.word(t, h, ShapGroups::kSame) = same;
  g.word(t, h, ShapGroups::kPrev) = same & ~(1u << k);
  g.set(t, h, ShapGroups::kCoverOnly, nodes[i].cover_ratio);
  const double* source = &tables_[(trees_[t].first + i) * 4 * n];  // [o][r, w·Δh]
  const uint32_t table = ShapGroups::kTables;
  for (int q = 0; q < n; ++q) {
    g.set(t, h, table + q, static_cast<float>(source[q]));
    g.set(t, h, table + n + q, static_cast<float>(source[2 * n + q]));
    g.set(t, h, table + 2 * n + q, static_cast<float>(source[n + q]));
    g.set(t, h, table + 3 * n + q, static_cast<float>(source[3 * n + q]));
  }
}

void TreeShap::build_levels() {
  vector_kernel_ = levels_fit();
  if (!vector_kernel_) return;
  groups_.size(depth_, points_, trees_.size());
  for (size_t t = 0; t < trees_.size(); ++t) place_tree(t, groups_);
}

}  // namespace verdict::model
