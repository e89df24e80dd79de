// ORC LLJIT wrapper. One of the two translation units that include LLVM.
#include "compiler/jit/jit_code.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <mutex>

#include "compiler/jit/codegen.h"
#include "compiler/util/sha256.h"
#include "llvm/ExecutionEngine/ObjectCache.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
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

// The only symbols generated code may call, by name (jit_abi.h).
llvm::orc::SymbolMap runtime_symbol_map(llvm::orc::LLJIT& jit) {
  llvm::orc::SymbolMap symbols;
  for (const RuntimeSymbol& symbol : runtime_symbols()) {
    symbols[jit.mangleAndIntern(symbol.name)] = {llvm::orc::ExecutorAddr::fromPtr(symbol.address),
                                                 llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
  }
  return symbols;
}

// Adapts CodeCache to LLVM's ObjectCache. The module identifier is the
// content key (set by compile()).
class CacheAdapter final : public llvm::ObjectCache {
 public:
  explicit CacheAdapter(CodeCache& cache) : cache_(cache) {}

  void notifyObjectCompiled(const llvm::Module* m, llvm::MemoryBufferRef object) override {
    cache_.store(m->getModuleIdentifier(), object.getBuffer().str());
  }

  std::unique_ptr<llvm::MemoryBuffer> getObject(const llvm::Module* m) override {
    auto object = cache_.find(m->getModuleIdentifier());
    if (!object) return nullptr;
    return llvm::MemoryBuffer::getMemBufferCopy(*object, m->getModuleIdentifier());
  }

 private:
  CodeCache& cache_;
};

std::string content_key(llvm::Module& m, OptLevel level, const std::string& triple) {
  std::string text;
  llvm::raw_string_ostream out(text);
  m.print(out, nullptr);
  return sha256_hex(text + (level == OptLevel::O0 ? "|O0|" : "|O2|") + triple);
}

}  // namespace

struct JitCode::Impl {
  std::unique_ptr<CacheAdapter> cache;
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

JitCode::JitCode() : impl_(std::make_unique<Impl>()) {}
JitCode::~JitCode() = default;

namespace {

// An LLJIT for this host; with `cache`, compiled objects go through it.
std::unique_ptr<llvm::orc::LLJIT> create_jit(CacheAdapter* cache, std::string& error) {
  auto tmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!tmb) {
    error = message(tmb.takeError());
    return nullptr;
  }
  tmb->setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
  llvm::orc::LLJITBuilder builder;
  builder.setJITTargetMachineBuilder(std::move(*tmb));
  if (cache != nullptr) {
    builder.setCompileFunctionCreator([cache](llvm::orc::JITTargetMachineBuilder jtmb)
                                          -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
      auto tm = jtmb.createTargetMachine();
      if (!tm) return tm.takeError();
      return std::make_unique<llvm::orc::TMOwningSimpleCompiler>(std::move(*tm), cache);
    });
  }
  auto jit = builder.create();
  if (!jit) {
    error = message(jit.takeError());
    return nullptr;
  }
  return std::move(*jit);
}

// The program's module for `jit`, verified; null with `error` when the
// generated code does not verify (an internal error).
std::unique_ptr<llvm::Module> verified_module(const ir::Program& program, llvm::LLVMContext& ctx, llvm::orc::LLJIT& jit,
                                              std::string& error) {
  std::unique_ptr<llvm::Module> module = generate_module(program, ctx);
  module->setDataLayout(jit.getDataLayout());
  module->setTargetTriple(jit.getTargetTriple().str());
  std::string broken;
  llvm::raw_string_ostream broken_out(broken);
  if (llvm::verifyModule(*module, &broken_out)) {
    error = "generated code failed verification: " + broken;
    return nullptr;
  }
  return module;
}

// The address of `name` in `jit`; null with `error` when it is not there.
template <class Fn>
Fn entry_point(llvm::orc::LLJIT& jit, const char* name, std::string& error) {
  auto symbol = jit.lookup(name);
  if (!symbol) {
    error = message(symbol.takeError());
    return nullptr;
  }
  return symbol->toPtr<Fn>();
}

}  // namespace

// ORDER: the module is keyed (and looked up in the cache) before it is
// optimised: a cached object was optimised already, so a hit skips it.
std::unique_ptr<JitCode> JitCode::compile(const ir::Program& program, OptLevel level, std::string& error,
                                          CodeCache* cache) {
  auto start = std::chrono::steady_clock::now();
  init_native_target();
  std::unique_ptr<JitCode> code(new JitCode());
  if (cache != nullptr) code->impl_->cache = std::make_unique<CacheAdapter>(*cache);
  std::unique_ptr<llvm::orc::LLJIT> jit = create_jit(code->impl_->cache.get(), error);
  if (!jit) return nullptr;
  auto ctx = std::make_unique<llvm::LLVMContext>();
  std::unique_ptr<llvm::Module> module = verified_module(program, *ctx, *jit, error);
  if (!module) return nullptr;
  if (cache != nullptr) {
    std::string key = content_key(*module, level, jit->getTargetTriple().str());
    module->setModuleIdentifier(key);
    code->from_cache_ = cache->find(key).has_value();
  }
  if (!code->from_cache_) optimize(*module, level);
  if (auto e = jit->getMainJITDylib().define(llvm::orc::absoluteSymbols(runtime_symbol_map(*jit)))) {
    error = message(std::move(e));
    return nullptr;
  }
  if (auto e = jit->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx)))) {
    error = message(std::move(e));
    return nullptr;
  }
  code->rules_ = entry_point<RulesFn>(*jit, "verdict_rules", error);
  code->decide_ = code->rules_ ? entry_point<DecideFn>(*jit, "verdict_decide", error) : nullptr;
  if (!code->decide_) return nullptr;
  code->impl_->jit = std::move(jit);
  code->compile_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
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
