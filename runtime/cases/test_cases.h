#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "runtime/core/decision.h"
#include "runtime/core/scoring.h"
#include "runtime/deploy/ruleset.h"

namespace verdict {

// One case of a `.cases.toml` file: a request and what must come of it.
// Every expectation is optional except that a case needs `outcome` or `error`.
struct TestCase {
  std::string name;
  uint32_t line = 0;  // of the [[case]] header, for messages
  nlohmann::json input;
  std::optional<std::string> outcome, segment, error;
  std::optional<std::vector<std::string>> reasons, tags, fired, unknown;
  std::optional<double> human, final;
  std::optional<double> probability;      // the model's, to within 1e-6
  std::optional<nlohmann::json> outputs;  // object: output name -> expected value
};

struct CasesFile {
  std::string path;
  std::string ruleset_path;  // resolved against the cases file's folder
  // `config = "x.deploy.toml"`: decide with that deployment (its model and
  // weights) instead of the rules file alone; resolved like ruleset_path.
  std::string config_path;
  std::vector<TestCase> cases;
};

// Reads a cases file (TOML). Problems are reported with code T001 and the
// file's line; returns nullopt when the file cannot be used at all.
std::optional<CasesFile> load_cases(const std::string& path, std::vector<Diagnostic>& errors, uint32_t& error_line);

struct CaseResult {
  std::string name;
  bool passed = true;
  std::vector<std::string> failures;  // one line each: what was expected, what came
  std::vector<uint32_t> fired_rules;
  std::optional<Decision> decision;  // absent when the request was rejected
  std::optional<Frame> frame;
};

// Runs one case against a compiled ruleset and compares every expectation;
// with `scoring` (a deployment's), the model is blended in.
CaseResult run_case(const CompiledRuleset& ruleset, const TestCase& test, const Scoring* scoring = nullptr);

// The cases file beside a ruleset: `x.rules` -> `x.cases.toml`.
std::string cases_path_for(const std::string& rules_path);

}  // namespace verdict
