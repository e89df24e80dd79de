#include "runtime/training/train_config.h"

#include <catch2/catch.hpp>

namespace verdict::model {
namespace {

constexpr const char* kMinimal = R"(
features = ["a", { name = "b", column = "B", type = "enum", values = ["x", "y"] },
            { name = "c", type = "bool" }]
[data]
file = "d.csv"
label = "y"
positive = "1"
)";

std::vector<std::string> errors_of(const std::string& text) {
  TrainConfig config;
  std::vector<std::string> errors;
  parse_train_config(text, "dir/m.toml", config, errors);
  return errors;
}

}  // namespace

TEST_CASE("train config: defaults, features and resolved paths", "[model][config]") {
  TrainConfig config;
  std::vector<std::string> errors;
  REQUIRE(parse_train_config(kMinimal, "dir/m.toml", config, errors));
  CHECK(config.name == "m");
  CHECK(config.output_path() == "dir/m.json");
  CHECK(config.card_path() == "dir/m.card.json");
  CHECK(config.data_path() == "dir/d.csv");
  REQUIRE(config.features.size() == 3);
  CHECK(config.features[0].column == "a");
  CHECK(config.features[1].column == "B");
  CHECK(config.features[1].kind == FeatureKind::Enum);
  CHECK(config.features[2].values == std::vector<std::string>{"no", "yes"});
  CHECK(config.feature_at[1] == "dir/m.toml:2:18");
  CHECK(config.rounds == 100);
  CHECK(config.params.front() == std::pair<std::string, std::string>("objective", "binary:logistic"));
  CHECK(config.params_json["max_depth"] == 6);
  CHECK(config.params_json["nthread"] == 1);
  CHECK(config.validation == 0.2);
}

TEST_CASE("train config: unknown keys name their line and the likely key", "[model][config]") {
  auto errors = errors_of(std::string(kMinimal) + "[params]\nn_estimators = 5\nmax_dept = 3\n");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "dir/m.toml:9:1: unknown key `n_estimators` in [params]; did you mean `rounds`?");
  CHECK(errors[1] == "dir/m.toml:10:1: unknown key `max_dept` in [params]; did you mean `max_depth`?");
}

TEST_CASE("train config: values out of range or of the wrong type", "[model][config]") {
  auto errors = errors_of(std::string(kMinimal) +
                          "[params]\neta = 0\nmax_depth = 2.5\ntree_method = \"gpu\"\n[split]\nvalidation = 1\n");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0] == "dir/m.toml:9:7: `eta` must be a number in (0, 1]");
  CHECK(errors[1] == "dir/m.toml:10:13: `max_depth` must be an integer in [1, 16]");
  CHECK(errors[2] == "dir/m.toml:11:15: `tree_method` must be `hist`, `exact` or `approx`");
  CHECK(errors[3] == "dir/m.toml:13:14: `validation` must be a number in (0, 0.9]");
}

TEST_CASE("train config: missing pieces and bad features", "[model][config]") {
  CHECK(errors_of("features = [\"a\"]\n") ==
        std::vector<std::string>{"dir/m.toml:1:1: missing table `[data]` (file, label, positive)"});
  auto errors = errors_of(
      "features = [{ name = \"e\", type = \"enum\" }, { name = \"k\", type = \"int\" }, \"e\"]\n"
      "[data]\nfile = \"d.csv\"\nlabel = \"y\"\n");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0] == "dir/m.toml:1:13: feature `e`: an enum needs `values`, in code order");
  CHECK(errors[1] == "dir/m.toml:1:65: feature `k`: unknown type `int`; use `number`, `bool` or `enum`");
  CHECK(errors[2] == "dir/m.toml:1:74: feature `e` is listed twice");
  CHECK(errors[3] == "dir/m.toml:2:1: missing key `positive` in [data]");
}

TEST_CASE("train config: strings, string arrays and choices of the wrong type", "[model][config]") {
  auto errors = errors_of(
      "name = \"\"\nfeatures = [{ name = \"b\", type = \"enum\", values = [\"x\", 1] }]\n"
      "[data]\nfile = \"d.csv\"\nlabel = 3\npositive = \"1\"\nnegative = [\"0\", 2, 3]\n"
      "[params]\nobjective = 3\nscale_pos_weight = 0\n[split]\nseed = 1.5\n");
  REQUIRE(errors.size() == 7);
  CHECK(errors[0] == "dir/m.toml:1:8: `name` must be a non-empty string");
  CHECK(errors[1] == "dir/m.toml:2:57: `values` must be an array of strings");
  CHECK(errors[2] == "dir/m.toml:5:9: `label` must be a non-empty string");
  CHECK(errors[3] == "dir/m.toml:7:18: `negative` must be an array of strings");
  CHECK(errors[4] == "dir/m.toml:9:13: `objective` must be `binary:logistic`");
  CHECK(errors[5] == "dir/m.toml:10:20: `scale_pos_weight` must be a number in (0, 1e+30]");
  CHECK(errors[6] == "dir/m.toml:12:8: `seed` must be a non-negative integer");
}

TEST_CASE("train config: an integer too large for a double is out of range, not the default", "[model][config]") {
  auto errors = errors_of(std::string(kMinimal) + "[params]\nrounds = 9223372036854775807\n");
  CHECK(errors == std::vector<std::string>{"dir/m.toml:9:10: `rounds` must be an integer in [1, 100000]"});
}

TEST_CASE("train config: TOML syntax errors carry line and column", "[model][config]") {
  auto errors = errors_of("name = [\n");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("dir/m.toml:", 0) == 0);
  CHECK(errors[0].find("invalid TOML") != std::string::npos);
}

}  // namespace verdict::model
