#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// The parts of an XGBoost JSON model file that scoring needs, read and
// checked. Layout of the file (XGBoost 1.7): learner.gradient_booster.model
// .trees[i] holds parallel arrays indexed by node id; node 0 is the root.
namespace verdict::model {

struct TreeArrays {
  std::vector<int32_t> left;          // -1 at a leaf
  std::vector<int32_t> right;         // -1 at a leaf
  std::vector<uint32_t> feature;      // split feature (0 at a leaf)
  std::vector<float> condition;       // split threshold; the leaf value at a leaf
  std::vector<uint8_t> default_left;  // where NaN goes
  size_t size() const { return left.size(); }
  bool is_leaf(size_t node) const { return left[node] < 0; }
};

struct ModelFile {
  std::string objective;    // learner.objective.name
  std::string booster;      // learner.gradient_booster.name
  float base_score = 0.5f;  // as stored: a probability for binary:logistic
  size_t feature_count = 0;
  std::vector<std::string> feature_names;  // empty when the model has none
  std::vector<std::string> feature_types;
  std::map<std::string, std::string> attributes;
  std::vector<int> version;  // e.g. {1, 7, 4}
  std::vector<TreeArrays> trees;
};

// Parses and checks a model's JSON text. Numbers are read straight into
// float (as XGBoost wrote them) so thresholds and leaf values are exact.
// Rejects what the native kernel cannot score exactly: objectives other than
// binary:logistic / reg:logistic, boosters other than gbtree, multi-class or
// multi-target models, categorical splits, malformed trees.
bool parse_model_file(std::string_view json_text, ModelFile& out, std::string& error);

// The margin XGBoost starts from: logit(base_score), computed as XGBoost
// 1.7 does (`-logf(1.0f / base_score - 1.0f)` in float).
float base_margin(const ModelFile& file);

}  // namespace verdict::model
