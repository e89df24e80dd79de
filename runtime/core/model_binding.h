#pragma once
#include <memory>
#include <string>
#include <vector>

#include "compiler/eval/evaluation.h"
#include "compiler/eval/frame.h"
#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "runtime/model/model.h"

namespace verdict {

// Which scorer gives a decision its model probability and its SHAP
// contributions. The probabilities agree bit for bit and the contributions
// within 1e-5 (tested on every row of the shipped data); the native kernel
// is the fast one, the C API the reference.
enum class ModelKernel { Native, XGBoost };

// A ruleset's `model` declaration bound to a loaded model file. Binding
// checks the declaration against the file (codes E510-E516, located in the
// rules file): objective, feature count, feature names, kinds and enum
// encodings, and what the model predicts. Immutable; any number of threads.
class BoundModel {
 public:
  // Null when the declaration does not fit the model (all in `diags`).
  static std::unique_ptr<BoundModel> bind(const ir::Program& program, const ir::ModelBinding& decl,
                                          std::shared_ptr<const model::Model> model, ModelKernel kernel,
                                          Diagnostics& diags);

  const ir::ModelBinding& decl() const { return *decl_; }
  const model::Model& model() const { return *model_; }
  ModelKernel kernel() const { return kernel_; }
  size_t feature_count() const { return feeds_.size(); }

  // The model's input row for one decision: feature_count() floats, NaN
  // for a missing value. Reads fields from `frame` and lets from `ev`.
  void fill_row(const Frame& frame, const Evaluation& ev, float* row) const;
  // P(positive class) for `row`, from the configured kernel.
  float probability(const float* row) const;
  // TreeSHAP contributions for `row` (Model::contributions), from the
  // native TreeSHAP or, with the C API kernel, from the C API.
  bool contributions(const float* row, float* out, std::string& error) const {
    return kernel_ == ModelKernel::Native ? model_->contributions(row, out, error)
                                          : model_->reference_contributions(row, out, error);
  }
  // The score blended into `final`: P, or 1 - P for `predicts not`.
  double score(float probability) const {
    return decl_->predicts_not ? 1.0 - static_cast<double>(probability) : probability;
  }

 private:
  // How model feature i is read: its source and, for enums, the model's
  // code for each of the ruleset's members (by member index).
  struct Feed {
    ir::ModelFeature::Source source = ir::ModelFeature::Field;
    uint32_t index = 0;
    ir::BaseType base = ir::BaseType::Number;
    std::vector<float> enum_codes;
  };

  BoundModel() = default;
  bool check(const ir::Program& program, Diagnostics& diags);
  bool check_feature(const ir::Program& program, size_t i, Diagnostics& diags);
  bool check_predicts(Diagnostics& diags) const;

  const ir::ModelBinding* decl_ = nullptr;
  std::shared_ptr<const model::Model> model_;
  ModelKernel kernel_ = ModelKernel::Native;
  std::vector<Feed> feeds_;
};

// Loads the ruleset's model (when it declares one) and binds it: from
// `file`, or when that is empty from the path in the ruleset, relative to
// `rules_path`'s folder. A file that cannot be loaded is E510 at the path in
// the ruleset. True with `out` null for a ruleset without a model; false
// when loading or binding failed (all in `diags`).
// With `bytes`, the model is parsed from them instead of read from the file
// (the path is still recorded).
bool load_declared_model(const ir::Program& program, const std::string& rules_path, const std::string& file,
                         ModelKernel kernel, Diagnostics& diags, std::unique_ptr<BoundModel>& out,
                         const std::string* bytes = nullptr);

}  // namespace verdict
