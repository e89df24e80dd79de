#include "runtime/training/split.h"

#include <catch2/catch.hpp>

namespace verdict::model {

TEST_CASE("split: stratified, deterministic, a partition of the rows", "[model][split]") {
  std::vector<float> labels;
  for (int i = 0; i < 1000; ++i) labels.push_back(i % 4 == 0 ? 1.0f : 0.0f);  // 250 positives
  RowSplit a = split_rows(labels, 0.2, 7);
  RowSplit b = split_rows(labels, 0.2, 7);
  RowSplit c = split_rows(labels, 0.2, 8);
  CHECK(a.validation == b.validation);
  CHECK(a.validation != c.validation);
  CHECK(a.validation.size() == 200);
  CHECK(a.train.size() == 800);
  size_t held_positives = 0;
  for (size_t i : a.validation) held_positives += labels[i] == 1.0f;
  CHECK(held_positives == 50);
  std::vector<bool> seen(labels.size());
  for (size_t i : a.train) seen[i] = true;
  for (size_t i : a.validation) {
    CHECK_FALSE(seen[i]);
    seen[i] = true;
  }
  CHECK(std::find(seen.begin(), seen.end(), false) == seen.end());
  CHECK(std::is_sorted(a.train.begin(), a.train.end()));
}

TEST_CASE("split: fixed output for a fixed seed (mt19937_64 is specified)", "[model][split]") {
  std::vector<float> labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
  RowSplit s = split_rows(labels, 0.4, 1);
  CHECK(s.validation.size() == 4);
  // Pinned: a change here changes every shipped model's split.
  CHECK(s.validation == std::vector<size_t>{1, 2, 7, 8});
}

}  // namespace verdict::model
