#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/eval/value.h"
#include "compiler/ir/program.h"

namespace verdict::check {

// The value of a subexpression that reads no field, derived value or score,
// computed with the interpreter's semantics; nullopt when it is not constant.
// `false and X` and `true or X` are constant whatever X is. One folder serves
// any number of calls on one program without allocating per call.
class ConstantFolder {
 public:
  explicit ConstantFolder(const ir::Program& program) : program_(program), values_(program.nodes.size()) {}
  std::optional<Value> fold(uint32_t root);
  const ir::Program& program() const { return program_; }

 private:
  const ir::Program& program_;
  std::vector<Value> values_;  // scratch, indexed by node
};

std::optional<Value> fold_constant(const ir::Program& program, uint32_t root);

// A variable a condition constrains: a field, a derived value or a score.
struct VarKey {
  ir::Op op;
  int32_t index;
  auto operator<=>(const VarKey&) const = default;
};

// What a conjunction of simple atoms (`x < 3`, `x == c`, `e in [..]`, a bool
// field or its negation) allows for one variable. Numbers as an interval,
// enum codes and bools as a set.
struct Allowed {
  double lo = -INFINITY, hi = INFINITY;
  bool lo_strict = false, hi_strict = false;
  std::optional<std::set<int32_t>> codes;

  bool empty() const;
  // True when every value this allows is also allowed by `other`.
  bool within(const Allowed& other) const;
};

// Constraints from the top-level `and` chain of `root`, one per variable;
// atoms that are not simple are ignored (so the result over-approximates).
// `exact`, when given, is set to whether every atom was simple, i.e. the
// condition is true exactly for the values the result allows.
std::vector<std::pair<VarKey, Allowed>> conjunction_constraints(ConstantFolder& folder, uint32_t root,
                                                                bool* exact = nullptr);

std::string var_name(const ir::Program& program, const VarKey& key);

}  // namespace verdict::check
