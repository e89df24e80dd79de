// Model benchmark: scoring time of the native kernel and of the XGBoost C API
// (inplace predict, nthread=1), one row at a time and in 4,096-row batches,
// on the shipped models over their own data and on a 300-tree depth-6 model
// trained here (credit data, models/credit_default.toml with rounds = 300
// and max_depth = 6). All ratios come from one run on one machine. Usage:
//   build/bench/model_bench [--quick] [--only MODEL]
// Then an end-to-end decision of the credit deployment (bench/e2e_decision.h).
// Ends with one line per model:
//   model=NAME trees=T depth=D capi_row_ns=X native_row_ns=Y row_speedup=S
//   capi_batch_ns_per_row=U native_batch_ns_per_row=V batch_speedup=B
//   shap=NAME trees=T depth=D capi_shap_row_ns=X native_shap_row_ns=Y shap_speedup=S
// and one per end-to-end variant:
//   e2e ruleset=credit_approval shap=off|on|off+json|on+json trace=full p50_ns=… p99_ns=… decisions=N
//   e2e ruleset=credit_approval api=text shap=off trace=off p50_ns=… p99_ns=… decisions=N
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "bench/e2e_decision.h"
#include "compiler/util/csv_table.h"
#include "runtime/model/booster.h"
#include "runtime/model/model.h"
#include "runtime/training/dataset.h"
#include "runtime/training/train_config.h"
#include "runtime/training/trainer.h"

namespace verdict::bench {
namespace {

using Clock = std::chrono::steady_clock;
using model::Model;

constexpr size_t kBatchRows = 4096;

struct Subject {
  std::string name;
  std::unique_ptr<Model> model;
  model::Dataset data;
};

struct Result {
  std::string name;
  size_t trees = 0;
  int depth = 0;
  double capi_row_ns = 0, native_row_ns = 0, capi_batch_ns = 0, native_batch_ns = 0;
  double capi_shap_row_ns = 0, native_shap_row_ns = 0;
};

std::string source(const std::string& relative) { return std::string(VERDICT_SOURCE_DIR) + "/" + relative; }

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "model_bench: %s\n", message.c_str());
  std::exit(1);
}

std::unique_ptr<Model> load(const std::string& path) {
  std::string error;
  auto m = Model::load(path, error);
  if (!m) die(error);
  return m;
}

model::Dataset rows_for(const Model& m, const std::string& csv) {
  model::CsvTable table;
  model::Dataset data;
  std::string error;
  if (!model::read_csv_table(source(csv), table, error) || !model::encode_rows(table, m.features(), data, error)) {
    die(error);
  }
  return data;
}

// credit_default.toml with 300 rounds of depth 6, written to a temp dir.
std::string train_300x6() {
  model::TrainConfig config;
  std::vector<std::string> errors;
  if (!model::load_train_config(source("models/credit_default.toml"), config, errors)) die(errors.front());
  config.rounds = 300;
  for (auto& [name, value] : config.params) {
    if (name == "max_depth") value = "6";
  }
  auto dir = std::filesystem::temp_directory_path() / "verdict-model-bench";
  std::filesystem::create_directories(dir);
  model::TrainResult result;
  std::string path = (dir / "credit_300x6.json").string();
  if (!model::train_model(config, model::TrainOptions{path}, result, errors)) die(errors.front());
  return path;
}

// Median over `passes` of the mean ns per row of `body(row index)` run over
// `n` rows.
template <typename F>
double per_row_ns(size_t n, int passes, F&& body) {
  std::vector<double> samples;
  for (int p = 0; p < passes; ++p) {
    auto start = Clock::now();
    for (size_t r = 0; r < n; ++r) body(r);
    samples.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() / double(n));
  }
  return median(samples);
}

// TreeSHAP per row: the C API (pred_contribs on a one-row matrix, as a
// decision asks for it) and the native TreeSHAP, over the same rows.
void measure_shap(const Subject& s, bool quick, Result& r) {
  const size_t n = s.data.rows();
  std::vector<float> out(s.model->feature_count() + 1);
  std::string error;
  volatile float sink = 0;
  r.capi_shap_row_ns = per_row_ns(std::min<size_t>(n, quick ? 200 : 1000), quick ? 3 : 5, [&](size_t i) {
    if (!s.model->reference_contributions(s.data.row(i), out.data(), error)) die(error);
    sink = out[0];
  });
  r.native_shap_row_ns = per_row_ns(n, quick ? 3 : 10, [&](size_t i) {
    s.model->contributions(s.data.row(i), out.data(), error);
    sink = out[0];
  });
  (void)sink;
}

Result measure(const Subject& s, bool quick) {
  std::string error;
  const model::Booster* capi = s.model->reference(error);
  if (!capi) die(error);
  const size_t n = s.data.rows(), cols = s.data.cols;
  const size_t batch = std::min(kBatchRows, n);
  std::vector<float> out(batch);
  volatile float sink = 0;
  Result r{s.name, s.model->tree_count(), s.model->depth()};
  r.capi_row_ns = per_row_ns(quick ? 500 : n, quick ? 3 : 5, [&](size_t i) {
    capi->predict(s.data.row(i), 1, cols, model::PredictKind::Probability, out.data(), error);
    sink = out[0];
  });
  r.native_row_ns = per_row_ns(n, quick ? 5 : 30, [&](size_t i) { sink = s.model->probability(s.data.row(i)); });
  int batch_passes = quick ? 5 : 30;
  r.capi_batch_ns =
      per_row_ns(batch_passes, 3,
                 [&](size_t) {
                   capi->predict(s.data.values.data(), batch, cols, model::PredictKind::Probability, out.data(), error);
                   sink = out[batch - 1];
                 }) /
      double(batch);
  r.native_batch_ns = per_row_ns(batch_passes, 3,
                                 [&](size_t) {
                                   s.model->probabilities(s.data.values.data(), batch, out.data());
                                   sink = out[batch - 1];
                                 }) /
                      double(batch);
  measure_shap(s, quick, r);
  (void)sink;
  return r;
}

void print(const Result& r) {
  std::printf(
      "model=%s trees=%zu depth=%d capi_row_ns=%.0f native_row_ns=%.0f row_speedup=%.1f "
      "capi_batch_ns_per_row=%.0f native_batch_ns_per_row=%.0f batch_speedup=%.1f\n",
      r.name.c_str(), r.trees, r.depth, r.capi_row_ns, r.native_row_ns, r.capi_row_ns / r.native_row_ns,
      r.capi_batch_ns, r.native_batch_ns, r.capi_batch_ns / r.native_batch_ns);
  std::printf("shap=%s trees=%zu depth=%d capi_shap_row_ns=%.0f native_shap_row_ns=%.0f shap_speedup=%.1f\n",
              r.name.c_str(), r.trees, r.depth, r.capi_shap_row_ns, r.native_shap_row_ns,
              r.capi_shap_row_ns / r.native_shap_row_ns);
  std::fflush(stdout);
}

}  // namespace
}  // namespace verdict::bench

int main(int argc, char** argv) {
  using namespace verdict::bench;
  BenchArgs args = parse_bench_args(argc, argv, "model_bench [--quick] [--only MODEL]");
  bool quick = args.quick;
  const std::string& only = args.only;
  std::vector<Subject> subjects;
  auto add = [&](std::string name, const std::string& path, const std::string& csv, const Model* encoding) {
    if (!only.empty() && only != name) return;  // `--only e2e`: the end-to-end figures alone
    Subject s{std::move(name), load(path), {}};
    s.data = rows_for(encoding ? *encoding : *s.model, csv);
    subjects.push_back(std::move(s));
  };
  auto credit = load(source("models/credit_default.json"));
  add("credit_default", source("models/credit_default.json"), "tests/data/credit_data.csv", nullptr);
  add("churn", source("models/churn.json"), "tests/data/mlc_churn.csv", nullptr);
  if (only.empty() || only == "credit_300x6") {
    add("credit_300x6", train_300x6(), "tests/data/credit_data.csv", credit.get());
  }
  std::vector<Result> results;
  for (const Subject& s : subjects) {
    results.push_back(measure(s, quick));
    std::fprintf(stderr, "measured %s\n", s.name.c_str());
  }
  std::vector<E2eResult> e2e;
  if (only.empty() || only == "e2e") e2e = measure_e2e(quick);
  for (const Result& r : results) print(r);
  for (const E2eResult& r : e2e) print(r);
  return 0;
}
