#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/model/feature.h"
#include "runtime/model/forest.h"
#include "runtime/model/tree_shap.h"

namespace verdict::model {

class Booster;

// A binary XGBoost model (binary:logistic) loaded once and scored many
// times. Scoring uses the native kernel (Forest), which agrees with the
// XGBoost C API bit for bit on the margin and the probability; SHAP
// contributions come from the native TreeSHAP (TreeShap), which agrees with
// the C API's within 1e-5 (tested), or from the C API (reference()) for
// trees deeper than TreeShap::kMaxDepth.
// All const members are safe to call from several threads.
//
// Rows are feature_count() floats in model order; NaN is a missing value;
// bools and enums are their codes (features()[i].values).
class Model {
 public:
  ~Model();

  // Reads and checks a model file; null with `error` (no location: the
  // message says what is wrong with the file) when it cannot be scored.
  // A model is loaded into XGBoost too (the reference() booster) before it
  // is accepted, so that a file XGBoost refuses is refused here, at load,
  // and not at its first SHAP request.
  static std::unique_ptr<Model> load(const std::string& path, std::string& error);
  // The same from the file's bytes; `path` is only recorded.
  static std::unique_ptr<Model> parse(std::string bytes, std::string path, std::string& error);

  const std::string& path() const { return path_; }
  // Lowercase hex SHA-256 of the file's bytes.
  const std::string& sha256() const { return sha256_; }
  // The file's bytes, as hashed (the version store keeps them).
  const std::string& bytes() const { return bytes_; }
  const std::string& objective() const { return file_.objective; }
  size_t feature_count() const { return forest_.feature_count(); }
  // Names from the model's feature_names (empty names when it has none);
  // kinds, columns and encodings from the `verdict_features` attribute that
  // `verdict train` writes (Number and no column otherwise).
  const std::vector<FeatureSpec>& features() const { return features_; }
  bool has_feature_names() const { return !file_.feature_names.empty(); }
  // Index of the feature called `name`, or -1.
  int feature_index(std::string_view name) const;
  size_t tree_count() const { return forest_.tree_count(); }
  int depth() const { return forest_.depth(); }
  float base_score() const { return file_.base_score; }
  // What loads but is likely a mistake (ModelFile::warnings).
  const std::vector<std::string>& warnings() const { return file_.warnings; }
  // A model attribute (XGBoost's learner attributes), empty when absent.
  std::string attribute(const std::string& key) const;

  // The margin (log-odds) and the probability of the positive class.
  float margin(const float* row) const { return forest_.margin(row); }
  float probability(const float* row) const { return sigmoid(margin(row)); }
  void margins(const float* rows, size_t n, float* out) const { forest_.margins(rows, n, out); }
  void probabilities(const float* rows, size_t n, float* out) const;

  // TreeSHAP: feature_count() + 1 floats, the last the bias (expected
  // margin); together they sum to margin(row) up to float rounding. Native
  // (never fails) unless the model is too deep for it; false with `error`
  // only when the C API is used and fails.
  bool contributions(const float* row, float* out, std::string& error) const;
  // The same from the XGBoost C API (the reference, `kernel = "xgboost"`).
  bool reference_contributions(const float* row, float* out, std::string& error) const;
  // True when contributions() is the native TreeSHAP.
  bool native_shap() const { return native_shap_; }
  // The native TreeSHAP's tables (meaningful when native_shap()).
  const TreeShap& tree_shap() const { return shap_; }

  // The C API booster over the same bytes (nthread=1), or null with
  // `error`; created on first use.
  const Booster* reference(std::string& error) const;
  const Forest& forest() const { return forest_; }

  // XGBoost's logistic transform, `1 / (1 + expf(-x))` in float.
  static float sigmoid(float margin);

 private:
  Model() = default;
  void read_features();

  std::string path_;
  std::string bytes_;
  std::string sha256_;
  ModelFile file_;
  Forest forest_;
  TreeShap shap_;
  bool native_shap_ = false;
  std::vector<FeatureSpec> features_;
  mutable std::once_flag reference_once_;
  mutable std::unique_ptr<Booster> reference_;
  mutable std::string reference_error_;
};

}  // namespace verdict::model
