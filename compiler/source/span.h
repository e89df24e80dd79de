#pragma once
#include <cstdint>

namespace verdict {

// A half-open byte range [begin, end) into one SourceFile. Line and column are
// computed only when a span is rendered.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  static Span cover(Span a, Span b) { return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end}; }
  bool operator==(const Span&) const = default;
};

// 1-based line and column (column counts bytes).
struct LineCol {
  uint32_t line = 1;
  uint32_t col = 1;
};

}  // namespace verdict
