#include "compiler/check/constraints.h"

#include <algorithm>
#include <map>

#include "compiler/interp/node_eval.h"

namespace verdict::check {
namespace {

using ir::Op;

bool reads_input(Op op) {
  return op == Op::Field || op == Op::Derived || op == Op::Final || op == Op::Human;
}

std::optional<Value> fold(const ir::Program& p, uint32_t root, std::vector<Value>& values) {
  const ir::Node& n = p.nodes[root];
  if (reads_input(n.op)) return std::nullopt;
  bool all_constant = true;
  for (uint32_t k = 0; k < n.arg_count; ++k) {
    auto v = fold(p, p.arg(n, k), values);
    if (v) values[p.arg(n, k)] = *v;
    bool dominant = v && v->kind == Value::Kind::Bool &&
                    ((n.op == Op::And && !v->boolean) || (n.op == Op::Or && v->boolean));
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
  explicit Collector(const ir::Program& p) : p_(p) {}

  void conjunct(uint32_t root) {
    const ir::Node& n = p_.nodes[root];
    if (n.op == Op::And) {
      conjunct(p_.arg(n, 0));
      conjunct(p_.arg(n, 1));
    } else if (is_var(n) && n.type.base == ir::BaseType::Bool) {
      restrict_codes(key(n), {1});
    } else if (n.op == Op::Not && is_var(p_.nodes[p_.arg(n, 0)]) &&
               p_.nodes[p_.arg(n, 0)].type.base == ir::BaseType::Bool) {
      restrict_codes(key(p_.nodes[p_.arg(n, 0)]), {0});
    } else if (n.arg_count == 2 && n.op >= Op::Lt && n.op <= Op::Ne) {
      comparison(n);
    } else if (n.op == Op::In || n.op == Op::NotIn) {
      membership(n);
    }
  }

  std::vector<std::pair<VarKey, Allowed>> result() const { return {vars_.begin(), vars_.end()}; }

 private:
  VarKey key(const ir::Node& n) const { return {n.op, n.op == Op::Field || n.op == Op::Derived ? n.index : -1}; }

  std::optional<Value> constant(uint32_t node) const { return fold_constant(p_, node); }

  void comparison(const ir::Node& n) {
    const ir::Node* var = &p_.nodes[p_.arg(n, 0)];
    auto c = constant(p_.arg(n, 1));
    Op op = n.op;
    if (!is_var(*var) || !c) {
      var = &p_.nodes[p_.arg(n, 1)];
      c = constant(p_.arg(n, 0));
      op = mirror(n.op);
    }
    if (!is_var(*var) || !c || c->is_missing()) return;
    if (c->kind == Value::Kind::Number) number_atom(key(*var), op, c->number);
    else if (c->kind == Value::Kind::Enum || c->kind == Value::Kind::Bool) code_atom(key(*var), op, *c);
  }

  void number_atom(VarKey k, Op op, double c) {
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
      default: break;
    }
  }

  void code_atom(VarKey k, Op op, const Value& c) {
    int32_t code = c.kind == Value::Kind::Bool ? (c.boolean ? 1 : 0) : c.code;
    if (op == Op::Eq) restrict_codes(k, {code});
    if (op == Op::Ne) exclude_codes(k, {code});
  }

  void membership(const ir::Node& n) {
    const ir::Node& var = p_.nodes[p_.arg(n, 0)];
    if (!is_var(var) || var.type.base != ir::BaseType::Enum) return;
    std::set<int32_t> codes;
    for (uint32_t k = 1; k < n.arg_count; ++k) {
      auto c = constant(p_.arg(n, k));
      if (!c || c->kind != Value::Kind::Enum) return;
      codes.insert(c->code);
    }
    if (n.op == Op::In) restrict_codes(key(var), codes);
    else exclude_codes(key(var), codes);
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

  const ir::Program& p_;
  std::map<VarKey, Allowed> vars_;
};

}  // namespace

std::optional<Value> fold_constant(const ir::Program& program, uint32_t root) {
  std::vector<Value> values(program.nodes.size());
  return fold(program, root, values);
}

bool Allowed::empty() const {
  if (codes && codes->empty()) return true;
  return lo > hi || (lo == hi && (lo_strict || hi_strict));
}

bool Allowed::within(const Allowed& o) const {
  bool lo_ok = lo > o.lo || (lo == o.lo && (lo_strict || !o.lo_strict));
  bool hi_ok = hi < o.hi || (hi == o.hi && (hi_strict || !o.hi_strict));
  bool codes_ok = !o.codes || (codes && std::includes(o.codes->begin(), o.codes->end(),
                                                      codes->begin(), codes->end()));
  return lo_ok && hi_ok && codes_ok;
}

std::vector<std::pair<VarKey, Allowed>> conjunction_constraints(const ir::Program& program,
                                                                uint32_t root) {
  Collector c(program);
  c.conjunct(root);
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
