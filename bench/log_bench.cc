// The decision log's costs, as ratios measured in one run:
//  - appending a 7 KB record with each `fsync` choice ("batch", "interval:10",
//    "always"), one thread and four;
//  - opening a large log (the writer reads its tail) against verifying it
//    whole (what `verdict audit` does, and what opening cost before).
// Usage: log_bench [--quick] [--only append|open]
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "bench/bench_util.h"
#include "runtime/audit/decision_log.h"
#include "runtime/audit/log_verify.h"

namespace verdict::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string bench_dir() {
  fs::path dir = fs::temp_directory_path() / ("verdict-log-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

const std::string& record_7kb() {
  static const std::string text = "{\"outcome\":\"approve\",\"trace\":\"" + std::string(7000, 'x') + "\"}";
  return text;
}

// Microseconds per append with `sync`, `threads` appending at once.
double append_us(const std::string& dir, LogSyncChoice sync, unsigned threads, int records) {
  std::string path = dir + "/append.jsonl";
  fs::remove(path);
  std::string error;
  auto log =
      DecisionLog::open(path, error, DecisionLogOptions{.sync = sync.sync, .sync_interval_ms = sync.interval_ms});
  if (!log) std::abort();
  auto start = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      std::string e;
      for (int i = 0; i < records / static_cast<int>(threads); ++i) log->append(record_7kb(), e);
    });
  }
  for (std::thread& t : pool) t.join();
  log.reset();  // the closing sync belongs to the cost of "batch"
  return seconds_since(start) * 1e6 / records;
}

void bench_append(const BenchArgs& args, const std::string& dir) {
  int records = args.quick ? 2000 : 10000;
  std::printf("append a 7 KB record (%d records, microseconds each)\n", records);
  std::printf("%-14s %10s %10s %12s\n", "fsync", "1 thread", "4 threads", "vs batch(1)");
  double batch = 0;
  for (const char* name : {"batch", "interval:10", "always"}) {
    LogSyncChoice sync = *parse_log_sync(name);
    int n = sync.sync == LogSync::Always ? records / 5 : records;
    double one = append_us(dir, sync, 1, n), four = append_us(dir, sync, 4, n);
    if (sync.sync == LogSync::Batch) batch = one;
    std::printf("%-14s %10.1f %10.1f %11.1fx\n", name, one, four, one / batch);
  }
}

void bench_open(const BenchArgs& args, const std::string& dir) {
  std::string path = dir + "/big.jsonl";
  int records = args.quick ? 5000 : 50000;
  {
    std::string error;
    auto log = DecisionLog::open(path, error);
    for (int i = 0; i < records; ++i) log->append(record_7kb(), error);
  }
  double mib = static_cast<double>(fs::file_size(path)) / (1 << 20);
  std::vector<double> open_s, verify_s;
  for (int i = 0; i < 5; ++i) {
    auto start = Clock::now();
    std::string error;
    auto log = DecisionLog::open(path, error);
    open_s.push_back(seconds_since(start));
    log.reset();
    start = Clock::now();
    LogVerifier verifier{LogAuditOptions{}};
    verifier.check_file(path);
    if (!verifier.finish().ok) std::abort();
    verify_s.push_back(seconds_since(start));
  }
  std::printf("\nopen a %.0f MiB log (%d records): open %.3f ms, verify whole %.0f ms; verify/open %.0fx\n", mib,
              records, median(open_s) * 1e3, median(verify_s) * 1e3, median(verify_s) / median(open_s));
}

}  // namespace
}  // namespace verdict::bench

int main(int argc, char** argv) {
  using namespace verdict::bench;
  BenchArgs args = parse_bench_args(argc, argv, "log_bench [--quick] [--only append|open]");
  std::string dir = bench_dir();
  if (args.only.empty() || args.only == "append") bench_append(args, dir);
  if (args.only.empty() || args.only == "open") bench_open(args, dir);
  std::filesystem::remove_all(dir);
  return 0;
}
