#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

// TreeShap's tables in the layout of its vector kernel (tree_shap_avx2.cc):
// every tree padded to a complete binary tree of the forest's depth D and
// stored level by level, structure of arrays, so that the nodes of a level
// are computed eight at a time with no data-dependent branch.
//
// Level k (0 = root, D = leaves) holds max(8, 2^k) lanes; the children of
// lane j are lanes 2j and 2j + 1 of level k + 1. A lane past 2^k, or one
// below a leaf that is above level D, is padding: its tables make it add
// nothing (the leaf's value passes down its left-most path with r = 1, its
// other lanes have r = 0 and a weight of 0), so padding never changes a
// contribution. Trees are stored one after another, `lanes` apart.
//
// An edge's state is read from masks over its path's levels: `same` has the
// levels on the path whose edges split on this edge's feature (this one
// included), `prev` the same without this one. With H the levels whose
// edge the row takes, o = (H & same) == same and the previous split's
// o = (H & prev) == prev, which is TreeShap's merged o without a pointer
// chase.
namespace verdict::model {

struct ShapLevels {
  int depth = 0;                       // D
  int points = 1;                      // N, as TreeShap::points()
  size_t lanes = 0;                    // per tree: the sum of the level widths
  std::vector<uint32_t> level_offset;  // first lane of each level k = 0..D
  // Per lane, `lanes` per tree:
  std::vector<int32_t> slot;      // levels < D: the split's slot in the expanded row (see expand_row)
  std::vector<float> value;       // levels < D: the threshold; level D: the leaf value
  std::vector<uint32_t> same;     // levels >= 1
  std::vector<uint32_t> prev;     // levels >= 1
  std::vector<float> cover_only;  // levels >= 1: r when the previous split already had o = 0
  // Per tree 4N arrays of `lanes`: r for o = 0 (N), r for o = 1 (N), then
  // w·Δh for o = 0 (N) and for o = 1 (N).
  std::vector<float> tables;
  // Where the row's shares go: each real split adds its two children's.
  struct Scatter {
    uint32_t feature;
    uint32_t lane;  // of the left child, within the tree
  };
  std::vector<Scatter> scatters;
  std::vector<uint32_t> scatter_begin;  // per tree, and one past the last

  size_t width(int level) const { return level_offset[level + 1] - level_offset[level]; }
};

// The row as the vector kernel reads it: 2F floats, slot f = x_f with NaN
// as -inf (the splits whose missing values go left read it), slot F + f =
// x_f with NaN as +inf (those whose missing values go right). `x < threshold`
// on the slot is then XGBoost's rule, except for a default-left split at a
// threshold of -inf, which makes TreeShap keep its portable kernel.
void expand_row(const float* row, size_t feature_count, float* out);

}  // namespace verdict::model
