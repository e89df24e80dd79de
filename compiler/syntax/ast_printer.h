#pragma once
#include <string>

#include "compiler/syntax/ast.h"

namespace verdict::ast {

// The tree as parsed (`verdict check --emit=ast`): one declaration per line,
// expressions as fully parenthesised s-expressions, so precedence and
// associativity are visible.
std::string print_ast(const RulesFile& file);

// `(op arg...)` for one expression.
std::string print_sexpr(const Expr& e);

}  // namespace verdict::ast
