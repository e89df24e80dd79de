#pragma once
#include <string>

namespace verdict::testing {

// Absolute path of a file in the source tree.
std::string source_path(const std::string& relative);

std::string read_file(const std::string& path);

// Compares `actual` with the golden file at `path`. With VERDICT_REGENERATE=1
// in the environment, rewrites the golden file instead and passes. Returns an
// empty string on a match, otherwise a message showing the first difference.
std::string check_golden(const std::string& path, const std::string& actual);

}  // namespace verdict::testing
