#include "runtime/training/split.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace verdict::model {

RowSplit split_rows(const std::vector<float>& labels, double fraction, uint64_t seed) {
  std::mt19937_64 rng(seed);
  RowSplit split;
  for (float cls : {0.0f, 1.0f}) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < labels.size(); ++i) {
      if (labels[i] == cls) rows.push_back(i);
    }
    // Fisher-Yates; std::shuffle's algorithm is left to the library.
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng() % i]);
    auto held = static_cast<size_t>(std::llround(fraction * static_cast<double>(rows.size())));
    split.validation.insert(split.validation.end(), rows.begin(), rows.begin() + held);
    split.train.insert(split.train.end(), rows.begin() + held, rows.end());
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.validation.begin(), split.validation.end());
  return split;
}

}  // namespace verdict::model
