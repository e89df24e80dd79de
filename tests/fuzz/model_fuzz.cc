// The model file reader (XGBoost JSON: header checks, trees, the native
// forest and the XGBoost booster) on any text: a model loads, or the load
// says why.
#include "runtime/model/model.h"
#include "tests/fuzz/fuzz_target.h"

using namespace verdict;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string error;
  auto model = model::Model::parse(std::string(fuzz::as_text(data, size)), "fuzz.json", error);
  fuzz::require(model != nullptr || !error.empty(), "a model that does not load says why");
  return 0;
}
