#include "compiler/ir/node.h"

namespace verdict::ir {

const char* op_name(Op op) {
  switch (op) {
    case Op::ConstNumber: return "const.number";
    case Op::ConstBool: return "const.bool";
    case Op::ConstString: return "const.string";
    case Op::ConstEnum: return "const.enum";
    case Op::ConstMissing: return "const.missing";
    case Op::Field: return "field";
    case Op::Derived: return "derived";
    case Op::Final: return "final";
    case Op::Human: return "human";
    case Op::Neg: return "neg";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Gt: return "gt";
    case Op::Ge: return "ge";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Not: return "not";
    case Op::Coalesce: return "coalesce";
    case Op::In: return "in";
    case Op::NotIn: return "not_in";
    case Op::IsMissing: return "is_missing";
    case Op::IsNotMissing: return "is_not_missing";
    case Op::Min: return "min";
    case Op::Max: return "max";
    case Op::Abs: return "abs";
    case Op::Clamp: return "clamp";
    case Op::Log: return "log";
    case Op::Exp: return "exp";
    case Op::Round: return "round";
    case Op::StartsWith: return "starts_with";
    case Op::EndsWith: return "ends_with";
    case Op::Contains: return "contains";
  }
  return "?";
}

bool is_arithmetic(Op op) {
  switch (op) {
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Log: return true;
    default: return false;
  }
}

}  // namespace verdict::ir
