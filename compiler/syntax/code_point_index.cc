#include "compiler/syntax/code_point_index.h"

#include "compiler/source/utf8.h"

namespace verdict::syntax {

CodePointIndex::CodePointIndex(std::string_view text) {
  size_t i = text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
  while (i < text.size()) {
    offsets_.push_back(static_cast<uint32_t>(i));
    int len = utf8_sequence_length(text, i);
    i += len > 0 ? len : 1;
  }
  offsets_.push_back(static_cast<uint32_t>(text.size()));
}

uint32_t CodePointIndex::byte_offset(size_t code_point) const {
  return code_point < offsets_.size() ? offsets_[code_point] : offsets_.back();
}

}  // namespace verdict::syntax
