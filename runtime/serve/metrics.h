#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "runtime/deploy/deployment.h"
#include "runtime/serve/latency_histogram.h"

namespace verdict::serve {

// What `GET /metrics` reports, in the Prometheus text format (names in
// docs/serving.md). Counters only grow: they survive reloads, and a rule
// or outcome keeps its count after a reload drops it.
//
// Thread-safe. Counting a decision takes no lock once the deployment it
// was decided on is bound (the first decision after a reload binds it).
class Metrics {
 public:
  // One decided request: its outcome and fired rules (indices into
  // `deployment`'s program), and how long the request took.
  void count_decision(const std::shared_ptr<const Deployment>& deployment, uint32_t outcome,
                      const std::vector<uint32_t>& fired_rules);
  void observe_latency(double seconds) { latency_.observe(seconds); }
  // An error answered with this error-body code (`bad_json`, `overloaded`...).
  void count_error(std::string_view code);
  // The diagnostics of a refused request (R001...), by code.
  void count_request_errors(const std::vector<Diagnostic>& errors);
  void count_reload(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1, std::memory_order_relaxed); }
  void count_response(int status);

  std::string render(uint64_t generation, int64_t in_flight) const;

 private:
  using Counter = std::atomic<uint64_t>;
  using Key = std::pair<std::string, std::string>;  // ruleset, outcome or rule
  // The counters of one deployment's outcomes and rules, by index.
  struct Binding {
    std::weak_ptr<const Deployment> deployment;
    const Deployment* raw = nullptr;
    std::vector<Counter*> outcomes, rules;
  };
  std::shared_ptr<const Binding> bind(const std::shared_ptr<const Deployment>& deployment);
  Counter* counter(std::map<Key, std::unique_ptr<Counter>>& in, const std::string& ruleset, const std::string& name);

  std::atomic<std::shared_ptr<const Binding>> binding_;
  mutable std::mutex mutex_;  // guards the maps below
  std::map<Key, std::unique_ptr<Counter>> outcomes_, rules_;
  std::map<std::string, uint64_t> errors_, request_errors_;

  LatencyHistogram latency_;
  Counter reloads_ok_{0}, reloads_failed_{0};
  std::array<Counter, 600> responses_{};  // by HTTP status
};

}  // namespace verdict::serve
