#pragma once
#include <string>
#include <vector>

namespace verdict::bench {

// One end-to-end figure: a whole decision of a shipped deployment (rules on
// the JIT, the native model kernel, the blend, `decide`, with the full rule
// trace recorded), timed one decision at a time over every row of its data.
struct E2eResult {
  std::string ruleset;
  std::string variant;  // "shap=off", "shap=on", "shap=off+json" (the decision rendered to JSON text)
  double p50_ns = 0, p99_ns = 0;
  size_t decisions = 0;
};

// The credit deployment (rules/credit_approval.deploy.toml) with SHAP off
// and on, and with JSON rendering; `quick` uses fewer passes.
std::vector<E2eResult> measure_e2e(bool quick);

void print(const E2eResult& r);

}  // namespace verdict::bench
