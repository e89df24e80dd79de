#pragma once
#include <vector>

#include "RulesParser.h"
#include "compiler/syntax/antlr/tree_reader.h"
#include "compiler/syntax/ast.h"

namespace verdict::syntax {

// Builds ast::Expr trees from `expr` parse trees, one function per labelled
// alternative of `expr` and `primary` in Rules.g4. Throws UnknownParseTree
// for a node it has no case for.
class ExprBuilder {
 public:
  explicit ExprBuilder(const TreeReader& reader) : reader_(reader) {}

  // expr : primary # primaryExpr | '-' expr # negExpr | ... | expr 'or' expr # orExpr
  ast::ExprPtr expr(RulesParser::ExprContext* ctx) const;

 private:
  using P = RulesParser;

  ast::ExprPtr node(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) const;
  ast::ExprPtr with_args(ast::ExprPtr e, const std::vector<P::ExprContext*>& args) const;
  ast::ExprPtr binary(antlr4::ParserRuleContext* ctx, const std::vector<P::ExprContext*>& args, ast::BinaryOp op) const;
  ast::BinaryOp spelled(antlr4::Token* op) const;
  ast::ExprPtr in_list(P::InExprContext* ctx) const;
  ast::ExprPtr is_missing(P::MissingExprContext* ctx) const;

  ast::ExprPtr primary(P::PrimaryContext* ctx) const;
  ast::ExprPtr parenthesized(P::ParenExprContext* ctx) const;
  ast::ExprPtr number(P::NumberLitContext* ctx) const;
  ast::ExprPtr string(P::StringLitContext* ctx) const;
  ast::ExprPtr boolean(P::BoolLitContext* ctx) const;
  ast::ExprPtr call(P::CallExprContext* ctx) const;
  ast::ExprPtr name_ref(P::NameRefContext* ctx) const;

  const TreeReader& reader_;
};

}  // namespace verdict::syntax
