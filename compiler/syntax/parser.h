#pragma once
#include <optional>

#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/ast.h"

namespace verdict {

// Hard limits that keep hostile input from exhausting the stack or the clock.
inline constexpr size_t kMaxSourceBytes = 4 << 20;
inline constexpr int kMaxExpressionDepth = 200;

// Parses one rules file. On a syntax error returns nullopt and reports it
// (E001..E006) to `diags`; never throws for any input. A failure of the
// parser itself (a parse tree the AST builder does not know, an exception
// from the ANTLR runtime) is reported as internal error E900.
std::optional<ast::RulesFile> parse_rules(const SourceFile& file, Diagnostics& diags);

}  // namespace verdict
