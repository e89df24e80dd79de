#include "compiler/jit/jit_abi.h"

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
