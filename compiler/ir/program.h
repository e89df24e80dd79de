#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/node.h"

namespace verdict::ir {

struct EnumType {
  std::string name;  // the field or output that declared it
  std::vector<std::string> members;
};

struct Field {
  std::string name;
  Type type;
  bool pii = false;
  std::string description;
  Span span;
};

// A `let` or a `segment`: both are computed once per decision, in
// dependency order, before any rule.
struct Derived {
  enum Kind : uint8_t { Let, Segment } kind = Let;
  std::string name;
  Span span;
  uint32_t root = 0;
  Type type;
};

struct Reason {
  std::string code;
  std::string text;
};

struct OutputAssign {
  uint32_t slot = 0;  // index into Evaluation::assigns, over all rules in order
  uint32_t output = 0;
  uint32_t value_root = 0;
  double priority = 0;
  Span span;
};

struct Rule {
  std::string name;
  std::string description;
  Span span;
  uint32_t condition = 0;  // root node, a Bool
  double points = 0;
  std::vector<std::string> tags;
  std::vector<Reason> reasons;
  int32_t knockout = -1;  // outcome index, or -1
  std::vector<OutputAssign> assigns;
  // What the trace shows for this rule: the fields and derived values its
  // condition reads directly (first-use order), and every input field it
  // depends on transitively (field order).
  std::vector<uint32_t> read_fields;
  std::vector<uint32_t> read_derived;
  std::vector<uint32_t> input_deps;
};

struct Output {
  std::string name;
  Type type;
  Span span;
  uint32_t default_root = 0;
};

struct DecideBranch {
  uint32_t outcome = 0;
  int32_t condition = -1;  // root node, or -1 for `otherwise`
  Span span;
};

// One entry of a model's feature list: the input field or let that feeds
// model feature i (i = position in ModelBinding::features).
struct ModelFeature {
  enum Source : uint8_t { Field, Derived } source = Field;
  uint32_t index = 0;  // into Program::fields or Program::derived
  std::string name;
  Span span;
};

// `reason FEATURE [lowers|raises] "CODE" "text"` on a model.
struct ModelReason {
  uint32_t feature = 0;  // position in ModelBinding::features
  bool raises = false;   // given when the feature raises (else lowers) the final score
  std::string code;
  std::string text;
  Span span;
};

// A `model` declaration as checked against the ruleset alone; the runtime
// checks it against the model file (runtime/core/model_binding.h).
struct ModelBinding {
  std::string name;
  std::string file;  // as written, relative to the rules file
  Span file_span;
  std::string predicts;
  bool predicts_not = false;  // score = 1 - P(predicts) instead of P(predicts)
  Span predicts_span;
  std::vector<ModelFeature> features;
  Span features_span;
  std::vector<ModelReason> reasons;
  Span span;
};

// Move-only: `ordered_reasons` (and decisions) hold views into the rules'
// strings, which a move keeps valid and a copy would not.
struct Program {
  Program() = default;
  Program(Program&&) = default;
  Program& operator=(Program&&) = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  std::string name;
  std::string version;
  std::string source_path;
  std::vector<std::string> outcomes;
  double points_base = 0, scale_min = 0, scale_max = 100;

  std::vector<EnumType> enums;
  std::vector<Field> fields;
  std::vector<Derived> derived;    // INVARIANT: topologically ordered
  std::vector<uint32_t> segments;  // derived indices of the segments, in file order
  std::vector<Rule> rules;         // file order
  // Tables derived from `rules` so that assembling a decision touches only
  // small contiguous arrays (see runtime/core/decide.cc). Built by the checker.
  struct OrderedReason {
    uint32_t rule;
    bool knockout;
    double points;
    std::string_view code, text;  // view rules[rule].reasons, which never change
  };
  std::vector<double> rule_points;  // per rule
  // When the base and every rule's points are integers (none -0) whose
  // magnitudes sum below 2^53, every partial sum is exact, so summing as
  // int64 in any order gives the same double as the in-order sum.
  bool integral_points = false;
  std::vector<int64_t> rule_points_int;  // per rule, when integral_points
  std::vector<uint32_t> knockout_rules;  // rules with a knock-out, file order
  std::vector<uint32_t> tagged_rules;    // rules with tags, file order
  // Every reason in the order a decision lists them: knock-out rules in file
  // order, then the others by |points|, largest first, ties in file order.
  std::vector<OrderedReason> ordered_reasons;
  std::vector<Output> outputs;
  std::vector<DecideBranch> decide;
  std::vector<ModelBinding> models;
  std::vector<std::string> strings;  // interned string constants

  std::vector<Node> nodes;
  std::vector<uint32_t> args;
  // Nodes [0, decide_begin) are evaluated before scoring; the rest are the
  // decide conditions, which may read Final and Human.
  uint32_t decide_begin = 0;
  uint32_t event_slots = 0;  // arithmetic nodes that can record an event
  uint32_t assign_count = 0;

  // "a number", "a bool", "a string", "a value of `home`"
  std::string describe_type(const Type& t) const;
  const Node& node(uint32_t i) const { return nodes[i]; }
  uint32_t arg(const Node& n, uint32_t k) const { return args[n.first_arg + k]; }
  std::optional<uint32_t> find_field(std::string_view name) const;
  std::optional<uint32_t> find_enum_member(int32_t enum_id, std::string_view member) const;
};

}  // namespace verdict::ir
