#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace verdict::model {

// How a model feature is fed: numbers as they are; bools and enums as
// integer codes, the position of the value in `values` (a bool's values are
// its false and true spellings, "no" and "yes" by default). A missing value
// is NaN whatever the kind.
enum class FeatureKind { Number, Bool, Enum };

struct FeatureSpec {
  std::string name;    // as stored in the model's feature_names
  std::string column;  // the training CSV column; empty when unknown
  FeatureKind kind = FeatureKind::Number;
  std::vector<std::string> values;  // Bool and Enum: code i is values[i]
};

const char* kind_name(FeatureKind kind);
// XGBoost's feature type strings: "q" (quantitative), "i" (indicator), "int".
const char* xgboost_type(FeatureKind kind);

// The code of `value` for a Bool or Enum feature; -1 when it is not declared.
int feature_code(const FeatureSpec& spec, const std::string& value);

// The list as stored in model cards and in the model's `verdict_features`
// attribute: [{"name", "column", "kind", "values"}].
nlohmann::ordered_json features_to_json(const std::vector<FeatureSpec>& features);
// False, with `error`, when `json` is not such a list.
bool features_from_json(const nlohmann::json& json, std::vector<FeatureSpec>& out, std::string& error);

}  // namespace verdict::model
