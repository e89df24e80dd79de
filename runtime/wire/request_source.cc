#include "tools/verdict/request_reader.h"

#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "runtime/deploy/ruleset.h"

namespace verdict::cli {

std::vector<RequestText> split_requests(const std::string& content) {
  nlohmann::json whole = nlohmann::json::parse(content, nullptr, false);
  if (!whole.is_discarded() && whole.is_object()) return {{1, content}};
  if (!whole.is_discarded() && whole.is_array()) {
    std::vector<RequestText> out;
    for (const auto& item : whole) out.push_back({static_cast<uint32_t>(out.size() + 1), item.dump()});
    return out;
  }
  return non_blank_lines(content);
}

std::vector<RequestText> non_blank_lines(const std::string& content) {
  std::vector<RequestText> out;
  uint32_t line = 0;
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    ++line;
    std::string text = content.substr(start, end - start);
    if (text.find_first_not_of(" \t\r") != std::string::npos) out.push_back({line, std::move(text)});
    start = end + 1;
  }
  return out;
}

bool read_input(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  return read_text_file(path, out);
}

}  // namespace verdict::cli
