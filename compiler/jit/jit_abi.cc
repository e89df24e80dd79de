#include "compiler/jit/jit_abi.h"

#include <cmath>
#include <cstring>
#include <string_view>

namespace {
std::string_view view(const char* p, uint64_t n) { return {p, static_cast<size_t>(n)}; }
}  // namespace

extern "C" {

uint8_t verdict_str_eq(const char* a, uint64_t alen, const char* b, uint64_t blen) {
  return view(a, alen) == view(b, blen);
}

uint8_t verdict_str_starts_with(const char* s, uint64_t slen, const char* p, uint64_t plen) {
  return view(s, slen).starts_with(view(p, plen));
}

uint8_t verdict_str_ends_with(const char* s, uint64_t slen, const char* p, uint64_t plen) {
  return view(s, slen).ends_with(view(p, plen));
}

uint8_t verdict_str_contains(const char* s, uint64_t slen, const char* p, uint64_t plen) {
  return view(s, slen).find(view(p, plen)) != std::string_view::npos;
}

void verdict_value_set_string(verdict::Value* v, const char* s, uint64_t len) {
  v->kind = verdict::Value::Kind::String;
  v->text = view(s, len);
}

const char* verdict_value_text_ptr(const verdict::Value* v) { return v->text.data(); }

uint64_t verdict_value_text_len(const verdict::Value* v) { return v->text.size(); }

}  // extern "C"

namespace verdict::jit {
namespace {

template <typename Fn>
void* address_of(Fn* fn) {
  return reinterpret_cast<void*>(fn);
}

}  // namespace

std::span<const RuntimeSymbol> runtime_symbols() {
  using Math = double (*)(double);
  static const RuntimeSymbol symbols[] = {
      {helper::kStrEq, address_of(&verdict_str_eq)},
      {helper::kStrStartsWith, address_of(&verdict_str_starts_with)},
      {helper::kStrEndsWith, address_of(&verdict_str_ends_with)},
      {helper::kStrContains, address_of(&verdict_str_contains)},
      {helper::kValueSetString, address_of(&verdict_value_set_string)},
      {helper::kValueTextPtr, address_of(&verdict_value_text_ptr)},
      {helper::kValueTextLen, address_of(&verdict_value_text_len)},
      {"log", address_of(static_cast<Math>(&::log))},
      {"exp", address_of(static_cast<Math>(&::exp))},
      {"round", address_of(static_cast<Math>(&::round))},
      {"fabs", address_of(static_cast<Math>(&::fabs))},
      {"memcpy", address_of(&::memcpy)},
      {"memset", address_of(&::memset)},
  };
  return symbols;
}

}  // namespace verdict::jit
