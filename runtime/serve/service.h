#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "runtime/api/engine.h"
#include "runtime/serve/metrics.h"
#include "runtime/serve/reply.h"
#include "runtime/serve/server_config.h"

namespace verdict::serve {

// What each endpoint of `verdict serve` answers (docs/serving.md), over an
// Engine, without HTTP: the HTTP front (http_server.h) routes to these.
// Every member may be called from any number of threads at once.
class Service {
 public:
  Service(Engine& engine, ServerConfig config) : engine_(engine), config_(std::move(config)) {}

  // POST /v1/decide: one request object -> its decision (200), or 400 for
  // text that is not JSON, 422 with the field diagnostics.
  Reply decide(std::string_view body);
  // POST /v1/decide:batch: a JSON array of request objects, all decided on
  // one version -> {"decided", "refused", "results": [decision | error]} (200).
  Reply decide_batch(std::string_view body);
  // GET /v1/ruleset: name, version, generation, hashes, weights.
  Reply ruleset() const;
  // POST /v1/reload with `Authorization: Bearer <token>` (the header value).
  Reply reload(std::string_view authorization);
  Reply healthz() const;
  Reply metrics() const;

  // An error reply with the standard body, counted under `code`.
  Reply error(int status, std::string_view code, std::string_view message,
              const nlohmann::ordered_json& extra = nullptr);

  Metrics& counters() { return metrics_; }
  // Decide requests (single or batch) being answered now.
  int64_t in_flight() const { return in_flight_.load(); }

 private:
  Reply refused(const std::vector<Diagnostic>& errors);
  // 400 for a body that is not JSON (R005/R006), counted like request errors.
  Reply bad_json(const std::vector<Diagnostic>& errors);
  bool token_matches(std::string_view authorization) const;
  // 429 while the failed attempts of the last minute are at the limit.
  std::optional<Reply> reload_locked_out();
  void count_failed_reload();

  Engine& engine_;
  const ServerConfig config_;
  Metrics metrics_;
  std::atomic<int64_t> in_flight_{0};
  std::mutex failed_reloads_mutex_;
  std::deque<std::chrono::steady_clock::time_point> failed_reloads_;  // of the last minute, oldest first
};

}  // namespace verdict::serve
