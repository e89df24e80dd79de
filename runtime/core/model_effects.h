#pragma once
#include <string_view>
#include <vector>

#include "compiler/ir/program.h"
#include "runtime/core/decision.h"

namespace verdict {

// How TreeSHAP contributions (margin units: log-odds) become effects on
// the final score (probability units), so that model reasons and rule
// reasons can be ranked together.
//
// Each contribution is multiplied by the slope of the secant of the sigmoid
// between the bias (the model's expected margin) and this decision's margin:
// the effects then add up exactly to P(margin) - P(bias). When the two
// margins are within 1e-6, the sigmoid's derivative at the margin is used.
// The result is multiplied by the model weight and negated for
// `predicts not`: effect = w_model * s * phi * (P(m) - P(b)) / (m - b).
double shap_effect_scale(float margin, float bias, double model_weight, bool predicts_not);

// A rule's effect on the final score: w_human * points / (MAX - MIN),
// its share of the human score before clamping.
double rule_effect(const ir::Program& program, double points, double human_weight);

// The model reasons that apply, largest |effect| first (ties in declaration
// order): a `lowers` reason when its feature's effect is below zero, a
// `raises` reason when above. `contributions` is per feature, then the bias.
void find_model_reasons(const ir::ModelBinding& model, const std::vector<float>& contributions, double scale,
                        std::vector<ModelReasonHit>& out);

// One entry of a decision's list of reasons.
struct ExplainedReason {
  std::string_view code, text;
  bool from_model = false;
  uint32_t source = 0;  // rule index, or the feature's position in the model
  bool knockout = false;
  double points = 0;  // rules only
  double effect = 0;  // on the final score; 0 for a knock-out
};

// The decision's reasons in their documented order: fired knock-outs' reasons
// in file order, then rule and model reasons together by |effect| on the
// final score, largest first; on a tie rules come before model reasons and
// each keeps its own order. With no model this is Decision::reasons.
std::vector<ExplainedReason> explained_reasons(const ir::Program& program, const Decision& d);

}  // namespace verdict
