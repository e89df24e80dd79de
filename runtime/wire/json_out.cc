#include "runtime/wire/json_out.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "runtime/wire/number_text.h"

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

// `x` in decimal, written into `buf` (room for any 64-bit integer).
template <class Integer>
std::string_view integer_text(char (&buf)[24], Integer x) {
  return {buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, x).ptr - buf)};
}

// The buffer a thread's last JsonOut left for its next one.
struct SpareBuffer {
  std::unique_ptr<char[]> buffer;
  size_t capacity = 0;
};
SpareBuffer& spare_buffer() {
  thread_local SpareBuffer spare;
  return spare;
}
constexpr size_t kFirstCapacity = 16384, kLargestKept = size_t{1} << 20;

}  // namespace

JsonOut::JsonOut() {
  SpareBuffer& spare = spare_buffer();
  if (spare.buffer) {
    buffer_ = std::move(spare.buffer);
    capacity_ = spare.capacity;
  } else {
    buffer_.reset(new char[kFirstCapacity]);
    capacity_ = kFirstCapacity;
  }
}

JsonOut::~JsonOut() {
  SpareBuffer& spare = spare_buffer();
  if (spare.buffer || capacity_ > kLargestKept) return;
  spare.buffer = std::move(buffer_);
  spare.capacity = capacity_;
}

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

// `s` between quotes, escaped as json_string_kind() says.
void JsonOut::quoted(std::string_view s) {
  switch (json_string_kind(s)) {
    case JsonStringKind::Verbatim: {
      char* at = room(s.size() + 2);
      at[0] = '"';
      std::memcpy(at + 1, s.data(), s.size());
      at[s.size() + 1] = '"';
      return;
    }
    case JsonStringKind::Escaped:
      put('"');
      for (char c : s) {
        if (c == '"' || c == '\\') put('\\');
        put(c);
      }
      put('"');
      return;
    case JsonStringKind::Other: put(nlohmann_string(s)); return;
  }
}

void JsonOut::grow(size_t n) {
  size_t capacity = std::max(2 * capacity_, size_ + n);
  std::unique_ptr<char[]> buffer(new char[capacity]);
  std::memcpy(buffer.get(), buffer_.get(), size_);
  buffer_ = std::move(buffer);
  capacity_ = capacity;
}

void JsonOut::key(std::string_view k) {
  separate();
  quoted(k);
  put(':');
  after_value_ = false;
}

std::string JsonOut::key_text(std::string_view k) {
  JsonOut out;
  out.key(k);
  return out.take();
}

std::string JsonOut::string_text(std::string_view s) {
  JsonOut out;
  out.string(s);
  return out.take();
}

void JsonOut::string(std::string_view s) {
  separate();
  quoted(s);
  after_value_ = true;
}

void JsonOut::plain_string(std::initializer_list<std::string_view> pieces) {
  separate();
  put('"');
  for (std::string_view piece : pieces) put(piece);
  put('"');
  after_value_ = true;
}

void JsonOut::number(double x) {
  if (!std::isfinite(x)) return null();
  scalar(json_number_text(x));
}

void JsonOut::integer(int64_t x) {
  char buf[24];
  scalar(integer_text(buf, x));
}

void JsonOut::unsigned_integer(uint64_t x) {
  char buf[24];
  scalar(integer_text(buf, x));
}

}  // namespace verdict
