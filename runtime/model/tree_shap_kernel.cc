// The per-row passes of TreeShap (tree_shap.h), specialised per number of
// quadrature points N so that every vector of N values lives in registers.
#include <cmath>

#include "runtime/model/tree_shap.h"

namespace verdict::model {

template <int N>
struct ShapKernel {
  // Per tree: the row's branch at each split, o merged down to each node,
  // each edge's state (0: o = 0, 1: o = 1, 2: o = 0 already at the previous
  // split on its feature: r is the cover ratio and the edge adds nothing),
  // then A (down) and r·B (up), N values per node.
  struct Scratch {
    std::vector<uint8_t> goes_left, merged_o, state;
    std::vector<double> down, up;
  };

  static bool goes_left(const TreeShap::Node& n, const float* row) {
    float x = row[n.feature];
    return std::isnan(x) ? n.default_left != 0 : x < n.value;
  }

  static void pass_down(const TreeShap::Node* nodes, const double* tables, uint32_t size, const float* row,
                        Scratch& s) {
    for (int q = 0; q < N; ++q) s.down[q] = 1.0;
    s.merged_o[0] = 1;
    if (nodes[0].left >= 0) s.goes_left[0] = goes_left(nodes[0], row);
    for (uint32_t i = 1; i < size; ++i) {
      const TreeShap::Node& c = nodes[i];
      uint8_t before = s.merged_o[c.prev];
      uint8_t o = (s.goes_left[c.parent] == c.is_left) & before;
      s.merged_o[i] = o;
      s.state[i] = o ? 1 : (before ? 0 : 2);
      const double* above = &s.down[c.parent * N];
      double* here = &s.down[i * N];
      if (s.state[i] == 2) {
        for (int q = 0; q < N; ++q) here[q] = above[q] * c.cover_ratio;
      } else {
        const double* r = tables + i * 4 * N + o * 2 * N;
        for (int q = 0; q < N; ++q) here[q] = above[q] * r[q];
      }
      if (c.left >= 0) s.goes_left[i] = goes_left(c, row);
    }
  }

  static void pass_up(const TreeShap::Node* nodes, const double* tables, uint32_t size, Scratch& s, double* phi) {
    for (uint32_t i = size; i-- > 1;) {
      const TreeShap::Node& c = nodes[i];
      double b[N];
      if (c.left < 0) {
        for (int q = 0; q < N; ++q) b[q] = c.value;
      } else {
        const double* l = &s.up[c.left * N];
        const double* r = &s.up[c.right * N];
        for (int q = 0; q < N; ++q) b[q] = l[q] + r[q];
      }
      double* out = &s.up[i * N];
      if (s.state[i] == 2) {
        for (int q = 0; q < N; ++q) out[q] = b[q] * c.cover_ratio;
        continue;
      }
      const double* r = tables + i * 4 * N + s.state[i] * 2 * N;
      const double* a = &s.down[i * N];
      double share = 0;
      for (int q = 0; q < N; ++q) {
        share += r[N + q] * a[q] * b[q];
        out[q] = b[q] * r[q];
      }
      phi[c.edge_feature] += share;
    }
  }

  static void run(const TreeShap& shap, const float* row, double* phi) {
    thread_local Scratch s;
    if (s.state.size() < shap.max_tree_size_) {
      s.goes_left.resize(shap.max_tree_size_);
      s.merged_o.resize(shap.max_tree_size_);
      s.state.resize(shap.max_tree_size_);
      s.down.resize(size_t{shap.max_tree_size_} * N);
      s.up.resize(size_t{shap.max_tree_size_} * N);
    }
    for (const TreeShap::Tree& tree : shap.trees_) {
      const TreeShap::Node* nodes = &shap.nodes_[tree.first];
      const double* tables = &shap.tables_[size_t{tree.first} * 4 * N];
      pass_down(nodes, tables, tree.size, row, s);
      pass_up(nodes, tables, tree.size, s, phi);
    }
  }
};

bool TreeShap::vectorised() const {
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return vector_kernel_ && avx2;
#else
  return false;
#endif
}

void TreeShap::contributions(const float* row, float* out) const {
  if (!vectorised()) return portable_contributions(row, out);
  thread_local std::vector<double> phi;
  phi.assign(feature_count_, 0.0);
  vector_contributions(row, phi.data());
  finish(phi.data(), out);
}

void TreeShap::finish(const double* phi, float* out) const {
  for (size_t i = 0; i < feature_count_; ++i) out[i] = static_cast<float>(phi[i]);
  out[feature_count_] = static_cast<float>(bias_);
}

void TreeShap::portable_contributions(const float* row, float* out) const {
  thread_local std::vector<double> phi;
  phi.assign(feature_count_, 0.0);
  switch (points_) {
    case 1: ShapKernel<1>::run(*this, row, phi.data()); break;
    case 2: ShapKernel<2>::run(*this, row, phi.data()); break;
    case 3: ShapKernel<3>::run(*this, row, phi.data()); break;
    case 4: ShapKernel<4>::run(*this, row, phi.data()); break;
    default: ShapKernel<8>::run(*this, row, phi.data()); break;
  }
  finish(phi.data(), out);
}

}  // namespace verdict::model
