#include "compiler/check/expr_lowering.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "compiler/source/suggest.h"
#include "compiler/source/utf8.h"

namespace verdict::check {
namespace {

using ir::BaseType;
using ir::Op;
using K = ast::ExprKind;

const ir::Type kNumber{BaseType::Number, -1, false};
const ir::Type kBool{BaseType::Bool, -1, false};

struct Builtin {
  Op op;
  int min_args, max_args;  // max_args -1 = variadic
  BaseType arg, result;
};

const std::map<std::string, Builtin, std::less<>>& builtins() {
  static const std::map<std::string, Builtin, std::less<>> table = {
      {"min", {Op::Min, 2, -1, BaseType::Number, BaseType::Number}},
      {"max", {Op::Max, 2, -1, BaseType::Number, BaseType::Number}},
      {"abs", {Op::Abs, 1, 1, BaseType::Number, BaseType::Number}},
      {"clamp", {Op::Clamp, 3, 3, BaseType::Number, BaseType::Number}},
      {"log", {Op::Log, 1, 1, BaseType::Number, BaseType::Number}},
      {"exp", {Op::Exp, 1, 1, BaseType::Number, BaseType::Number}},
      {"round", {Op::Round, 1, 1, BaseType::Number, BaseType::Number}},
      {"starts_with", {Op::StartsWith, 2, 2, BaseType::String, BaseType::Bool}},
      {"ends_with", {Op::EndsWith, 2, 2, BaseType::String, BaseType::Bool}},
      {"contains", {Op::Contains, 2, 2, BaseType::String, BaseType::Bool}},
  };
  return table;
}

// The IR operation of a binary operator.
Op ir_op(ast::BinaryOp op) {
  using B = ast::BinaryOp;
  switch (op) {
    case B::Mul: return Op::Mul;
    case B::Div: return Op::Div;
    case B::Add: return Op::Add;
    case B::Sub: return Op::Sub;
    case B::Coalesce: return Op::Coalesce;
    case B::Lt: return Op::Lt;
    case B::Le: return Op::Le;
    case B::Gt: return Op::Gt;
    case B::Ge: return Op::Ge;
    case B::Eq: return Op::Eq;
    case B::Ne: return Op::Ne;
    case B::And: return Op::And;
    case B::Or: return Op::Or;
  }
  return Op::Or;  // unreachable: the switch covers every BinaryOp
}

// "`+`": an operator as messages quote it.
std::string quoted(ast::BinaryOp op) { return "`" + std::string(ast::spelling(op)) + "`"; }

}  // namespace

std::optional<uint32_t> ExprLowering::lower(const ast::Expr& e, const ir::Type* hint) {
  switch (e.kind) {
    case K::Number: return number(e);
    case K::String: return string(e, hint);
    case K::Bool: return emit(Op::ConstBool, kBool, e.span, {}, e.boolean ? 1 : 0);
    case K::Name: return name(e, hint);
    case K::Neg: return negate(e);
    case K::Not: return logical(e);
    case K::Binary: return binary(e);
    case K::In: return membership(e);
    case K::IsMissing: return is_missing(e);
    case K::Call: return call(e);
  }
  return std::nullopt;
}

std::optional<uint32_t> ExprLowering::lower_condition(const ast::Expr& e, const std::string& what) {
  Result root = lower(e);
  if (!root) return std::nullopt;
  if (type_of(*root).base != BaseType::Bool) {
    ctx_.diags.report(code::E205, e.span, what + " must be true or false, but this is " + describe(type_of(*root)));
    return std::nullopt;
  }
  return root;
}

ExprLowering::Result ExprLowering::number(const ast::Expr& e) {
  return emit(Op::ConstNumber, kNumber, e.span, {}, -1, e.number);
}

ExprLowering::Result ExprLowering::string(const ast::Expr& e, const ir::Type* hint) {
  if (hint == nullptr || hint->base != BaseType::Enum) {
    return emit(Op::ConstString, {BaseType::String, -1, false}, e.span, {}, intern(e.text));
  }
  if (auto code = ctx_.program.find_enum_member(hint->enum_id, e.text)) {
    return emit(Op::ConstEnum, hint->as_optional(false), e.span, {}, static_cast<int32_t>(*code));
  }
  not_a_member(e, *hint);
  return std::nullopt;
}

// E206 for a bare word or a quoted string that names no member of `type`.
void ExprLowering::not_a_member(const ast::Expr& e, const ir::Type& type) {
  const ir::EnumType& en = ctx_.program.enums[type.enum_id];
  std::string written = e.kind == K::String ? printable(ctx_.source.slice(e.span)) : e.text;
  std::string hint = ctx_.may_suggest() ? did_you_mean(e.text, en.members) : "";
  ctx_.diags.report(code::E206, e.span,
                    "`" + written + "` is not a value of `" + en.name + "`" +
                        (hint.empty() ? "; expected " + quoted_list(en.members, "or", 12) : hint));
}

ExprLowering::Result ExprLowering::name(const ast::Expr& e, const ir::Type* hint) {
  if (hint != nullptr && hint->base == BaseType::Enum) {
    if (auto code = ctx_.program.find_enum_member(hint->enum_id, e.text)) {
      return emit(Op::ConstEnum, hint->as_optional(false), e.span, {}, static_cast<int32_t>(*code));
    }
  }
  if (auto it = ctx_.values.find(e.text); it != ctx_.values.end()) return symbol(e, it->second);
  if (e.text == "final" || e.text == "human") {
    if (allow_scores_) return emit(e.text == "final" ? Op::Final : Op::Human, kNumber, e.span);
    ctx_.diags.report(code::E209, e.span, "`" + e.text + "` is the decision's score and is only known inside `decide`");
    return std::nullopt;
  }
  if (hint != nullptr && hint->base == BaseType::Enum) {
    not_a_member(e, *hint);
    return std::nullopt;
  }
  ctx_.diags.report(code::E201, e.span, "unknown name `" + e.text + "`" + unknown_name_hint(e.text));
  return std::nullopt;
}

// Why a word that names no value may have been written: an enum member used
// without its field, an output (which conditions cannot read), a function
// without its arguments; otherwise the closest value name.
std::string ExprLowering::unknown_name_hint(const std::string& word) const {
  if (!ctx_.may_suggest()) return "";
  for (const ir::Field& f : ctx_.program.fields) {
    if (f.type.base == BaseType::Enum && ctx_.program.find_enum_member(f.type.enum_id, word)) {
      return "; `" + word + "` is a value of `" + f.name + "`: compare it, as in `" + f.name + " == " + word + "`";
    }
  }
  if (ctx_.outputs.count(word)) {
    return "; `" + word + "` is an output: rules set it, but expressions cannot read it";
  }
  if (builtins().count(word)) {
    return "; `" + word + "` is a function: call it, as in `" + word + "(...)`";
  }
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "false") return "; did you mean `" + lower + "`?";
  if (lower == "null" || lower == "nil" || lower == "none" || lower == "missing") {
    return "; there is no null value: test with `is missing`, or give a default with `??`";
  }
  std::vector<std::string> candidates;
  for (const auto& [name, symbol] : ctx_.values) {
    if (symbol.kind != Symbol::Model) candidates.push_back(name);
  }
  if (allow_scores_) candidates.insert(candidates.end(), {"final", "human"});
  return did_you_mean(word, candidates);
}

ExprLowering::Result ExprLowering::symbol(const ast::Expr& e, const Symbol& s) {
  switch (s.kind) {
    case Symbol::Field:
      ctx_.field_used[s.index] = true;
      note_read(read_fields_, seen_fields_, s.index);
      return emit(Op::Field, ctx_.program.fields[s.index].type, e.span, {}, static_cast<int32_t>(s.index));
    case Symbol::Let:
    case Symbol::Segment: {
      ctx_.derived_used[s.index] = true;
      const ir::Derived& d = ctx_.program.derived[s.index];
      if (!ctx_.derived_lowered[s.index]) {
        return std::nullopt;  // it had an error of its own, or is part of a cycle
      }
      note_read(read_derived_, seen_derived_, s.index);
      return emit(Op::Derived, d.type, e.span, {}, static_cast<int32_t>(s.index));
    }
    case Symbol::Model:
      ctx_.diags.report(code::E204, e.span,
                        "model `" + e.text +
                            "` cannot be used in an expression; its score enters "
                            "through the blend");
      return std::nullopt;
  }
  return std::nullopt;
}

ExprLowering::Result ExprLowering::negate(const ast::Expr& e) {
  Result arg = lower(*e.args[0]);
  if (!arg || !expect(*arg, BaseType::Number, *e.args[0], "the operand of `-`")) return std::nullopt;
  return emit(Op::Neg, kNumber.as_optional(type_of(*arg).optional), e.span, {*arg});
}

ExprLowering::Result ExprLowering::binary(const ast::Expr& e) {
  using B = ast::BinaryOp;
  switch (e.op) {
    case B::Mul:
    case B::Div:
    case B::Add:
    case B::Sub: return arithmetic(e);
    case B::Lt:
    case B::Le:
    case B::Gt:
    case B::Ge:
    case B::Eq:
    case B::Ne: return compare(e);
    case B::And:
    case B::Or: return logical(e);
    case B::Coalesce: return coalesce(e);
  }
  return std::nullopt;
}

// `not x`, `a and b`, `a or b`.
ExprLowering::Result ExprLowering::logical(const ast::Expr& e) {
  bool negation = e.kind == K::Not;
  std::string role = negation ? "the operand of `not`" : "an operand of " + quoted(e.op);
  // Every operand is checked, so independent mistakes are all reported.
  std::vector<uint32_t> args;
  bool ok = true;
  for (const auto& a : e.args) {
    Result r = lower(*a);
    ok = ok && r && expect(*r, BaseType::Bool, *a, role);
    if (r) args.push_back(*r);
  }
  if (!ok) return std::nullopt;
  return emit(negation ? Op::Not : ir_op(e.op), kBool.as_optional(any_optional(args)), e.span, args);
}

ExprLowering::Result ExprLowering::arithmetic(const ast::Expr& e) {
  Result a = lower(*e.args[0]);
  Result b = lower(*e.args[1]);
  if (!a || !b) return std::nullopt;
  std::string role = "an operand of " + quoted(e.op);
  if (!expect(*a, BaseType::Number, *e.args[0], role) || !expect(*b, BaseType::Number, *e.args[1], role)) {
    return std::nullopt;
  }
  Op op = ir_op(e.op);
  bool optional = any_optional({*a, *b}) || op == Op::Div;
  return emit(op, kNumber.as_optional(optional), e.span, {*a, *b}, static_cast<int32_t>(ctx_.program.event_slots++));
}

ExprLowering::Result ExprLowering::compare(const ast::Expr& e) {
  auto pair = lower_pair(*e.args[0], *e.args[1]);
  if (!pair) return std::nullopt;
  const ir::Type& ta = type_of(pair->first);
  const ir::Type& tb = type_of(pair->second);
  Op op = ir_op(e.op);
  bool ordering = op != Op::Eq && op != Op::Ne;
  if (ordering && (ta.base != BaseType::Number || tb.base != BaseType::Number)) {
    ctx_.diags.report(code::E207, e.span,
                      quoted(e.op) + " compares numbers, but this compares " + describe(ta) + " with " + describe(tb));
    return std::nullopt;
  }
  if (!ta.same_base(tb)) {
    ctx_.diags.report(code::E207, e.span,
                      "cannot compare " + describe(ta) + " with " + describe(tb) + " using " + quoted(e.op));
    return std::nullopt;
  }
  return emit(op, kBool.as_optional(ta.optional || tb.optional), e.span, {pair->first, pair->second});
}

ExprLowering::Result ExprLowering::coalesce(const ast::Expr& e) {
  auto pair = lower_pair(*e.args[0], *e.args[1]);
  if (!pair) return std::nullopt;
  const ir::Type& ta = type_of(pair->first);
  const ir::Type& tb = type_of(pair->second);
  if (!ta.same_base(tb)) {
    ctx_.diags.report(code::E214, e.span,
                      "both sides of `??` must have the same type, but the left is " + describe(ta) +
                          " and the right is " + describe(tb));
    return std::nullopt;
  }
  return emit(Op::Coalesce, ta.as_optional(tb.optional), e.span, {pair->first, pair->second});
}

ExprLowering::Result ExprLowering::membership(const ast::Expr& e) {
  Result lhs = lower(*e.args[0]);
  if (!lhs) return std::nullopt;
  ir::Type lhs_type = type_of(*lhs);
  std::vector<uint32_t> args{*lhs};
  bool ok = true;
  for (size_t i = 1; i < e.args.size(); ++i) {
    Result item = lower(*e.args[i], &lhs_type);
    if (!item) {
      ok = false;
    } else if (!type_of(*item).same_base(lhs_type)) {
      ctx_.diags.report(
          code::E215, e.args[i]->span,
          "list element is " + describe(type_of(*item)) + ", but it is compared with " + describe(lhs_type));
      ok = false;
    } else {
      args.push_back(*item);
    }
  }
  if (!ok) return std::nullopt;
  return emit(e.negated ? Op::NotIn : Op::In, kBool.as_optional(any_optional(args)), e.span, args);
}

ExprLowering::Result ExprLowering::is_missing(const ast::Expr& e) {
  Result arg = lower(*e.args[0]);
  if (!arg) return std::nullopt;
  const ir::Node& n = ctx_.program.nodes[*arg];
  if (n.op == Op::Field && !n.type.optional) {
    ctx_.diags.report(code::W406, e.span,
                      "field `" + ctx_.program.fields[n.index].name +
                          "` is required, so it is never missing; mark it optional with `?`");
  }
  return emit(e.negated ? Op::IsNotMissing : Op::IsMissing, kBool, e.span, {*arg});
}

ExprLowering::Result ExprLowering::call(const ast::Expr& e) {
  auto it = builtins().find(e.text);
  if (it == builtins().end()) {
    std::vector<std::string> names;
    for (const auto& [n, _] : builtins()) names.push_back(n);
    std::string hint = did_you_mean(e.text, names);
    if (hint.empty()) hint = "; the functions are " + quoted_list(names, "and");
    ctx_.diags.report(code::E202, e.name_span, "unknown function `" + e.text + "`" + hint);
    return std::nullopt;
  }
  const Builtin& fn = it->second;
  int count = static_cast<int>(e.args.size());
  if (count < fn.min_args || (fn.max_args >= 0 && count > fn.max_args)) {
    std::string want = fn.max_args < 0 ? "at least " + std::to_string(fn.min_args) : std::to_string(fn.min_args);
    ctx_.diags.report(code::E203, e.span,
                      "`" + e.text + "` takes " + want + " argument" + (want == "1" ? "" : "s") + ", but " +
                          std::to_string(count) + (count == 1 ? " was" : " were") + " given");
    return std::nullopt;
  }
  std::vector<uint32_t> args;
  bool ok = true;
  for (const auto& a : e.args) {
    Result r = lower(*a);
    ok = ok && r && expect(*r, fn.arg, *a, "an argument of `" + e.text + "`");
    if (r) args.push_back(*r);
  }
  if (!ok) return std::nullopt;
  bool optional = any_optional(args) || fn.op == Op::Log;
  int32_t slot = ir::is_arithmetic(fn.op) ? static_cast<int32_t>(ctx_.program.event_slots++) : -1;
  return emit(fn.op, ir::Type{fn.result, -1, optional}, e.span, args, slot);
}

std::optional<std::pair<uint32_t, uint32_t>> ExprLowering::lower_pair(const ast::Expr& a, const ast::Expr& b) {
  bool swap = needs_hint(a) && !needs_hint(b);
  const ast::Expr& first = swap ? b : a;
  const ast::Expr& second = swap ? a : b;
  Result r1 = lower(first);
  if (!r1) {
    // The other side is still checked unless its meaning depends on this one.
    if (!needs_hint(second)) lower(second);
    return std::nullopt;
  }
  ir::Type hint = type_of(*r1);
  Result r2 = lower(second, &hint);
  if (!r2) return std::nullopt;
  return swap ? std::make_pair(*r2, *r1) : std::make_pair(*r1, *r2);
}

// True for a bare word or a string literal, which may be an enum member whose
// meaning depends on the other operand.
bool ExprLowering::needs_hint(const ast::Expr& e) const {
  if (e.kind == K::String) return true;
  if (e.kind != K::Name) return false;
  return ctx_.values.find(e.text) == ctx_.values.end() && e.text != "final" && e.text != "human";
}

bool ExprLowering::expect(uint32_t node, BaseType base, const ast::Expr& where, const std::string& role) {
  if (type_of(node).base == base) return true;
  ir::Type want{base, -1, false};
  ctx_.diags.report(code::E204, where.span,
                    role + " must be " + describe(want) + ", but this is " + describe(type_of(node)));
  return false;
}

uint32_t ExprLowering::emit(Op op, ir::Type type, Span span, const std::vector<uint32_t>& args, int32_t index,
                            double number) {
  ir::Node n;
  n.op = op;
  n.type = type;
  n.span = span;
  n.owner = owner_;
  n.first_arg = static_cast<uint32_t>(ctx_.program.args.size());
  n.arg_count = static_cast<uint32_t>(args.size());
  n.index = index;
  n.number = number;
  ctx_.program.args.insert(ctx_.program.args.end(), args.begin(), args.end());
  ctx_.program.nodes.push_back(n);
  return static_cast<uint32_t>(ctx_.program.nodes.size() - 1);
}

bool ExprLowering::any_optional(const std::vector<uint32_t>& args) const {
  return std::any_of(args.begin(), args.end(), [&](uint32_t a) { return type_of(a).optional; });
}

std::string ExprLowering::describe(const ir::Type& t) const { return ctx_.program.describe_type(t); }

int32_t ExprLowering::intern(const std::string& s) {
  auto& strings = ctx_.program.strings;
  auto [it, inserted] = ctx_.string_ids.emplace(s, static_cast<int32_t>(strings.size()));
  if (inserted) strings.push_back(s);
  return it->second;
}

void ExprLowering::note_read(std::vector<uint32_t>& list, std::unordered_set<uint32_t>& seen, uint32_t index) {
  if (seen.insert(index).second) list.push_back(index);
}

}  // namespace verdict::check
