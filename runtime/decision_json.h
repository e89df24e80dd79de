#pragma once
#include <nlohmann/json.hpp>

#include "compiler/eval/frame.h"
#include "runtime/decision.h"
#include "runtime/ruleset.h"

namespace verdict {

// How much of the trace a decision carries. `rules`: per-rule status only;
// `full`: also the values each rule saw, missing inputs, arithmetic events,
// the input (PII masked), derived values, outputs and decide branches.
enum class TraceLevel { Off, Rules, Full };

// The decision as documented in docs/decision.md. Key order is stable.
nlohmann::ordered_json decision_json(const CompiledRuleset& ruleset, const Frame& frame,
                                     const Decision& decision, TraceLevel level);

}  // namespace verdict
