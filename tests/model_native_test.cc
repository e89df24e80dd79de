// The native kernel against the XGBoost C API, bit for bit: every row of
// both shipped data sets through both shipped models (missing values
// included), plus models trained here to reach the other code paths (300
// trees of depth 6, trees too deep for the complete layout, a base_score
// other than 0.5). Also: SHAP contributions sum to the margin.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

#include "tests/model/model_support.h"

namespace verdict {
namespace {

using model::Booster;
using model::Dataset;
using model::Model;
using model::PredictKind;
using testing::credit_rows;
using testing::train_credit;

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof(float)) == 0; }

// Margins and probabilities, one row at a time and in one batch, on both
// sides; every value must have the same bits.
void check_against_capi(const Model& m, const Dataset& data) {
  std::string error;
  const Booster* capi = m.reference(error);
  INFO(error);
  REQUIRE(capi);
  const size_t n = data.rows(), cols = data.cols;
  REQUIRE(cols == m.feature_count());
  std::vector<float> capi_margin(n), capi_prob(n), native_margin(n), native_prob(n);
  REQUIRE(capi->predict(data.values.data(), n, cols, PredictKind::Margin, capi_margin.data(), error));
  REQUIRE(capi->predict(data.values.data(), n, cols, PredictKind::Probability, capi_prob.data(), error));
  m.margins(data.values.data(), n, native_margin.data());
  m.probabilities(data.values.data(), n, native_prob.data());
  size_t missing_rows = 0, mismatches = 0;
  for (size_t r = 0; r < n; ++r) {
    const float* row = data.row(r);
    float single_capi = 0;
    REQUIRE(capi->predict(row, 1, cols, PredictKind::Margin, &single_capi, error));
    bool ok = same_bits(capi_margin[r], single_capi) && same_bits(capi_margin[r], m.margin(row)) &&
              same_bits(capi_margin[r], native_margin[r]) && same_bits(capi_prob[r], m.probability(row)) &&
              same_bits(capi_prob[r], native_prob[r]);
    if (!ok && mismatches++ < 5) {
      FAIL_CHECK("line " << data.lines[r] << ": C API margin " << capi_margin[r] << ", native " << m.margin(row)
                         << " / batch " << native_margin[r]);
    }
    missing_rows += std::any_of(row, row + cols, [](float x) { return std::isnan(x); });
  }
  CHECK(mismatches == 0);
  INFO("rows with a missing value: " << missing_rows);
  SUCCEED();
}

}  // namespace

TEST_CASE("native kernel equals the C API on every credit row (credit_default)", "[model][native]") {
  auto m = testing::load_model(testing::source_path("models/credit_default.json"));
  CHECK(m->forest().complete());
  Dataset data = credit_rows();
  CHECK(data.rows() == 4454);
  check_against_capi(*m, data);
}

TEST_CASE("native kernel equals the C API on every churn row (churn)", "[model][native]") {
  auto m = testing::load_model(testing::source_path("models/churn.json"));
  Dataset data = testing::encode_csv("tests/data/mlc_churn.csv", m->features());
  CHECK(data.rows() == 5000);
  check_against_capi(*m, data);
  // The churn data has no missing cells: blank every 7th cell and compare
  // again, so each feature's default direction is exercised on this model.
  for (size_t i = 0; i < data.values.size(); i += 7) data.values[i] = std::numeric_limits<float>::quiet_NaN();
  check_against_capi(*m, data);
}

TEST_CASE("native kernel equals the C API: 300 trees of depth 6", "[model][native]") {
  auto m = train_credit(
      {{"objective", "binary:logistic"}, {"max_depth", "6"}, {"eta", "0.1"}, {"nthread", "1"}, {"tree_method", "hist"}},
      300, "deep300");
  CHECK(m->tree_count() == 300);
  CHECK(m->depth() == 6);
  check_against_capi(*m, credit_rows());
}

TEST_CASE("native kernel equals the C API: trees deeper than the complete layout", "[model][native]") {
  auto m = train_credit({{"objective", "binary:logistic"},
                         {"max_depth", "14"},
                         {"min_child_weight", "0"},
                         {"nthread", "1"},
                         {"tree_method", "exact"}},
                        10, "deep14");
  REQUIRE(m->depth() > model::Forest::kMaxCompleteDepth);
  CHECK_FALSE(m->forest().complete());
  check_against_capi(*m, credit_rows());
}

TEST_CASE("native kernel equals the C API: base_score 0.3", "[model][native]") {
  auto m = train_credit({{"objective", "binary:logistic"}, {"max_depth", "3"}, {"base_score", "0.3"}, {"nthread", "1"}},
                        20, "base03");
  CHECK(m->base_score() == 0.3f);
  check_against_capi(*m, credit_rows());
}

TEST_CASE("SHAP contributions plus bias sum to the margin on every credit row", "[model][shap]") {
  auto m = testing::load_model(testing::source_path("models/credit_default.json"));
  Dataset data = credit_rows();
  const size_t width = m->feature_count() + 1;
  std::vector<float> contribs(data.rows() * width);
  std::string error;
  const Booster* capi = m->reference(error);
  REQUIRE(capi);
  REQUIRE(capi->contributions(data.values.data(), data.rows(), data.cols, contribs.data(), error));
  double worst = 0;
  for (size_t r = 0; r < data.rows(); ++r) {
    double sum = 0;
    for (size_t i = 0; i < width; ++i) sum += contribs[r * width + i];
    worst = std::max(worst, std::abs(sum - m->margin(data.row(r))));
  }
  INFO("largest |sum - margin|: " << worst);
  CHECK(worst < 1e-4);
  // The per-row call gives the same numbers as the batch.
  std::vector<float> one(width);
  REQUIRE(m->reference_contributions(data.row(7), one.data(), error));
  CHECK(std::equal(one.begin(), one.end(), contribs.begin() + 7 * width));
  // The bias is the expected margin: the same on every row.
  for (size_t r = 1; r < data.rows(); ++r) REQUIRE(contribs[r * width + width - 1] == contribs[width - 1]);
}

}  // namespace verdict

namespace verdict {

TEST_CASE("one Model scores and explains from several threads at once", "[model][native]") {
  auto m = testing::load_model(testing::source_path("models/churn.json"));
  Dataset data = testing::encode_csv("tests/data/mlc_churn.csv", m->features());
  const size_t n = 400, width = m->feature_count() + 1;
  std::vector<float> expected(n), expected_shap(n * width);
  std::string error;
  for (size_t r = 0; r < n; ++r) {
    expected[r] = m->probability(data.row(r));
    REQUIRE(m->contributions(data.row(r), &expected_shap[r * width], error));
  }
  std::vector<std::thread> threads;
  std::vector<int> bad(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<float> shap(width);
      std::string e;
      for (size_t r = t; r < n; r += 2) {
        bad[t] += m->probability(data.row(r)) != expected[r];
        bad[t] += !m->contributions(data.row(r), shap.data(), e) ||
                  !std::equal(shap.begin(), shap.end(), expected_shap.begin() + r * width);
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(bad == std::vector<int>(4, 0));
}

}  // namespace verdict
