#include "compiler/interp/interpreter.h"

#include "compiler/eval/node_eval.h"

namespace verdict {
namespace {

RuleStatus status_of(const Value& v) {
  if (v.is_missing()) return RuleStatus::Unknown;
  return v.boolean ? RuleStatus::Fired : RuleStatus::NotFired;
}

}  // namespace

Interpreter::Interpreter(const ir::Program& program) : program_(program), derived_at_node_(program.nodes.size(), -1) {
  for (uint32_t d = 0; d < program.derived.size(); ++d) {
    derived_at_node_[program.derived[d].root] = static_cast<int32_t>(d);
  }
}

// The interpreter records the whole trace either way: it is the reference.
void Interpreter::evaluate_rules(const Frame& frame, Evaluation& out, bool) const {
  std::vector<Value> values(program_.decide_begin);
  EvalEnv env{program_, &frame, &out.derived, 0, 0, &out.events};
  for (uint32_t i = 0; i < program_.decide_begin; ++i) {
    values[i] = eval_node(program_.nodes[i], values, env);
    // INVARIANT: a derived value is stored before any node that reads it,
    // because derived roots precede their readers in node order.
    if (derived_at_node_[i] >= 0) out.derived[derived_at_node_[i]] = values[i];
  }
  for (uint32_t r = 0; r < program_.rules.size(); ++r) {
    const ir::Rule& rule = program_.rules[r];
    out.rules[r] = status_of(values[rule.condition]);
    for (const ir::OutputAssign& a : rule.assigns) out.assigns[a.slot] = values[a.value_root];
  }
  for (uint32_t o = 0; o < program_.outputs.size(); ++o) {
    out.output_defaults[o] = values[program_.outputs[o].default_root];
  }
}

void Interpreter::evaluate_decide(const Frame& frame, double human, double final, Evaluation& out) const {
  std::vector<Value> values(program_.nodes.size());
  EvalEnv env{program_, &frame, &out.derived, human, final, &out.events};
  for (uint32_t i = program_.decide_begin; i < program_.nodes.size(); ++i) {
    values[i] = eval_node(program_.nodes[i], values, env);
  }
  for (uint32_t b = 0; b < program_.decide.size(); ++b) {
    int32_t cond = program_.decide[b].condition;
    out.decide[b] = cond < 0 ? RuleStatus::Fired : status_of(values[cond]);
  }
  out.decide_branch = first_taken_branch(out.decide);
}

}  // namespace verdict
