#include "runtime/core/model_effects.h"

#include <algorithm>
#include <cmath>

namespace verdict {
namespace {

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

double shap_effect_scale(float margin, float bias, double model_weight, bool predicts_not) {
  double m = margin, b = bias;
  double slope = std::fabs(m - b) > 1e-6 ? (sigmoid(m) - sigmoid(b)) / (m - b) : sigmoid(m) * (1.0 - sigmoid(m));
  return model_weight * (predicts_not ? -slope : slope);
}

// On halves, as human_score is, so that no finite scale overflows.
double rule_effect(const ir::Program& program, double points, double human_weight) {
  return human_weight * (points * 0.5) / (program.scale_max * 0.5 - program.scale_min * 0.5);
}

void find_model_reasons(const ir::ModelBinding& model, const std::vector<float>& contributions, double scale,
                        std::vector<ModelReasonHit>& out) {
  out.clear();
  for (uint32_t i = 0; i < model.reasons.size(); ++i) {
    const ir::ModelReason& r = model.reasons[i];
    double effect = scale * contributions[r.feature];
    if (r.raises ? effect > 0 : effect < 0) out.push_back({i, effect});
  }
  std::stable_sort(out.begin(), out.end(), [](const ModelReasonHit& a, const ModelReasonHit& b) {
    return std::fabs(a.effect) > std::fabs(b.effect);
  });
}

std::vector<ExplainedReason> explained_reasons(const ir::Program& program, const Decision& d) {
  std::vector<ExplainedReason> rules, out;
  rules.reserve(d.reasons.size());
  out.reserve(d.reasons.size() + d.model_reasons.size());
  for (const DecisionReason* r : d.reasons) {
    ExplainedReason e{r->code, r->text, false, r->rule, r->knockout, r->points, 0};
    if (r->knockout) {
      out.push_back(e);  // INVARIANT: knock-outs lead Decision::reasons
      continue;
    }
    e.effect = rule_effect(program, r->points, d.weights.human);
    rules.push_back(e);
  }
  std::vector<ExplainedReason> model;
  model.reserve(d.model_reasons.size());
  if (!program.models.empty()) {
    for (const ModelReasonHit& hit : d.model_reasons) {
      const ir::ModelReason& r = program.models[0].reasons[hit.reason];
      model.push_back({r.code, r.text, true, r.feature, false, 0, hit.effect});
    }
  }
  // Both lists are already ordered by |effect| (rules by |points|, and the
  // human weight is one factor for all of them): merging keeps each order.
  auto larger = [](const ExplainedReason& a, const ExplainedReason& b) {
    return std::fabs(a.effect) > std::fabs(b.effect);
  };
  std::merge(rules.begin(), rules.end(), model.begin(), model.end(), std::back_inserter(out),
             [&](const ExplainedReason& m, const ExplainedReason& r) { return larger(m, r); });
  return out;
}

}  // namespace verdict
