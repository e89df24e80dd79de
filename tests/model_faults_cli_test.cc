// `verdict check`, `decide` and `batch` on a deployment whose model file is
// hostile or malformed: each exits 1 with the E510 diagnostic naming the key
// and the value, never 134 (std::terminate on std::length_error or
// std::bad_alloc, as they once did), and never with XGBoost's stack trace.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "tests/support/bad_models.h"
#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

// The credit deployment in a folder of its own, its model file replaced.
struct ModelDeploy {
  fs::path dir;
  fs::path config;

  explicit ModelDeploy(const std::string& model_text) {
    static int counter = 0;
    dir = fs::temp_directory_path() /
          ("verdict-model-faults-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir);
    fs::copy_file(testing::source_path("rules/credit_approval.rules"), dir / "credit_approval.rules");
    std::ofstream(dir / "model.json") << model_text;
    config = dir / "deploy.toml";
    std::ofstream(config) << "ruleset = \"credit_approval.rules\"\n[models.default_risk]\nfile = \"model.json\"\n"
                          << "[blend]\nhuman = 0.4\nmodel = 0.6\n";
  }
  ~ModelDeploy() { fs::remove_all(dir); }
};

TEST_CASE("check, decide and batch refuse each bad model with E510, exit 1", "[model][faults][cli]") {
  const std::string input = testing::source_path("rules/examples/credit_requests.jsonl");
  for (const testing::BadModel& bad : testing::bad_models()) {
    ModelDeploy deploy(bad.text);
    const std::string config = deploy.config.string();
    const std::string commands[] = {
        "check --config " + config,
        "decide --config " + config + " --input " + input,
        "batch --config " + config + " --in " + input + " --out " + (deploy.dir / "out.jsonl").string(),
    };
    for (const std::string& command : commands) {
      auto r = testing::run_cli(command);
      INFO(bad.name << ": verdict " << command << "\n" << r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("error[E510]: cannot load model `default_risk`: model file `") != std::string::npos);
      CHECK(r.err.find(bad.message) != std::string::npos);
      CHECK(r.err.find("Stack trace") == std::string::npos);
      CHECK(r.out.empty());
    }
  }
}

TEST_CASE("check warns (W517) of a model without trees or with an extreme base_score", "[model][faults][cli]") {
  ModelDeploy extreme(testing::edited_credit_model(
      [](nlohmann::json& m) { m["learner"]["learner_model_param"]["base_score"] = "1E-45"; }));
  auto r = testing::run_cli("check --config " + extreme.config.string());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("warning[W517]: model `default_risk` (`") != std::string::npos);
  CHECK(r.err.find("`learner_model_param.base_score` is `1E-45`, so every score starts from a margin of -inf") !=
        std::string::npos);
  auto strict = testing::run_cli("check --warnings-as-errors --config " + extreme.config.string());
  CHECK(strict.exit_code == 1);

  ModelDeploy empty(testing::edited_credit_model([](nlohmann::json& m) {
    nlohmann::json& model = m["learner"]["gradient_booster"]["model"];
    model["trees"] = nlohmann::json::array();
    model["tree_info"] = nlohmann::json::array();
    model["gbtree_model_param"]["num_trees"] = "0";
  }));
  auto e = testing::run_cli("check --config " + empty.config.string());
  INFO(e.err);
  CHECK(e.exit_code == 0);
  CHECK(e.err.find("warning[W517]: model `default_risk` (`") != std::string::npos);
  CHECK(e.err.find("the model has no trees") != std::string::npos);
  // Decisions from such a model are still valid JSON lines: P(bad) is 0, so
  // the score of `predicts not bad` is 1.
  auto d = testing::run_cli("decide --config " + extreme.config.string() + " --input " +
                            testing::source_path("rules/examples/credit_requests.jsonl"));
  INFO(d.err);
  CHECK(d.exit_code == 0);
  CHECK(nlohmann::json::parse(d.out.substr(0, d.out.find('\n')))["score"]["model"] == 1.0);
}

}  // namespace
}  // namespace verdict
