#pragma once
// Shared by the model tests (header-only: tests/CMakeLists.txt builds
// tests/*_test.cc and tests/support/*.cc, nothing else in tests/).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "compiler/util/csv_table.h"
#include "runtime/model/booster.h"
#include "runtime/model/model.h"
#include "runtime/training/dataset.h"
#include "tests/support/golden.h"

namespace verdict::testing {

// A fresh directory for this test process's model files.
inline std::string model_temp_dir() {
  auto dir = std::filesystem::temp_directory_path() / ("verdict-model-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Every row of a shipped CSV encoded for `features` (by column).
inline model::Dataset encode_csv(const std::string& relative, const std::vector<model::FeatureSpec>& features) {
  model::CsvTable table;
  model::Dataset data;
  std::string error;
  bool ok =
      model::read_csv_table(source_path(relative), table, error) && model::encode_rows(table, features, data, error);
  INFO(error);
  REQUIRE(ok);
  return data;
}

inline std::unique_ptr<model::Model> load_model(const std::string& path) {
  std::string error;
  auto m = model::Model::load(path, error);
  INFO(path << ": " << error);
  REQUIRE(m);
  return m;
}

// Every credit row encoded as credit_default's features (models trained
// here have no encodings of their own but take the same columns).
inline model::Dataset credit_rows() {
  auto shipped = testing::load_model(testing::source_path("models/credit_default.json"));
  return testing::encode_csv("tests/data/credit_data.csv", shipped->features());
}

// Trains on the credit data through the C API and loads the result natively.
inline std::unique_ptr<model::Model> train_credit(const model::Params& params, int rounds, const std::string& name) {
  model::Dataset data = credit_rows();
  std::vector<float> labels(data.rows());
  for (size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<float>(data.lines[i] % 3 == 0);
  model::TrainingData t{data.values.data(), data.rows(), data.cols, labels.data(), {}, {}};
  std::string error;
  auto booster = model::Booster::train(t, params, rounds, error);
  INFO(error);
  REQUIRE(booster);
  std::string path = testing::model_temp_dir() + "/" + name + ".json";
  REQUIRE(booster->save(path, error));
  return testing::load_model(path);
}

}  // namespace verdict::testing
