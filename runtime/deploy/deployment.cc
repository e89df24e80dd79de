#include "runtime/deploy/deployment.h"

#include <algorithm>

#include "compiler/source/file_diagnostic.h"
#include "compiler/util/sha256.h"
#include "runtime/core/decide.h"

namespace verdict {
namespace {

// The config's `[trace] shap` for this ruleset: listed outcomes by index.
ShapPolicy shap_policy(const DeploymentConfig* config, const ir::Program& program) {
  ShapPolicy policy;
  if (!config) return policy;
  policy.mode = config->shap;
  if (policy.mode != ShapPolicy::Outcomes) return policy;
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

bool Deployment::bind_model(const std::map<std::string, std::string>& model_bytes, Diagnostics& diags,
                            std::unique_ptr<BoundModel>& out) {
  const ir::Program& program = ruleset_->program();
  if (program.models.empty()) return load_declared_model(program, "", "", ModelKernel::Native, diags, out);
  const std::string& name = program.models[0].name;
  std::string file;
  ModelKernel kernel = ModelKernel::Native;
  if (const DeploymentConfig* c = config()) {
    auto it = c->models.find(name);
    if (it != c->models.end()) {
      file = it->second.file;
      kernel = it->second.kernel;
    }
  }
  auto bytes = model_bytes.find(name);
  return load_declared_model(program, ruleset_->source().path(), file, kernel, diags, out,
                             bytes == model_bytes.end() ? nullptr : &bytes->second);
}

std::shared_ptr<const Deployment> Deployment::build(std::unique_ptr<CompiledRuleset> ruleset,
                                                    std::optional<DeploymentConfig> config,
                                                    const std::map<std::string, std::string>& model_bytes,
                                                    Diagnostics& diags, LoadReport& report) {
  std::shared_ptr<Deployment> d(new Deployment());
  d->ruleset_ = std::move(ruleset);
  d->config_ = std::move(config);
  const DeploymentConfig* cfg = d->config();
  std::unique_ptr<BoundModel> model;
  bool ok = d->bind_model(model_bytes, diags, model);
  report.add(d->ruleset_->source().path(), share(d->ruleset_->source()), diags);
  if (!ok) return nullptr;
  const ir::Program& program = d->ruleset_->program();
  BlendPolicy blend = cfg ? BlendPolicy(cfg->blend, cfg->segment_blend, program) : BlendPolicy();
  d->scoring_ = std::make_unique<Scoring>(std::move(model), std::move(blend), shap_policy(cfg, program));
  if (cfg) d->trace_level_ = cfg->trace_level;
  d->ruleset_sha256_ = sha256_hex(d->ruleset_->source().text());
  if (cfg) d->hashed_config_ = hashed_config_text(*cfg);
  if (cfg) d->config_sha256_ = sha256_hex(d->hashed_config_);
  return d;
}

namespace {

// Compiles rules text; on failure reports its diagnostics under its path.
std::unique_ptr<CompiledRuleset> compile_reported(const std::string& path, const std::string* text, BackendKind backend,
                                                  Diagnostics& diags, LoadReport& report) {
  std::string read;
  if (!text) {
    if (FileRead problem = read_rules_file(path, read); !problem) {
      diags.report_unlocated(file_read_code(problem, code::E000, code::E006), problem.message);
      report.add(path, nullptr, diags);
      return nullptr;
    }
    text = &read;
  }
  auto ruleset = CompiledRuleset::compile(path, *text, diags, backend);
  if (!ruleset) report.add(path, std::make_shared<SourceFile>(path, *text), diags);
  return ruleset;
}

}  // namespace

std::shared_ptr<const Deployment> Deployment::open(const DeploymentSources& sources, LoadReport& report,
                                                   BackendKind backend) {
  Diagnostics config_diags;
  std::unique_ptr<SourceFile> config_source;
  auto config = parse_deployment_config(sources.config_path, sources.config_text, config_diags, config_source);
  std::shared_ptr<const SourceFile> shared_config(std::move(config_source));
  if (!config) {
    report.add(sources.config_path, shared_config, config_diags);
    return nullptr;
  }
  Diagnostics rules_diags;
  const std::string* rules_text = sources.rules_text ? &*sources.rules_text : nullptr;
  auto ruleset = compile_reported(config->ruleset, rules_text, backend, rules_diags, report);
  if (!ruleset) {
    report.add(sources.config_path, shared_config, config_diags);
    return nullptr;
  }
  check_config_against(*config, ruleset->program(), *shared_config, config_diags);
  report.add(sources.config_path, shared_config, config_diags);
  if (config_diags.has_errors()) return nullptr;
  return build(std::move(ruleset), std::move(config), sources.model_bytes, rules_diags, report);
}

std::shared_ptr<const Deployment> Deployment::open(const std::string& config_path, LoadReport& report,
                                                   BackendKind backend) {
  DeploymentSources sources;
  sources.config_path = config_path;
  if (FileRead read = read_bounded_file(config_path, kConfigFileLimit, sources.config_text); !read) {
    Diagnostics diags;
    diags.report_unlocated(file_read_code(read, code::C001), read.message);
    report.add(config_path, nullptr, diags);
    return nullptr;
  }
  return open(sources, report, backend);
}

std::shared_ptr<const Deployment> Deployment::from_rules(const std::string& rules_path, LoadReport& report,
                                                         BackendKind backend) {
  Diagnostics diags;
  auto ruleset = compile_reported(rules_path, nullptr, backend, diags, report);
  if (!ruleset) return nullptr;
  return build(std::move(ruleset), std::nullopt, {}, diags, report);
}

void Deployment::decide_into(const Frame& frame, Decision& out, bool record_trace) const {
  verdict::decide_into(program(), ruleset_->backend(), frame, out, record_trace, scoring_.get());
}

Decision Deployment::decide(const Frame& frame, bool record_trace) const {
  Decision d;
  decide_into(frame, d, record_trace);
  return d;
}

std::vector<VersionSource> Deployment::versions() const {
  std::vector<VersionSource> out;
  const SourceFile& rules = ruleset_->source();
  out.push_back({"ruleset", rules.path(), ruleset_sha256_, rules.text()});
  if (const BoundModel* bound = scoring_->model()) {
    const model::Model& m = bound->model();
    out.push_back({"model file", m.path(), m.sha256(), m.bytes()});
  }
  if (config_) out.push_back({"config", config_->path, config_sha256_, hashed_config_});
  return out;
}

}  // namespace verdict
