// A request value beyond float range (1e39, -1e39) in a model feature: fed
// to the trees as ±inf, which take the branch their comparison says
// (docs/models.md#infinite-inputs). The decision is deterministic (the same
// bytes from two engines), the native TreeSHAP explains it, and the C API
// kernel, which refuses infinities, fails the same way every time and says
// so in the decision and its text, never leaving the reasons silently out.
#include <catch2/catch.hpp>

#include "runtime/api/engine.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

using nlohmann::json;

// The shipped credit deployment with the full trace, SHAP always and `kernel`.
DeploymentSources credit_with_kernel(const std::string& kernel) {
  DeploymentSources s;
  s.config_path = testing::source_path("rules/credit_approval.deploy.toml");
  std::string config = testing::read_file(s.config_path);
  size_t at = config.find("kernel = \"native\"");
  REQUIRE(at != std::string::npos);
  config.replace(at, std::string("kernel = \"native\"").size(), "kernel = \"" + kernel + "\"");
  s.config_text = config.substr(0, config.find("[trace]")) + "[trace]\nlevel = \"full\"\nshap = \"always\"\n";
  return s;
}

std::unique_ptr<Engine> open_engine(const DeploymentSources& sources) {
  LoadReport report;
  auto engine = Engine::open(sources, report);
  INFO(report.render());
  REQUIRE(engine);
  return engine;
}

// A thin-file applicant who declines on points, not by a knock-out, with an
// income of 1e39 and a debt of -1e39.
json huge_request() {
  return json::parse(R"({"customer_id": "CR-1", "seniority": 0, "home": "rent", "time": 60, "age": 22,
    "marital": "single", "records": true, "job": "partime", "expenses": 60, "income": 1e39, "assets": 0,
    "debt": -1e39, "amount": 2000, "price": 2100})");
}

}  // namespace

TEST_CASE("1e39 in a model feature: the same decision bytes every time, explained by native SHAP", "[model][shap]") {
  auto first = open_engine(credit_with_kernel("native"));
  auto second = open_engine(credit_with_kernel("native"));
  DecideSettings settings;
  settings.explain = true;
  DecideResult a = first->decide(huge_request(), settings);
  DecideResult b = second->decide(huge_request(), settings);
  DecideResult c = first->decide(huge_request(), settings);
  REQUIRE(a.decided);
  CHECK(a.json == b.json);
  CHECK(a.json == c.json);
  CHECK(a.explanation == b.explanation);
  nlohmann::ordered_json d = a.decision();
  CHECK(d["model"]["shap"]["state"] == "computed");
  CHECK(d["model"]["features"][7]["feature"] == "income");
  CHECK(d["model"]["features"][7]["fed"] == "inf");
  CHECK(d["model"]["features"][9]["fed"] == "-inf");
  CHECK(d["model"]["features"][7]["contribution"].is_number());
  bool model_reason = false;
  for (const auto& r : d["reasons"]) model_reason = model_reason || r.contains("feature");
  CHECK(!d["reasons"].empty());
  CHECK(model_reason);
  CHECK(a.explanation.find("SHAP failed") == std::string::npos);
}

TEST_CASE("1e39 with the C API kernel: SHAP fails the same way every time, and the text says so", "[model][shap]") {
  auto first = open_engine(credit_with_kernel("xgboost"));
  auto second = open_engine(credit_with_kernel("xgboost"));
  DecideSettings settings;
  settings.explain = true;
  DecideResult a = first->decide(huge_request(), settings);
  DecideResult b = second->decide(huge_request(), settings);
  REQUIRE(a.decided);
  CHECK(a.json == b.json);
  CHECK(a.explanation == b.explanation);
  nlohmann::ordered_json d = a.decision();
  const auto& shap = d["model"]["shap"];
  CHECK(shap["state"] == "failed");
  std::string error = shap["error"];
  CHECK(error.find("inf") != std::string::npos);
  CHECK(error.find("0x") == std::string::npos);  // no addresses
  CHECK(error.find('[') == std::string::npos);   // no timestamp
  CHECK(error.find('\n') == std::string::npos);  // no stack trace
  CHECK(!d["reasons"].empty());                  // the rules' reasons stay
  CHECK(a.explanation.find("model reasons: unavailable, SHAP failed: " + error) != std::string::npos);
}

}  // namespace verdict
