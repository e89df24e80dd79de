#include "compiler/syntax/ast_printer.h"

namespace verdict::ast {
namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string type_text(const TypeRef& t) {
  switch (t.kind) {
    case TypeKind::Number: return "number";
    case TypeKind::Bool: return "bool";
    case TypeKind::String: return "string";
    case TypeKind::Enum: break;
  }
  std::string out = "enum(";
  for (size_t i = 0; i < t.members.size(); ++i) out += (i ? " " : "") + t.members[i].name;
  return out + ")";
}

struct ItemPrinter {
  std::string& out;

  void operator()(const VersionDecl& d) { out += "  version " + quoted(d.version.value) + "\n"; }
  void operator()(const OutcomesDecl& d) {
    out += "  outcomes";
    for (const Ident& o : d.outcomes) out += " " + o.name;
    out += "\n";
  }
  void operator()(const PointsDecl& d) {
    out += "  points base " + d.base.text + " scale " + d.scale_min.text + " " + d.scale_max.text + "\n";
  }
  void operator()(const InputDecl& d) {
    out += "  input " + d.name.name + "\n";
    for (const FieldDecl& f : d.fields) {
      out += "    field " + f.name.name + " " + type_text(f.type) + (f.optional ? " optional" : "");
      for (const Ident& a : f.annotations) out += " @" + a.name;
      for (const StringLit& s : f.descriptions) out += " " + quoted(s.value);
      out += "\n";
    }
  }
  void operator()(const OutputDecl& d) {
    out += "  output " + d.name.name + " " + type_text(d.type) + " default " + print_sexpr(*d.default_value) + "\n";
  }
  void operator()(const LetDecl& d) { out += "  let " + d.name.name + " " + print_sexpr(*d.value) + "\n"; }
  void operator()(const SegmentDecl& d) { out += "  segment " + d.name.name + " " + print_sexpr(*d.when) + "\n"; }
  void operator()(const ModelDecl& d) {
    out += "  model " + d.name.name + " xgboost " + quoted(d.file.value);
    if (d.predicts) out += std::string(" predicts ") + (d.predicts_not ? "not " : "") + d.predicts->name;
    out += " features";
    for (const Ident& f : d.features) out += " " + f.name;
    for (const ModelReason& r : d.reasons) {
      out += " reason " + r.feature.name + (r.raises ? " raises " : " ") + quoted(r.code.value);
    }
    out += "\n";
  }
  void operator()(const RuleDecl& d) {
    out += "  rule " + d.name.name + (d.description ? " " + quoted(d.description->value) : "") + "\n";
    out += "    when " + print_sexpr(*d.when) + "\n";
    for (const Action& a : d.actions) out += "    then " + action(a) + "\n";
  }
  void operator()(const DecideDecl& d) {
    out += "  decide\n";
    for (const DecideBranch& b : d.branches) {
      out += "    " + b.outcome.name + (b.when ? " when " + print_sexpr(*b.when) : " otherwise") + "\n";
    }
  }

  static std::string action(const Action& a) {
    switch (a.kind) {
      case ActionKind::Points: return "points " + a.points.text;
      case ActionKind::Tag: return "tag " + quoted(a.tag.value);
      case ActionKind::Reason: return "reason " + quoted(a.code.value) + " " + quoted(a.text.value);
      case ActionKind::Outcome: return "knockout " + a.target.name;
      case ActionKind::Output: break;
    }
    return "set " + a.target.name + " " + print_sexpr(*a.value) + (a.priority ? " priority " + a.priority->text : "");
  }
};

const char* kind_name(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Neg: return "neg";
    case ExprKind::Not: return "not";
    case ExprKind::In: return e.negated ? "not-in" : "in";
    case ExprKind::IsMissing: return e.negated ? "is-not-missing" : "is-missing";
    default: return "?";
  }
}

}  // namespace

std::string print_sexpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number: return e.text;
    case ExprKind::String: return quoted(e.text);
    case ExprKind::Bool: return e.boolean ? "true" : "false";
    case ExprKind::Name: return e.text;
    default: break;
  }
  std::string head = e.kind == ExprKind::Binary ? std::string(spelling(e.op))
                     : e.kind == ExprKind::Call ? e.text
                                                : kind_name(e);
  std::string out = "(" + head;
  for (const auto& a : e.args) out += " " + print_sexpr(*a);
  return out + ")";
}

std::string print_ast(const RulesFile& file) {
  std::string out = "ruleset " + file.ruleset.name.name + "\n";
  ItemPrinter printer{out};
  for (const Item& item : file.items) std::visit(printer, item);
  return out;
}

}  // namespace verdict::ast
