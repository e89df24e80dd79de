// Rules benchmark: per-decision time of the interpreter and the JIT (trace on
// and off) and JIT compile time per tier, on the shipped rulesets and a
// generated 1,000-rule ruleset, over real rows of the shipped data sets.
// All ratios come from one run on one machine. Usage:
//   build/bench/rules_bench [--quick] [--only RULESET]
// Ends with one line per ruleset:
//   ruleset=NAME rules=N interp_ns=X jit_ns=Y jit_trace_ns=Z speedup=S compile_o0_ms=A compile_o2_ms=B
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "bench/generated_ruleset.h"
#include "compiler/check/checker.h"
#include "compiler/interp/interpreter.h"
#include "compiler/jit/jit_backend.h"
#include "runtime/core/decide.h"
#include "runtime/wire/request.h"
#include "tests/support/csv.h"

namespace verdict::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Subject {
  std::string name;
  std::string text;
  std::string csv;
  std::vector<std::string> bools;
  std::vector<std::string> labels;
};

struct Result {
  std::string name;
  size_t rules = 0;
  double interp_ns = 0, jit_ns = 0, jit_trace_ns = 0, compile_o0_ms = 0, compile_o2_ms = 0;
};

std::string read(const std::string& relative) {
  std::FILE* f = std::fopen((std::string(VERDICT_SOURCE_DIR) + "/" + relative).c_str(), "rb");
  std::string out;
  if (!f) return out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

std::vector<Frame> load_frames(const ir::Program& program, const Subject& s) {
  testing::Csv csv = testing::read_csv(std::string(VERDICT_SOURCE_DIR) + "/" + s.csv);
  std::vector<Frame> frames;
  for (size_t row = 0; row < csv.rows.size(); ++row) {
    std::vector<Diagnostic> errors;
    auto frame = frame_from_json(program, testing::row_request(csv, row, s.bools, s.labels), errors);
    if (frame) frames.push_back(std::move(*frame));
  }
  return frames;
}

// Median over `runs` passes of the mean time per decision over all frames.
double time_decisions(const ir::Program& program, const Backend& backend, const std::vector<Frame>& frames,
                      bool record_trace, int runs, int passes) {
  Decision d;
  uint64_t sink = 0;
  std::vector<double> samples;
  for (int run = 0; run < runs; ++run) {
    auto start = Clock::now();
    for (int pass = 0; pass < passes; ++pass) {
      for (const Frame& f : frames) {
        decide_into(program, backend, f, d, record_trace);
        sink += d.outcome;
      }
    }
    double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    samples.push_back(ns / (static_cast<double>(frames.size()) * passes));
  }
  if (sink == 42) std::puts("");  // keeps the loop from being optimised away
  return median(samples);
}

double compile_ms(const ir::Program& program, jit::OptLevel level, int runs) {
  std::vector<double> samples;
  for (int i = 0; i < runs; ++i) {
    std::string error;
    auto start = Clock::now();
    auto code = jit::JitCode::compile(program, level, error);
    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!code) std::fprintf(stderr, "compile failed: %s\n", error.c_str());
  }
  return median(samples);
}

bool measure(const Subject& s, bool quick, Result& r) {
  SourceFile source(s.name + ".rules", s.text);
  Diagnostics diags;
  auto program = compile_rules(source, diags);
  if (!program) {
    std::fprintf(stderr, "%s: does not compile\n", s.name.c_str());
    return false;
  }
  std::vector<Frame> frames = load_frames(*program, s);
  r.name = s.name;
  r.rules = program->rules.size();
  int runs = quick ? 3 : 7;
  r.compile_o0_ms = compile_ms(*program, jit::OptLevel::O0, runs);
  r.compile_o2_ms = compile_ms(*program, jit::OptLevel::O2, runs);
  std::string error;
  auto jit = JitBackend::create(*program, JitOptions{false, jit::OptLevel::O2, nullptr}, error);
  if (!jit) {
    std::fprintf(stderr, "%s: %s\n", s.name.c_str(), error.c_str());
    return false;
  }
  Interpreter interp(*program);
  int passes = r.rules > 100 ? 1 : 5;
  r.interp_ns = time_decisions(*program, interp, frames, true, runs, passes);
  r.jit_ns = time_decisions(*program, *jit, frames, false, runs, passes * 10);
  r.jit_trace_ns = time_decisions(*program, *jit, frames, true, runs, passes * 10);
  std::printf(
      "%-18s %5zu rules, %zu requests: interpreter %.0f ns, JIT %.0f ns (trace %.0f ns, x%.2f), "
      "compile O0 %.1f ms, O2 %.1f ms\n",
      s.name.c_str(), r.rules, frames.size(), r.interp_ns, r.jit_ns, r.jit_trace_ns, r.jit_trace_ns / r.jit_ns,
      r.compile_o0_ms, r.compile_o2_ms);
  return true;
}

}  // namespace
}  // namespace verdict::bench

int main(int argc, char** argv) {
  using namespace verdict::bench;
  BenchArgs args = parse_bench_args(argc, argv, "rules_bench [--quick] [--only RULESET]");
  bool quick = args.quick;
  const std::string& only = args.only;
  std::vector<Subject> subjects = {
      {"credit_approval", read("rules/credit_approval.rules"), "tests/data/credit_data.csv", {"records"}, {"status"}},
      {"retention_offer",
       read("rules/retention_offer.rules"),
       "tests/data/mlc_churn.csv",
       {"international_plan", "voice_mail_plan"},
       {"churn"}},
      {"generated_1000", generated_ruleset(1000, 20261125), "tests/data/credit_data.csv", {"records"}, {"status"}},
  };
  std::vector<Result> results;
  for (const Subject& s : subjects) {
    if (!only.empty() && s.name != only) continue;
    Result r;
    if (!measure(s, quick, r)) return 1;
    results.push_back(r);
  }
  for (const Result& r : results) {
    std::printf(
        "ruleset=%s rules=%zu interp_ns=%.0f jit_ns=%.0f jit_trace_ns=%.0f speedup=%.1f "
        "compile_o0_ms=%.1f compile_o2_ms=%.1f\n",
        r.name.c_str(), r.rules, r.interp_ns, r.jit_ns, r.jit_trace_ns, r.interp_ns / r.jit_ns, r.compile_o0_ms,
        r.compile_o2_ms);
  }
  return 0;
}
