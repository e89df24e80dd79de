#pragma once
#include <nlohmann/json.hpp>

namespace verdict {

// True when `decision` has every key, of the right type, that explain_text
// (runtime/wire) and the explanation page read without checking: outcome,
// decided_by, score (and weights, model when named), segment, reasons,
// tags, outputs, and the trace's rules when there is a trace. A record past
// a broken link can hold anything, so a report checks this before reading
// it; a decision Verdict wrote always passes.
bool explainable_decision(const nlohmann::ordered_json& decision);

}  // namespace verdict
