#include "runtime/wire/number_text.h"

#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace verdict {
namespace {

// One entry of a direct-mapped cache: the double's bits and its text. An
// entry of size 0 is empty (every text has at least one character).
struct CachedText {
  uint64_t bits = 0;
  uint8_t size = 0;
  char text[31];  // the longest form of a double is 24 characters
};

constexpr size_t kSlots = 256;

// The cache slot of `bits`: the top byte of a multiplicative hash, so that
// doubles that differ in any bit spread over the slots.
size_t slot_of(uint64_t bits) { return static_cast<size_t>((bits * 0x9E3779B97F4A7C15ull) >> 56); }

// `x`'s text from `cache`, formatted by `format` (which writes at most 31
// characters and returns how many) on a miss.
template <class Format>
std::string_view cached(std::array<CachedText, kSlots>& cache, double x, Format format) {
  const uint64_t bits = std::bit_cast<uint64_t>(x);
  CachedText& entry = cache[slot_of(bits)];
  if (entry.size == 0 || entry.bits != bits) {
    entry.bits = bits;
    entry.size = static_cast<uint8_t>(format(x, entry.text));
  }
  return {entry.text, entry.size};
}

}  // namespace

std::string_view json_number_text(double x) {
  thread_local std::array<CachedText, kSlots> cache;
  return cached(cache, x, [](double v, char* out) {
    return static_cast<size_t>(nlohmann::detail::to_chars(out, out + sizeof(CachedText::text), v) - out);
  });
}

std::string_view float_json_text(float x) {
  thread_local std::array<CachedText, kSlots> cache;
  return cached(cache, static_cast<double>(x), [](double v, char* out) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<float>(v));
    double shortest = v;
    if (ec == std::errc()) std::from_chars(buf, end, shortest);
    return static_cast<size_t>(nlohmann::detail::to_chars(out, out + sizeof(CachedText::text), shortest) - out);
  });
}

std::string_view shortest_number_text(double x) {
  thread_local std::array<CachedText, kSlots> cache;
  return cached(cache, x, [](double v, char* out) {
    auto [end, ec] = std::to_chars(out, out + sizeof(CachedText::text), v);
    return ec == std::errc() ? static_cast<size_t>(end - out) : size_t{0};
  });
}

}  // namespace verdict
