#pragma once
#include <cstdint>
#include <string>

namespace verdict::ir {

enum class BaseType : uint8_t { Number, Bool, String, Enum };

// A checked type. `optional` means the value may be missing at run time
// (an optional field, or anything computed from one, or a division).
struct Type {
  BaseType base = BaseType::Number;
  int32_t enum_id = -1;  // index into Program::enums when base == Enum
  bool optional = false;

  bool same_base(const Type& other) const { return base == other.base && enum_id == other.enum_id; }
  Type as_optional(bool opt = true) const { return {base, enum_id, opt}; }
};

}  // namespace verdict::ir
