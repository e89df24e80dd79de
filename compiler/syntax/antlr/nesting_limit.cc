#include "compiler/syntax/antlr/nesting_limit.h"

#include <algorithm>
#include <string>

#include "compiler/syntax/operators.h"

namespace verdict::syntax {
namespace {

// A binary operator or `not`: what makes an operator chain deeper.
bool chains(const std::string& text) { return text == "not" || ast::binary_op_spelled(text).has_value(); }

void too_deep(antlr4::Token* t, int depth, int chain, const CodePointIndex& index, Diagnostics& diags) {
  Span where = index.span(t->getStartIndex(), t->getStopIndex() + 1);
  if (chain / 4 > depth) {
    diags.report(code::E005, where,
                 "expression has too many operators in a row (the limit is " + std::to_string(4 * kMaxExpressionDepth) +
                     "); split it into several `let`s");
  } else {
    diags.report(code::E005, where,
                 "expression is nested too deeply (the limit is " + std::to_string(kMaxExpressionDepth) +
                     " levels of brackets)");
  }
}

}  // namespace

bool within_nesting_limit(antlr4::CommonTokenStream& tokens, const CodePointIndex& index, Diagnostics& diags) {
  int depth = 0, chain = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    std::string text = t->getText();
    if (text == "(" || text == "[") {
      ++depth;
    } else if (text == ")" || text == "]") {
      depth = std::max(0, depth - 1);
    } else if (text == "when" || text == "then" || text == "let" || text == "=" || text == ",") {
      chain = 0;
    } else if (chains(text)) {
      ++chain;
    }
    if (depth + chain / 4 > kMaxExpressionDepth) {
      too_deep(t, depth, chain, index, diags);
      return false;
    }
  }
  return true;
}

}  // namespace verdict::syntax
