#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "compiler/source/span.h"

namespace verdict::syntax {

// The UTF-8 byte order mark, which ANTLR's input stream drops from the start
// of its input.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Maps the code-point indices that ANTLR reports for tokens to the byte
// offsets that Span holds. Like ANTLR, it does not count one leading byte
// order mark. PRECONDITION: the text is valid UTF-8 (find_invalid_utf8).
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  uint32_t byte_offset(size_t code_point) const;
  Span span(size_t cp_begin, size_t cp_end) const { return {byte_offset(cp_begin), byte_offset(cp_end)}; }

 private:
  std::vector<uint32_t> offsets_;  // offsets_[i] = byte offset of code point i; one past the end too
};

}  // namespace verdict::syntax
