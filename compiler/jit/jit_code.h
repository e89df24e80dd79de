#pragma once
#include <memory>
#include <string>

#include "compiler/ir/program.h"
#include "compiler/jit/code_cache.h"
#include "compiler/jit/jit_abi.h"

namespace verdict::jit {

enum class OptLevel { O0, O2 };

// The native code of one program: an LLJIT instance holding `verdict_rules`
// and `verdict_decide`. No globals; the only symbols the code can reach are
// the helpers in jit_abi.h and the libm functions registered by name.
// Immutable after creation; the functions may be called from any thread.
class JitCode {
 public:
  // Generates, verifies, optimises (O2) and compiles. With a cache, code
  // whose content hash is already there is loaded instead of optimised and
  // compiled again. On failure returns null and sets `error` (an internal
  // error: the checker accepted the program).
  static std::unique_ptr<JitCode> compile(const ir::Program& program, OptLevel level, std::string& error,
                                          CodeCache* cache = nullptr);
  ~JitCode();

  RulesFn rules() const { return rules_; }
  DecideFn decide() const { return decide_; }
  double compile_ms() const { return compile_ms_; }
  bool from_cache() const { return from_cache_; }

 private:
  struct Impl;
  JitCode();
  std::unique_ptr<Impl> impl_;
  RulesFn rules_ = nullptr;
  DecideFn decide_ = nullptr;
  double compile_ms_ = 0;
  bool from_cache_ = false;
};

// The module's LLVM IR as text, after the pipeline of `level` (--emit=llvm).
std::string emit_llvm_ir(const ir::Program& program, OptLevel level);

}  // namespace verdict::jit
