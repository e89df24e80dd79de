#pragma once
#include <cstdint>
#include <vector>

#include "compiler/eval/value.h"
#include "compiler/ir/program.h"

namespace verdict {

enum class RuleStatus : uint8_t { NotFired = 0, Fired = 1, Unknown = 2 };

// Why an arithmetic node gave missing although its operands were present.
enum class EventKind : uint8_t { None = 0, DivisionByZero = 1, Undefined = 2 };

// What a backend computes for one decision: the raw facts the runtime turns
// into a Decision and a Trace. Every backend must fill it identically
// (Value::same_as on every entry); the interpreter is the reference.
struct Evaluation {
  std::vector<RuleStatus> rules;       // per rule
  std::vector<Value> derived;          // per let/segment, dependency order
  std::vector<Value> assigns;          // per OutputAssign::slot
  std::vector<Value> output_defaults;  // per output
  std::vector<EventKind> events;       // per arithmetic event slot
  std::vector<RuleStatus> decide;      // per decide branch (all are evaluated)
  int32_t decide_branch = -1;          // index into Program::decide

  // Sizes every vector for `program` and clears previous results.
  void reset(const ir::Program& program);
};

// The first branch whose condition is true (`otherwise` counts as Fired),
// or -1. Shared by every backend so the choice cannot diverge.
int32_t first_taken_branch(const std::vector<RuleStatus>& decide);

}  // namespace verdict
