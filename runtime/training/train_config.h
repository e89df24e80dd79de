#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/model/booster.h"
#include "runtime/model/feature.h"

// `verdict train` configuration: a TOML file (docs/models.md has the
// reference). Relative paths in it are relative to the file's directory.
namespace verdict::model {

struct TrainConfig {
  std::string path;  // of the TOML file, as given
  std::string name;  // the model's name (default: the file's stem)
  std::string description;
  std::string output;                   // model JSON, as written in the file
  std::string data;                     // training CSV, as written in the file
  std::string label;                    // label column
  std::string positive;                 // label value of the positive class (1)
  std::vector<std::string> negative;    // label values of class 0; empty: any other value
  std::vector<FeatureSpec> features;    // in model order
  std::vector<std::string> feature_at;  // "file:line:col" of each feature in the TOML
  std::string label_at;                 // "file:line:col" of [data] label
  std::string data_at;                  // "file:line:col" of [data] file
  int rounds = 100;
  Params params;                       // XGBoost parameters, every one explicit, in a fixed order
  nlohmann::ordered_json params_json;  // the same, typed, with `rounds` (for the card)
  double validation = 0.2;             // fraction held out, per class
  uint64_t split_seed = 1;

  // `relative` resolved against the configuration file's directory.
  std::string resolve(const std::string& relative) const;
  std::string output_path() const { return resolve(output); }
  // The model card: the output path with `.json` replaced by `.card.json`.
  std::string card_path() const;
  std::string data_path() const { return resolve(data); }
};

// Reads `path`; false when there are errors, each "file:line:col: message"
// (file:line where the TOML parser gives no column).
bool load_train_config(const std::string& path, TrainConfig& out, std::vector<std::string>& errors);
// The same from text already read.
bool parse_train_config(std::string_view text, const std::string& path, TrainConfig& out,
                        std::vector<std::string>& errors);

}  // namespace verdict::model
