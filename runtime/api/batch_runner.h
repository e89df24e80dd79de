#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/deploy/deployment.h"
#include "runtime/deploy/trace_level.h"
#include "runtime/wire/request_csv.h"

namespace verdict {

// One request of a batch as read: its line in the input and its text (a
// JSON object, or a CSV data row).
struct BatchItem {
  uint32_t line = 0;
  std::string text;
};

// What became of one item: its decision as one line of JSON (starting with
// `"request": LINE`), or the errors that kept it from being decided.
struct BatchResult {
  bool decided = false;
  std::string json;
  uint32_t outcome = 0;  // index into the program's outcomes, when decided
  std::vector<Diagnostic> errors;
};

// Decides the items of a batch on several threads, all on one deployment.
// INVARIANT: out[i] is the result of items[i], whatever the thread that
// decided it: callers write results in input order.
class BatchRunner {
 public:
  // `csv` maps the columns when the items are CSV rows (null for JSON).
  BatchRunner(std::shared_ptr<const Deployment> deployment, std::optional<CsvRequests> csv, TraceLevel level,
              unsigned threads);

  void decide(const std::vector<BatchItem>& items, std::vector<BatchResult>& out) const;
  const Deployment& deployment() const { return *deployment_; }

 private:
  void decide_one(const BatchItem& item, Decision& scratch, BatchResult& out) const;

  std::shared_ptr<const Deployment> deployment_;
  std::optional<CsvRequests> csv_;
  TraceLevel level_;
  unsigned threads_;
};

}  // namespace verdict
