#include "compiler/syntax/operators.h"

#include <array>

namespace verdict::ast {
namespace {

using A = Associativity;
using P = Precedence;

// INVARIANT: entry i describes the BinaryOp whose value is i.
constexpr std::array<BinaryOpInfo, 13> kBinaryOps = {{
    {BinaryOp::Mul, "*", P::Mul, A::Left},
    {BinaryOp::Div, "/", P::Mul, A::Left},
    {BinaryOp::Add, "+", P::Add, A::Left},
    {BinaryOp::Sub, "-", P::Add, A::Left},
    {BinaryOp::Coalesce, "??", P::Coalesce, A::Right},
    {BinaryOp::Lt, "<", P::Compare, A::Left},
    {BinaryOp::Le, "<=", P::Compare, A::Left},
    {BinaryOp::Gt, ">", P::Compare, A::Left},
    {BinaryOp::Ge, ">=", P::Compare, A::Left},
    {BinaryOp::Eq, "==", P::Compare, A::Left},
    {BinaryOp::Ne, "!=", P::Compare, A::Left},
    {BinaryOp::And, "and", P::And, A::Left},
    {BinaryOp::Or, "or", P::Or, A::Left},
}};

constexpr bool indexed_by_op() {
  for (size_t i = 0; i < kBinaryOps.size(); ++i) {
    if (static_cast<size_t>(kBinaryOps[i].op) != i) return false;
  }
  return static_cast<size_t>(BinaryOp::Or) + 1 == kBinaryOps.size();
}
static_assert(indexed_by_op(), "kBinaryOps lists every BinaryOp once, in declaration order");

}  // namespace

const BinaryOpInfo& binary_op_info(BinaryOp op) { return kBinaryOps[static_cast<size_t>(op)]; }

std::optional<BinaryOp> binary_op_spelled(std::string_view text) {
  for (const BinaryOpInfo& info : kBinaryOps) {
    if (info.spelling == text) return info.op;
  }
  return std::nullopt;
}

}  // namespace verdict::ast
