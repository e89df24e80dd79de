// TreeShap's vector kernel: the passes of tree_shap.h over the group layout
// of tree_shap_groups.h, one group of eight trees at a time, one tree per
// AVX2 lane. Compiled for AVX2 and FMA alone (the function attributes
// below) and called only when the CPU has them (TreeShap::contributions).
//
// Every array is reached through a raw pointer held in a local (Group):
// the intrinsics' stores may alias anything, so pointers read from the
// vectors' headers would be reloaded after each of them.
#include "runtime/model/tree_shap.h"

#if defined(__x86_64__)
#include <immintrin.h>

#include <algorithm>

namespace verdict::model {
namespace {

#define VERDICT_AVX2 __attribute__((target("avx2,fma"), always_inline)) inline

constexpr size_t kLanes = ShapGroups::kLanes;

template <class T>
using Lanes = std::vector<T, VectorAligned<T>>;

// Per row, per heap node, eight lanes (one per tree of the group): the
// row's branch (all ones: left), H, the o masks of the edge and of its
// previous split, the edge's share, and at a left child the sum of its and
// its sibling's shares in double; and N vectors per node of A (down), r
// (down, reused by up) and r·B (up).
struct GroupScratch {
  Lanes<int32_t> goes_left, taken, o, o_before;
  Lanes<float> share, down, r, up;
  Lanes<double> pair;
  std::vector<float> row;

  void fit(uint32_t nodes, int n, size_t feature_count) {
    const size_t lanes = size_t{nodes} * kLanes;
    if (goes_left.size() == lanes && down.size() == n * lanes && row.size() == 2 * feature_count) return;
    goes_left.assign(lanes, 0);
    taken.assign(lanes, 0);  // the root's stays 0
    o.assign(lanes, 0);
    o_before.assign(lanes, 0);
    share.assign(lanes, 0.0f);
    pair.assign(lanes, 0.0);
    down.assign(n * lanes, 1.0f);  // the root's A stays 1
    r.assign(n * lanes, 0.0f);
    up.assign(n * lanes, 0.0f);
    row.assign(2 * feature_count, 0.0f);
  }
};

// One group's node records and the row's scratch, as raw pointers.
struct Group {
  const uint32_t* words;  // the group's first node record
  size_t fields;          // rows per record
  const float* row;
  int32_t* goes_left;
  int32_t* taken;
  int32_t* o;
  int32_t* o_before;
  float* share;
  double* pair;
  float* down;  // N vectors per node
  float* r;
  float* up;
};

Group group_of(const ShapGroups& g, size_t index, GroupScratch& s) {
  return {&g.words[index * g.group_words()],
          g.fields,
          s.row.data(),
          s.goes_left.data(),
          s.taken.data(),
          s.o.data(),
          s.o_before.data(),
          s.share.data(),
          s.pair.data(),
          s.down.data(),
          s.r.data(),
          s.up.data()};
}

VERDICT_AVX2 __m256 pick(__m256 if_none, __m256 if_o0, __m256 if_o1, __m256 o, __m256 o_before) {
  return _mm256_blendv_ps(_mm256_blendv_ps(if_none, if_o0, o_before), if_o1, o);
}
VERDICT_AVX2 __m256 load(const void* at) { return _mm256_loadu_ps(static_cast<const float*>(at)); }
VERDICT_AVX2 __m256i load_i(const void* at) { return _mm256_loadu_si256(static_cast<const __m256i*>(at)); }

template <int N>
struct GroupKernel {
  VERDICT_AVX2 static const uint32_t* field(const Group& v, uint32_t n, uint32_t f) {
    return v.words + (n * v.fields + f) * kLanes;
  }
  VERDICT_AVX2 static size_t at(uint32_t n, int q) { return (size_t{n} * N + q) * kLanes; }

  // The row's branch at split node n.
  VERDICT_AVX2 static void branch(const Group& v, uint32_t n) {
    __m256 x = _mm256_i32gather_ps(v.row, load_i(field(v, n, ShapGroups::kSlot)), 4);
    __m256 left = _mm256_cmp_ps(x, load(field(v, n, ShapGroups::kValue)), _CMP_LT_OQ);
    _mm256_storeu_ps(reinterpret_cast<float*>(&v.goes_left[n * kLanes]), left);
  }

  // Node c of level k from its parent p; c is p's left child when `left`.
  VERDICT_AVX2 static void down(const Group& v, int k, uint32_t c, uint32_t p, bool left) {
    __m256i parent_left = load_i(&v.goes_left[p * kLanes]);
    __m256i bit = _mm256_set1_epi32(1 << k);
    __m256i hot = left ? _mm256_and_si256(parent_left, bit) : _mm256_andnot_si256(parent_left, bit);
    __m256i taken = _mm256_or_si256(load_i(&v.taken[p * kLanes]), hot);
    __m256i same = load_i(field(v, c, ShapGroups::kSame));
    __m256i prev = load_i(field(v, c, ShapGroups::kPrev));
    __m256i o = _mm256_cmpeq_epi32(_mm256_and_si256(taken, same), same);
    __m256i o_before = _mm256_cmpeq_epi32(_mm256_and_si256(taken, prev), prev);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(&v.taken[c * kLanes]), taken);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(&v.o[c * kLanes]), o);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(&v.o_before[c * kLanes]), o_before);
    __m256 cover = load(field(v, c, ShapGroups::kCoverOnly));
    const uint32_t* table = field(v, c, ShapGroups::kTables);
    for (int q = 0; q < N; ++q) {
      __m256 r = pick(cover, load(table + q * kLanes), load(table + (N + q) * kLanes), _mm256_castsi256_ps(o),
                      _mm256_castsi256_ps(o_before));
      _mm256_storeu_ps(&v.r[at(c, q)], r);
      _mm256_storeu_ps(&v.down[at(c, q)], _mm256_mul_ps(load(&v.down[at(p, q)]), r));
    }
  }

  // Node c's share and r·B; B is the leaf value at a leaf, else the sum of
  // the children's r·B.
  VERDICT_AVX2 static void up(const Group& v, uint32_t c, bool leaf) {
    __m256 o = load(&v.o[c * kLanes]);
    __m256 o_before = load(&v.o_before[c * kLanes]);
    const uint32_t* w_table = field(v, c, ShapGroups::kTables + 2 * N);
    __m256 share = _mm256_setzero_ps();
    for (int q = 0; q < N; ++q) {
      __m256 b = leaf ? load(field(v, c, ShapGroups::kValue))
                      : _mm256_add_ps(load(&v.up[at(2 * c + 1, q)]), load(&v.up[at(2 * c + 2, q)]));
      __m256 weight =
          pick(_mm256_setzero_ps(), load(w_table + q * kLanes), load(w_table + (N + q) * kLanes), o, o_before);
      share = _mm256_fmadd_ps(_mm256_mul_ps(weight, load(&v.down[at(c, q)])), b, share);
      _mm256_storeu_ps(&v.up[at(c, q)], _mm256_mul_ps(b, load(&v.r[at(c, q)])));
    }
    _mm256_storeu_ps(&v.share[c * kLanes], share);
  }

  __attribute__((target("avx2,fma"))) static void passes(const Group& v, int depth) {
    branch(v, 0);
    for (int k = 1; k <= depth; ++k) {
      for (uint32_t p = (1u << (k - 1)) - 1; p < (1u << k) - 1; ++p) {
        down(v, k, 2 * p + 1, p, true);
        down(v, k, 2 * p + 2, p, false);
        if (k < depth) {
          branch(v, 2 * p + 1);
          branch(v, 2 * p + 2);
        }
      }
    }
    const uint32_t leaves = (1u << depth) - 1;
    for (uint32_t c = (2u << depth) - 1; c-- > leaves;) up(v, c, true);
    for (uint32_t c = leaves; c-- > 1;) up(v, c, false);
    for (uint32_t c = 1; c < (2u << depth) - 1; c += 2) pair_shares(v, c);
  }

  // double(share[c]) + double(share[c + 1]) at left child c, as the scalar sum.
  VERDICT_AVX2 static void pair_shares(const Group& v, uint32_t c) {
    const float* left = &v.share[c * kLanes];
    const float* right = left + kLanes;
    double* out = &v.pair[c * kLanes];
    for (int half = 0; half < 2; ++half) {
      __m256d sum =
          _mm256_add_pd(_mm256_cvtps_pd(_mm_load_ps(left + 4 * half)), _mm256_cvtps_pd(_mm_load_ps(right + 4 * half)));
      _mm256_store_pd(out + 4 * half, sum);
    }
  }

  // The shares of group `index`'s trees into phi, tree by tree.
  static void scatter(const ShapGroups& g, size_t index, const double* pair, double* phi) {
    const size_t first = index * kLanes, last = std::min(first + kLanes, g.tree_count());
    for (size_t t = first; t < last; ++t) {
      const double* lane = pair + (t - first);
      for (uint32_t e = g.scatter_begin[t]; e < g.scatter_begin[t + 1]; ++e) {
        const ShapGroups::Scatter& sc = g.scatters[e];
        phi[sc.feature] += lane[sc.node * kLanes];
      }
    }
  }

  static void run(const ShapGroups& g, const float* row, size_t feature_count, double* phi) {
    thread_local GroupScratch s;
    s.fit(g.nodes, N, feature_count);
    expand_row(row, feature_count, s.row.data());
    for (size_t i = 0; i < g.group_count(); ++i) {
      const Group v = group_of(g, i, s);
      passes(v, g.depth);
      scatter(g, i, v.pair, phi);
    }
  }
};

}  // namespace

void TreeShap::vector_contributions(const float* row, double* phi) const {
  switch (points_) {
    case 1: GroupKernel<1>::run(groups_, row, feature_count_, phi); break;
    case 2: GroupKernel<2>::run(groups_, row, feature_count_, phi); break;
    case 3: GroupKernel<3>::run(groups_, row, feature_count_, phi); break;
    case 4: GroupKernel<4>::run(groups_, row, feature_count_, phi); break;
    default: GroupKernel<8>::run(groups_, row, feature_count_, phi); break;
  }
}

}  // namespace verdict::model

#else  // not x86-64: TreeShap::vectorised() is false, so this is never called

namespace verdict::model {
void TreeShap::vector_contributions(const float*, double*) const {}
}  // namespace verdict::model

#endif
