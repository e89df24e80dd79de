#include "runtime/serve/bounded_pool.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <future>

namespace verdict::serve {
namespace {

TEST_CASE("the pool refuses a job beyond its workers and its queue, and runs the rest", "[serve][pool]") {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> ran{0};
  BoundedPool pool(1, 1);
  REQUIRE(pool.try_submit([&] {
    started.set_value();
    released.wait();
    ++ran;
  }));
  started.get_future().wait();                   // the worker holds the first job
  CHECK(pool.try_submit([&] { ++ran; }));        // queued
  CHECK_FALSE(pool.try_submit([&] { ++ran; }));  // beyond threads + max_queue: dropped
  release.set_value();
  pool.shutdown();  // runs what is queued
  CHECK(ran == 2);
  CHECK_FALSE(pool.try_submit([] {}));  // after shutdown
}

}  // namespace
}  // namespace verdict::serve
