#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace verdict::testing {

// The shipped credit model (models/credit_default.json) with `edit` applied
// to its JSON, as text.
std::string edited_credit_model(const std::function<void(nlohmann::json&)>& edit);

// A model file with one thing wrong, and what the refusal must say.
struct BadModel {
  std::string name;     // for test output
  std::string text;     // the file
  std::string message;  // a part of the E510 message
};

// The shipped credit model, each time with one header or tree value that
// once crashed Verdict (std::length_error, std::bad_alloc) or that Verdict
// took and XGBoost refuses (a fractional child index or feature count, a
// tree without `parents`) or crashed on (arrays nested 100,000 deep).
std::vector<BadModel> bad_models();

}  // namespace verdict::testing
