// The only translation unit that includes ANTLR headers: it runs the
// generated lexer and parser and turns the parse tree into an ast::RulesFile.
#include "compiler/syntax/parser.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "RulesLexer.h"
#include "RulesParser.h"
#include "antlr4-runtime.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/utf8.h"

namespace verdict {
namespace {

using P = RulesParser;

// Thrown from the error listener to stop at the first syntax error; caught in
// parse_rules and never crosses its boundary.
struct SyntaxAbort {};

std::string describe_token(antlr4::Token* token) {
  if (token->getType() == antlr4::Token::EOF) return "end of file";
  if (token->getType() == P::STRING) return "string `" + printable(token->getText()) + "`";
  if (token->getType() == P::NUMBER) return "number `" + printable(token->getText()) + "`";
  return "`" + printable(token->getText()) + "`";
}

std::string display_name(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  if (type == static_cast<size_t>(antlr4::Token::EOF)) return "end of file";
  std::string literal = vocab.getLiteralName(type);
  if (literal.size() >= 2) return "`" + literal.substr(1, literal.size() - 2) + "`";
  std::string symbolic = vocab.getSymbolicName(type);
  if (symbolic == "NUMBER") return "a number";
  if (symbolic == "STRING") return "a string";
  if (symbolic == "IDENT") return "a name";
  return symbolic;
}

// Words the grammar accepts as names too (`name` in Rules.g4): when a name is
// expected they are not listed one by one.
bool soft_keyword(const std::string& display) {
  for (const char* word : {"`base`", "`scale`", "`xgboost`", "`predicts`", "`features`", "`priority`", "`version`",
                           "`outcomes`", "`tag`", "`lowers`", "`raises`"}) {
    if (display == word) return true;
  }
  return false;
}

// The expected tokens in words, grouping the starts of an expression and of
// an action; empty when there are too many to be useful.
std::vector<std::string> expected_names(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet set;
  try {
    set = parser->getExpectedTokens();
  } catch (...) {
    return {};
  }
  std::vector<std::string> names;
  for (ssize_t type : set.toList()) names.push_back(display_name(parser->getVocabulary(), type));
  auto has = [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  auto drop = [&](std::initializer_list<const char*> gone) {
    for (const char* g : gone) names.erase(std::remove(names.begin(), names.end(), g), names.end());
  };
  bool name = has("a name"), expression = name && has("a number") && has("a string") && has("`(`");
  bool action = name && has("`points`") && has("`reason`");
  if (name) names.erase(std::remove_if(names.begin(), names.end(), soft_keyword), names.end());
  if (expression) {
    drop({"a name", "a number", "a string", "`(`", "`-`", "`not`", "`true`", "`false`"});
    names.push_back("an expression");
  }
  if (action) {
    drop({"a name", "`points`", "`reason`"});
    names.push_back("an action (`points`, `tag`, `reason`, an outcome or `OUTPUT = value`)");
  }
  if (names.size() > 6) return {};
  return names;
}

std::string expected_list(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string out = "; expected ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// "`ñ` (U+00F1)" for one character of the source.
std::string code_point_name(char32_t cp, const std::string& text) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
  if (cp < 0x20 || cp == 0x7F) return std::string(hex);
  if (cp == 0xA0) return std::string(hex) + " (no-break space)";
  if (cp == 0x200B) return std::string(hex) + " (zero-width space)";
  if (cp == 0xFEFF) return std::string(hex) + " (byte order mark)";
  if (cp < 0x80) return "`" + text + "`";
  return "`" + text + "` (" + hex + ")";
}

// E002 for a character no token starts with, with a hint for the common
// slips (C operators, other quote marks, an unclosed string).
std::string unexpected_character(const std::string& text) {
  if (text == "\"") return "string is not closed; a string ends with `\"` on the same line";
  char32_t cp = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
  if (int length = text.empty() ? 0 : utf8_sequence_length(text, 0); length > 1) {
    cp = utf8_decode(text, 0, length);
  }
  std::string out = "unexpected character " + code_point_name(cp, text);
  if (cp == '&') return out + "; use `and`";
  if (cp == '|') return out + "; use `or`";
  if (cp == '!') return out + "; use `not`, or `!=` to compare";
  if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D) {
    return out + "; strings are written in straight double quotes: `\"text\"`";
  }
  if (cp >= 0x80) return out + "; outside strings and comments only ascii is allowed";
  return out;
}

// The end of the last token before `token` on the default channel: where an
// unexpected end of file is reported, since the file's last line may be blank.
Span end_of_previous_token(antlr4::Parser* parser, antlr4::Token* token, const Utf8Index& index) {
  if (parser == nullptr) return {};
  antlr4::TokenStream* tokens = parser->getTokenStream();
  for (size_t i = token->getTokenIndex(); i-- > 0;) {
    antlr4::Token* t = tokens->get(i);
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      uint32_t end = index.byte_offset(t->getStopIndex() + 1);
      return {end, end};
    }
  }
  return {};
}

// The default-channel token `step` tokens away from `token` (-1: the one
// before), or null at either end of the stream.
antlr4::Token* neighbour(antlr4::Parser* parser, antlr4::Token* token, int step) {
  antlr4::TokenStream* tokens = parser->getTokenStream();
  size_t size = tokens->size();
  for (size_t i = token->getTokenIndex(); step < 0 ? i > 0 : i + 1 < size;) {
    i += step;
    antlr4::Token* t = tokens->get(i);
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return t;
  }
  return nullptr;
}

bool adjacent(antlr4::Token* a, antlr4::Token* b) {
  return a != nullptr && b != nullptr && a->getStopIndex() + 1 == b->getStartIndex();
}

// True when `token` is in a condition: the nearest clause keyword before it
// is `when` (a `rule`, `segment` or `decide` condition).
bool in_condition(antlr4::Parser* parser, antlr4::Token* token) {
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

// A hint for a token that another language would accept there.
std::string token_hint(antlr4::Parser* parser, antlr4::Token* token) {
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

// A hint for an unexpected `.` next to a number.
std::string dot_hint(antlr4::Parser* parser, antlr4::Token* token) {
  antlr4::Token* next = neighbour(parser, token, 1);
  antlr4::Token* previous = neighbour(parser, token, -1);
  if (adjacent(token, next) && next->getType() == P::NUMBER) {
    return "; write a digit before the decimal point, as in `0" + token->getText() + next->getText() + "`";
  }
  if (adjacent(previous, token) && previous->getType() == P::NUMBER) {
    return "; write a digit after the decimal point, as in `" + previous->getText() + ".0`";
  }
  return "";
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

class ErrorListener : public antlr4::BaseErrorListener {
 public:
  ErrorListener(Diagnostics& diags, const Utf8Index& index) : diags_(diags), index_(index) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t, size_t, const std::string&,
                   std::exception_ptr e) override {
    if (token == nullptr) {  // lexer errors cannot happen: UNKNOWN_CHAR catches all
      diags_.error("E001", {}, "unreadable input");
      throw SyntaxAbort{};
    }
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    Span span = index_.span(token->getStartIndex(), token->getStopIndex() + 1);
    if (token->getType() == antlr4::Token::EOF) span = end_of_previous_token(parser, token, index_);
    if (token->getType() == P::UNKNOWN_CHAR) {
      std::string message = unexpected_character(token->getText());
      if (parser && token->getText() == ".") message += dot_hint(parser, token);
      diags_.error("E002", span, message);
      throw SyntaxAbort{};
    }
    std::string hint = parser ? token_hint(parser, token) : "";
    std::vector<std::string> expected;
    // After `=>`, `=<` or `<>` the hint says what to write; the list would not.
    bool replaces_list = !hint.empty() && hint.find("`==`") == std::string::npos;
    if (parser && !replaces_list && !prediction_started_earlier(e, token)) {
      expected = expected_names(parser);
    } else if (parser && dynamic_cast<P::DecideBranchContext*>(parser->getContext())) {
      // A branch whose outcome is followed by neither `when` nor `otherwise`.
      antlr4::Token* outcome = neighbour(parser, token, -1);
      expected = {"`when` or `otherwise` after `" + (outcome ? outcome->getText() : "") + "`"};
    }
    std::string message = "unexpected " + describe_token(token) + expected_list(expected) + hint;
    diags_.error("E001", span, message);
    throw SyntaxAbort{};
  }

 private:
  Diagnostics& diags_;
  const Utf8Index& index_;
};

// Builds AST nodes from parse-tree contexts, one function per grammar rule.
class AstBuilder {
 public:
  AstBuilder(const Utf8Index& index, Diagnostics& diags) : index_(index), diags_(diags) {}

  Span span(antlr4::ParserRuleContext* ctx) const {
    return index_.span(ctx->getStart()->getStartIndex(), ctx->getStop()->getStopIndex() + 1);
  }
  Span span(antlr4::Token* token) const { return index_.span(token->getStartIndex(), token->getStopIndex() + 1); }
  Span span(antlr4::tree::TerminalNode* node) const { return span(node->getSymbol()); }

  // name : IDENT | soft keyword
  ast::Ident name(P::NameContext* ctx) const { return {ctx->getText(), span(ctx)}; }

  std::vector<ast::Ident> names(const std::vector<P::NameContext*>& ctxs) const {
    std::vector<ast::Ident> out;
    for (auto* ctx : ctxs) out.push_back(name(ctx));
    return out;
  }

  // STRING : '"' ... '"'
  ast::StringLit string(antlr4::tree::TerminalNode* node) {
    std::string raw = node->getText();
    Span where = span(node);
    std::string value;
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
      if (raw[i] != '\\') {
        value += raw[i];
        continue;
      }
      char next = raw[++i];
      switch (next) {
        case 'n': value += '\n'; break;
        case 't': value += '\t'; break;
        case '"': value += '"'; break;
        case '\\': value += '\\'; break;
        default: unknown_escape(raw, i, where.begin);
      }
    }
    return {value, where};
  }

  // E004 on the two characters `\x` of an unknown escape; raw[at] is the
  // character after the backslash and `base` the byte offset of raw[0].
  void unknown_escape(const std::string& raw, size_t at, uint32_t base) {
    int length = std::max(1, utf8_sequence_length(raw, at));
    std::string escape = "\\" + printable(raw.substr(at, length));
    Span where{base + static_cast<uint32_t>(at - 1), base + static_cast<uint32_t>(at + length)};
    diags_.error("E004", where,
                 "unknown escape `" + escape + "` in string; use `\\\"`, `\\\\`, `\\n` or `\\t`" +
                     (raw[at] == 'x' || raw[at] == 'u' ? " (there are no numeric escapes)" : ""));
  }

  ast::NumberLit number(antlr4::Token* token, const std::string& sign, Span where) {
    std::string text = sign + token->getText();
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data() + (sign == "+" ? 1 : 0), text.data() + text.size(), value);
    if (ec != std::errc() || !std::isfinite(value)) {
      // strtod gives 0 or a subnormal on underflow, HUGE_VAL on overflow (the
      // program never changes the "C" locale, so `.` is the decimal point).
      bool tiny = std::fabs(std::strtod(text.c_str(), nullptr)) < 1;
      diags_.error("E003", where,
                   "number `" + text + "` is out of range: " +
                       (tiny ? "it is too close to zero (the smallest is about 2.2e-308)"
                             : "it is too large (the largest is about 1.8e308)"));
      value = 0;
    }
    return {value, text, where};
  }

  // signedNumber : ('+' | '-')? NUMBER
  ast::NumberLit signed_number(P::SignedNumberContext* ctx) {
    return number(ctx->NUMBER()->getSymbol(), ctx->sign ? ctx->sign->getText() : "", span(ctx));
  }

  ast::RulesFile file(P::FileContext* ctx) {
    ast::RulesFile out;
    out.ruleset = {name(ctx->rulesetDecl()->name()), span(ctx->rulesetDecl())};
    for (auto* item_ctx : ctx->item()) out.items.push_back(item(item_ctx));
    return out;
  }

  ast::Item item(P::ItemContext* ctx) {
    if (auto* c = ctx->versionDecl()) return ast::VersionDecl{string(c->STRING()), span(c)};
    if (auto* c = ctx->outcomesDecl()) return ast::OutcomesDecl{names(c->name()), span(c)};
    if (auto* c = ctx->pointsDecl()) return points_decl(c);
    if (auto* c = ctx->inputDecl()) return input_decl(c);
    if (auto* c = ctx->outputDecl()) {
      return ast::OutputDecl{name(c->name()), type_ref(c->typeRef()), expr(c->expr()), span(c)};
    }
    if (auto* c = ctx->letDecl()) return ast::LetDecl{name(c->name()), expr(c->expr()), span(c)};
    if (auto* c = ctx->modelDecl()) return model_decl(c);
    if (auto* c = ctx->segmentDecl()) {
      return ast::SegmentDecl{name(c->name()), expr(c->expr()), span(c)};
    }
    if (auto* c = ctx->ruleDecl()) return rule_decl(c);
    return decide_decl(ctx->decideDecl());
  }

  // pointsDecl : 'points' 'base' signedNumber 'scale' signedNumber '..' signedNumber
  ast::PointsDecl points_decl(P::PointsDeclContext* ctx) {
    auto nums = ctx->signedNumber();
    return {signed_number(nums[0]), signed_number(nums[1]), signed_number(nums[2]), span(ctx)};
  }

  // inputDecl : 'input' name '{' fieldDecl* '}'
  ast::InputDecl input_decl(P::InputDeclContext* ctx) {
    ast::InputDecl out{name(ctx->name()), {}, span(ctx)};
    for (auto* f : ctx->fieldDecl()) out.fields.push_back(field_decl(f));
    return out;
  }

  // fieldDecl : name ':' typeRef '?'? fieldAttr*
  ast::FieldDecl field_decl(P::FieldDeclContext* ctx) {
    ast::FieldDecl out;
    out.name = name(ctx->name());
    out.type = type_ref(ctx->typeRef());
    out.optional = ctx->optional != nullptr;
    for (auto* attr : ctx->fieldAttr()) {
      if (attr->STRING()) {
        out.descriptions.push_back(string(attr->STRING()));
      } else {
        out.annotations.push_back({attr->name()->getText(), span(attr)});
      }
    }
    out.span = span(ctx);
    return out;
  }

  // typeRef : 'number' | 'bool' | 'string' | 'enum' '(' name (',' name)* ')'
  ast::TypeRef type_ref(P::TypeRefContext* ctx) {
    ast::TypeRef out;
    out.span = span(ctx);
    if (dynamic_cast<P::BoolTypeContext*>(ctx)) out.kind = ast::TypeKind::Bool;
    if (dynamic_cast<P::StringTypeContext*>(ctx)) out.kind = ast::TypeKind::String;
    if (auto* e = dynamic_cast<P::EnumTypeContext*>(ctx)) {
      out.kind = ast::TypeKind::Enum;
      out.members = names(e->name());
    }
    return out;
  }

  // modelDecl : 'model' name '=' 'xgboost' STRING modelClause*
  ast::ModelDecl model_decl(P::ModelDeclContext* ctx) {
    ast::ModelDecl out;
    out.name = name(ctx->name());
    out.file = string(ctx->STRING());
    for (auto* clause : ctx->modelClause()) {
      if (auto* c = dynamic_cast<P::PredictsClauseContext*>(clause)) {
        if (out.predicts) {
          out.repeated.push_back({"predicts", span(c), out.predicts_span});
          continue;
        }
        out.predicts = name(c->name());
        out.predicts_not = c->negated != nullptr;
        out.predicts_span = span(c);
      } else if (auto* c = dynamic_cast<P::FeaturesClauseContext*>(clause)) {
        if (!out.features.empty()) {
          out.repeated.push_back({"features", span(c), out.features_span});
          continue;
        }
        out.features = names(c->name());
        out.features_span = span(c);
      } else if (auto* c = dynamic_cast<P::ModelReasonClauseContext*>(clause)) {
        bool raises = c->direction && c->direction->getText() == "raises";
        out.reasons.push_back({name(c->name()), raises, string(c->STRING(0)), string(c->STRING(1)), span(c)});
      }
    }
    out.span = span(ctx);
    return out;
  }

  // ruleDecl : 'rule' name STRING? 'when' expr 'then' action (','? action)*
  ast::RuleDecl rule_decl(P::RuleDeclContext* ctx) {
    ast::RuleDecl out;
    out.name = name(ctx->name());
    if (ctx->STRING()) out.description = string(ctx->STRING());
    out.when = expr(ctx->expr());
    for (auto* a : ctx->action()) out.actions.push_back(action(a));
    out.span = span(ctx);
    return out;
  }

  ast::Action action(P::ActionContext* ctx) {
    ast::Action out;
    out.span = span(ctx);
    if (auto* c = dynamic_cast<P::PointsActionContext*>(ctx)) {
      out.kind = ast::ActionKind::Points;
      out.points = signed_number(c->signedNumber());
    } else if (auto* c = dynamic_cast<P::TagActionContext*>(ctx)) {
      out.kind = ast::ActionKind::Tag;
      out.tag = string(c->STRING());
    } else if (auto* c = dynamic_cast<P::ReasonActionContext*>(ctx)) {
      out.kind = ast::ActionKind::Reason;
      out.code = string(c->STRING(0));
      out.text = string(c->STRING(1));
    } else if (auto* c = dynamic_cast<P::OutputActionContext*>(ctx)) {
      out.kind = ast::ActionKind::Output;
      out.target = name(c->name());
      out.value = expr(c->expr());
      if (c->signedNumber()) out.priority = signed_number(c->signedNumber());
    } else {
      out.kind = ast::ActionKind::Outcome;
      auto* ident = dynamic_cast<P::OutcomeActionContext*>(ctx)->IDENT();
      out.target = {ident->getText(), span(ident)};
    }
    return out;
  }

  // decideDecl : 'decide' decideBranch+
  ast::DecideDecl decide_decl(P::DecideDeclContext* ctx) {
    ast::DecideDecl out;
    for (auto* b : ctx->decideBranch()) {
      if (auto* w = dynamic_cast<P::WhenBranchContext*>(b)) {
        out.branches.push_back({name(w->name()), expr(w->expr()), span(b)});
      } else {
        auto* o = dynamic_cast<P::OtherwiseBranchContext*>(b);
        out.branches.push_back({name(o->name()), nullptr, span(b)});
      }
    }
    out.span = span(ctx);
    return out;
  }

  ast::ExprPtr node(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) {
    auto out = std::make_unique<ast::Expr>();
    out->kind = kind;
    out->span = span(ctx);
    return out;
  }

  ast::ExprPtr with_args(ast::ExprPtr e, const std::vector<P::ExprContext*>& args) {
    for (auto* a : args) e->args.push_back(expr(a));
    return e;
  }

  ast::ExprPtr binary(ast::ExprKind kind, antlr4::ParserRuleContext* ctx, const std::vector<P::ExprContext*>& args,
                      antlr4::Token* op) {
    auto e = with_args(node(kind, ctx), args);
    if (op) e->op = op->getText();
    return e;
  }

  // expr : see Rules.g4; one branch per labelled alternative.
  ast::ExprPtr expr(P::ExprContext* ctx) {
    using K = ast::ExprKind;
    if (auto* c = dynamic_cast<P::PrimaryExprContext*>(ctx)) return primary(c->primary());
    if (auto* c = dynamic_cast<P::NegExprContext*>(ctx)) return with_args(node(K::Neg, c), {c->expr()});
    if (auto* c = dynamic_cast<P::NotExprContext*>(ctx)) return with_args(node(K::Not, c), {c->expr()});
    if (auto* c = dynamic_cast<P::MulExprContext*>(ctx)) return binary(K::Binary, c, c->expr(), c->op);
    if (auto* c = dynamic_cast<P::AddExprContext*>(ctx)) return binary(K::Binary, c, c->expr(), c->op);
    if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) return binary(K::Compare, c, c->expr(), c->op);
    if (auto* c = dynamic_cast<P::CoalesceExprContext*>(ctx)) return binary(K::Coalesce, c, c->expr(), nullptr);
    if (auto* c = dynamic_cast<P::AndExprContext*>(ctx)) return binary(K::And, c, c->expr(), nullptr);
    if (auto* c = dynamic_cast<P::OrExprContext*>(ctx)) return binary(K::Or, c, c->expr(), nullptr);
    if (auto* c = dynamic_cast<P::InExprContext*>(ctx)) {
      auto e = binary(K::In, c, c->expr(), nullptr);
      e->negated = c->negated != nullptr;
      return e;
    }
    auto* c = dynamic_cast<P::MissingExprContext*>(ctx);
    auto e = with_args(node(K::IsMissing, c), {c->expr()});
    e->negated = c->negated != nullptr;
    return e;
  }

  // primary : NUMBER | STRING | bool | name '(' args ')' | name | '(' expr ')'
  ast::ExprPtr primary(P::PrimaryContext* ctx) {
    using K = ast::ExprKind;
    if (auto* c = dynamic_cast<P::ParenExprContext*>(ctx)) {
      auto inner = expr(c->expr());
      inner->span = span(c);  // the formatter re-derives parentheses; keep the outer span
      return inner;
    }
    if (auto* c = dynamic_cast<P::NumberLitContext*>(ctx)) {
      auto e = node(K::Number, c);
      ast::NumberLit lit = number(c->NUMBER()->getSymbol(), "", e->span);
      e->number = lit.value;
      e->text = lit.text;
      return e;
    }
    if (auto* c = dynamic_cast<P::StringLitContext*>(ctx)) {
      auto e = node(K::String, c);
      e->text = string(c->STRING()).value;
      return e;
    }
    if (auto* c = dynamic_cast<P::BoolLitContext*>(ctx)) {
      auto e = node(K::Bool, c);
      e->boolean = c->getText() == "true";
      return e;
    }
    if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
      auto e = with_args(node(K::Call, c), c->expr());
      e->text = c->name()->getText();
      e->name_span = span(c->name());
      return e;
    }
    auto* c = dynamic_cast<P::NameRefContext*>(ctx);
    auto e = node(K::Name, c);
    e->text = c->getText();
    return e;
  }

 private:
  const Utf8Index& index_;
  Diagnostics& diags_;
};

// Rejects input that would make the recursive parser or tree walkers run out
// of stack: nesting deeper than kMaxExpressionDepth counted over brackets and
// operator chains between two statement keywords.
bool check_depth(antlr4::CommonTokenStream& tokens, const Utf8Index& index, Diagnostics& diags) {
  int depth = 0, chain = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    std::string text = t->getText();
    if (text == "(" || text == "[")
      ++depth;
    else if (text == ")" || text == "]")
      depth = std::max(0, depth - 1);
    else if (text == "when" || text == "then" || text == "let" || text == "=" || text == ",")
      chain = 0;
    else if (text == "+" || text == "-" || text == "*" || text == "/" || text == "??" || text == "and" ||
             text == "or" || text == "not" || text == "<" || text == ">" || text == "<=" || text == ">=" ||
             text == "==" || text == "!=")
      ++chain;
    if (depth + chain / 4 > kMaxExpressionDepth) {
      Span where = index.span(t->getStartIndex(), t->getStopIndex() + 1);
      if (chain / 4 > depth) {
        diags.error("E005", where,
                    "expression has too many operators in a row (the limit is " +
                        std::to_string(4 * kMaxExpressionDepth) + "); split it into several `let`s");
      } else {
        diags.error("E005", where,
                    "expression is nested too deeply (the limit is " + std::to_string(kMaxExpressionDepth) +
                        " levels of brackets)");
      }
      return false;
    }
  }
  return true;
}

void collect_comments(antlr4::CommonTokenStream& tokens, const Utf8Index& index, ast::RulesFile& out) {
  size_t last_code_line = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getType() == P::COMMENT) {
      std::string text = t->getText();
      while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
      out.comments.push_back(
          {text, index.span(t->getStartIndex(), t->getStopIndex() + 1), t->getLine() == last_code_line});
    } else if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      last_code_line = t->getLine();
    }
  }
}

}  // namespace

std::optional<ast::RulesFile> parse_rules(const SourceFile& file, Diagnostics& diags) {
  if (file.text().size() > kMaxSourceBytes) {
    diags.error(
        "E006", {0, 0},
        "file is " + std::to_string(file.text().size()) + " bytes; the limit is " + std::to_string(kMaxSourceBytes));
    return std::nullopt;
  }
  if (auto bad = find_invalid_utf8(file.text())) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(file.text()[*bad]));
    diags.error("E002", {*bad, *bad + 1},
                "file is not valid utf-8: byte " + std::string(byte) + " at offset " + std::to_string(*bad) +
                    " does not start a well-formed character");
    return std::nullopt;
  }
  Utf8Index index(file.text());
  size_t errors_before = diags.error_count();
  try {
    antlr4::ANTLRInputStream input(file.text());
    RulesLexer lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!check_depth(tokens, index, diags)) return std::nullopt;
    RulesParser parser(&tokens);
    ErrorListener listener(diags, index);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
    P::FileContext* tree = parser.file();
    AstBuilder builder(index, diags);
    ast::RulesFile out = builder.file(tree);
    collect_comments(tokens, index, out);
    if (diags.error_count() > errors_before) return std::nullopt;
    return out;
  } catch (const SyntaxAbort&) {
    return std::nullopt;
  } catch (const std::exception& e) {
    diags.error("E001", {0, 0}, std::string("the parser failed: ") + e.what());
    return std::nullopt;
  }
}

}  // namespace verdict
