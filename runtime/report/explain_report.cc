#include "runtime/report/explain_report.h"

#include <filesystem>

#include "runtime/report/decision_shape.h"
#include "runtime/report/json_member.h"
#include "runtime/wire/explain_text.h"

namespace verdict {
namespace {

using nlohmann::ordered_json;

std::optional<ExplainReport> fail(Diagnostic& error, const DiagnosticCode& code, std::string message) {
  error = Diagnostic::unlocated(code, std::move(message));
  return std::nullopt;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string versions_text(const ExplainReport& r) {
  std::string out = "versions" + (r.versions.engine.empty() ? "" : " (engine " + r.versions.engine + ")") + ":\n";
  if (r.versions.entries.empty()) out += "  none named by the decision\n";
  for (const VersionEntry& v : r.versions.entries) {
    std::string state = r.store_dir.empty() ? "no --store given" : store_state_text(v);
    out += "  " + pad(v.what, 8) + " sha256 " + v.sha256 + "  " + v.file + "  (" + state + ")\n";
  }
  return out;
}

}  // namespace

bool ExplainReport::store_failed() const {
  for (const VersionEntry& v : versions.entries) {
    if (v.state == StoreState::Failed) return true;
  }
  return false;
}

std::optional<ExplainReport> read_explain_report(const ExplainRequest& request, Diagnostic& error) {
  std::unique_ptr<VersionStore> store;
  if (!request.store_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(request.store_dir, ec)) {
      return fail(error, code::E000, "the version store `" + request.store_dir + "` is not a folder");
    }
    std::string why;
    store = VersionStore::open(request.store_dir, why);
    if (!store) return fail(error, code::E000, why);
  }
  LogChain chain(request.key);
  std::optional<LoggedDecision> record = find_logged_decision(request.logs, chain, request.seq, error);
  if (!record) return std::nullopt;
  ExplainReport report{std::move(*record), {}, {}, chain.keyed(), request.store_dir};
  report.decision = ordered_json::parse(report.record.decision_json, nullptr, false);
  if (!explainable_decision(report.decision)) {
    return fail(error, code::L008,
                "record `" + std::to_string(request.seq) +
                    "` holds no Verdict decision (its `decision` object lacks the outcome, score, reasons or trace "
                    "in the shape Verdict writes)");
  }
  const ordered_json& provenance = json_member(report.decision, "provenance");
  report.versions = check_versions(provenance, store.get());
  return report;
}

std::string explain_report_text(const ExplainReport& r) {
  std::string out;
  if (!r.record.verified()) out += "WARNING: THIS RECORD IS NOT VERIFIED BY THE LOG'S CHAIN (see `chain` below)\n";
  out += "record " + std::to_string(r.record.seq) + " at " + r.record.file + ":" + std::to_string(r.record.line) +
         ", logged " + r.record.time + "\n";
  out += "chain: " + chain_status_text(r.record, r.keyed) + "\n";
  out += "log: " + log_status_text(r.record, r.keyed) + "\n";
  out += versions_text(r);
  std::string request = r.decision.contains("request") ? "request " + r.decision["request"].dump() + ": " : "";
  return out + "decision: " + request + explain_text(r.decision);
}

}  // namespace verdict
