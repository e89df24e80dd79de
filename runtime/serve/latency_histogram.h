#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace verdict::serve {

// A Prometheus histogram of durations in seconds with fixed buckets.
// observe() is lock-free; render() reads a consistent-enough snapshot
// (each bucket is monotonic; `_count` is the +Inf bucket).
class LatencyHistogram {
 public:
  static constexpr std::array<double, 14> kBounds = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                     0.01,    0.025,  0.05,    0.1,    0.25,  0.5,    1.0};

  void observe(double seconds);
  // `name_bucket{le="..."}`, `name_sum`, `name_count` lines (no HELP/TYPE).
  std::string render(const std::string& name) const;

 private:
  std::array<std::atomic<uint64_t>, kBounds.size() + 1> buckets_{};  // not cumulative; last: +Inf
  std::atomic<uint64_t> sum_ns_{0};
};

}  // namespace verdict::serve
