#pragma once
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "compiler/eval/backend.h"
#include "compiler/jit/code_cache.h"
#include "compiler/jit/jit_code.h"

namespace verdict {

struct JitOptions {
  // Serve at once from quickly compiled O0 code and swap in O2 code compiled
  // on a background thread. Without tiering, only `level` is compiled.
  bool tiered = true;
  jit::OptLevel level = jit::OptLevel::O2;
  jit::CodeCache* cache = nullptr;  // optional; must outlive the backend
};

// Runs a program as native code compiled by LLVM. Must give the same
// Evaluation as the Interpreter for every frame (the conformance corpus and
// the differential test hold it to that). Thread-safe: the code is immutable
// and the tier swap is one atomic pointer store.
class JitBackend final : public Backend {
 public:
  static std::unique_ptr<JitBackend> create(const ir::Program& program, const JitOptions& options, std::string& error);
  ~JitBackend() override;

  void evaluate_rules(const Frame& frame, Evaluation& out, bool record_trace = true) const override;
  void evaluate_decide(const Frame& frame, double human, double final, Evaluation& out) const override;
  const char* name() const override { return "jit"; }

  // Blocks until the optimised tier serves (at once when not tiered).
  // Returns false when the O2 compile failed (O0 keeps serving).
  bool wait_for_optimized();
  const jit::JitCode& active_code() const { return *active_.load(std::memory_order_acquire); }

 private:
  JitBackend(const ir::Program& program, std::unique_ptr<jit::JitCode> first);

  const ir::Program& program_;
  std::unique_ptr<jit::JitCode> first_;      // the tier created synchronously
  std::unique_ptr<jit::JitCode> optimized_;  // written only by optimizer_, before publishing
  std::atomic<const jit::JitCode*> active_;
  std::thread optimizer_;
  bool optimize_failed_ = false;
  bool has_strings_ = false;
};

}  // namespace verdict
