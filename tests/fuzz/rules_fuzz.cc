// The rules parser and checker on any text: a ruleset compiles, or the
// compile reports at least one error; it never crashes.
#include "compiler/format/formatter.h"
#include "compiler/syntax/parser.h"
#include "runtime/deploy/ruleset.h"
#include "tests/fuzz/fuzz_target.h"

using namespace verdict;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(fuzz::as_text(data, size));
  Diagnostics diags;
  auto ruleset = CompiledRuleset::compile("fuzz.rules", text, diags, BackendKind::Interpreter);
  fuzz::require(ruleset != nullptr || diags.has_errors(), "a ruleset that does not compile reports an error");
  // What parses, formats to text that parses again (`verdict fmt`'s promise).
  SourceFile source("fuzz.rules", text);
  Diagnostics parse_diags;
  auto file = parse_rules(source, parse_diags);
  if (file) {
    Diagnostics again;
    fuzz::require(parse_rules(SourceFile("fuzz.rules", format_rules(*file, source)), again).has_value(),
                  "formatted rules parse again");
  }
  return 0;
}
