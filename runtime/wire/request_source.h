#pragma once
#include <string>
#include <vector>

namespace verdict::cli {

// One request as written in an input file, with its 1-based line.
struct RequestText {
  uint32_t line = 1;
  std::string text;
};

// The lines of `content` that are not blank, each with its 1-based line.
std::vector<RequestText> non_blank_lines(const std::string& content);

// Splits an input file into requests: a single JSON object, a JSON array of
// objects, or JSON Lines (one object per non-blank line).
std::vector<RequestText> split_requests(const std::string& content);

// Reads a file, or standard input for "-". False when it cannot be read.
bool read_input(const std::string& path, std::string& out);

}  // namespace verdict::cli
