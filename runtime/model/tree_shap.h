#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/model/model_file.h"
#include "runtime/model/tree_shap_groups.h"

// Native TreeSHAP: the exact path-dependent TreeSHAP (Lundberg et al. 2018)
// that XGBoost's `pred_contribs` computes, with the same cover weights, the
// same bias term and missing values following default_left, at a fixed
// cost per tree node (docs/models.md#native-treeshap says why this form).
//
// The quantity. For a leaf l of value v whose path splits on the features P
// (a feature split on several times counts once, with zero fraction z the
// product of its splits' cover ratios cover(child) / cover(parent) and one
// fraction o = 1 when the row takes all of them, else 0), feature i gets
//   v (o_i - z_i) Σ_{S ⊆ P∖i} |S|! (|P|-1-|S|)! / |P|!  Π_{j∈S} o_j Π_{j∉S} z_j
//   = v (o_i - z_i) ∫_0^1 Π_{j ∈ P∖i} (z_j (1 - t) + o_j t) dt,
// the Shapley weights being Beta integrals. The integrand is a polynomial
// of degree below the tree's depth D, so an N-point Gauss-Legendre rule
// with 2N >= D is exact: every quantity below is N numbers, one per point.
//
// The passes. For the edge into node c, split on feature f at c's parent,
// let F_c = z(1 - t) + o t with f's fractions merged along the path down to
// c, and r_c = F_c / F_prev, F_prev being f's factor at its previous split
// on the path (1 at its first). A leaf's product of factors is then the
// product of r over its edges, and with
//   A_c = Π r over root → c   (one pass down),
//   B_c = Σ over leaves l under c of v_l Π r over c → l   (one pass up),
//   φ_f += Σ_q w_q A_c(q) B_c(q) (h_c(q) - h_prev(q)),   h = (o - z) / F,
// summed over the edges, the differences telescope to each leaf's last
// split on f, which is the formula above. Everything that does not depend
// on the row (r and w·Δh for each edge and each value of o) is tabled at
// build; a row costs O(nodes × N) per tree.
//
// Contract: every node's cover is a positive finite number (the model
// reader checks `sum_hessian`).
namespace verdict::model {

class TreeShap {
 public:
  // The deepest tree tabled here (N = 8 points); a deeper model gets its
  // contributions from the C API.
  static constexpr int kMaxDepth = 16;
  // The deepest forest the vector kernel takes (its trees are padded to
  // complete ones, tree_shap_groups.h, and its scratch is 2^(D+1) - 1 nodes
  // of eight lanes per array); deeper ones use the portable kernel.
  static constexpr int kMaxLevelsDepth = 10;

  // False, with `error`, when a tree is deeper than kMaxDepth.
  static bool build(const std::vector<TreeArrays>& trees, size_t feature_count, float base_margin, TreeShap& out,
                    std::string& error);

  // `row`: feature_count() floats, NaN for missing (±inf and huge values
  // take the branch their comparison says, as in the scoring walk).
  // `out`: feature_count() + 1 floats, the last the bias (the expected
  // margin); they sum to the row's margin up to rounding. Thread-safe.
  // The vector kernel (AVX2) when the CPU and the forest allow it.
  void contributions(const float* row, float* out) const;
  // The same from the portable kernel (tests compare the two).
  void portable_contributions(const float* row, float* out) const;
  // True when contributions() takes the vector kernel.
  bool vectorised() const;

  size_t feature_count() const { return feature_count_; }
  // Points of the quadrature: ceil(depth / 2) (at least 1), rounded up to
  // a compiled kernel (1, 2, 3, 4 or 8).
  int points() const { return points_; }
  int depth() const { return depth_; }

 private:
  // One node in preorder (a parent before its children); indices relative
  // to the tree's first node.
  struct Node {
    int32_t left = -1, right = -1;  // -1 at a leaf
    int32_t parent = -1;            // -1 at the root
    int32_t prev = 0;               // previous split on edge_feature on the path; 0 (the root) when none
    uint32_t feature = 0;           // split feature (internal nodes)
    float value = 0;                // threshold, or the leaf value
    uint32_t edge_feature = 0;      // the parent's split feature
    float cover_ratio = 1;          // cover / parent's cover
    uint8_t default_left = 0;
    uint8_t is_left = 0;  // the parent's left child
  };
  struct Tree {
    uint32_t first = 0, size = 0;
  };
  template <int N>
  friend struct ShapKernel;

  bool add_tree(const TreeArrays& tree, std::string& error);
  void table_edges(const Tree& tree, int n, const double* t, const double* w);
  // The group layout of the vector kernel (tree_shap_groups.h/.cc).
  bool levels_fit() const;
  void build_levels();
  void place_tree(size_t t, ShapGroups& g) const;
  void place_edge(size_t t, uint32_t i, int k, uint32_t h, ShapGroups& g) const;
  void vector_contributions(const float* row, double* phi) const;
  void finish(const double* phi, float* out) const;

  size_t feature_count_ = 0;
  int points_ = 1;
  int depth_ = 0;
  double bias_ = 0;
  uint32_t max_tree_size_ = 0;
  std::vector<Node> nodes_;
  std::vector<Tree> trees_;
  // Per node, for o = 0 and o = 1: r (points_ values), then w·Δh.
  std::vector<double> tables_;
  bool vector_kernel_ = false;  // the forest fits the group layout
  ShapGroups groups_;
};

}  // namespace verdict::model
