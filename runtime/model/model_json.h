#pragma once
#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

// The JSON of a model file as model_file.cc and model_trees.cc read it, and
// the checked readers they share. Internal to runtime/model.
namespace verdict::model {

// nlohmann::json with float as its floating type: numbers are parsed by
// strtof, so a float written by XGBoost reads back to the same bits.
using FloatJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t, std::uint64_t, float>;

// The deepest nesting of arrays and objects a model file may have (XGBoost's
// own files nest 7 deep). XGBoost's JSON reader recurses once per level, so
// a deeper file (`[[[[...` 100,000 deep) would overflow its stack.
constexpr int kMaxJsonNesting = 64;

// The node at `keys` below `root`, or null when a key is missing or a node
// on the way is not an object.
const FloatJson* json_path(const FloatJson& root, std::initializer_list<const char*> keys);

// A value as the user wrote it, for messages: a string's characters, other
// values as JSON; cut to 40 characters ("...").
std::string as_written(const FloatJson& value);

// A whole number from `min` to `max`: a JSON integer, or a string of decimal
// digits with an optional `-` (XGBoost writes its parameters as strings:
// "12"). False for anything else: 12.7, "12.7", "1e3", "", true.
bool whole_number(const FloatJson& value, int64_t min, int64_t max, int64_t& out);

// The same for a JSON integer only (tree arrays: XGBoost refuses 1.0 there).
bool json_integer(const FloatJson& value, int64_t min, int64_t max, int64_t& out);

// "`KEY` is `VALUE`; it must be a whole number from MIN to MAX".
std::string not_whole_number(const std::string& key, const FloatJson& value, int64_t min, int64_t max);

}  // namespace verdict::model
