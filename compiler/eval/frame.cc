#include "compiler/eval/frame.h"

#include <cmath>

namespace verdict {

void Frame::reset(size_t fields) {
  numbers.assign(fields, 0.0);
  codes.assign(fields, 0);
  strings.resize(fields);
  for (std::string& s : strings) s.clear();
  present.assign(fields, 0);
}

void Frame::set_number(uint32_t field, double x) {
  numbers[field] = std::isnan(x) ? 0.0 : x;
  present[field] = std::isnan(x) ? 0 : 1;
}

void Frame::set_bool(uint32_t field, bool b) {
  codes[field] = b ? 1 : 0;
  present[field] = 1;
}

void Frame::set_enum(uint32_t field, int32_t code) {
  codes[field] = code;
  present[field] = 1;
}

void Frame::set_string(uint32_t field, std::string s) {
  strings[field] = std::move(s);
  present[field] = 1;
}

void Frame::set_missing(uint32_t field) { present[field] = 0; }

Value Frame::value(const ir::Program& program, uint32_t field) const {
  if (!present[field] && program.fields[field].type.optional) return Value::missing();
  switch (program.fields[field].type.base) {
    case ir::BaseType::Number: return Value::of_number(numbers[field]);
    case ir::BaseType::Bool: return Value::of_bool(codes[field] != 0);
    case ir::BaseType::Enum: return Value::of_enum(codes[field]);
    case ir::BaseType::String: return Value::of_string(strings[field]);
  }
  return Value::missing();
}

}  // namespace verdict
