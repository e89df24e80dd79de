#pragma once
#include <memory>

#include "runtime/deploy/deployment.h"
#include "runtime/wire/decision_format.h"
#include "runtime/wire/replay_record.h"

namespace verdict {

// One version of a deployment as the Engine serves it: the deployment and
// the decision format built for it once, when it was swapped in.
// INVARIANT: `format` refers to `deployment`, so it is declared after it,
// and a ServedVersion is never copied or moved (it is shared by pointer).
struct ServedVersion {
  explicit ServedVersion(std::shared_ptr<const Deployment> d, std::unique_ptr<const ReplayRecorder> r = nullptr)
      : deployment(std::move(d)), format(*deployment), replay(std::move(r)) {}
  ServedVersion(const ServedVersion&) = delete;
  ServedVersion& operator=(const ServedVersion&) = delete;

  std::shared_ptr<const Deployment> deployment;
  DecisionFormat format;
  // Writes each decision's `replay` object when the engine logs them; null
  // when it does not (nothing to replay from).
  std::unique_ptr<const ReplayRecorder> replay;
};

}  // namespace verdict
