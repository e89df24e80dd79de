#include "runtime/training/dataset.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace verdict::model {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = std::string(P_tmpdir) + "/verdict-model-" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("dataset: cells encode as numbers, codes or NaN", "[model][dataset]") {
  FeatureSpec number{"n", "n", FeatureKind::Number, {}};
  FeatureSpec flag{"b", "b", FeatureKind::Bool, {"no", "yes"}};
  FeatureSpec level{"e", "e", FeatureKind::Enum, {"low", "mid", "high"}};
  float v = 0;
  CHECK((encode_cell(number, "265.1", v) && v == static_cast<float>(265.1)));
  CHECK((encode_cell(number, "", v) && std::isnan(v)));
  CHECK_FALSE(encode_cell(number, "12x", v));
  CHECK_FALSE(encode_cell(number, "inf", v));
  CHECK((encode_cell(flag, "yes", v) && v == 1.0f));
  CHECK((encode_cell(flag, "no", v) && v == 0.0f));
  CHECK_FALSE(encode_cell(flag, "maybe", v));
  CHECK((encode_cell(level, "high", v) && v == 2.0f));
  CHECK((encode_cell(level, "", v) && std::isnan(v)));
  CHECK_FALSE(encode_cell(level, "HIGH", v));
}

TEST_CASE("dataset: quoted CSV, labels, and errors that name the line", "[model][dataset]") {
  std::string path = write_temp("d.csv", "\"y\",\"a\",\"e\"\n\"1\",2,\"x\"\n0,,\"y, z\"\n2,3,x\n");
  CsvTable table;
  std::string error;
  REQUIRE(read_csv_table(path, table, error));
  REQUIRE(table.rows.size() == 3);
  CHECK(table.rows[1][2] == "y, z");
  CHECK(table.lines == std::vector<size_t>{2, 3, 4});
  TrainConfig config;
  config.label = "y";
  config.positive = "1";
  config.negative = {"0"};
  config.features = {{"a", "a", FeatureKind::Number, {}}, {"e", "e", FeatureKind::Enum, {"x", "y, z"}}};
  Dataset data;
  std::vector<std::string> errors;
  CHECK_FALSE(encode_dataset(table, config, data, errors));
  CHECK(errors ==
        std::vector<std::string>{path + ":4: column `y` is `2`, neither the positive value `1` nor the negative `0`"});
  config.negative.clear();  // any other value is negative
  errors.clear();
  REQUIRE(encode_dataset(table, config, data, errors));
  CHECK(data.labels == std::vector<float>{1, 0, 0});
  CHECK(std::isnan(data.row(1)[0]));
  CHECK(data.row(1)[1] == 1.0f);
}

TEST_CASE("dataset: a row with the wrong number of cells is named", "[model][dataset]") {
  std::string path = write_temp("short.csv", "a,b\n1,2\n3\n");
  CsvTable table;
  std::string error;
  CHECK_FALSE(read_csv_table(path, table, error));
  CHECK(error == path + ":3: 1 cells where the header has 2");
}

}  // namespace verdict::model
