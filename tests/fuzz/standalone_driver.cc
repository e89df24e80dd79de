// A bounded fuzzing loop for builds without libFuzzer (the ordinary GCC
// build, and CI): runs every seed, then mutations of them, until the time is
// up, and says how many inputs it ran. A crash or an abort ends the process
// with the input that caused it written to `fuzz-crash-TARGET` (replay it:
// `fuzz_TARGET fuzz-crash-TARGET`).
//
// Usage: fuzz_TARGET [--seconds N] [--max-len BYTES] SEED_FILE_OR_DIR...
// With --seconds 0 only the seeds run (a regression replay).
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <vector>

#include "tests/fuzz/fuzz_target.h"

namespace {

namespace fs = std::filesystem;

std::string current_input;  // what the target is running, for the crash file
const char* crash_file = "fuzz-crash";

void save_crash(int signal) {
  int fd = ::open(crash_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    ssize_t ignored = ::write(fd, current_input.data(), current_input.size());
    (void)ignored;
    ::close(fd);
  }
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void add_seed(const fs::path& path, std::vector<std::string>& seeds) {
  std::ifstream in(path, std::ios::binary);
  seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> read_seeds(const std::vector<std::string>& paths) {
  std::vector<std::string> seeds;
  for (const std::string& p : paths) {
    if (fs::is_directory(p)) {
      for (const auto& entry : fs::recursive_directory_iterator(p)) {
        if (entry.is_regular_file()) add_seed(entry.path(), seeds);
      }
    } else {
      add_seed(p, seeds);
    }
  }
  if (seeds.empty()) seeds.emplace_back();
  return seeds;
}

// Tokens that reach edges in every format here: brackets, quotes, escapes,
// numbers at the ends of their ranges, separators.
const char* const kTokens[] = {"[",       "]",          "{",
                               "}",       "\"",         "\\",
                               "\\u0000", "\n",         "\r\n",
                               ",",       ":",          "=",
                               ".",       "..",         "-1",
                               "0",       "1e400",      "1e-400",
                               "NaN",     "4294967296", "9223372036854775808",
                               "null",    "true",       "\xef\xbb\xbf",
                               "\xff",    "#",          "'''",
                               "\"\"\"",  "[[",         "]]",
                               "${",      "@pii",       "when",
                               "rule",    "then",       "not",
                               " and ",   "||"};

std::string mutate(std::string input, const std::vector<std::string>& seeds, std::mt19937_64& random, size_t max_len) {
  int steps = 1 + static_cast<int>(random() % 4);
  for (int s = 0; s < steps; ++s) {
    size_t at = input.empty() ? 0 : random() % (input.size() + 1);
    switch (random() % 7) {
      case 0:
        if (!input.empty()) input[at % input.size()] ^= static_cast<char>(1 << (random() % 8));
        break;
      case 1: input.insert(at, 1, static_cast<char>(random())); break;
      case 2:
        if (!input.empty()) input.erase(at % input.size(), 1 + random() % 16);
        break;
      case 3: input.insert(at, kTokens[random() % std::size(kTokens)]); break;
      case 4: {  // repeat a piece: depth, length, counts
        if (input.empty()) break;
        size_t from = random() % input.size(), len = 1 + random() % std::min<size_t>(64, input.size() - from);
        std::string piece = input.substr(from, len);
        for (int r = static_cast<int>(random() % 64); r >= 0; --r) input.insert(at, piece);
        break;
      }
      case 5: {  // splice in part of another seed
        const std::string& other = seeds[random() % seeds.size()];
        if (other.empty()) break;
        size_t from = random() % other.size();
        input.insert(at, other.substr(from, 1 + random() % (other.size() - from)));
        break;
      }
      default: input.resize(at);
    }
  }
  if (input.size() > max_len) input.resize(max_len);
  return input;
}

void run_one(const std::string& input) {
  current_input = input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 20;
  size_t max_len = 1 << 16;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--max-len") == 0 && i + 1 < argc) {
      max_len = static_cast<size_t>(std::atol(argv[++i]));
    } else {
      paths.push_back(argv[i]);
    }
  }
  static std::string crash_name = "fuzz-crash-" + fs::path(argv[0]).filename().string();
  crash_file = crash_name.c_str();
  for (int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) ::signal(signal, save_crash);
  std::vector<std::string> seeds = read_seeds(paths);
  for (const std::string& seed : seeds) run_one(seed);
  std::mt19937_64 random(20261202);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  uint64_t runs = seeds.size();
  while (seconds > 0 && std::chrono::steady_clock::now() < deadline) {
    for (int i = 0; i < 64; ++i, ++runs) run_one(mutate(seeds[random() % seeds.size()], seeds, random, max_len));
  }
  std::cout << fs::path(argv[0]).filename().string() << ": " << runs << " inputs (" << seeds.size() << " seeds) in "
            << seconds << " s, no crash\n";
  return 0;
}
