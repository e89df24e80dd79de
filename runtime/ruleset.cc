#include "runtime/ruleset.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "compiler/check/checker.h"
#include "compiler/interp/interpreter.h"
#include "runtime/decide.h"

namespace verdict {

bool read_text_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return !in.bad();
}

CompiledRuleset::CompiledRuleset(std::unique_ptr<SourceFile> source, ir::Program program)
    : source_(std::move(source)), program_(std::move(program)) {
  backend_ = std::make_unique<Interpreter>(program_);
}

std::unique_ptr<CompiledRuleset> CompiledRuleset::compile(std::string path, std::string text,
                                                          Diagnostics& diags) {
  auto source = std::make_unique<SourceFile>(std::move(path), std::move(text));
  auto program = compile_rules(*source, diags);
  if (!program) return nullptr;
  return std::unique_ptr<CompiledRuleset>(new CompiledRuleset(std::move(source), std::move(*program)));
}

std::unique_ptr<CompiledRuleset> CompiledRuleset::load(const std::string& path, Diagnostics& diags) {
  std::string text;
  if (!read_text_file(path, text)) {
    diags.error("E000", {}, "cannot read `" + path + "`: " + std::strerror(errno));
    return nullptr;
  }
  return compile(path, std::move(text), diags);
}

Decision CompiledRuleset::decide(const Frame& frame) const {
  return verdict::decide(program_, *backend_, frame);
}

}  // namespace verdict
