// ORC LLJIT wrapper. One of the two translation units that include LLVM.
#include "compiler/jit/jit_code.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <mutex>

#include "compiler/jit/codegen.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

namespace verdict::jit {
namespace {

void init_native_target() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
}

std::string message(llvm::Error e) { return llvm::toString(std::move(e)); }

void optimize(llvm::Module& m, OptLevel level) {
  if (level == OptLevel::O0) return;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(m, mam);
}

// The only symbols generated code may call, by name.
llvm::orc::SymbolMap runtime_symbols(llvm::orc::LLJIT& jit) {
  llvm::orc::SymbolMap symbols;
  auto add = [&](const char* name, auto* fn) {
    symbols[jit.mangleAndIntern(name)] = {llvm::orc::ExecutorAddr::fromPtr(reinterpret_cast<void*>(fn)),
                                          llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
  };
  add("verdict_str_eq", &verdict_str_eq);
  add("verdict_str_starts_with", &verdict_str_starts_with);
  add("verdict_str_ends_with", &verdict_str_ends_with);
  add("verdict_str_contains", &verdict_str_contains);
  add("verdict_value_set_string", &verdict_value_set_string);
  add("verdict_value_text_ptr", &verdict_value_text_ptr);
  add("verdict_value_text_len", &verdict_value_text_len);
  add("log", static_cast<double (*)(double)>(&::log));
  add("exp", static_cast<double (*)(double)>(&::exp));
  add("round", static_cast<double (*)(double)>(&::round));
  add("fabs", static_cast<double (*)(double)>(&::fabs));
  add("memcpy", &::memcpy);
  add("memset", &::memset);
  return symbols;
}

}  // namespace

struct JitCode::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

JitCode::JitCode() : impl_(std::make_unique<Impl>()) {}
JitCode::~JitCode() = default;

std::unique_ptr<JitCode> JitCode::compile(const ir::Program& program, OptLevel level,
                                          std::string& error) {
  auto start = std::chrono::steady_clock::now();
  init_native_target();
  auto tmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!tmb) {
    error = message(tmb.takeError());
    return nullptr;
  }
  tmb->setCodeGenOptLevel(level == OptLevel::O0 ? llvm::CodeGenOptLevel::None
                                                : llvm::CodeGenOptLevel::Default);
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*tmb)).create();
  if (!jit) {
    error = message(jit.takeError());
    return nullptr;
  }
  auto ctx = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> module = generate_module(program, *ctx);
  module->setDataLayout((*jit)->getDataLayout());
  module->setTargetTriple((*jit)->getTargetTriple().str());
  std::string broken;
  llvm::raw_string_ostream broken_out(broken);
  if (llvm::verifyModule(*module, &broken_out)) {
    error = "generated code failed verification: " + broken;
    return nullptr;
  }
  optimize(*module, level);
  llvm::orc::JITDylib& dylib = (*jit)->getMainJITDylib();
  if (auto e = dylib.define(llvm::orc::absoluteSymbols(runtime_symbols(**jit)))) {
    error = message(std::move(e));
    return nullptr;
  }
  if (auto e = (*jit)->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx)))) {
    error = message(std::move(e));
    return nullptr;
  }
  auto rules = (*jit)->lookup("verdict_rules");
  if (!rules) {
    error = message(rules.takeError());
    return nullptr;
  }
  auto decide = (*jit)->lookup("verdict_decide");
  if (!decide) {
    error = message(decide.takeError());
    return nullptr;
  }
  std::unique_ptr<JitCode> code(new JitCode());
  code->impl_->jit = std::move(*jit);
  code->rules_ = rules->toPtr<RulesFn>();
  code->decide_ = decide->toPtr<DecideFn>();
  code->compile_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return code;
}

std::string emit_llvm_ir(const ir::Program& program, OptLevel level) {
  init_native_target();
  llvm::LLVMContext ctx;
  std::unique_ptr<llvm::Module> module = generate_module(program, ctx);
  optimize(*module, level);
  std::string text;
  llvm::raw_string_ostream out(text);
  module->print(out, nullptr);
  return text;
}

}  // namespace verdict::jit
