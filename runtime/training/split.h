#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace verdict::model {

struct RowSplit {
  std::vector<size_t> train;       // ascending row indices
  std::vector<size_t> validation;  // ascending row indices
};

// Stratified, deterministic train/validation split: within each label
// class the rows are shuffled (Fisher-Yates driven by std::mt19937_64
// seeded with `seed`, whose output the C++ standard fixes) and the first
// round(fraction * class size) go to validation. Same labels, fraction and
// seed give the same split on every platform.
RowSplit split_rows(const std::vector<float>& labels, double fraction, uint64_t seed);

}  // namespace verdict::model
