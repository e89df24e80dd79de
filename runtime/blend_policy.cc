#include "runtime/blend_policy.h"

namespace verdict {

BlendPolicy::BlendPolicy(const DeploymentConfig& config, const ir::Program& program)
    : base_(config.blend), by_derived_(program.derived.size()), from_config_(true) {
  for (uint32_t d : program.segments) {
    auto it = config.segment_blend.find(program.derived[d].name);
    if (it != config.segment_blend.end()) by_derived_[d] = it->second;
  }
}

}  // namespace verdict
