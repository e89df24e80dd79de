#include "runtime/config/config_report.h"

namespace verdict {

void ConfigReport::error(std::string code, const TomlValue& at, std::string message) {
  error(std::move(code), at.span(), at.position(), std::move(message));
}

void ConfigReport::error(std::string code, Span span, LineCol position, std::string message) {
  problems_.push_back({std::move(code), std::move(message), span, position});
}

void ConfigReport::report_to(Diagnostics& diags) const {
  for (const ConfigProblem& p : problems_) diags.error(p.code, p.span, p.message);
}

}  // namespace verdict
