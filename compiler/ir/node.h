#pragma once
#include <cstdint>

#include "compiler/ir/type.h"
#include "compiler/source/span.h"

namespace verdict::ir {

// INVARIANT: a node's arguments always have smaller indices than the node
// (post-order), so evaluating Program::nodes front to back is valid.
enum class Op : uint8_t {
  ConstNumber,
  ConstBool,
  ConstString,
  ConstEnum,
  ConstMissing,
  Field,    // index = field
  Derived,  // index = let or segment (Program::derived)
  Final,
  Human,  // decide-phase scores
  Neg,
  Add,
  Sub,
  Mul,
  Div,
  Lt,
  Le,
  Gt,
  Ge,
  Eq,
  Ne,
  And,
  Or,
  Not,
  Coalesce,
  In,
  NotIn,
  IsMissing,
  IsNotMissing,
  Min,
  Max,
  Abs,
  Clamp,
  Log,
  Exp,
  Round,
  StartsWith,
  EndsWith,
  Contains,
};

const char* op_name(Op op);
bool is_arithmetic(Op op);  // may produce an undefined (missing) result from present operands

// Which declaration a node belongs to: every node carries its owner so a
// trace event can name the rule (or let, segment, output) it happened in.
enum class OwnerKind : uint8_t { Derived, Rule, OutputDefault, Decide };
struct Owner {
  OwnerKind kind = OwnerKind::Rule;
  uint32_t index = 0;
};

struct Node {
  Op op = Op::ConstMissing;
  Type type;
  Span span;
  Owner owner;
  uint32_t first_arg = 0;  // into Program::args
  uint32_t arg_count = 0;
  // Field/Derived: the index. ConstEnum: the member code. ConstString: the
  // string id in Program::strings. ConstBool: 0/1. Arithmetic: event slot.
  int32_t index = -1;
  double number = 0;  // ConstNumber
};

}  // namespace verdict::ir
