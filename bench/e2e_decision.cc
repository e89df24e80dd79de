#include "bench/e2e_decision.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "compiler/util/bounded_file.h"
#include "runtime/api/engine.h"
#include "runtime/deploy/deployment.h"
#include "runtime/wire/decision_format.h"
#include "runtime/wire/request.h"
#include "tests/support/csv.h"

namespace verdict::bench {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "model_bench: %s\n", message.c_str());
  std::exit(1);
}

std::string source(const std::string& relative) { return std::string(VERDICT_SOURCE_DIR) + "/" + relative; }

// The credit deployment's [trace] replaced, as config text for the Engine.
DeploymentSources credit_sources(const std::string& trace) {
  DeploymentSources sources;
  sources.config_path = source("rules/credit_approval.deploy.toml");
  std::string text;
  if (!read_bounded_file(sources.config_path, kConfigFileLimit, text)) die("cannot read " + sources.config_path);
  sources.config_text = text.substr(0, text.find("[trace]")) + "[trace]\n" + trace;
  return sources;
}

// The credit deployment with its [trace] table replaced.
std::shared_ptr<const Deployment> credit(const char* shap) {
  LoadReport report;
  auto d = Deployment::open(credit_sources("level = \"full\"\nshap = \"" + std::string(shap) + "\"\n"), report);
  if (!d) die(report.render());
  return d;
}

std::vector<Frame> frames(const Deployment& d) {
  testing::Csv csv = testing::read_csv(source("tests/data/credit_data.csv"));
  std::vector<Frame> out;
  for (size_t row = 0; row < csv.rows.size(); ++row) {
    std::vector<Diagnostic> errors;
    auto frame = frame_from_json(d.program(), testing::row_request(csv, row, {"records"}, {"status"}), errors);
    if (!frame) die("row " + std::to_string(row + 1) + " was rejected");
    out.push_back(std::move(*frame));
  }
  return out;
}

double percentile(std::vector<double>& samples, double q) {
  size_t k = std::min(samples.size() - 1, static_cast<size_t>(q * static_cast<double>(samples.size())));
  std::nth_element(samples.begin(), samples.begin() + static_cast<ptrdiff_t>(k), samples.end());
  return samples[k];
}

// Times `body(frame, decision)` once per frame, `passes` times over all
// frames (the first pass warms caches and the JIT's O2 tier and is dropped).
template <typename Item, typename F>
E2eResult time_each(const std::vector<Item>& all, int passes, std::string variant, F&& body) {
  Decision decision;
  std::vector<double> samples;
  samples.reserve(all.size() * static_cast<size_t>(passes));
  for (int p = 0; p <= passes; ++p) {
    for (const Item& item : all) {
      auto start = Clock::now();
      body(item, decision);
      double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
      if (p > 0) samples.push_back(ns);
    }
  }
  E2eResult r{"credit_approval", std::move(variant)};
  r.decisions = samples.size();
  r.p50_ns = percentile(samples, 0.50);
  r.p99_ns = percentile(samples, 0.99);
  return r;
}

// Request text to decision text through the embedding API (no log, trace
// and SHAP off): what a service embedding the Engine pays per decision.
E2eResult time_api_text(int passes) {
  LoadReport report;
  auto engine = Engine::open(credit_sources("level = \"off\"\nshap = \"off\"\n"), report);
  if (!engine) die(report.render());
  testing::Csv csv = testing::read_csv(source("tests/data/credit_data.csv"));
  std::vector<std::string> requests;
  for (size_t row = 0; row < csv.rows.size(); ++row) {
    requests.push_back(testing::row_request(csv, row, {"records"}, {"status"}).dump());
  }
  size_t bytes = 0;
  E2eResult r = time_each(requests, passes, "api=text shap=off", [&](const std::string& request, Decision&) {
    DecideResult d = engine->decide(request);
    if (!d.decided) die("a request was refused: " + d.errors.at(0).message);
    bytes += d.json.size();
  });
  if (bytes == 0) die("no JSON was written");
  r.trace = "off";
  return r;
}

}  // namespace

std::vector<E2eResult> measure_e2e(bool quick) {
  auto off = credit("off");
  auto on = credit("always");
  std::vector<Frame> all = frames(*off);
  int passes = quick ? 1 : 5;
  std::vector<E2eResult> out;
  out.push_back(time_each(all, passes, "shap=off", [&](const Frame& f, Decision& d) { off->decide_into(f, d, true); }));
  out.push_back(
      time_each(all, quick ? 1 : 2, "shap=on", [&](const Frame& f, Decision& d) { on->decide_into(f, d, true); }));
  size_t bytes = 0;
  const DecisionFormat format(*off), explained(*on);  // built once per deployment, as the Engine does
  out.push_back(time_each(all, passes, "shap=off+json", [&](const Frame& f, Decision& d) {
    off->decide_into(f, d, true);
    bytes += format.write_text(f, d, TraceLevel::Full).size();
  }));
  // The whole explained decision: rules, model, blend, SHAP, merged reasons
  // and the JSON text of the full trace.
  out.push_back(time_each(all, quick ? 1 : 2, "shap=on+json", [&](const Frame& f, Decision& d) {
    on->decide_into(f, d, true);
    bytes += explained.write_text(f, d, TraceLevel::Full).size();
  }));
  if (bytes == 0) die("no JSON was rendered");
  out.push_back(time_api_text(passes));
  return out;
}

void print(const E2eResult& r) {
  std::printf("e2e ruleset=%s %s trace=%s p50_ns=%.0f p99_ns=%.0f decisions=%zu\n", r.ruleset.c_str(),
              r.variant.c_str(), r.trace.c_str(), r.p50_ns, r.p99_ns, r.decisions);
  std::fflush(stdout);
}

}  // namespace verdict::bench
