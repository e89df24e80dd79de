#include "runtime/decide.h"

#include <algorithm>
#include <cmath>

namespace verdict {
namespace {

double sum_points(const ir::Program& p, const Evaluation& ev) {
  double points = p.points_base;
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    if (ev.rules[r] == RuleStatus::Fired) points += p.rules[r].points;
  }
  return points;
}

int32_t first_knockout(const ir::Program& p, const Evaluation& ev) {
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    if (ev.rules[r] == RuleStatus::Fired && p.rules[r].knockout >= 0) return static_cast<int32_t>(r);
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
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
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

// Knock-out reasons first in rule order, then the other fired rules' reasons
// by the size of their points, largest first, ties in rule order.
void order_reasons(const ir::Program& p, const Evaluation& ev, std::vector<DecisionReason>& out) {
  out.clear();
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    if (ev.rules[r] != RuleStatus::Fired) continue;
    const ir::Rule& rule = p.rules[r];
    for (const ir::Reason& reason : rule.reasons) {
      out.push_back({reason.code, reason.text, r, rule.knockout >= 0, rule.points});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const DecisionReason& a, const DecisionReason& b) {
    if (a.knockout != b.knockout) return a.knockout;
    return !a.knockout && std::fabs(a.points) > std::fabs(b.points);
  });
}

}  // namespace

// Computed on halves so that no finite scale overflows (MAX - MIN can exceed
// the largest double; MAX/2 - MIN/2 cannot). Halving is exact for normal
// numbers, so for ordinary scales this is exactly (points - MIN) / (MAX - MIN).
// Points that overflowed to inf and -inf together give NaN, scored as 0.
double human_score(const ir::Program& program, double points) {
  double h = (points * 0.5 - program.scale_min * 0.5) /
             (program.scale_max * 0.5 - program.scale_min * 0.5);
  if (std::isnan(h)) return 0.0;
  return std::clamp(h, 0.0, 1.0);
}

void decide_into(const ir::Program& program, const Backend& backend, const Frame& frame,
                 Decision& d, bool record_trace) {
  d.evaluation.reset(program);
  backend.evaluate_rules(frame, d.evaluation, record_trace);
  d.points = sum_points(program, d.evaluation);
  d.human = human_score(program, d.points);
  d.final = d.human;
  backend.evaluate_decide(frame, d.human, d.final, d.evaluation);
  d.knockout_rule = first_knockout(program, d.evaluation);
  d.decide_branch = d.evaluation.decide_branch;
  if (d.knockout_rule >= 0) {
    d.outcome = static_cast<uint32_t>(program.rules[d.knockout_rule].knockout);
  } else {
    // INVARIANT: the checker guarantees `decide` ends with `otherwise`.
    d.outcome = program.decide[d.decide_branch].outcome;
  }
  d.segment = first_segment(program, d.evaluation);
  collect_tags(program, d.evaluation, d.tags);
  order_reasons(program, d.evaluation, d.reasons);
  choose_outputs(program, d.evaluation, d.outputs);
}

Decision decide(const ir::Program& program, const Backend& backend, const Frame& frame,
                bool record_trace) {
  Decision d;
  decide_into(program, backend, frame, d, record_trace);
  return d;
}

}  // namespace verdict
