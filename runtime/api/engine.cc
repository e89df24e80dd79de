#include "runtime/api/engine.h"

#include "runtime/wire/decision_json.h"
#include "runtime/wire/request.h"

namespace verdict {
namespace {

Diagnostic request_error(std::string code, std::string message) {
  return {std::move(code), Severity::Error, std::move(message), {}, {}, false};
}

}  // namespace

Engine::Engine(std::shared_ptr<const Deployment> first, std::string config_path, EngineOptions options)
    : current_(std::move(first)), config_path_(std::move(config_path)), options_(options) {}

std::unique_ptr<Engine> Engine::open(const std::string& config_path, LoadReport& report, EngineOptions options) {
  auto first = Deployment::open(config_path, report, options.backend);
  if (!first) return nullptr;
  std::unique_ptr<Engine> engine(new Engine(first, config_path, options));
  if (!engine->use_log_of(*first, report)) return nullptr;
  return engine;
}

std::unique_ptr<Engine> Engine::open(const DeploymentSources& sources, LoadReport& report, EngineOptions options) {
  auto first = Deployment::open(sources, report, options.backend);
  if (!first) return nullptr;
  std::unique_ptr<Engine> engine(new Engine(first, "", options));
  if (!engine->use_log_of(*first, report)) return nullptr;
  return engine;
}

// The log outlives versions: a reload that names the same file keeps
// appending to the same chain; another file is opened (and verified) before
// the swap, so a bad log path fails the reload, not the decisions.
bool Engine::use_log_of(const Deployment& next, LoadReport& report) {
  const std::string path = next.config() ? next.config()->trace_log : "";
  std::shared_ptr<DecisionLog> current = log_.load();
  if (path.empty()) {
    log_.store(nullptr);
    return true;
  }
  if (current && current->path() == path) return true;
  std::string error;
  std::shared_ptr<DecisionLog> log = DecisionLog::open(path, error);
  if (!log) {
    Diagnostics diags;
    diags.unlocated_error("L002", error);
    report.add(next.config()->path, nullptr, diags);
    return false;
  }
  log_.store(std::move(log));
  return true;
}

bool Engine::swap_in(std::shared_ptr<const Deployment> next) {
  if (!next) return false;
  current_.store(std::move(next));
  generation_.fetch_add(1);
  return true;
}

bool Engine::reload(LoadReport& report) {
  std::lock_guard<std::mutex> lock(reload_mutex_);
  if (config_path_.empty()) {
    Diagnostics diags;
    diags.unlocated_error("A004", "this engine was opened from sources, not a config file: reload it from sources");
    report.add("<sources>", nullptr, diags);
    return false;
  }
  auto next = Deployment::open(config_path_, report, options_.backend);
  return next && use_log_of(*next, report) && swap_in(std::move(next));
}

bool Engine::reload(const DeploymentSources& sources, LoadReport& report) {
  std::lock_guard<std::mutex> lock(reload_mutex_);
  auto next = Deployment::open(sources, report, options_.backend);
  return next && use_log_of(*next, report) && swap_in(std::move(next));
}

DecideResult Engine::decide_on(std::shared_ptr<const Deployment> deployment, const nlohmann::json& request,
                               const TraceLevel* level) const {
  DecideResult result;
  auto frame = frame_from_json(deployment->program(), request, result.errors);
  if (frame) {
    TraceLevel use = level ? *level : deployment->trace_level();
    Decision d;
    deployment->decide_into(*frame, d, use != TraceLevel::Off);
    result.decision = decision_json(*deployment, *frame, d, use);
    result.decided = true;
    result.outcome = d.outcome;
    for (uint32_t r = 0; r < d.evaluation.rules.size(); ++r) {
      if (d.evaluation.rules[r] == RuleStatus::Fired) result.fired_rules.push_back(r);
    }
    std::string error;
    std::shared_ptr<DecisionLog> log = log_.load();
    if (log && !log->append(result.decision, error)) {
      result.decided = false;
      result.decision = nlohmann::ordered_json();
      result.errors.push_back(
          request_error("L001", "the decision was not returned because it could not be logged: " + error));
    }
  }
  result.deployment = std::move(deployment);
  return result;
}

DecideResult Engine::decide(std::string_view request_json) const {
  if (request_json.size() > options_.max_request_bytes) {
    DecideResult result;
    result.errors.push_back(request_error("R007", "request is " + std::to_string(request_json.size()) +
                                                      " bytes; the limit is " +
                                                      std::to_string(options_.max_request_bytes)));
    result.deployment = current();
    return result;
  }
  std::vector<Diagnostic> errors;
  nlohmann::json parsed = parse_request_json(request_json, errors);
  if (!errors.empty()) {
    DecideResult result;
    result.errors = std::move(errors);
    result.deployment = current();
    return result;
  }
  return decide_on(current(), parsed, nullptr);
}

DecideResult Engine::decide(const nlohmann::json& request) const { return decide_on(current(), request, nullptr); }

DecideResult Engine::decide(const nlohmann::json& request, TraceLevel level) const {
  return decide_on(current(), request, &level);
}

std::vector<DecideResult> Engine::decide_batch(const std::vector<nlohmann::json>& requests) const {
  std::shared_ptr<const Deployment> version = current();
  std::vector<DecideResult> out;
  out.reserve(requests.size());
  for (const nlohmann::json& r : requests) out.push_back(decide_on(version, r, nullptr));
  return out;
}

}  // namespace verdict
