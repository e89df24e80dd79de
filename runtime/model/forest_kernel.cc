// The complete-layout walks of Forest (see forest.h), specialised per depth
// so the level loop unrolls and the 8 interleaved walks stay in registers.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "runtime/model/forest.h"

namespace verdict::model {
namespace {

// Walks interleaved to hide load latency: trees of one row (measured best
// at 12 on the 300-tree bench model), rows of one tree in batches.
constexpr size_t kRowLanes = 12;
constexpr size_t kLanes = 8;
constexpr size_t kBlockRows = 64;  // batch rows scored tree by tree
constexpr size_t kStackSlots = 512;
constexpr float kInf = std::numeric_limits<float>::infinity();

// Row `x` of `f` features as 2f order keys: NaN as -inf, then NaN as +inf.
inline void expand(const float* x, size_t f, uint32_t* slots) {
  const uint32_t low = Forest::order_key(-kInf), high = Forest::order_key(kInf);
  for (size_t i = 0; i < f; ++i) {
    bool missing = std::isnan(x[i]);
    uint32_t key = Forest::order_key(x[i]);
    slots[i] = missing ? low : key;
    slots[f + i] = missing ? high : key;
  }
}

}  // namespace

template <int D>
struct CompleteKernel {
  using Split = Forest::Split;

  // One step down from node i (1-based heap order: the children of i are
  // 2i and 2i + 1): XGBoost's `x < threshold` goes left. Expanded slots are
  // never NaN, so `x < t` is exactly "not right".
  static inline uint32_t step(const Split* splits, uint32_t i, const uint32_t* slots) {
    const Split& s = splits[i - 1];
    return 2 * i + 1 - static_cast<uint32_t>(slots[s.slot] < s.key);
  }

  static constexpr uint32_t S = (1u << D) - 1;  // splits per tree
  static constexpr uint32_t L = 1u << D;        // leaves per tree

  // kRowLanes consecutive trees from `group` walked level by level together.
  // Lane g tracks o = its node's index in `group` (g*S + heap index - 1);
  // the step `i -> 2i + 1 - lt` becomes `o -> 2o + (2 - g*S) - lt`, a
  // constant per lane, so each step is two loads, a compare, lea and sbb.
  static inline void walk_group(const Split* group, const uint32_t* slots, size_t* o) {
#pragma GCC unroll 16
    for (size_t g = 0; g < kRowLanes; ++g) o[g] = g * S;
#pragma GCC unroll 16
    for (int level = 0; level < D; ++level) {
#pragma GCC unroll 16
      for (size_t g = 0; g < kRowLanes; ++g) {
        const Split& s = group[o[g]];
        o[g] = 2 * o[g] + (2 - g * S) - static_cast<size_t>(slots[s.slot] < s.key);
      }
    }
  }

  static float margin(const Forest& f, const uint32_t* slots) {
    const Split* splits = f.splits_.data();
    float acc = f.base_margin_;
    size_t t = 0;
    for (; t + kRowLanes <= f.tree_count_; t += kRowLanes) {
      size_t o[kRowLanes];  // 64-bit: used as addresses without widening
      walk_group(splits + t * S, slots, o);
      // Lane g ends at heap index o - g*S + 1, in [L, 2L): leaf o - g*S + 1 - L
      // of tree t + g. (Unsigned wrap-around in between is harmless.)
      const float* leaves = f.leaves_.data() + t * L;
      // INVARIANT: leaves are added in tree order (XGBoost's float sum).
#pragma GCC unroll 16
      for (size_t g = 0; g < kRowLanes; ++g) acc += leaves[g * L + o[g] - g * S + 1 - L];
    }
    for (; t < f.tree_count_; ++t) {
      uint32_t i = 1;
      for (int level = 0; level < D; ++level) i = step(splits + t * S, i, slots);
      acc += f.leaves_[t * L + i - L];
    }
    return acc;
  }

  // `m` rows of expanded slots (`width` floats each) through every tree,
  // adding to `acc` in tree order.
  static void block(const Forest& f, const uint32_t* slots, size_t width, size_t m, float* acc) {
    for (size_t t = 0; t < f.tree_count_; ++t) {
      const Split* splits = f.splits_.data() + t * S;
      const float* leaves = f.leaves_.data() + t * L;  // indexed by heap index - L
      size_t r = 0;
      for (; r + kLanes <= m; r += kLanes) {
        uint32_t i[kLanes];
        std::fill(i, i + kLanes, 1u);
#pragma GCC unroll 16
        for (int level = 0; level < D; ++level) {
#pragma GCC unroll 16
          for (size_t g = 0; g < kLanes; ++g) i[g] = step(splits, i[g], slots + (r + g) * width);
        }
#pragma GCC unroll 16
        for (size_t g = 0; g < kLanes; ++g) acc[r + g] += leaves[i[g] - L];
      }
      for (; r < m; ++r) {
        uint32_t i = 1;
        for (int level = 0; level < D; ++level) i = step(splits, i, slots + r * width);
        acc[r] += leaves[i - L];
      }
    }
  }
};

namespace {

using MarginFn = float (*)(const Forest&, const uint32_t*);
using BlockFn = void (*)(const Forest&, const uint32_t*, size_t, size_t, float*);

template <int... D>
constexpr auto margin_table(std::integer_sequence<int, D...>) {
  return std::array<MarginFn, sizeof...(D)>{&CompleteKernel<D>::margin...};
}
template <int... D>
constexpr auto block_table(std::integer_sequence<int, D...>) {
  return std::array<BlockFn, sizeof...(D)>{&CompleteKernel<D>::block...};
}

constexpr auto kDepths = std::make_integer_sequence<int, Forest::kMaxCompleteDepth + 1>();
constexpr auto kMargin = margin_table(kDepths);
constexpr auto kBlock = block_table(kDepths);

}  // namespace

float Forest::margin(const float* row) const {
  if (!complete_) {
    float acc = base_margin_;
    for (size_t t = 0; t < tree_count_; ++t) acc += leaf_nodes(t, row);
    return acc;
  }
  uint32_t stack[kStackSlots];
  std::vector<uint32_t> heap;
  uint32_t* slots = stack;
  if (2 * feature_count_ > kStackSlots) {
    heap.resize(2 * feature_count_);
    slots = heap.data();
  }
  expand(row, feature_count_, slots);
  return kMargin[depth_](*this, slots);
}

void Forest::margins(const float* rows, size_t n, float* out) const {
  if (!complete_) {
    for (size_t r = 0; r < n; ++r) out[r] = margin(rows + r * feature_count_);
    return;
  }
  const size_t width = 2 * feature_count_;
  std::vector<uint32_t> slots(kBlockRows * width);
  for (size_t start = 0; start < n; start += kBlockRows) {
    size_t m = std::min(kBlockRows, n - start);
    for (size_t r = 0; r < m; ++r) expand(rows + (start + r) * feature_count_, feature_count_, &slots[r * width]);
    std::fill(out + start, out + start + m, base_margin_);
    kBlock[depth_](*this, slots.data(), width, m, out + start);
  }
}

}  // namespace verdict::model
