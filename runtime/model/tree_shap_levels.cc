#include "runtime/model/tree_shap_levels.h"

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

namespace {

void size_levels(ShapLevels& l, int depth, int points, size_t tree_count) {
  l.depth = depth;
  l.points = points;
  l.level_offset.assign(depth + 2, 0);
  for (int k = 0; k <= depth; ++k) l.level_offset[k + 1] = l.level_offset[k] + std::max(8u, 1u << k);
  l.lanes = l.level_offset[depth + 1];
  const size_t total = l.lanes * tree_count;
  l.slot.assign(total, 0);
  l.value.assign(total, 0.0f);
  l.same.assign(total, 0);
  l.prev.assign(total, 0);
  l.cover_only.assign(total, 0.0f);
  l.tables.assign(total * 4 * points, 0.0f);
  l.scatter_begin.assign(1, 0);
}

}  // namespace

bool TreeShap::levels_fit() const {
  if (depth_ < 1 || depth_ > kMaxLevelsDepth) return false;
  for (const Node& n : nodes_) {
    if (n.left >= 0 && n.default_left && n.value == -std::numeric_limits<float>::infinity()) return false;
  }
  return true;
}

// Tree `t`'s preorder nodes into their lanes (tree_shap_levels.h).
void TreeShap::place_tree(size_t t, ShapLevels& l) const {
  const Tree& tree = trees_[t];
  const Node* nodes = &nodes_[tree.first];
  const int n = l.points, depth = l.depth;
  const size_t base = t * l.lanes;
  std::vector<std::pair<int, uint32_t>> at(tree.size);  // (level, index)
  at[0] = {0, 0};
  for (uint32_t i = 0; i < tree.size; ++i) {
    const Node& node = nodes[i];
    auto [k, j] = at[i];
    if (node.left >= 0) {
      at[node.left] = {k + 1, 2 * j};
      at[node.right] = {k + 1, 2 * j + 1};
      size_t lane = base + l.level_offset[k] + j;
      l.slot[lane] = static_cast<int32_t>(node.default_left ? node.feature : feature_count_ + node.feature);
      l.value[lane] = node.value;
      l.scatters.push_back({node.feature, static_cast<uint32_t>(l.level_offset[k + 1] + 2 * j)});
    } else {
      // A leaf above level D: its value passes down the left-most lanes.
      for (int m = k + 1; m <= depth; ++m) {
        size_t lane = base + l.level_offset[m] + (j << (m - k));
        l.cover_only[lane] = 1.0f;
        for (int q = 0; q < n; ++q) {
          l.tables[(t * 4 * n + q) * l.lanes + (lane - base)] = 1.0f;
          l.tables[(t * 4 * n + n + q) * l.lanes + (lane - base)] = 1.0f;
        }
      }
      l.value[base + l.level_offset[depth] + (j << (depth - k))] = node.value;
    }
    if (i > 0) place_edge(t, i, k, l.level_offset[k] + j, l);
  }
  l.scatter_begin.push_back(static_cast<uint32_t>(l.scatters.size()));
}

// The edge into preorder node `i` (level `k`, lane `lane` of tree `t`).
void TreeShap::place_edge(size_t t, uint32_t i, int k, size_t lane, ShapLevels& l) const {
  const Node* nodes = &nodes_[trees_[t].first];
  const int n = l.points;
  uint32_t same = 0;
  int m = k;
  for (int32_t a = static_cast<int32_t>(i); a > 0; a = nodes[a].parent, --m) {
    if (nodes[a].edge_feature == nodes[i].edge_feature) same |= 1u << m;
  }
  const size_t at = t * l.lanes + lane;
  l.same[at] = same;
  l.prev[at] = same & ~(1u << k);
  l.cover_only[at] = nodes[i].cover_ratio;
  const double* source = &tables_[(trees_[t].first + i) * 4 * n];  // [o][r, w·Δh]
  for (int q = 0; q < n; ++q) {
    l.tables[(t * 4 * n + q) * l.lanes + lane] = static_cast<float>(source[q]);
    l.tables[(t * 4 * n + n + q) * l.lanes + lane] = static_cast<float>(source[2 * n + q]);
    l.tables[(t * 4 * n + 2 * n + q) * l.lanes + lane] = static_cast<float>(source[n + q]);
    l.tables[(t * 4 * n + 3 * n + q) * l.lanes + lane] = static_cast<float>(source[3 * n + q]);
  }
}

void TreeShap::build_levels() {
  vector_kernel_ = levels_fit();
  if (!vector_kernel_) return;
  size_levels(levels_, depth_, points_, trees_.size());
  for (size_t t = 0; t < trees_.size(); ++t) place_tree(t, levels_);
}

}  // namespace verdict::model
