// One compiled (JIT) ruleset called from several threads at once: every
// result equals the interpreter's for the same request.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "runtime/wire/decision_json.h"
#include "runtime/wire/request.h"
#include "tests/support/csv.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

TEST_CASE("a JIT-compiled ruleset is safe to call from many threads", "[jit][concurrency]") {
  Diagnostics diags;
  std::string path = testing::source_path("rules/credit_approval.rules");
  auto reference = CompiledRuleset::load(path, diags, BackendKind::Interpreter);
  auto jit = CompiledRuleset::load(path, diags, BackendKind::Jit);
  REQUIRE(reference);
  REQUIRE(jit);
  testing::Csv csv = testing::read_csv(testing::source_path("tests/data/credit_data.csv"));
  std::vector<Frame> frames;
  std::vector<std::string> expected;
  for (size_t row = 0; row < 1000; ++row) {
    std::vector<Diagnostic> errors;
    auto frame = frame_from_json(reference->program(), testing::row_request(csv, row, {"records"}, {"status"}), errors);
    REQUIRE(frame);
    auto json = decision_json(*reference, *frame, reference->decide(*frame), TraceLevel::Full);
    json["trace"]["backend"] = "jit";
    expected.push_back(json.dump());
    frames.push_back(std::move(*frame));
  }
  constexpr int kThreads = 8;
  constexpr int kRounds = 5;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < frames.size(); ++i) {
          size_t k = (i * 7 + static_cast<size_t>(t) * 131) % frames.size();  // a different order per thread
          auto json = decision_json(*jit, frames[k], jit->decide(frames[k]), TraceLevel::Full);
          if (json.dump() != expected[k]) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches.load() == 0);
}

}  // namespace
}  // namespace verdict
