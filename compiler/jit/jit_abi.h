#pragma once
#include <cstdint>
#include <span>

#include "compiler/eval/value.h"

// The data the generated code reads and writes, and the helpers it calls.
// Plain structs with a fixed layout; codegen.cc computes field offsets from
// these definitions, so a change here is picked up by the generated code.
namespace verdict::jit {

struct JitString {
  const char* ptr;
  uint64_t len;
};

// A view of a Frame for one call.
struct JitFrame {
  const double* numbers;
  const int32_t* codes;
  const uint8_t* present;
  const JitString* strings;  // one per field; meaningful for present string fields
};

// Where `verdict_rules` writes its results (Evaluation's vectors).
struct JitRulesOut {
  uint8_t* rules;          // RuleStatus per rule
  Value* derived;          // per let/segment
  Value* assigns;          // per output assignment slot
  Value* output_defaults;  // per output
  uint8_t* events;         // EventKind per event slot
};

// Where `verdict_decide` reads derived values and writes branch statuses.
struct JitDecideIo {
  const Value* derived;
  uint8_t* decide;  // RuleStatus per branch
  uint8_t* events;  // EventKind per event slot (decide conditions have slots too)
  double human;
  double final;
};

using RulesFn = void (*)(const JitFrame*, JitRulesOut*);
using DecideFn = void (*)(const JitFrame*, JitDecideIo*);

// The names of the helpers below as generated code calls them; codegen.cc
// emits calls by these names and runtime_symbols() maps each to its address.
namespace helper {
inline constexpr const char* kStrEq = "verdict_str_eq";
inline constexpr const char* kStrStartsWith = "verdict_str_starts_with";
inline constexpr const char* kStrEndsWith = "verdict_str_ends_with";
inline constexpr const char* kStrContains = "verdict_str_contains";
inline constexpr const char* kValueSetString = "verdict_value_set_string";
inline constexpr const char* kValueTextPtr = "verdict_value_text_ptr";
inline constexpr const char* kValueTextLen = "verdict_value_text_len";
}  // namespace helper

struct RuntimeSymbol {
  const char* name;
  void* address;
};

// Every symbol generated code may call, the one table of them: the helpers
// above, and the libm and libc functions LLVM lowers its intrinsics to
// (log, exp, round, fabs, memcpy, memset). Nothing else resolves.
std::span<const RuntimeSymbol> runtime_symbols();

}  // namespace verdict::jit

// Runtime helpers the generated code calls, registered with the JIT by name.
// Strings are compared by content, exactly as the interpreter does.
extern "C" {
uint8_t verdict_str_eq(const char* a, uint64_t alen, const char* b, uint64_t blen);
uint8_t verdict_str_starts_with(const char* s, uint64_t slen, const char* p, uint64_t plen);
uint8_t verdict_str_ends_with(const char* s, uint64_t slen, const char* p, uint64_t plen);
uint8_t verdict_str_contains(const char* s, uint64_t slen, const char* p, uint64_t plen);
// Stores a string value into a Value (whose `text` layout is the library's).
void verdict_value_set_string(verdict::Value* v, const char* s, uint64_t len);
const char* verdict_value_text_ptr(const verdict::Value* v);
uint64_t verdict_value_text_len(const verdict::Value* v);
}
