#pragma once
#include <nlohmann/json.hpp>

namespace verdict {

// `object[key]` when `object` is an object that has `key`, else a null that
// lives for the whole program: lets a report read optional parts of a logged
// decision by reference, without copying them and without the undefined
// behaviour of a const operator[] on a missing key.
inline const nlohmann::ordered_json& json_member(const nlohmann::ordered_json& object, const char* key) {
  static const nlohmann::ordered_json null_value;
  if (!object.is_object()) return null_value;
  auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

}  // namespace verdict
