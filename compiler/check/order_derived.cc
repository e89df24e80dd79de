#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>

#include "compiler/check/passes.h"

namespace verdict::check {
namespace {

// Depth-first topological sort of lets and segments over the names their
// expressions read. A back edge is a cycle, reported once per let or segment
// it returns to. The walk keeps its own stack: a chain of 100,000 lets must
// not exhaust the call stack.
class DerivedOrder {
 public:
  explicit DerivedOrder(CheckContext& ctx)
      : ctx_(ctx), state_(ctx.program.derived.size(), 0), path_position_(state_.size(), 0) {
    edges_.resize(state_.size());
    std::vector<uint32_t> seen_by(state_.size(), UINT32_MAX);  // each edge once, first use first
    for (uint32_t i = 0; i < state_.size(); ++i) {
      collect(ctx.derived_sources[i].expr, edges_[i]);
      std::erase_if(edges_[i], [&](uint32_t e) { return std::exchange(seen_by[e], i) == i; });
    }
  }

  std::vector<uint32_t> run() {
    for (uint32_t i = 0; i < state_.size(); ++i) {
      if (state_[i] == 0) visit(i);
    }
    return order_;
  }

 private:
  // Recursive over one expression, whose depth the parser bounds.
  bool is_enum_member(const std::string& name) const {
    for (const ir::EnumType& e : ctx_.program.enums) {
      if (std::find(e.members.begin(), e.members.end(), name) != e.members.end()) return true;
    }
    return false;
  }

  void collect(const ast::Expr* e, std::vector<uint32_t>& out) {
    if (e == nullptr) return;
    if (e->kind == ast::ExprKind::Name) {
      auto it = ctx_.values.find(e->text);
      // A name that is also an enum value is ambiguous (E216, reported by
      // declare_names); it is not an edge, so no cycle is reported on top.
      if (it != ctx_.values.end() && !is_enum_member(e->text) &&
          (it->second.kind == Symbol::Let || it->second.kind == Symbol::Segment)) {
        out.push_back(it->second.index);
      }
    }
    for (const auto& arg : e->args) collect(arg.get(), out);
  }

  struct Frame {
    uint32_t node;
    size_t next_edge;
  };

  void visit(uint32_t root) {
    std::vector<Frame> stack;
    enter(root, stack);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next_edge < edges_[top.node].size()) {
        uint32_t next = edges_[top.node][top.next_edge++];
        if (state_[next] == 0)
          enter(next, stack);
        else if (state_[next] == 1)
          report_cycle(next);
        continue;
      }
      state_[top.node] = 2;
      order_.push_back(top.node);
      path_.pop_back();
      stack.pop_back();
    }
  }

  void enter(uint32_t node, std::vector<Frame>& stack) {
    state_[node] = 1;
    path_position_[node] = path_.size();
    path_.push_back(node);
    stack.push_back({node, 0});
  }

  // The cycle is path_[from..] back to `start`; long cycles are shortened in
  // the message so that its size stays bounded.
  void report_cycle(uint32_t start) {
    if (!reported_.insert(start).second) return;
    size_t from = path_position_[start];
    size_t length = path_.size() - from;
    auto name = [&](size_t k) { return "`" + ctx_.program.derived[path_[from + k]].name + "`"; };
    std::string chain;
    for (size_t k = 0; k < length; ++k) {
      if (length > 8 && k == 4) {
        chain += "... (" + std::to_string(length - 8) + " more) -> ";
        k = length - 4;
      }
      chain += name(k) + " -> ";
    }
    chain += name(0);
    const ir::Derived& d = ctx_.program.derived[start];
    ctx_.diags.report(code::E208, d.span, "`" + d.name + "` depends on itself: " + chain);
  }

  CheckContext& ctx_;
  std::vector<uint8_t> state_;         // 0 unvisited, 1 on the path, 2 done
  std::vector<size_t> path_position_;  // valid while state_ is 1
  std::vector<std::vector<uint32_t>> edges_;
  std::vector<uint32_t> path_, order_;
  std::set<uint32_t> reported_;
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
