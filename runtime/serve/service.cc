#include "runtime/serve/service.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "runtime/api/exception_diagnostic.h"
#include "runtime/serve/error_body.h"
#include "runtime/wire/json_out.h"
#include "runtime/wire/request.h"
#include "runtime/wire/value_json.h"

namespace verdict::serve {
namespace {

using nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// Counts a decide request in flight and, when it ends, its duration.
class Timed {
 public:
  Timed(std::atomic<int64_t>& in_flight, Metrics& metrics) : in_flight_(in_flight), metrics_(metrics) {
    in_flight_.fetch_add(1);
  }
  ~Timed() {
    metrics_.observe_latency(std::chrono::duration<double>(Clock::now() - start_).count());
    in_flight_.fetch_sub(1);
  }

 private:
  std::atomic<int64_t>& in_flight_;
  Metrics& metrics_;
  Clock::time_point start_ = Clock::now();
};

ordered_json weights_json(const BlendWeights& w) { return {{"human", w.human}, {"model", w.model}}; }

ordered_json ruleset_json(const Deployment& d, uint64_t generation) {
  const ir::Program& p = d.program();
  ordered_json out = {{"name", p.name}, {"version", p.version}, {"generation", generation}};
  const DeploymentConfig* config = d.config();
  out["config"] = config ? ordered_json(config->path) : ordered_json(nullptr);
  ordered_json sha = {{"ruleset", d.ruleset_sha256()}, {"config", d.config_sha256()}};
  if (const BoundModel* m = d.scoring().model()) {
    sha["model"] = m->model().sha256();
    out["model"] = {{"name", m->decl().name},
                    {"kernel", m->kernel() == ModelKernel::Native ? "native" : "xgboost"},
                    {"sha256", m->model().sha256()}};
  } else {
    out["model"] = nullptr;
  }
  out["sha256"] = std::move(sha);
  ordered_json weights = config ? weights_json(config->blend) : weights_json(BlendWeights{});
  ordered_json segments = ordered_json::object();
  if (config) {
    for (const auto& [name, w] : config->segment_blend) segments[name] = weights_json(w);
  }
  weights["segments"] = std::move(segments);
  out["weights"] = std::move(weights);
  out["trace_level"] = std::string(trace_level_name(config ? config->trace_level : TraceLevel::Full));
  out["outcomes"] = p.outcomes;
  return out;
}

// Reloads compile on a thread of their own at nice +10 (threads they start,
// such as the JIT's optimiser, inherit it), so that compiling a new version
// takes as little CPU as it can from the requests being decided. The
// version swapped out is freed there too, once the requests still on it
// let go (200 ms at most): freeing it joins its JIT optimiser and releases
// its code, which would otherwise stall whichever request let go last.
// Nothing may throw out of the thread (std::terminate): an exception is a
// failed reload, with the current version still serving.
bool reload_at_low_priority(Engine& engine, LoadReport& report) {
  bool ok = false;
  std::thread reloader([&] {
    try {
      ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
      std::shared_ptr<const Deployment> previous = engine.current();
      ok = engine.reload(report);
      for (int i = 0; ok && i < 200 && previous.use_count() > 1; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    } catch (...) {
      report.files.push_back({"<reload>", nullptr, {current_exception_diagnostic("reloading")}});
    }
  });
  reloader.join();
  return ok;
}

std::string count_text(size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

}  // namespace

Reply Service::error(int status, std::string_view code, std::string_view message, const ordered_json& extra) {
  metrics_.count_error(code);
  return {status, error_body(code, message, extra), "application/json", {}};
}

Reply Service::refused(const std::vector<Diagnostic>& errors) {
  metrics_.count_request_errors(errors);
  Refusal refusal = refusal_for(errors);
  std::string message =
      refusal.fault == Fault::Input
          ? "the request was not decided: " + count_text(errors.size(), "problem") + " with its fields"
          : errors.front().message;
  return error(refusal.status, refusal.code, message, {{"diagnostics", request_errors_json(errors)}});
}

Reply Service::bad_json(const std::vector<Diagnostic>& errors) {
  metrics_.count_request_errors(errors);
  return error(400, "bad_json", "the body is not valid JSON: " + errors.front().message,
               {{"diagnostics", request_errors_json(errors)}});
}

Reply Service::decide(std::string_view body) {
  Timed timed(in_flight_, metrics_);
  DecideSettings settings;
  settings.max_request_bytes = config_.max_request_bytes;
  DecideResult r = engine_.decide(body, settings);
  if (r.not_json) return bad_json(r.errors);
  if (!r.decided) return refused(r.errors);
  metrics_.count_decision(r.deployment, r.outcome, r.fired_rules);
  return {200, std::move(r.json), "application/json", {}};
}

Reply Service::decide_batch(std::string_view body) {
  Timed timed(in_flight_, metrics_);
  std::vector<Diagnostic> errors;
  nlohmann::json parsed = parse_request_json(body, errors);
  if (!errors.empty()) return bad_json(errors);
  if (!parsed.is_array()) {
    return error(422, "bad_batch",
                 "a batch must be a JSON array of request objects, not " + std::string(parsed.type_name()));
  }
  if (parsed.size() > config_.max_batch) {
    return error(413, "batch_too_large",
                 "the batch has " + count_text(parsed.size(), "request") + "; the limit is " +
                     std::to_string(config_.max_batch) + " (`server.max_batch`)");
  }
  std::vector<nlohmann::json> requests = std::move(parsed.get_ref<nlohmann::json::array_t&>());
  std::vector<DecideResult> results = engine_.decide_batch(requests);
  size_t decided = 0;
  for (const DecideResult& r : results) decided += r.decided;
  // The decisions' own text goes into the reply as it is, no re-parse.
  JsonOut out;
  out.begin_object();
  out.key("decided"), out.unsigned_integer(decided);
  out.key("refused"), out.unsigned_integer(results.size() - decided);
  out.key("results"), out.begin_array();
  for (size_t i = 0; i < results.size(); ++i) {
    const DecideResult& r = results[i];
    if (r.decided) {
      metrics_.count_decision(r.deployment, r.outcome, r.fired_rules);
      out.raw(r.json);
    } else {
      metrics_.count_request_errors(r.errors);
      metrics_.count_error("request_rejected");
      out.raw(json_text(error_json("request_rejected", "request " + std::to_string(i) + " was not decided",
                                   {{"index", i}, {"diagnostics", request_errors_json(r.errors)}})));
    }
  }
  out.end_array();
  out.end_object();
  return {200, out.take(), "application/json", {}};
}

Reply Service::ruleset() const {
  std::shared_ptr<const Deployment> d = engine_.current();
  return {200, ruleset_json(*d, engine_.generation()).dump(), "application/json", {}};
}

// Compares in time that depends on the lengths only, not on where they differ.
bool Service::token_matches(std::string_view authorization) const {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.substr(0, kScheme.size()) != kScheme) return false;
  std::string_view given = authorization.substr(kScheme.size());
  const std::string& want = config_.reload_token;
  if (given.size() != want.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < want.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ want[i]);
  return diff == 0;
}

std::optional<Reply> Service::reload_locked_out() {
  std::lock_guard<std::mutex> lock(failed_reloads_mutex_);
  auto now = std::chrono::steady_clock::now();
  while (!failed_reloads_.empty() && now - failed_reloads_.front() >= std::chrono::minutes(1)) {
    failed_reloads_.pop_front();
  }
  if (static_cast<int>(failed_reloads_.size()) < config_.max_failed_reloads_per_minute) return std::nullopt;
  auto wait = std::chrono::ceil<std::chrono::seconds>(failed_reloads_.front() + std::chrono::minutes(1) - now);
  Reply r = error(429, "too_many_attempts",
                  std::to_string(failed_reloads_.size()) +
                      " reloads with a wrong token in the last minute; reload is "
                      "refused for " +
                      std::to_string(wait.count()) + " s");
  r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
  return r;
}

void Service::count_failed_reload() {
  std::lock_guard<std::mutex> lock(failed_reloads_mutex_);
  failed_reloads_.push_back(std::chrono::steady_clock::now());
}

Reply Service::reload(std::string_view authorization) {
  if (config_.reload_token.empty()) {
    return error(403, "reload_disabled", "reload is disabled: the server's config sets no `reload_token` in [server]");
  }
  // Guessing the token is slowed to a few tries a minute, whoever guesses.
  if (std::optional<Reply> locked = reload_locked_out()) return *locked;
  if (!token_matches(authorization)) {
    count_failed_reload();
    Reply r = error(401, "unauthorized", "reload needs the header `Authorization: Bearer <reload_token>`");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  LoadReport report;
  bool ok = reload_at_low_priority(engine_, report);
  metrics_.count_reload(ok);
  uint64_t generation = engine_.generation();
  if (!ok) {
    return error(422, "reload_failed",
                 "the new version did not load; generation " + std::to_string(generation) + " is still serving",
                 {{"generation", generation}, {"diagnostics", report_json(report)}, {"rendered", report.render()}});
  }
  ordered_json out = {
      {"reloaded", true}, {"ruleset", ruleset_json(*engine_.current(), generation)}, {"warnings", report_json(report)}};
  return {200, out.dump(), "application/json", {}};
}

Reply Service::healthz() const {
  ordered_json out = {{"status", "ok"}, {"generation", engine_.generation()}};
  return {200, out.dump(), "application/json", {}};
}

Reply Service::metrics() const {
  return {200, metrics_.render(engine_.generation(), in_flight_.load()), "text/plain; version=0.0.4", {}};
}

}  // namespace verdict::serve
