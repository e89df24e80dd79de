#pragma once
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/source/span.h"
#include "compiler/syntax/operators.h"

// The syntax tree of one rules file, as written: names are unresolved and
// nothing is typed. Built by parse_rules(); read by the checker and the
// formatter. Every node carries the span of the text it came from.
namespace verdict::ast {

struct Ident {
  std::string name;
  Span span;
};

struct StringLit {
  std::string value;  // escapes resolved
  Span span;
};

// A number as written, so the formatter can print `0.70` back unchanged.
struct NumberLit {
  double value = 0;
  std::string text;  // including a leading sign when one was written
  Span span;
};

enum class ExprKind {
  Number,     // number
  String,     // text
  Bool,       // boolean
  Name,       // text: a field, let, segment, enum member or built-in score
  Neg,        // args[0]
  Not,        // args[0]
  Binary,     // args[0] op args[1]
  In,         // args[0] [not] in [args[1..]]
  IsMissing,  // args[0] is [not] missing
  Call,       // text(args...)
};

struct Expr {
  ExprKind kind;
  Span span;
  std::string text;             // Name, String value, Call function name, Number text
  BinaryOp op = BinaryOp::Add;  // Binary
  double number = 0;            // Number
  bool boolean = false;         // Bool
  bool negated = false;         // In, IsMissing
  Span name_span;               // Call: the function name
  std::vector<std::unique_ptr<Expr>> args;
};
using ExprPtr = std::unique_ptr<Expr>;

enum class TypeKind { Number, Bool, String, Enum };

struct TypeRef {
  TypeKind kind = TypeKind::Number;
  std::vector<Ident> members;  // Enum only, in declaration order
  Span span;
};

struct FieldDecl {
  Ident name;
  TypeRef type;
  bool optional = false;
  std::vector<Ident> annotations;       // `@pii`
  std::vector<StringLit> descriptions;  // the checker allows at most one
  Span span;
};

struct RulesetDecl {
  Ident name;
  Span span;
};
struct VersionDecl {
  StringLit version;
  Span span;
};
struct OutcomesDecl {
  std::vector<Ident> outcomes;
  Span span;
};
struct PointsDecl {
  NumberLit base, scale_min, scale_max;
  Span span;
};
struct InputDecl {
  Ident name;
  std::vector<FieldDecl> fields;
  Span span;
};
struct OutputDecl {
  Ident name;
  TypeRef type;
  ExprPtr default_value;
  Span span;
};
struct LetDecl {
  Ident name;
  ExprPtr value;
  Span span;
};
struct SegmentDecl {
  Ident name;
  ExprPtr when;
  Span span;
};

// `reason FEATURE [lowers|raises] "CODE" "text"`: given when the feature moves
// the final score in that direction (`lowers` when not written).
struct ModelReason {
  Ident feature;
  bool raises = false;
  StringLit code;
  StringLit text;
  Span span;
};

// A `predicts` or `features` clause given again after the first one; the
// AST keeps the first, the checker reports the rest (E503).
struct RepeatedClause {
  std::string keyword;  // "predicts" or "features"
  Span span;            // the repeated clause
  Span first;           // the clause that counts
};

struct ModelDecl {
  Ident name;
  StringLit file;
  std::optional<Ident> predicts;
  bool predicts_not = false;  // `predicts not bad`: the score is 1 - P(bad)
  Span predicts_span;
  std::vector<Ident> features;
  Span features_span;
  std::vector<ModelReason> reasons;
  std::vector<RepeatedClause> repeated;
  Span span;
};

enum class ActionKind { Points, Tag, Reason, Outcome, Output };

struct Action {
  ActionKind kind;
  Span span;
  NumberLit points;                   // Points
  StringLit tag;                      // Tag
  StringLit code, text;               // Reason
  Ident target;                       // Outcome: the outcome; Output: the output
  ExprPtr value;                      // Output
  std::optional<NumberLit> priority;  // Output
};

struct RuleDecl {
  Ident name;
  std::optional<StringLit> description;
  ExprPtr when;
  std::vector<Action> actions;
  Span span;
};

struct DecideBranch {
  Ident outcome;
  ExprPtr when;  // null for `otherwise`
  Span span;
};

struct DecideDecl {
  std::vector<DecideBranch> branches;
  Span span;
};

using Item = std::variant<VersionDecl, OutcomesDecl, PointsDecl, InputDecl, OutputDecl, LetDecl, ModelDecl, SegmentDecl,
                          RuleDecl, DecideDecl>;

// A comment as written, `#` included. `trailing` is true when code precedes
// it on the same line.
struct Comment {
  std::string text;
  Span span;
  bool trailing = false;
};

struct RulesFile {
  RulesetDecl ruleset;
  std::vector<Item> items;        // in file order
  std::vector<Comment> comments;  // in file order
};

}  // namespace verdict::ast
