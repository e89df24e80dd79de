#include "compiler/source/utf8.h"

namespace verdict {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

// The table of well-formed byte sequences in the Unicode standard (3.9,
// table 3-7): the second byte's range depends on the first.
int utf8_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  int length = lead >= 0xC2 && lead <= 0xDF   ? 2
               : lead >= 0xE0 && lead <= 0xEF ? 3
               : lead >= 0xF0 && lead <= 0xF4 ? 4
                                              : 0;
  if (length == 0 || i + length > text.size()) return 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead == 0xE0) lo = 0xA0;  // overlong
  if (lead == 0xED) hi = 0x9F;  // surrogates
  if (lead == 0xF0) lo = 0x90;  // overlong
  if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  if (byte(1) < lo || byte(1) > hi) return 0;
  for (int k = 2; k < length; ++k) {
    if (!continuation(byte(k))) return 0;
  }
  return length;
}

char32_t utf8_decode(std::string_view text, size_t i, int length) {
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = static_cast<unsigned char>(text[i]) & kLeadMask[length];
  for (int k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return cp;
}

std::optional<uint32_t> find_invalid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    int len = utf8_sequence_length(text, i);
    if (len == 0) return static_cast<uint32_t>(i);
    i += len;
  }
  return std::nullopt;
}

// Well-formed sequences are kept whole; a byte that starts none is written
// as `\xNN`, so the result is always valid UTF-8.
std::string printable(std::string_view text, size_t limit) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto hex = [](unsigned char c) { return std::string("\\x") + kHex[c >> 4] + kHex[c & 15]; };
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (out.size() >= limit) return out + "...";
    auto c = static_cast<unsigned char>(text[i]);
    int n = utf8_sequence_length(text, i);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      out += hex(c);
      ++i;
    } else {
      out.append(text.substr(i, static_cast<size_t>(n)));
      i += static_cast<size_t>(n);
    }
  }
  return out;
}

}  // namespace verdict
