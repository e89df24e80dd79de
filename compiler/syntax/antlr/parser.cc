// The driver of the parse: checks the input's size and encoding, lexes it,
// enforces the nesting limit, runs the generated parser with the syntax
// error listener, and builds the AST. Only compiler/syntax/antlr/ sees the
// ANTLR runtime and the generated parser (tests/layering/layers.toml);
// parser.h, its public face, has none of it.
#include "compiler/syntax/parser.h"

#include <cstdio>
#include <string>

#include "RulesLexer.h"
#include "RulesParser.h"
#include "antlr4-runtime.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/antlr/ast_builder.h"
#include "compiler/syntax/antlr/comments.h"
#include "compiler/syntax/antlr/nesting_limit.h"
#include "compiler/syntax/antlr/syntax_error_listener.h"
#include "compiler/syntax/code_point_index.h"

namespace verdict {
namespace {

// False, after reporting E006 or E002, for a file too large to parse or not
// valid UTF-8 (which CodePointIndex and the lexer require).
bool acceptable_input(const SourceFile& file, Diagnostics& diags) {
  if (file.text().size() > kMaxSourceBytes) {
    diags.report(
        code::E006, {0, 0},
        "file is " + std::to_string(file.text().size()) + " bytes; the limit is " + std::to_string(kMaxSourceBytes));
    return false;
  }
  if (auto bad = find_invalid_utf8(file.text())) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(file.text()[*bad]));
    diags.report(code::E002, {*bad, *bad + 1},
                 "file is not valid utf-8: byte " + std::string(byte) + " at offset " + std::to_string(*bad) +
                     " does not start a well-formed character");
    return false;
  }
  return true;
}

// The file's AST, or nullopt after reporting why not. Throws SyntaxAbort
// after the first syntax error, and UnknownParseTree or an ANTLR exception
// when the parser itself fails.
std::optional<ast::RulesFile> lex_parse_build(const SourceFile& file, const syntax::CodePointIndex& index,
                                              Diagnostics& diags) {
  antlr4::ANTLRInputStream input(file.text());
  RulesLexer lexer(&input);
  lexer.removeErrorListeners();  // every character lexes: UNKNOWN_CHAR takes the rest
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (!syntax::within_nesting_limit(tokens, index, diags)) return std::nullopt;
  RulesParser parser(&tokens);
  syntax::SyntaxErrorListener listener(diags, index);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  RulesParser::FileContext* tree = parser.file();
  ast::RulesFile out = syntax::AstBuilder(index, diags).file(tree);
  syntax::collect_comments(tokens, index, out);
  return out;
}

}  // namespace

std::optional<ast::RulesFile> parse_rules(const SourceFile& file, Diagnostics& diags) {
  if (!acceptable_input(file, diags)) return std::nullopt;
  syntax::CodePointIndex index(file.text());
  size_t errors_before = diags.error_count();
  try {
    std::optional<ast::RulesFile> out = lex_parse_build(file, index, diags);
    // Literal errors (E003, E004) do not stop the parse, but the tree is not returned.
    if (diags.error_count() > errors_before) return std::nullopt;
    return out;
  } catch (const syntax::SyntaxAbort&) {
    return std::nullopt;
  } catch (const std::exception& e) {
    diags.report_unlocated(code::E900, std::string("internal error: the parser failed: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace verdict
