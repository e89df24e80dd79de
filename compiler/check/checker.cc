#include "compiler/check/checker.h"

#include "compiler/check/passes.h"
#include "compiler/syntax/parser.h"

namespace verdict {

std::optional<ir::Program> check_rules(const ast::RulesFile& file, const SourceFile& source, Diagnostics& diags) {
  size_t errors_before = diags.error_count();
  check::CheckContext ctx{file, source, diags, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 200};
  check::declare_names(ctx);
  check::order_derived(ctx);
  check::lower_program(ctx);
  if (diags.error_count() > errors_before) return std::nullopt;
  check::lint_program(ctx);
  return std::move(ctx.program);
}

std::optional<ir::Program> compile_rules(const SourceFile& source, Diagnostics& diags) {
  auto file = parse_rules(source, diags);
  if (!file) return std::nullopt;
  return check_rules(*file, source, diags);
}

}  // namespace verdict
