#include "runtime/api/decision_logging.h"

namespace verdict {

bool log_for(const Deployment& next, const std::shared_ptr<DecisionLog>& current, std::shared_ptr<DecisionLog>& out,
             LoadReport& report) {
  const std::string path = next.config() ? next.config()->trace_log : "";
  if (path.empty() || (current && current->path() == path)) {
    out = path.empty() ? nullptr : current;
    return true;
  }
  std::string error;
  out = DecisionLog::open(path, error);
  if (out) return true;
  Diagnostics diags;
  diags.report_unlocated(code::L002, error);
  report.add(next.config()->path, nullptr, diags);
  return false;
}

void log_before_returning(DecisionLog* log, DecideResult& result) {
  std::string error;
  if (!log || !result.decided || log->append(result.json, error)) return;
  result.decided = false;
  result.decision = nlohmann::ordered_json();
  result.json.clear();
  result.explanation.clear();
  result.errors.push_back(
      Diagnostic::unlocated(code::L001, "the decision was not returned because it could not be logged: " + error));
}

}  // namespace verdict
