#include <algorithm>
#include <array>

#include "compiler/check/passes.h"

namespace verdict::check {
namespace {

constexpr std::array<std::string_view, 16> kReserved = {
    "final", "human",       "min",       "max",      "abs",     "clamp", "log",   "exp",
    "round", "starts_with", "ends_with", "contains", "missing", "true",  "false", "otherwise"};

bool reserved(std::string_view name) { return std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end(); }

// What a reserved name already means, for E107.
std::string reserved_meaning(std::string_view name) {
  if (name == "final" || name == "human") return "the decision's score, used in `decide`";
  if (name == "missing" || name == "true" || name == "false" || name == "otherwise") {
    return "a keyword";
  }
  return "the built-in function `" + std::string(name) + "(...)`";
}

const char* symbol_kind(Symbol::Kind kind) {
  switch (kind) {
    case Symbol::Field: return "an input field";
    case Symbol::Let: return "a let";
    case Symbol::Segment: return "a segment";
    case Symbol::Model: return "a model";
  }
  return "a name";
}

// The span of the keyword that starts a declaration spanning `decl`.
Span keyword_span(Span decl, const char* keyword) {
  return {decl.begin, decl.begin + static_cast<uint32_t>(std::string_view(keyword).size())};
}

class Declarer {
 public:
  explicit Declarer(CheckContext& ctx) : ctx_(ctx) {}

  void run() {
    ctx_.program.name = ctx_.file.ruleset.name.name;
    ctx_.program.source_path = ctx_.source.path();
    for (const ast::Item& item : ctx_.file.items) std::visit(*this, item);
    if (!seen_outcomes_) {
      ctx_.diags.report(code::E103, ctx_.file.ruleset.span,
                        "ruleset `" + ctx_.program.name + "` declares no `outcomes`");
    }
    if (!seen_decide_) {
      ctx_.diags.report(code::E103, ctx_.file.ruleset.span,
                        "ruleset `" + ctx_.program.name + "` has no `decide` block");
    }
    report_names_shadowing_members();
    report_outputs_named_like_values();
  }

  // `then x = ...` sets output `x` while `x` in a condition reads the field
  // or let: one name for two things is an error (E101).
  void report_outputs_named_like_values() {
    for (const ir::Output& out : ctx_.program.outputs) {
      auto it = ctx_.values.find(out.name);
      if (it == ctx_.values.end()) continue;
      ctx_.diags.report(code::E101, out.span,
                        "output `" + out.name + "` has the name of a declared field, let, segment or model");
      ctx_.diags.note(it->second.span, "that declaration is here");
    }
  }

  // Beside an enum value a bare word means the enum value, so a field, let
  // or segment with the same name could not be read there: ambiguous (E216).
  void report_names_shadowing_members() {
    for (const EnumMember& m : members_) {
      auto it = ctx_.values.find(m.name);
      if (it == ctx_.values.end() || it->second.kind == Symbol::Model) continue;
      ctx_.diags.report(code::E216, it->second.span,
                        "`" + m.name + "` is also a value of `" + m.owner + "`, so a bare `" + m.name +
                            "` would be ambiguous; rename one of them");
      ctx_.diags.note(m.span, "the enum value is declared here");
    }
  }

  void operator()(const ast::VersionDecl& d) {
    if (once(version_span_, d.span, "version")) ctx_.program.version = d.version.value;
  }

  // A second `outcomes` list is an error (E102), but its outcomes are still
  // declared so that rules using them are not reported again.
  void operator()(const ast::OutcomesDecl& d) {
    bool first = once(outcomes_span_, d.span, "outcomes");
    seen_outcomes_ = true;
    for (const ast::Ident& outcome : d.outcomes) {
      auto [it, inserted] = ctx_.outcomes.emplace(outcome.name, ctx_.program.outcomes.size());
      if (!inserted) {
        if (first) {
          ctx_.diags.report(code::E104, outcome.span, "outcome `" + outcome.name + "` is listed twice");
          ctx_.diags.note(ctx_.outcome_spans[it->second], "first listed here");
        }
        continue;
      }
      ctx_.program.outcomes.push_back(outcome.name);
      ctx_.outcome_spans.push_back(outcome.span);
    }
  }

  void operator()(const ast::PointsDecl& d) {
    if (!once(points_span_, d.span, "points")) return;
    if (d.scale_min.value >= d.scale_max.value) {
      ctx_.diags.report(code::E105, Span::cover(d.scale_min.span, d.scale_max.span),
                        "points scale `" + d.scale_min.text + ".." + d.scale_max.text +
                            "` is empty; the minimum must be below the maximum");
      return;
    }
    ctx_.program.points_base = d.base.value;
    ctx_.program.scale_min = d.scale_min.value;
    ctx_.program.scale_max = d.scale_max.value;
  }

  // A second `input` block is an error (E102); its fields are still declared
  // so that their uses are not reported again.
  void operator()(const ast::InputDecl& d) {
    once(input_span_, d.span, "input");
    for (const ast::FieldDecl& f : d.fields) declare_field(f);
  }

  void operator()(const ast::OutputDecl& d) {
    if (!check_reserved(d.name)) return;
    auto [it, inserted] = ctx_.outputs.emplace(d.name.name, ctx_.program.outputs.size());
    if (!inserted) {
      already_declared(d.name, ctx_.program.outputs[it->second].span, "an output");
      return;
    }
    ctx_.program.outputs.push_back({d.name.name, to_type(d.type, d.name.name), d.name.span, 0});
  }

  void operator()(const ast::LetDecl& d) { declare_derived(d.name, d.value.get(), ir::Derived::Let); }

  void operator()(const ast::SegmentDecl& d) { declare_derived(d.name, d.when.get(), ir::Derived::Segment); }

  void operator()(const ast::ModelDecl& d) {
    if (declare_value(d.name, Symbol::Model, ctx_.program.models.size())) {
      ir::ModelBinding model;
      model.name = d.name.name;
      model.file = d.file.value;
      model.file_span = d.file.span;
      model.span = d.span;
      ctx_.program.models.push_back(std::move(model));
    }
  }

  void operator()(const ast::RuleDecl& d) {
    auto [it, inserted] = rule_spans_.emplace(d.name.name, d.name.span);
    if (!inserted) already_declared(d.name, it->second, "a rule");
  }

  void operator()(const ast::DecideDecl& d) {
    if (once(decide_span_, d.span, "decide")) seen_decide_ = true;
  }

 private:
  // Reports E102 when a clause that may appear once appears again.
  bool once(std::optional<Span>& first, Span span, const char* clause) {
    if (first) {
      ctx_.diags.report(code::E102, keyword_span(span, clause),
                        std::string("`") + clause + "` is given more than once");
      ctx_.diags.note(keyword_span(*first, clause), "first given here");
      return false;
    }
    first = span;
    return true;
  }

  bool check_reserved(const ast::Ident& name) {
    if (!reserved(name.name)) return true;
    ctx_.diags.report(code::E107, name.span,
                      "`" + name.name + "` is a reserved name: it is " + reserved_meaning(name.name));
    return false;
  }

  // `what` is the kind of the earlier declaration ("an input field", "a rule").
  void already_declared(const ast::Ident& name, Span previous, const char* what) {
    ctx_.diags.report(code::E101, name.span, "`" + name.name + "` is already declared as " + what);
    ctx_.diags.note(previous, "previous declaration is here");
  }

  bool declare_value(const ast::Ident& name, Symbol::Kind kind, size_t index) {
    if (!check_reserved(name)) return false;
    auto [it, inserted] = ctx_.values.emplace(name.name, Symbol{kind, static_cast<uint32_t>(index), name.span});
    if (!inserted) {
      already_declared(name, it->second.span, symbol_kind(it->second.kind));
      return false;
    }
    return true;
  }

  void declare_field(const ast::FieldDecl& f) {
    if (!declare_value(f.name, Symbol::Field, ctx_.program.fields.size())) return;
    ir::Field field{f.name.name, to_type(f.type, f.name.name), false, "", f.name.span};
    field.type.optional = f.optional;
    for (const ast::Ident& annotation : f.annotations) {
      if (annotation.name == "pii") {
        field.pii = true;
      } else {
        ctx_.diags.report(code::E106, annotation.span,
                          "unknown annotation `@" + annotation.name + "`; the only one is `@pii`");
      }
    }
    if (!f.descriptions.empty()) field.description = f.descriptions[0].value;
    if (f.descriptions.size() > 1) {
      ctx_.diags.report(code::E106, f.descriptions[1].span,
                        "field `" + f.name.name + "` has more than one description");
    }
    ctx_.program.fields.push_back(std::move(field));
    ctx_.field_used.push_back(false);
  }

  void declare_derived(const ast::Ident& name, const ast::Expr* expr, ir::Derived::Kind kind) {
    Symbol::Kind symbol = kind == ir::Derived::Let ? Symbol::Let : Symbol::Segment;
    if (!declare_value(name, symbol, ctx_.program.derived.size())) return;
    ctx_.program.derived.push_back({kind, name.name, name.span, 0, {}});
    ctx_.derived_sources.push_back({expr, name.span});
    ctx_.derived_used.push_back(false);
  }

  ir::Type to_type(const ast::TypeRef& t, const std::string& owner) {
    switch (t.kind) {
      case ast::TypeKind::Number: return {ir::BaseType::Number, -1, false};
      case ast::TypeKind::Bool: return {ir::BaseType::Bool, -1, false};
      case ast::TypeKind::String: return {ir::BaseType::String, -1, false};
      case ast::TypeKind::Enum: break;
    }
    ir::EnumType e{owner, {}};
    for (const ast::Ident& member : t.members) {
      if (std::find(e.members.begin(), e.members.end(), member.name) != e.members.end()) {
        ctx_.diags.report(code::E104, member.span,
                          "enum value `" + member.name + "` is listed twice in `" + owner + "`");
        for (const ast::Ident& earlier : t.members) {
          if (earlier.name == member.name) {
            ctx_.diags.note(earlier.span, "first listed here");
            break;
          }
        }
        continue;
      }
      e.members.push_back(member.name);
      members_.push_back({member.name, owner, member.span});
    }
    ctx_.program.enums.push_back(std::move(e));
    return {ir::BaseType::Enum, static_cast<int32_t>(ctx_.program.enums.size() - 1), false};
  }

  struct EnumMember {
    std::string name;
    std::string owner;  // the field or output whose enum lists it
    Span span;
  };

  CheckContext& ctx_;
  std::vector<EnumMember> members_;
  std::optional<Span> version_span_, outcomes_span_, points_span_, input_span_, decide_span_;
  bool seen_outcomes_ = false, seen_decide_ = false;
  std::map<std::string, Span> rule_spans_;
};

}  // namespace

void declare_names(CheckContext& ctx) { Declarer(ctx).run(); }

}  // namespace verdict::check
