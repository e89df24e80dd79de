#include "runtime/serve/latency_histogram.h"

#include <cstdio>

namespace verdict::serve {

void LatencyHistogram::observe(double seconds) {
  size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<uint64_t>(seconds * 1e9), std::memory_order_relaxed);
}

std::string LatencyHistogram::render(const std::string& name) const {
  std::string out;
  uint64_t cumulative = 0;
  char line[160];
  for (size_t i = 0; i <= kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    if (i < kBounds.size()) {
      std::snprintf(line, sizeof line, "%s_bucket{le=\"%g\"} %llu\n", name.c_str(), kBounds[i],
                    static_cast<unsigned long long>(cumulative));
    } else {
      std::snprintf(line, sizeof line, "%s_bucket{le=\"+Inf\"} %llu\n", name.c_str(),
                    static_cast<unsigned long long>(cumulative));
    }
    out += line;
  }
  std::snprintf(line, sizeof line, "%s_sum %.9f\n%s_count %llu\n", name.c_str(),
                static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) * 1e-9, name.c_str(),
                static_cast<unsigned long long>(cumulative));
  out += line;
  return out;
}

}  // namespace verdict::serve
