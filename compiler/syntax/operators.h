#pragma once
#include <optional>
#include <string_view>

// The operators of the rule language: one table maps each binary operator to
// its spelling, its binding strength and its associativity. The parser reads
// operators through it, the formatter prints them from it and lowering names
// them in messages with it; none of them matches operator text of its own.
namespace verdict::ast {

// Binding strength of every expression form, loosest first, in the reverse
// order of the alternatives of `expr` in Rules.g4 (ANTLR gives the first
// alternative the tightest binding). The forms that are not binary operators
// (`not`, `is missing`, `in`, unary `-`, primaries) have a level here too so
// that the formatter can compare any two.
enum class Precedence : int { Or = 1, And, Not, Missing, In, Compare, Coalesce, Add, Mul, Neg, Primary };

enum class BinaryOp { Mul, Div, Add, Sub, Coalesce, Lt, Le, Gt, Ge, Eq, Ne, And, Or };

// Left: `a - b - c` is `(a - b) - c`. Right: `a ?? b ?? c` is `a ?? (b ?? c)`.
enum class Associativity { Left, Right };

struct BinaryOpInfo {
  BinaryOp op;
  std::string_view spelling;  // as written in a rules file
  Precedence precedence;
  Associativity associativity;
};

const BinaryOpInfo& binary_op_info(BinaryOp op);
inline std::string_view spelling(BinaryOp op) { return binary_op_info(op).spelling; }
inline Precedence precedence(BinaryOp op) { return binary_op_info(op).precedence; }

// The operator written `text`, or nullopt for any other text.
std::optional<BinaryOp> binary_op_spelled(std::string_view text);

}  // namespace verdict::ast
