#include "compiler/jit/jit_backend.h"

#include <array>

namespace verdict {
namespace {

// The JitFrame for one call. String views are built only for programs that
// declare string fields, on the stack for up to kInline fields (no
// allocation per decision), else on the heap.
struct FrameView {
  static constexpr size_t kInline = 32;
  jit::JitFrame frame;
  std::array<jit::JitString, kInline> inline_strings;
  std::vector<jit::JitString> strings;

  FrameView(const Frame& f, bool has_strings) {
    jit::JitString* views = nullptr;
    if (has_strings) {
      if (f.strings.size() > kInline) strings.resize(f.strings.size());
      views = f.strings.size() > kInline ? strings.data() : inline_strings.data();
      for (size_t i = 0; i < f.strings.size(); ++i) views[i] = {f.strings[i].data(), f.strings[i].size()};
    }
    frame = {f.numbers.data(), f.codes.data(), f.present.data(), views};
  }
  FrameView(const FrameView&) = delete;  // `frame` points into this object
  FrameView& operator=(const FrameView&) = delete;
};

}  // namespace

JitBackend::JitBackend(const ir::Program& program, std::unique_ptr<jit::JitCode> first)
    : program_(program), first_(std::move(first)), active_(first_.get()) {
  for (const ir::Field& f : program.fields) has_strings_ = has_strings_ || f.type.base == ir::BaseType::String;
}

JitBackend::~JitBackend() {
  if (optimizer_.joinable()) optimizer_.join();
}

std::unique_ptr<JitBackend> JitBackend::create(const ir::Program& program, const JitOptions& options,
                                               std::string& error) {
  jit::OptLevel first_level = options.tiered ? jit::OptLevel::O0 : options.level;
  auto first = jit::JitCode::compile(program, first_level, error, options.cache);
  if (!first) return nullptr;
  std::unique_ptr<JitBackend> backend(new JitBackend(program, std::move(first)));
  if (options.tiered) {
    JitBackend* self = backend.get();
    jit::CodeCache* cache = options.cache;
    // Nothing may escape the thread (that would end the process): a failed
    // or throwing O2 compile leaves the O0 code serving, as a failed one does.
    backend->optimizer_ = std::thread([self, cache] {
      std::string ignored;
      try {
        self->optimized_ = jit::JitCode::compile(self->program_, jit::OptLevel::O2, ignored, cache);
      } catch (...) {
        self->optimized_.reset();
      }
      if (self->optimized_)
        self->active_.store(self->optimized_.get(), std::memory_order_release);
      else
        self->optimize_failed_ = true;
    });
  }
  return backend;
}

bool JitBackend::wait_for_optimized() {
  if (optimizer_.joinable()) optimizer_.join();
  return !optimize_failed_;
}

// The generated code records the trace facts unconditionally (a few stores),
// so `record_trace` changes nothing here.
void JitBackend::evaluate_rules(const Frame& frame, Evaluation& out, bool) const {
  FrameView view(frame, has_strings_);
  jit::JitRulesOut o{reinterpret_cast<uint8_t*>(out.rules.data()), out.derived.data(), out.assigns.data(),
                     out.output_defaults.data(), reinterpret_cast<uint8_t*>(out.events.data())};
  active_.load(std::memory_order_acquire)->rules()(&view.frame, &o);
}

void JitBackend::evaluate_decide(const Frame& frame, double human, double final, Evaluation& out) const {
  FrameView view(frame, has_strings_);
  jit::JitDecideIo io{out.derived.data(), reinterpret_cast<uint8_t*>(out.decide.data()),
                      reinterpret_cast<uint8_t*>(out.events.data()), human, final};
  active_.load(std::memory_order_acquire)->decide()(&view.frame, &io);
  out.decide_branch = first_taken_branch(out.decide);
}

}  // namespace verdict
