#pragma once
#include <stdexcept>
#include <vector>

#include "RulesParser.h"
#include "compiler/source/diagnostic.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/code_point_index.h"

namespace verdict::syntax {

// Thrown when the parse tree holds a node the builders have no case for: the
// grammar and the builders disagree, which no input can cause. parse_rules()
// reports it as an internal error (E900).
struct UnknownParseTree : std::logic_error {
  using std::logic_error::logic_error;
};

// Throws UnknownParseTree for a node of grammar rule `rule` that no branch of
// the builder for that rule matched.
[[noreturn]] void unknown_alternative(const char* rule);

// Spans in bytes, names and literals of a complete parse tree (the error
// listener stops the parse at the first syntax error, so the builders never
// see a partial tree).
class TreeReader {
 public:
  TreeReader(const CodePointIndex& index, Diagnostics& diags) : index_(index), diags_(diags) {}

  Span span(antlr4::ParserRuleContext* ctx) const;
  Span span(antlr4::Token* token) const;
  Span span(antlr4::tree::TerminalNode* node) const { return span(node->getSymbol()); }

  // name : IDENT | 'base' | 'scale' | ... (the soft keywords)
  ast::Ident name(RulesParser::NameContext* ctx) const { return {ctx->getText(), span(ctx)}; }
  std::vector<ast::Ident> names(const std::vector<RulesParser::NameContext*>& ctxs) const;

  // STRING; E004 for an unknown escape.
  ast::StringLit string(antlr4::tree::TerminalNode* node) const;
  // NUMBER; E003 when out of range.
  ast::NumberLit number(antlr4::tree::TerminalNode* node) const;
  // signedNumber : sign=('+' | '-')? NUMBER
  ast::NumberLit signed_number(RulesParser::SignedNumberContext* ctx) const;

 private:
  const CodePointIndex& index_;
  Diagnostics& diags_;
};

}  // namespace verdict::syntax
