#include "compiler/jit/jit_backend.h"

namespace verdict {
namespace {

// The JitFrame for one call. String views are built only for programs that
// declare string fields.
struct FrameView {
  jit::JitFrame frame;
  std::vector<jit::JitString> strings;

  FrameView(const Frame& f, bool has_strings) {
    if (has_strings) {
      strings.reserve(f.strings.size());
      for (const std::string& s : f.strings) strings.push_back({s.data(), s.size()});
    }
    frame = {f.numbers.data(), f.codes.data(), f.present.data(), strings.data()};
  }
};

}  // namespace

JitBackend::JitBackend(const ir::Program& program, std::unique_ptr<jit::JitCode> code)
    : program_(program), code_(std::move(code)) {
  for (const ir::Field& f : program.fields) has_strings_ = has_strings_ || f.type.base == ir::BaseType::String;
}

std::unique_ptr<JitBackend> JitBackend::create(const ir::Program& program, jit::OptLevel level,
                                               std::string& error) {
  auto code = jit::JitCode::compile(program, level, error);
  if (!code) return nullptr;
  return std::unique_ptr<JitBackend>(new JitBackend(program, std::move(code)));
}

void JitBackend::evaluate_rules(const Frame& frame, Evaluation& out) const {
  FrameView view(frame, has_strings_);
  jit::JitRulesOut o{reinterpret_cast<uint8_t*>(out.rules.data()), out.derived.data(),
                     out.assigns.data(), out.output_defaults.data(),
                     reinterpret_cast<uint8_t*>(out.events.data())};
  code_->rules()(&view.frame, &o);
}

void JitBackend::evaluate_decide(const Frame& frame, double human, double final,
                                 Evaluation& out) const {
  FrameView view(frame, has_strings_);
  jit::JitDecideIo io{out.derived.data(), reinterpret_cast<uint8_t*>(out.decide.data()),
                      reinterpret_cast<uint8_t*>(out.events.data()), human, final};
  code_->decide()(&view.frame, &io);
  out.decide_branch = first_taken_branch(out.decide);
}

}  // namespace verdict
