#include "runtime/core/blend_policy.h"

namespace verdict {

BlendPolicy::BlendPolicy(const BlendWeights& base, const std::map<std::string, BlendWeights>& by_segment,
                         const ir::Program& program)
    : base_(base), by_derived_(program.derived.size()), from_config_(true) {
  for (uint32_t d : program.segments) {
    auto it = by_segment.find(program.derived[d].name);
    if (it != by_segment.end()) by_derived_[d] = it->second;
  }
}

}  // namespace verdict
