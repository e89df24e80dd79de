#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"
#include "runtime/core/decision.h"
#include "runtime/core/model_binding.h"
#include "runtime/core/scoring.h"
#include "runtime/deploy/decision_log_config.h"
#include "runtime/deploy/trace_level.h"

namespace verdict {

// A deployment: which ruleset, which model files, how to blend, how much to
// trace. Loaded from TOML (`verdict decide --config`, the server, the C API).
struct DeploymentConfig {
  std::string path;     // of the TOML file; relative paths below resolve against its folder
  std::string ruleset;  // resolved path of the rules file
  struct Model {
    std::string file;                          // resolved path; empty: the path in the ruleset
    std::string file_as_written;               // for messages
    ModelKernel kernel = ModelKernel::Native;  // `kernel = "native" | "xgboost"` (the C API reference)
  };
  std::map<std::string, Model> models;  // by model name
  BlendWeights blend;
  std::map<std::string, BlendWeights> segment_blend;  // segment name -> weights
  TraceLevel trace_level = TraceLevel::Full;          // `level = "off" | "rules" | "full"`
  // When TreeSHAP contributions are computed: `shap = "always"`, `"off"`, or
  // a list of outcomes (Outcomes, with them in `shap_outcomes`: e.g. adverse
  // ones only).
  ShapPolicy::Mode shap = ShapPolicy::Always;
  std::vector<std::string> shap_outcomes;
  DecisionLogConfig decision_log;  // [trace] log, fsync, key_file, key_env, rotate_mib, rotate_hours
  // [trace] store: the folder of the version store (runtime/audit/version_store.h), resolved; empty for none.
  std::string version_store;
  // Where keys are in the TOML, for errors found after loading: "models.NAME",
  // "blend.model", "blend.segments.NAME", "blend.segments.NAME.model",
  // "trace.shap.I" (the I-th listed outcome).
  std::map<std::string, Span> spans;
  std::string text;  // the TOML as read
  // Where `text` holds secrets (`[server] reload_token`'s value): the hash
  // that goes into every decision is of the text with each replaced.
  std::vector<Span> secrets;
};

// The text of `config` that its hash covers: secrets replaced by
// `"<secret>"`, so no decision lets anyone test a guess of them.
std::string hashed_config_text(const DeploymentConfig& config);

// Reads and checks a config on its own (codes C001-C006, with the TOML's
// line and column): syntax, unknown keys, types, weight ranges and sums,
// trace level. Returns nullopt when there were errors. `source` receives the
// file for rendering the diagnostics.
std::optional<DeploymentConfig> load_deployment_config(const std::string& path, Diagnostics& diags,
                                                       std::unique_ptr<SourceFile>& source);

// The same from text already in memory; `path` locates it (relative paths
// in it resolve against its folder) and names it in diagnostics.
std::optional<DeploymentConfig> parse_deployment_config(const std::string& path, std::string text, Diagnostics& diags,
                                                        std::unique_ptr<SourceFile>& source);

// Checks a loaded config against the compiled ruleset: every segment named in
// [blend.segments] exists (C007), every [models] entry is a model the ruleset
// declares (C008), model files exist (C009), `shap` outcomes are the
// ruleset's (C010), a ruleset without a model gets no model weight (C011).
void check_config_against(const DeploymentConfig& config, const ir::Program& program, const SourceFile& source,
                          Diagnostics& diags);

}  // namespace verdict
