// The `trace` of a decision (docs/decision.md#trace): per-rule status and,
// at level full, what each rule saw, the input, derived values, outputs and
// `decide` branches, with the arithmetic events that made values unknown.
#include <algorithm>

#include "runtime/wire/decision_view.h"
#include "runtime/wire/value_json.h"

namespace verdict::writer {
namespace {

using nlohmann::ordered_json;

const char* status_name(RuleStatus s) {
  switch (s) {
    case RuleStatus::Fired: return "fired";
    case RuleStatus::NotFired: return "not_fired";
    case RuleStatus::Unknown: return "unknown";
  }
  return "?";
}

const char* condition_name(RuleStatus s) {
  switch (s) {
    case RuleStatus::Fired: return "true";
    case RuleStatus::NotFired: return "false";
    case RuleStatus::Unknown: return "unknown";
  }
  return "?";
}

const char* event_name(EventKind e) { return e == EventKind::DivisionByZero ? "division by zero" : "undefined result"; }

class TraceWriter {
 public:
  explicit TraceWriter(const DecisionView& v) : v_(v), p_(v.program), ev_(v.evaluation) {
    for (const DecisionFormat::ArithmeticNode& a : v.format.arithmetic_nodes()) {
      if (ev_.events[a.node->index] != EventKind::None) events_.push_back(&a);
    }
  }

  ordered_json write(TraceLevel level) const {
    ordered_json t = object_for(8);
    t["backend"] = v_.format.ruleset().backend().name();
    if (level == TraceLevel::Full) {
      t["input"] = input();
      t["derived"] = derived();
    }
    ordered_json rules = ordered_json::array();
    for (uint32_t r = 0; r < p_.rules.size(); ++r) rules.push_back(rule(r, level));
    t["rules"] = std::move(rules);
    if (level == TraceLevel::Full) {
      t["outputs"] = output_trace();
      t["decide"] = decide_trace();
    }
    return t;
  }

 private:
  ordered_json input() const {
    ordered_json out = ordered_json::object();
    for (uint32_t f = 0; f < p_.fields.size(); ++f) out[p_.fields[f].name] = field_value(v_, f);
    return out;
  }

  ordered_json derived() const {
    ordered_json out = ordered_json::array();
    for (uint32_t i = 0; i < p_.derived.size(); ++i) {
      const ir::Derived& d = p_.derived[i];
      ordered_json entry = {
          {"name", d.name}, {"kind", d.kind == ir::Derived::Let ? "let" : "segment"}, {"value", derived_value(v_, i)}};
      add_events(entry, ir::OwnerKind::Derived, i);
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json rule(uint32_t r, TraceLevel level) const {
    const ir::Rule& rule = p_.rules[r];
    ordered_json out = object_for(level == TraceLevel::Full ? 8 : 3);
    out["rule"] = rule.name;
    out["at"] = v_.format.rule_at(r);
    out["status"] = status_name(ev_.rules[r]);
    if (level != TraceLevel::Full) return out;
    ordered_json saw = ordered_json::object();
    for (uint32_t f : rule.read_fields) saw[p_.fields[f].name] = field_value(v_, f);
    for (uint32_t d : rule.read_derived) saw[p_.derived[d].name] = derived_value(v_, d);
    out["saw"] = std::move(saw);
    ordered_json missing = ordered_json::array();
    for (uint32_t f : rule.input_deps) {
      if (!v_.frame.present[f]) missing.push_back(p_.fields[f].name);
    }
    if (!missing.empty()) out["missing"] = std::move(missing);
    add_events(out, ir::OwnerKind::Rule, r);
    for (uint32_t d : v_.format.rule_derived_closure(r)) add_events(out, ir::OwnerKind::Derived, d);
    if (rule.points != 0) out["points"] = rule.points;
    if (rule.knockout >= 0) out["knockout"] = p_.outcomes[rule.knockout];
    return out;
  }

  ordered_json output_trace() const {
    ordered_json out = ordered_json::array();
    for (const DecidedOutput& o : v_.decision.outputs) {
      const ir::Output& def = p_.outputs[o.output];
      ordered_json entry = {{"output", def.name}, {"value", value_json(p_, def.type, o.value)}};
      entry["set_by"] = o.assign_slot >= 0 ? ordered_json(p_.rules[v_.format.rule_of_slot(o.assign_slot)].name)
                                           : ordered_json("default");
      ordered_json lost = ordered_json::array();
      std::vector<uint32_t> overridden = o.overridden;
      std::sort(overridden.begin(), overridden.end());  // slot order = file order
      for (uint32_t slot : overridden) lost.push_back(assignment(slot));
      entry["overridden"] = std::move(lost);
      ordered_json skipped = ordered_json::array();
      for (const DecisionFormat::Assignment& a : v_.format.assignments_of(o.output)) {
        if (ev_.rules[a.rule] == RuleStatus::Fired && ev_.assigns[a.slot].is_missing()) {
          skipped.push_back(p_.rules[a.rule].name);
        }
      }
      if (!skipped.empty()) entry["skipped_missing"] = std::move(skipped);
      add_events(entry, ir::OwnerKind::OutputDefault, o.output);
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json assignment(uint32_t slot) const {
    const ir::Rule& r = p_.rules[v_.format.rule_of_slot(slot)];
    for (const ir::OutputAssign& a : r.assigns) {
      if (a.slot != slot) continue;
      return {{"rule", r.name},
              {"value", value_json(p_, p_.outputs[a.output].type, ev_.assigns[slot])},
              {"priority", a.priority}};
    }
    return nullptr;
  }

  ordered_json decide_trace() const {
    ordered_json out = ordered_json::array();
    const Decision& d = v_.decision;
    for (uint32_t b = 0; b < p_.decide.size(); ++b) {
      const ir::DecideBranch& branch = p_.decide[b];
      ordered_json entry = {{"outcome", p_.outcomes[branch.outcome]},
                            {"at", v_.format.branch_at(b)},
                            {"condition", branch.condition < 0 ? "otherwise" : condition_name(ev_.decide[b])}};
      // A knock-out decides before `decide`, so then no branch is taken.
      if (d.knockout_rule < 0 && static_cast<int32_t>(b) == d.decide_branch) entry["taken"] = true;
      add_events(entry, ir::OwnerKind::Decide, b);
      out.push_back(std::move(entry));
    }
    return out;
  }

  void add_events(ordered_json& entry, ir::OwnerKind kind, uint32_t index) const {
    for (const DecisionFormat::ArithmeticNode* a : events_) {
      const ir::Node& n = *a->node;
      if (n.owner.kind != kind || n.owner.index != index) continue;
      if (!entry.contains("events")) entry["events"] = ordered_json::array();
      entry["events"].push_back({{"at", a->at}, {"event", event_name(ev_.events[n.index])}, {"expr", a->expr}});
    }
  }

  const DecisionView& v_;
  const ir::Program& p_;
  const Evaluation& ev_;
  std::vector<const DecisionFormat::ArithmeticNode*> events_;  // the nodes that recorded an event, in node order
};

}  // namespace

ordered_json trace_json(const DecisionView& v, TraceLevel level) { return TraceWriter(v).write(level); }

}  // namespace verdict::writer
