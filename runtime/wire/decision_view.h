#pragma once
#include <nlohmann/json.hpp>

#include "runtime/wire/decision_format.h"

// Internal to the decision writer (decision_writer.cc, decision_trace.cc).
namespace verdict::writer {

// One decision being written, with the format of its deployment.
struct DecisionView {
  const DecisionFormat& format;
  const ir::Program& program;
  const Frame& frame;
  const Decision& decision;
  const Evaluation& evaluation;
};

// An empty object with room for `n` keys. nlohmann's ordered_map is a
// vector of pairs with a const key, so growing it copies every value, nested
// objects and all: objects that receive large children are sized first.
nlohmann::ordered_json object_for(size_t n);

// A field's or a derived value's value as the decision shows it (PII masked).
nlohmann::ordered_json field_value(const DecisionView& v, uint32_t field);
nlohmann::ordered_json derived_value(const DecisionView& v, uint32_t derived);

// The `trace` object at `level` (not Off).
nlohmann::ordered_json trace_json(const DecisionView& v, TraceLevel level);

}  // namespace verdict::writer
