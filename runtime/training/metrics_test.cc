#include "runtime/training/metrics.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace verdict::model {

TEST_CASE("metrics: AUC counts ordered pairs, ties count half", "[model][metrics]") {
  float labels[] = {0, 0, 1, 1};
  float perfect[] = {0.1f, 0.2f, 0.8f, 0.9f};
  float reversed[] = {0.9f, 0.8f, 0.2f, 0.1f};
  float tied[] = {0.5f, 0.5f, 0.5f, 0.5f};
  float one_swap[] = {0.1f, 0.7f, 0.6f, 0.9f};  // 3 of 4 pairs in order
  CHECK(roc_auc(perfect, labels, 4) == 1.0);
  CHECK(roc_auc(reversed, labels, 4) == 0.0);
  CHECK(roc_auc(tied, labels, 4) == 0.5);
  CHECK(roc_auc(one_swap, labels, 4) == 0.75);
  float all_negative[] = {0, 0};
  CHECK(std::isnan(roc_auc(perfect, all_negative, 2)));
}

TEST_CASE("metrics: log-loss is the mean cross-entropy, clamped", "[model][metrics]") {
  float labels[] = {1, 0};
  float p[] = {0.8f, 0.4f};
  double expected = -(std::log(double(0.8f)) + std::log(1 - double(0.4f))) / 2;
  CHECK(log_loss(p, labels, 2) == Approx(expected).epsilon(1e-12));
  float certain_wrong[] = {0.0f, 1.0f};
  CHECK(log_loss(certain_wrong, labels, 2) == Approx(-std::log(1e-15)).epsilon(1e-4));
}

}  // namespace verdict::model
