// Native TreeSHAP (runtime/model/tree_shap.h) against the XGBoost C API's
// pred_contribs, the reference: every contribution of every row of both
// shipped data sets through both shipped models, of the 300-tree depth-6
// model, with cells blanked, and with ±inf and huge inputs; at most 1e-5
// apart in margin units, and contributions + bias = margin within 1e-5.
#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <limits>
#include <thread>

#include "tests/model/model_support.h"

namespace verdict {
namespace {

using model::Dataset;
using model::Model;

constexpr double kTolerance = 1e-5;

struct Agreement {
  double worst_difference = 0;  // |native - C API| over every contribution
  double worst_sum = 0;         // |Σ native - margin| over every row
  size_t rows = 0;
};

// Native contributions of `native_rows` against the C API's of `capi_rows`
// (the same rows, or stand-ins the C API accepts: ±FLT_MAX for ±inf).
Agreement compare(const Model& m, const Dataset& native_rows, const Dataset& capi_rows) {
  const size_t n = native_rows.rows(), width = m.feature_count() + 1;
  REQUIRE(m.native_shap());
  std::vector<float> reference(n * width), native(width);
  std::string error;
  const model::Booster* capi = m.reference(error);
  REQUIRE(capi);
  REQUIRE(capi->contributions(capi_rows.values.data(), n, capi_rows.cols, reference.data(), error));
  Agreement a;
  a.rows = n;
  for (size_t r = 0; r < n; ++r) {
    REQUIRE(m.contributions(native_rows.row(r), native.data(), error));
    double sum = 0;
    for (size_t i = 0; i < width; ++i) {
      a.worst_difference = std::max(a.worst_difference, std::abs(double(native[i]) - reference[r * width + i]));
      sum += native[i];
    }
    a.worst_sum = std::max(a.worst_sum, std::abs(sum - m.margin(native_rows.row(r))));
  }
  return a;
}

void check_agrees(const Model& m, const Dataset& native_rows, const Dataset& capi_rows) {
  Agreement a = compare(m, native_rows, capi_rows);
  INFO(a.rows << " rows; largest |native - C API| " << a.worst_difference << ", largest |sum - margin| "
              << a.worst_sum);
  CHECK(a.worst_difference <= kTolerance);
  CHECK(a.worst_sum <= kTolerance);
}

void check_agrees(const Model& m, const Dataset& rows) { check_agrees(m, rows, rows); }

// Every `every`-th cell blanked (NaN): each split's default direction.
Dataset blanked(Dataset data, size_t every, size_t offset) {
  for (size_t i = offset; i < data.values.size(); i += every) data.values[i] = std::numeric_limits<float>::quiet_NaN();
  return data;
}

// Every `every`-th cell set to `value` (native side) and `stand_in` (C API).
std::pair<Dataset, Dataset> replaced(const Dataset& data, size_t every, float value, float stand_in) {
  std::pair<Dataset, Dataset> out{data, data};
  for (size_t i = 0; i < data.values.size(); i += every) {
    out.first.values[i] = value;
    out.second.values[i] = stand_in;
  }
  return out;
}

void check_hostile_inputs(const Model& m, const Dataset& data) {
  const float inf = std::numeric_limits<float>::infinity();
  auto [plus_inf, plus_max] = replaced(data, 5, inf, FLT_MAX);
  check_agrees(m, plus_inf, plus_max);
  auto [minus_inf, minus_max] = replaced(data, 3, -inf, -FLT_MAX);
  check_agrees(m, minus_inf, minus_max);
  auto [huge, same] = replaced(data, 4, 1e30f, 1e30f);
  check_agrees(m, huge, same);
}

}  // namespace

TEST_CASE("native TreeSHAP equals the C API on every credit row (credit_default)", "[model][shap]") {
  auto m = testing::load_model(testing::source_path("models/credit_default.json"));
  Dataset data = testing::credit_rows();
  check_agrees(*m, data);
  check_agrees(*m, blanked(data, 3, 0));
  check_agrees(*m, blanked(data, 2, 1));
  check_hostile_inputs(*m, data);
}

TEST_CASE("native TreeSHAP equals the C API on every churn row (churn)", "[model][shap]") {
  auto m = testing::load_model(testing::source_path("models/churn.json"));
  Dataset data = testing::encode_csv("tests/data/mlc_churn.csv", m->features());
  check_agrees(*m, data);
  check_agrees(*m, blanked(data, 7, 0));
  check_agrees(*m, blanked(data, 2, 0));
  check_hostile_inputs(*m, data);
}

TEST_CASE("native TreeSHAP equals the C API: 300 trees of depth 6", "[model][shap]") {
  auto m = testing::train_credit(
      {{"objective", "binary:logistic"}, {"max_depth", "6"}, {"eta", "0.1"}, {"nthread", "1"}, {"tree_method", "hist"}},
      300, "shap300");
  CHECK(m->native_shap());
  CHECK(m->forest().depth() == 6);
  Dataset data = testing::credit_rows();
  check_agrees(*m, data);
  check_agrees(*m, blanked(data, 3, 1));
  check_hostile_inputs(*m, data);
}

TEST_CASE("native TreeSHAP equals the C API at every quadrature size (depths 1 to 16)", "[model][shap]") {
  Dataset data = testing::credit_rows();
  for (int depth : {1, 2, 5, 7, 9, 12, 16}) {
    auto m = testing::train_credit({{"objective", "binary:logistic"},
                                    {"max_depth", std::to_string(depth)},
                                    {"min_child_weight", "0.1"},
                                    {"nthread", "1"},
                                    {"tree_method", "exact"}},
                                   8, "shap_depth" + std::to_string(depth));
    INFO("max_depth " << depth << ", tree depth " << m->forest().depth());
    CHECK(m->native_shap());
    check_agrees(*m, blanked(data, 5, 2));
  }
}

namespace {

// The vector kernel against the portable one, row by row (both are also
// checked against the C API above, whichever contributions() takes).
void check_kernels_agree(const Model& m, const Dataset& data) {
  const model::TreeShap& shap = m.tree_shap();
  const size_t width = m.feature_count() + 1;
  std::vector<float> vector(width), portable(width);
  double worst = 0;
  for (size_t r = 0; r < data.rows(); ++r) {
    shap.contributions(data.row(r), vector.data());
    shap.portable_contributions(data.row(r), portable.data());
    for (size_t i = 0; i < width; ++i) worst = std::max(worst, std::abs(double(vector[i]) - portable[i]));
  }
  INFO("largest |vector - portable| " << worst);
  CHECK(worst <= kTolerance);
}

}  // namespace

TEST_CASE("the AVX2 TreeSHAP kernel takes the shipped models and equals the portable one", "[model][shap]") {
#if defined(__x86_64__)
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  const bool avx2 = false;
#endif
  auto credit = testing::load_model(testing::source_path("models/credit_default.json"));
  auto churn = testing::load_model(testing::source_path("models/churn.json"));
  CHECK(credit->tree_shap().vectorised() == avx2);
  CHECK(churn->tree_shap().vectorised() == avx2);
  Dataset credit_data = testing::credit_rows();
  check_kernels_agree(*credit, credit_data);
  check_kernels_agree(*credit, blanked(credit_data, 3, 0));
  Dataset churn_data = testing::encode_csv("tests/data/mlc_churn.csv", churn->features());
  check_kernels_agree(*churn, blanked(churn_data, 2, 1));
}

TEST_CASE("a forest deeper than the vector layout keeps the portable TreeSHAP kernel", "[model][shap]") {
  auto m = testing::train_credit({{"objective", "binary:logistic"},
                                  {"max_depth", "12"},
                                  {"min_child_weight", "0.1"},
                                  {"nthread", "1"},
                                  {"tree_method", "exact"}},
                                 4, "shap_levels_deep");
  REQUIRE(m->forest().depth() > model::TreeShap::kMaxLevelsDepth);
  CHECK_FALSE(m->tree_shap().vectorised());
  check_kernels_agree(*m, testing::credit_rows());
}

TEST_CASE("a model deeper than the native TreeSHAP takes its contributions from the C API", "[model][shap]") {
  auto m = testing::train_credit({{"objective", "binary:logistic"},
                                  {"max_depth", "24"},
                                  {"min_child_weight", "0"},
                                  {"nthread", "1"},
                                  {"tree_method", "exact"}},
                                 3, "shap_deep");
  REQUIRE(m->forest().depth() > model::TreeShap::kMaxDepth);
  CHECK_FALSE(m->native_shap());
  const size_t width = m->feature_count() + 1;
  std::vector<float> a(width), b(width);
  std::string error;
  Dataset data = testing::credit_rows();
  REQUIRE(m->contributions(data.row(3), a.data(), error));
  REQUIRE(m->reference_contributions(data.row(3), b.data(), error));
  CHECK(a == b);
}

TEST_CASE("native TreeSHAP gives the same bytes from several threads at once", "[model][shap]") {
  auto m = testing::load_model(testing::source_path("models/credit_default.json"));
  Dataset data = testing::credit_rows();
  const size_t n = 500, width = m->feature_count() + 1;
  std::vector<float> expected(n * width);
  std::string error;
  for (size_t r = 0; r < n; ++r) REQUIRE(m->contributions(data.row(r), &expected[r * width], error));
  std::vector<int> bad(3, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      std::vector<float> shap(width);
      std::string e;
      for (int pass = 0; pass < 4; ++pass) {
        for (size_t r = t; r < n; ++r) {
          m->contributions(data.row(r), shap.data(), e);
          bad[t] += !std::equal(shap.begin(), shap.end(), expected.begin() + r * width);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(bad == std::vector<int>(3, 0));
}

}  // namespace verdict
