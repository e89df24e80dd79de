#include "runtime/api/batch_runner.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <thread>

#include "runtime/api/decide_request.h"
#include "runtime/api/decision_logging.h"
#include "runtime/api/engine_state.h"
#include "runtime/api/exception_diagnostic.h"

namespace verdict {
namespace {

constexpr size_t kBlock = 4096;  // requests decided together, then logged and written in order

}  // namespace

BatchRunner::BatchRunner(const Engine& engine, BatchSettings settings)
    : version_(engine.state_->current.load()), log_(engine.state_->log.load()), settings_(settings) {
  settings_.threads = std::max(1u, settings_.threads);
}

BatchRunner::~BatchRunner() = default;

const Deployment& BatchRunner::deployment() const { return *version_->deployment; }

// Requests are handed out one at a time from a shared counter, so a slow
// one does not hold up a whole share of the block.
void BatchRunner::decide_block(const RequestSource& source, size_t begin, size_t end, std::vector<DecideResult>& out,
                               const std::function<void()>& meanwhile) const {
  const std::vector<RequestText>& requests = source.requests();
  out.assign(end - begin, DecideResult());
  std::atomic<size_t> next{begin};
  auto work = [&] {
    Decision scratch;
    DecideSettings settings;
    settings.trace = settings_.trace;
    settings.explain = settings_.explain;
    for (size_t i = next++; i < end; i = next++) {
      DecideResult& result = out[i - begin];
      // An exception must not leave a worker thread (std::terminate): it
      // refuses this request alone, as E900 (A003 when out of memory).
      try {
        nlohmann::json request = source.request(requests[i], result.errors);
        if (!result.errors.empty()) continue;
        if (settings_.number_requests) settings.request_line = requests[i].line;
        decide_request(*version_, request, settings, scratch, result);
      } catch (...) {
        result = DecideResult();
        result.errors.push_back(
            current_exception_diagnostic("deciding the request on line " + std::to_string(requests[i].line)));
      }
    }
  };
  unsigned helpers = static_cast<unsigned>(std::min<size_t>(settings_.threads, end - begin)) - 1;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < helpers; ++t) pool.emplace_back(work);
  // The previous block is logged and written while the helpers decide this
  // one; then this thread decides too. Its exception waits for the join.
  std::exception_ptr failed;
  try {
    meanwhile();
  } catch (...) {
    failed = std::current_exception();
  }
  if (!failed) work();
  for (std::thread& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
}

void BatchRunner::hand_over(const RequestSource& source, size_t begin, std::vector<DecideResult>& results,
                            DecisionSink& sink) const {
  const std::vector<RequestText>& requests = source.requests();
  log_block_before_returning(log_.get(), results);
  for (size_t i = 0; i < results.size(); ++i) sink.write(requests[begin + i], results[i]);
  sink.progress(begin + results.size(), requests.size());
}

void BatchRunner::run(const RequestSource& source, DecisionSink& sink) const {
  const std::vector<RequestText>& requests = source.requests();
  // Blocks are logged and written in input order, each one while the next
  // is being decided (decide_block's `meanwhile`).
  std::vector<DecideResult> deciding, decided;
  size_t decided_begin = 0;
  for (size_t begin = 0; begin < requests.size(); begin += kBlock) {
    size_t end = std::min(requests.size(), begin + kBlock);
    decide_block(source, begin, end, deciding, [&] {
      if (!decided.empty()) hand_over(source, decided_begin, decided, sink);
    });
    std::swap(deciding, decided);
    decided_begin = begin;
  }
  if (!decided.empty()) hand_over(source, decided_begin, decided, sink);
  std::string error;
  if (log_ && !log_->end_batch(error)) {
    sink.log_not_synced(Diagnostic::unlocated(code::L004, "the decisions of this batch may not be on disk: " + error));
  }
}

}  // namespace verdict
