#include "compiler/syntax/literals.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "compiler/source/utf8.h"

namespace verdict::syntax {
namespace {

// E004 on the two characters `\x` of an unknown escape; raw[at] is the
// character after the backslash and `base` the byte offset of raw[0].
void unknown_escape(std::string_view raw, size_t at, uint32_t base, Diagnostics& diags) {
  int length = std::max(1, utf8_sequence_length(raw, at));
  std::string escape = "\\" + printable(raw.substr(at, length));
  Span where{base + static_cast<uint32_t>(at - 1), base + static_cast<uint32_t>(at + length)};
  diags.report(code::E004, where,
               "unknown escape `" + escape + "` in string; use `\\\"`, `\\\\`, `\\n` or `\\t`" +
                   (raw[at] == 'x' || raw[at] == 'u' ? " (there are no numeric escapes)" : ""));
}

}  // namespace

ast::StringLit string_literal(std::string_view raw, Span where, Diagnostics& diags) {
  std::string value;
  for (size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] != '\\') {
      value += raw[i];
      continue;
    }
    char next = raw[++i];
    switch (next) {
      case 'n': value += '\n'; break;
      case 't': value += '\t'; break;
      case '"': value += '"'; break;
      case '\\': value += '\\'; break;
      default: unknown_escape(raw, i, where.begin, diags);
    }
  }
  return {value, where};
}

ast::NumberLit number_literal(std::string_view sign, std::string_view digits, Span where, Diagnostics& diags) {
  std::string text = std::string(sign) + std::string(digits);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data() + (sign == "+" ? 1 : 0), text.data() + text.size(), value);
  if (ec != std::errc() || !std::isfinite(value)) {
    // strtod gives 0 or a subnormal on underflow, HUGE_VAL on overflow (the
    // program never changes the "C" locale, so `.` is the decimal point).
    bool tiny = std::fabs(std::strtod(text.c_str(), nullptr)) < 1;
    diags.report(code::E003, where,
                 "number `" + text + "` is out of range: " +
                     (tiny ? "it is too close to zero (the smallest is about 2.2e-308)"
                           : "it is too large (the largest is about 1.8e308)"));
    value = 0;
  }
  return {value, text, where};
}

}  // namespace verdict::syntax
