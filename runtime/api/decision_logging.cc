#include "runtime/api/decision_logging.h"

#include "runtime/audit/log_key.h"
#include "runtime/audit/version_store.h"

namespace verdict {
namespace {

bool refuse(const Deployment& next, std::string error, LoadReport& report, const DiagnosticCode& code = code::L002) {
  Diagnostics diags;
  diags.report_unlocated(code, std::move(error));
  report.add(next.config()->path, nullptr, diags);
  return false;
}

// The result is no longer decided: it carries L001 with `why`.
void not_logged(DecideResult& result, const std::string& why) {
  result.decided = false;
  result.json.clear();
  result.explanation.clear();
  result.errors.push_back(
      Diagnostic::unlocated(code::L001, "the decision was not returned because it could not be logged: " + why));
}

}  // namespace

bool versions_kept(const Deployment& next, LoadReport& report) {
  std::string error;
  return keep_versions(next, error) || refuse(next, std::move(error), report, code::L006);
}

bool log_for(const Deployment& next, const std::shared_ptr<DecisionLog>& current, std::shared_ptr<DecisionLog>& out,
             LoadReport& report) {
  out = nullptr;
  if (!next.config() || next.config()->decision_log.path.empty()) return true;
  const DecisionLogConfig& config = next.config()->decision_log;
  DecisionLogOptions options;
  std::string error;
  if (!decision_log_options(config, options, error)) {
    return refuse(next, "decision log `" + config.path + "`: " + error, report, code::L005);
  }
  if (current && current->is_file(config.path)) {
    if (!current->options().chain.same_key(options.chain)) {
      return refuse(next,
                    "the new version gives the decision log `" + config.path +
                        "` another key (or none); a log keeps one key: name a new log file for a new key",
                    report);
    }
    out = current;
    return true;
  }
  out = DecisionLog::open(config.path, error, std::move(options));
  return out ? true : refuse(next, error, report);
}

bool replay_recorder_for(const Deployment& next, BackendKind backend, std::unique_ptr<const ReplayRecorder>& out,
                         LoadReport& report) {
  out = nullptr;
  if (!next.config() || next.config()->decision_log.path.empty()) return true;
  const DecisionLogConfig& config = next.config()->decision_log;
  std::string pii_key, log_key, error;
  if (!read_log_key(config.pii_key_file, config.pii_key_env, pii_key, error, "PII key") ||
      !read_log_key(config.key_file, config.key_env, log_key, error)) {
    return refuse(next, "decision log `" + config.path + "`: " + error, report, code::L005);
  }
  PiiProtection pii = !pii_key.empty()   ? PiiProtection::sealed_with(pii_key)
                      : !log_key.empty() ? PiiProtection::hashed_with(std::move(log_key))
                                         : PiiProtection{};
  out = std::make_unique<const ReplayRecorder>(next.program(), backend, std::move(pii));
  return true;
}

void log_before_returning(DecisionLog* log, DecideResult& result) {
  std::string error;
  if (!log || !result.decided || log->append(result.json, result.replay, error)) return;
  not_logged(result, error);
}

void log_block_before_returning(DecisionLog* log, std::span<DecideResult> block) {
  if (!log) return;
  std::string error;
  for (DecideResult& result : block) {
    if (result.decided && !log->append_unsynced(result.json, result.replay, error)) not_logged(result, error);
  }
  if (log->sync_before_returning(error)) return;
  for (DecideResult& result : block) {
    if (result.decided) not_logged(result, error);
  }
}

}  // namespace verdict
