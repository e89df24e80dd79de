#include "compiler/format/expr_printer.h"

namespace verdict::formatting {
namespace {

using ast::Expr;
using ast::ExprKind;
using ast::Precedence;

// Binding strength of `e`'s form (ast::Precedence, from the operator table
// for binary operators).
Precedence level(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Binary: return ast::precedence(e.op);
    case ExprKind::Not: return Precedence::Not;
    case ExprKind::IsMissing: return Precedence::Missing;
    case ExprKind::In: return Precedence::In;
    case ExprKind::Neg: return Precedence::Neg;
    default: return Precedence::Primary;
  }
}

// The level just above `p`. PRECONDITION: p is a binary operator's level.
Precedence tighter(Precedence p) { return static_cast<Precedence>(static_cast<int>(p) + 1); }

std::string print(const Expr& e);

std::string parenthesized(const Expr& e) { return "(" + print(e) + ")"; }

// An operand that must bind at least as tightly as `min_level`. A looser
// operand, `not` included (its operand would swallow what follows), gets
// parentheses.
std::string operand(const Expr& e, Precedence min_level) { return level(e) < min_level ? parenthesized(e) : print(e); }

std::string join(const std::vector<ast::ExprPtr>& args, size_t first) {
  std::string out;
  for (size_t i = first; i < args.size(); ++i) {
    if (i > first) out += ", ";
    out += print(*args[i]);
  }
  return out;
}

// Binary operators are left-associative except `??`; an operand on the
// associative side may share the operator's level, the other side may not.
std::string binary(const Expr& e) {
  const ast::BinaryOpInfo& op = ast::binary_op_info(e.op);
  Precedence own = op.precedence;
  bool right_assoc = op.associativity == ast::Associativity::Right;
  return operand(*e.args[0], right_assoc ? tighter(own) : own) + " " + std::string(op.spelling) + " " +
         operand(*e.args[1], right_assoc ? own : tighter(own));
}

// `-x`; a nested minus is `- -x`, spaced rather than parenthesized, so the
// output nests no deeper than the input did (`-(-(...))` pushed a long
// chain of minus signs past the parser's nesting limit: fuzz target rules).
std::string negation(const Expr& e) {
  const Expr& inner = *e.args[0];
  return "-" + (inner.kind == ExprKind::Neg ? " " + negation(inner) : operand(inner, Precedence::Neg));
}

// expr 'not'? 'in' '[' expr (',' expr)* ']'
std::string in_list(const Expr& e) {
  return operand(*e.args[0], Precedence::In) + (e.negated ? " not in [" : " in [") + join(e.args, 1) + "]";
}

// expr 'is' 'not'? 'missing'
std::string is_missing(const Expr& e) {
  return operand(*e.args[0], Precedence::Missing) + (e.negated ? " is not missing" : " is missing");
}

std::string print(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number: return e.text;
    case ExprKind::String: return quote(e.text);
    case ExprKind::Bool: return e.boolean ? "true" : "false";
    case ExprKind::Name: return e.text;
    case ExprKind::Call: return e.text + "(" + join(e.args, 0) + ")";
    case ExprKind::Neg: return negation(e);
    case ExprKind::Not: return "not " + operand(*e.args[0], Precedence::Not);
    case ExprKind::In: return in_list(e);
    case ExprKind::IsMissing: return is_missing(e);
    case ExprKind::Binary: return binary(e);
  }
  return "";
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
