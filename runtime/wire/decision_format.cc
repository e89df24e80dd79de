#include "runtime/wire/decision_format.h"

#include <cmath>
#include <cstring>

#include "runtime/deploy/deployment.h"
#include "runtime/wire/json_out.h"
#include "runtime/wire/number_text.h"
#include "runtime/wire/value_json.h"

namespace verdict {

FormulaNumber::FormulaNumber(double x) {
  if (std::isnan(x)) {
    std::memcpy(text_, "missing", 7);
    size_ = 7;
    return;
  }
  std::string_view text = shortest_number_text(x);
  std::memcpy(text_, text.data(), text.size());
  size_ = text.size();
}

std::string formula_number(double x) { return std::string(FormulaNumber(x).text()); }

DecisionFormat::DecisionFormat(const CompiledRuleset& ruleset) : DecisionFormat(ruleset, nullptr) {}

DecisionFormat::DecisionFormat(const Deployment& deployment) : DecisionFormat(deployment.ruleset(), &deployment) {}

DecisionFormat::DecisionFormat(const CompiledRuleset& ruleset, const Deployment* deployment)
    : ruleset_(ruleset), deployment_(deployment), model_(deployment ? deployment->scoring().model() : nullptr) {
  const ir::Program& p = ruleset.program();
  find_pii_derived();
  index_rules();
  index_nodes();
  names_ = RenderedNames(p, rule_at_, branch_at_, model_ ? &model_->decl() : nullptr);
  human_formula_ = "human = clamp((points - (" + formula_number(p.scale_min) + ")) / (" + formula_number(p.scale_max) +
                   " - (" + formula_number(p.scale_min) + ")), 0, 1)";
  nlohmann::ordered_json ruleset_json = {{"name", p.name}, {"version", p.version}};
  nlohmann::ordered_json provenance_json;
  if (deployment_) describe_deployment(ruleset_json, provenance_json);
  ruleset_text_ = json_text(ruleset_json);
  provenance_text_ = json_text(provenance_json);
}

// A let or segment computed from a @pii field is as sensitive as the field:
// its value is masked in the trace too. Dependency order makes one pass enough.
void DecisionFormat::find_pii_derived() {
  const ir::Program& p = ruleset_.program();
  pii_derived_.assign(p.derived.size(), false);
  for (const ir::Node& n : p.nodes) {
    if (n.owner.kind != ir::OwnerKind::Derived) continue;
    bool pii = (n.op == ir::Op::Field && p.fields[n.index].pii) || (n.op == ir::Op::Derived && pii_derived_[n.index]);
    if (pii) pii_derived_[n.owner.index] = true;
  }
}

void DecisionFormat::index_rules() {
  const ir::Program& p = ruleset_.program();
  slot_rule_.assign(p.assign_count, 0);
  output_assigns_.assign(p.outputs.size(), {});
  for (uint32_t r = 0; r < p.rules.size(); ++r) {
    rule_at_.push_back(ruleset_.location(p.rules[r].span));
    for (const ir::OutputAssign& a : p.rules[r].assigns) {
      slot_rule_[a.slot] = r;
      output_assigns_[a.output].push_back({r, a.slot});
    }
  }
  for (const ir::DecideBranch& b : p.decide) branch_at_.push_back(ruleset_.location(b.span));
}

// The arithmetic nodes (in node order, the order events are listed in) and
// the closure of derived values each rule reads: an event deep in a chain
// of lets still explains why the rule that reads the last one was unknown.
void DecisionFormat::index_nodes() {
  const ir::Program& p = ruleset_.program();
  std::vector<std::vector<uint32_t>> reads(p.derived.size());  // derived value -> the derived values it reads
  for (const ir::Node& n : p.nodes) {
    if (n.op == ir::Op::Derived && n.owner.kind == ir::OwnerKind::Derived) reads[n.owner.index].push_back(n.index);
    if (ir::is_arithmetic(n.op) && n.index >= 0) {
      arithmetic_.push_back({&n, ruleset_.location(n.span), std::string(ruleset_.source().slice(n.span))});
    }
  }
  for (const ir::Rule& rule : p.rules) {
    std::vector<bool> in(p.derived.size(), false);
    for (uint32_t d : rule.read_derived) in[d] = true;
    // INVARIANT: reads point to earlier derived values, so one backward sweep closes the set.
    for (uint32_t d = static_cast<uint32_t>(p.derived.size()); d-- > 0;) {
      if (!in[d]) continue;
      for (uint32_t read : reads[d]) in[read] = true;
    }
    std::vector<uint32_t>& closure = rule_closure_.emplace_back();
    for (uint32_t d = 0; d < in.size(); ++d) {
      if (in[d]) closure.push_back(d);
    }
  }
}

void DecisionFormat::describe_deployment(nlohmann::ordered_json& ruleset_json, nlohmann::ordered_json& out) {
  ruleset_json["sha256"] = deployment_->ruleset_sha256();
  out = nlohmann::ordered_json::object();
  out["engine"] = std::string("verdict ") + VERDICT_VERSION;
  out["ruleset"] = {{"file", ruleset_.source().path()}, {"sha256", deployment_->ruleset_sha256()}};
  if (model_) {
    out["model"] = {{"file", model_->model().path()}, {"sha256", model_->model().sha256()}};
    model_kernel_text_ = JsonOut::string_text(model_->kernel() == ModelKernel::Native ? "native" : "xgboost");
    const ir::ModelBinding& decl = model_->decl();
    model_score_is_text_ =
        JsonOut::string_text(decl.predicts_not ? "1 - P(" + decl.predicts + ")" : "P(" + decl.predicts + ")");
  } else {
    out["model"] = nullptr;
  }
  if (const DeploymentConfig* c = deployment_->config()) {
    out["config"] = {{"file", c->path}, {"sha256", deployment_->config_sha256()}};
  } else {
    out["config"] = nullptr;
  }
}

}  // namespace verdict
