#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the signatures below hand out: Deployment (current(), and through
// it the program, its config and hashes), DeploymentSources, LoadReport,
// TraceLevel, BackendKind, Diagnostic.
#include "runtime/deploy/deployment.h"

namespace verdict {

struct EngineOptions {
  BackendKind backend = BackendKind::Jit;
  size_t max_request_bytes = 1 << 20;  // a larger request is refused (R007)
  // False: the deployment's `[trace] log` is not opened, nothing is logged
  // and no version is put in its `[trace] store` (`verdict test` decides
  // its cases without touching either).
  bool log_decisions = true;
};

// How one request is decided and written; what is not set is the deployment's.
struct DecideSettings {
  std::optional<TraceLevel> trace;       // default: the deployment's `[trace] level`
  std::optional<uint32_t> request_line;  // the decision starts with `"request": N` (its line in an input)
  bool explain = false;                  // also fill DecideResult::explanation
  // Accept NaN and ±inf number values (RequestOptions::allow_nonfinite):
  // test cases written in TOML, never requests from users.
  bool allow_nonfinite = false;
  // The largest request text taken (R007 above it); default:
  // EngineOptions::max_request_bytes. The server passes its own limit.
  std::optional<size_t> max_request_bytes;
};

// The outcome of deciding one request: a decision, or the errors that kept
// the request from being decided (codes R001-R011, each naming the field;
// L001 when the deployment logs decisions and this one could not be logged:
// a decision that is not in the log is not returned).
struct DecideResult {
  bool decided = false;
  // The decision (docs/decision.md) as one line of JSON text, byte for byte
  // what the decision log holds (`verdict decide` prints it, the server
  // answers it); empty when not decided.
  std::string json;
  // `json` parsed, for callers that read its fields (null when not decided);
  // each call parses it again.
  nlohmann::ordered_json decision() const;
  // What the decision log keeps beside `json` so that `verdict replay` can
  // re-run it (runtime/wire/replay_record.h); empty when nothing is logged.
  std::string replay;
  // With DecideSettings::explain: the decision explained as text, from its
  // full trace (what `verdict decide --format text` prints).
  std::string explanation;
  std::vector<Diagnostic> errors;
  // Refused before any field was read: the request text was too large, not
  // JSON, nested too deep, gave a key twice or held a number out of a
  // double's range (`errors` say which). The server answers 400 bad_json.
  bool not_json = false;
  // When decided, the facts counters need without reading the JSON: the
  // outcome (index into the program's `outcomes`) and the rules that fired
  // (indices into its `rules`, in rule order).
  uint32_t outcome = 0;
  std::vector<uint32_t> fired_rules;
  double final_score = 0;  // the decision's score.final
  // The version that decided (or refused) it; keeps it alive for the caller.
  // Null in the results a BatchRunner hands its sink (see batch_runner.h).
  std::shared_ptr<const Deployment> deployment;
};

// The embedding API, and the one way from requests to decisions for every
// front end (the CLI, the server, the C API): a deployment that can be
// replaced while it serves, its decision log, and the steps of a decision
// (request -> frame -> decision -> JSON -> log -> returned).
//
// Thread safety: every member may be called from any number of threads at
// once. A decision runs entirely on the deployment that was current when it
// started: reload() compiles and loads the new version off to the side and
// then swaps it in atomically, so requests in flight finish on the old one,
// which is freed when the last of them lets go of it. A reload that fails
// leaves the current version serving and returns its diagnostics. Reloads
// are serialised among themselves.
class Engine {
 public:
  // Opens the deployment config at `config_path`; null with `report`.
  static std::unique_ptr<Engine> open(const std::string& config_path, LoadReport& report, EngineOptions options = {});
  // Opens a deployment given as text (see DeploymentSources).
  static std::unique_ptr<Engine> open(const DeploymentSources& sources, LoadReport& report, EngineOptions options = {});
  // Opens a rules file alone (Deployment::from_rules: no config, no log;
  // `verdict run`). reload() re-reads the rules file.
  static std::unique_ptr<Engine> open_rules(const std::string& rules_path, LoadReport& report,
                                            EngineOptions options = {});
  ~Engine();

  // The version serving now. Hold the pointer while using what it returns.
  std::shared_ptr<const Deployment> current() const;
  // How many versions have been swapped in: 1 after open, +1 per reload.
  uint64_t generation() const;
  // Whether `path` names the decision log this engine appends to (the same
  // file by any path): an output that must not be written there.
  bool logs_to(const std::string& path) const;

  // Re-reads the files this engine was opened from (the config and the
  // files it names, or the rules file). True when the new version is serving.
  bool reload(LoadReport& report);
  // Replaces the deployment with one given as text.
  bool reload(const DeploymentSources& sources, LoadReport& report);

  // Decides one request: JSON text, or a JSON object built in C++
  // (`{{"amount", 1000}, {"home", "owner"}}`). `level` defaults to the
  // deployment's `[trace] level`.
  DecideResult decide(std::string_view request_json) const;
  DecideResult decide(std::string_view request_json, const DecideSettings& settings) const;
  // (A std::string converts to both std::string_view and nlohmann::json.)
  DecideResult decide(const std::string& request_json) const { return decide(std::string_view(request_json)); }
  DecideResult decide(const nlohmann::json& request) const;
  DecideResult decide(const nlohmann::json& request, TraceLevel level) const;
  DecideResult decide(const nlohmann::json& request, const DecideSettings& settings) const;
  // Decides each request on one version (the same for all of them), in order.
  std::vector<DecideResult> decide_batch(const std::vector<nlohmann::json>& requests) const;
  // The same for request texts; a text that is not JSON, or too large, is
  // refused on its own (R005-R007) and the others are still decided.
  std::vector<DecideResult> decide_texts(const std::vector<std::string_view>& requests) const;

  // What an engine holds, opaque here (runtime/api/engine_state.h).
  struct State;

 private:
  friend class BatchRunner;
  explicit Engine(std::unique_ptr<State> state);
  static std::unique_ptr<Engine> start(std::unique_ptr<State> state, std::shared_ptr<const Deployment> first,
                                       LoadReport& report);

  std::unique_ptr<State> state_;
};

}  // namespace verdict
