#include "runtime/wire/json_out.h"

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

namespace verdict {
namespace {

// The length of the UTF-8 sequence starting at s[i] (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF), 0 when invalid.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto tail = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char b = byte(i);
  if (b >= 0xC2 && b <= 0xDF) return tail(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!tail(i + 1) || !tail(i + 2)) return 0;
    unsigned char c = byte(i + 1);
    if ((b == 0xE0 && c < 0xA0) || (b == 0xED && c >= 0xA0)) return 0;
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!tail(i + 1) || !tail(i + 2) || !tail(i + 3)) return 0;
    unsigned char c = byte(i + 1);
    if ((b == 0xF0 && c < 0x90) || (b == 0xF4 && c >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

// `s` as nlohmann writes it, quotes included.
std::string nlohmann_string(std::string_view s) {
  return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// True when none of the 8 bytes of `w` is >= 0x80, < 0x20, `"` or `\\`.
bool plain_word(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  const auto has_zero = [](uint64_t x) { return (x - ones) & ~x & highs; };
  uint64_t below_space = (w - 0x20 * ones) & ~w & highs;
  return ((w & highs) | below_space | has_zero(w ^ ('"' * ones)) | has_zero(w ^ ('\\' * ones))) == 0;
}

}  // namespace

JsonStringKind json_string_kind(std::string_view s) {
  JsonStringKind kind = JsonStringKind::Verbatim;
  for (size_t i = 0; i < s.size();) {
    uint64_t word;
    if (i + 8 <= s.size() && (std::memcpy(&word, s.data() + i, 8), plain_word(word))) {
      i += 8;
      continue;
    }
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {
      size_t n = utf8_sequence(s, i);
      if (n == 0) return JsonStringKind::Other;
      i += n;
      continue;
    }
    if (b < 0x20) return JsonStringKind::Other;
    if (b == '"' || b == '\\') kind = JsonStringKind::Escaped;
    ++i;
  }
  return kind;
}

void JsonOut::Writer::verbatim_string(std::string_view s) {
  Prefix(rapidjson::kStringType);
  char* at = os_->Push(s.size() + 2);
  at[0] = '"';
  std::memcpy(at + 1, s.data(), s.size());
  at[s.size() + 1] = '"';
  EndValue(true);
}

// A key is written like a string; the writer alternates keys and values.
void JsonOut::string_or_key(std::string_view s) {
  switch (json_string_kind(s)) {
    case JsonStringKind::Verbatim: return writer_.verbatim_string(s);
    case JsonStringKind::Escaped: writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); return;
    case JsonStringKind::Other: break;
  }
  std::string text = nlohmann_string(s);
  writer_.RawValue(text.data(), text.size(), rapidjson::kStringType);
}

void JsonOut::key(std::string_view k) { string_or_key(k); }
void JsonOut::string(std::string_view s) { string_or_key(s); }

void JsonOut::number(double x) {
  if (!std::isfinite(x)) return null();
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, x);
  writer_.RawValue(buf, static_cast<size_t>(end - buf), rapidjson::kNumberType);
}

}  // namespace verdict
