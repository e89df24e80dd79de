#include "compiler/eval/value.h"

#include <cstring>

namespace verdict {

bool Value::same_as(const Value& other) const {
  if (kind != other.kind) return false;
  switch (kind) {
    case Kind::Missing: return true;
    case Kind::Number: return std::memcmp(&number, &other.number, sizeof number) == 0;
    case Kind::Bool: return boolean == other.boolean;
    case Kind::Enum: return code == other.code;
    case Kind::String: return text == other.text;
  }
  return false;
}

}  // namespace verdict
