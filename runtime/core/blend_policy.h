#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/program.h"
#include "runtime/core/decision.h"

namespace verdict {

// The blend weights of a deployment ([blend] and [blend.segments]), resolved
// against its program.
// INVARIANT: a decision is blended with the override of its segment (the
// first true segment) when that segment has one, else with [blend]; a
// decision in no segment, or in a segment without an override, gets [blend].
class BlendPolicy {
 public:
  BlendPolicy() = default;  // human 1, model 0: no deployment config
  // `base` blends every decision but those of a segment named in
  // `by_segment` (segment name -> its override).
  BlendPolicy(const BlendWeights& base, const std::map<std::string, BlendWeights>& by_segment,
              const ir::Program& program);

  // The weights for a decision whose segment is `segment` (derived index,
  // -1 for none); `overridden` tells whether a segment override applied.
  const BlendWeights& weights_for(int32_t segment, bool& overridden) const {
    if (segment >= 0 && static_cast<size_t>(segment) < by_derived_.size() && by_derived_[segment]) {
      overridden = true;
      return *by_derived_[segment];
    }
    overridden = false;
    return base_;
  }
  bool from_config() const { return from_config_; }

 private:
  BlendWeights base_;
  std::vector<std::optional<BlendWeights>> by_derived_;  // per derived value
  bool from_config_ = false;
};

}  // namespace verdict
