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

}  // namespace verdict::testing
