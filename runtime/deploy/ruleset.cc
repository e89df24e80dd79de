#include "runtime/deploy/ruleset.h"

#include "compiler/check/checker.h"
#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit_backend.h"
#include "compiler/source/file_diagnostic.h"
#include "runtime/core/decide.h"

namespace verdict {

FileRead read_rules_file(const std::string& path, std::string& out) {
  return read_bounded_file(path, kRulesFileLimit, out);
}

bool parse_backend_kind(std::string_view name, BackendKind& out) {
  if (name == "interp")
    out = BackendKind::Interpreter;
  else if (name == "jit")
    out = BackendKind::Jit;
  else
    return false;
  return true;
}

CompiledRuleset::CompiledRuleset(std::unique_ptr<SourceFile> source, ir::Program program)
    : source_(std::move(source)), program_(std::move(program)) {}

bool CompiledRuleset::make_backend(BackendKind kind, Diagnostics& diags) {
  if (kind == BackendKind::Interpreter) {
    backend_ = std::make_unique<Interpreter>(program_);
    return true;
  }
  std::string error;
  backend_ = JitBackend::create(program_, JitOptions{}, error);
  if (backend_) return true;
  diags.report_unlocated(code::E900, "internal error: native code generation failed (" + error +
                                         "); `--backend=interp` runs this ruleset without it");
  return false;
}

std::unique_ptr<CompiledRuleset> CompiledRuleset::compile(std::string path, std::string text, Diagnostics& diags,
                                                          BackendKind kind) {
  auto source = std::make_unique<SourceFile>(std::move(path), std::move(text));
  auto program = compile_rules(*source, diags);
  if (!program) return nullptr;
  std::unique_ptr<CompiledRuleset> ruleset(new CompiledRuleset(std::move(source), std::move(*program)));
  if (!ruleset->make_backend(kind, diags)) return nullptr;
  return ruleset;
}

std::unique_ptr<CompiledRuleset> CompiledRuleset::load(const std::string& path, Diagnostics& diags, BackendKind kind) {
  std::string text;
  if (FileRead read = read_rules_file(path, text); !read) {
    diags.report_unlocated(file_read_code(read, code::E000, code::E006), read.message);
    return nullptr;
  }
  return compile(path, std::move(text), diags, kind);
}

Decision CompiledRuleset::decide(const Frame& frame, bool record_trace) const {
  return verdict::decide(program_, *backend_, frame, record_trace);
}

void CompiledRuleset::decide_into(const Frame& frame, Decision& out, bool record_trace) const {
  verdict::decide_into(program_, *backend_, frame, out, record_trace);
}

}  // namespace verdict
