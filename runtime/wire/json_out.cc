#include "runtime/wire/json_out.h"

#include <cmath>
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

}  // namespace

bool plain_json_string(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x20) return false;
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t n = utf8_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void JsonOut::key(std::string_view k) {
  if (plain_json_string(k)) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
  } else {
    std::string text = nlohmann_string(k);  // a raw string counts as the key: the writer adds the colon
    writer_.RawValue(text.data(), text.size(), rapidjson::kStringType);
  }
}

void JsonOut::string(std::string_view s) {
  if (plain_json_string(s)) {
    writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  } else {
    std::string text = nlohmann_string(s);
    writer_.RawValue(text.data(), text.size(), rapidjson::kStringType);
  }
}

void JsonOut::number(double x) {
  if (!std::isfinite(x)) return null();
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, x);
  writer_.RawValue(buf, static_cast<size_t>(end - buf), rapidjson::kNumberType);
}

}  // namespace verdict
