// The native kernel on hand-built and random trees, against a plain
// recursive walker written the obvious way (XGBoost's rules: go left when
// x < threshold in float, NaN follows default_left, float sum in tree order).
#include "runtime/model/forest.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

namespace verdict::model {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

int32_t add_node(TreeArrays& t, uint32_t feature, float condition, bool default_left) {
  t.left.push_back(-1);
  t.right.push_back(-1);
  t.feature.push_back(feature);
  t.condition.push_back(condition);
  t.default_left.push_back(default_left);
  return static_cast<int32_t>(t.size() - 1);
}

int32_t add_leaf(TreeArrays& t, float value) { return add_node(t, 0, value, false); }

void link(TreeArrays& t, int32_t parent, int32_t left, int32_t right) {
  t.left[parent] = left;
  t.right[parent] = right;
}

float reference_leaf(const TreeArrays& t, const float* row) {
  int32_t n = 0;
  while (!t.is_leaf(n)) {
    float x = row[t.feature[n]];
    if (std::isnan(x))
      n = t.default_left[n] ? t.left[n] : t.right[n];
    else
      n = x < t.condition[n] ? t.left[n] : t.right[n];
  }
  return t.condition[n];
}

float reference_margin(const std::vector<TreeArrays>& trees, float base, const float* row) {
  float acc = base;
  for (const auto& t : trees) acc += reference_leaf(t, row);
  return acc;
}

// Root: x0 < 1 (NaN left) → 0.5; else x1 < -2 (NaN right) → -1 or 2.
TreeArrays small_tree() {
  TreeArrays t;
  int32_t root = add_node(t, 0, 1.0f, true);
  int32_t a = add_leaf(t, 0.5f);
  int32_t b = add_node(t, 1, -2.0f, false);
  link(t, root, a, b);
  link(t, b, add_leaf(t, -1.0f), add_leaf(t, 2.0f));
  return t;
}

// A random tree of at most `depth` levels over `features` features.
int32_t grow(TreeArrays& t, std::mt19937& rng, int depth, uint32_t features) {
  std::uniform_real_distribution<float> value(-3, 3);
  if (depth == 0 || rng() % 4 == 0) return add_leaf(t, value(rng));
  int32_t n = add_node(t, static_cast<uint32_t>(rng() % features), value(rng), rng() % 2);
  int32_t l = grow(t, rng, depth - 1, features);
  int32_t r = grow(t, rng, depth - 1, features);
  link(t, n, l, r);
  return n;
}

// Random rows: a few exact thresholds-like values, NaN, and noise.
std::vector<float> random_rows(std::mt19937& rng, size_t n, size_t features) {
  std::uniform_real_distribution<float> value(-3, 3);
  std::vector<float> rows(n * features);
  for (float& x : rows) {
    unsigned pick = rng() % 8;
    x = pick == 0 ? kNaN : pick == 1 ? std::round(value(rng)) : value(rng);
  }
  return rows;
}

void check_random_forest(int depth, size_t tree_count, unsigned seed) {
  std::mt19937 rng(seed);
  const size_t features = 5;
  std::vector<TreeArrays> trees(tree_count);
  for (auto& t : trees) grow(t, rng, depth, features);
  Forest forest;
  std::string error;
  REQUIRE(Forest::build(trees, features, 0.25f, forest, error));
  CHECK(forest.complete() == (forest.depth() <= Forest::kMaxCompleteDepth));
  const size_t n = 300;
  std::vector<float> rows = random_rows(rng, n, features);
  std::vector<float> batch(n);
  forest.margins(rows.data(), n, batch.data());
  for (size_t r = 0; r < n; ++r) {
    float expected = reference_margin(trees, 0.25f, &rows[r * features]);
    float single = forest.margin(&rows[r * features]);
    INFO("row " << r);
    CHECK(std::memcmp(&expected, &single, sizeof(float)) == 0);
    CHECK(std::memcmp(&expected, &batch[r], sizeof(float)) == 0);
  }
}

}  // namespace

TEST_CASE("forest: thresholds compare with <, NaN follows default_left", "[model][forest]") {
  std::vector<TreeArrays> trees{small_tree()};
  TreeArrays leaf;
  add_leaf(leaf, 0.25f);
  trees.push_back(leaf);
  Forest forest;
  std::string error;
  REQUIRE(Forest::build(trees, 2, 0.0f, forest, error));
  CHECK(forest.complete());
  CHECK(forest.depth() == 2);
  CHECK(forest.tree_count() == 2);
  auto margin = [&](float x0, float x1) {
    float row[2] = {x0, x1};
    return forest.margin(row);
  };
  CHECK(margin(0.5f, 0) == 0.75f);
  CHECK(margin(kNaN, 0) == 0.75f);    // default left
  CHECK(margin(1.0f, -3) == -0.75f);  // 1 < 1 is false: right
  CHECK(margin(std::nextafter(1.0f, 0.0f), -3) == 0.75f);
  CHECK(margin(1.0f, -2) == 2.25f);    // -2 < -2 is false: right
  CHECK(margin(1.0f, kNaN) == 2.25f);  // default right
}

// One split on x0 at `threshold`: left leaf 1, right leaf 2.
TreeArrays stump(float threshold, bool default_left) {
  TreeArrays t;
  int32_t root = add_node(t, 0, threshold, default_left);
  int32_t left = add_leaf(t, 1.0f);
  link(t, root, left, add_leaf(t, 2.0f));
  return t;
}

float score_one(const TreeArrays& tree, float x) {
  Forest forest;
  std::string error;
  REQUIRE(Forest::build({tree}, 1, 0.0f, forest, error));
  float batch = 0;
  forest.margins(&x, 1, &batch);
  float single = forest.margin(&x);
  CHECK(std::memcmp(&batch, &single, sizeof(float)) == 0);
  CHECK(single == reference_leaf(tree, &x));
  return single;
}

TEST_CASE("forest: signed zeros and infinities compare as floats do", "[model][forest]") {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const float denormal = std::numeric_limits<float>::denorm_min();
  for (float threshold : {0.0f, -0.0f}) {
    CHECK(score_one(stump(threshold, false), -0.0f) == 2.0f);  // -0 < 0 is false
    CHECK(score_one(stump(threshold, false), 0.0f) == 2.0f);
    CHECK(score_one(stump(threshold, false), -denormal) == 1.0f);
    CHECK(score_one(stump(threshold, false), -kInf) == 1.0f);
    CHECK(score_one(stump(threshold, false), kInf) == 2.0f);
    CHECK(score_one(stump(threshold, false), kNaN) == 2.0f);
    CHECK(score_one(stump(threshold, true), kNaN) == 1.0f);
  }
  CHECK(score_one(stump(kInf, false), kInf) == 2.0f);
  CHECK(score_one(stump(kInf, false), 3e38f) == 1.0f);
  CHECK(score_one(stump(kInf, true), kNaN) == 1.0f);
  CHECK(score_one(stump(kInf, false), kNaN) == 2.0f);
  CHECK(score_one(stump(-kInf, false), -kInf) == 2.0f);
}

TEST_CASE("forest: a default-left split at -inf falls back to the node walk", "[model][forest]") {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  Forest forest;
  std::string error;
  REQUIRE(Forest::build({stump(-kInf, true)}, 1, 0.0f, forest, error));
  CHECK_FALSE(forest.complete());
  CHECK(score_one(stump(-kInf, true), kNaN) == 1.0f);
  CHECK(score_one(stump(-kInf, true), -kInf) == 2.0f);
  CHECK(score_one(stump(-kInf, true), -3e38f) == 2.0f);
}

TEST_CASE("forest: order keys sort as the floats do", "[model][forest]") {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  std::vector<float> ascending = {-kInf, -3e38f,
                                  -1.5f, -std::numeric_limits<float>::denorm_min(),
                                  0.0f,  std::numeric_limits<float>::denorm_min(),
                                  1.0f,  1.0000001f,
                                  3e38f, kInf};
  for (size_t i = 0; i + 1 < ascending.size(); ++i) {
    CHECK(Forest::order_key(ascending[i]) < Forest::order_key(ascending[i + 1]));
  }
  CHECK(Forest::order_key(-0.0f) == Forest::order_key(0.0f));
}

TEST_CASE("forest: a tree that is reached twice is rejected", "[model][forest]") {
  TreeArrays t;
  int32_t root = add_node(t, 0, 0.0f, true);
  int32_t leaf = add_leaf(t, 1.0f);
  link(t, root, leaf, leaf);
  Forest forest;
  std::string error;
  CHECK_FALSE(Forest::build({t}, 1, 0.0f, forest, error));
  CHECK(error == "tree 0: node 1 is reached twice");
}

TEST_CASE("forest: random shallow trees, complete layout, equal the reference walk", "[model][forest]") {
  check_random_forest(1, 3, 1);
  check_random_forest(4, 37, 2);
  check_random_forest(6, 64, 3);
  check_random_forest(Forest::kMaxCompleteDepth, 9, 4);
}

TEST_CASE("forest: random deep trees, node layout, equal the reference walk", "[model][forest]") {
  check_random_forest(14, 20, 5);
}

namespace {

// A chain of `levels` splits, each with a leaf on the left.
TreeArrays chain(int levels) {
  TreeArrays t;
  int32_t parent = add_node(t, 0, 0.0f, false);
  for (int level = 1; level <= levels; ++level) {
    int32_t leaf = add_leaf(t, 1.0f);
    int32_t next = level == levels ? add_leaf(t, 2.0f) : add_node(t, 0, static_cast<float>(level), false);
    link(t, parent, leaf, next);
    parent = next;
  }
  return t;
}

}  // namespace

TEST_CASE("forest: a tree deeper than 256 levels is refused (XGBoost's TreeSHAP recurses per level)",
          "[model][forest][faults]") {
  Forest forest;
  std::string error;
  CHECK(Forest::build({chain(Forest::kMaxDepth)}, 1, 0.0f, forest, error));
  CHECK(forest.depth() == Forest::kMaxDepth);
  CHECK_FALSE(Forest::build({small_tree(), chain(Forest::kMaxDepth + 1)}, 2, 0.0f, forest, error));
  CHECK(error == "tree 1 is 257 levels deep; at most 256 are scored");
}

}  // namespace verdict::model
