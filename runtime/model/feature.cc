#include "runtime/model/feature.h"

#include <algorithm>

namespace verdict::model {

const char* kind_name(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::Number: return "number";
    case FeatureKind::Bool: return "bool";
    case FeatureKind::Enum: return "enum";
  }
  return "number";
}

const char* xgboost_type(FeatureKind kind) {
  switch (kind) {
    case FeatureKind::Number: return "q";
    case FeatureKind::Bool: return "i";
    case FeatureKind::Enum: return "int";
  }
  return "q";
}

int feature_code(const FeatureSpec& spec, const std::string& value) {
  auto it = std::find(spec.values.begin(), spec.values.end(), value);
  return it == spec.values.end() ? -1 : static_cast<int>(it - spec.values.begin());
}

nlohmann::ordered_json features_to_json(const std::vector<FeatureSpec>& features) {
  auto list = nlohmann::ordered_json::array();
  for (const FeatureSpec& f : features) {
    nlohmann::ordered_json entry;
    entry["name"] = f.name;
    entry["column"] = f.column;
    entry["kind"] = kind_name(f.kind);
    if (f.kind != FeatureKind::Number) entry["values"] = f.values;
    list.push_back(std::move(entry));
  }
  return list;
}

namespace {

bool parse_kind(const std::string& name, FeatureKind& kind) {
  for (FeatureKind k : {FeatureKind::Number, FeatureKind::Bool, FeatureKind::Enum}) {
    if (name == kind_name(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

bool feature_from_json(const nlohmann::json& entry, FeatureSpec& f, std::string& error) {
  if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
    error = "a feature entry has no `name`";
    return false;
  }
  f.name = entry["name"];
  f.column = entry.value("column", std::string());
  if (!parse_kind(entry.value("kind", std::string("number")), f.kind)) {
    error = "feature `" + f.name + "` has an unknown kind";
    return false;
  }
  if (f.kind == FeatureKind::Number) return true;
  const auto values = entry.find("values");
  if (values == entry.end() || !values->is_array()) {
    error = "feature `" + f.name + "` has no `values`";
    return false;
  }
  for (const auto& v : *values) {
    if (!v.is_string()) {
      error = "feature `" + f.name + "` has a value that is not a string";
      return false;
    }
    f.values.push_back(v);
  }
  return true;
}

}  // namespace

bool features_from_json(const nlohmann::json& json, std::vector<FeatureSpec>& out, std::string& error) {
  if (!json.is_array()) {
    error = "the feature list is not an array";
    return false;
  }
  out.clear();
  for (const auto& entry : json) {
    FeatureSpec f;
    if (!feature_from_json(entry, f, error)) return false;
    out.push_back(std::move(f));
  }
  return true;
}

}  // namespace verdict::model
