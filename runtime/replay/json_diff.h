#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace verdict {

// One field where two JSON documents differ: its path (`score.final`,
// `reasons[0].code`) and its value in each, as compact JSON ("" where the
// field is absent).
struct FieldDiff {
  std::string path;
  std::string before, after;
};

// The fields where `before` and `after` differ, depth first in `before`'s
// key order, then fields only `after` has; at most `limit` of them (the
// caller says how many more there were from `count`).
struct JsonDiff {
  std::vector<FieldDiff> fields;
  size_t count = 0;  // every difference, also those past the limit
};
JsonDiff diff_json(const nlohmann::ordered_json& before, const nlohmann::ordered_json& after, size_t limit = 20);

}  // namespace verdict
