#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/eval/value.h"
#include "compiler/ir/program.h"

namespace verdict {

// The input of one decision in the flat layout every backend reads: one slot
// per declared field, in declaration order. Numbers live in `numbers`, bools
// (0/1) and enum member codes in `codes`, strings in `strings`; `present` is
// 0 for a missing field. INVARIANT: a present number is never NaN.
// PRECONDITION for deciding: every required (non-`?`) field is set. Backends
// do not consult `present` for required fields (frame_from_json rejects
// requests without them), which lets compiled code treat them as known.
struct Frame {
  std::vector<double> numbers;
  std::vector<int32_t> codes;
  std::vector<std::string> strings;
  std::vector<uint8_t> present;

  explicit Frame(size_t fields = 0) : numbers(fields, 0.0), codes(fields, 0), strings(fields), present(fields, 0) {}
  // As Frame(fields), keeping the storage already allocated.
  void reset(size_t fields);

  // A NaN is stored as missing.
  void set_number(uint32_t field, double x);
  void set_bool(uint32_t field, bool b);
  void set_enum(uint32_t field, int32_t code);
  void set_string(uint32_t field, std::string s);
  void set_missing(uint32_t field);

  Value value(const ir::Program& program, uint32_t field) const;
};

}  // namespace verdict
