#include "compiler/check/constraints.h"

#include <algorithm>
#include <map>

#include "compiler/eval/node_eval.h"

namespace verdict::check {
namespace {

using ir::Op;

bool reads_input(Op op) { return op == Op::Field || op == Op::Derived || op == Op::Final || op == Op::Human; }

// INVARIANT: `values` holds, after a call that returned a value, the values
// of every argument it read; other entries may be stale from earlier calls.
std::optional<Value> fold(const ir::Program& p, uint32_t root, std::vector<Value>& values) {
  const ir::Node& n = p.nodes[root];
  if (reads_input(n.op)) return std::nullopt;
  bool all_constant = true;
  for (uint32_t k = 0; k < n.arg_count; ++k) {
    auto v = fold(p, p.arg(n, k), values);
    if (v) values[p.arg(n, k)] = *v;
    bool dominant =
        v && v->kind == Value::Kind::Bool && ((n.op == Op::And && !v->boolean) || (n.op == Op::Or && v->boolean));
    if (dominant) return v;
    all_constant = all_constant && v.has_value();
  }
  if (!all_constant) return std::nullopt;
  EvalEnv env{p};
  return eval_node(n, values, env);
}

bool is_var(const ir::Node& n) {
  return n.op == Op::Field || n.op == Op::Derived || n.op == Op::Final || n.op == Op::Human;
}

Op mirror(Op op) {
  switch (op) {
    case Op::Lt: return Op::Gt;
    case Op::Le: return Op::Ge;
    case Op::Gt: return Op::Lt;
    case Op::Ge: return Op::Le;
    default: return op;
  }
}

class Collector {
 public:
  explicit Collector(ConstantFolder& folder) : folder_(folder), p_(folder.program()) {}

  // Iterative over the `and` chain, which may be as long as the parser allows.
  void conjunct(uint32_t root) {
    std::vector<uint32_t> pending{root};
    while (!pending.empty()) {
      const ir::Node& n = p_.nodes[pending.back()];
      pending.pop_back();
      if (n.op == Op::And) {
        pending.push_back(p_.arg(n, 1));
        pending.push_back(p_.arg(n, 0));
      } else if (!atom(n)) {
        exact_ = false;
      }
    }
  }

  std::vector<std::pair<VarKey, Allowed>> result() const { return {vars_.begin(), vars_.end()}; }
  bool exact() const { return exact_; }

 private:
  // Records what a simple atom allows; false when the atom is not simple.
  bool atom(const ir::Node& n) {
    if (is_var(n) && n.type.base == ir::BaseType::Bool) {
      restrict_codes(key(n), {1});
      return true;
    }
    if (n.op == Op::Not && is_var(p_.nodes[p_.arg(n, 0)]) && p_.nodes[p_.arg(n, 0)].type.base == ir::BaseType::Bool) {
      restrict_codes(key(p_.nodes[p_.arg(n, 0)]), {0});
      return true;
    }
    if (n.arg_count == 2 && n.op >= Op::Lt && n.op <= Op::Ne) return comparison(n);
    if (n.op == Op::In || n.op == Op::NotIn) return membership(n);
    return false;
  }

  VarKey key(const ir::Node& n) const { return {n.op, n.op == Op::Field || n.op == Op::Derived ? n.index : -1}; }

  std::optional<Value> constant(uint32_t node) const { return folder_.fold(node); }

  bool comparison(const ir::Node& n) {
    const ir::Node* var = &p_.nodes[p_.arg(n, 0)];
    auto c = constant(p_.arg(n, 1));
    Op op = n.op;
    if (!is_var(*var) || !c) {
      var = &p_.nodes[p_.arg(n, 1)];
      c = constant(p_.arg(n, 0));
      op = mirror(n.op);
    }
    if (!is_var(*var) || !c || c->is_missing()) return false;
    if (c->kind == Value::Kind::Number) return number_atom(key(*var), op, c->number);
    if (c->kind == Value::Kind::Enum || c->kind == Value::Kind::Bool) {
      return code_atom(key(*var), op, *c);
    }
    return false;
  }

  bool number_atom(VarKey k, Op op, double c) {
    Allowed& a = vars_[k];
    auto lower = [&](double v, bool strict) {
      if (v > a.lo || (v == a.lo && strict)) a.lo = v, a.lo_strict = strict;
    };
    auto upper = [&](double v, bool strict) {
      if (v < a.hi || (v == a.hi && strict)) a.hi = v, a.hi_strict = strict;
    };
    switch (op) {
      case Op::Lt: upper(c, true); break;
      case Op::Le: upper(c, false); break;
      case Op::Gt: lower(c, true); break;
      case Op::Ge: lower(c, false); break;
      case Op::Eq: lower(c, false), upper(c, false); break;
      default: return false;  // `!=` on numbers is not an interval
    }
    return true;
  }

  bool code_atom(VarKey k, Op op, const Value& c) {
    int32_t code = c.kind == Value::Kind::Bool ? (c.boolean ? 1 : 0) : c.code;
    if (op == Op::Eq) restrict_codes(k, {code});
    if (op == Op::Ne) exclude_codes(k, {code});
    return op == Op::Eq || op == Op::Ne;
  }

  bool membership(const ir::Node& n) {
    const ir::Node& var = p_.nodes[p_.arg(n, 0)];
    if (!is_var(var) || var.type.base != ir::BaseType::Enum) return false;
    std::set<int32_t> codes;
    for (uint32_t k = 1; k < n.arg_count; ++k) {
      auto c = constant(p_.arg(n, k));
      if (!c || c->kind != Value::Kind::Enum) return false;
      codes.insert(c->code);
    }
    if (n.op == Op::In)
      restrict_codes(key(var), codes);
    else
      exclude_codes(key(var), codes);
    return true;
  }

  std::set<int32_t> universe(VarKey k) const {
    std::set<int32_t> all;
    const ir::Type* t = nullptr;
    if (k.op == Op::Field) t = &p_.fields[k.index].type;
    if (k.op == Op::Derived) t = &p_.derived[k.index].type;
    if (t && t->base == ir::BaseType::Enum) {
      for (int32_t i = 0; i < static_cast<int32_t>(p_.enums[t->enum_id].members.size()); ++i) all.insert(i);
    } else {
      all = {0, 1};
    }
    return all;
  }

  void restrict_codes(VarKey k, const std::set<int32_t>& codes) {
    Allowed& a = vars_[k];
    if (!a.codes) a.codes = universe(k);
    std::set<int32_t> kept;
    std::set_intersection(a.codes->begin(), a.codes->end(), codes.begin(), codes.end(),
                          std::inserter(kept, kept.begin()));
    a.codes = kept;
  }

  void exclude_codes(VarKey k, const std::set<int32_t>& codes) {
    Allowed& a = vars_[k];
    if (!a.codes) a.codes = universe(k);
    for (int32_t c : codes) a.codes->erase(c);
  }

  ConstantFolder& folder_;
  const ir::Program& p_;
  std::map<VarKey, Allowed> vars_;
  bool exact_ = true;
};

}  // namespace

std::optional<Value> ConstantFolder::fold(uint32_t root) { return verdict::check::fold(program_, root, values_); }

std::optional<Value> fold_constant(const ir::Program& program, uint32_t root) {
  return ConstantFolder(program).fold(root);
}

bool Allowed::empty() const {
  if (codes && codes->empty()) return true;
  return lo > hi || (lo == hi && (lo_strict || hi_strict));
}

bool Allowed::within(const Allowed& o) const {
  bool lo_ok = lo > o.lo || (lo == o.lo && (lo_strict || !o.lo_strict));
  bool hi_ok = hi < o.hi || (hi == o.hi && (hi_strict || !o.hi_strict));
  bool codes_ok = !o.codes || (codes && std::includes(o.codes->begin(), o.codes->end(), codes->begin(), codes->end()));
  return lo_ok && hi_ok && codes_ok;
}

std::vector<std::pair<VarKey, Allowed>> conjunction_constraints(ConstantFolder& folder, uint32_t root, bool* exact) {
  Collector c(folder);
  c.conjunct(root);
  if (exact != nullptr) *exact = c.exact();
  return c.result();
}

std::string var_name(const ir::Program& program, const VarKey& key) {
  switch (key.op) {
    case Op::Field: return program.fields[key.index].name;
    case Op::Derived: return program.derived[key.index].name;
    case Op::Final: return "final";
    default: return "human";
  }
}

}  // namespace verdict::check
