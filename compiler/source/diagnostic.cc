#include "compiler/source/diagnostic.h"

#include <algorithm>

namespace verdict {

Diagnostic Diagnostic::at(const DiagnosticCode& code, Span span, std::string message) {
  return {std::string(code.id), code.severity, std::move(message), span, {}, true};
}

Diagnostic Diagnostic::unlocated(const DiagnosticCode& code, std::string message) {
  return {std::string(code.id), code.severity, std::move(message), {}, {}, false};
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::Error) ++errors_;
  list_.push_back(std::move(diagnostic));
}

void Diagnostics::report(const DiagnosticCode& code, Span span, std::string message) {
  add(Diagnostic::at(code, span, std::move(message)));
}

void Diagnostics::report_unlocated(const DiagnosticCode& code, std::string message) {
  add(Diagnostic::unlocated(code, std::move(message)));
}

void Diagnostics::note(Span span, std::string message) {
  if (!list_.empty()) list_.back().notes.push_back({span, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = list_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.code < b.code;
  });
  return out;
}

}  // namespace verdict
