#pragma once
#include <exception>
#include <string>

#include "antlr4-runtime.h"
#include "compiler/source/diagnostic.h"
#include "compiler/syntax/code_point_index.h"

namespace verdict::syntax {

// Thrown by SyntaxErrorListener once it has reported the first syntax error,
// to stop the parse there; parse_rules() catches it, so it never crosses
// that boundary.
struct SyntaxAbort {};

// Reports the first syntax error of a parse as E001 (an unexpected token:
// what was expected, and a hint for the usual slips) or E002 (a character no
// token starts with), then throws SyntaxAbort. Listens to the parser only:
// the lexer turns every character it cannot match into an UNKNOWN_CHAR token
// for the parser to reject.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorListener(Diagnostics& diags, const CodePointIndex& index) : diags_(diags), index_(index) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t line, size_t column,
                   const std::string& antlr_message, std::exception_ptr e) override;

 private:
  Span where(antlr4::Parser& parser, antlr4::Token* token) const;
  std::string message(antlr4::Parser& parser, antlr4::Token* token, std::exception_ptr e) const;

  Diagnostics& diags_;
  const CodePointIndex& index_;
};

}  // namespace verdict::syntax
