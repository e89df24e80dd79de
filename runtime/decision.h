#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/evaluation.h"
#include "compiler/eval/value.h"
#include "compiler/ir/program.h"

namespace verdict {

// One entry of the decision's ordered reasons: code, text, rule, whether it
// is a knock-out, the rule's points (its effect on the human score). It lives
// in the program, as do the `tags` views: a Decision is valid while its
// ruleset lives.
using DecisionReason = ir::Program::OrderedReason;

// An output's final value and how it was chosen.
struct DecidedOutput {
  uint32_t output = 0;
  Value value;
  int32_t assign_slot = -1;            // the winning assignment, -1 for the default
  std::vector<uint32_t> overridden;    // slots of fired assignments that lost
};

// What was decided, in terms of the program it was decided with. The
// Evaluation beside it holds the raw trace facts.
struct Decision {
  uint32_t outcome = 0;
  int32_t knockout_rule = -1;  // the rule that decided, or -1 when `decide` did
  int32_t decide_branch = -1;
  double points = 0;           // base + points of fired rules, in rule order
  double human = 0;
  double final = 0;
  int32_t segment = -1;        // derived index of the first true segment
  std::vector<std::string_view> tags;
  std::vector<const DecisionReason*> reasons;
  std::vector<DecidedOutput> outputs;
  Evaluation evaluation;
};

}  // namespace verdict
