#include "compiler/ir/program.h"

namespace verdict::ir {

std::optional<uint32_t> Program::find_field(std::string_view name) const {
  for (uint32_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return i;
  }
  return std::nullopt;
}

std::optional<uint32_t> Program::find_enum_member(int32_t enum_id, std::string_view member) const {
  if (enum_id < 0 || static_cast<size_t>(enum_id) >= enums.size()) return std::nullopt;
  const auto& members = enums[enum_id].members;
  for (uint32_t i = 0; i < members.size(); ++i) {
    if (members[i] == member) return i;
  }
  return std::nullopt;
}

std::string Program::describe_type(const Type& t) const {
  switch (t.base) {
    case BaseType::Number: return "a number";
    case BaseType::Bool: return "a bool";
    case BaseType::String: return "a string";
    case BaseType::Enum: break;
  }
  return "a value of `" + enums[t.enum_id].name + "`";
}

}  // namespace verdict::ir
