#pragma once
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

// What every benchmark program shares: its flags and how it summarises samples.
namespace verdict::bench {

struct BenchArgs {
  bool quick = false;  // fewer repetitions
  std::string only;    // run one subject by name
};

// Parses `[--quick] [--only NAME]`; prints `usage` and exits 2 on anything else.
inline BenchArgs parse_bench_args(int argc, char** argv, const char* usage) {
  BenchArgs args;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      args.quick = true;
    } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
      args.only = argv[++i];
    } else {
      std::fprintf(stderr, "unknown argument `%s`; usage: %s\n", argv[i], usage);
      std::exit(2);
    }
  }
  return args;
}

inline double median(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

}  // namespace verdict::bench
