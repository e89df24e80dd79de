#pragma once
#include <string_view>

#include "compiler/source/diagnostic.h"
#include "compiler/syntax/ast.h"

// The values of literals as the lexer matched them. Both report what makes a
// literal unusable (E003, E004) and still return a literal, so the parse goes
// on and every such problem in the file is reported; parse_rules() returns no
// tree when one was.
namespace verdict::syntax {

// STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
// `raw` is the token's text, quotes included, and `where` its span. Escapes
// are resolved; an unknown escape is E004 and left out of the value.
ast::StringLit string_literal(std::string_view raw, Span where, Diagnostics& diags);

// signedNumber : ('+' | '-')? NUMBER, and NUMBER alone with an empty `sign`.
// The text keeps the sign as written; a value that does not fit a finite
// double is E003 and becomes 0.
ast::NumberLit number_literal(std::string_view sign, std::string_view digits, Span where, Diagnostics& diags);

}  // namespace verdict::syntax
