#include "tests/support/bad_models.h"

#include "tests/support/golden.h"

namespace verdict::testing {
namespace {

using nlohmann::json;

json& param(json& model) { return model["learner"]["learner_model_param"]; }
// A model without feature names: nothing but `num_feature` says how many.
void set_unnamed_feature_count(json& model, const char* count) {
  model["learner"].erase("feature_names");
  model["learner"].erase("feature_types");
  param(model)["num_feature"] = count;
}

json& tree(json& model, size_t i) { return model["learner"]["gradient_booster"]["model"]["trees"][i]; }

// The credit model with an unused key nesting 100,000 arrays deep, built as
// text (dumping such a value would recurse as deep).
std::string deeply_nested_model() {
  std::string text = edited_credit_model([](json&) {});
  std::string junk = "\"junk\":" + std::string(100000, '[') + std::string(100000, ']') + ",";
  return text.insert(text.find("\"learner\":{") + 11, junk);
}

}  // namespace

std::string edited_credit_model(const std::function<void(json&)>& edit) {
  static const json shipped = json::parse(read_file(source_path("models/credit_default.json")));
  json model = shipped;
  edit(model);
  return model.dump();
}

std::vector<BadModel> bad_models() {
  return {
      {"num_feature -1", edited_credit_model([](json& m) { set_unnamed_feature_count(m, "-1"); }),
       "`learner_model_param.num_feature` is `-1`; it must be a whole number from 0 to 1048576"},
      {"num_feature 5000000000", edited_credit_model([](json& m) { set_unnamed_feature_count(m, "5000000000"); }),
       "`learner_model_param.num_feature` is `5000000000`; it must be a whole number from 0 to 1048576"},
      {"num_feature 12.7", edited_credit_model([](json& m) { param(m)["num_feature"] = "12.7"; }),
       "`learner_model_param.num_feature` is `12.7`; it must be a whole number from 0 to 1048576"},
      {"a child index 1.5", edited_credit_model([](json& m) { tree(m, 0)["left_children"][0] = 1.5; }),
       "tree 0: `left_children[0]` is `1.5`; it must be a whole number from -1 to 30"},
      {"num_nodes 5000000000",
       edited_credit_model([](json& m) { tree(m, 7)["tree_param"]["num_nodes"] = "5000000000"; }),
       "tree 7: `tree_param.num_nodes` is `5000000000`; the tree's arrays have"},
      {"arrays nested 100,000 deep", deeply_nested_model(),
       "the JSON nests arrays and objects deeper than 64 levels (at byte "},
      {"a tree without parents", edited_credit_model([](json& m) { tree(m, 2).erase("parents"); }),
       "xgboost refuses it: "},
  };
}

}  // namespace verdict::testing
