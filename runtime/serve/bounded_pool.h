#pragma once
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace verdict::serve {

// The server's worker pool: `threads` workers, each serving one accepted
// connection at a time, and at most `max_queue` accepted connections
// waiting for one. A connection beyond that goes to one extra thread, the
// overflow thread, on which the HTTP front answers 503 and closes it: an
// overloaded server refuses quickly instead of queueing without bound.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(size_t threads, size_t max_queue);
  ~BoundedPool() override;

  void enqueue(std::function<void()> fn) override;
  // Runs what is queued, then joins every thread.
  void shutdown() override;

  // True on the overflow thread.
  static bool on_overflow_thread();

 private:
  void work();
  void overflow();

  const size_t threads_, max_queue_;
  std::mutex mutex_;
  std::condition_variable ready_, overflow_ready_;
  std::deque<std::function<void()>> jobs_, overflow_jobs_;
  size_t busy_ = 0;
  bool shutdown_ = false;
  std::vector<std::thread> workers_;
  std::thread overflow_thread_;
};

}  // namespace verdict::serve
