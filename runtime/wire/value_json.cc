#include "runtime/wire/value_json.h"

#include <charconv>
#include <cmath>

#include "compiler/util/shortest_number.h"
#include "runtime/wire/number_text.h"

namespace verdict {
void write_value(JsonOut& out, const ir::Program& program, const ir::Type& type, const Value& v) {
  switch (v.kind) {
    case Value::Kind::Missing: return out.null();
    case Value::Kind::Number:
      if (std::isinf(v.number)) return out.string(shortest_number(v.number));
      return out.number(v.number);
    case Value::Kind::Bool: return out.boolean(v.boolean);
    case Value::Kind::String: return out.string(v.text);
    case Value::Kind::Enum: break;
  }
  if (type.enum_id < 0) return out.integer(v.code);
  out.string(program.enums[type.enum_id].members[v.code]);
}

void write_float(JsonOut& out, float x) {
  if (std::isnan(x)) return out.null();
  if (std::isinf(x)) return out.string(x > 0 ? "inf" : "-inf");
  out.raw(float_json_text(x));
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
