#include "compiler/check/passes.h"

namespace verdict::check {
namespace {

// Depth-first topological sort of lets and segments over the names their
// expressions read. A back edge is a cycle, reported once at the first
// member of the cycle in declaration order.
class DerivedOrder {
 public:
  explicit DerivedOrder(CheckContext& ctx) : ctx_(ctx), state_(ctx.program.derived.size(), 0) {
    edges_.resize(state_.size());
    for (size_t i = 0; i < state_.size(); ++i) collect(ctx.derived_sources[i].expr, edges_[i]);
  }

  std::vector<uint32_t> run() {
    for (uint32_t i = 0; i < state_.size(); ++i) visit(i);
    return order_;
  }

 private:
  void collect(const ast::Expr* e, std::vector<uint32_t>& out) {
    if (e == nullptr) return;
    if (e->kind == ast::ExprKind::Name) {
      auto it = ctx_.values.find(e->text);
      if (it != ctx_.values.end() &&
          (it->second.kind == Symbol::Let || it->second.kind == Symbol::Segment)) {
        out.push_back(it->second.index);
      }
    }
    for (const auto& arg : e->args) collect(arg.get(), out);
  }

  void visit(uint32_t i) {
    if (state_[i] == 2) return;
    if (state_[i] == 1) {
      report_cycle(i);
      return;
    }
    state_[i] = 1;
    path_.push_back(i);
    for (uint32_t next : edges_[i]) visit(next);
    path_.pop_back();
    state_[i] = 2;
    order_.push_back(i);
  }

  void report_cycle(uint32_t start) {
    std::string chain;
    size_t from = 0;
    while (path_[from] != start) ++from;
    for (size_t k = from; k < path_.size(); ++k) chain += "`" + ctx_.program.derived[path_[k]].name + "` -> ";
    chain += "`" + ctx_.program.derived[start].name + "`";
    ctx_.diags.error("E208", ctx_.program.derived[start].span,
                     "`" + ctx_.program.derived[start].name + "` depends on itself: " + chain);
  }

  CheckContext& ctx_;
  std::vector<uint8_t> state_;  // 0 unvisited, 1 on the path, 2 done
  std::vector<std::vector<uint32_t>> edges_;
  std::vector<uint32_t> path_, order_;
};

}  // namespace

void order_derived(CheckContext& ctx) {
  std::vector<uint32_t> order = DerivedOrder(ctx).run();
  std::vector<ir::Derived> derived;
  std::vector<DerivedSource> sources;
  std::vector<uint32_t> new_index(order.size());
  for (uint32_t k = 0; k < order.size(); ++k) {
    derived.push_back(ctx.program.derived[order[k]]);
    sources.push_back(ctx.derived_sources[order[k]]);
    new_index[order[k]] = k;
  }
  ctx.program.derived = std::move(derived);
  ctx.derived_sources = std::move(sources);
  for (uint32_t old = 0; old < new_index.size(); ++old) {  // old index = declaration order
    if (ctx.program.derived[new_index[old]].kind == ir::Derived::Segment) {
      ctx.program.segments.push_back(new_index[old]);
    }
  }
  for (auto& [name, symbol] : ctx.values) {
    if (symbol.kind == Symbol::Let || symbol.kind == Symbol::Segment) {
      symbol.index = new_index[symbol.index];
    }
  }
}

}  // namespace verdict::check
