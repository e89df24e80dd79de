// TreeShap's vector kernel: the passes of tree_shap.h over the level layout
// of tree_shap_levels.h, eight lanes at a time with AVX2 and FMA. Compiled
// for those instructions alone (the function attributes below) and called
// only when the CPU has them (TreeShap::contributions).
//
// Every array is reached through a raw pointer held in a local (Lanes):
// the intrinsics' stores may alias anything, so pointers read from the
// vectors' headers would be reloaded after each of them.
#include "runtime/model/tree_shap.h"

#if defined(__x86_64__)
#include <immintrin.h>

namespace verdict::model {
namespace {

#define VERDICT_AVX2 __attribute__((target("avx2,fma"), always_inline)) inline

// Per row: for every lane of one tree, the row's branch (all ones: left),
// H, the o masks of the edge and of its previous split, A and r·B for each
// point, and the edge's share.
struct LevelScratch {
  std::vector<int32_t> goes_left, taken, o, o_before;
  std::vector<float> down, up, share;
  std::vector<float> row;
};

// One tree's lanes and the row's scratch, as raw pointers.
struct Lanes {
  const int32_t* slot;
  const float* value;
  const uint32_t* same;
  const uint32_t* prev;
  const float* cover_only;
  const float* tables;  // 4N arrays of `stride`
  const float* row;
  int32_t* goes_left;
  int32_t* taken;
  int32_t* o;
  int32_t* o_before;
  float* down;  // N arrays of `stride`
  float* up;
  float* share;
  size_t stride;
};

Lanes lanes_of(const ShapLevels& l, size_t t, LevelScratch& s) {
  const size_t base = t * l.lanes;
  return {&l.slot[base], &l.value[base],      &l.same[base],
          &l.prev[base], &l.cover_only[base], &l.tables[base * 4 * l.points],
          s.row.data(),  s.goes_left.data(),  s.taken.data(),
          s.o.data(),    s.o_before.data(),   s.down.data(),
          s.up.data(),   s.share.data(),      l.lanes};
}

VERDICT_AVX2 __m256 pick(__m256 if_none, __m256 if_o0, __m256 if_o1, __m256 o, __m256 o_before) {
  return _mm256_blendv_ps(_mm256_blendv_ps(if_none, if_o0, o_before), if_o1, o);
}

// Four lanes of a level, each twice: their eight children's view of them.
VERDICT_AVX2 __m256i parents_i(const int32_t* at) {
  const __m256i duplicate = _mm256_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3);
  return _mm256_permutevar8x32_epi32(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i*)at)), duplicate);
}
VERDICT_AVX2 __m256 parents_f(const float* at) {
  const __m256i duplicate = _mm256_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3);
  return _mm256_permutevar8x32_ps(_mm256_castps128_ps256(_mm_loadu_ps(at)), duplicate);
}

template <int N>
struct LevelKernel {
  // The row's branch at lanes i .. i + 7 of a split level.
  VERDICT_AVX2 static void branch(const Lanes& v, size_t i) {
    __m256 x = _mm256_i32gather_ps(v.row, _mm256_loadu_si256((const __m256i*)&v.slot[i]), 4);
    __m256 left = _mm256_cmp_ps(x, _mm256_loadu_ps(&v.value[i]), _CMP_LT_OQ);
    _mm256_storeu_si256((__m256i*)&v.goes_left[i], _mm256_castps_si256(left));
  }

  // Lanes i .. i + 7 of level k from their parents p .. p + 3 (level k - 1).
  VERDICT_AVX2 static void down(const Lanes& v, int k, size_t i, size_t p) {
    const __m256i left_lanes = _mm256_setr_epi32(-1, 0, -1, 0, -1, 0, -1, 0);
    __m256i hot = _mm256_cmpeq_epi32(parents_i(&v.goes_left[p]), left_lanes);
    __m256i taken = _mm256_or_si256(parents_i(&v.taken[p]), _mm256_and_si256(hot, _mm256_set1_epi32(1 << k)));
    __m256i same = _mm256_loadu_si256((const __m256i*)&v.same[i]);
    __m256i prev = _mm256_loadu_si256((const __m256i*)&v.prev[i]);
    __m256i o = _mm256_cmpeq_epi32(_mm256_and_si256(taken, same), same);
    __m256i o_before = _mm256_cmpeq_epi32(_mm256_and_si256(taken, prev), prev);
    _mm256_storeu_si256((__m256i*)&v.taken[i], taken);
    _mm256_storeu_si256((__m256i*)&v.o[i], o);
    _mm256_storeu_si256((__m256i*)&v.o_before[i], o_before);
    __m256 cover = _mm256_loadu_ps(&v.cover_only[i]);
    for (int q = 0; q < N; ++q) {
      const float* r_table = &v.tables[q * v.stride + i];
      __m256 r = pick(cover, _mm256_loadu_ps(r_table), _mm256_loadu_ps(r_table + N * v.stride), _mm256_castsi256_ps(o),
                      _mm256_castsi256_ps(o_before));
      _mm256_storeu_ps(&v.down[q * v.stride + i], _mm256_mul_ps(parents_f(&v.down[q * v.stride + p]), r));
    }
  }

  // B at lanes i .. i + 7: the leaf values, or the sums of the children's
  // r·B (lanes `children` .. + 15 of the level below, + 7 when it has 8).
  VERDICT_AVX2 static __m256 below(const Lanes& v, bool leaves, size_t i, size_t children, bool narrow, int q) {
    if (leaves) return _mm256_loadu_ps(&v.value[i]);
    const float* at = &v.up[q * v.stride + children];
    __m256 lo = _mm256_loadu_ps(at);
    __m256 sums = _mm256_hadd_ps(lo, narrow ? lo : _mm256_loadu_ps(at + 8));
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(sums), 0xD8));
  }

  VERDICT_AVX2 static void up(const Lanes& v, bool leaves, size_t i, size_t children, bool narrow) {
    __m256 o = _mm256_loadu_ps((const float*)&v.o[i]);
    __m256 o_before = _mm256_loadu_ps((const float*)&v.o_before[i]);
    __m256 cover = _mm256_loadu_ps(&v.cover_only[i]);
    __m256 share = _mm256_setzero_ps();
    for (int q = 0; q < N; ++q) {
      const float* r_table = &v.tables[q * v.stride + i];
      const float* w_table = r_table + 2 * N * v.stride;
      __m256 b = below(v, leaves, i, children, narrow, q);
      __m256 r = pick(cover, _mm256_loadu_ps(r_table), _mm256_loadu_ps(r_table + N * v.stride), o, o_before);
      __m256 weight =
          pick(_mm256_setzero_ps(), _mm256_loadu_ps(w_table), _mm256_loadu_ps(w_table + N * v.stride), o, o_before);
      share = _mm256_fmadd_ps(_mm256_mul_ps(weight, _mm256_loadu_ps(&v.down[q * v.stride + i])), b, share);
      _mm256_storeu_ps(&v.up[q * v.stride + i], _mm256_mul_ps(b, r));
    }
    _mm256_storeu_ps(&v.share[i], share);
  }

  __attribute__((target("avx2,fma"))) static void tree(const ShapLevels& l, size_t t, LevelScratch& s, double* phi) {
    const Lanes v = lanes_of(l, t, s);
    const uint32_t* offset = l.level_offset.data();
    const int depth = l.depth;
    branch(v, 0);
    for (int k = 1; k <= depth; ++k) {
      for (size_t c = 0; c < offset[k + 1] - offset[k]; c += 8) {
        down(v, k, offset[k] + c, offset[k - 1] + c / 2);
        if (k < depth) branch(v, offset[k] + c);
      }
    }
    for (int k = depth; k >= 1; --k) {
      const bool narrow = k < depth && offset[k + 2] - offset[k + 1] == 8;
      for (size_t c = 0; c < offset[k + 1] - offset[k]; c += 8) {
        up(v, k == depth, offset[k] + c, k < depth ? offset[k + 1] + 2 * c : 0, narrow);
      }
    }
    for (uint32_t e = l.scatter_begin[t]; e < l.scatter_begin[t + 1]; ++e) {
      const ShapLevels::Scatter& sc = l.scatters[e];
      phi[sc.feature] += double(v.share[sc.lane]) + double(v.share[sc.lane + 1]);
    }
  }

  static void run(const ShapLevels& l, const float* row, size_t feature_count, double* phi) {
    thread_local LevelScratch s;
    if (s.goes_left.size() != l.lanes || s.down.size() != N * l.lanes || s.row.size() != 2 * feature_count) {
      s.goes_left.assign(l.lanes, 0);
      s.taken.assign(l.lanes, 0);
      s.o.assign(l.lanes, 0);
      s.o_before.assign(l.lanes, 0);
      s.share.assign(l.lanes, 0.0f);
      s.down.assign(N * l.lanes, 1.0f);  // level 0: A = 1 at every lane, for good
      s.up.assign(N * l.lanes, 0.0f);
      s.row.assign(2 * feature_count, 0.0f);
    }
    expand_row(row, feature_count, s.row.data());
    for (size_t t = 0; t + 1 < l.scatter_begin.size(); ++t) tree(l, t, s, phi);
  }
};

}  // namespace

void TreeShap::vector_contributions(const float* row, double* phi) const {
  switch (points_) {
    case 1: LevelKernel<1>::run(levels_, row, feature_count_, phi); break;
    case 2: LevelKernel<2>::run(levels_, row, feature_count_, phi); break;
    case 3: LevelKernel<3>::run(levels_, row, feature_count_, phi); break;
    case 4: LevelKernel<4>::run(levels_, row, feature_count_, phi); break;
    default: LevelKernel<8>::run(levels_, row, feature_count_, phi); break;
  }
}

}  // namespace verdict::model

#else  // not x86-64: TreeShap::vectorised() is false, so this is never called

namespace verdict::model {
void TreeShap::vector_contributions(const float*, double*) const {}
}  // namespace verdict::model

#endif
