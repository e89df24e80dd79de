#include "runtime/deployment.h"

#include <algorithm>

#include "compiler/util/sha256.h"
#include "runtime/decide.h"

namespace verdict {
namespace {

ShapPolicy shap_policy(const DeploymentConfig* config, const ir::Program& program) {
  ShapPolicy policy;
  if (!config || config->shap == "always") return policy;
  if (config->shap == "off") {
    policy.mode = ShapPolicy::Off;
    return policy;
  }
  policy.mode = ShapPolicy::Outcomes;
  policy.for_outcome.assign(program.outcomes.size(), false);
  for (const std::string& o : config->shap_outcomes) {
    auto it = std::find(program.outcomes.begin(), program.outcomes.end(), o);
    if (it != program.outcomes.end()) policy.for_outcome[it - program.outcomes.begin()] = true;
  }
  return policy;
}

std::shared_ptr<const SourceFile> share(const SourceFile& file) {
  return std::make_shared<SourceFile>(file.path(), file.text());
}

}  // namespace

bool Deployment::bind_model(const DeploymentConfig* config, Diagnostics& diags,
                            std::unique_ptr<BoundModel>& out) {
  const ir::Program& program = ruleset_->program();
  std::string file;
  ModelKernel kernel = ModelKernel::Native;
  if (config && !program.models.empty()) {
    auto it = config->models.find(program.models[0].name);
    if (it != config->models.end()) {
      file = it->second.file;
      if (it->second.kernel == "xgboost") kernel = ModelKernel::XGBoost;
    }
  }
  return load_declared_model(program, ruleset_->source().path(), file, kernel, diags, out);
}

std::shared_ptr<const Deployment> Deployment::build(std::unique_ptr<CompiledRuleset> ruleset,
                                                    std::optional<DeploymentConfig> config,
                                                    Diagnostics& diags, LoadReport& report) {
  std::shared_ptr<Deployment> d(new Deployment());
  d->ruleset_ = std::move(ruleset);
  d->config_ = std::move(config);
  const DeploymentConfig* cfg = d->config();
  std::unique_ptr<BoundModel> model;
  bool ok = d->bind_model(cfg, diags, model);
  report.add(d->ruleset_->source().path(), share(d->ruleset_->source()), diags);
  if (!ok) return nullptr;
  const ir::Program& program = d->ruleset_->program();
  BlendPolicy blend = cfg ? BlendPolicy(*cfg, program) : BlendPolicy();
  d->scoring_ = std::make_unique<Scoring>(std::move(model), std::move(blend), shap_policy(cfg, program));
  if (cfg) parse_trace_level(cfg->trace_level, d->trace_level_);
  d->ruleset_sha256_ = sha256_hex(d->ruleset_->source().text());
  if (cfg) d->config_sha256_ = sha256_hex(cfg->text);
  return d;
}

std::shared_ptr<const Deployment> Deployment::open(const std::string& config_path, LoadReport& report,
                                                   BackendKind backend) {
  Diagnostics config_diags;
  std::unique_ptr<SourceFile> config_source;
  auto config = load_deployment_config(config_path, config_diags, config_source);
  std::shared_ptr<const SourceFile> shared_config(std::move(config_source));
  if (!config) {
    report.add(config_path, shared_config, config_diags);
    return nullptr;
  }
  Diagnostics rules_diags;
  auto ruleset = CompiledRuleset::load(config->ruleset, rules_diags, backend);
  if (!ruleset) {
    report.add(config_path, shared_config, config_diags);
    std::string text;
    std::shared_ptr<const SourceFile> rules_source;
    if (read_text_file(config->ruleset, text)) rules_source = std::make_shared<SourceFile>(config->ruleset, text);
    report.add(config->ruleset, rules_source, rules_diags);
    return nullptr;
  }
  check_config_against(*config, ruleset->program(), *shared_config, config_diags);
  report.add(config_path, shared_config, config_diags);
  if (config_diags.has_errors()) return nullptr;
  return build(std::move(ruleset), std::move(config), rules_diags, report);
}

std::shared_ptr<const Deployment> Deployment::from_rules(const std::string& rules_path, LoadReport& report,
                                                         BackendKind backend) {
  Diagnostics diags;
  auto ruleset = CompiledRuleset::load(rules_path, diags, backend);
  if (!ruleset) {
    std::string text;
    std::shared_ptr<const SourceFile> source;
    if (read_text_file(rules_path, text)) source = std::make_shared<SourceFile>(rules_path, text);
    report.add(rules_path, source, diags);
    return nullptr;
  }
  return build(std::move(ruleset), std::nullopt, diags, report);
}

void Deployment::decide_into(const Frame& frame, Decision& out, bool record_trace) const {
  verdict::decide_into(program(), ruleset_->backend(), frame, out, record_trace, scoring_.get());
}

Decision Deployment::decide(const Frame& frame, bool record_trace) const {
  Decision d;
  decide_into(frame, d, record_trace);
  return d;
}

}  // namespace verdict
