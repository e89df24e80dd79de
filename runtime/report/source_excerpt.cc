#include "runtime/report/source_excerpt.h"

#include <charconv>

namespace verdict {
namespace {

// The next line of `rest` (without its newline), removed from it.
std::string_view next_line(std::string_view& rest) {
  size_t end = rest.find('\n');
  std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return line;
}

bool continues_declaration(std::string_view line) {
  return !line.empty() && (line.front() == ' ' || line.front() == '\t');
}

bool parse_number(std::string_view text, uint64_t& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::optional<SourceExcerpt> declaration_excerpt(std::string_view source, uint64_t line, size_t max_lines) {
  if (line == 0) return std::nullopt;
  std::string_view rest = source;
  for (uint64_t n = 1; n < line; ++n) {
    if (rest.empty()) return std::nullopt;
    next_line(rest);
  }
  if (rest.empty()) return std::nullopt;
  SourceExcerpt out{line, std::string(next_line(rest)) + "\n"};
  for (size_t taken = 1; taken < max_lines && !rest.empty(); ++taken) {
    std::string_view peek = rest;
    std::string_view text = next_line(peek);
    if (!continues_declaration(text)) break;
    out.text += std::string(text) + "\n";
    rest = peek;
  }
  return out;
}

uint64_t line_of_location(std::string_view at) {
  size_t last = at.rfind(':');
  if (last == std::string_view::npos || last == 0) return 0;
  size_t middle = at.rfind(':', last - 1);
  if (middle == std::string_view::npos) return 0;
  uint64_t line = 0, column = 0;
  if (!parse_number(at.substr(middle + 1, last - middle - 1), line) || !parse_number(at.substr(last + 1), column)) {
    return 0;
  }
  return line;
}

}  // namespace verdict
