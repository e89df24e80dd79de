#pragma once
// The program of the shipped credit ruleset, compiled once (interpreter),
// for the request targets.
#include "runtime/deploy/ruleset.h"
#include "tests/fuzz/fuzz_target.h"

namespace verdict::fuzz {

inline const ir::Program& credit_program() {
  static std::unique_ptr<CompiledRuleset> ruleset = [] {
    Diagnostics diags;
    return CompiledRuleset::load(source_path("rules/credit_approval.rules"), diags, BackendKind::Interpreter);
  }();
  return ruleset->program();
}

}  // namespace verdict::fuzz
