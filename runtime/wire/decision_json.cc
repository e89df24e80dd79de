#include "runtime/wire/decision_json.h"

#include <algorithm>
#include <cmath>

#include "runtime/core/model_effects.h"
#include "runtime/deploy/deployment.h"
#include "runtime/wire/value_json.h"

namespace verdict {
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

// An empty object with room for `n` keys. nlohmann's ordered_map is a
// vector of pairs with a const key, so growing it copies every value, nested
// objects and all: objects that receive large children are sized first.
ordered_json object_for(size_t n) {
  ordered_json out = ordered_json::object();
  out.get_ref<ordered_json::object_t&>().reserve(n);
  return out;
}

class DecisionWriter {
 public:
  DecisionWriter(const CompiledRuleset& rs, const Frame& frame, const Decision& d,
                 const Deployment* deployment = nullptr)
      : rs_(rs),
        p_(rs.program()),
        frame_(frame),
        d_(d),
        ev_(d.evaluation),
        dep_(deployment),
        model_(deployment ? deployment->scoring().model() : nullptr) {}

  // A let or segment computed from a @pii field is as sensitive as the field:
  // its value is masked in the trace too. Dependency order makes one pass enough.
  void find_pii_derived() {
    pii_derived_.assign(p_.derived.size(), false);
    for (const ir::Node& n : p_.nodes) {
      if (n.owner.kind != ir::OwnerKind::Derived) continue;
      bool pii =
          (n.op == ir::Op::Field && p_.fields[n.index].pii) || (n.op == ir::Op::Derived && pii_derived_[n.index]);
      if (pii) pii_derived_[n.owner.index] = true;
    }
  }

  ordered_json derived_value(uint32_t d) const {
    const Value& v = ev_.derived[d];
    if (pii_derived_[d] && !v.is_missing()) return kMasked;
    return value_json(p_, p_.derived[d].type, v);
  }

  ordered_json write(TraceLevel level, std::optional<uint32_t> request = std::nullopt) {
    find_pii_derived();
    ordered_json out = object_for(16);
    if (request) out["request"] = *request;
    out["ruleset"] = {{"name", p_.name}, {"version", p_.version}};
    if (dep_) out["ruleset"]["sha256"] = dep_->ruleset_sha256();
    out["outcome"] = p_.outcomes[d_.outcome];
    out["decided_by"] = decided_by();
    out["score"] = dep_ ? blended_score() : score();
    out["segment"] = d_.segment >= 0 ? ordered_json(p_.derived[d_.segment].name) : ordered_json(nullptr);
    out["tags"] = ordered_json::array();
    for (std::string_view t : d_.tags) out["tags"].push_back(std::string(t));
    out["outputs"] = outputs();
    out["reasons"] = dep_ ? explained() : reasons();
    if (model_) out["model"] = model_json(level);
    if (dep_) out["provenance"] = provenance();
    if (level != TraceLevel::Off) out["trace"] = trace(level);
    return out;
  }

 private:
  ordered_json decided_by() const {
    if (d_.knockout_rule >= 0) {
      const ir::Rule& r = p_.rules[d_.knockout_rule];
      return {{"kind", "knockout"}, {"rule", r.name}, {"at", rs_.location(r.span)}};
    }
    const ir::DecideBranch& b = p_.decide[d_.decide_branch];
    return {{"kind", "decide"}, {"branch", d_.decide_branch}, {"at", rs_.location(b.span)}};
  }

  ordered_json score() const {
    ir::Type number_type;
    return {{"points", value_json(p_, number_type, Value::of_number(d_.points))},
            {"human", value_json(p_, number_type, Value::of_number(d_.human))},
            {"final", value_json(p_, number_type, Value::of_number(d_.final))},
            {"formula", "final = human = clamp((points - (" + number(p_.scale_min) + ")) / (" + number(p_.scale_max) +
                            " - (" + number(p_.scale_min) + ")), 0, 1)"}};
  }

  std::string human_formula() const {
    return "human = clamp((points - (" + number(p_.scale_min) + ")) / (" + number(p_.scale_max) + " - (" +
           number(p_.scale_min) + ")), 0, 1)";
  }

  // A deployment's score: the weights used and where they came from, and
  // the formula with the numbers of this decision.
  ordered_json blended_score() const {
    ordered_json out = score();
    const BlendWeights& w = d_.weights;
    std::string from = d_.segment_weights ? "blend.segments." + p_.derived[d_.segment].name
                       : dep_->config()   ? "blend"
                                          : "default (no deployment config)";
    ordered_json result = object_for(8);
    result["points"] = out["points"];
    result["human"] = out["human"];
    result["model"] = model_ ? ordered_json(d_.model.score) : ordered_json(nullptr);
    result["final"] = out["final"];
    result["weights"] = {{"human", w.human}, {"model", w.model}, {"from", from}};
    std::string model_term = model_ ? number(d_.model.score) : "0";
    result["formula"] = "final = " + number(w.human) + " * human + " + number(w.model) +
                        " * model = " + number(w.human) + " * " + number(d_.human) + " + " + number(w.model) + " * " +
                        model_term + " = " + number(d_.final) + "; " + human_formula();
    return result;
  }

  ordered_json explained() const {
    ordered_json out = ordered_json::array();
    for (const ExplainedReason& r : explained_reasons(p_, d_)) {
      ordered_json entry = {{"code", std::string(r.code)}, {"text", std::string(r.text)}};
      if (r.from_model) {
        entry["model"] = model_->decl().name;
        entry["feature"] = model_->decl().features[r.source].name;
      } else {
        entry["rule"] = p_.rules[r.source].name;
      }
      if (r.knockout) {
        entry["knockout"] = true;
      } else {
        if (!r.from_model) entry["points"] = r.points;
        entry["effect"] = r.effect;
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  static const char* shap_state(ShapState s) {
    switch (s) {
      case ShapState::NoModel: return "no_model";
      case ShapState::Computed: return "computed";
      case ShapState::Off: return "off";
      case ShapState::NotForOutcome: return "not_for_outcome";
      case ShapState::Failed: return "failed";
    }
    return "?";
  }

  bool feature_is_pii(const ir::ModelFeature& f) const {
    return f.source == ir::ModelFeature::Field ? p_.fields[f.index].pii : pii_derived_[f.index];
  }

  // The model's inputs as the ruleset names them and as fed (NaN: null).
  ordered_json model_features() const {
    ordered_json out = ordered_json::array();
    const std::vector<float>& contributions = d_.model.contributions;
    double scale = 0;
    if (!contributions.empty()) {
      scale = shap_effect_scale(model_->model().margin(d_.model.row.data()), contributions.back(), d_.weights.model,
                                model_->decl().predicts_not);
    }
    for (size_t i = 0; i < model_->decl().features.size(); ++i) {
      const ir::ModelFeature& f = model_->decl().features[i];
      bool masked = feature_is_pii(f) && !std::isnan(d_.model.row[i]);
      ordered_json entry = {{"feature", f.name}};
      if (masked) {
        entry["value"] = kMasked;
        entry["fed"] = kMasked;
      } else {
        entry["value"] = f.source == ir::ModelFeature::Field ? field_value(f.index) : derived_value(f.index);
        entry["fed"] = float_json(d_.model.row[i]);
      }
      if (!contributions.empty()) {
        entry["contribution"] = float_json(contributions[i]);
        entry["effect"] = scale * contributions[i];
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json model_json(TraceLevel level) const {
    const ir::ModelBinding& decl = model_->decl();
    const ModelResult& m = d_.model;
    ordered_json out = object_for(16);
    out["name"] = decl.name;
    out["predicts"] = decl.predicts;
    out["probability"] = float_json(m.probability);
    out["score"] = m.score;
    out["score_is"] = decl.predicts_not ? "1 - P(" + decl.predicts + ")" : "P(" + decl.predicts + ")";
    out["kernel"] = model_->kernel() == ModelKernel::Native ? "native" : "xgboost";
    ordered_json shap = {{"state", shap_state(m.shap)}};
    if (m.shap == ShapState::Computed) {
      shap["method"] =
          "xgboost treeshap (pred_contribs), effect = contribution * w_model * (P(margin) - P(bias)) / (margin - bias)";
      shap["margin"] = float_json(model_->model().margin(m.row.data()));
      shap["bias"] = float_json(m.contributions.back());
    }
    if (m.shap == ShapState::Failed) shap["error"] = m.shap_error;
    out["shap"] = std::move(shap);
    if (level == TraceLevel::Full) out["features"] = model_features();
    return out;
  }

  ordered_json provenance() const {
    ordered_json out = object_for(16);
    out["engine"] = std::string("verdict ") + VERDICT_VERSION;
    out["ruleset"] = {{"file", rs_.source().path()}, {"sha256", dep_->ruleset_sha256()}};
    if (model_) {
      out["model"] = {{"file", model_->model().path()}, {"sha256", model_->model().sha256()}};
    } else {
      out["model"] = nullptr;
    }
    if (const DeploymentConfig* c = dep_->config()) {
      out["config"] = {{"file", c->path}, {"sha256", dep_->config_sha256()}};
    } else {
      out["config"] = nullptr;
    }
    return out;
  }

  ordered_json reasons() const {
    ordered_json out = ordered_json::array();
    for (const DecisionReason* r : d_.reasons) {
      ordered_json entry = {
          {"code", std::string(r->code)}, {"text", std::string(r->text)}, {"rule", p_.rules[r->rule].name}};
      if (r->knockout)
        entry["knockout"] = true;
      else
        entry["points"] = r->points;
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json outputs() const {
    ordered_json out = ordered_json::object();
    for (const DecidedOutput& o : d_.outputs) {
      const ir::Output& def = p_.outputs[o.output];
      out[def.name] = value_json(p_, def.type, o.value);
    }
    return out;
  }

  ordered_json trace(TraceLevel level) {
    collect_events();
    ordered_json t = object_for(8);
    t["backend"] = rs_.backend().name();
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

  ordered_json field_value(uint32_t f) const {
    const ir::Field& field = p_.fields[f];
    Value v = frame_.value(p_, f);
    if (field.pii && !v.is_missing()) return kMasked;
    return value_json(p_, field.type, v);
  }

  ordered_json input() const {
    ordered_json out = ordered_json::object();
    for (uint32_t f = 0; f < p_.fields.size(); ++f) out[p_.fields[f].name] = field_value(f);
    return out;
  }

  ordered_json derived() const {
    ordered_json out = ordered_json::array();
    for (uint32_t i = 0; i < p_.derived.size(); ++i) {
      const ir::Derived& d = p_.derived[i];
      ordered_json entry = {
          {"name", d.name}, {"kind", d.kind == ir::Derived::Let ? "let" : "segment"}, {"value", derived_value(i)}};
      add_events(entry, ir::OwnerKind::Derived, i);
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json rule(uint32_t r, TraceLevel level) const {
    const ir::Rule& rule = p_.rules[r];
    ordered_json out = object_for(level == TraceLevel::Full ? 8 : 3);
    out["rule"] = rule.name;
    out["at"] = rs_.location(rule.span);
    out["status"] = status_name(ev_.rules[r]);
    if (level != TraceLevel::Full) return out;
    ordered_json saw = ordered_json::object();
    for (uint32_t f : rule.read_fields) saw[p_.fields[f].name] = field_value(f);
    for (uint32_t d : rule.read_derived) {
      saw[p_.derived[d].name] = derived_value(d);
    }
    out["saw"] = std::move(saw);
    ordered_json missing = ordered_json::array();
    for (uint32_t f : rule.input_deps) {
      if (!frame_.present[f]) missing.push_back(p_.fields[f].name);
    }
    if (!missing.empty()) out["missing"] = std::move(missing);
    add_events(out, ir::OwnerKind::Rule, r);
    for (uint32_t d : derived_closure(rule.read_derived)) add_events(out, ir::OwnerKind::Derived, d);
    if (rule.points != 0) out["points"] = rule.points;
    if (rule.knockout >= 0) out["knockout"] = p_.outcomes[rule.knockout];
    return out;
  }

  ordered_json output_trace() const {
    ordered_json out = ordered_json::array();
    for (const DecidedOutput& o : d_.outputs) {
      const ir::Output& def = p_.outputs[o.output];
      ordered_json entry = {{"output", def.name}, {"value", value_json(p_, def.type, o.value)}};
      entry["set_by"] = o.assign_slot >= 0 ? ordered_json(rule_of_slot(o.assign_slot)) : ordered_json("default");
      ordered_json lost = ordered_json::array();
      std::vector<uint32_t> overridden = o.overridden;
      std::sort(overridden.begin(), overridden.end());  // slot order = file order
      for (uint32_t slot : overridden) lost.push_back(assignment(slot));
      entry["overridden"] = std::move(lost);
      ordered_json skipped = ordered_json::array();
      for (uint32_t r = 0; r < p_.rules.size(); ++r) {
        for (const ir::OutputAssign& a : p_.rules[r].assigns) {
          if (a.output == o.output && ev_.rules[r] == RuleStatus::Fired && ev_.assigns[a.slot].is_missing()) {
            skipped.push_back(p_.rules[r].name);
          }
        }
      }
      if (!skipped.empty()) entry["skipped_missing"] = std::move(skipped);
      add_events(entry, ir::OwnerKind::OutputDefault, o.output);
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json assignment(uint32_t slot) const {
    for (const ir::Rule& r : p_.rules) {
      for (const ir::OutputAssign& a : r.assigns) {
        if (a.slot != slot) continue;
        return {{"rule", r.name},
                {"value", value_json(p_, p_.outputs[a.output].type, ev_.assigns[slot])},
                {"priority", a.priority}};
      }
    }
    return nullptr;
  }

  std::string rule_of_slot(int32_t slot) const {
    for (const ir::Rule& r : p_.rules) {
      for (const ir::OutputAssign& a : r.assigns) {
        if (static_cast<int32_t>(a.slot) == slot) return r.name;
      }
    }
    return "";
  }

  ordered_json decide_trace() const {
    ordered_json out = ordered_json::array();
    for (uint32_t b = 0; b < p_.decide.size(); ++b) {
      const ir::DecideBranch& branch = p_.decide[b];
      ordered_json entry = {{"outcome", p_.outcomes[branch.outcome]},
                            {"at", rs_.location(branch.span)},
                            {"condition", branch.condition < 0 ? "otherwise" : condition_name(ev_.decide[b])}};
      // A knock-out decides before `decide`, so then no branch is taken.
      if (d_.knockout_rule < 0 && static_cast<int32_t>(b) == d_.decide_branch) entry["taken"] = true;
      add_events(entry, ir::OwnerKind::Decide, b);
      out.push_back(std::move(entry));
    }
    return out;
  }

  // The derived values `roots` read, directly or through other derived
  // values, in dependency order: an event deep in a chain of lets still
  // explains why the rule that reads the last one was unknown.
  std::vector<uint32_t> derived_closure(const std::vector<uint32_t>& roots) const {
    std::vector<bool> in(p_.derived.size(), false);
    for (uint32_t d : roots) in[d] = true;
    for (uint32_t d = static_cast<uint32_t>(p_.derived.size()); d-- > 0;) {
      if (!in[d]) continue;
      for (const ir::Node& n : p_.nodes) {  // INVARIANT: reads point to earlier derived values
        if (n.op == ir::Op::Derived && n.owner.kind == ir::OwnerKind::Derived && n.owner.index == d) {
          in[n.index] = true;
        }
      }
    }
    std::vector<uint32_t> out;
    for (uint32_t d = 0; d < in.size(); ++d) {
      if (in[d]) out.push_back(d);
    }
    return out;
  }

  void collect_events() {
    for (const ir::Node& n : p_.nodes) {
      if (!ir::is_arithmetic(n.op) || n.index < 0) continue;
      if (ev_.events[n.index] != EventKind::None) events_.push_back(&n);
    }
  }

  void add_events(ordered_json& entry, ir::OwnerKind kind, uint32_t index) const {
    for (const ir::Node* n : events_) {
      if (n->owner.kind != kind || n->owner.index != index) continue;
      if (!entry.contains("events")) entry["events"] = ordered_json::array();
      entry["events"].push_back({{"at", rs_.location(n->span)},
                                 {"event", event_name(ev_.events[n->index])},
                                 {"expr", std::string(rs_.source().slice(n->span))}});
    }
  }

  static std::string number(double x) { return value_text(ir::Program{}, ir::Type{}, Value::of_number(x)); }

  const CompiledRuleset& rs_;
  const ir::Program& p_;
  const Frame& frame_;
  const Decision& d_;
  const Evaluation& ev_;
  const Deployment* dep_;
  const BoundModel* model_;
  std::vector<const ir::Node*> events_;
  std::vector<bool> pii_derived_;
};

}  // namespace

ordered_json decision_json(const CompiledRuleset& ruleset, const Frame& frame, const Decision& decision,
                           TraceLevel level) {
  return DecisionWriter(ruleset, frame, decision).write(level);
}

ordered_json decision_json(const Deployment& deployment, const Frame& frame, const Decision& decision, TraceLevel level,
                           std::optional<uint32_t> request) {
  return DecisionWriter(deployment.ruleset(), frame, decision, &deployment).write(level, request);
}

}  // namespace verdict
