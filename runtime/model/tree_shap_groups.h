#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <new>
#include <vector>

// TreeShap's tables in the layout of its vector kernel (tree_shap_avx2.cc):
// trees in groups of eight, one SIMD lane per tree, so that a group's node
// is computed for its eight trees at once with no data-dependent branch and
// no shuffle.
//
// Every tree is padded to the complete binary tree of the forest's depth D
// in heap order: node n's children are 2n + 1 (left) and 2n + 2 (right),
// level k is nodes 2^k - 1 .. 2^(k+1) - 2, and a tree has `nodes` =
// 2^(D+1) - 1. A node below a leaf that is above level D is padding: the
// leaf's value passes down its left-most path with r = 1 and a weight of 0,
// the other padding nodes have r = 0 and a weight of 0, so padding never
// changes a contribution. Lanes of the last group past the tree count are
// all zero (value, tables, same, prev) and scatter nothing.
//
// Storage: per group, per node, one record of `fields` rows of kLanes
// 32-bit words (lane = tree % 8): slot, value, same, prev, cover_only, then
// the 4N tables; records are consecutive, node after node, group after group.
//
// An edge's state is read from masks over its path's levels: `same` has the
// levels on the path whose edges split on this edge's feature (this one
// included), `prev` the same without this one. With H the levels whose
// edge the row takes, o = (H & same) == same and the previous split's
// o = (H & prev) == prev, which is TreeShap's merged o without a pointer
// chase.
namespace verdict::model {

// Storage aligned to the 32 bytes of one vector of eight lanes.
template <class T>
struct VectorAligned {
  using value_type = T;
  VectorAligned() = default;
  template <class U>
  VectorAligned(const VectorAligned<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{32})); }
  void deallocate(T* p, size_t) { ::operator delete (p, std::align_val_t{32}); }
  template <class U>
  bool operator==(const VectorAligned<U>&) const {
    return true;
  }
};

struct ShapGroups {
  static constexpr size_t kLanes = 8;
  // The rows of a node record; node n is at level k(n) (0 = root, D = leaves).
  enum Field : uint32_t {
    kSlot,       // int32, levels < D: the split's slot in the expanded row (see expand_row)
    kValue,      // float, levels < D: the threshold; level D: the leaf value
    kSame,       // uint32, levels >= 1
    kPrev,       // uint32, levels >= 1
    kCoverOnly,  // float, levels >= 1: r when the previous split already had o = 0
    kTables,     // float, 4N rows: r for o = 0 (N), r for o = 1 (N), then w·Δh for o = 0 (N) and o = 1 (N)
  };
  int depth = 0;                                         // D
  int points = 1;                                        // N, as TreeShap::points()
  uint32_t nodes = 0;                                    // per tree: 2^(D+1) - 1
  size_t fields = 0;                                     // rows per node record: kTables + 4N
  std::vector<uint32_t, VectorAligned<uint32_t>> words;  // [group][node][field][lane], each row 32-byte aligned
  // Where the row's shares go: each real split adds its two children's.
  struct Scatter {
    uint32_t feature;
    uint32_t node;  // the left child's heap node; the right child is node + 1
  };
  std::vector<Scatter> scatters;        // per tree in tree order, each tree's splits in preorder
  std::vector<uint32_t> scatter_begin;  // per tree, and one past the last

  // All zero, for `tree_count` trees.
  void size(int depth, int points, size_t tree_count);
  size_t tree_count() const { return scatter_begin.size() - 1; }
  size_t group_count() const { return (tree_count() + kLanes - 1) / kLanes; }
  // Words of one group, `nodes` records of fields × kLanes.
  size_t group_words() const { return size_t{nodes} * fields * kLanes; }
  uint32_t& word(size_t tree, uint32_t node, uint32_t field) {
    return words[(tree / kLanes) * group_words() + (size_t{node} * fields + field) * kLanes + tree % kLanes];
  }
  void set(size_t tree, uint32_t node, uint32_t field, float value) {
    word(tree, node, field) = std::bit_cast<uint32_t>(value);
  }
};

// The row as the vector kernel reads it: 2F floats, slot f = x_f with NaN
// as -inf (the splits whose missing values go left read it), slot F + f =
// x_f with NaN as +inf (those whose missing values go right). `x < threshold`
// on the slot is then XGBoost's rule, except for a default-left split at a
// threshold of -inf, which makes TreeShap keep its portable kernel.
void expand_row(const float* row, size_t feature_count, float* out);

}  // namespace verdict::model
