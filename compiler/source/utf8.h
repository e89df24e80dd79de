#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verdict {

// Length in bytes of the well-formed UTF-8 sequence starting at text[i], or 0
// when none starts there (a stray continuation byte, an overlong form, a
// surrogate, a code point above U+10FFFF, a truncated sequence).
// PRECONDITION: i < text.size().
int utf8_sequence_length(std::string_view text, size_t i);

// The code point of the well-formed sequence of `length` bytes at text[i].
char32_t utf8_decode(std::string_view text, size_t i, int length);

// Byte offset of the first byte that is not part of well-formed UTF-8, if any.
std::optional<uint32_t> find_invalid_utf8(std::string_view text);

// `text` for a message: control characters written as `\xNN`, and cut at a
// character boundary after `limit` bytes with "..." appended.
std::string printable(std::string_view text, size_t limit = 40);

}  // namespace verdict
