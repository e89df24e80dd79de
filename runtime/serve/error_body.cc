#include "runtime/serve/error_body.h"

#include "compiler/source/diagnostic_json.h"
#include "runtime/wire/value_json.h"

namespace verdict::serve {

using nlohmann::ordered_json;

ordered_json error_json(std::string_view code, std::string_view message, const ordered_json& extra) {
  ordered_json error = {{"code", code}, {"message", message}};
  if (extra.is_object()) error.update(extra);
  return {{"error", std::move(error)}};
}

std::string error_body(std::string_view code, std::string_view message, const ordered_json& extra) {
  return json_text(error_json(code, message, extra));
}

Refusal refusal_for(const std::vector<Diagnostic>& errors) {
  const DiagnosticCode* first = errors.empty() ? nullptr : find_diagnostic_code(errors.front().code);
  switch (first ? first->fault : Fault::Input) {
    case Fault::Input: return {Fault::Input, 422, "request_rejected"};
    case Fault::Environment: return {Fault::Environment, 503, "not_logged"};
    case Fault::Internal: return {Fault::Internal, 500, "internal"};
  }
  return {Fault::Internal, 500, "internal"};
}

ordered_json request_errors_json(const std::vector<Diagnostic>& errors) {
  ordered_json out = ordered_json::array();
  for (const Diagnostic& d : errors) out.push_back({{"code", d.code}, {"message", d.message}});
  return out;
}

ordered_json report_json(const LoadReport& report) {
  ordered_json out = ordered_json::array();
  for (const LoadReport::File& f : report.files) {
    for (auto& entry : diagnostics_json(f.diagnostics, f.source.get(), f.path)) out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace verdict::serve
