#include "compiler/util/json_depth.h"

namespace verdict {

size_t json_string_end(std::string_view text, size_t at) {
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return text.size();
}

std::optional<size_t> json_too_deep_at(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      i = json_string_end(text, i);
      continue;
    }
    if ((c == '[' || c == '{') && ++depth > max_depth) return i;
    if ((c == ']' || c == '}') && depth > 0) --depth;
    ++i;
  }
  return std::nullopt;
}

}  // namespace verdict
