#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/audit/decision_log.h"
#include "runtime/deploy/deployment.h"
#include "runtime/deploy/load_report.h"

namespace verdict {

struct EngineOptions {
  BackendKind backend = BackendKind::Jit;
  size_t max_request_bytes = 1 << 20;  // a larger request is refused (R007)
};

// The outcome of deciding one request: a decision, or the errors that kept
// the request from being decided (codes R001-R011, each naming the field;
// L001 when the deployment logs decisions and this one could not be logged:
// a decision that is not in the log is not returned).
struct DecideResult {
  bool decided = false;
  nlohmann::ordered_json decision;  // docs/decision.md; empty when not decided
  std::vector<Diagnostic> errors;
  // When decided, the facts counters need without reading the JSON: the
  // outcome (index into the program's `outcomes`) and the rules that fired
  // (indices into its `rules`, in rule order).
  uint32_t outcome = 0;
  std::vector<uint32_t> fired_rules;
  // The version that decided (or refused) it; keeps it alive for the caller.
  std::shared_ptr<const Deployment> deployment;
};

// The embedding API: a deployment that can be replaced while it serves.
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

  // The version serving now. Hold the pointer while using what it returns.
  std::shared_ptr<const Deployment> current() const { return current_.load(); }
  // How many versions have been swapped in: 1 after open, +1 per reload.
  uint64_t generation() const { return generation_.load(); }

  // Re-reads the config file this engine was opened from (and the files it
  // names). True when the new version is serving.
  bool reload(LoadReport& report);
  // Replaces the deployment with one given as text.
  bool reload(const DeploymentSources& sources, LoadReport& report);

  // Decides one request: JSON text, or a JSON object built in C++
  // (`{{"amount", 1000}, {"home", "owner"}}`). `level` defaults to the
  // deployment's `[trace] level`.
  DecideResult decide(std::string_view request_json) const;
  DecideResult decide(const nlohmann::json& request) const;
  DecideResult decide(const nlohmann::json& request, TraceLevel level) const;
  // Decides each request on one version (the same for all of them), in order.
  std::vector<DecideResult> decide_batch(const std::vector<nlohmann::json>& requests) const;

 private:
  Engine(std::shared_ptr<const Deployment> first, std::string config_path, EngineOptions options);
  bool swap_in(std::shared_ptr<const Deployment> next);
  DecideResult decide_on(std::shared_ptr<const Deployment> deployment, const nlohmann::json& request,
                         const TraceLevel* level) const;

  // Opens (or keeps) the decision log `next` names; false with `report`.
  bool use_log_of(const Deployment& next, LoadReport& report);

  std::atomic<std::shared_ptr<const Deployment>> current_;
  std::atomic<std::shared_ptr<DecisionLog>> log_;  // null when [trace] log is not set
  std::atomic<uint64_t> generation_{1};
  std::mutex reload_mutex_;
  std::string config_path_;  // empty when opened from sources
  EngineOptions options_;
};

}  // namespace verdict
