#include <set>

#include "compiler/check/constraints.h"
#include "compiler/check/passes.h"

namespace verdict::check {
namespace {

void lint_rule(CheckContext& ctx, ConstantFolder& folder, const ir::Rule& rule) {
  const ir::Program& p = ctx.program;
  if (auto v = folder.fold(rule.condition)) {
    if (v->is_true()) {
      ctx.diags.warning("W402", p.nodes[rule.condition].span,
                        "rule `" + rule.name + "` always fires: its condition is always true");
    } else {
      ctx.diags.warning("W401", p.nodes[rule.condition].span,
                        "rule `" + rule.name + "` can never fire: its condition is never true");
    }
    return;
  }
  for (const auto& [key, allowed] : conjunction_constraints(folder, rule.condition)) {
    if (!allowed.empty()) continue;
    ctx.diags.warning("W401", p.nodes[rule.condition].span,
                      "rule `" + rule.name + "` can never fire: no value of `" + var_name(p, key) +
                          "` satisfies all of its conditions");
    return;
  }
}

// A branch is unreachable when an earlier branch already takes every value
// it would: a constant condition, or a single-variable constraint contained
// in an earlier one (e.g. `final >= 0.8` after `final >= 0.5`). Only earlier
// conditions made of simple atoms count: `final >= 0.5 and contains(x, "a")`
// does not take every case of a later `final >= 0.8`.
void lint_decide(CheckContext& ctx, ConstantFolder& folder) {
  const ir::Program& p = ctx.program;
  std::vector<std::vector<std::pair<VarKey, Allowed>>> earlier;  // exact ones only
  bool always_taken = false;
  for (const ir::DecideBranch& b : p.decide) {
    if (b.condition < 0) break;
    const std::string& outcome = p.outcomes[b.outcome];
    auto folded = folder.fold(b.condition);
    bool unreachable = always_taken || (folded && !folded->is_true());
    bool exact = false;
    auto mine = conjunction_constraints(folder, b.condition, &exact);
    for (const auto& e : earlier) {
      if (mine.size() == 1 && e.size() == 1 && mine[0].first == e[0].first &&
          mine[0].second.within(e[0].second)) {
        unreachable = true;
      }
    }
    if (unreachable) {
      ctx.diags.warning("W302", b.span,
                        "branch `" + outcome + "` can never be taken: an earlier branch takes "
                        "every case it would");
    }
    if (folded && folded->is_true()) always_taken = true;
    if (exact) earlier.push_back(std::move(mine));
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
      ctx.diags.warning("W303", ctx.outcome_spans[o],
                        "outcome `" + p.outcomes[o] + "` is declared but no rule or `decide` "
                        "branch produces it");
    }
  }
}

void lint_unused(CheckContext& ctx) {
  const ir::Program& p = ctx.program;
  for (uint32_t f = 0; f < p.fields.size(); ++f) {
    if (!ctx.field_used[f]) {
      ctx.diags.warning("W404", p.fields[f].span, "input field `" + p.fields[f].name + "` is never used");
    }
  }
  for (uint32_t d = 0; d < p.derived.size(); ++d) {
    if (!ctx.derived_used[d] && p.derived[d].kind == ir::Derived::Let) {
      ctx.diags.warning("W405", p.derived[d].span, "let `" + p.derived[d].name + "` is never used");
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
