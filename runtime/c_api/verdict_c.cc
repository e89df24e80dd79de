// The C API (verdict.h) over verdict::Engine. Every entry point runs inside
// c_api::boundary, so no exception reaches a C caller.
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/api/engine.h"
#include "runtime/c_api/c_error.h"
#include "runtime/c_api/verdict.h"

struct verdict_engine {
  std::unique_ptr<verdict::Engine> engine;
};

// Self-contained: holds no reference to the engine or its deployment.
struct verdict_decision {
  std::string json;
  std::string outcome;
  double final_score = std::numeric_limits<double>::quiet_NaN();
};

namespace verdict::c_api {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::unique_ptr<verdict_decision> make_decision(DecideResult& result) {
  auto out = std::make_unique<verdict_decision>();
  out->json = std::move(result.json);
  out->outcome = result.deployment->program().outcomes[result.outcome];
  out->final_score = result.final_score;
  return out;
}

// The decision, or null with the request's errors in *err.
verdict_decision* take(DecideResult result, verdict_error** err) {
  if (!result.decided) {
    if (err) report(err, from_request(result.errors));
    return nullptr;
  }
  return make_decision(result).release();
}

std::optional<DeploymentSources> sources(const char* config_path, const char* config_text, const char* rules_text,
                                         verdict_error** err) {
  if (!config_path) return null_argument(err, "config_path"), std::nullopt;
  if (!config_text) return null_argument(err, "config_text"), std::nullopt;
  DeploymentSources out;
  out.config_path = config_path;
  out.config_text = config_text;
  if (rules_text) out.rules_text = rules_text;
  return out;
}

verdict_engine* wrap(std::unique_ptr<Engine> engine, const LoadReport& report, verdict_error** err) {
  if (!engine) {
    if (err) c_api::report(err, from_report(report));
    return nullptr;
  }
  auto out = std::make_unique<verdict_engine>();
  out->engine = std::move(engine);
  return out.release();
}

int reloaded(bool ok, const LoadReport& report, verdict_error** err) {
  if (ok) return 0;
  if (err) c_api::report(err, from_report(report));
  return -1;
}

}  // namespace
}  // namespace verdict::c_api

using namespace verdict;
using c_api::boundary;
using c_api::null_argument;

extern "C" {

const char* verdict_version(void) { return VERDICT_VERSION; }

verdict_engine* verdict_engine_open(const char* config_path, verdict_error** err) {
  return boundary<verdict_engine*>(err, nullptr, [&]() -> verdict_engine* {
    if (!config_path) return null_argument(err, "config_path"), nullptr;
    LoadReport report;
    return c_api::wrap(Engine::open(std::string(config_path), report), report, err);
  });
}

verdict_engine* verdict_engine_open_sources(const char* config_path, const char* config_text, const char* rules_text,
                                            verdict_error** err) {
  return boundary<verdict_engine*>(err, nullptr, [&]() -> verdict_engine* {
    auto sources = c_api::sources(config_path, config_text, rules_text, err);
    if (!sources) return nullptr;
    LoadReport report;
    return c_api::wrap(Engine::open(*sources, report), report, err);
  });
}

int verdict_engine_reload(verdict_engine* engine, verdict_error** err) {
  return boundary<int>(err, -1, [&] {
    if (!engine) return null_argument(err, "engine"), -1;
    LoadReport report;
    return c_api::reloaded(engine->engine->reload(report), report, err);
  });
}

int verdict_engine_reload_sources(verdict_engine* engine, const char* config_path, const char* config_text,
                                  const char* rules_text, verdict_error** err) {
  return boundary<int>(err, -1, [&] {
    if (!engine) return null_argument(err, "engine"), -1;
    auto sources = c_api::sources(config_path, config_text, rules_text, err);
    if (!sources) return -1;
    LoadReport report;
    return c_api::reloaded(engine->engine->reload(*sources, report), report, err);
  });
}

uint64_t verdict_engine_generation(const verdict_engine* engine) { return engine ? engine->engine->generation() : 0; }

void verdict_engine_free(verdict_engine* engine) { delete engine; }

verdict_decision* verdict_decide(const verdict_engine* engine, const char* request_json, size_t len,
                                 verdict_error** err) {
  return boundary<verdict_decision*>(err, nullptr, [&]() -> verdict_decision* {
    if (!engine) return null_argument(err, "engine"), nullptr;
    if (!request_json) return null_argument(err, "request_json"), nullptr;
    return c_api::take(engine->engine->decide(std::string_view(request_json, len)), err);
  });
}

int64_t verdict_decide_batch(const verdict_engine* engine, const char* const* requests, const size_t* lens,
                             size_t count, verdict_decision** decisions, verdict_error** errors, verdict_error** err) {
  for (size_t i = 0; decisions && i < count; ++i) decisions[i] = nullptr;
  for (size_t i = 0; errors && i < count; ++i) errors[i] = nullptr;
  return boundary<int64_t>(err, -1, [&]() -> int64_t {
    if (!engine) return null_argument(err, "engine"), -1;
    if (count > 0 && !requests) return null_argument(err, "requests"), -1;
    if (count > 0 && !lens) return null_argument(err, "lens"), -1;
    if (count > 0 && !decisions) return null_argument(err, "decisions"), -1;
    // Everything is built here first, so an exception leaves every slot null.
    std::vector<std::unique_ptr<verdict_decision>> decided(count);
    std::vector<std::unique_ptr<verdict_error>> refused(count);
    auto refuse = [&](size_t i, const std::vector<Diagnostic>& why) {
      if (errors) refused[i].reset(c_api::from_request(why));
    };
    std::vector<std::string_view> texts;
    std::vector<size_t> slot;
    for (size_t i = 0; i < count; ++i) {
      if (!requests[i]) {
        if (errors)
          refused[i].reset(c_api::api_error(code::A001, "argument `requests[" + std::to_string(i) + "]` is null"));
        continue;
      }
      texts.emplace_back(requests[i], lens[i]);
      slot.push_back(i);
    }
    std::vector<DecideResult> results = engine->engine->decide_texts(texts);
    int64_t n = 0;
    for (size_t k = 0; k < results.size(); ++k) {
      if (results[k].decided) {
        decided[slot[k]] = c_api::make_decision(results[k]);
        ++n;
      } else {
        refuse(slot[k], results[k].errors);
      }
    }
    for (size_t i = 0; i < count; ++i) {
      decisions[i] = decided[i].release();
      if (errors) errors[i] = refused[i].release();
    }
    return n;
  });
}

const char* verdict_decision_json(const verdict_decision* decision) { return decision ? decision->json.c_str() : ""; }

const char* verdict_decision_outcome(const verdict_decision* decision) {
  return decision ? decision->outcome.c_str() : "";
}

double verdict_decision_final_score(const verdict_decision* decision) {
  return decision ? decision->final_score : c_api::kNaN;
}

void verdict_decision_free(verdict_decision* decision) { delete decision; }

const char* verdict_error_message(const verdict_error* error) { return error ? error->rendered.c_str() : ""; }

const char* verdict_error_code(const verdict_error* error) {
  return error && !error->items.empty() ? error->items[0].code.c_str() : "";
}

size_t verdict_error_count(const verdict_error* error) { return error ? error->items.size() : 0; }

const char* verdict_error_code_at(const verdict_error* error, size_t i) {
  return error && i < error->items.size() ? error->items[i].code.c_str() : nullptr;
}

const char* verdict_error_message_at(const verdict_error* error, size_t i) {
  return error && i < error->items.size() ? error->items[i].message.c_str() : nullptr;
}

void verdict_error_free(verdict_error* error) {
  if (error != c_api::out_of_memory()) delete error;
}

}  // extern "C"
