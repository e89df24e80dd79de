#pragma once
#include <string>

#include "runtime/model/model_file.h"
#include "runtime/model/model_json.h"

namespace verdict::model {

// Reads learner.gradient_booster.model: `trees` (each tree's parallel arrays,
// every entry checked: whole numbers in range, equal lengths, children that
// are nodes of the tree, split features below `out.feature_count`) and
// `tree_info` (one output group). `out.feature_count` must be read first.
// False with `error` naming the tree, the key and the value as written.
bool read_trees(const FloatJson& root, ModelFile& out, std::string& error);

}  // namespace verdict::model
