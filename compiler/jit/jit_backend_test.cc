#include "compiler/jit/jit_backend.h"

#include <catch2/catch.hpp>

#include "compiler/check/checker.h"
#include "compiler/interp/interpreter.h"

namespace verdict {
namespace {

const char* kRules = R"(ruleset tiers
outcomes yes, no
input i {
  x: number
  y: number?
}
let q = x / (y ?? 0)
rule big when q > 2 then points 60
decide
  yes when final >= 0.5
  no otherwise
)";

ir::Program program() {
  SourceFile source("tiers.rules", kRules);
  Diagnostics diags;
  auto p = compile_rules(source, diags);
  REQUIRE(p);
  return std::move(*p);
}

Evaluation run(const Backend& backend, const ir::Program& p, double x, std::optional<double> y) {
  Frame frame(2);
  frame.set_number(0, x);
  if (y) frame.set_number(1, *y);
  Evaluation ev;
  ev.reset(p);
  backend.evaluate_rules(frame, ev);
  backend.evaluate_decide(frame, 0.6, 0.6, ev);
  return ev;
}

bool same(const Evaluation& a, const Evaluation& b) {
  if (a.rules != b.rules || a.events != b.events || a.decide != b.decide) return false;
  if (a.decide_branch != b.decide_branch) return false;
  for (size_t i = 0; i < a.derived.size(); ++i) {
    if (!a.derived[i].same_as(b.derived[i])) return false;
  }
  return true;
}

TEST_CASE("the tiered JIT serves at once and swaps in the optimised tier", "[jit]") {
  ir::Program p = program();
  std::string error;
  auto jit = JitBackend::create(p, JitOptions{}, error);
  REQUIRE(jit);
  Interpreter interp(p);
  CHECK(same(run(*jit, p, 5, 2), run(interp, p, 5, 2)));  // whichever tier is active
  REQUIRE(jit->wait_for_optimized());
  for (auto [x, y] : {std::pair<double, std::optional<double>>{5, 2}, {1, 0}, {3, std::nullopt}}) {
    CHECK(same(run(*jit, p, x, y), run(interp, p, x, y)));
  }
}

TEST_CASE("an unchanged program is loaded from the code cache, not compiled again", "[jit]") {
  ir::Program p = program();
  jit::CodeCache cache;
  std::string error;
  auto first = jit::JitCode::compile(p, jit::OptLevel::O2, error, &cache);
  REQUIRE(first);
  CHECK_FALSE(first->from_cache());
  CHECK(cache.size() == 1);
  auto second = jit::JitCode::compile(p, jit::OptLevel::O2, error, &cache);
  REQUIRE(second);
  CHECK(second->from_cache());
  CHECK(cache.size() == 1);
  CHECK(cache.hits() >= 1);
  // The cached code computes the same results.
  JitOptions options{false, jit::OptLevel::O2, &cache};
  auto backend = JitBackend::create(p, options, error);
  REQUIRE(backend);
  CHECK(backend->active_code().from_cache());
  CHECK(same(run(*backend, p, 1, 0), run(Interpreter(p), p, 1, 0)));
  // A different tier is a different key.
  auto o0 = jit::JitCode::compile(p, jit::OptLevel::O0, error, &cache);
  REQUIRE(o0);
  CHECK_FALSE(o0->from_cache());
  CHECK(cache.size() == 2);
}

}  // namespace
}  // namespace verdict
