#include "runtime/wire/json_scan.h"

namespace verdict {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view s, size_t& offset) {
  while (!s.empty() && space(s.front())) {
    s.remove_prefix(1);
    ++offset;
  }
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// Scans the bracket opened at `open`; returns the offset just past its
// match (nullopt when it has none). For an array, the offsets of the
// commas that separate its elements go to `commas`.
std::optional<size_t> match(std::string_view text, size_t open, std::vector<size_t>& commas) {
  size_t depth = 0;
  for (size_t i = open; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      i = json_string_end(text, i);
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') {
      if (--depth == 0) return i + 1;
    }
    if (c == ',' && depth == 1) commas.push_back(i);
    ++i;
  }
  return std::nullopt;
}

}  // namespace

JsonShape json_shape(std::string_view text, std::vector<JsonElement>& elements) {
  size_t start = 0;
  while (start < text.size() && space(text[start])) ++start;
  if (start == text.size() || (text[start] != '[' && text[start] != '{')) return JsonShape::Other;
  std::vector<size_t> commas;
  std::optional<size_t> end = match(text, start, commas);
  if (!end) return JsonShape::Other;
  for (size_t i = *end; i < text.size(); ++i) {
    if (!space(text[i])) return JsonShape::Other;
  }
  if (text[start] == '{') return JsonShape::Object;
  size_t from = start + 1;
  commas.push_back(*end - 1);  // the closing bracket ends the last element
  for (size_t comma : commas) {
    size_t offset = from;
    std::string_view element = trimmed(text.substr(from, comma - from), offset);
    // `[]` has no element; `[1,]` has an empty last one, which is refused later.
    if (!element.empty() || commas.size() > 1) elements.push_back({element, offset});
    from = comma + 1;
  }
  return JsonShape::Array;
}

}  // namespace verdict
