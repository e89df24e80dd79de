// The model file reader against hostile and malformed headers and trees:
// every number that sizes something is checked before it is used, errors
// name the key and the value as written, and a file XGBoost refuses is
// refused at load. Each case once crashed Verdict (std::length_error,
// std::bad_alloc) or was taken by it and refused by XGBoost.
#include "runtime/model/model_file.h"

#include <catch2/catch.hpp>

#include "runtime/model/booster.h"
#include "runtime/model/model.h"
#include "tests/support/bad_models.h"

namespace verdict::model {
namespace {

using nlohmann::json;
using testing::edited_credit_model;

json& param(json& m) { return m["learner"]["learner_model_param"]; }
json& tree(json& m, size_t i) { return m["learner"]["gradient_booster"]["model"]["trees"][i]; }

// The error parse_model_file gives the credit model after `edit`.
std::string file_error(const std::function<void(json&)>& edit) {
  ModelFile file;
  std::string error;
  bool ok = parse_model_file(edited_credit_model(edit), file, error);
  INFO(error);
  CHECK_FALSE(ok);
  return error;
}

std::string load_error(const std::string& text) {
  std::string error;
  auto model = Model::parse(text, "bad.json", error);
  CHECK_FALSE(model);
  return error;
}

TEST_CASE("model header: counts must be whole numbers in range, checked before anything is sized", "[model][faults]") {
  CHECK(file_error([](json& m) { param(m)["num_feature"] = "-1"; }) ==
        "`learner_model_param.num_feature` is `-1`; it must be a whole number from 0 to 1048576");
  CHECK(file_error([](json& m) { param(m)["num_feature"] = "5000000000"; }) ==
        "`learner_model_param.num_feature` is `5000000000`; it must be a whole number from 0 to 1048576");
  CHECK(file_error([](json& m) { param(m)["num_feature"] = "12.7"; }) ==
        "`learner_model_param.num_feature` is `12.7`; it must be a whole number from 0 to 1048576");
  CHECK(file_error([](json& m) { param(m)["num_feature"] = 12.5; }) ==
        "`learner_model_param.num_feature` is `12.5`; it must be a whole number from 0 to 1048576");
  CHECK(file_error([](json& m) { param(m)["num_feature"] = "1e3"; })
            .starts_with("`learner_model_param.num_feature` "
                         "is `1e3`"));
  CHECK(file_error([](json& m) { param(m)["num_class"] = "-2"; }) ==
        "`learner_model_param.num_class` is `-2`; it must be a whole number from 0 to 2147483647");
  CHECK(file_error([](json& m) { param(m)["num_target"] = "one"; }) ==
        "`learner_model_param.num_target` is `one`; it must be a whole number from 0 to 2147483647");
  CHECK(file_error([](json& m) { param(m)["base_score"] = "half"; }) ==
        "`learner_model_param.base_score` is `half`; it must be a number");
  CHECK(file_error([](json& m) { param(m)["base_score"] = "1.5"; }) ==
        "`learner_model_param.base_score` is `1.5`; it must be a probability strictly between 0 and 1");
  // A long value is cut in the message.
  CHECK(file_error([](json& m) { param(m)["num_feature"] = std::string(1000, '9'); }) ==
        "`learner_model_param.num_feature` is `" + std::string(40, '9') +
            "...`; it must be a whole number from 0 to 1048576");
}

// Tree 0 of the credit model has 31 nodes; node 0 splits on feature 0 into
// nodes 1 and 2.
TEST_CASE("model trees: every array entry is a whole number in range, arrays agree", "[model][faults]") {
  CHECK(file_error([](json& m) { tree(m, 0)["left_children"][0] = 1.5; }) ==
        "tree 0: `left_children[0]` is `1.5`; it must be a whole number from -1 to 30");
  CHECK(file_error([](json& m) { tree(m, 0)["left_children"][0] = 1.0; }) ==
        "tree 0: `left_children[0]` is `1.0`; it must be a whole number from -1 to 30");
  CHECK(file_error([](json& m) { tree(m, 0)["right_children"][0] = 1000; }) ==
        "tree 0: `right_children[0]` is `1000`; it must be a whole number from -1 to 30");
  CHECK(file_error([](json& m) { tree(m, 0)["left_children"][3] = -7; }) ==
        "tree 0: `left_children[3]` is `-7`; it must be a whole number from -1 to 30");
  CHECK(file_error([](json& m) { tree(m, 0)["split_indices"][0] = -1; }) ==
        "tree 0: `split_indices[0]` is `-1`; it must be a whole number from 0 to 2147483647");
  CHECK(file_error([](json& m) { tree(m, 0)["split_indices"][0] = 12; }) ==
        "tree 0: node 0 splits on feature 12; the model has 12 features (`num_feature`)");
  CHECK(file_error([](json& m) { tree(m, 0)["default_left"][0] = 2; }) ==
        "tree 0: `default_left[0]` is `2`; it must be a whole number from 0 to 1");
  CHECK(file_error([](json& m) { tree(m, 0)["split_conditions"][4] = "x"; }) ==
        "tree 0: `split_conditions[4]` is `x`; it must be a number");
  // TreeSHAP weighs each branch by its cover: zero or negative covers would
  // divide by zero or give weights outside [0, 1].
  CHECK(file_error([](json& m) { tree(m, 0)["sum_hessian"][5] = 0; }) ==
        "tree 0: `sum_hessian[5]` is `0`; a node's cover must be a positive number");
  CHECK(file_error([](json& m) { tree(m, 0)["sum_hessian"][0] = -2.5; }) ==
        "tree 0: `sum_hessian[0]` is `-2.5`; a node's cover must be a positive number");
  CHECK(file_error([](json& m) { tree(m, 0)["sum_hessian"][1] = "x"; }) ==
        "tree 0: `sum_hessian[1]` is `x`; it must be a number");
  CHECK(file_error([](json& m) { tree(m, 0)["split_type"][0] = 0.5; }) ==
        "tree 0: `split_type[0]` is `0.5`; it must be a whole number from 0 to 1");
  CHECK(file_error([](json& m) { tree(m, 0)["right_children"].push_back(-1); }) ==
        "tree 0: `right_children` has 32 entries; `left_children` has 31");
  CHECK(file_error([](json& m) { tree(m, 0)["left_children"] = json::array(); }) ==
        "tree 0: `left_children` has 0 entries; a tree has 1 to 2147483648 nodes");
  CHECK(file_error([](json& m) { tree(m, 0).erase("split_indices"); }) ==
        "tree 0: `split_indices` is missing or not a list");
  CHECK(file_error([](json& m) { tree(m, 0)["left_children"][0] = 0; }) ==
        "tree 0: node 0 has children 0 and 2: a split has two children other than the root, a leaf -1 and -1");
  // XGBoost's own per-node arrays (found by the model fuzz target: a
  // parent past int32 crashed XGBoost's loader).
  CHECK(file_error([](json& m) { tree(m, 0)["parents"][3] = 14294967296; }) ==
        "tree 0: `parents[3]` is `14294967296`; it must be a whole number from 0 to 2147483647");
  CHECK(file_error([](json& m) { tree(m, 0)["parents"][3] = 31; }) ==
        "tree 0: `parents[3]` is `31`; it must be a node (0 to 30) or 2147483647 for none");
  CHECK(file_error([](json& m) { tree(m, 0).erase("tree_param"); }) == "tree 0: `tree_param.num_nodes` is missing");
  CHECK(file_error([](json& m) { tree(m, 3)["id"] = 2; }) == "tree 3: `id` is `2`; tree 3 must have id 3");
  CHECK(file_error([](json& m) { tree(m, 3).erase("id"); }) == "tree 3: `id` is `missing`; tree 3 must have id 3");
  CHECK(file_error([](json& m) { tree(m, 0)["split_type"].erase(0); }) ==
        "tree 0: `split_type` has 30 entries; `left_children` has 31");
  CHECK(file_error([](json& m) { tree(m, 0)["categories_nodes"] = json::array({40}); }) ==
        "tree 0: `categories_nodes` is not an empty list: the model has categorical splits, which verdict does not "
        "score");
  CHECK(file_error([](json& m) { tree(m, 0)["base_weights"].erase(0); }) ==
        "tree 0: `base_weights` has 30 entries; `left_children` has 31");
  CHECK(file_error([](json& m) { tree(m, 0)["sum_hessian"][2] = nullptr; }) ==
        "tree 0: `sum_hessian[2]` is `null`; it must be a number");
  CHECK(file_error([](json& m) { tree(m, 0)["tree_param"]["num_nodes"] = "5000000000"; }) ==
        "tree 0: `tree_param.num_nodes` is `5000000000`; the tree's arrays have 31 nodes");
  CHECK(file_error([](json& m) {
          m["learner"]["gradient_booster"]["model"]["gbtree_model_param"]["num_trees"] = "99";
        }) == "`gbtree_model_param.num_trees` is `99`; the model has 100 trees");
  CHECK(file_error([](json& m) { m["learner"]["gradient_booster"]["model"]["tree_info"][5] = 1; }) ==
        "the model has trees for more than one output group (`tree_info` holds `1`)");
}

TEST_CASE("a model XGBoost refuses is refused at load, in one line without XGBoost's stack trace", "[model][faults]") {
  std::string error = load_error(edited_credit_model([](json& m) { tree(m, 2).erase("parents"); }));
  INFO(error);
  CHECK(error.starts_with("model file `bad.json`: xgboost refuses it: cannot load model: "));
  CHECK(error.find('\n') == std::string::npos);
  CHECK(error.find("Stack trace") == std::string::npos);
  CHECK(error.find("0x") == std::string::npos);
  CHECK(error.find(".cc:") == std::string::npos);
}

TEST_CASE("each bad model is refused by Model::parse with its message", "[model][faults]") {
  for (const testing::BadModel& bad : testing::bad_models()) {
    INFO(bad.name);
    std::string error = load_error(bad.text);
    INFO(error);
    CHECK(error.find(bad.message) != std::string::npos);
  }
}

TEST_CASE("xgboost_message keeps the message and drops time, source location and stack trace", "[model][faults]") {
  CHECK(xgboost_message(
            "[13:29:07] /build/xgboost-1.7.4/src/common/json.cc:543: Invalid cast, from Null to Array\n"
            "Stack trace:\n  [bt] (0) /usr/lib/x86_64-linux-gnu/libxgboost.so.0(+0x7e1a9) [0x7f3c5a27e1a9]\n") ==
        "Invalid cast, from Null to Array");
  CHECK(xgboost_message("Check failed: x: y Stack trace: [bt] (0) 0x1") == "Check failed: x: y");
  CHECK(xgboost_message("plain words: with a colon") == "plain words: with a colon");
  CHECK(xgboost_message("") == "xgboost gave no message");
}

TEST_CASE("a model without trees, or with an extreme base_score, loads with a warning", "[model][faults]") {
  std::string error;
  auto tiny = Model::parse(edited_credit_model([](json& m) { param(m)["base_score"] = "1E-45"; }), "tiny.json", error);
  INFO(error);
  REQUIRE(tiny);
  REQUIRE(tiny->warnings().size() == 1);
  CHECK(tiny->warnings()[0] ==
        "`learner_model_param.base_score` is `1E-45`, so every score starts from a margin of -inf (a probability "
        "within 1e-7 of 0 or 1) before any tree");
  auto empty = Model::parse(edited_credit_model([](json& m) {
                              json& model = m["learner"]["gradient_booster"]["model"];
                              model["trees"] = json::array();
                              model["tree_info"] = json::array();
                              model["gbtree_model_param"]["num_trees"] = "0";
                            }),
                            "empty.json", error);
  INFO(error);
  REQUIRE(empty);
  REQUIRE(empty->warnings().size() == 1);
  CHECK(empty->warnings()[0] == "the model has no trees: every request gets the probability of its `base_score`");
  std::string shipped_error;
  auto shipped = Model::parse(edited_credit_model([](json&) {}), "credit.json", shipped_error);
  REQUIRE(shipped);
  CHECK(shipped->warnings().empty());
}

}  // namespace
}  // namespace verdict::model
