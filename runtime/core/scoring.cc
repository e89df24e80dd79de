#include "runtime/core/scoring.h"

#include <algorithm>

#include "runtime/core/model_effects.h"

namespace verdict {

Scoring::Scoring(std::unique_ptr<BoundModel> model, BlendPolicy blend, ShapPolicy shap)
    : model_(std::move(model)), blend_(std::move(blend)), shap_(std::move(shap)) {
  if (!model_) return;
  for (const ir::ModelFeature& f : model_->decl().features) {
    if (f.source == ir::ModelFeature::Derived) reads_lets_ = true;
  }
}

void Scoring::score(const Frame& frame, Decision& d) const {
  d.weights = blend_.weights_for(d.segment, d.segment_weights);
  ModelResult& m = d.model;
  m.scored = model_ != nullptr;
  m.contributions.clear();
  m.shap_error.clear();
  if (!model_) {
    m.shap = ShapState::NoModel;
    d.final = d.human;
    return;
  }
  m.row.resize(model_->feature_count());
  model_->fill_row(frame, d.evaluation, m.row.data());
  m.probability = model_->probability(m.row.data());
  m.score = model_->score(m.probability);
  // Weights sum to 1 within 1e-9 (config check), so the clamp only removes
  // that rounding; final stays in [0, 1] as documented.
  d.final = std::clamp(d.weights.human * d.human + d.weights.model * m.score, 0.0, 1.0);
}

void Scoring::explain(Decision& d) const {
  d.model_reasons.clear();
  if (!model_) return;
  ModelResult& m = d.model;
  if (shap_.mode == ShapPolicy::Off) {
    m.shap = ShapState::Off;
    return;
  }
  if (!shap_.wanted(d.outcome)) {
    m.shap = ShapState::NotForOutcome;
    return;
  }
  m.contributions.resize(model_->feature_count() + 1);
  if (!model_->contributions(m.row.data(), m.contributions.data(), m.shap_error)) {
    m.shap = ShapState::Failed;
    m.contributions.clear();
    return;
  }
  m.shap = ShapState::Computed;
  float margin = model_->model().margin(m.row.data());
  double scale = shap_effect_scale(margin, m.contributions.back(), d.weights.model, model_->decl().predicts_not);
  find_model_reasons(model_->decl(), m.contributions, scale, d.model_reasons);
}

}  // namespace verdict
