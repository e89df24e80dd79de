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
  std::vector<float> cover;           // sum_hessian: positive and finite (TreeSHAP weighs children by it)
  size_t size() const { return left.size(); }
  bool is_leaf(size_t node) const { return left[node] < 0; }
};

// The most features a model may have (`num_feature`): checked before
// anything is sized by it.
constexpr int64_t kMaxModelFeatures = int64_t{1} << 20;

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
  // What loads but is likely a mistake: no trees, a base_score so near 0 or
  // 1 that it dominates every score. One sentence each.
  std::vector<std::string> warnings;
};

// Parses and checks a model's JSON text. Numbers are read straight into
// float (as XGBoost wrote them) so thresholds and leaf values are exact.
// Rejects what the native kernel cannot score exactly: objectives other than
// binary:logistic / reg:logistic, boosters other than gbtree, multi-class or
// multi-target models, categorical splits, malformed trees. Every number
// that sizes something is checked before anything is allocated from it:
// `num_feature` is a whole number from 0 to kMaxModelFeatures, `num_class`
// and `num_target` whole numbers, tree arrays whole numbers in range (see
// model_trees.h). Errors name the key and the value as written.
bool parse_model_file(std::string_view json_text, ModelFile& out, std::string& error);

// The margin XGBoost starts from: logit(base_score), computed as XGBoost
// 1.7 does (`-logf(1.0f / base_score - 1.0f)` in float).
float base_margin(const ModelFile& file);

}  // namespace verdict::model
