// The embedding API under concurrency: decisions from 8 threads while a
// ninth reloads two versions of the ruleset back and forth; every decision
// is exactly one version's (its provenance names which). A reload that
// fails keeps the old version serving and returns the diagnostics.
#include "runtime/api/engine.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "tests/support/csv.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

using nlohmann::json;

std::string credit_rules() { return testing::read_file(testing::source_path("rules/credit_approval.rules")); }

// The shipped credit deployment, trace at rule level, with `rules` as its ruleset.
DeploymentSources sources_with(std::string rules) {
  DeploymentSources s;
  s.config_path = testing::source_path("rules/credit_approval.deploy.toml");
  std::string config = testing::read_file(s.config_path);
  s.config_text = config.substr(0, config.find("[trace]")) + "[trace]\nlevel = \"rules\"\nshap = \"off\"\n";
  s.rules_text = std::move(rules);
  return s;
}

// Version 2: another version string and a base of 55 instead of 60, so
// that many decisions differ between the two.
std::string version_two() {
  std::string rules = credit_rules();
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = rules.find(from);
    REQUIRE(at != std::string::npos);
    rules.replace(at, from.size(), to);
  };
  replace("version \"2026.11.1\"", "version \"2026.12.1\"");
  replace("points base 60", "points base 55");
  return rules;
}

std::vector<json> credit_requests(size_t n) {
  testing::Csv csv = testing::read_csv(testing::source_path("tests/data/credit_data.csv"));
  std::vector<json> out;
  for (size_t row = 0; row < n; ++row) out.push_back(testing::row_request(csv, row, {"records"}, {"status"}));
  return out;
}

std::unique_ptr<Engine> open_engine(const DeploymentSources& sources) {
  LoadReport report;
  auto engine = Engine::open(sources, report);
  INFO(report.render());
  REQUIRE(engine);
  return engine;
}

TEST_CASE("engine: 8 threads decide while another reloads two versions 100 times", "[engine][concurrency]") {
  const DeploymentSources v1 = sources_with(credit_rules());
  const DeploymentSources v2 = sources_with(version_two());
  const std::vector<json> requests = credit_requests(200);
  // The expected decision of every request under each version, from engines
  // that never reload.
  std::map<std::string, std::vector<std::string>> expected;
  for (const DeploymentSources* v : {&v1, &v2}) {
    auto engine = open_engine(*v);
    std::vector<std::string>& out = expected[engine->current()->program().version];
    for (const json& r : requests) out.push_back(engine->decide(r).json);
  }
  REQUIRE(expected.size() == 2);
  size_t differ = 0;
  for (size_t i = 0; i < requests.size(); ++i) differ += expected["2026.11.1"][i] != expected["2026.12.1"][i];
  CHECK(differ > 20);  // the two versions really decide differently

  auto engine = open_engine(v1);
  std::atomic<bool> done{false};
  std::atomic<size_t> decided{0}, failed{0}, mismatched{0};
  std::map<std::string, std::atomic<size_t>> by_version;
  by_version["2026.11.1"] = 0;
  by_version["2026.12.1"] = 0;
  std::vector<std::thread> deciders;
  for (int t = 0; t < 8; ++t) {
    deciders.emplace_back([&, t] {
      for (size_t i = static_cast<size_t>(t); !done.load() || i < requests.size() * 2; ++i) {
        size_t k = i % requests.size();
        DecideResult r = engine->decide(requests[k]);
        if (!r.decided) {
          ++failed;
          continue;
        }
        std::string version = r.decision()["ruleset"]["version"];
        auto want = expected.find(version);
        if (want == expected.end() || want->second[k] != r.json)
          ++mismatched;
        else
          ++by_version.at(version);
        ++decided;
      }
    });
  }
  size_t reload_failures = 0;
  for (int reload = 0; reload < 100; ++reload) {
    LoadReport report;
    if (!engine->reload(reload % 2 == 0 ? v2 : v1, report)) ++reload_failures;
  }
  done = true;
  for (std::thread& t : deciders) t.join();
  CHECK(reload_failures == 0);
  CHECK(engine->generation() == 101);
  CHECK(failed == 0);
  CHECK(mismatched == 0);
  CHECK(by_version.at("2026.11.1") > 0);
  CHECK(by_version.at("2026.12.1") > 0);
  CHECK(decided >= requests.size() * 2 * 8);
  CHECK(engine->current()->program().version == "2026.11.1");  // the 100th reload was v1
}

TEST_CASE("engine: a broken reload returns its diagnostics and the old version keeps serving", "[engine]") {
  auto engine = open_engine(sources_with(credit_rules()));
  std::vector<json> requests = credit_requests(5);
  std::string before = engine->decide(requests[0]).json;
  std::string broken = credit_rules();
  broken.replace(broken.find("when amount > price"), 19, "when amount > prise");
  LoadReport report;
  CHECK_FALSE(engine->reload(sources_with(broken), report));
  CHECK(report.has_errors());
  CHECK(report.render().find("error[E201]: unknown name `prise`; did you mean `price`?") != std::string::npos);
  CHECK(engine->generation() == 1);
  CHECK(engine->decide(requests[0]).json == before);

  LoadReport model_report;  // a model that does not load is refused the same way
  DeploymentSources bad_model = sources_with(credit_rules());
  bad_model.model_bytes["default_risk"] = "{}";
  CHECK_FALSE(engine->reload(bad_model, model_report));
  CHECK(model_report.render().find("error[E510]") != std::string::npos);
  CHECK(engine->decide(requests[1]).decided);
}

TEST_CASE("engine: requests from C++ values and from JSON text, errors name the field", "[engine]") {
  auto engine = open_engine(sources_with(credit_rules()));
  json request = {{"seniority", 3}, {"home", "owner"}, {"time", 36},    {"age", 30},     {"records", false},
                  {"job", "fixed"}, {"expenses", 50},  {"income", 200}, {"amount", 900}, {"price", 1200}};
  DecideResult a = engine->decide(request);
  REQUIRE(a.decided);
  DecideResult b = engine->decide(std::string_view(request.dump()));
  REQUIRE(b.decided);
  CHECK(a.json == b.json);
  CHECK(engine->decide(request, TraceLevel::Off).decision().contains("trace") == false);

  request["home"] = 3;
  DecideResult wrong = engine->decide(request);
  CHECK_FALSE(wrong.decided);
  REQUIRE(wrong.errors.size() == 1);
  CHECK(wrong.errors[0].code == "R003");
  CHECK(wrong.errors[0].message.find("`home`") != std::string::npos);

  CHECK(engine->decide(std::string_view("{\"amount\": 1,")).errors[0].code == "R006");
  std::string huge = "{\"customer_id\": \"" + std::string(2 << 20, 'x') + "\"}";
  CHECK(engine->decide(std::string_view(huge)).errors[0].code == "R007");

  std::vector<DecideResult> batch = engine->decide_batch({request, {{"amount", 1}}});
  REQUIRE(batch.size() == 2);
  CHECK(batch[0].errors[0].code == "R003");
  CHECK_FALSE(batch[1].errors.empty());
}

}  // namespace
}  // namespace verdict
