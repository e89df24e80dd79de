#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "compiler/eval/frame.h"
#include "runtime/core/decision.h"
#include "runtime/deploy/ruleset.h"
#include "runtime/deploy/trace_level.h"

namespace verdict {

class Deployment;

// One-off decisions (tests, tools): each call builds the DecisionFormat of
// its ruleset or deployment anew. Whoever writes many decisions of one
// deployment holds a DecisionFormat instead (the Engine does).
//
// A decision of a bare ruleset (no model, no config): docs/decision.md
// without `model`, `provenance`, score weights and reason effects. Key order is stable.
nlohmann::ordered_json decision_json(const CompiledRuleset& ruleset, const Frame& frame, const Decision& decision,
                                     TraceLevel level);
// A decision of a deployment, as docs/decision.md documents it: the above
// plus the blend, the model, the merged reasons and the provenance hashes.
// With `request` set, the decision starts with `"request": N` (its line in
// the input).
nlohmann::ordered_json decision_json(const Deployment& deployment, const Frame& frame, const Decision& decision,
                                     TraceLevel level, std::optional<uint32_t> request = std::nullopt);

}  // namespace verdict
