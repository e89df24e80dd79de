#include "runtime/api/batch_runner.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "runtime/wire/decision_json.h"
#include "runtime/wire/request.h"
#include "runtime/wire/value_json.h"

namespace verdict {

BatchRunner::BatchRunner(std::shared_ptr<const Deployment> deployment, std::optional<CsvRequests> csv, TraceLevel level,
                         unsigned threads)
    : deployment_(std::move(deployment)), csv_(std::move(csv)), level_(level), threads_(std::max(1u, threads)) {}

void BatchRunner::decide_one(const BatchItem& item, Decision& scratch, BatchResult& out) const {
  out = BatchResult();
  std::optional<Frame> frame;
  if (csv_) {
    nlohmann::json request;
    if (csv_->request(item.text, request, out.errors))
      frame = frame_from_json(deployment_->program(), request, out.errors);
  } else {
    frame = frame_from_text(deployment_->program(), item.text, out.errors);
  }
  if (!frame) return;
  deployment_->decide_into(*frame, scratch, level_ != TraceLevel::Off);
  out.json = json_text(decision_json(*deployment_, *frame, scratch, level_, item.line));
  out.outcome = scratch.outcome;
  out.decided = true;
}

// Items are handed out one at a time from a shared counter, so a slow item
// does not hold up a whole share of the batch.
void BatchRunner::decide(const std::vector<BatchItem>& items, std::vector<BatchResult>& out) const {
  out.resize(items.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    Decision scratch;
    for (size_t i = next++; i < items.size(); i = next++) decide_one(items[i], scratch, out[i]);
  };
  unsigned helpers = static_cast<unsigned>(std::min<size_t>(threads_, items.size())) - (items.empty() ? 0 : 1);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace verdict
