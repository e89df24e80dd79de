#pragma once
#include <memory>

#include "runtime/deploy/deployment.h"
#include "runtime/wire/decision_format.h"

namespace verdict {

// One version of a deployment as the Engine serves it: the deployment and
// the decision format built for it once, when it was swapped in.
// INVARIANT: `format` refers to `deployment`, so it is declared after it,
// and a ServedVersion is never copied or moved (it is shared by pointer).
struct ServedVersion {
  explicit ServedVersion(std::shared_ptr<const Deployment> d) : deployment(std::move(d)), format(*deployment) {}
  ServedVersion(const ServedVersion&) = delete;
  ServedVersion& operator=(const ServedVersion&) = delete;

  std::shared_ptr<const Deployment> deployment;
  DecisionFormat format;
};

}  // namespace verdict
