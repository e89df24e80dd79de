#include "compiler/syntax/antlr/expr_builder.h"

#include <memory>

namespace verdict::syntax {

using K = ast::ExprKind;

ast::ExprPtr ExprBuilder::expr(P::ExprContext* ctx) const {
  if (auto* c = dynamic_cast<P::PrimaryExprContext*>(ctx)) return primary(c->primary());
  if (auto* c = dynamic_cast<P::NegExprContext*>(ctx)) return with_args(node(K::Neg, c), {c->expr()});
  if (auto* c = dynamic_cast<P::NotExprContext*>(ctx)) return with_args(node(K::Not, c), {c->expr()});
  if (auto* c = dynamic_cast<P::MulExprContext*>(ctx)) return binary(c, c->expr(), spelled(c->op));
  if (auto* c = dynamic_cast<P::AddExprContext*>(ctx)) return binary(c, c->expr(), spelled(c->op));
  if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) return binary(c, c->expr(), spelled(c->op));
  if (auto* c = dynamic_cast<P::CoalesceExprContext*>(ctx)) return binary(c, c->expr(), ast::BinaryOp::Coalesce);
  if (auto* c = dynamic_cast<P::AndExprContext*>(ctx)) return binary(c, c->expr(), ast::BinaryOp::And);
  if (auto* c = dynamic_cast<P::OrExprContext*>(ctx)) return binary(c, c->expr(), ast::BinaryOp::Or);
  if (auto* c = dynamic_cast<P::InExprContext*>(ctx)) return in_list(c);
  if (auto* c = dynamic_cast<P::MissingExprContext*>(ctx)) return is_missing(c);
  unknown_alternative("expr");
}

ast::ExprPtr ExprBuilder::node(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) const {
  auto out = std::make_unique<ast::Expr>();
  out->kind = kind;
  out->span = reader_.span(ctx);
  return out;
}

ast::ExprPtr ExprBuilder::with_args(ast::ExprPtr e, const std::vector<P::ExprContext*>& args) const {
  for (auto* a : args) e->args.push_back(expr(a));
  return e;
}

// expr op=('*' | '/') expr | expr op=('+' | '-') expr | expr '??' expr
// | expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') expr | expr 'and' expr | expr 'or' expr
ast::ExprPtr ExprBuilder::binary(antlr4::ParserRuleContext* ctx, const std::vector<P::ExprContext*>& args,
                                 ast::BinaryOp op) const {
  auto e = with_args(node(K::Binary, ctx), args);
  e->op = op;
  return e;
}

// The operator of a labelled `op=(...)` token.
ast::BinaryOp ExprBuilder::spelled(antlr4::Token* op) const {
  if (op != nullptr) {
    if (auto known = ast::binary_op_spelled(op->getText())) return *known;
  }
  unknown_alternative("binary operator");
}

// expr negated='not'? 'in' '[' expr (',' expr)* ']'
ast::ExprPtr ExprBuilder::in_list(P::InExprContext* ctx) const {
  auto e = with_args(node(K::In, ctx), ctx->expr());
  e->negated = ctx->negated != nullptr;
  return e;
}

// expr 'is' negated='not'? 'missing'
ast::ExprPtr ExprBuilder::is_missing(P::MissingExprContext* ctx) const {
  auto e = with_args(node(K::IsMissing, ctx), {ctx->expr()});
  e->negated = ctx->negated != nullptr;
  return e;
}

// primary : NUMBER | STRING | ('true' | 'false') | name '(' args ')' | name | '(' expr ')'
ast::ExprPtr ExprBuilder::primary(P::PrimaryContext* ctx) const {
  if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) return parenthesized(c);
  if (auto* c = dynamic_cast<P::NumberLitContext*>(ctx)) return number(c);
  if (auto* c = dynamic_cast<P::StringLitContext*>(ctx)) return string(c);
  if (auto* c = dynamic_cast<P::BoolLitContext*>(ctx)) return boolean(c);
  if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) return call(c);
  if (auto* c = dynamic_cast<P::NameRefContext*>(ctx)) return name_ref(c);
  unknown_alternative("primary");
}

// '(' expr ')'
ast::ExprPtr ExprBuilder::parenthesized(P::ParenExprContext* ctx) const {
  auto inner = expr(ctx->expr());
  inner->span = reader_.span(ctx);  // the formatter re-derives parentheses; keep the outer span
  return inner;
}

// NUMBER
ast::ExprPtr ExprBuilder::number(P::NumberLitContext* ctx) const {
  auto e = node(K::Number, ctx);
  ast::NumberLit lit = reader_.number(ctx->NUMBER());
  e->number = lit.value;
  e->text = lit.text;
  return e;
}

// STRING
ast::ExprPtr ExprBuilder::string(P::StringLitContext* ctx) const {
  auto e = node(K::String, ctx);
  e->text = reader_.string(ctx->STRING()).value;
  return e;
}

// ('true' | 'false')
ast::ExprPtr ExprBuilder::boolean(P::BoolLitContext* ctx) const {
  auto e = node(K::Bool, ctx);
  e->boolean = ctx->getText() == "true";
  return e;
}

// name '(' (expr (',' expr)*)? ')'
ast::ExprPtr ExprBuilder::call(P::CallExprContext* ctx) const {
  auto e = with_args(node(K::Call, ctx), ctx->expr());
  e->text = ctx->name()->getText();
  e->name_span = reader_.span(ctx->name());
  return e;
}

// name
ast::ExprPtr ExprBuilder::name_ref(P::NameRefContext* ctx) const {
  auto e = node(K::Name, ctx);
  e->text = ctx->getText();
  return e;
}

}  // namespace verdict::syntax
