#include "compiler/eval/node_eval.h"

#include <cmath>

namespace verdict {
namespace {

using ir::Op;
using Kind = Value::Kind;

class NodeEval {
 public:
  NodeEval(const ir::Node& n, const std::vector<Value>& values, const EvalEnv& env)
      : n_(n), values_(values), env_(env) {}

  const Value& arg(uint32_t k) const { return values_[env_.program.arg(n_, k)]; }

  bool any_missing() const {
    for (uint32_t k = 0; k < n_.arg_count; ++k) {
      if (arg(k).is_missing()) return true;
    }
    return false;
  }

  Value run() const {
    switch (n_.op) {
      case Op::ConstNumber: return Value::of_number(n_.number);
      case Op::ConstBool: return Value::of_bool(n_.index != 0);
      case Op::ConstString: return Value::of_string(env_.program.strings[n_.index]);
      case Op::ConstEnum: return Value::of_enum(n_.index);
      case Op::ConstMissing: return Value::missing();
      case Op::Field: return env_.frame ? env_.frame->value(env_.program, n_.index) : Value::missing();
      case Op::Derived: return env_.derived ? (*env_.derived)[n_.index] : Value::missing();
      case Op::Final: return Value::of_number(env_.final);
      case Op::Human: return Value::of_number(env_.human);
      case Op::Neg: return any_missing() ? Value::missing() : Value::of_number(-arg(0).number);
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Log: return arithmetic();
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge:
      case Op::Eq:
      case Op::Ne: return compare();
      case Op::And: return logic_and();
      case Op::Or: return logic_or();
      case Op::Not: return any_missing() ? Value::missing() : Value::of_bool(!arg(0).boolean);
      case Op::Coalesce: return arg(0).is_missing() ? arg(1) : arg(0);
      case Op::In: return membership();
      case Op::NotIn: return negate(membership());
      case Op::IsMissing: return Value::of_bool(arg(0).is_missing());
      case Op::IsNotMissing: return Value::of_bool(!arg(0).is_missing());
      case Op::Min:
      case Op::Max:
      case Op::Abs:
      case Op::Clamp:
      case Op::Exp:
      case Op::Round: return numeric_function();
      case Op::StartsWith:
      case Op::EndsWith:
      case Op::Contains: return string_function();
    }
    return Value::missing();
  }

 private:
  // Missing operands give missing silently; a missing result from present
  // operands (x/0, inf-inf, log(-1)) is recorded as an event.
  Value arithmetic() const {
    if (any_missing()) return Value::missing();
    double a = arg(0).number;
    double b = n_.arg_count > 1 ? arg(1).number : 0;
    double r = 0;
    switch (n_.op) {
      case Op::Add: r = a + b; break;
      case Op::Sub: r = a - b; break;
      case Op::Mul: r = a * b; break;
      case Op::Div:
        if (b == 0) return event(EventKind::DivisionByZero);
        r = a / b;
        break;
      default: r = std::log(a); break;
    }
    return std::isnan(r) ? event(EventKind::Undefined) : Value::of_number(r);
  }

  Value event(EventKind kind) const {
    if (env_.events != nullptr && n_.index >= 0) (*env_.events)[n_.index] = kind;
    return Value::missing();
  }

  static bool equal(const Value& a, const Value& b) {
    switch (a.kind) {
      case Kind::Number: return a.number == b.number;
      case Kind::Bool: return a.boolean == b.boolean;
      case Kind::Enum: return a.code == b.code;
      case Kind::String: return a.text == b.text;
      case Kind::Missing: return false;
    }
    return false;
  }

  Value compare() const {
    if (any_missing()) return Value::missing();
    const Value& a = arg(0);
    const Value& b = arg(1);
    switch (n_.op) {
      case Op::Lt: return Value::of_bool(a.number < b.number);
      case Op::Le: return Value::of_bool(a.number <= b.number);
      case Op::Gt: return Value::of_bool(a.number > b.number);
      case Op::Ge: return Value::of_bool(a.number >= b.number);
      case Op::Eq: return Value::of_bool(equal(a, b));
      default: return Value::of_bool(!equal(a, b));
    }
  }

  // Kleene logic: false dominates `and`, true dominates `or`.
  Value logic_and() const {
    if (arg(0).is_false() || arg(1).is_false()) return Value::of_bool(false);
    if (any_missing()) return Value::missing();
    return Value::of_bool(true);
  }

  Value logic_or() const {
    if (arg(0).is_true() || arg(1).is_true()) return Value::of_bool(true);
    if (any_missing()) return Value::missing();
    return Value::of_bool(false);
  }

  static Value negate(const Value& v) { return v.is_missing() ? v : Value::of_bool(!v.boolean); }

  // SQL semantics: a match is true; otherwise a missing element makes the
  // answer unknown; otherwise false.
  Value membership() const {
    if (arg(0).is_missing()) return Value::missing();
    bool saw_missing = false;
    for (uint32_t k = 1; k < n_.arg_count; ++k) {
      if (arg(k).is_missing())
        saw_missing = true;
      else if (equal(arg(0), arg(k)))
        return Value::of_bool(true);
    }
    return saw_missing ? Value::missing() : Value::of_bool(false);
  }

  // min/max keep the earlier argument on ties and treat -0 and +0 as equal,
  // a definition every backend reproduces exactly.
  Value numeric_function() const {
    if (any_missing()) return Value::missing();
    double r = arg(0).number;
    switch (n_.op) {
      case Op::Min:
        for (uint32_t k = 1; k < n_.arg_count; ++k) r = arg(k).number < r ? arg(k).number : r;
        break;
      case Op::Max:
        for (uint32_t k = 1; k < n_.arg_count; ++k) r = arg(k).number > r ? arg(k).number : r;
        break;
      case Op::Abs: r = std::fabs(r); break;
      case Op::Clamp:
        r = arg(1).number > r ? arg(1).number : r;
        r = arg(2).number < r ? arg(2).number : r;
        break;
      case Op::Exp: r = std::exp(r); break;
      default: r = std::round(r); break;
    }
    return Value::of_number(r);
  }

  Value string_function() const {
    if (any_missing()) return Value::missing();
    std::string_view s = arg(0).text, part = arg(1).text;
    switch (n_.op) {
      case Op::StartsWith: return Value::of_bool(s.starts_with(part));
      case Op::EndsWith: return Value::of_bool(s.ends_with(part));
      default: return Value::of_bool(s.find(part) != std::string_view::npos);
    }
  }

  const ir::Node& n_;
  const std::vector<Value>& values_;
  const EvalEnv& env_;
};

}  // namespace

Value eval_node(const ir::Node& node, const std::vector<Value>& values, const EvalEnv& env) {
  return NodeEval(node, values, env).run();
}

}  // namespace verdict
