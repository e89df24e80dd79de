#include "tools/verdict/ruleset_loader.h"

#include <iostream>

#include "compiler/source/diagnostic_text.h"
#include "compiler/source/file_diagnostic.h"

namespace verdict::cli {

std::unique_ptr<CompiledRuleset> load_or_report(const std::string& path, BackendKind kind) {
  std::string text;
  if (FileRead read = read_rules_file(path, text); !read) {
    std::cerr << render_all({file_read_diagnostic(read, code::E000, code::E006)}, nullptr, path);
    return nullptr;
  }
  Diagnostics diags;
  auto ruleset = CompiledRuleset::compile(path, text, diags, kind);
  if (!ruleset) {
    SourceFile source(path, std::move(text));
    std::vector<Diagnostic> list = diags.sorted();
    std::cerr << render_all(list, &source, path) << path << ": " << summary(list) << "\n";
  }
  return ruleset;
}

void add_backend_option(CLI::App& cmd, BackendKind& kind) {
  static const std::map<std::string, BackendKind> kinds = {{"jit", BackendKind::Jit},
                                                           {"interp", BackendKind::Interpreter}};
  cmd.add_option("--backend", kind, "How rules run: jit (native code, default) or interp (reference)")
      ->transform(CLI::CheckedTransformer(kinds));
}

}  // namespace verdict::cli
