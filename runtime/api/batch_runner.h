#pragma once
#include <functional>
#include <memory>
#include <optional>

#include "runtime/api/decision_sink.h"
#include "runtime/api/engine.h"
#include "runtime/wire/request_source.h"

namespace verdict {

class DecisionLog;
struct ServedVersion;

struct BatchSettings {
  std::optional<TraceLevel> trace;  // default: the deployment's `[trace] level`
  bool number_requests = true;      // each decision starts with `"request": N`, its line in the input
  bool explain = false;             // fill DecideResult::explanation
  unsigned threads = 1;
};

// Decides every request of a source through the Engine's steps
// (decide_request, then log_before_returning), several threads at a time,
// all on the version (and into the decision log) that was current when the
// runner was made.
// INVARIANT: the sink sees the results in input order, each logged before
// it is handed over, whatever the thread that decided it; so the decision
// log, too, is in input order.
class BatchRunner {
 public:
  BatchRunner(const Engine& engine, BatchSettings settings);
  ~BatchRunner();

  // The version this runner decides on: map a CSV source's columns on its program.
  const Deployment& deployment() const;

  void run(const RequestSource& source, DecisionSink& sink) const;

 private:
  // Decides requests [begin, end) into `out` on settings.threads threads;
  // this thread first runs `meanwhile` while the others start.
  void decide_block(const RequestSource& source, size_t begin, size_t end, std::vector<DecideResult>& out,
                    const std::function<void()>& meanwhile) const;
  // Logs the block of results starting at request `begin` (a result that
  // cannot be logged becomes L001), then hands each to the sink in order.
  void hand_over(const RequestSource& source, size_t begin, std::vector<DecideResult>& results,
                 DecisionSink& sink) const;

  std::shared_ptr<const ServedVersion> version_;
  std::shared_ptr<DecisionLog> log_;  // null when the deployment keeps none
  BatchSettings settings_;
};

}  // namespace verdict
