#pragma once
#include <memory>

#include "compiler/ir/program.h"

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace verdict::jit {

// Lowers a checked program to an LLVM module with two functions,
// `verdict_rules` (RulesFn) and `verdict_decide` (DecideFn), that compute
// exactly what the interpreter computes: every node becomes straight-line
// code (selects, no branches) over (value, present) pairs. The module is
// verified by the caller before it is compiled.
std::unique_ptr<llvm::Module> generate_module(const ir::Program& program, llvm::LLVMContext& ctx);

}  // namespace verdict::jit
