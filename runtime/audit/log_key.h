#pragma once
#include <string>
#include <string_view>

#include "runtime/audit/decision_log.h"
#include "runtime/deploy/decision_log_config.h"

namespace verdict {

// The key of a keyed chain from `file` or the environment variable `env`
// (at most one is not empty): its bytes, less one trailing newline. "" when
// both are empty. False with `error` when it cannot be read or is shorter
// than kMinLogKeyBytes (`openssl rand -hex 32` makes a good one).
// `what` names the key in messages ("log key", "PII key").
bool read_log_key(const std::string& file, const std::string& env, std::string& key, std::string& error,
                  std::string_view what = "log key");

// The options a deployment's [trace] asks for, the key read as above.
bool decision_log_options(const DecisionLogConfig& config, DecisionLogOptions& out, std::string& error);

}  // namespace verdict
