#include "compiler/source/source_file.h"

#include <algorithm>

namespace verdict {

SourceFile::SourceFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineCol SourceFile::locate(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  std::string_view text(text_.data() + begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::string_view SourceFile::slice(Span span) const {
  uint32_t begin = std::min<uint32_t>(span.begin, text_.size());
  uint32_t end = std::clamp<uint32_t>(span.end, begin, text_.size());
  return std::string_view(text_).substr(begin, end - begin);
}

uint32_t SourceFile::offset_of(LineCol lc) const {
  if (lc.line == 0 || lc.line > line_starts_.size()) return static_cast<uint32_t>(text_.size());
  uint32_t offset = line_starts_[lc.line - 1] + (lc.col > 0 ? lc.col - 1 : 0);
  return std::min<uint32_t>(offset, text_.size());
}

std::string SourceFile::position(Span span) const {
  LineCol lc = locate(span.begin);
  return path_ + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col);
}

}  // namespace verdict
