#include "runtime/wire/value_json.h"

#include <charconv>
#include <cmath>

#include "compiler/util/shortest_number.h"

namespace verdict {
namespace {}  // namespace

nlohmann::ordered_json value_json(const ir::Program& program, const ir::Type& type, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Missing: return nullptr;
    case Value::Kind::Number:
      if (std::isinf(v.number)) return shortest_number(v.number);
      return v.number;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::String: return std::string(v.text);
    case Value::Kind::Enum: break;
  }
  if (type.enum_id < 0) return v.code;
  return program.enums[type.enum_id].members[v.code];
}

nlohmann::ordered_json float_json(float x) {
  if (std::isnan(x)) return nullptr;
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  if (ec != std::errc()) return static_cast<double>(x);
  double out = 0;
  std::from_chars(buf, end, out);
  return out;
}

std::string value_text(const ir::Program& program, const ir::Type& type, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Missing: return "missing";
    case Value::Kind::Number: return shortest_number(v.number);
    case Value::Kind::Bool: return v.boolean ? "true" : "false";
    case Value::Kind::String: return "\"" + std::string(v.text) + "\"";
    case Value::Kind::Enum: break;
  }
  if (type.enum_id < 0) return std::to_string(v.code);
  return program.enums[type.enum_id].members[v.code];
}

}  // namespace verdict
