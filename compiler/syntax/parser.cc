// The only translation unit that includes ANTLR headers: it runs the
// generated lexer and parser and turns the parse tree into an ast::RulesFile.
#include "compiler/syntax/parser.h"

#include <charconv>
#include <cmath>

#include "RulesLexer.h"
#include "RulesParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/utf8.h"

namespace verdict {
namespace {

using P = RulesParser;

// Thrown from the error listener to stop at the first syntax error; caught in
// parse_rules and never crosses its boundary.
struct SyntaxAbort {};

std::string describe_token(antlr4::Token* token) {
  if (token->getType() == antlr4::Token::EOF) return "end of file";
  return "`" + token->getText() + "`";
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

std::string expected_list(antlr4::Parser* parser) {
  antlr4::misc::IntervalSet set;
  try {
    set = parser->getExpectedTokens();
  } catch (...) {
    return "";
  }
  std::vector<std::string> names;
  for (ssize_t type : set.toList()) names.push_back(display_name(parser->getVocabulary(), type));
  if (names.empty() || names.size() > 6) return "";
  std::string out = "; expected ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

class ErrorListener : public antlr4::BaseErrorListener {
 public:
  ErrorListener(Diagnostics& diags, const Utf8Index& index) : diags_(diags), index_(index) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t, size_t,
                   const std::string&, std::exception_ptr) override {
    if (token == nullptr) {  // lexer errors cannot happen: UNKNOWN_CHAR catches all
      diags_.error("E001", {}, "unreadable input");
      throw SyntaxAbort{};
    }
    Span span = index_.span(token->getStartIndex(), token->getStopIndex() + 1);
    if (token->getType() == antlr4::Token::EOF) span = {span.begin, span.begin};
    if (token->getType() == P::UNKNOWN_CHAR) {
      diags_.error("E002", span, "unexpected character `" + token->getText() + "`");
    } else {
      auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
      diags_.error("E001", span,
                   "unexpected " + describe_token(token) + (parser ? expected_list(parser) : ""));
    }
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
  Span span(antlr4::Token* token) const {
    return index_.span(token->getStartIndex(), token->getStopIndex() + 1);
  }
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
        default:
          diags_.error("E004", span(node), std::string("unknown escape `\\") + next +
                                               "` in string; use `\\\"`, `\\\\`, `\\n` or `\\t`");
      }
    }
    return {value, span(node)};
  }

  ast::NumberLit number(antlr4::Token* token, const std::string& sign, Span where) {
    std::string text = sign + token->getText();
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data() + (sign == "+" ? 1 : 0),
                                     text.data() + text.size(), value);
    if (ec != std::errc() || !std::isfinite(value)) {
      diags_.error("E003", where, "number `" + text + "` is out of range");
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
        out.predicts = name(c->name());
      } else if (auto* c = dynamic_cast<P::FeaturesClauseContext*>(clause)) {
        out.features = names(c->name());
        out.features_span = span(c);
      } else if (auto* c = dynamic_cast<P::ModelReasonClauseContext*>(clause)) {
        out.reasons.push_back(
            {name(c->name()), string(c->STRING(0)), string(c->STRING(1)), span(c)});
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

  ast::ExprPtr binary(ast::ExprKind kind, antlr4::ParserRuleContext* ctx,
                      const std::vector<P::ExprContext*>& args, antlr4::Token* op) {
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
    if (text == "(" || text == "[") ++depth;
    else if (text == ")" || text == "]") depth = std::max(0, depth - 1);
    else if (text == "when" || text == "then" || text == "let" || text == "=" || text == ",")
      chain = 0;
    else if (text == "+" || text == "-" || text == "*" || text == "/" || text == "??" ||
             text == "and" || text == "or" || text == "not" || text == "<" || text == ">" ||
             text == "<=" || text == ">=" || text == "==" || text == "!=")
      ++chain;
    if (depth + chain / 4 > kMaxExpressionDepth) {
      diags.error("E005", index.span(t->getStartIndex(), t->getStopIndex() + 1),
                  "expression is nested too deeply (limit " +
                      std::to_string(kMaxExpressionDepth) + " levels)");
      return false;
    }
  }
  return true;
}

void collect_comments(antlr4::CommonTokenStream& tokens, const Utf8Index& index,
                      ast::RulesFile& out) {
  size_t last_code_line = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getType() == P::COMMENT) {
      std::string text = t->getText();
      while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
      out.comments.push_back({text, index.span(t->getStartIndex(), t->getStopIndex() + 1),
                              t->getLine() == last_code_line});
    } else if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      last_code_line = t->getLine();
    }
  }
}

}  // namespace

std::optional<ast::RulesFile> parse_rules(const SourceFile& file, Diagnostics& diags) {
  if (file.text().size() > kMaxSourceBytes) {
    diags.error("E006", {0, 0},
                "file is " + std::to_string(file.text().size()) + " bytes; the limit is " +
                    std::to_string(kMaxSourceBytes));
    return std::nullopt;
  }
  if (auto bad = find_invalid_utf8(file.text())) {
    diags.error("E002", {*bad, *bad + 1}, "file is not valid utf-8 at byte " + std::to_string(*bad));
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
