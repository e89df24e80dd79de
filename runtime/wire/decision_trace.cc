// The `trace` of a decision (docs/decision.md#trace): per-rule status and,
// at level full, what each rule saw, the input, derived values, outputs and
// `decide` branches, with the arithmetic events that made values unknown.
#include <algorithm>

#include "runtime/wire/decision_view.h"
#include "runtime/wire/value_json.h"

namespace verdict::writer {
namespace {

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
  explicit TraceWriter(const DecisionView& v)
      : v_(v), p_(v.program), ev_(v.evaluation), names_(v.format.names()), out_(v.out) {
    for (const DecisionFormat::ArithmeticNode& a : v.format.arithmetic_nodes()) {
      if (ev_.events[a.node->index] != EventKind::None) events_.push_back(&a);
    }
  }

  void write(TraceLevel level) const {
    out_.begin_object();
    out_.key("backend"), out_.string(v_.format.ruleset().backend().name());
    if (level == TraceLevel::Full) {
      out_.key("input"), input();
      out_.key("derived"), derived();
    }
    out_.key("rules"), out_.begin_array();
    for (uint32_t r = 0; r < p_.rules.size(); ++r) rule(r, level);
    out_.end_array();
    if (level == TraceLevel::Full) {
      out_.key("outputs"), output_trace();
      out_.key("decide"), decide_trace();
    }
    out_.end_object();
  }

 private:
  void input() const {
    out_.begin_object();
    for (uint32_t f = 0; f < p_.fields.size(); ++f) out_.rendered_key(names_.field_key[f]), field_value(v_, f);
    out_.end_object();
  }

  void derived() const {
    out_.begin_array();
    for (uint32_t i = 0; i < p_.derived.size(); ++i) {
      const ir::Derived& d = p_.derived[i];
      out_.begin_object();
      out_.key("name"), out_.raw(names_.derived[i]);
      out_.key("kind"), out_.string(d.kind == ir::Derived::Let ? "let" : "segment");
      out_.key("value"), derived_value(v_, i);
      bool open = false;
      events_of(ir::OwnerKind::Derived, i, open);
      close_events(open);
      out_.end_object();
    }
    out_.end_array();
  }

  // What rule `r` read, by name.
  void saw(const ir::Rule& rule) const {
    out_.begin_object();
    for (uint32_t f : rule.read_fields) out_.rendered_key(names_.field_key[f]), field_value(v_, f);
    for (uint32_t d : rule.read_derived) out_.rendered_key(names_.derived_key[d]), derived_value(v_, d);
    out_.end_object();
  }

  void rule(uint32_t r, TraceLevel level) const {
    const ir::Rule& rule = p_.rules[r];
    out_.begin_object();
    out_.key("rule"), out_.raw(names_.rule[r]);
    out_.key("at"), out_.raw(names_.rule_at[r]);
    out_.key("status"), out_.string(status_name(ev_.rules[r]));
    if (level != TraceLevel::Full) return out_.end_object();
    out_.key("saw"), saw(rule);
    bool any_missing = false;
    for (uint32_t f : rule.input_deps) {
      if (v_.frame.present[f]) continue;
      if (!any_missing) out_.key("missing"), out_.begin_array(), any_missing = true;
      out_.raw(names_.field[f]);
    }
    if (any_missing) out_.end_array();
    bool open = false;
    events_of(ir::OwnerKind::Rule, r, open);
    for (uint32_t d : v_.format.rule_derived_closure(r)) events_of(ir::OwnerKind::Derived, d, open);
    close_events(open);
    if (rule.points != 0) out_.key("points"), out_.number(rule.points);
    if (rule.knockout >= 0) out_.key("knockout"), out_.raw(names_.outcome[rule.knockout]);
    out_.end_object();
  }

  void output_entry(const DecidedOutput& o) const {
    const ir::Output& def = p_.outputs[o.output];
    out_.begin_object();
    out_.key("output"), out_.string(def.name);
    out_.key("value"), write_value(out_, p_, def.type, o.value);
    out_.key("set_by");
    out_.string(o.assign_slot >= 0 ? p_.rules[v_.format.rule_of_slot(o.assign_slot)].name : "default");
    std::vector<uint32_t> overridden = o.overridden;
    std::sort(overridden.begin(), overridden.end());  // slot order = file order
    out_.key("overridden"), out_.begin_array();
    for (uint32_t slot : overridden) assignment(slot);
    out_.end_array();
    bool any_skipped = false;
    for (const DecisionFormat::Assignment& a : v_.format.assignments_of(o.output)) {
      if (ev_.rules[a.rule] != RuleStatus::Fired || !ev_.assigns[a.slot].is_missing()) continue;
      if (!any_skipped) out_.key("skipped_missing"), out_.begin_array(), any_skipped = true;
      out_.raw(names_.rule[a.rule]);
    }
    if (any_skipped) out_.end_array();
    bool open = false;
    events_of(ir::OwnerKind::OutputDefault, o.output, open);
    close_events(open);
    out_.end_object();
  }

  void output_trace() const {
    out_.begin_array();
    for (const DecidedOutput& o : v_.decision.outputs) output_entry(o);
    out_.end_array();
  }

  void assignment(uint32_t slot) const {
    const ir::Rule& r = p_.rules[v_.format.rule_of_slot(slot)];
    for (const ir::OutputAssign& a : r.assigns) {
      if (a.slot != slot) continue;
      out_.begin_object();
      out_.key("rule"), out_.raw(names_.rule[v_.format.rule_of_slot(slot)]);
      out_.key("value"), write_value(out_, p_, p_.outputs[a.output].type, ev_.assigns[slot]);
      out_.key("priority"), out_.number(a.priority);
      return out_.end_object();
    }
    out_.null();
  }

  void decide_trace() const {
    out_.begin_array();
    const Decision& d = v_.decision;
    for (uint32_t b = 0; b < p_.decide.size(); ++b) {
      const ir::DecideBranch& branch = p_.decide[b];
      out_.begin_object();
      out_.key("outcome"), out_.raw(names_.outcome[branch.outcome]);
      out_.key("at"), out_.raw(names_.branch_at[b]);
      out_.key("condition"), out_.string(branch.condition < 0 ? "otherwise" : condition_name(ev_.decide[b]));
      // A knock-out decides before `decide`, so then no branch is taken.
      if (d.knockout_rule < 0 && static_cast<int32_t>(b) == d.decide_branch) out_.key("taken"), out_.boolean(true);
      bool open = false;
      events_of(ir::OwnerKind::Decide, b, open);
      close_events(open);
      out_.end_object();
    }
    out_.end_array();
  }

  // The arithmetic events of the nodes of one owner, in node order, into
  // the entry's `events` array, which the first of them opens (`open`);
  // close_events ends it. No key when there are none.
  void events_of(ir::OwnerKind kind, uint32_t index, bool& open) const {
    for (const DecisionFormat::ArithmeticNode* a : events_) {
      const ir::Node& n = *a->node;
      if (n.owner.kind != kind || n.owner.index != index) continue;
      if (!open) out_.key("events"), out_.begin_array(), open = true;
      out_.begin_object();
      out_.key("at"), out_.string(a->at);
      out_.key("event"), out_.string(event_name(ev_.events[n.index]));
      out_.key("expr"), out_.string(a->expr);
      out_.end_object();
    }
  }
  void close_events(bool open) const {
    if (open) out_.end_array();
  }

  const DecisionView& v_;
  const ir::Program& p_;
  const Evaluation& ev_;
  const RenderedNames& names_;
  JsonOut& out_;
  std::vector<const DecisionFormat::ArithmeticNode*> events_;  // the nodes that recorded an event, in node order
};

}  // namespace

void write_trace(const DecisionView& v, TraceLevel level) { TraceWriter(v).write(level); }

}  // namespace verdict::writer
