#include "compiler/ir/ir_printer.h"

#include "compiler/util/shortest_number.h"

namespace verdict::ir {
namespace {

class Printer {
 public:
  explicit Printer(const Program& p) : p_(p) {}

  std::string run() {
    out_ += "ruleset " + p_.name + (p_.version.empty() ? "" : " version \"" + p_.version + "\"") + "\n";
    out_ += "outcomes";
    for (const auto& o : p_.outcomes) out_ += " " + o;
    out_ += "\npoints base " + shortest_number(p_.points_base) + " scale " + shortest_number(p_.scale_min) + ".." +
            shortest_number(p_.scale_max) + "\n";
    for (uint32_t f = 0; f < p_.fields.size(); ++f) {
      const Field& field = p_.fields[f];
      out_ += "field " + std::to_string(f) + " " + field.name + " : " + type(field.type) + (field.pii ? " @pii" : "") +
              "\n";
    }
    for (uint32_t i = 0; i < p_.nodes.size(); ++i) node(i);
    footer();
    return out_;
  }

 private:
  std::string type(const Type& t) const {
    std::string base;
    switch (t.base) {
      case BaseType::Number: base = "number"; break;
      case BaseType::Bool: base = "bool"; break;
      case BaseType::String: base = "string"; break;
      case BaseType::Enum: base = "enum " + p_.enums[t.enum_id].name; break;
    }
    return base + (t.optional ? "?" : "");
  }

  std::string owner_header(const Owner& o) const {
    switch (o.kind) {
      case OwnerKind::Derived: {
        const Derived& d = p_.derived[o.index];
        return std::string(d.kind == Derived::Let ? "let " : "segment ") + d.name + " : " + type(d.type);
      }
      case OwnerKind::Rule: {
        const Rule& r = p_.rules[o.index];
        std::string h = "rule " + r.name;
        if (r.points != 0) h += " points " + shortest_number(r.points);
        if (r.knockout >= 0) h += " knockout " + p_.outcomes[r.knockout];
        return h;
      }
      case OwnerKind::OutputDefault: return "output " + p_.outputs[o.index].name + " default";
      case OwnerKind::Decide:
        return "decide " + std::to_string(o.index) + " -> " + p_.outcomes[p_.decide[o.index].outcome];
    }
    return "?";
  }

  std::string operand(const Node& n) const {
    switch (n.op) {
      case Op::ConstNumber: return " " + shortest_number(n.number);
      case Op::ConstBool: return n.index ? " true" : " false";
      case Op::ConstString: return " \"" + p_.strings[n.index] + "\"";
      case Op::ConstEnum: return " " + p_.enums[n.type.enum_id].members[n.index];
      case Op::Field: return " " + p_.fields[n.index].name;
      case Op::Derived: return " " + p_.derived[n.index].name;
      default: break;
    }
    std::string args;
    for (uint32_t k = 0; k < n.arg_count; ++k) args += (k ? ", %" : " %") + std::to_string(p_.arg(n, k));
    return args;
  }

  void node(uint32_t i) {
    const Node& n = p_.nodes[i];
    bool new_owner =
        i == 0 || p_.nodes[i - 1].owner.kind != n.owner.kind || p_.nodes[i - 1].owner.index != n.owner.index;
    if (new_owner) out_ += owner_header(n.owner) + "\n";
    out_ += "  %" + std::to_string(i) + " = " + op_name(n.op) + operand(n) + " : " + type(n.type);
    if (is_arithmetic(n.op) && n.index >= 0) out_ += "  [event " + std::to_string(n.index) + "]";
    out_ += "\n";
  }

  void footer() {
    for (const Rule& r : p_.rules) {
      out_ += "rule " + r.name + " when %" + std::to_string(r.condition);
      for (const OutputAssign& a : r.assigns) {
        out_ += ", " + p_.outputs[a.output].name + " = %" + std::to_string(a.value_root) + " priority " +
                shortest_number(a.priority);
      }
      out_ += "\n";
    }
    for (const DecideBranch& b : p_.decide) {
      out_ += "decide " + p_.outcomes[b.outcome] +
              (b.condition < 0 ? " otherwise" : " when %" + std::to_string(b.condition)) + "\n";
    }
  }

  const Program& p_;
  std::string out_;
};

}  // namespace

std::string print_program(const Program& program) { return Printer(program).run(); }

}  // namespace verdict::ir
