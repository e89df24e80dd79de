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

}  // namespace verdict
