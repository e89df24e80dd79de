#include "runtime/report/decision_shape.h"

#include <algorithm>
#include <initializer_list>

namespace verdict {
namespace {

using nlohmann::ordered_json;

bool is_number(const ordered_json& v) { return v.is_number(); }
bool is_string(const ordered_json& v) { return v.is_string(); }
bool is_object(const ordered_json& v) { return v.is_object(); }
bool is_array(const ordered_json& v) { return v.is_array(); }
bool is_scalar(const ordered_json& v) { return v.is_primitive(); }

// `object` has each of `keys` and `check` holds for each.
bool has_all(const ordered_json& object, std::initializer_list<const char*> keys, bool (*check)(const ordered_json&)) {
  if (!object.is_object()) return false;
  return std::all_of(keys.begin(), keys.end(), [&](const char* key) {
    auto it = object.find(key);
    return it != object.end() && check(*it);
  });
}

bool every(const ordered_json& array, bool (*check)(const ordered_json&)) {
  return array.is_array() && std::all_of(array.begin(), array.end(), check);
}

bool reason_ok(const ordered_json& r) {
  if (!has_all(r, {"code", "text"}, is_string)) return false;
  if (r.contains("feature"))
    return has_all(r, {"feature", "model"}, is_string) && (!r.contains("effect") || is_number(r["effect"]));
  return has_all(r, {"rule"}, is_string) && (!r.contains("points") || is_scalar(r["points"])) &&
         (!r.contains("effect") || is_number(r["effect"]));
}

bool rule_ok(const ordered_json& r) {
  if (!has_all(r, {"rule", "status"}, is_string)) return false;
  if (r.contains("saw") && !is_object(r["saw"])) return false;
  if (r.contains("missing") && !every(r["missing"], is_string)) return false;
  return !r.contains("events") || every(r["events"], [](const ordered_json& e) {
    return has_all(e, {"event", "expr"}, is_string);
  });
}

bool decided_by_ok(const ordered_json& by) {
  if (!has_all(by, {"kind", "at"}, is_string)) return false;
  if (by["kind"] == "knockout") return has_all(by, {"rule"}, is_string);
  return by.contains("branch") && by["branch"].is_number_integer();
}

bool score_ok(const ordered_json& d) {
  const ordered_json& s = d["score"];
  if (!has_all(s, {"points", "human", "final"}, is_number)) return false;
  if (!s.contains("weights")) return true;
  if (!has_all(s["weights"], {"human", "model"}, is_number) || !has_all(s["weights"], {"from"}, is_string))
    return false;
  if (!s.contains("model") || s["model"].is_null()) return true;
  return is_number(s["model"]) && has_all(d, {"model"}, is_object) && has_all(d["model"], {"predicts"}, is_string) &&
         has_all(d["model"], {"probability"}, is_number);
}

// A model whose SHAP failed must say why (explain_text prints it).
bool model_ok(const ordered_json& m) {
  if (!m.is_object()) return false;
  auto shap = m.find("shap");
  if (shap == m.end() || !shap->is_object() || shap->value("state", ordered_json()) != "failed") return true;
  return has_all(*shap, {"error"}, is_string);
}

}  // namespace

bool explainable_decision(const ordered_json& d) {
  if (!has_all(d, {"outcome"}, is_string) || !has_all(d, {"decided_by", "score", "outputs"}, is_object)) return false;
  if (!has_all(d, {"reasons", "tags"}, is_array) || !d.contains("segment")) return false;
  if (!d["segment"].is_null() && !d["segment"].is_string()) return false;
  if (!decided_by_ok(d["decided_by"]) || !score_ok(d) || !every(d["reasons"], reason_ok) ||
      !every(d["tags"], is_string)) {
    return false;
  }
  if (d.contains("model") && !model_ok(d["model"])) return false;
  if (!d.contains("trace")) return true;
  return has_all(d["trace"], {"rules"}, is_array) && every(d["trace"]["rules"], rule_ok);
}

}  // namespace verdict
