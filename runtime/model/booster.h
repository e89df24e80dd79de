#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The XGBoost C API behind one door: booster.cc is the only file in the
// project that includes <xgboost/c_api.h>. A Booster is the reference scorer
// (inplace prediction with nthread=1), the source of SHAP contributions, and
// the trainer used by `verdict train`.
namespace verdict::model {

// What XGBoost's prediction returns ("type" in its predict config).
enum class PredictKind { Probability = 0, Margin = 1 };

// A dense, row-major training matrix; NaN marks a missing value.
struct TrainingData {
  const float* values = nullptr;
  size_t rows = 0;
  size_t cols = 0;
  const float* labels = nullptr;
  std::vector<std::string> feature_names;  // empty or `cols` entries
  std::vector<std::string> feature_types;  // XGBoost's: "q", "int", "i", "float"
};

using Params = std::vector<std::pair<std::string, std::string>>;

// XGBoost's error text (XGBGetLastError) cut to its message: the first line,
// without the "[12:00:00] /path/file.cc:123: " prefix or the stack trace and
// addresses that follow, so that no error Verdict gives carries them.
std::string xgboost_message(std::string_view raw);

class Booster {
 public:
  ~Booster();
  Booster(const Booster&) = delete;
  Booster& operator=(const Booster&) = delete;

  // Loads a saved model from its bytes (JSON or UBJSON, by XGBoost's own
  // detection) and sets nthread=1 for per-request scoring. Null on failure,
  // with `error`.
  static std::unique_ptr<Booster> from_buffer(std::string_view bytes, std::string& error);
  // Trains `rounds` boosting rounds; `params` are set in order before the
  // first round. Feature names and types are stored in the model.
  static std::unique_ptr<Booster> train(const TrainingData& data, const Params& params, int rounds, std::string& error);

  bool set_param(const std::string& name, const std::string& value, std::string& error);
  bool set_attribute(const std::string& key, const std::string& value, std::string& error);
  // XGBoosterSaveModel: the format follows the extension (`.json` for JSON).
  bool save(const std::string& path, std::string& error) const;

  // Inplace prediction (XGBoosterPredictFromDense) of `n` rows of `cols`
  // floats; writes `n` values to `out`. Safe to call from several threads.
  bool predict(const float* rows, size_t n, size_t cols, PredictKind kind, float* out, std::string& error) const;
  // TreeSHAP (XGBoosterPredictFromDMatrix, type 2): `n * (cols + 1)` values,
  // per row the contribution of each feature then the bias; a row's values
  // sum to its margin up to float rounding. Serialised by a mutex: XGBoost's
  // DMatrix prediction path keeps a per-booster cache.
  bool contributions(const float* rows, size_t n, size_t cols, float* out, std::string& error) const;

  // "1.7.4": the library's version, as recorded in model cards.
  static std::string library_version();

 private:
  explicit Booster(void* handle) : handle_(handle) {}
  void* handle_;
  mutable std::mutex dmatrix_mutex_;
};

}  // namespace verdict::model
