#include "runtime/value_json.h"

#include <cmath>
#include <cstdio>

namespace verdict {
namespace {

std::string number_text(double x) {
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  // Prefer the shortest form that reads back to the same double.
  for (int precision = 1; precision <= 17; ++precision) {
    char shortest[32];
    std::snprintf(shortest, sizeof shortest, "%.*g", precision, x);
    if (std::strtod(shortest, nullptr) == x) return shortest;
  }
  return buf;
}

}  // namespace

nlohmann::ordered_json value_json(const ir::Program& program, const ir::Type& type, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Missing: return nullptr;
    case Value::Kind::Number:
      if (std::isinf(v.number)) return number_text(v.number);
      return v.number;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::String: return std::string(v.text);
    case Value::Kind::Enum: break;
  }
  if (type.enum_id < 0) return v.code;
  return program.enums[type.enum_id].members[v.code];
}

std::string value_text(const ir::Program& program, const ir::Type& type, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Missing: return "missing";
    case Value::Kind::Number: return number_text(v.number);
    case Value::Kind::Bool: return v.boolean ? "true" : "false";
    case Value::Kind::String: return "\"" + std::string(v.text) + "\"";
    case Value::Kind::Enum: break;
  }
  if (type.enum_id < 0) return std::to_string(v.code);
  return program.enums[type.enum_id].members[v.code];
}

}  // namespace verdict
