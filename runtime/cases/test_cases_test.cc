#include "runtime/cases/test_cases.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace verdict {
namespace {

struct Loaded {
  std::optional<CasesFile> file;
  std::vector<std::string> messages;  // "CODE message" each
  uint32_t line = 0;
};

// Writes `text` as a cases file in a fresh temporary folder and loads it.
Loaded load(const std::string& text, const std::string& name = "credit.cases.toml") {
  auto dir = std::filesystem::temp_directory_path() / ("verdict_cases_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path) << text;
  Loaded out;
  std::vector<Diagnostic> errors;
  out.file = load_cases(path, errors, out.line);
  for (const Diagnostic& e : errors) out.messages.push_back(e.code + " " + e.message);
  std::filesystem::remove_all(dir);
  return out;
}

TEST_CASE("cases file: ruleset and config resolve against its folder, expectations are read", "[cases]") {
  Loaded l = load(R"(
ruleset = "../r/credit.rules"
config = "credit.deploy.toml"

[[case]]
name = "small loan"
input = { amount = 100, tags = ["a", 2], when = 1979-05-27 }
expect = { outcome = "approve", reasons = ["R1"], human = 0.5, probability = 1, outputs = { limit = 3 } }

[[case]]
input = {}
expect.error = "R002"
)");
  REQUIRE(l.file);
  CHECK(l.messages.empty());
  CHECK(l.file->ruleset_path.ends_with("/r/credit.rules"));
  CHECK(l.file->config_path.ends_with("/credit.deploy.toml"));
  REQUIRE(l.file->cases.size() == 2);
  const TestCase& first = l.file->cases[0];
  CHECK(first.name == "small loan");
  CHECK(first.line == 5);
  CHECK(first.input.dump() == R"({"amount":100,"tags":["a",2],"when":"date"})");
  CHECK(first.outcome == "approve");
  CHECK(first.reasons == std::vector<std::string>{"R1"});
  CHECK(first.human == 0.5);
  CHECK(first.probability == 1.0);
  CHECK(first.outputs->dump() == R"({"limit":3})");
  CHECK_FALSE(first.tags);
  CHECK(l.file->cases[1].name == "case at line 10");
  CHECK(l.file->cases[1].error == "R002");
}

TEST_CASE("cases file: without `ruleset` the rules file is named after the cases file", "[cases]") {
  Loaded l = load("[[case]]\ninput = {}\nexpect.outcome = \"x\"\n", "loans.v2.cases.toml");
  REQUIRE(l.file);
  CHECK(l.file->ruleset_path.ends_with("/loans.rules"));
  CHECK(l.file->config_path.empty());
}

TEST_CASE("cases file: problems are T001, with the line of the case", "[cases]") {
  Loaded l = load(R"(
[[case]]
name = "ok"
input = {}
expect.outcome = "x"

[[case]]
name = "bad"
expect = { outcom = "x", reasons = "R1", tags = ["a", 1, 2] }
)");
  CHECK_FALSE(l.file);
  CHECK(l.messages == std::vector<std::string>{
                          "T001 case `bad` has no `input` table",
                          "T001 unknown key `expect.outcom` in case `bad`",
                          "T001 `expect.reasons` must be an array of strings",
                          "T001 `expect.tags` must hold only strings",
                          "T001 `expect.tags` must hold only strings",
                          "T001 case `bad` expects neither an `outcome` nor an `error`",
                      });
  CHECK(l.line == 7);
}

TEST_CASE("cases file: no expect table, no cases, bad TOML", "[cases]") {
  Loaded no_expect = load("[[case]]\ninput = {}\n");
  CHECK(no_expect.messages == std::vector<std::string>{"T001 case `case at line 1` has no `expect` table"});
  Loaded none = load("ruleset = \"x.rules\"\n");
  CHECK(none.messages == std::vector<std::string>{"T001 no `[[case]]` entries"});
  CHECK(none.line == 1);
  Loaded syntax = load("ruleset = \"x.rules\"\n[[case]\n");
  REQUIRE(syntax.messages.size() == 1);
  CHECK(syntax.messages[0].starts_with("T001 invalid TOML: "));
  CHECK(syntax.line == 2);
}

TEST_CASE("cases file: an unreadable file is reported at line 0", "[cases]") {
  std::vector<Diagnostic> errors;
  uint32_t line = 99;
  CHECK_FALSE(load_cases("/nonexistent/x.cases.toml", errors, line));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "cannot read cases file `/nonexistent/x.cases.toml`: no such file or directory");
  CHECK(line == 0);
}

}  // namespace
}  // namespace verdict
