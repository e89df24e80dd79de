#pragma once
#include <nlohmann/json.hpp>

#include "runtime/api/engine.h"
#include "runtime/api/served_version.h"

namespace verdict {

// The steps of one decision, shared by Engine::decide and the BatchRunner:
// the request's frame (R001-R011 into out.errors), the decision into
// `scratch` (reused between calls on one thread), its JSON written once by
// the version's format and serialized once into out.json, and with
// settings.explain its text. Not logged yet: the caller logs it
// (log_before_returning) before anyone sees it. out.deployment is not set.
void decide_request(const ServedVersion& version, const nlohmann::json& request, const DecideSettings& settings,
                    Decision& scratch, DecideResult& out);
// The same steps from the request's frame on.
void decide_frame(const ServedVersion& version, const Frame& frame, const DecideSettings& settings, Decision& scratch,
                  DecideResult& out);

}  // namespace verdict
