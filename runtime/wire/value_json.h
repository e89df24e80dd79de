#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/eval/value.h"
#include "compiler/ir/program.h"
#include "runtime/wire/json_out.h"

namespace verdict {

// A value as it appears in decisions and traces: numbers as JSON numbers
// (±inf as the strings "inf"/"-inf"), enum members by name, missing as null.
void write_value(JsonOut& out, const ir::Program& program, const ir::Type& type, const Value& v);

// The same value as short text for explanations: `12.5`, `rent`, `"abc"`, `missing`.
std::string value_text(const ir::Program& program, const ir::Type& type, const Value& v);

// A float (a model probability, a fed feature, a SHAP value) as the shortest
// decimal that reads back as the same float: 0.013891962, not the 17 digits
// of its double. NaN is null, infinities are "inf" and "-inf".
void write_float(JsonOut& out, float x);

// JSON text of `j` that never throws: a string that is not valid UTF-8
// (a CSV cell, a request built in C++) has its bad bytes replaced by U+FFFD.
// Every dump of data that came from a user goes through this.
template <typename Json>
std::string json_text(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

inline constexpr const char* kMasked = "***";

}  // namespace verdict
