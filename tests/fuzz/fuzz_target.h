#pragma once
// What every fuzz target shares. A target is one function,
// LLVMFuzzerTestOneInput, that libFuzzer calls (scripts/fuzz.sh, clang-19)
// or that standalone_driver.cc calls in an ordinary build (CTest fuzz.*,
// bounded in time). A target checks more than "no crash": each states
// what must hold for every input and aborts when it does not.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace verdict::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// Aborts (a finding) when `holds` is false, saying what did not hold.
inline void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: invariant broken: %s\n", what);
  std::abort();
}

// A file of the source tree (the credit ruleset the request targets read).
inline std::string source_path(const std::string& relative) { return std::string(VERDICT_SOURCE_DIR) + "/" + relative; }

}  // namespace verdict::fuzz
