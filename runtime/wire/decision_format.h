#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/eval/frame.h"
#include "runtime/core/decision.h"
#include "runtime/deploy/ruleset.h"
#include "runtime/deploy/trace_level.h"
#include "runtime/wire/rendered_names.h"

namespace verdict {

class BoundModel;
class Deployment;

// Everything the decision writer needs that depends on the ruleset or the
// deployment only, never on a request: which derived values are PII, the
// locations and source text the trace cites, who assigns which output slot,
// the score formula's fixed part, the provenance. Built once per deployment
// (the Engine builds one per version it serves) and shared, read-only, by
// every decision written with it.
// INVARIANT: refers to the ruleset (and deployment) it was built from, which
// must outlive it.
class DecisionFormat {
 public:
  // A bare ruleset's decisions: docs/decision.md without `model`,
  // `provenance`, score weights and reason effects.
  explicit DecisionFormat(const CompiledRuleset& ruleset);
  // A deployment's decisions, as docs/decision.md documents them.
  explicit DecisionFormat(const Deployment& deployment);

  // The decision as one line of JSON text, key order stable, written
  // straight to text (JsonOut): the bytes the decision log holds. With
  // `request` set it starts with `"request": N` (its line in an input file).
  std::string write_text(const Frame& frame, const Decision& decision, TraceLevel level,
                         std::optional<uint32_t> request = std::nullopt) const;
  // The same text parsed (tests and tools that read fields of it).
  nlohmann::ordered_json write(const Frame& frame, const Decision& decision, TraceLevel level,
                               std::optional<uint32_t> request = std::nullopt) const;

  // The facts, for the writer (decision_writer.cc).
  struct ArithmeticNode {  // a node that can record an event (division by zero, undefined result)
    const ir::Node* node;
    std::string at;    // its location
    std::string expr;  // its source text
  };
  struct Assignment {  // one `set output = ...` of a rule
    uint32_t rule, slot;
  };
  const CompiledRuleset& ruleset() const { return ruleset_; }
  const Deployment* deployment() const { return deployment_; }
  const BoundModel* model() const { return model_; }
  bool derived_is_pii(uint32_t d) const { return pii_derived_[d]; }
  const std::string& rule_at(uint32_t r) const { return rule_at_[r]; }
  const std::string& branch_at(uint32_t b) const { return branch_at_[b]; }
  // The ruleset's names and locations as JSON text.
  const RenderedNames& names() const { return names_; }
  // The derived values rule `r` reads, directly or through other derived
  // values, in dependency order.
  const std::vector<uint32_t>& rule_derived_closure(uint32_t r) const { return rule_closure_[r]; }
  const std::vector<ArithmeticNode>& arithmetic_nodes() const { return arithmetic_; }
  // The rule that owns assignment slot `slot`.
  uint32_t rule_of_slot(uint32_t slot) const { return slot_rule_[slot]; }
  // The assignments of output `o`, in rule order.
  const std::vector<Assignment>& assignments_of(uint32_t o) const { return output_assigns_[o]; }
  // "human = clamp((points - (MIN)) / (MAX - (MIN)), 0, 1)"
  const std::string& human_formula() const { return human_formula_; }
  // The `ruleset` and `provenance` objects as JSON text (rendered once).
  const std::string& ruleset_text() const { return ruleset_text_; }
  const std::string& provenance_text() const { return provenance_text_; }
  // The model's kernel name and `score_is` text as JSON strings
  // (`"native"`, `"1 - P(bad)"`; "" without a model).
  const std::string& model_kernel_text() const { return model_kernel_text_; }
  const std::string& model_score_is_text() const { return model_score_is_text_; }

 private:
  DecisionFormat(const CompiledRuleset& ruleset, const Deployment* deployment);
  void find_pii_derived();
  void index_rules();
  void index_nodes();
  void describe_deployment(nlohmann::ordered_json& ruleset_json, nlohmann::ordered_json& provenance_json);

  const CompiledRuleset& ruleset_;
  const Deployment* deployment_;
  const BoundModel* model_;
  std::vector<bool> pii_derived_;
  std::vector<std::string> rule_at_, branch_at_;
  RenderedNames names_;
  std::vector<std::vector<uint32_t>> rule_closure_;
  std::vector<ArithmeticNode> arithmetic_;
  std::vector<uint32_t> slot_rule_;
  std::vector<std::vector<Assignment>> output_assigns_;
  std::string human_formula_;
  std::string ruleset_text_, provenance_text_;
  std::string model_kernel_text_, model_score_is_text_;
};

// A number of the score formula, as values print in explanations
// (shortest_number: `0.4`, `60`), NaN as `missing` like a missing value.
std::string formula_number(double x);

// The same text held in place (the decision writer's formula, which
// allocates nothing).
class FormulaNumber {
 public:
  explicit FormulaNumber(double x);
  std::string_view text() const { return {text_, size_}; }

 private:
  char text_[32];  // the shortest form of any double needs at most 24 characters
  size_t size_;
};

}  // namespace verdict
