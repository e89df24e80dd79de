#pragma once
#include "compiler/eval/evaluation.h"
#include "compiler/eval/frame.h"

namespace verdict {

// A way to run a checked program. A decision runs evaluate_rules, then the
// runtime scores and blends, then evaluate_decide with the scores.
// Implementations are immutable after construction and thread-safe.
class Backend {
 public:
  virtual ~Backend() = default;

  // Lets, segments, rule conditions and output values: fills every field of
  // `out` except `decide` and `decide_branch`. `out` must be reset for this
  // program. With `record_trace` false a backend may leave let values and
  // events unset (rule statuses, segments and output values are always set).
  virtual void evaluate_rules(const Frame& frame, Evaluation& out, bool record_trace = true) const = 0;
  // Decide conditions (which may read `final` and `human`); sets `decide`
  // and `decide_branch`. Reads out.derived from evaluate_rules.
  virtual void evaluate_decide(const Frame& frame, double human, double final, Evaluation& out) const = 0;
  virtual const char* name() const = 0;
};

}  // namespace verdict
