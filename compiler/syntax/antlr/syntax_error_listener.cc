#include "compiler/syntax/antlr/syntax_error_listener.h"

#include <vector>

#include "RulesParser.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/antlr/expected_tokens.h"
#include "compiler/syntax/antlr/token_hints.h"
#include "compiler/syntax/unexpected_character.h"

namespace verdict::syntax {
namespace {

using P = RulesParser;

std::string describe_token(antlr4::Token* token) {
  if (token->getType() == antlr4::Token::EOF) return "end of file";
  if (token->getType() == P::STRING) return "string `" + printable(token->getText()) + "`";
  if (token->getType() == P::NUMBER) return "number `" + printable(token->getText()) + "`";
  return "`" + printable(token->getText()) + "`";
}

// ANTLR computes the expected tokens from where the parser stands; after a
// failed prediction that started at an earlier token, that set describes the
// earlier token's position and would mislead.
bool prediction_started_earlier(std::exception_ptr e, antlr4::Token* token) {
  if (!e) return false;
  try {
    std::rethrow_exception(e);
  } catch (const antlr4::NoViableAltException& nva) {
    return nva.getStartToken() != nullptr && nva.getStartToken() != token;
  } catch (...) {
  }
  return false;
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t, size_t,
                                      const std::string&, std::exception_ptr e) {
  auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
  if (parser == nullptr || token == nullptr) {
    // Only a parser reports here, and a parser always names the token it stopped at.
    diags_.report_unlocated(code::E900, "internal error: a syntax error was reported without the token it is about");
    throw SyntaxAbort{};
  }
  diags_.report(token->getType() == P::UNKNOWN_CHAR ? code::E002 : code::E001, where(*parser, token),
                message(*parser, token, e));
  throw SyntaxAbort{};
}

// The token's span; for an unexpected end of file, the end of the last token
// before it on the default channel, since the file's last lines may be blank.
Span SyntaxErrorListener::where(antlr4::Parser& parser, antlr4::Token* token) const {
  if (token->getType() != antlr4::Token::EOF) return index_.span(token->getStartIndex(), token->getStopIndex() + 1);
  antlr4::Token* last = neighbour(parser, token, -1);
  if (last == nullptr) return {};
  uint32_t end = index_.byte_offset(last->getStopIndex() + 1);
  return {end, end};
}

std::string SyntaxErrorListener::message(antlr4::Parser& parser, antlr4::Token* token, std::exception_ptr e) const {
  if (token->getType() == P::UNKNOWN_CHAR) {
    std::string text = token->getText();
    return unexpected_character(text) + (text == "." ? dot_hint(parser, token) : "");
  }
  std::string hint = token_hint(parser, token);
  std::vector<std::string> expected;
  // After `=>`, `=<` or `<>` the hint says what to write; the list would not.
  bool replaces_list = !hint.empty() && hint.find("`==`") == std::string::npos;
  if (!replaces_list && !prediction_started_earlier(e, token)) {
    expected = expected_names(parser);
  } else if (dynamic_cast<P::DecideBranchContext*>(parser.getContext())) {
    // A branch whose outcome is followed by neither `when` nor `otherwise`.
    antlr4::Token* outcome = neighbour(parser, token, -1);
    expected = {"`when` or `otherwise` after `" + (outcome ? outcome->getText() : "") + "`"};
  }
  return "unexpected " + describe_token(token) + expected_list(expected) + hint;
}

}  // namespace verdict::syntax
