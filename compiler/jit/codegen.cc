// IR -> LLVM IR. One of the two translation units that include LLVM.
#include "compiler/jit/codegen.h"

#include <cstddef>

#include "compiler/eval/evaluation.h"
#include "compiler/jit/jit_abi.h"
#include "llvm/Analysis/InstSimplifyFolder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"

namespace verdict::jit {
namespace {

using ir::BaseType;
using ir::Op;

// A node's value in generated code. `present` is an i1; the payload fields
// that matter depend on the type: num (double), bit (i1, bools), code (i32,
// enums), str/len (strings). Payloads of a missing value are never observed.
struct Val {
  llvm::Value* present = nullptr;
  llvm::Value* num = nullptr;
  llvm::Value* bit = nullptr;
  llvm::Value* code = nullptr;
  llvm::Value* str = nullptr;
  llvm::Value* len = nullptr;
};

class Codegen {
 public:
  Codegen(const ir::Program& p, llvm::LLVMContext& ctx)
      : p_(p),
        ctx_(ctx),
        m_(std::make_unique<llvm::Module>("verdict." + p.name, ctx)),
        b_(ctx, llvm::InstSimplifyFolder(m_->getDataLayout())) {}

  std::unique_ptr<llvm::Module> run() {
    rules_function("verdict_rules");
    decide_function();
    return std::move(m_);
  }

 private:
  // ---------------------------------------------------------------- types and memory
  llvm::Type* f64() { return b_.getDoubleTy(); }
  llvm::Type* i1() { return b_.getInt1Ty(); }
  llvm::Type* i8() { return b_.getInt8Ty(); }
  llvm::Type* i32() { return b_.getInt32Ty(); }
  llvm::Type* i64() { return b_.getInt64Ty(); }
  llvm::Type* ptr() { return b_.getPtrTy(); }
  llvm::Value* at(llvm::Value* base, uint64_t offset) {
    return offset == 0 ? base : b_.CreateConstInBoundsGEP1_64(i8(), base, offset);
  }
  llvm::Value* load(llvm::Type* t, llvm::Value* base, uint64_t offset) { return b_.CreateLoad(t, at(base, offset)); }
  void store(llvm::Value* v, llvm::Value* base, uint64_t offset) { b_.CreateStore(v, at(base, offset)); }
  llvm::Value* truth(bool b) { return b_.getInt1(b); }

  llvm::Function* begin_function(const std::string& name, bool exported = true) {
    auto* type = llvm::FunctionType::get(b_.getVoidTy(), {ptr(), ptr()}, false);
    auto linkage = exported ? llvm::Function::ExternalLinkage : llvm::Function::InternalLinkage;
    auto* fn = llvm::Function::Create(type, linkage, name, m_.get());
    fn->addFnAttr(llvm::Attribute::NoUnwind);
    if (!exported) fn->addFnAttr(llvm::Attribute::NoInline);
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", fn));
    frame_ = fn->getArg(0);
    numbers_ = load(ptr(), frame_, offsetof(JitFrame, numbers));
    codes_ = load(ptr(), frame_, offsetof(JitFrame, codes));
    present_ = load(ptr(), frame_, offsetof(JitFrame, present));
    strings_ = load(ptr(), frame_, offsetof(JitFrame, strings));
    vals_.assign(p_.nodes.size(), Val{});
    derived_.assign(p_.derived.size(), Val{});
    fields_.assign(p_.fields.size(), Val{});
    return fn;
  }

  // ---------------------------------------------------------------- functions

  // Nodes per part function. LLVM's time grows faster than linearly with
  // the size of one function, so the rules are compiled as many small
  // functions called in order rather than one huge one.
  static constexpr uint32_t kPartNodes = 256;

  bool same_owner(uint32_t a, uint32_t b) const {
    return p_.nodes[a].owner.kind == p_.nodes[b].owner.kind && p_.nodes[a].owner.index == p_.nodes[b].owner.index;
  }

  // void verdict_rules(const JitFrame*, JitRulesOut*): calls its parts, each
  // a run of whole declarations (lets, segments, rules, output defaults) in
  // node order. The trace facts (statuses, derived values, events) are a few
  // stores, so they are always recorded.
  void rules_function(const std::string& name) {
    std::vector<llvm::Function*> parts;
    uint32_t start = 0;
    for (uint32_t i = 0; i < p_.decide_begin; ++i) {
      bool owner_ends = i + 1 == p_.decide_begin || !same_owner(i, i + 1);
      if (owner_ends && (i + 1 - start >= kPartNodes || i + 1 == p_.decide_begin)) {
        parts.push_back(part_function(name + ".part" + std::to_string(parts.size()), start, i + 1));
        start = i + 1;
      }
    }
    llvm::Function* fn = begin_function(name);
    for (llvm::Function* part : parts) b_.CreateCall(part, {fn->getArg(0), fn->getArg(1)});
    b_.CreateRetVoid();
  }

  // Nodes [begin, end) and the results of every declaration that ends there.
  // Derived values are always stored: later parts and `decide` read them.
  llvm::Function* part_function(const std::string& name, uint32_t begin, uint32_t end) {
    llvm::Function* fn = begin_function(name, false);
    llvm::Value* out = fn->getArg(1);
    derived_in_ = load(ptr(), out, offsetof(JitRulesOut, derived));
    events_ = load(ptr(), out, offsetof(JitRulesOut, events));
    llvm::Value* rules = load(ptr(), out, offsetof(JitRulesOut, rules));
    llvm::Value* assigns = load(ptr(), out, offsetof(JitRulesOut, assigns));
    llvm::Value* defaults = load(ptr(), out, offsetof(JitRulesOut, output_defaults));
    for (uint32_t i = begin; i < end; ++i) {
      vals_[i] = node(p_.nodes[i]);
      if (i + 1 < end && same_owner(i, i + 1)) continue;
      const ir::Owner& owner = p_.nodes[i].owner;
      switch (owner.kind) {
        case ir::OwnerKind::Derived: {
          // INVARIANT: a derived value's last node is its root, and it
          // precedes every node that reads it.
          const ir::Derived& d = p_.derived[owner.index];
          derived_[owner.index] = vals_[d.root];
          store_value(derived_in_, owner.index, vals_[d.root], d.type);
          break;
        }
        case ir::OwnerKind::Rule: {
          const ir::Rule& rule = p_.rules[owner.index];
          store(status(vals_[rule.condition]), rules, owner.index);
          for (const ir::OutputAssign& a : rule.assigns) {
            store_value(assigns, a.slot, vals_[a.value_root], p_.outputs[a.output].type);
          }
          break;
        }
        case ir::OwnerKind::OutputDefault: {
          const ir::Output& o = p_.outputs[owner.index];
          store_value(defaults, owner.index, vals_[o.default_root], o.type);
          break;
        }
        case ir::OwnerKind::Decide: break;
      }
    }
    b_.CreateRetVoid();
    return fn;
  }

  // void verdict_decide(const JitFrame*, JitDecideIo*)
  void decide_function() {
    llvm::Function* fn = begin_function("verdict_decide");
    llvm::Value* io = fn->getArg(1);
    derived_in_ = load(ptr(), io, offsetof(JitDecideIo, derived));
    human_ = load(f64(), io, offsetof(JitDecideIo, human));
    final_ = load(f64(), io, offsetof(JitDecideIo, final));
    events_ = load(ptr(), io, offsetof(JitDecideIo, events));
    for (uint32_t i = p_.decide_begin; i < p_.nodes.size(); ++i) vals_[i] = node(p_.nodes[i]);
    llvm::Value* decide = load(ptr(), io, offsetof(JitDecideIo, decide));
    for (uint32_t b = 0; b < p_.decide.size(); ++b) {
      int32_t cond = p_.decide[b].condition;
      llvm::Value* s = cond < 0 ? b_.getInt8(static_cast<uint8_t>(RuleStatus::Fired)) : status(vals_[cond]);
      store(s, decide, b);
    }
    b_.CreateRetVoid();
  }

  // RuleStatus of a bool: Unknown when missing, else Fired/NotFired.
  llvm::Value* status(const Val& v) {
    llvm::Value* known = b_.CreateSelect(v.bit, b_.getInt8(1), b_.getInt8(0));
    return b_.CreateSelect(v.present, known, b_.getInt8(static_cast<uint8_t>(RuleStatus::Unknown)));
  }

  // ---------------------------------------------------------------- values in memory

  uint8_t kind_of(BaseType t) {
    switch (t) {
      case BaseType::Number: return static_cast<uint8_t>(Value::Kind::Number);
      case BaseType::Bool: return static_cast<uint8_t>(Value::Kind::Bool);
      case BaseType::String: return static_cast<uint8_t>(Value::Kind::String);
      case BaseType::Enum: return static_cast<uint8_t>(Value::Kind::Enum);
    }
    return 0;
  }

  void store_value(llvm::Value* array, uint32_t index, const Val& v, const ir::Type& type) {
    llvm::Value* elem = at(array, static_cast<uint64_t>(index) * sizeof(Value));
    switch (type.base) {
      case BaseType::Number: store(v.num, elem, offsetof(Value, number)); break;
      case BaseType::Bool: store(b_.CreateZExt(v.bit, i8()), elem, offsetof(Value, boolean)); break;
      case BaseType::Enum: store(v.code, elem, offsetof(Value, code)); break;
      case BaseType::String: call(helper::kValueSetString, b_.getVoidTy(), {elem, v.str, v.len}); break;
    }
    llvm::Value* kind = b_.CreateSelect(v.present, b_.getInt8(kind_of(type.base)),
                                        b_.getInt8(static_cast<uint8_t>(Value::Kind::Missing)));
    store(kind, elem, offsetof(Value, kind));
  }

  Val load_value(llvm::Value* array, uint32_t index, const ir::Type& type) {
    llvm::Value* elem = at(array, static_cast<uint64_t>(index) * sizeof(Value));
    Val v;
    v.present = b_.CreateICmpNE(load(i8(), elem, offsetof(Value, kind)),
                                b_.getInt8(static_cast<uint8_t>(Value::Kind::Missing)));
    switch (type.base) {
      case BaseType::Number: v.num = load(f64(), elem, offsetof(Value, number)); break;
      case BaseType::Bool: v.bit = b_.CreateICmpNE(load(i8(), elem, offsetof(Value, boolean)), b_.getInt8(0)); break;
      case BaseType::Enum: v.code = load(i32(), elem, offsetof(Value, code)); break;
      case BaseType::String:
        v.str = call(helper::kValueTextPtr, ptr(), {elem});
        v.len = call(helper::kValueTextLen, i64(), {elem});
        break;
    }
    return v;
  }

  llvm::Value* call(const char* name, llvm::Type* ret, std::vector<llvm::Value*> args) {
    std::vector<llvm::Type*> types;
    for (llvm::Value* a : args) types.push_back(a->getType());
    auto callee = m_->getOrInsertFunction(name, llvm::FunctionType::get(ret, types, false));
    return b_.CreateCall(callee, args);
  }

  llvm::Value* intrinsic(llvm::Intrinsic::ID id, std::vector<llvm::Value*> args) {
    llvm::Function* fn = llvm::Intrinsic::getDeclaration(m_.get(), id, {f64()});
    return b_.CreateCall(fn, args);
  }

  // ---------------------------------------------------------------- nodes

  const Val& arg(const ir::Node& n, uint32_t k) { return vals_[p_.arg(n, k)]; }

  llvm::Value* all_present(const ir::Node& n) {
    llvm::Value* p = truth(true);
    for (uint32_t k = 0; k < n.arg_count; ++k) p = b_.CreateAnd(p, arg(n, k).present);
    return p;
  }

  Val node(const ir::Node& n) {
    switch (n.op) {
      case Op::ConstNumber: return {truth(true), llvm::ConstantFP::get(f64(), n.number)};
      case Op::ConstBool: return {truth(true), nullptr, truth(n.index != 0)};
      case Op::ConstEnum: return {truth(true), nullptr, nullptr, b_.getInt32(n.index)};
      case Op::ConstString: return constant_string(p_.strings[n.index]);
      case Op::ConstMissing: return {truth(false), llvm::ConstantFP::get(f64(), 0.0), truth(false), b_.getInt32(0)};
      case Op::Field: return field(n);
      case Op::Derived: return derived(n);
      case Op::Final: return score(final_);
      case Op::Human: return score(human_);
      case Op::Neg: return {arg(n, 0).present, b_.CreateFNeg(arg(n, 0).num)};
      case Op::Add:
      case Op::Sub:
      case Op::Mul:
      case Op::Div:
      case Op::Log: return arithmetic(n);
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge:
      case Op::Eq:
      case Op::Ne: return compare(n);
      case Op::And: return logic(n, false);
      case Op::Or: return logic(n, true);
      case Op::Not: return {arg(n, 0).present, nullptr, b_.CreateNot(arg(n, 0).bit)};
      case Op::Coalesce: return coalesce(n);
      case Op::In:
      case Op::NotIn: return membership(n);
      case Op::IsMissing: return {truth(true), nullptr, b_.CreateNot(arg(n, 0).present)};
      case Op::IsNotMissing: return {truth(true), nullptr, arg(n, 0).present};
      case Op::Min:
      case Op::Max:
      case Op::Abs:
      case Op::Clamp:
      case Op::Exp:
      case Op::Round: return numeric_function(n);
      case Op::StartsWith:
      case Op::EndsWith:
      case Op::Contains: return string_function(n);
    }
    return {truth(false)};
  }

  Val constant_string(const std::string& s) {
    llvm::Value* data = b_.CreateGlobalString(s, "str", 0, m_.get());
    return {truth(true), nullptr, nullptr, nullptr, data, b_.getInt64(s.size())};
  }

  // Loaded once per function. A required field is known to be present (see
  // Frame), so its presence is the constant true and folds away.
  Val field(const ir::Node& n) {
    Val& cached = fields_[n.index];
    if (cached.present == nullptr) cached = load_field(n.index);
    return cached;
  }

  Val load_field(uint32_t index) {
    uint64_t i = index;
    Val v;
    v.present = p_.fields[index].type.optional ? b_.CreateICmpNE(load(i8(), present_, i), b_.getInt8(0)) : truth(true);
    switch (p_.fields[index].type.base) {
      case BaseType::Number: v.num = load(f64(), numbers_, i * sizeof(double)); break;
      case BaseType::Bool: v.bit = b_.CreateICmpNE(load(i32(), codes_, i * sizeof(int32_t)), b_.getInt32(0)); break;
      case BaseType::Enum: v.code = load(i32(), codes_, i * sizeof(int32_t)); break;
      case BaseType::String:
        v.str = load(ptr(), strings_, i * sizeof(JitString) + offsetof(JitString, ptr));
        v.len = load(i64(), strings_, i * sizeof(JitString) + offsetof(JitString, len));
        break;
    }
    return v;
  }

  Val derived(const ir::Node& n) {
    Val& cached = derived_[n.index];
    if (cached.present == nullptr) cached = load_value(derived_in_, n.index, p_.derived[n.index].type);
    return cached;
  }

  // Like Value::of_number: a NaN score counts as missing.
  Val score(llvm::Value* x) { return {b_.CreateFCmpORD(x, x), x}; }

  // Missing operands give missing silently; x/0 and NaN results give
  // missing and record an event in the node's slot.
  Val arithmetic(const ir::Node& n) {
    llvm::Value* a = arg(n, 0).num;
    llvm::Value* present = all_present(n);
    llvm::Value* r = nullptr;
    llvm::Value* zero_divisor = truth(false);
    switch (n.op) {
      case Op::Add: r = b_.CreateFAdd(a, arg(n, 1).num); break;
      case Op::Sub: r = b_.CreateFSub(a, arg(n, 1).num); break;
      case Op::Mul: r = b_.CreateFMul(a, arg(n, 1).num); break;
      case Op::Div:
        r = b_.CreateFDiv(a, arg(n, 1).num);
        zero_divisor = b_.CreateFCmpOEQ(arg(n, 1).num, llvm::ConstantFP::get(f64(), 0.0));
        break;
      default: r = intrinsic(llvm::Intrinsic::log, {a}); break;
    }
    llvm::Value* is_nan = b_.CreateFCmpUNO(r, r);
    llvm::Value* div_event = b_.CreateAnd(present, zero_divisor);
    llvm::Value* nan_event = b_.CreateAnd(present, b_.CreateAnd(b_.CreateNot(zero_divisor), is_nan));
    if (n.index >= 0) {
      llvm::Value* kind =
          b_.CreateSelect(div_event, b_.getInt8(static_cast<uint8_t>(EventKind::DivisionByZero)),
                          b_.CreateSelect(nan_event, b_.getInt8(static_cast<uint8_t>(EventKind::Undefined)),
                                          b_.getInt8(static_cast<uint8_t>(EventKind::None))));
      store(kind, events_, static_cast<uint64_t>(n.index));
    }
    return {b_.CreateAnd(present, b_.CreateNot(b_.CreateOr(zero_divisor, is_nan))), r};
  }

  llvm::Value* equal(const Val& a, const Val& b, BaseType t) {
    switch (t) {
      case BaseType::Number: return b_.CreateFCmpOEQ(a.num, b.num);
      case BaseType::Bool: return b_.CreateICmpEQ(a.bit, b.bit);
      case BaseType::Enum: return b_.CreateICmpEQ(a.code, b.code);
      case BaseType::String:
        return b_.CreateICmpNE(call(helper::kStrEq, i8(), {a.str, a.len, b.str, b.len}), b_.getInt8(0));
    }
    return truth(false);
  }

  Val compare(const ir::Node& n) {
    const Val& a = arg(n, 0);
    const Val& b = arg(n, 1);
    BaseType t = p_.nodes[p_.arg(n, 0)].type.base;
    llvm::Value* r = nullptr;
    switch (n.op) {
      case Op::Lt: r = b_.CreateFCmpOLT(a.num, b.num); break;
      case Op::Le: r = b_.CreateFCmpOLE(a.num, b.num); break;
      case Op::Gt: r = b_.CreateFCmpOGT(a.num, b.num); break;
      case Op::Ge: r = b_.CreateFCmpOGE(a.num, b.num); break;
      case Op::Eq: r = equal(a, b, t); break;
      default: r = b_.CreateNot(equal(a, b, t)); break;
    }
    return {all_present(n), nullptr, r};
  }

  // Kleene: for `and` a known false decides, for `or` a known true decides.
  Val logic(const ir::Node& n, bool is_or) {
    const Val& a = arg(n, 0);
    const Val& b = arg(n, 1);
    auto decisive = [&](const Val& v) { return b_.CreateAnd(v.present, is_or ? v.bit : b_.CreateNot(v.bit)); };
    // Sequenced, not two arguments of one call: the order of the emitted
    // instructions must not depend on the host compiler's argument order.
    llvm::Value* a_decides = decisive(a);
    llvm::Value* b_decides = decisive(b);
    llvm::Value* decided = b_.CreateOr(a_decides, b_decides);
    llvm::Value* present = b_.CreateOr(decided, b_.CreateAnd(a.present, b.present));
    llvm::Value* value = is_or ? decided : b_.CreateNot(decided);
    return {present, nullptr, value};
  }

  Val coalesce(const ir::Node& n) {
    const Val& a = arg(n, 0);
    const Val& b = arg(n, 1);
    auto pick = [&](llvm::Value* x, llvm::Value* y) {
      return x == nullptr ? nullptr : b_.CreateSelect(a.present, x, y);
    };
    return {b_.CreateOr(a.present, b.present),
            pick(a.num, b.num),
            pick(a.bit, b.bit),
            pick(a.code, b.code),
            pick(a.str, b.str),
            pick(a.len, b.len)};
  }

  // SQL semantics: a match is true; else a missing element makes it unknown.
  Val membership(const ir::Node& n) {
    const Val& lhs = arg(n, 0);
    BaseType t = p_.nodes[p_.arg(n, 0)].type.base;
    llvm::Value* matched = truth(false);
    llvm::Value* saw_missing = truth(false);
    for (uint32_t k = 1; k < n.arg_count; ++k) {
      const Val& e = arg(n, k);
      matched = b_.CreateOr(matched, b_.CreateAnd(e.present, equal(lhs, e, t)));
      saw_missing = b_.CreateOr(saw_missing, b_.CreateNot(e.present));
    }
    llvm::Value* present = b_.CreateAnd(lhs.present, b_.CreateOr(matched, b_.CreateNot(saw_missing)));
    return {present, nullptr, n.op == Op::In ? matched : b_.CreateNot(matched)};
  }

  // min/max keep the earlier argument on ties, as the interpreter does.
  Val numeric_function(const ir::Node& n) {
    llvm::Value* r = arg(n, 0).num;
    switch (n.op) {
      case Op::Min:
        for (uint32_t k = 1; k < n.arg_count; ++k) {
          r = b_.CreateSelect(b_.CreateFCmpOLT(arg(n, k).num, r), arg(n, k).num, r);
        }
        break;
      case Op::Max:
        for (uint32_t k = 1; k < n.arg_count; ++k) {
          r = b_.CreateSelect(b_.CreateFCmpOGT(arg(n, k).num, r), arg(n, k).num, r);
        }
        break;
      case Op::Abs: r = intrinsic(llvm::Intrinsic::fabs, {r}); break;
      case Op::Clamp:
        r = b_.CreateSelect(b_.CreateFCmpOGT(arg(n, 1).num, r), arg(n, 1).num, r);
        r = b_.CreateSelect(b_.CreateFCmpOLT(arg(n, 2).num, r), arg(n, 2).num, r);
        break;
      case Op::Exp: r = intrinsic(llvm::Intrinsic::exp, {r}); break;
      default: r = intrinsic(llvm::Intrinsic::round, {r}); break;
    }
    return {all_present(n), r};
  }

  Val string_function(const ir::Node& n) {
    const char* callee = n.op == Op::StartsWith ? helper::kStrStartsWith
                         : n.op == Op::EndsWith ? helper::kStrEndsWith
                                                : helper::kStrContains;
    const Val& s = arg(n, 0);
    const Val& part = arg(n, 1);
    llvm::Value* r = call(callee, i8(), {s.str, s.len, part.str, part.len});
    return {all_present(n), nullptr, b_.CreateICmpNE(r, b_.getInt8(0))};
  }

  const ir::Program& p_;
  llvm::LLVMContext& ctx_;
  std::unique_ptr<llvm::Module> m_;
  // Simplifies as it builds (`and true, x` is x): presence of required
  // fields is constant, and this keeps the IR, and compile time, small.
  llvm::IRBuilder<llvm::InstSimplifyFolder> b_;
  llvm::Value *frame_ = nullptr, *numbers_ = nullptr, *codes_ = nullptr, *present_ = nullptr, *strings_ = nullptr;
  llvm::Value *events_ = nullptr, *derived_in_ = nullptr;
  llvm::Value *human_ = nullptr, *final_ = nullptr;
  std::vector<Val> vals_;
  std::vector<Val> derived_;
  std::vector<Val> fields_;  // per function
};

}  // namespace

std::unique_ptr<llvm::Module> generate_module(const ir::Program& program, llvm::LLVMContext& ctx) {
  return Codegen(program, ctx).run();
}

}  // namespace verdict::jit
