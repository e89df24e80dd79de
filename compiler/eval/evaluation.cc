#include "compiler/eval/evaluation.h"

namespace verdict {

void Evaluation::reset(const ir::Program& program) {
  rules.assign(program.rules.size(), RuleStatus::NotFired);
  derived.assign(program.derived.size(), Value::missing());
  assigns.assign(program.assign_count, Value::missing());
  output_defaults.assign(program.outputs.size(), Value::missing());
  events.assign(program.event_slots, EventKind::None);
  decide.assign(program.decide.size(), RuleStatus::NotFired);
  decide_branch = -1;
}

int32_t first_taken_branch(const std::vector<RuleStatus>& decide) {
  for (size_t b = 0; b < decide.size(); ++b) {
    if (decide[b] == RuleStatus::Fired) return static_cast<int32_t>(b);
  }
  return -1;
}

}  // namespace verdict
