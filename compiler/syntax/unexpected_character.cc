#include "compiler/syntax/unexpected_character.h"

#include <cstdio>

#include "compiler/source/utf8.h"

namespace verdict::syntax {
namespace {

// "`ñ` (U+00F1)" for one character of the source.
std::string code_point_name(char32_t cp, std::string_view text) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
  if (cp < 0x20 || cp == 0x7F) return std::string(hex);
  if (cp == 0xA0) return std::string(hex) + " (no-break space)";
  if (cp == 0x200B) return std::string(hex) + " (zero-width space)";
  if (cp == 0xFEFF) return std::string(hex) + " (byte order mark)";
  if (cp < 0x80) return "`" + std::string(text) + "`";
  return "`" + std::string(text) + "` (" + hex + ")";
}

}  // namespace

std::string unexpected_character(std::string_view text) {
  if (text == "\"") return "string is not closed; a string ends with `\"` on the same line";
  char32_t cp = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
  if (int length = text.empty() ? 0 : utf8_sequence_length(text, 0); length > 1) {
    cp = utf8_decode(text, 0, length);
  }
  std::string out = "unexpected character " + code_point_name(cp, text);
  if (cp == '&') return out + "; use `and`";
  if (cp == '|') return out + "; use `or`";
  if (cp == '!') return out + "; use `not`, or `!=` to compare";
  if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D) {
    return out + "; strings are written in straight double quotes: `\"text\"`";
  }
  if (cp >= 0x80) return out + "; outside strings and comments only ascii is allowed";
  return out;
}

}  // namespace verdict::syntax
