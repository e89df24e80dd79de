#include "compiler/syntax/utf8.h"

namespace verdict {
namespace {

// Length of the UTF-8 sequence starting with `lead`, 0 if `lead` cannot start one.
int sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

std::optional<uint32_t> find_invalid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    int len = sequence_length(static_cast<unsigned char>(text[i]));
    if (len == 0 || i + len > text.size()) return static_cast<uint32_t>(i);
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return static_cast<uint32_t>(i);
    }
    i += len;
  }
  return std::nullopt;
}

Utf8Index::Utf8Index(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    offsets_.push_back(static_cast<uint32_t>(i));
    int len = sequence_length(static_cast<unsigned char>(text[i]));
    i += len > 0 ? len : 1;
  }
  offsets_.push_back(static_cast<uint32_t>(text.size()));
}

uint32_t Utf8Index::byte_offset(size_t code_point) const {
  return code_point < offsets_.size() ? offsets_[code_point] : offsets_.back();
}

}  // namespace verdict
