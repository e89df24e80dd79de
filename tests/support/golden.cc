#include "tests/support/golden.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace verdict::testing {

std::string source_path(const std::string& relative) { return std::string(VERDICT_SOURCE_DIR) + "/" + relative; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

namespace {

std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string el, al;
  for (int line = 1;; ++line) {
    bool more_e = static_cast<bool>(std::getline(e, el));
    bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a) return "files differ only in trailing newlines";
    if (!more_e || !more_a || el != al) {
      return "line " + std::to_string(line) + ":\n  expected: " + (more_e ? el : "<end>") +
             "\n  actual:   " + (more_a ? al : "<end>");
    }
  }
}

}  // namespace

std::string check_golden(const std::string& path, const std::string& actual) {
  const char* regen = std::getenv("VERDICT_REGENERATE");
  if (regen != nullptr && std::string(regen) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return "";
  }
  std::ifstream probe(path);
  if (!probe) return "golden file " + path + " is missing; run with VERDICT_REGENERATE=1";
  std::string expected = read_file(path);
  if (expected == actual) return "";
  return "output differs from " + path + " (VERDICT_REGENERATE=1 rewrites it)\n" + first_difference(expected, actual);
}

}  // namespace verdict::testing
