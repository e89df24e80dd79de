#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"

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

// The cases file beside a ruleset: `x.rules` -> `x.cases.toml`.
std::string cases_path_for(const std::string& rules_path);

}  // namespace verdict
