#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace verdict::serve {

// The server's worker pool: `threads` workers, each running one job (one
// request being decided) at a time, and at most `max_queue` jobs waiting
// for one. A job beyond that is refused at once (the HTTP front answers
// 503): an overloaded server refuses quickly instead of queueing without
// bound. Connections are not jobs: a slow client holds no worker.
class BoundedPool {
 public:
  BoundedPool(size_t threads, size_t max_queue);
  ~BoundedPool();
  BoundedPool(const BoundedPool&) = delete;
  BoundedPool& operator=(const BoundedPool&) = delete;

  // Queues `job` for a worker; false (and `job` is dropped, not run) when
  // `threads` jobs are running and `max_queue` are waiting. Any thread.
  bool try_submit(std::function<void()> job);
  // Runs what is queued, then joins every worker. Later submits are refused.
  void shutdown();

 private:
  void work();

  const size_t threads_, max_queue_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  size_t busy_ = 0;
  bool shutdown_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace verdict::serve
