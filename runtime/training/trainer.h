#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/training/train_config.h"

namespace verdict::model {

struct TrainOptions {
  std::string output;  // model path overriding the config's; the card goes beside it
};

struct Metrics {
  double auc = 0;
  double log_loss = 0;
};

struct TrainResult {
  std::string model_path;
  std::string card_path;
  std::string model_sha256;
  size_t train_rows = 0;
  size_t validation_rows = 0;
  size_t trees = 0;
  int depth = 0;
  Metrics train;
  Metrics validation;
  nlohmann::ordered_json card;
};

// `verdict train`: reads and encodes the CSV, splits it, trains through the
// C API, writes the model JSON (with the feature encodings in its
// `verdict_features` attribute) and the model card, and checks that the
// native kernel scores the written model exactly as XGBoost does on every
// row. False with `errors` on any problem; nothing is written when the
// configuration or data is bad.
bool train_model(const TrainConfig& config, const TrainOptions& options, TrainResult& out,
                 std::vector<std::string>& errors);

}  // namespace verdict::model
