#include "compiler/format/expr_printer.h"

namespace verdict::formatting {
namespace {

using ast::Expr;
using ast::ExprKind;

// Binding strength of each form, loosest first, numbered as ANTLR numbers the
// alternatives of `expr` in Rules.g4 (the first alternative binds tightest).
enum Level : int { kOr = 1, kAnd, kNot, kMissing, kIn, kCompare, kCoalesce, kAdd, kMul, kNeg, kPrimary };

int level(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Or: return kOr;
    case ExprKind::And: return kAnd;
    case ExprKind::Not: return kNot;
    case ExprKind::IsMissing: return kMissing;
    case ExprKind::In: return kIn;
    case ExprKind::Compare: return kCompare;
    case ExprKind::Coalesce: return kCoalesce;
    case ExprKind::Binary: return e.op == "*" || e.op == "/" ? kMul : kAdd;
    case ExprKind::Neg: return kNeg;
    default: return kPrimary;
  }
}

std::string print(const Expr& e);

std::string parenthesized(const Expr& e) { return "(" + print(e) + ")"; }

// An operand that must bind at least as tightly as `min_level`. A looser
// operand, `not` included (its operand would swallow what follows), gets
// parentheses.
std::string operand(const Expr& e, int min_level) { return level(e) < min_level ? parenthesized(e) : print(e); }

std::string join(const std::vector<ast::ExprPtr>& args, size_t first) {
  std::string out;
  for (size_t i = first; i < args.size(); ++i) {
    if (i > first) out += ", ";
    out += print(*args[i]);
  }
  return out;
}

std::string infix_op(const Expr& e) {
  switch (e.kind) {
    case ExprKind::And: return "and";
    case ExprKind::Or: return "or";
    case ExprKind::Coalesce: return "??";
    default: return e.op;
  }
}

// Binary operators are left-associative except `??`; an operand on the
// associative side may share the operator's level, the other side may not.
std::string binary(const Expr& e) {
  int own = level(e);
  bool right_assoc = e.kind == ExprKind::Coalesce;
  return operand(*e.args[0], right_assoc ? own + 1 : own) + " " + infix_op(e) + " " +
         operand(*e.args[1], right_assoc ? own : own + 1);
}

// `-x`; a nested minus is parenthesized (`-(-x)`) rather than printed `--x`.
std::string negation(const Expr& e) {
  const Expr& inner = *e.args[0];
  return "-" + (inner.kind == ExprKind::Neg ? parenthesized(inner) : operand(inner, kNeg));
}

// expr 'not'? 'in' '[' expr (',' expr)* ']'
std::string in_list(const Expr& e) {
  return operand(*e.args[0], kIn) + (e.negated ? " not in [" : " in [") + join(e.args, 1) + "]";
}

// expr 'is' 'not'? 'missing'
std::string is_missing(const Expr& e) {
  return operand(*e.args[0], kMissing) + (e.negated ? " is not missing" : " is missing");
}

std::string print(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number: return e.text;
    case ExprKind::String: return quote(e.text);
    case ExprKind::Bool: return e.boolean ? "true" : "false";
    case ExprKind::Name: return e.text;
    case ExprKind::Call: return e.text + "(" + join(e.args, 0) + ")";
    case ExprKind::Neg: return negation(e);
    case ExprKind::Not: return "not " + operand(*e.args[0], kNot);
    case ExprKind::In: return in_list(e);
    case ExprKind::IsMissing: return is_missing(e);
    default: return binary(e);
  }
}

}  // namespace

std::string print_expr(const ast::Expr& expr) { return print(expr); }

std::string quote(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string print_type(const ast::TypeRef& type) {
  switch (type.kind) {
    case ast::TypeKind::Number: return "number";
    case ast::TypeKind::Bool: return "bool";
    case ast::TypeKind::String: return "string";
    case ast::TypeKind::Enum: break;
  }
  std::string out = "enum(";
  for (size_t i = 0; i < type.members.size(); ++i) {
    out += (i > 0 ? ", " : "") + type.members[i].name;
  }
  return out + ")";
}

}  // namespace verdict::formatting
