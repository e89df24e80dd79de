#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/frame.h"
#include "runtime/core/decision.h"
#include "runtime/core/scoring.h"
#include "runtime/deploy/deployment_config.h"
#include "runtime/deploy/load_report.h"
#include "runtime/deploy/ruleset.h"
#include "runtime/deploy/trace_level.h"

namespace verdict {

// A deployment given as text instead of files (an embedding service that
// keeps its rules in a database, a test). What is not given is read from
// the files the config names.
struct DeploymentSources {
  std::string config_path;  // locates the config: its relative paths resolve against its folder
  std::string config_text;
  std::optional<std::string> rules_text;           // the ruleset the config names
  std::map<std::string, std::string> model_bytes;  // by model name
};

// One version a deployment decides with: the ruleset, the model file or the
// config, with the SHA-256 its decisions carry in `provenance`.
struct VersionSource {
  std::string_view what;  // "ruleset", "model file", "config"
  std::string path;
  std::string sha256;
  std::string_view bytes;  // the bytes hashed; valid while the deployment is
};

// A ruleset deployed with its model and settings: everything a decision
// needs, loaded and checked together, and the hashes that identify it.
// Immutable once opened: share one among any number of threads; replacing
// a deployment means opening a new one.
class Deployment {
 public:
  // From a deployment config (TOML): the ruleset it names, the ruleset's
  // model (the file from [models.NAME] or, without one, the path in the
  // ruleset), the blend weights and the trace settings. Null when anything
  // fails to load or check; every problem is in `report`.
  static std::shared_ptr<const Deployment> open(const std::string& config_path, LoadReport& report,
                                                BackendKind backend = BackendKind::Jit);
  static std::shared_ptr<const Deployment> open(const DeploymentSources& sources, LoadReport& report,
                                                BackendKind backend = BackendKind::Jit);
  // From a rules file alone: its model (path relative to the rules file),
  // weights human 1 and model 0 (the model is scored and explained but does
  // not move `final`), full trace, SHAP always.
  static std::shared_ptr<const Deployment> from_rules(const std::string& rules_path, LoadReport& report,
                                                      BackendKind backend = BackendKind::Jit);

  const CompiledRuleset& ruleset() const { return *ruleset_; }
  const ir::Program& program() const { return ruleset_->program(); }
  const Scoring& scoring() const { return *scoring_; }
  // The config this was opened from; null for from_rules.
  const DeploymentConfig* config() const { return config_ ? &*config_ : nullptr; }
  TraceLevel trace_level() const { return trace_level_; }
  // Lowercase hex SHA-256 of the rules text and of the config text ("" without one).
  const std::string& ruleset_sha256() const { return ruleset_sha256_; }
  const std::string& config_sha256() const { return config_sha256_; }
  // The ruleset, the model file when one is bound, and the config when
  // there is one (its text as hashed: secrets replaced).
  std::vector<VersionSource> versions() const;

  void decide_into(const Frame& frame, Decision& out, bool record_trace = true) const;
  Decision decide(const Frame& frame, bool record_trace = true) const;

 private:
  Deployment() = default;
  static std::shared_ptr<const Deployment> build(std::unique_ptr<CompiledRuleset> ruleset,
                                                 std::optional<DeploymentConfig> config,
                                                 const std::map<std::string, std::string>& model_bytes,
                                                 Diagnostics& rules_diags, LoadReport& report);
  bool bind_model(const std::map<std::string, std::string>& model_bytes, Diagnostics& diags,
                  std::unique_ptr<BoundModel>& out);

  std::unique_ptr<CompiledRuleset> ruleset_;
  std::optional<DeploymentConfig> config_;
  std::unique_ptr<Scoring> scoring_;
  TraceLevel trace_level_ = TraceLevel::Full;
  std::string ruleset_sha256_, config_sha256_;
  std::string hashed_config_;  // the config text config_sha256_ is of
};

}  // namespace verdict
