#include "runtime/core/decide.h"

#include <algorithm>
#include <cmath>

namespace verdict {
namespace {

// In rule order, so the floating-point sum is the same for every backend.
double sum_points(const ir::Program& p, const Evaluation& ev) {
  const RuleStatus* status = ev.rules.data();
  if (p.integral_points) {  // exact, so any order gives the in-order result
    int64_t sum = static_cast<int64_t>(p.points_base);
    const int64_t* points = p.rule_points_int.data();
    for (size_t r = 0; r < p.rule_points_int.size(); ++r) {
      // A mask, not a branch: which rules fire is data dependent.
      sum += points[r] & -static_cast<int64_t>(status[r] == RuleStatus::Fired);
    }
    return static_cast<double>(sum);
  }
  double points = p.points_base;
  const double* rule_points = p.rule_points.data();
  for (size_t r = 0; r < p.rule_points.size(); ++r) {
    // A select, not a branch: which rules fire is data dependent. Adding +0.0
    // for a rule that did not fire leaves every sum unchanged except a -0.0
    // base, which becomes +0.0 (the defined result).
    points += status[r] == RuleStatus::Fired ? rule_points[r] : 0.0;
  }
  return points;
}

int32_t first_knockout(const ir::Program& p, const Evaluation& ev) {
  for (uint32_t r : p.knockout_rules) {
    if (ev.rules[r] == RuleStatus::Fired) return static_cast<int32_t>(r);
  }
  return -1;
}

int32_t first_segment(const ir::Program& p, const Evaluation& ev) {
  for (uint32_t d : p.segments) {
    if (ev.derived[d].is_true()) return static_cast<int32_t>(d);
  }
  return -1;
}

void collect_tags(const ir::Program& p, const Evaluation& ev, std::vector<std::string_view>& tags) {
  tags.clear();
  for (uint32_t r : p.tagged_rules) {
    if (ev.rules[r] != RuleStatus::Fired) continue;
    for (const std::string& t : p.rules[r].tags) {
      if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
    }
  }
}

// Highest priority wins; ties go to the earlier rule (rule order = slot order).
void choose_outputs(const ir::Program& p, const Evaluation& ev, std::vector<DecidedOutput>& outputs) {
  outputs.resize(p.outputs.size());
  for (uint32_t o = 0; o < p.outputs.size(); ++o) {
    outputs[o].output = o;
    outputs[o].value = ev.output_defaults[o];
    outputs[o].assign_slot = -1;
    outputs[o].overridden.clear();
  }
  if (p.assign_count == 0) return;
  std::vector<double> best_priority(p.outputs.size(), 0);
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    if (ev.rules[r] != RuleStatus::Fired) continue;
    for (const ir::OutputAssign& a : p.rules[r].assigns) {
      if (ev.assigns[a.slot].is_missing()) continue;
      DecidedOutput& out = outputs[a.output];
      if (out.assign_slot < 0 || a.priority > best_priority[a.output]) {
        if (out.assign_slot >= 0) out.overridden.push_back(static_cast<uint32_t>(out.assign_slot));
        out.assign_slot = static_cast<int32_t>(a.slot);
        out.value = ev.assigns[a.slot];
        best_priority[a.output] = a.priority;
      } else {
        out.overridden.push_back(a.slot);
      }
    }
  }
}

// In Program::ordered_reasons: knock-outs first, then by the size of points.
// Branch-free compaction (which rules fire is data dependent): every entry
// is written, only fired ones advance.
void order_reasons(const ir::Program& p, const Evaluation& ev, std::vector<const DecisionReason*>& out) {
  out.resize(p.ordered_reasons.size());
  size_t n = 0;
  for (const DecisionReason& entry : p.ordered_reasons) {
    out[n] = &entry;
    n += static_cast<size_t>(ev.rules[entry.rule] == RuleStatus::Fired);
  }
  out.resize(n);
}

}  // namespace

// Computed on halves so that no finite scale overflows (MAX - MIN can exceed
// the largest double; MAX/2 - MIN/2 cannot). Halving is exact for normal
// numbers, so for ordinary scales this is exactly (points - MIN) / (MAX - MIN).
// Points that overflowed to inf and -inf together give NaN, scored as 0.
double human_score(const ir::Program& program, double points) {
  double h = (points * 0.5 - program.scale_min * 0.5) / (program.scale_max * 0.5 - program.scale_min * 0.5);
  if (std::isnan(h)) return 0.0;
  return std::clamp(h, 0.0, 1.0);
}

// Order: rules, human score and segment, then the model and the blend
// (the segment picks the weights), then `decide` on the blended `final`,
// then knock-outs, and last the model explanation (it may depend on the
// outcome).
void decide_into(const ir::Program& program, const Backend& backend, const Frame& frame, Decision& d, bool record_trace,
                 const Scoring* scoring) {
  d.evaluation.reset(program);
  bool record = record_trace || (scoring && scoring->reads_lets());
  backend.evaluate_rules(frame, d.evaluation, record);
  d.points = sum_points(program, d.evaluation);
  d.human = human_score(program, d.points);
  d.segment = first_segment(program, d.evaluation);
  if (scoring) {
    scoring->score(frame, d);
  } else {
    d.final = d.human;
    d.weights = BlendWeights{};
    d.segment_weights = false;
    d.model = ModelResult{};
    d.model_reasons.clear();
  }
  backend.evaluate_decide(frame, d.human, d.final, d.evaluation);
  d.knockout_rule = first_knockout(program, d.evaluation);
  d.decide_branch = d.evaluation.decide_branch;
  if (d.knockout_rule >= 0) {
    d.outcome = static_cast<uint32_t>(program.rules[d.knockout_rule].knockout);
  } else {
    // INVARIANT: the checker guarantees `decide` ends with `otherwise`.
    d.outcome = program.decide[d.decide_branch].outcome;
  }
  collect_tags(program, d.evaluation, d.tags);
  order_reasons(program, d.evaluation, d.reasons);
  choose_outputs(program, d.evaluation, d.outputs);
  if (scoring) scoring->explain(d);
}

Decision decide(const ir::Program& program, const Backend& backend, const Frame& frame, bool record_trace,
                const Scoring* scoring) {
  Decision d;
  decide_into(program, backend, frame, d, record_trace, scoring);
  return d;
}

}  // namespace verdict
