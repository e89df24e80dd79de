#pragma once
#include <string>
#include <vector>

namespace verdict::bench {

// One end-to-end figure: a whole decision of a shipped deployment (rules on
// the JIT, the native model kernel, the blend, `decide`, with the full rule
// trace recorded), timed one decision at a time over every row of its data.
struct E2eResult {
  std::string ruleset;
  // "shap=off", "shap=on", "shap=off+json", "shap=on+json" (the decision
  // rendered to JSON text), "api=text shap=off" (request text to decision
  // text through Engine::decide)
  std::string variant;
  std::string trace = "full";
  double p50_ns = 0, p99_ns = 0;
  size_t decisions = 0;
};

// The credit deployment (rules/credit_approval.deploy.toml) with SHAP off
// and on, with JSON rendering, and through the Engine from request text
// with the trace off; `quick` uses fewer passes.
std::vector<E2eResult> measure_e2e(bool quick);

void print(const E2eResult& r);

}  // namespace verdict::bench
