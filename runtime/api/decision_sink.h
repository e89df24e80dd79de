#pragma once
#include <cstddef>

#include "runtime/api/engine.h"
#include "runtime/wire/request_source.h"

namespace verdict {

// Where a BatchRunner's decisions go: a front end's output (JSON Lines,
// text, a decisions file and a rejects file).
class DecisionSink {
 public:
  virtual ~DecisionSink() = default;
  // Once per request, in input order. A decided `result` is in the decision
  // log already (when the deployment keeps one); otherwise `result.errors`
  // say why the request was not decided.
  virtual void write(const RequestText& request, const DecideResult& result) = 0;
  // When the decision log could not be synced at the end of the batch
  // (`fsync = "batch"`; L004): the decisions written may not be on disk.
  virtual void log_not_synced(const Diagnostic& problem) = 0;
  // After each block of requests: `done` of `total` have been written.
  virtual void progress(size_t done, size_t total) {
    (void)done;
    (void)total;
  }
};

}  // namespace verdict
