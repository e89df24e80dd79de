#include "runtime/model/model.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "compiler/util/bounded_file.h"
#include "compiler/util/sha256.h"
#include "runtime/model/booster.h"

namespace verdict::model {

Model::~Model() = default;

std::unique_ptr<Model> Model::load(const std::string& path, std::string& error) {
  std::string bytes;
  if (FileRead read = read_bounded_file(path, kModelFileLimit, bytes); !read) {
    error = read.message;
    return nullptr;
  }
  return parse(std::move(bytes), path, error);
}

std::unique_ptr<Model> Model::parse(std::string bytes, std::string path, std::string& error) {
  std::unique_ptr<Model> model(new Model());
  model->path_ = std::move(path);
  if (!parse_model_file(bytes, model->file_, error) ||
      !Forest::build(model->file_.trees, model->file_.feature_count, base_margin(model->file_), model->forest_,
                     error)) {
    error = "model file `" + model->path_ + "`: " + error;
    return nullptr;
  }
  std::string too_deep;  // a deeper model takes its SHAP from the C API
  model->native_shap_ = TreeShap::build(model->file_.trees, model->file_.feature_count, base_margin(model->file_),
                                        model->shap_, too_deep);
  model->file_.trees.clear();  // the forest and the TreeSHAP tables hold them now
  model->file_.trees.shrink_to_fit();
  model->sha256_ = sha256_hex(bytes);
  model->bytes_ = std::move(bytes);
  if (!model->reference(error)) {
    error = "model file `" + model->path_ + "`: xgboost refuses it: " + error;
    return nullptr;
  }
  model->read_features();
  return model;
}

// Names from feature_names; kinds and encodings from `verdict_features`
// when it describes the same features.
void Model::read_features() {
  features_.assign(file_.feature_count, FeatureSpec());
  for (size_t i = 0; i < file_.feature_names.size(); ++i) features_[i].name = file_.feature_names[i];
  std::string attr = attribute("verdict_features");
  if (attr.empty()) return;
  std::vector<FeatureSpec> described;
  std::string ignored;
  auto json = nlohmann::json::parse(attr, nullptr, false);
  if (!features_from_json(json, described, ignored) || described.size() != features_.size()) return;
  for (size_t i = 0; i < described.size(); ++i) {
    if (has_feature_names() && described[i].name != features_[i].name) return;
  }
  features_ = std::move(described);
}

int Model::feature_index(std::string_view name) const {
  for (size_t i = 0; i < features_.size(); ++i) {
    if (features_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::string Model::attribute(const std::string& key) const {
  auto it = file_.attributes.find(key);
  return it == file_.attributes.end() ? std::string() : it->second;
}

void Model::probabilities(const float* rows, size_t n, float* out) const {
  forest_.margins(rows, n, out);
  for (size_t i = 0; i < n; ++i) out[i] = sigmoid(out[i]);
}

float Model::sigmoid(float margin) { return 1.0f / (1.0f + std::exp(-margin)); }

const Booster* Model::reference(std::string& error) const {
  std::call_once(reference_once_, [this] { reference_ = Booster::from_buffer(bytes_, reference_error_); });
  if (!reference_) error = reference_error_;
  return reference_.get();
}

bool Model::contributions(const float* row, float* out, std::string& error) const {
  if (!native_shap_) return reference_contributions(row, out, error);
  shap_.contributions(row, out);
  return true;
}

bool Model::reference_contributions(const float* row, float* out, std::string& error) const {
  const Booster* booster = reference(error);
  return booster && booster->contributions(row, 1, feature_count(), out, error);
}

}  // namespace verdict::model
