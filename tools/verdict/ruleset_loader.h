#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "runtime/deploy/ruleset.h"

namespace verdict::cli {

// Compiles a rules file. On failure prints its diagnostics to stderr and
// returns null; warnings of a successful compile are not printed (`check`
// shows them).
std::unique_ptr<CompiledRuleset> load_or_report(const std::string& path, BackendKind kind = BackendKind::Jit);

// Adds `--backend jit|interp` to a command (JIT by default).
void add_backend_option(CLI::App& cmd, BackendKind& kind);

}  // namespace verdict::cli
