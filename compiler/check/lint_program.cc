#include <optional>
#include <set>

#include "compiler/check/constraints.h"
#include "compiler/check/passes.h"

namespace verdict::check {
namespace {

void lint_rule(CheckContext& ctx, ConstantFolder& folder, const ir::Rule& rule) {
  const ir::Program& p = ctx.program;
  if (auto v = folder.fold(rule.condition)) {
    if (v->is_true()) {
      ctx.diags.report(code::W402, p.nodes[rule.condition].span,
                       "rule `" + rule.name + "` always fires: its condition is always true");
    } else {
      ctx.diags.report(code::W401, p.nodes[rule.condition].span,
                       "rule `" + rule.name + "` can never fire: its condition is never true");
    }
    return;
  }
  for (const auto& [key, allowed] : conjunction_constraints(folder, rule.condition)) {
    if (!allowed.empty()) continue;
    ctx.diags.report(code::W401, p.nodes[rule.condition].span,
                     "rule `" + rule.name + "` can never fire: no value of `" + var_name(p, key) +
                         "` satisfies all of its conditions");
    return;
  }
}

// A branch is unreachable when its condition is never true, or an earlier
// branch already takes every value it would: an always-true condition (then
// `otherwise` is unreachable too), or a single-variable constraint containing
// its own (e.g. `final >= 0.8` after `final >= 0.5`). Only earlier
// conditions made of simple atoms count: `final >= 0.5 and contains(x, "a")`
// does not take every case of a later `final >= 0.8`.
void lint_decide(CheckContext& ctx, ConstantFolder& folder) {
  const ir::Program& p = ctx.program;
  struct Earlier {
    std::vector<std::pair<VarKey, Allowed>> allows;
    Span span;
  };
  std::vector<Earlier> earlier;      // branches with exact constraints only
  std::optional<Span> always_taken;  // a branch whose condition is always true
  for (const ir::DecideBranch& b : p.decide) {
    std::string unreachable = "branch `" + p.outcomes[b.outcome] + "` can never be taken: ";
    if (always_taken) {
      ctx.diags.report(code::W302, b.span, unreachable + "an earlier branch is always taken");
      ctx.diags.note(*always_taken, "this condition is always true");
      continue;
    }
    if (b.condition < 0) break;
    auto folded = folder.fold(b.condition);
    if (folded && !folded->is_true()) {
      ctx.diags.report(code::W302, b.span, unreachable + "its condition is never true");
      continue;
    }
    bool exact = false;
    auto mine = conjunction_constraints(folder, b.condition, &exact);
    for (const Earlier& e : earlier) {
      if (mine.size() == 1 && e.allows.size() == 1 && mine[0].first == e.allows[0].first &&
          mine[0].second.within(e.allows[0].second)) {
        ctx.diags.report(code::W302, b.span, unreachable + "an earlier branch takes every case it would");
        ctx.diags.note(e.span, "that branch is here");
        break;
      }
    }
    if (folded && folded->is_true()) always_taken = p.nodes[b.condition].span;
    if (exact) earlier.push_back({std::move(mine), b.span});
  }
}

void lint_outcomes(CheckContext& ctx) {
  const ir::Program& p = ctx.program;
  std::set<uint32_t> produced;
  for (const ir::DecideBranch& b : p.decide) produced.insert(b.outcome);
  for (const ir::Rule& r : p.rules) {
    if (r.knockout >= 0) produced.insert(static_cast<uint32_t>(r.knockout));
  }
  for (uint32_t o = 0; o < p.outcomes.size(); ++o) {
    if (!produced.count(o)) {
      ctx.diags.report(code::W303, ctx.outcome_spans[o],
                       "outcome `" + p.outcomes[o] +
                           "` is declared but no rule or `decide` "
                           "branch produces it");
    }
  }
}

void lint_unused(CheckContext& ctx) {
  const ir::Program& p = ctx.program;
  for (uint32_t f = 0; f < p.fields.size(); ++f) {
    if (!ctx.field_used[f]) {
      ctx.diags.report(code::W404, p.fields[f].span, "input field `" + p.fields[f].name + "` is never used");
    }
  }
  for (uint32_t d = 0; d < p.derived.size(); ++d) {
    if (!ctx.derived_used[d] && p.derived[d].kind == ir::Derived::Let) {
      ctx.diags.report(code::W405, p.derived[d].span, "let `" + p.derived[d].name + "` is never used");
    }
  }
}

}  // namespace

void lint_program(CheckContext& ctx) {
  ConstantFolder folder(ctx.program);
  for (const ir::Rule& rule : ctx.program.rules) lint_rule(ctx, folder, rule);
  lint_decide(ctx, folder);
  lint_outcomes(ctx);
  lint_unused(ctx);
}

}  // namespace verdict::check
