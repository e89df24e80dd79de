#pragma once
#include <string>
#include <string_view>

#include "compiler/syntax/ast.h"

// Canonical text of expressions, string literals and types, as `verdict fmt`
// prints them. Pure functions of the AST: no comments, no layout.
namespace verdict::formatting {

// One line, single spaces around binary operators, and only the parentheses
// that the precedence and associativity of Rules.g4 require, so parsing the
// result gives back the same tree. Number literals keep their written text.
std::string print_expr(const ast::Expr& expr);

// A double-quoted literal with `"`, `\`, newline and tab escaped.
std::string quote(std::string_view value);

// `number`, `bool`, `string` or `enum(a, b, c)`.
std::string print_type(const ast::TypeRef& type);

}  // namespace verdict::formatting
