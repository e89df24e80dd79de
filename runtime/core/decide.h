#pragma once
#include "compiler/eval/backend.h"
#include "compiler/ir/program.h"
#include "runtime/core/decision.h"
#include "runtime/core/scoring.h"

namespace verdict {

// Runs one decision: rules on `backend`, the human score, the decide block,
// knock-outs, outputs and the ordered reasons. Deterministic: the same
// program, frame and backend semantics give a bit-identical Decision.
// With `record_trace` false the backend may skip what only the trace needs
// (let values, arithmetic events); the outcome, scores, tags, reasons and
// outputs are the same either way.
// With `scoring` (a ruleset with a deployment: model and blend weights),
// `final` blends the human and model scores; without it `final` = `human`.
Decision decide(const ir::Program& program, const Backend& backend, const Frame& frame, bool record_trace = true,
                const Scoring* scoring = nullptr);
// The same into an existing Decision, reusing its buffers (no allocation
// once they have grown): the form for hot loops.
void decide_into(const ir::Program& program, const Backend& backend, const Frame& frame, Decision& out,
                 bool record_trace = true, const Scoring* scoring = nullptr);

// human = clamp((points - scale_min) / (scale_max - scale_min), 0, 1), computed
// without overflow for any finite scale; NaN points give 0.
double human_score(const ir::Program& program, double points);

}  // namespace verdict
