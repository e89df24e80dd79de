#include "runtime/training/trainer.h"

#include <cstring>
#include <filesystem>
#include <fstream>

#include "compiler/util/bounded_file.h"
#include "compiler/util/sha256.h"
#include "runtime/model/booster.h"
#include "runtime/model/model.h"
#include "runtime/training/dataset.h"
#include "runtime/training/metrics.h"
#include "runtime/training/model_card.h"
#include "runtime/training/split.h"

namespace verdict::model {
namespace {

// The config and the data are hashed into the model card; both were read
// within these limits a moment before.
bool read_bytes(const std::string& path, const FileLimit& limit, std::string& out) {
  return static_cast<bool>(read_bounded_file(path, limit, out));
}

size_t positives(const Dataset& data) {
  size_t n = 0;
  for (float y : data.labels) n += y > 0.5f;
  return n;
}

bool both_classes(const Dataset& data, const std::string& what, std::vector<std::string>& errors) {
  size_t pos = positives(data);
  if (pos > 0 && pos < data.rows()) return true;
  errors.push_back("the " + what + " rows hold only one label class (" + std::to_string(pos) + " positive of " +
                   std::to_string(data.rows()) + ")");
  return false;
}

TrainingData training_data(const TrainConfig& config, const Dataset& data) {
  TrainingData t{data.values.data(), data.rows(), data.cols, data.labels.data(), {}, {}};
  for (const FeatureSpec& f : config.features) {
    t.feature_names.push_back(f.name);
    t.feature_types.push_back(xgboost_type(f.kind));
  }
  return t;
}

bool evaluate(const Booster& booster, const Dataset& data, Metrics& out, std::string& error) {
  std::vector<float> p(data.rows());
  if (!booster.predict(data.values.data(), data.rows(), data.cols, PredictKind::Probability, p.data(), error)) {
    return false;
  }
  out.auc = roc_auc(p.data(), data.labels.data(), p.size());
  out.log_loss = log_loss(p.data(), data.labels.data(), p.size());
  return true;
}

// The written file, read back by the native kernel, must give XGBoost's
// margins on every row: a guard against any drift in the file format.
bool verify_native(const Model& model, const Booster& booster, const Dataset& data, std::string& error) {
  std::vector<float> expected(data.rows()), native(data.rows());
  if (!booster.predict(data.values.data(), data.rows(), data.cols, PredictKind::Margin, expected.data(), error)) {
    return false;
  }
  model.margins(data.values.data(), data.rows(), native.data());
  for (size_t i = 0; i < data.rows(); ++i) {
    if (std::memcmp(&expected[i], &native[i], sizeof(float)) != 0) {
      error = "internal error: the native kernel disagrees with XGBoost on data line " + std::to_string(data.lines[i]);
      return false;
    }
  }
  return true;
}

bool set_attributes(Booster& booster, const TrainConfig& config, std::string& error) {
  nlohmann::ordered_json label = {{"column", config.label}, {"positive", config.positive}};
  return booster.set_attribute("verdict_name", config.name, error) &&
         booster.set_attribute("verdict_features", features_to_json(config.features).dump(), error) &&
         booster.set_attribute("verdict_label", label.dump(), error);
}

bool write_text(const std::string& path, const std::string& text, std::string& error) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (out.flush()) return true;
  error = "cannot write `" + path + "`";
  return false;
}

// Trains, writes the model, checks it and fills `out` (card aside).
bool fit_and_write(const TrainConfig& config, const Dataset& all, const RowSplit& split, TrainResult& out,
                   std::string& error) {
  Dataset train = select_rows(all, split.train);
  Dataset validation = select_rows(all, split.validation);
  auto booster = Booster::train(training_data(config, train), config.params, config.rounds, error);
  if (!booster || !set_attributes(*booster, config, error)) return false;
  std::filesystem::path dir = std::filesystem::path(out.model_path).parent_path();
  std::error_code ec;
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (!booster->save(out.model_path, error)) return false;
  auto model = Model::load(out.model_path, error);
  if (!model || !verify_native(*model, *booster, all, error)) return false;
  out.model_sha256 = model->sha256();
  out.trees = model->tree_count();
  out.depth = model->depth();
  out.train_rows = train.rows();
  out.validation_rows = validation.rows();
  return evaluate(*booster, train, out.train, error) && evaluate(*booster, validation, out.validation, error);
}

}  // namespace

bool train_model(const TrainConfig& config, const TrainOptions& options, TrainResult& out,
                 std::vector<std::string>& errors) {
  std::string error, config_bytes, data_bytes;
  CsvTable table;
  if (!read_csv_table(config.data_path(), table, error)) {
    errors.push_back(config.data_at.empty() ? error : config.data_at + ": " + error);
    return false;
  }
  Dataset all;
  if (!encode_dataset(table, config, all, errors) || !both_classes(all, "data", errors)) return false;
  RowSplit split = split_rows(all.labels, config.validation, config.split_seed);
  Dataset validation = select_rows(all, split.validation);
  if (!both_classes(validation, "validation", errors)) return false;
  out = TrainResult();
  out.model_path = options.output.empty() ? config.output_path() : options.output;
  out.card_path = out.model_path.substr(0, out.model_path.size() - 5) + ".card.json";
  if (!fit_and_write(config, all, split, out, error) || !read_bytes(config.path, kConfigFileLimit, config_bytes) ||
      !read_bytes(config.data_path(), kDataFileLimit, data_bytes)) {
    errors.push_back(error.empty() ? "cannot re-read the configuration or data file" : error);
    return false;
  }
  CardInputs inputs{sha256_hex(config_bytes),
                    sha256_hex(data_bytes),
                    all.rows(),
                    positives(all),
                    positives(all) - positives(validation),
                    positives(validation)};
  out.card = model_card(config, out, inputs);
  if (!write_text(out.card_path, out.card.dump(2) + "\n", error)) {
    errors.push_back(error);
    return false;
  }
  return true;
}

}  // namespace verdict::model
