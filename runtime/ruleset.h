#pragma once
#include <memory>
#include <string>

#include "compiler/eval/backend.h"
#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"
#include "runtime/decision.h"

namespace verdict {

// A checked ruleset ready to decide: its source (for locations in traces),
// its program and the backend that runs it. Immutable once built, so one
// instance may serve any number of threads.
class CompiledRuleset {
 public:
  // Compiles `text`; returns null when there were errors (all in `diags`).
  static std::unique_ptr<CompiledRuleset> compile(std::string path, std::string text,
                                                  Diagnostics& diags);
  // Reads and compiles a file; a file that cannot be read is reported as E000.
  static std::unique_ptr<CompiledRuleset> load(const std::string& path, Diagnostics& diags);

  const SourceFile& source() const { return *source_; }
  const ir::Program& program() const { return program_; }
  const Backend& backend() const { return *backend_; }

  Decision decide(const Frame& frame) const;
  // "file:line:col" of a span in this ruleset.
  std::string location(Span span) const { return source_->position(span); }

 private:
  CompiledRuleset(std::unique_ptr<SourceFile> source, ir::Program program);

  std::unique_ptr<SourceFile> source_;
  ir::Program program_;
  std::unique_ptr<Backend> backend_;
};

// Reads a whole file; false when it cannot be read.
bool read_text_file(const std::string& path, std::string& out);

}  // namespace verdict
