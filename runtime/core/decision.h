#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/evaluation.h"
#include "compiler/eval/value.h"
#include "compiler/ir/program.h"

namespace verdict {

// One entry of the decision's ordered reasons: code, text, rule, whether it
// is a knock-out, the rule's points (its effect on the human score). It lives
// in the program, as do the `tags` views: a Decision is valid while its
// ruleset lives.
using DecisionReason = ir::Program::OrderedReason;

// An output's final value and how it was chosen.
struct DecidedOutput {
  uint32_t output = 0;
  Value value;
  int32_t assign_slot = -1;          // the winning assignment, -1 for the default
  std::vector<uint32_t> overridden;  // slots of fired assignments that lost
};

// Human/algorithm weights: final = human * w_human + model * w_model.
// INVARIANT (from a loaded config): both in [0, 1], summing to 1 within 1e-9.
struct BlendWeights {
  double human = 1.0;
  double model = 0.0;
};

// Why TreeSHAP contributions were or were not computed for a decision
// (`[trace] shap` in the deployment config; recorded in every decision).
enum class ShapState : uint8_t {
  NoModel,        // the ruleset has no model
  Computed,       // `contributions` holds them
  Off,            // shap = "off"
  NotForOutcome,  // shap lists outcomes and this is not one of them
  Failed,         // the C API failed; `shap_error` says why
};

// The model half of a decision (when the ruleset has a model).
struct ModelResult {
  bool scored = false;
  std::vector<float> row;  // the features as fed to the model, NaN = missing
  float probability = 0;   // P(positive class)
  double score = 0;        // P, or 1 - P for `predicts not`
  ShapState shap = ShapState::NoModel;
  std::vector<float> contributions;  // per feature, then the bias; margin units
  std::string shap_error;
};

// A model reason that applies: its index in ModelBinding::reasons and the
// feature's effect on `final` (see runtime/core/model_effects.h).
struct ModelReasonHit {
  uint32_t reason = 0;
  double effect = 0;
};

// What was decided, in terms of the program it was decided with. The
// Evaluation beside it holds the raw trace facts.
struct Decision {
  uint32_t outcome = 0;
  int32_t knockout_rule = -1;  // the rule that decided, or -1 when `decide` did
  int32_t decide_branch = -1;
  double points = 0;  // base + points of fired rules, in rule order
  double human = 0;
  double final = 0;
  int32_t segment = -1;          // derived index of the first true segment
  BlendWeights weights;          // the weights `final` was blended with
  bool segment_weights = false;  // true when they are `segment`'s override
  ModelResult model;
  std::vector<ModelReasonHit> model_reasons;  // largest |effect| first
  std::vector<std::string_view> tags;
  std::vector<const DecisionReason*> reasons;
  std::vector<DecidedOutput> outputs;
  Evaluation evaluation;
};

}  // namespace verdict
