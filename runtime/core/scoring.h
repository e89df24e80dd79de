#pragma once
#include <memory>
#include <vector>

#include "compiler/eval/frame.h"
#include "compiler/ir/program.h"
#include "runtime/core/blend_policy.h"
#include "runtime/core/decision.h"
#include "runtime/core/model_binding.h"

namespace verdict {

// When a decision gets TreeSHAP contributions (`[trace] shap`).
struct ShapPolicy {
  enum Mode : uint8_t { Always, Off, Outcomes } mode = Always;
  std::vector<bool> for_outcome;  // Outcomes: per outcome index

  bool wanted(uint32_t outcome) const {
    return mode == Always || (mode == Outcomes && outcome < for_outcome.size() && for_outcome[outcome]);
  }
};

// The algorithm half of a decision and the blend, run by decide_into in
// this order: score() after the rules and before `decide` (it sets the
// model result, the weights and `final`), explain() once the outcome is
// known (TreeSHAP per the policy, and the model reasons).
// Immutable; any number of threads.
class Scoring {
 public:
  Scoring(std::unique_ptr<BoundModel> model, BlendPolicy blend, ShapPolicy shap);

  const BoundModel* model() const { return model_.get(); }
  const BlendPolicy& blend() const { return blend_; }
  const ShapPolicy& shap() const { return shap_; }
  // True when the model reads a let: the rules must then record let values.
  bool reads_lets() const { return reads_lets_; }

  // PRECONDITION: d.human, d.segment and d.evaluation are set.
  void score(const Frame& frame, Decision& d) const;
  // PRECONDITION: score() ran and d.outcome is set.
  void explain(Decision& d) const;

 private:
  std::unique_ptr<BoundModel> model_;
  BlendPolicy blend_;
  ShapPolicy shap_;
  bool reads_lets_ = false;
};

}  // namespace verdict
