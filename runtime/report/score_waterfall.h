#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "runtime/report/svg_waterfall.h"

namespace verdict {

// The points scale of a decision's ruleset, read back from its
// `score.formula` ("human = clamp((points - (MIN)) / (MAX - (MIN)), 0, 1)").
struct PointsScale {
  double min = 0, max = 100;
};
std::optional<PointsScale> points_scale(const nlohmann::ordered_json& decision);

// The contributions to a decision's `score.final`, as a waterfall whose
// bars add up from 0 to `final` (docs/explain.md#reading-the-waterfall):
//   human side: w_human * (base points - MIN) / (MAX - MIN), then each fired
//     rule's w_human * points / (MAX - MIN) in file order (its reason's
//     `effect`), then the clamp of human to 0..1 when it cut anything;
//   model side: w_model * (score at the SHAP bias), then each feature's
//     `effect` (largest first);
//   total: `final`.
// Without a full trace (the fired rules' points) the human side is one bar
// w_human * human; without SHAP effects the model side is one bar
// w_model * model. INVARIANT: the Base and Step bars sum to w_human * human
// + w_model * model, which `final` is (up to the clamp's 1e-9).
WaterfallChart score_waterfall(const nlohmann::ordered_json& decision);

}  // namespace verdict
