// `verdict train`: the shipped models are reproducible byte for byte from
// their configurations, carry their encodings, match their cards; and
// configuration or data problems are reported with file:line.
#include <catch2/catch.hpp>
#include <filesystem>

#include "compiler/util/sha256.h"
#include "runtime/training/train_config.h"
#include "runtime/training/trainer.h"
#include "tests/model/model_support.h"
#include "tests/support/cli.h"

namespace verdict {
namespace {

// Retrains `name` into a temporary directory; returns the new model path.
std::string retrain(const std::string& name) {
  model::TrainConfig config;
  std::vector<std::string> errors;
  REQUIRE(model::load_train_config(testing::source_path("models/" + name + ".toml"), config, errors));
  model::TrainResult result;
  std::string out = testing::model_temp_dir() + "/" + name + ".json";
  bool ok = model::train_model(config, model::TrainOptions{out}, result, errors);
  INFO((errors.empty() ? "" : errors.front()));
  REQUIRE(ok);
  CHECK(result.card_path == testing::model_temp_dir() + "/" + name + ".card.json");
  return out;
}

void check_reproducible(const std::string& name) {
  std::string out = retrain(name);
  std::string shipped = testing::source_path("models/" + name);
  // XGBoost 1.7.4 with nthread=1 trains deterministically, and its JSON
  // writer is deterministic: the files are identical, not just close.
  CHECK(testing::read_file(out) == testing::read_file(shipped + ".json"));
  CHECK(testing::read_file(out.substr(0, out.size() - 5) + ".card.json") == testing::read_file(shipped + ".card.json"));
}

void check_card(const std::string& name, size_t features, size_t rows) {
  std::string base = testing::source_path("models/" + name);
  auto m = testing::load_model(base + ".json");
  auto card = nlohmann::json::parse(testing::read_file(base + ".card.json"));
  CHECK(card["model"]["sha256"] == m->sha256());
  CHECK(card["model"]["trees"] == m->tree_count());
  CHECK(card["data"]["rows"] == rows);
  CHECK(card["data"]["sha256"] ==
        sha256_hex(testing::read_file(testing::source_path("models/" + card["data"]["file"].get<std::string>()))));
  REQUIRE(m->feature_count() == features);
  REQUIRE(card["features"].size() == features);
  for (size_t i = 0; i < features; ++i) {
    CHECK(card["features"][i]["name"] == m->features()[i].name);
    CHECK(card["features"][i]["kind"] == model::kind_name(m->features()[i].kind));
  }
  CHECK(card["metrics"]["validation"]["auc"].get<double>() > 0.8);
  CHECK(m->objective() == "binary:logistic");
  CHECK(m->has_feature_names());
  CHECK(m->attribute("verdict_name") == name);
  CHECK(std::filesystem::file_size(base + ".json") < 2'000'000);
}

}  // namespace

TEST_CASE("train: credit_default retrains to the same bytes", "[model][train]") {
  check_reproducible("credit_default");
}

TEST_CASE("train: churn retrains to the same bytes", "[model][train]") { check_reproducible("churn"); }

TEST_CASE("train: shipped models carry their encodings and match their cards", "[model][train]") {
  check_card("credit_default", 12, 4454);
  check_card("churn", 18, 5000);
  auto credit = testing::load_model(testing::source_path("models/credit_default.json"));
  const model::FeatureSpec& home = credit->features()[credit->feature_index("home")];
  CHECK(home.kind == model::FeatureKind::Enum);
  CHECK(home.column == "Home");
  CHECK(home.values == std::vector<std::string>{"rent", "owner", "parents", "priv", "other", "ignore"});
  CHECK(credit->features()[credit->feature_index("records")].kind == model::FeatureKind::Bool);
}

// tests/model/NAME.toml is run through the CLI; its stderr must equal
// tests/model/NAME.err (VERDICT_REGENERATE=1 rewrites it).
TEST_CASE("train: configuration and data errors through the CLI", "[model][train][golden]") {
  for (const char* name : {"bad_keys", "bad_values", "unknown_column", "bad_cells", "missing_data"}) {
    std::string base = std::string("tests/model/") + name;
    auto result = testing::run_cli("train " + base + ".toml");
    INFO(name << "\n" << result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    std::string diff = testing::check_golden(testing::source_path(base + ".err"), result.err);
    CHECK(diff.empty());
  }
}

TEST_CASE("train: the CLI prints a summary and writes model and card", "[model][train]") {
  std::string out = testing::model_temp_dir() + "/cli_churn.json";
  auto result = testing::run_cli("train models/churn.toml --output " + out);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("trained `churn`: 100 trees") == 0);
  CHECK(std::filesystem::exists(testing::model_temp_dir() + "/cli_churn.card.json"));
  CHECK(testing::run_cli("train models/churn.toml --output x.txt").exit_code == 1);
}

}  // namespace verdict
