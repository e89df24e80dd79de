#pragma once
#include <string>
#include <vector>

#include "compiler/ir/program.h"

namespace verdict {

// A ruleset's names as JSON text, rendered once per DecisionFormat so the
// writer copies them instead of checking and escaping them per decision:
// keys as JsonOut::key writes them (`"income":`), values as JsonOut::string
// writes them (`"income"`), byte for byte.
struct RenderedNames {
  std::vector<std::string> field_key, field;      // per input field
  std::vector<std::string> derived_key, derived;  // per let or segment
  std::vector<std::string> rule, outcome;         // per rule, per outcome
  std::vector<std::string> rule_at, branch_at;    // the locations the trace cites
  std::vector<std::string> model_feature;         // per feature of the deployment's model (none without one)
  std::string model_name, model_predicts;         // the model binding's ("" without one)

  RenderedNames() = default;
  // `rule_at` and `branch_at`: the locations, one per rule and per branch;
  // `model`: the deployment's model binding, or null.
  RenderedNames(const ir::Program& p, const std::vector<std::string>& rule_at,
                const std::vector<std::string>& branch_at, const ir::ModelBinding* model);
};

}  // namespace verdict
