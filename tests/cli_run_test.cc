// `verdict run` as users see it: golden decisions and explanations for the
// demo requests, and request errors that name the field and lose no row.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/cli.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

using testing::run_cli;

const char* kCredit = "--rules rules/credit_approval.rules";

TEST_CASE("demo decisions and traces match their goldens", "[cli][golden]") {
  auto json = run_cli(std::string("run ") + kCredit + " --input rules/examples/credit_requests.jsonl");
  REQUIRE(json.exit_code == 0);
  std::string diff =
      testing::check_golden(testing::source_path("tests/golden/credit_requests.decisions.jsonl"), json.out);
  INFO(diff);
  CHECK(diff.empty());

  auto text = run_cli(std::string("run ") + kCredit + " --input rules/examples/credit_requests.jsonl --format text");
  REQUIRE(text.exit_code == 0);
  diff = testing::check_golden(testing::source_path("tests/golden/credit_requests.explained.txt"), text.out);
  INFO(diff);
  CHECK(diff.empty());
}

TEST_CASE("trace levels shrink the trace", "[cli]") {
  std::string input = "--input rules/examples/credit_requests.jsonl";
  auto off = run_cli(std::string("run ") + kCredit + " --trace off " + input);
  auto rules = run_cli(std::string("run ") + kCredit + " --trace rules " + input);
  REQUIRE(off.exit_code == 0);
  REQUIRE(rules.exit_code == 0);
  auto first_off = nlohmann::json::parse(off.out.substr(0, off.out.find('\n')));
  auto first_rules = nlohmann::json::parse(rules.out.substr(0, rules.out.find('\n')));
  CHECK_FALSE(first_off.contains("trace"));
  REQUIRE(first_rules.contains("trace"));
  CHECK_FALSE(first_rules["trace"]["rules"][0].contains("saw"));
  CHECK_FALSE(first_rules["trace"].contains("input"));
}

TEST_CASE("bad requests are reported by line and field, and the other rows are still decided", "[cli]") {
  std::string good =
      R"({"seniority": 9, "home": "rent", "time": 60, "age": 30, "marital": "married", "records": false, "job": "freelance", "expenses": 73, "income": 129, "assets": 0, "debt": 0, "amount": 800, "price": 846})";
  std::string requests = good + "\n" + R"({"seniority": "nine"})" + "\n" + "{not json\n" + good + "\n";
  auto r = run_cli(std::string("run ") + kCredit + " --input -", requests);
  CHECK(r.exit_code == 1);
  std::vector<nlohmann::json> lines;
  size_t start = 0;
  while (start < r.out.size()) {
    size_t end = r.out.find('\n', start);
    lines.push_back(nlohmann::json::parse(r.out.substr(start, end - start)));
    start = end + 1;
  }
  REQUIRE(lines.size() == 4);  // one output line per input line
  CHECK(lines[0]["outcome"] == "decline");
  CHECK(lines[1]["request"] == 2);
  CHECK(lines[2]["rejected"][0]["code"] == "R006");
  CHECK(lines[3]["outcome"] == lines[0]["outcome"]);
  CHECK(r.err.find("<stdin>:2: error[R003]: field `seniority` expects a number, got the string \"nine\"") !=
        std::string::npos);
  CHECK(r.err.find("<stdin>:2: error[R001]: required field `amount` is missing") != std::string::npos);
  CHECK(r.err.find("<stdin>:3: error[R006]: invalid JSON") != std::string::npos);
}

TEST_CASE("a ruleset with errors is reported and nothing is decided", "[cli]") {
  auto r = run_cli("run --rules tests/golden/broken.rules --input rules/examples/credit_requests.jsonl");
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("error[E201]: unknown name `incme`; did you mean `income`?") != std::string::npos);
}

TEST_CASE("a missing input file is an error, not a crash", "[cli]") {
  auto r = run_cli(std::string("run ") + kCredit + " --input no/such/file.json");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cannot read") != std::string::npos);
}

}  // namespace
}  // namespace verdict
