// The only file that includes the XGBoost C API (see booster.h).
#include "runtime/model/booster.h"

#include <xgboost/c_api.h>

#include <cstdio>
#include <cstring>
#include <limits>

namespace verdict::model {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

std::string last_error(const char* what) { return std::string(what) + ": " + xgboost_message(XGBGetLastError()); }

// "/build/xgboost/src/learner.cc:123: " at the start of `text`: its length, or 0.
size_t source_location_length(std::string_view text) {
  size_t colon = text.find(": ");
  if (colon == std::string_view::npos) return 0;
  std::string_view head = text.substr(0, colon);
  size_t line = head.rfind(':');
  if (line == std::string_view::npos || line + 1 == head.size() || head.find(' ') != std::string_view::npos) return 0;
  for (char c : head.substr(line + 1)) {
    if (c < '0' || c > '9') return 0;
  }
  return colon + 2;
}

// JSON __array_interface__ of a dense float32 matrix (XGBoost reads the
// address from "data").
std::string array_interface(const float* rows, size_t n, size_t cols) {
  char buf[160];
  std::snprintf(buf, sizeof buf, R"({"data": [%zu, true], "shape": [%zu, %zu], "typestr": "<f4", "version": 3})",
                reinterpret_cast<size_t>(rows), n, cols);
  return buf;
}

// XGBoost 1.7.4's inplace predict needs "cache_id", or it fails with
// `Invalid cast, from Null to Integer`.
std::string predict_config(int type) {
  return R"({"type": )" + std::to_string(type) +
         R"(, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false, )"
         R"("cache_id": 0, "missing": NaN})";
}

bool set_str_info(BoosterHandle h, const char* field, const std::vector<std::string>& values, std::string& error) {
  if (values.empty()) return true;
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  if (XGBoosterSetStrFeatureInfo(h, field, ptrs.data(), ptrs.size()) == 0) return true;
  error = last_error("cannot set feature info");
  return false;
}

// Owns a DMatrix handle for the length of one call.
struct Matrix {
  DMatrixHandle handle = nullptr;
  ~Matrix() {
    if (handle) XGDMatrixFree(handle);
  }
};

}  // namespace

std::string xgboost_message(std::string_view raw) {
  std::string_view text = raw.substr(0, raw.find('\n'));
  if (size_t trace = text.find("Stack trace:"); trace != std::string_view::npos) text = text.substr(0, trace);
  if (text.starts_with('[')) {
    size_t close = text.find("] ");
    if (close != std::string_view::npos) text = text.substr(close + 2);
  }
  text = text.substr(source_location_length(text));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return text.empty() ? "xgboost gave no message" : std::string(text);
}

Booster::~Booster() { XGBoosterFree(handle_); }

std::unique_ptr<Booster> Booster::from_buffer(std::string_view bytes, std::string& error) {
  BoosterHandle h = nullptr;
  if (XGBoosterCreate(nullptr, 0, &h) != 0) {
    error = last_error("cannot create booster");
    return nullptr;
  }
  std::unique_ptr<Booster> booster(new Booster(h));
  if (XGBoosterLoadModelFromBuffer(h, bytes.data(), bytes.size()) != 0) {
    error = last_error("cannot load model");
    return nullptr;
  }
  if (!booster->set_param("nthread", "1", error)) return nullptr;
  return booster;
}

std::unique_ptr<Booster> Booster::train(const TrainingData& data, const Params& params, int rounds,
                                        std::string& error) {
  Matrix train;
  if (XGDMatrixCreateFromMat_omp(data.values, data.rows, data.cols, kMissing, &train.handle, 1) != 0 ||
      XGDMatrixSetFloatInfo(train.handle, "label", data.labels, data.rows) != 0) {
    error = last_error("cannot create training matrix");
    return nullptr;
  }
  BoosterHandle h = nullptr;
  if (XGBoosterCreate(&train.handle, 1, &h) != 0) {
    error = last_error("cannot create booster");
    return nullptr;
  }
  std::unique_ptr<Booster> booster(new Booster(h));
  for (const auto& [name, value] : params) {
    if (!booster->set_param(name, value, error)) return nullptr;
  }
  if (!set_str_info(h, "feature_name", data.feature_names, error) ||
      !set_str_info(h, "feature_type", data.feature_types, error)) {
    return nullptr;
  }
  for (int i = 0; i < rounds; ++i) {
    if (XGBoosterUpdateOneIter(h, i, train.handle) != 0) {
      error = last_error(("boosting round " + std::to_string(i) + " failed").c_str());
      return nullptr;
    }
  }
  return booster;
}

bool Booster::set_param(const std::string& name, const std::string& value, std::string& error) {
  if (XGBoosterSetParam(handle_, name.c_str(), value.c_str()) == 0) return true;
  error = last_error(("cannot set `" + name + "` to `" + value + "`").c_str());
  return false;
}

bool Booster::set_attribute(const std::string& key, const std::string& value, std::string& error) {
  if (XGBoosterSetAttr(handle_, key.c_str(), value.c_str()) == 0) return true;
  error = last_error(("cannot set attribute `" + key + "`").c_str());
  return false;
}

bool Booster::save(const std::string& path, std::string& error) const {
  if (XGBoosterSaveModel(handle_, path.c_str()) == 0) return true;
  error = last_error(("cannot write `" + path + "`").c_str());
  return false;
}

bool Booster::predict(const float* rows, size_t n, size_t cols, PredictKind kind, float* out,
                      std::string& error) const {
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  std::string values = array_interface(rows, n, cols);
  std::string config = predict_config(static_cast<int>(kind));
  if (XGBoosterPredictFromDense(handle_, values.c_str(), config.c_str(), nullptr, &shape, &dim, &result) != 0) {
    error = last_error("prediction failed");
    return false;
  }
  std::memcpy(out, result, n * sizeof(float));
  return true;
}

bool Booster::contributions(const float* rows, size_t n, size_t cols, float* out, std::string& error) const {
  std::lock_guard lock(dmatrix_mutex_);
  Matrix m;
  if (XGDMatrixCreateFromMat_omp(rows, n, cols, kMissing, &m.handle, 1) != 0) {
    error = last_error("cannot create matrix");
    return false;
  }
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* result = nullptr;
  const char* config =
      R"({"type": 2, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
  if (XGBoosterPredictFromDMatrix(handle_, m.handle, config, &shape, &dim, &result) != 0) {
    error = last_error("contribution prediction failed");
    return false;
  }
  if (dim != 2 || shape[0] != n || shape[1] != cols + 1) {
    error = "contribution prediction returned an unexpected shape";
    return false;
  }
  std::memcpy(out, result, n * (cols + 1) * sizeof(float));
  return true;
}

std::string Booster::library_version() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

}  // namespace verdict::model
