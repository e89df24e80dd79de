// `verdict test`: cases are decided through the Engine (as `verdict run` and
// `decide` decide) and every expectation is read from the decision JSON
// users receive; a wrong expectation fails with what came instead, and a
// deployment's decision log is never written by a test run.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;
using testing::source_path;

// A folder with a credit deployment that logs to `decisions.log` and the cases file `cases_text`.
fs::path cases_folder(const std::string& name, const std::string& cases_text) {
  fs::path dir = fs::temp_directory_path() / ("verdict-cases-" + std::to_string(::getpid()) + "-" + name);
  fs::create_directories(dir);
  std::ofstream(dir / "deploy.toml") << "ruleset = \"" << source_path("rules/credit_approval.rules") << "\"\n"
                                     << "[models.default_risk]\nfile = \"" << source_path("models/credit_default.json")
                                     << "\"\n[blend]\nhuman = 0.4\nmodel = 0.6\n"
                                     << "[trace]\nlevel = \"rules\"\nlog = \"decisions.log\"\n";
  std::ofstream(dir / "t.cases.toml") << cases_text;
  return dir;
}

// Demo request 2 of rules/examples/credit_requests.jsonl.
const char* kRequest =
    "input = { customer_id = \"CR-00144\", seniority = 40, home = \"owner\", time = 36, age = 58, "
    "marital = \"married\", records = false, job = \"freelance\", expenses = 75, assets = 50000, debt = 0, "
    "amount = 1000, price = 1160 }\n";

TEST_CASE("verdict test: a passing case passes and the deployment's log is not written", "[cli][cases]") {
  fs::path dir = cases_folder("pass", std::string("config = \"deploy.toml\"\n[[case]]\nname = \"right\"\n") + kRequest +
                                          "expect.outcome = \"approve\"\nexpect.human = 0.68\n"
                                          "expect.probability = 0.111613214\nexpect.segment = \"self_employed\"\n"
                                          "expect.final = 0.8050320715904236\n");
  auto r = run_cli("test " + (dir / "t.cases.toml").string());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("  PASS  right\n") != std::string::npos);
  CHECK(r.out.find("1 passed, 0 failed\n") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "decisions.log"));
  fs::remove_all(dir);
}

TEST_CASE("verdict test: every kind of wrong expectation fails with what came instead", "[cli][cases]") {
  fs::path dir = cases_folder("fail", std::string("config = \"deploy.toml\"\n[[case]]\nname = \"wrong\"\n") + kRequest +
                                          "expect.outcome = \"decline\"\nexpect.human = 0.5\nexpect.final = 0.25\n"
                                          "expect.probability = 0.5\nexpect.segment = \"thin_file\"\n"
                                          "expect.reasons = [\"R01\"]\nexpect.tags = [\"watchlist\"]\n"
                                          "expect.fired = [\"past_default_records\"]\nexpect.unknown = [\"nope\"]\n"
                                          "expect.outputs = { limit = 5 }\n"
                                          "[[case]]\nname = \"refused\"\ninput = { seniority = \"forty\" }\n"
                                          "expect.outcome = \"approve\"\n");
  auto r = run_cli("test " + (dir / "t.cases.toml").string());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  for (const char* line : {
           "outcome: expected `decline`, got `approve`",
           "reasons: expected [R01], got [M07, I01, J01, M11, M06]",
           "tags: expected [watchlist], got [income_not_declared, long_tenure]",
           "fired rules: expected [past_default_records], got [home_owner, income_not_declared, job_irregular, "
           "seniority_15_plus, strong_net_assets]",
           "unknown: there is no rule `nope`",
           "human: expected 0.500000, got 0.68",
           "final: expected 0.250000, got 0.8050320715904236",
           "probability: expected 0.500000, got 0.111613214",
           "segment: expected `thin_file`, got `self_employed`",
           "outputs: there is no output `limit`",
           "the request was rejected: R003 field `seniority` expects a number",
       }) {
    CHECK(r.out.find(line) != std::string::npos);
  }
  CHECK(r.out.find("0 passed, 2 failed\n") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "decisions.log"));
  fs::remove_all(dir);
}

TEST_CASE("verdict test: an output's value is compared as JSON", "[cli][cases]") {
  fs::path dir = fs::temp_directory_path() / ("verdict-cases-" + std::to_string(::getpid()) + "-outputs");
  fs::create_directories(dir);
  std::ofstream(dir / "t.cases.toml") << "ruleset = \"" << source_path("tests/conformance/enums.rules") << "\"\n"
                                      << "[[case]]\nname = \"web\"\ninput = { home = \"rent\", job = \"fixed\" }\n"
                                      << "expect.outcome = \"review\"\nexpect.outputs = { channel = \"web\" }\n"
                                      << "[[case]]\nname = \"phone\"\ninput = { home = \"rent\", job = \"fixed\" }\n"
                                      << "expect.outcome = \"review\"\nexpect.outputs = { channel = \"phone\" }\n";
  auto r = run_cli("test " + (dir / "t.cases.toml").string());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("  PASS  web\n") != std::string::npos);
  CHECK(r.out.find("output `channel`: expected \"phone\", got \"web\"") != std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace verdict
