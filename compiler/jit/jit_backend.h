#pragma once
#include <memory>
#include <string>

#include "compiler/eval/backend.h"
#include "compiler/jit/jit_code.h"

namespace verdict {

// Runs a program as native code compiled by LLVM. Must give the same
// Evaluation as the Interpreter for every frame (the conformance corpus and
// the differential test hold it to that). Thread-safe.
class JitBackend final : public Backend {
 public:
  static std::unique_ptr<JitBackend> create(const ir::Program& program, jit::OptLevel level,
                                            std::string& error);

  void evaluate_rules(const Frame& frame, Evaluation& out) const override;
  void evaluate_decide(const Frame& frame, double human, double final,
                       Evaluation& out) const override;
  const char* name() const override { return "jit"; }
  double compile_ms() const { return code_->compile_ms(); }

 private:
  JitBackend(const ir::Program& program, std::unique_ptr<jit::JitCode> code);

  const ir::Program& program_;
  std::unique_ptr<jit::JitCode> code_;
  bool has_strings_ = false;
};

}  // namespace verdict
