#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/span.h"

namespace verdict {

// The text of one rules file and the index needed to turn byte offsets into
// line/column positions. Immutable after construction.
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  LineCol locate(uint32_t offset) const;
  // The text of a 1-based line without its line terminator.
  std::string_view line_text(uint32_t line) const;
  std::string_view slice(Span span) const;
  // The byte offset of a 1-based line and column, clamped to the text.
  uint32_t offset_of(LineCol lc) const;
  // "path:line:col" of the span's start.
  std::string position(Span span) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // INVARIANT: line_starts_[0] == 0, ascending
};

}  // namespace verdict
