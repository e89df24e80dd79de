#include "runtime/config/config_report.h"

#include <cassert>

namespace verdict {

void ConfigReport::error(const DiagnosticCode* code, const TomlValue& at, std::string message) {
  error(code, at.span(), at.position(), std::move(message));
}

void ConfigReport::error(const DiagnosticCode* code, Span span, LineCol position, std::string message) {
  problems_.push_back({code, std::move(message), span, position});
}

void ConfigReport::report_to(Diagnostics& diags) const {
  for (const ConfigProblem& p : problems_) {
    assert(p.code && "a reader that reports to diagnostics gives every problem a code");
    diags.report(*p.code, p.span, p.message);
  }
}

}  // namespace verdict
