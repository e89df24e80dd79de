#pragma once
#include <vector>

#include "runtime/wire/decision_format.h"
#include "runtime/wire/json_out.h"

// Internal to the decision writer (decision_writer.cc, decision_trace.cc).
namespace verdict::writer {

// One decision being written, with the format of its deployment, and the
// text it is written to.
struct DecisionView {
  const DecisionFormat& format;
  const ir::Program& program;
  const Frame& frame;
  const Decision& decision;
  const Evaluation& evaluation;
  JsonOut& out;
  // Per input field, then per derived value: where its value's text was
  // first written, so later mentions (the input, each rule's `saw`, the
  // model features) copy it instead of formatting it again.
  std::vector<JsonOut::Span>& value_texts;
};

// A field's or a derived value's value as the decision shows it (PII masked).
void field_value(const DecisionView& v, uint32_t field);
void derived_value(const DecisionView& v, uint32_t derived);

// The `trace` object at `level` (not Off).
void write_trace(const DecisionView& v, TraceLevel level);

}  // namespace verdict::writer
