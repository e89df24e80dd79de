#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "runtime/training/dataset.h"
#include "runtime/training/trainer.h"

namespace verdict::model {

// What a card records beyond the config and the result (file hashes).
struct CardInputs {
  std::string config_sha256;
  std::string data_sha256;
  size_t data_rows = 0;
  size_t data_positives = 0;
  size_t train_positives = 0;
  size_t validation_positives = 0;
};

// The model card (docs/models.md lists its fields). Deterministic: no
// timestamps, no absolute paths, so retraining writes the same bytes.
nlohmann::ordered_json model_card(const TrainConfig& config, const TrainResult& result, const CardInputs& inputs);

}  // namespace verdict::model
