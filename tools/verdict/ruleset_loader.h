#pragma once
#include <memory>
#include <string>

#include "runtime/ruleset.h"

namespace verdict::cli {

// Compiles a rules file. On failure prints its diagnostics to stderr and
// returns null; warnings of a successful compile are not printed (`check`
// shows them).
std::unique_ptr<CompiledRuleset> load_or_report(const std::string& path);

}  // namespace verdict::cli
