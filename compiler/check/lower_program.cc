#include <algorithm>
#include <cmath>
#include <set>

#include "compiler/check/expr_lowering.h"
#include "compiler/check/passes.h"
#include "compiler/check/suggest.h"

namespace verdict::check {
namespace {

class ProgramLowering {
 public:
  explicit ProgramLowering(CheckContext& ctx) : ctx_(ctx) {}

  void run() {
    ctx_.derived_lowered.assign(ctx_.program.derived.size(), false);
    for (uint32_t i = 0; i < ctx_.program.derived.size(); ++i) lower_derived(i);
    for (const ast::Item& item : ctx_.file.items) {
      if (auto* r = std::get_if<ast::RuleDecl>(&item)) lower_rule(*r);
      if (auto* o = std::get_if<ast::OutputDecl>(&item)) lower_output_default(*o);
      if (auto* m = std::get_if<ast::ModelDecl>(&item)) bind_model(*m);
    }
    compute_input_deps();
    compute_decision_tables();
    ctx_.program.decide_begin = static_cast<uint32_t>(ctx_.program.nodes.size());
    for (const ast::Item& item : ctx_.file.items) {
      if (auto* d = std::get_if<ast::DecideDecl>(&item)) lower_decide(*d);
    }
  }

 private:
  void lower_derived(uint32_t i) {
    ir::Derived& d = ctx_.program.derived[i];
    ExprLowering lowering(ctx_, {ir::OwnerKind::Derived, i});
    const ast::Expr& expr = *ctx_.derived_sources[i].expr;
    auto root = d.kind == ir::Derived::Segment
                    ? lowering.lower_condition(expr, "the condition of segment `" + d.name + "`")
                    : lowering.lower(expr);
    if (!root) return;
    d.root = *root;
    d.type = ctx_.program.nodes[*root].type;
    ctx_.derived_lowered[i] = true;
    derived_reads_.resize(ctx_.program.derived.size());
    derived_reads_[i] = {lowering.read_fields(), lowering.read_derived()};
  }

  void lower_rule(const ast::RuleDecl& decl) {
    ir::Rule rule;
    rule.name = decl.name.name;
    rule.description = decl.description ? decl.description->value : "";
    rule.span = decl.name.span;
    uint32_t index = static_cast<uint32_t>(ctx_.program.rules.size());
    ExprLowering lowering(ctx_, {ir::OwnerKind::Rule, index});
    auto cond = lowering.lower_condition(*decl.when, "the condition of rule `" + rule.name + "`");
    rule.condition = cond.value_or(0);
    rule.read_fields = lowering.read_fields();
    rule.read_derived = lowering.read_derived();
    bool has_points = false;
    for (const ast::Action& action : decl.actions) lower_action(action, rule, lowering, has_points);
    ctx_.program.rules.push_back(std::move(rule));
  }

  void lower_action(const ast::Action& a, ir::Rule& rule, ExprLowering& lowering, bool& has_points) {
    switch (a.kind) {
      case ast::ActionKind::Points:
        if (has_points) {
          ctx_.diags.error("E102", a.span, "`points` is given more than once in rule `" + rule.name + "`");
        }
        has_points = true;
        rule.points = a.points.value;
        return;
      case ast::ActionKind::Tag: rule.tags.push_back(a.tag.value); return;
      case ast::ActionKind::Reason: rule.reasons.push_back({a.code.value, a.text.value}); return;
      case ast::ActionKind::Outcome: return knockout(a, rule);
      case ast::ActionKind::Output: return assign(a, rule, lowering);
    }
  }

  void knockout(const ast::Action& a, ir::Rule& rule) {
    auto it = ctx_.outcomes.find(a.target.name);
    if (it == ctx_.outcomes.end()) {
      std::string hint = ctx_.outputs.count(a.target.name)
                             ? "; `" + a.target.name + "` is an output: write `" + a.target.name + " = value`"
                             : did_you_mean(a.target.name, ctx_.program.outcomes);
      ctx_.diags.error("E210", a.target.span, "unknown outcome `" + a.target.name + "`" + hint);
      return;
    }
    if (rule.knockout >= 0) {
      ctx_.diags.error("E213", a.target.span,
                       "rule `" + rule.name + "` already decides `" +
                           ctx_.program.outcomes[rule.knockout] + "`; a rule can knock out to one outcome");
      return;
    }
    rule.knockout = static_cast<int32_t>(it->second);
  }

  void assign(const ast::Action& a, ir::Rule& rule, ExprLowering& lowering) {
    auto it = ctx_.outputs.find(a.target.name);
    if (it == ctx_.outputs.end()) {
      ctx_.diags.error("E211", a.target.span,
                       "unknown output `" + a.target.name + "`" +
                           did_you_mean(a.target.name, ctx_.output_names()));
      return;
    }
    const ir::Output& out = ctx_.program.outputs[it->second];
    auto value = lower_output_value(*a.value, out, lowering);
    if (!value) return;
    rule.assigns.push_back({ctx_.program.assign_count++, it->second, *value, a.priority ? a.priority->value : 0.0, a.span});
  }

  std::optional<uint32_t> lower_output_value(const ast::Expr& e, const ir::Output& out,
                                             ExprLowering& lowering) {
    auto value = lowering.lower(e, &out.type);
    if (!value) return std::nullopt;
    if (!ctx_.program.nodes[*value].type.same_base(out.type)) {
      ctx_.diags.error("E212", e.span,
                       "output `" + out.name + "` holds " + type_name(out.type) + ", but this is " +
                           type_name(ctx_.program.nodes[*value].type));
      return std::nullopt;
    }
    return value;
  }

  void lower_output_default(const ast::OutputDecl& decl) {
    auto it = ctx_.outputs.find(decl.name.name);
    if (it == ctx_.outputs.end() || ctx_.program.outputs[it->second].span != decl.name.span) return;
    ExprLowering lowering(ctx_, {ir::OwnerKind::OutputDefault, it->second});
    auto value = lower_output_value(*decl.default_value, ctx_.program.outputs[it->second], lowering);
    if (value) ctx_.program.outputs[it->second].default_root = *value;
  }

  void bind_model(const ast::ModelDecl& decl) {
    auto sym = ctx_.values.find(decl.name.name);
    if (sym == ctx_.values.end() || sym->second.kind != Symbol::Model ||
        sym->second.span != decl.name.span) {
      return;
    }
    ir::ModelBinding& model = ctx_.program.models[sym->second.index];
    if (!decl.predicts) ctx_.diags.error("E503", decl.name.span, "model `" + model.name + "` needs a `predicts` clause");
    if (decl.features.empty()) ctx_.diags.error("E503", decl.name.span, "model `" + model.name + "` needs a `features (...)` list");
    if (decl.predicts) model.predicts = decl.predicts->name;
    for (const ast::Ident& f : decl.features) bind_feature(f, model);
    for (const ast::ModelReason& r : decl.reasons) {
      auto& fs = model.features;
      if (std::find(fs.begin(), fs.end(), r.feature.name) == fs.end()) {
        ctx_.diags.error("E502", r.feature.span,
                         "`" + r.feature.name + "` is not in the feature list of model `" + model.name + "`");
      }
    }
  }

  void bind_feature(const ast::Ident& f, ir::ModelBinding& model) {
    auto it = ctx_.values.find(f.name);
    if (it == ctx_.values.end() || it->second.kind == Symbol::Model) {
      ctx_.diags.error("E501", f.span,
                       "model feature `" + f.name + "` is not an input field or let" +
                           did_you_mean(f.name, ctx_.value_names()));
      return;
    }
    if (it->second.kind == Symbol::Field) ctx_.field_used[it->second.index] = true;
    else ctx_.derived_used[it->second.index] = true;
    model.features.push_back(f.name);
  }

  void lower_decide(const ast::DecideDecl& decl) {
    bool after_otherwise = false;
    for (const ast::DecideBranch& b : decl.branches) {
      if (after_otherwise) {
        ctx_.diags.error("E301", b.span, "this branch comes after `otherwise` and can never be taken");
        return;
      }
      auto it = ctx_.outcomes.find(b.outcome.name);
      if (it == ctx_.outcomes.end()) {
        ctx_.diags.error("E210", b.outcome.span,
                         "unknown outcome `" + b.outcome.name + "`" +
                             did_you_mean(b.outcome.name, ctx_.program.outcomes));
      }
      int32_t cond = -1;
      if (b.when) {
        ExprLowering lowering(ctx_, {ir::OwnerKind::Decide, static_cast<uint32_t>(ctx_.program.decide.size())}, true);
        auto root = lowering.lower_condition(*b.when, "a `decide` condition");
        cond = root ? static_cast<int32_t>(*root) : -1;
      } else {
        after_otherwise = true;
      }
      if (it != ctx_.outcomes.end()) ctx_.program.decide.push_back({it->second, cond, b.span});
    }
    if (!after_otherwise) {
      ctx_.diags.error("E301", decl.span, "`decide` must end with a branch `OUTCOME otherwise`");
    }
  }

  // Every input field a rule depends on, through derived values too.
  void compute_input_deps() {
    derived_reads_.resize(ctx_.program.derived.size());
    std::vector<std::set<uint32_t>> deps(ctx_.program.derived.size());
    for (uint32_t i = 0; i < deps.size(); ++i) {  // dependency order: earlier ones are final
      deps[i].insert(derived_reads_[i].first.begin(), derived_reads_[i].first.end());
      for (uint32_t d : derived_reads_[i].second) deps[i].insert(deps[d].begin(), deps[d].end());
    }
    for (ir::Rule& rule : ctx_.program.rules) {
      std::set<uint32_t> all(rule.read_fields.begin(), rule.read_fields.end());
      for (uint32_t d : rule.read_derived) all.insert(deps[d].begin(), deps[d].end());
      rule.input_deps.assign(all.begin(), all.end());
    }
  }

  void compute_decision_tables() {
    ir::Program& p = ctx_.program;
    std::vector<uint32_t> order;
    for (uint32_t r = 0; r < p.rules.size(); ++r) {
      order.push_back(r);
      p.rule_points.push_back(p.rules[r].points);
      if (p.rules[r].knockout >= 0) p.knockout_rules.push_back(r);
      if (!p.rules[r].tags.empty()) p.tagged_rules.push_back(r);
    }
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      bool ka = p.rules[a].knockout >= 0, kb = p.rules[b].knockout >= 0;
      if (ka != kb) return ka;
      return !ka && std::fabs(p.rules[a].points) > std::fabs(p.rules[b].points);
    });
    compute_integral_points();
    for (uint32_t r : order) {
      for (const ir::Reason& reason : p.rules[r].reasons) {
        p.ordered_reasons.push_back({r, p.rules[r].knockout >= 0, p.rules[r].points, reason.code, reason.text});
      }
    }
  }

  void compute_integral_points() {
    ir::Program& p = ctx_.program;
    auto integral = [](double x) {
      bool negative_zero = x == 0 && std::signbit(x);
      return std::isfinite(x) && std::trunc(x) == x && !negative_zero && std::fabs(x) < 0x1p53;
    };
    double magnitude = std::fabs(p.points_base);
    bool ok = integral(p.points_base) && !p.rules.empty();
    for (double x : p.rule_points) {
      ok = ok && integral(x);
      magnitude += std::fabs(x);
    }
    p.integral_points = ok && magnitude < 0x1p53;
    if (!p.integral_points) return;
    for (double x : p.rule_points) p.rule_points_int.push_back(static_cast<int64_t>(x));
  }

  std::string type_name(const ir::Type& t) const { return ctx_.program.describe_type(t); }

  CheckContext& ctx_;
  std::vector<std::pair<std::vector<uint32_t>, std::vector<uint32_t>>> derived_reads_;
};

}  // namespace

void lower_program(CheckContext& ctx) { ProgramLowering(ctx).run(); }

}  // namespace verdict::check
