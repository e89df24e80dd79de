#pragma once
#include <vector>

#include "compiler/eval/evaluation.h"
#include "compiler/eval/frame.h"
#include "compiler/ir/program.h"

namespace verdict {

// What one node may read besides its arguments.
struct EvalEnv {
  const ir::Program& program;
  const Frame* frame = nullptr;  // null while constant folding
  const std::vector<Value>* derived = nullptr;
  double human = 0, final = 0;
  std::vector<EventKind>* events = nullptr;  // null: events are not recorded
};

// The semantics of record for one IR node, given the values of its
// arguments in `values` (indexed by node). Total: never throws, never NaN.
Value eval_node(const ir::Node& node, const std::vector<Value>& values, const EvalEnv& env);

}  // namespace verdict
