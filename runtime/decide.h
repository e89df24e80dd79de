#pragma once
#include "compiler/eval/backend.h"
#include "compiler/ir/program.h"
#include "runtime/decision.h"

namespace verdict {

// Runs one decision: rules on `backend`, the human score, the decide block,
// knock-outs, outputs and the ordered reasons. Deterministic: the same
// program, frame and backend semantics give a bit-identical Decision.
Decision decide(const ir::Program& program, const Backend& backend, const Frame& frame);

// human = clamp((points - scale_min) / (scale_max - scale_min), 0, 1), computed
// without overflow for any finite scale; NaN points give 0.
double human_score(const ir::Program& program, double points);

}  // namespace verdict
