#include "runtime/serve/bounded_pool.h"

namespace verdict::serve {

BoundedPool::BoundedPool(size_t threads, size_t max_queue) : threads_(threads), max_queue_(max_queue) {
  for (size_t i = 0; i < threads_; ++i) workers_.emplace_back([this] { work(); });
}

BoundedPool::~BoundedPool() { shutdown(); }

// INVARIANT: busy_ + jobs_.size() counts the jobs that hold or wait for a
// worker; it never exceeds threads_ + max_queue_.
bool BoundedPool::try_submit(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_ || busy_ + jobs_.size() >= threads_ + max_queue_) return false;
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

void BoundedPool::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [&] { return shutdown_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // shut down, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
      ++busy_;
    }
    job();
    job = nullptr;  // what it holds is released before the job counts as done
    std::lock_guard<std::mutex> lock(mutex_);
    --busy_;
  }
}

void BoundedPool::shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_ && workers_.empty()) return;
    shutdown_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

}  // namespace verdict::serve
