#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>

#include "compiler/check/expr_lowering.h"
#include "compiler/check/passes.h"
#include "compiler/source/suggest.h"

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
    points_span_.reset();
    knockout_span_.reset();
    for (const ast::Action& action : decl.actions) lower_action(action, rule, lowering);
    ctx_.program.rules.push_back(std::move(rule));
  }

  void lower_action(const ast::Action& a, ir::Rule& rule, ExprLowering& lowering) {
    switch (a.kind) {
      case ast::ActionKind::Points:
        if (points_span_) {
          ctx_.diags.report(code::E102, a.span, "`points` is given more than once in rule `" + rule.name + "`");
          ctx_.diags.note(*points_span_, "first given here");
          return;
        }
        points_span_ = a.span;
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
    if (it == ctx_.outcomes.end() && no_outcomes_declared(a.target.name)) return;
    if (it == ctx_.outcomes.end()) {
      std::string hint = ctx_.outputs.count(a.target.name)
                             ? "; `" + a.target.name + "` is an output: write `" + a.target.name + " = value`"
                             : outcome_hint(a.target.name);
      ctx_.diags.report(code::E210, a.target.span, "unknown outcome `" + a.target.name + "`" + hint);
      return;
    }
    if (knockout_span_) {
      ctx_.diags.report(code::E213, a.target.span,
                        "rule `" + rule.name + "` already decides `" + ctx_.program.outcomes[rule.knockout] +
                            "`; a rule can knock out to one outcome");
      ctx_.diags.note(*knockout_span_, "the rule's outcome is given here");
      return;
    }
    knockout_span_ = a.target.span;
    rule.knockout = static_cast<int32_t>(it->second);
  }

  // Why `name` is not an output: it names an input, let, segment or model
  // (which rules cannot set), is close to an output, or else the outputs.
  std::string output_hint(const std::string& name) const {
    if (!ctx_.may_suggest()) return "";
    if (auto it = ctx_.values.find(name); it != ctx_.values.end()) {
      static const char* kKinds[] = {"an input field", "a let", "a segment", "a model"};
      return "; `" + name + "` is " + kKinds[it->second.kind] + ", and rules can only set outputs";
    }
    std::vector<std::string> outputs = ctx_.output_names();
    std::string hint = did_you_mean(name, outputs);
    if (!hint.empty()) return hint;
    if (outputs.empty()) return "; declare it first, as in `output " + name + ": number = 0`";
    if (outputs.size() == 1) return "; the only output is `" + outputs[0] + "`";
    return "; the outputs are " + quoted_list(outputs, "and", 12);
  }

  // With no `outcomes` at all, E103 already says so: every outcome named in
  // a rule or in `decide` would be unknown, and reporting each is noise.
  bool no_outcomes_declared(const std::string& name) const {
    return ctx_.program.outcomes.empty() && !ctx_.outputs.count(name);
  }

  // "; did you mean `x`?", or the declared outcomes when none is close.
  std::string outcome_hint(const std::string& name) const {
    if (!ctx_.may_suggest()) return "";
    const std::vector<std::string>& outcomes = ctx_.program.outcomes;
    std::string hint = did_you_mean(name, outcomes);
    if (!hint.empty() || outcomes.empty()) return hint;
    if (outcomes.size() == 1) return "; the only outcome is `" + outcomes[0] + "`";
    return "; the outcomes are " + quoted_list(outcomes, "and", 12);
  }

  void assign(const ast::Action& a, ir::Rule& rule, ExprLowering& lowering) {
    auto it = ctx_.outputs.find(a.target.name);
    if (it == ctx_.outputs.end()) {
      ctx_.diags.report(code::E211, a.target.span,
                        "unknown output `" + a.target.name + "`" + output_hint(a.target.name));
      return;
    }
    const ir::Output& out = ctx_.program.outputs[it->second];
    auto value = lower_output_value(*a.value, out, lowering);
    if (!value) return;
    rule.assigns.push_back(
        {ctx_.program.assign_count++, it->second, *value, a.priority ? a.priority->value : 0.0, a.span});
  }

  std::optional<uint32_t> lower_output_value(const ast::Expr& e, const ir::Output& out, ExprLowering& lowering) {
    auto value = lowering.lower(e, &out.type);
    if (!value) return std::nullopt;
    if (!ctx_.program.nodes[*value].type.same_base(out.type)) {
      ctx_.diags.report(code::E212, e.span,
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
    if (sym == ctx_.values.end() || sym->second.kind != Symbol::Model || sym->second.span != decl.name.span) {
      return;
    }
    ir::ModelBinding& model = ctx_.program.models[sym->second.index];
    if (sym->second.index > 0) {
      const ir::ModelBinding& first = ctx_.program.models[0];
      ctx_.diags.report(
          code::E504, decl.name.span,
          "model `" + model.name + "` is a second model; a ruleset blends one model, `" + first.name + "`");
      ctx_.diags.note(first.span, "the model that is blended is declared here");
    }
    if (!decl.predicts)
      ctx_.diags.report(code::E503, decl.name.span, "model `" + model.name + "` needs a `predicts` clause");
    if (decl.features.empty())
      ctx_.diags.report(code::E503, decl.name.span, "model `" + model.name + "` needs a `features (...)` list");
    for (const ast::RepeatedClause& r : decl.repeated) {
      ctx_.diags.report(code::E503, r.span, "model `" + model.name + "` has more than one `" + r.keyword + "` clause");
      ctx_.diags.note(r.first, "first given here");
    }
    if (decl.predicts) {
      model.predicts = decl.predicts->name;
      model.predicts_not = decl.predicts_not;
      model.predicts_span = decl.predicts_span;
    }
    model.features_span = decl.features_span;
    for (size_t i = 0; i < decl.features.size(); ++i) bind_feature(decl.features, i, model);
    for (const ast::ModelReason& r : decl.reasons) bind_model_reason(decl, r, model);
  }

  // Checked against the list as written: a feature with an error of its own
  // (E501) is not reported again here.
  void bind_model_reason(const ast::ModelDecl& decl, const ast::ModelReason& r, ir::ModelBinding& model) {
    auto listed = std::find_if(decl.features.begin(), decl.features.end(),
                               [&](const ast::Ident& f) { return f.name == r.feature.name; });
    if (listed == decl.features.end()) {
      std::vector<std::string> names;
      if (ctx_.may_suggest()) {
        for (const ast::Ident& f : decl.features) names.push_back(f.name);
      }
      ctx_.diags.report(code::E502, r.feature.span,
                        "`" + r.feature.name + "` is not in the feature list of model `" + model.name + "`" +
                            did_you_mean(r.feature.name, names));
      return;
    }
    uint32_t position = static_cast<uint32_t>(listed - decl.features.begin());
    model.reasons.push_back({position, r.raises, r.code.value, r.text.value, r.span});
  }

  // INVARIANT: model.features[i] is decl.features[i] whenever the check has
  // no errors; a feature with an error is left out.
  void bind_feature(const std::vector<ast::Ident>& list, size_t i, ir::ModelBinding& model) {
    const ast::Ident& f = list[i];
    for (size_t j = 0; j < i; ++j) {
      if (list[j].name != f.name) continue;
      ctx_.diags.report(code::E501, f.span, "model feature `" + f.name + "` is listed twice");
      ctx_.diags.note(list[j].span, "first listed here");
      return;
    }
    auto it = ctx_.values.find(f.name);
    if (it == ctx_.values.end()) {
      std::vector<std::string> candidates;
      if (ctx_.may_suggest()) {
        for (const auto& [name, symbol] : ctx_.values) {
          if (symbol.kind == Symbol::Field || symbol.kind == Symbol::Let) candidates.push_back(name);
        }
      }
      ctx_.diags.report(
          code::E501, f.span,
          "model feature `" + f.name + "` is not an input field or let" + did_you_mean(f.name, candidates));
      return;
    }
    const Symbol& symbol = it->second;
    if (symbol.kind == Symbol::Model || symbol.kind == Symbol::Segment) {
      const char* what = symbol.kind == Symbol::Model ? "a model" : "a segment";
      ctx_.diags.report(code::E501, f.span,
                        "model feature `" + f.name + "` is " + what +
                            "; a feature must be an input "
                            "field or let");
      return;
    }
    const ir::Type& type =
        symbol.kind == Symbol::Field ? ctx_.program.fields[symbol.index].type : ctx_.program.derived[symbol.index].type;
    if (type.base == ir::BaseType::String) {
      ctx_.diags.report(code::E501, f.span,
                        "model feature `" + f.name +
                            "` is a string; a model reads numbers, bools "
                            "and enum values");
      return;
    }
    if (symbol.kind == Symbol::Field)
      ctx_.field_used[symbol.index] = true;
    else
      ctx_.derived_used[symbol.index] = true;
    ir::ModelFeature feature;
    feature.source = symbol.kind == Symbol::Field ? ir::ModelFeature::Field : ir::ModelFeature::Derived;
    feature.index = symbol.index;
    feature.name = f.name;
    feature.span = f.span;
    model.features.push_back(std::move(feature));
  }

  void lower_decide(const ast::DecideDecl& decl) {
    bool after_otherwise = false;
    Span otherwise_span;
    for (const ast::DecideBranch& b : decl.branches) {
      if (after_otherwise) {
        ctx_.diags.report(code::E301, b.span, "this branch comes after `otherwise` and can never be taken");
        ctx_.diags.note(otherwise_span, "`otherwise` takes every remaining case here");
        return;
      }
      auto it = ctx_.outcomes.find(b.outcome.name);
      if (it == ctx_.outcomes.end() && !no_outcomes_declared(b.outcome.name)) {
        ctx_.diags.report(code::E210, b.outcome.span,
                          "unknown outcome `" + b.outcome.name + "`" + outcome_hint(b.outcome.name));
      }
      int32_t cond = -1;
      if (b.when) {
        ExprLowering lowering(ctx_, {ir::OwnerKind::Decide, static_cast<uint32_t>(ctx_.program.decide.size())}, true);
        auto root = lowering.lower_condition(*b.when, "a `decide` condition");
        cond = root ? static_cast<int32_t>(*root) : -1;
      } else {
        after_otherwise = true;
        otherwise_span = b.span;
      }
      if (it != ctx_.outcomes.end()) ctx_.program.decide.push_back({it->second, cond, b.span});
    }
    if (!after_otherwise && !decl.branches.empty()) {
      const ast::DecideBranch& last = decl.branches.back();
      ctx_.diags.report(code::E301, last.span,
                        "`decide` has no `otherwise` branch; its last branch must be "
                        "`OUTCOME otherwise`");
    }
  }

  // Every input field a rule depends on, through derived values too. A walk
  // per rule over the derived values it reaches: no per-derived closure is
  // kept, which would grow with the square of a long chain of lets.
  void compute_input_deps() {
    derived_reads_.resize(ctx_.program.derived.size());
    std::vector<uint32_t> visited_by(ctx_.program.derived.size(), UINT32_MAX);
    for (uint32_t r = 0; r < ctx_.program.rules.size(); ++r) {
      ir::Rule& rule = ctx_.program.rules[r];
      std::set<uint32_t> all(rule.read_fields.begin(), rule.read_fields.end());
      std::vector<uint32_t> pending = rule.read_derived;
      while (!pending.empty()) {
        uint32_t d = pending.back();
        pending.pop_back();
        if (std::exchange(visited_by[d], r) == r) continue;
        all.insert(derived_reads_[d].first.begin(), derived_reads_[d].first.end());
        const std::vector<uint32_t>& next = derived_reads_[d].second;
        pending.insert(pending.end(), next.begin(), next.end());
      }
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
  // The first `points` and knock-out action of the rule being lowered.
  std::optional<Span> points_span_, knockout_span_;
};

}  // namespace

void lower_program(CheckContext& ctx) { ProgramLowering(ctx).run(); }

}  // namespace verdict::check
