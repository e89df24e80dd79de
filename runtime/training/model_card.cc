#include "runtime/training/model_card.h"

#include <cmath>
#include <filesystem>

#include "runtime/model/booster.h"

namespace verdict::model {
namespace {

// Six decimals are plenty for a card and print short.
double rounded(double v) { return std::round(v * 1e6) / 1e6; }

nlohmann::ordered_json metrics_json(const Metrics& m) {
  return {{"auc", rounded(m.auc)}, {"log_loss", rounded(m.log_loss)}};
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

nlohmann::ordered_json model_card(const TrainConfig& config, const TrainResult& result, const CardInputs& inputs) {
  nlohmann::ordered_json card;
  card["card_version"] = 1;
  card["name"] = config.name;
  card["description"] = config.description;
  card["trained_by"] = {
      {"tool", "verdict train"}, {"verdict_version", VERDICT_VERSION}, {"xgboost_version", Booster::library_version()}};
  card["config"] = {{"file", file_name(config.path)}, {"sha256", inputs.config_sha256}};
  card["model"] = {{"file", file_name(result.model_path)},
                   {"sha256", result.model_sha256},
                   {"objective", "binary:logistic"},
                   {"predicts", config.label + " = " + config.positive},
                   {"trees", result.trees},
                   {"depth", result.depth}};
  card["data"] = {{"file", config.data},
                  {"sha256", inputs.data_sha256},
                  {"rows", inputs.data_rows},
                  {"label", config.label},
                  {"positive", config.positive},
                  {"negative", config.negative},
                  {"positives", inputs.data_positives}};
  card["features"] = features_to_json(config.features);
  card["params"] = config.params_json;
  card["split"] = {{"method", "stratified by label, Fisher-Yates with mt19937_64"},
                   {"validation", config.validation},
                   {"seed", config.split_seed},
                   {"train_rows", result.train_rows},
                   {"train_positives", inputs.train_positives},
                   {"validation_rows", result.validation_rows},
                   {"validation_positives", inputs.validation_positives}};
  card["metrics"] = {{"train", metrics_json(result.train)}, {"validation", metrics_json(result.validation)}};
  return card;
}

}  // namespace verdict::model
