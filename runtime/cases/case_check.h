#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "runtime/api/engine.h"
#include "runtime/cases/test_cases.h"

namespace verdict {

struct CaseResult {
  std::string name;
  bool passed = true;
  std::vector<std::string> failures;  // one line each: what was expected, what came
  std::vector<uint32_t> fired_rules;  // indices into the program's rules
};

// Compares a case's expectations with what came of its request: `decision`,
// the decision exactly as users receive it at trace level full
// (docs/decision.md), or, when it is null, the `errors` that refused the
// request. `program` names the rules the expectations may mention.
CaseResult check_case(const ir::Program& program, const TestCase& test, const nlohmann::ordered_json* decision,
                      const std::vector<Diagnostic>& errors);

// Decides a case through `engine` (trace full, NaN and ±inf allowed: TOML
// writes them) and checks it. The engine should be opened with
// EngineOptions::log_decisions false: a test is not a decision to log.
CaseResult run_case(const Engine& engine, const TestCase& test);

}  // namespace verdict
