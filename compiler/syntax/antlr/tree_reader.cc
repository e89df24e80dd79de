#include "compiler/syntax/antlr/tree_reader.h"

#include <string>

#include "compiler/syntax/literals.h"

namespace verdict::syntax {

void unknown_alternative(const char* rule) {
  throw UnknownParseTree(std::string("the parse tree holds a `") + rule + "` that the AST builder does not know");
}

Span TreeReader::span(antlr4::ParserRuleContext* ctx) const {
  return index_.span(ctx->getStart()->getStartIndex(), ctx->getStop()->getStopIndex() + 1);
}

Span TreeReader::span(antlr4::Token* token) const {
  return index_.span(token->getStartIndex(), token->getStopIndex() + 1);
}

std::vector<ast::Ident> TreeReader::names(const std::vector<RulesParser::NameContext*>& ctxs) const {
  std::vector<ast::Ident> out;
  for (auto* ctx : ctxs) out.push_back(name(ctx));
  return out;
}

ast::StringLit TreeReader::string(antlr4::tree::TerminalNode* node) const {
  return string_literal(node->getText(), span(node), diags_);
}

ast::NumberLit TreeReader::number(antlr4::tree::TerminalNode* node) const {
  return number_literal("", node->getText(), span(node), diags_);
}

ast::NumberLit TreeReader::signed_number(RulesParser::SignedNumberContext* ctx) const {
  return number_literal(ctx->sign ? ctx->sign->getText() : "", ctx->NUMBER()->getText(), span(ctx), diags_);
}

}  // namespace verdict::syntax
