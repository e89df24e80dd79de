#include "runtime/serve/bounded_pool.h"

namespace verdict::serve {
namespace {

thread_local bool t_overflow = false;

}  // namespace

BoundedPool::BoundedPool(size_t threads, size_t max_queue) : threads_(threads), max_queue_(max_queue) {
  for (size_t i = 0; i < threads_; ++i) workers_.emplace_back([this] { work(); });
  overflow_thread_ = std::thread([this] { overflow(); });
}

BoundedPool::~BoundedPool() { shutdown(); }

bool BoundedPool::on_overflow_thread() { return t_overflow; }

// INVARIANT: busy_ + jobs_.size() counts the connections that hold or wait
// for a worker; beyond threads_ + max_queue_ they overflow.
void BoundedPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (busy_ + jobs_.size() < threads_ + max_queue_) {
      jobs_.push_back(std::move(fn));
      ready_.notify_one();
      return;
    }
    overflow_jobs_.push_back(std::move(fn));
  }
  overflow_ready_.notify_one();
}

void BoundedPool::work() {
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [&] { return shutdown_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // shut down, nothing left
      fn = std::move(jobs_.front());
      jobs_.pop_front();
      ++busy_;
    }
    fn();
    std::lock_guard<std::mutex> lock(mutex_);
    --busy_;
  }
}

void BoundedPool::overflow() {
  t_overflow = true;
  for (;;) {
    std::function<void()> fn;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      overflow_ready_.wait(lock, [&] { return shutdown_ || !overflow_jobs_.empty(); });
      if (overflow_jobs_.empty()) return;
      fn = std::move(overflow_jobs_.front());
      overflow_jobs_.pop_front();
    }
    fn();
  }
}

void BoundedPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_ && workers_.empty()) return;
    shutdown_ = true;
  }
  ready_.notify_all();
  overflow_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
  if (overflow_thread_.joinable()) overflow_thread_.join();
}

}  // namespace verdict::serve
