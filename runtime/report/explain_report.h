#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "runtime/report/log_lookup.h"
#include "runtime/report/version_check.h"

namespace verdict {

// What `verdict explain` reports about one logged decision: the record and
// how far the chain vouches for it, the decision as logged, and its
// versions as the store has them (docs/explain.md).
struct ExplainReport {
  LoggedDecision record;
  nlohmann::ordered_json decision;
  DecisionVersions versions;
  bool keyed = false;     // the log's chain is HMAC-SHA256
  std::string store_dir;  // `--store`; empty: none given, versions not checked

  // True when an object the decision names is in the store but unusable.
  bool store_failed() const;
};

// Where to read the log and the versions from.
struct ExplainRequest {
  std::vector<std::string> logs;  // the log's files, oldest first
  uint64_t seq = 0;
  std::string key;        // the HMAC key; empty: an unkeyed log
  std::string store_dir;  // empty: none
};

// Reads the record and its versions. nullopt with `error`: a file or the
// store cannot be read (E000), or the log holds no decision record `seq`,
// or its `decision` is not a Verdict decision (L008). A record that is not
// verified is still returned: the report shows it under a "not verified"
// banner.
std::optional<ExplainReport> read_explain_report(const ExplainRequest& request, Diagnostic& error);

// The report as text: a header (record, time, file:line, chain, versions
// with their hashes and store state), then explain_text of the decision.
std::string explain_report_text(const ExplainReport& report);

// The report as one self-contained HTML page (explain_html.cc).
std::string explain_report_html(const ExplainReport& report);

}  // namespace verdict
