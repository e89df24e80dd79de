#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verdict {

// Lines of a source text, for showing where something was declared.
struct SourceExcerpt {
  uint64_t first_line = 0;  // 1-based
  std::string text;         // the lines, each ending in '\n'
};

// The declaration that starts on line `line` (1-based) of `source`: that
// line and the indented lines right after it (the rule language writes a
// declaration's `when`/`then` lines indented under its head; a blank or an
// unindented line ends it), at most `max_lines`. nullopt when `source` has no such
// line.
std::optional<SourceExcerpt> declaration_excerpt(std::string_view source, uint64_t line, size_t max_lines = 24);

// The line of a location written `file:line:column` (a trace's `at`); 0
// when `at` is not of that form.
uint64_t line_of_location(std::string_view at);

}  // namespace verdict
