#include "compiler/syntax/antlr/token_hints.h"

#include "RulesParser.h"

namespace verdict::syntax {
namespace {

bool adjacent(antlr4::Token* a, antlr4::Token* b) {
  return a != nullptr && b != nullptr && a->getStopIndex() + 1 == b->getStartIndex();
}

// True when `token` is in a condition: the nearest clause keyword before it
// is `when` (a `rule`, `segment` or `decide` condition).
bool in_condition(antlr4::Parser& parser, antlr4::Token* token) {
  antlr4::Token* t = token;
  for (int k = 0; k < 10000 && (t = neighbour(parser, t, -1)) != nullptr; ++k) {
    std::string text = t->getText();
    if (text == "when") return true;
    for (const char* stop : {"then", "let", "output", "rule", "segment", "decide", "input", "model", "otherwise",
                             "outcomes", "points", "version", "="}) {
      if (text == stop) return false;
    }
  }
  return false;
}

}  // namespace

antlr4::Token* neighbour(antlr4::Parser& parser, antlr4::Token* token, int step) {
  antlr4::TokenStream* tokens = parser.getTokenStream();
  size_t size = tokens->size();
  for (size_t i = token->getTokenIndex(); step < 0 ? i > 0 : i + 1 < size;) {
    i += step;
    antlr4::Token* t = tokens->get(i);
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return t;
  }
  return nullptr;
}

std::string token_hint(antlr4::Parser& parser, antlr4::Token* token) {
  std::string text = token->getText();
  antlr4::Token* next = neighbour(parser, token, 1);
  antlr4::Token* previous = neighbour(parser, token, -1);
  if (text == "=" && adjacent(token, next) && (next->getText() == ">" || next->getText() == "<")) {
    // `=>` and `=<` are the only reason a `=` is followed by `>` or `<`.
    return "; write `" + next->getText() + "=`";
  }
  if (text == "=" && in_condition(parser, token)) return "; to compare two values use `==`";
  if (text == ">" && adjacent(previous, token) && previous->getText() == "<") {
    return "; write `!=` for \"not equal\"";
  }
  return "";
}

std::string dot_hint(antlr4::Parser& parser, antlr4::Token* token) {
  antlr4::Token* next = neighbour(parser, token, 1);
  antlr4::Token* previous = neighbour(parser, token, -1);
  if (adjacent(token, next) && next->getType() == RulesParser::NUMBER) {
    return "; write a digit before the decimal point, as in `0" + token->getText() + next->getText() + "`";
  }
  if (adjacent(previous, token) && previous->getType() == RulesParser::NUMBER) {
    return "; write a digit after the decimal point, as in `" + previous->getText() + ".0`";
  }
  return "";
}

}  // namespace verdict::syntax
