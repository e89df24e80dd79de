#pragma once
#include <memory>
#include <string>

#include "compiler/eval/backend.h"
#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/util/bounded_file.h"
#include "runtime/core/decision.h"

namespace verdict {

enum class BackendKind { Interpreter, Jit };

// "interp" or "jit"; false for anything else.
bool parse_backend_kind(std::string_view name, BackendKind& out);
// The name parse_backend_kind reads.
inline std::string_view backend_kind_name(BackendKind kind) { return kind == BackendKind::Jit ? "jit" : "interp"; }

// A checked ruleset ready to decide: its source (for locations in traces),
// its program and the backend that runs it. Immutable once built, so one
// instance may serve any number of threads.
class CompiledRuleset {
 public:
  // Compiles `text`; returns null when there were errors (all in `diags`).
  // With the JIT, a failure to generate native code is an internal error,
  // reported as E900 and no ruleset is returned; `BackendKind::Interpreter`
  // (`--backend=interp`) runs the same rules without native code.
  static std::unique_ptr<CompiledRuleset> compile(std::string path, std::string text, Diagnostics& diags,
                                                  BackendKind kind = BackendKind::Jit);
  // Reads and compiles a file; a file that cannot be read is reported as
  // E000, one that is not a regular file as E012, one over 4 MiB as E006.
  static std::unique_ptr<CompiledRuleset> load(const std::string& path, Diagnostics& diags,
                                               BackendKind kind = BackendKind::Jit);

  const SourceFile& source() const { return *source_; }
  const ir::Program& program() const { return program_; }
  const Backend& backend() const { return *backend_; }

  Decision decide(const Frame& frame, bool record_trace = true) const;
  void decide_into(const Frame& frame, Decision& out, bool record_trace = true) const;
  // "file:line:col" of a span in this ruleset.
  std::string location(Span span) const { return source_->position(span); }

 private:
  CompiledRuleset(std::unique_ptr<SourceFile> source, ir::Program program);
  bool make_backend(BackendKind kind, Diagnostics& diags);

  std::unique_ptr<SourceFile> source_;
  ir::Program program_;
  std::unique_ptr<Backend> backend_;
};

// Reads a rules file within kRulesFileLimit (4 MiB, as the parser's E006).
FileRead read_rules_file(const std::string& path, std::string& out);

}  // namespace verdict
