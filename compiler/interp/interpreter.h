#pragma once
#include <vector>

#include "compiler/eval/backend.h"

namespace verdict {

// The reference backend: evaluates the IR node by node, front to back. Its
// results define the semantics every other backend must reproduce.
// Immutable after construction; safe to share between threads.
class Interpreter final : public Backend {
 public:
  explicit Interpreter(const ir::Program& program);

  void evaluate_rules(const Frame& frame, Evaluation& out, bool record_trace = true) const override;
  void evaluate_decide(const Frame& frame, double human, double final, Evaluation& out) const override;
  const char* name() const override { return "interp"; }

 private:
  const ir::Program& program_;
  std::vector<int32_t> derived_at_node_;  // node -> derived index whose root it is, or -1
};

}  // namespace verdict
