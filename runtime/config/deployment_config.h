#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"

namespace verdict {

// Human/algorithm weights: final = human * w_human + model * w_model.
// INVARIANT (after load): both in [0, 1] and they sum to 1 within 1e-9.
struct BlendWeights {
  double human = 1.0;
  double model = 0.0;
};

// A deployment: which ruleset, which model files, how to blend, how much to
// trace. Loaded from TOML (`verdict decide --config`, the server, the C API).
struct DeploymentConfig {
  std::string path;          // of the TOML file; relative paths below resolve against its folder
  std::string ruleset;       // resolved path of the rules file
  std::map<std::string, std::string> model_files;  // model name -> resolved file path
  BlendWeights blend;
  std::map<std::string, BlendWeights> segment_blend;  // segment name -> weights
  std::string trace_level = "full";                   // off | rules | full
  std::string trace_log;                              // resolved path, empty for none
  std::string text;                                   // the TOML as read (hashed into decisions)
};

// Reads and checks a config on its own (codes C001-C006, with the TOML's
// line and column): syntax, unknown keys, types, weight ranges and sums,
// trace level. Returns nullopt when there were errors. `source` receives the
// file for rendering the diagnostics.
std::optional<DeploymentConfig> load_deployment_config(const std::string& path, Diagnostics& diags,
                                                       std::unique_ptr<SourceFile>& source);

// Checks a loaded config against the compiled ruleset: every segment named in
// [blend.segments] exists (C007), every model the ruleset declares has a file
// and every [models] entry is declared (C008), model files exist (C009).
void check_config_against(const DeploymentConfig& config, const ir::Program& program,
                          const SourceFile& source, Diagnostics& diags);

}  // namespace verdict
