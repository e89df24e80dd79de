#include "runtime/wire/decision_json.h"

#include "runtime/wire/decision_format.h"

namespace verdict {

nlohmann::ordered_json decision_json(const CompiledRuleset& ruleset, const Frame& frame, const Decision& decision,
                                     TraceLevel level) {
  return DecisionFormat(ruleset).write(frame, decision, level);
}

nlohmann::ordered_json decision_json(const Deployment& deployment, const Frame& frame, const Decision& decision,
                                     TraceLevel level, std::optional<uint32_t> request) {
  return DecisionFormat(deployment).write(frame, decision, level, request);
}

}  // namespace verdict
