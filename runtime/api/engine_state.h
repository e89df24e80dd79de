#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "runtime/api/engine.h"
#include "runtime/api/served_version.h"
#include "runtime/audit/decision_log.h"

namespace verdict {

// What an Engine holds (behind its pimpl); the BatchRunner reads it too.
struct Engine::State {
  std::atomic<std::shared_ptr<const ServedVersion>> current;
  std::atomic<std::shared_ptr<DecisionLog>> log;  // null when [trace] log is not set
  std::atomic<uint64_t> generation{1};
  std::mutex reload_mutex;
  // Opens the next version from the files the engine was opened from;
  // empty when it was opened from sources.
  std::function<std::shared_ptr<const Deployment>(LoadReport&)> reopen;
  EngineOptions options;
};

}  // namespace verdict
