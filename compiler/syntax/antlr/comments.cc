#include "compiler/syntax/antlr/comments.h"

#include <string>

#include "RulesLexer.h"

namespace verdict::syntax {

void collect_comments(antlr4::CommonTokenStream& tokens, const CodePointIndex& index, ast::RulesFile& out) {
  size_t last_code_line = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getType() == RulesLexer::COMMENT) {
      std::string text = t->getText();
      while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
      out.comments.push_back(
          {text, index.span(t->getStartIndex(), t->getStopIndex() + 1), t->getLine() == last_code_line});
    } else if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      last_code_line = t->getLine();
    }
  }
}

}  // namespace verdict::syntax
