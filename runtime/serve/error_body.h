#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "runtime/deploy/load_report.h"

namespace verdict::serve {

// Every error the server answers has this body (docs/serving.md):
// {"error": {"code": "<stable code>", "message": "<lowercase text>", ...}}
// with `extra`'s members added beside code and message.
nlohmann::ordered_json error_json(std::string_view code, std::string_view message,
                                  const nlohmann::ordered_json& extra = nullptr);
std::string error_body(std::string_view code, std::string_view message, const nlohmann::ordered_json& extra = nullptr);

// How a request refused with `errors` is answered, by the registry's fault
// of its first error: Input 422 `request_rejected`; Environment 503
// `not_logged` (the one such failure of a decision is its log, L001: decided
// but not logged, so not returned); Internal 500 `internal`.
struct Refusal {
  Fault fault;
  int status;
  std::string_view code;
};
Refusal refusal_for(const std::vector<Diagnostic>& errors);

// A refused request's diagnostics: [{"code": "R003", "message": "..."}].
nlohmann::ordered_json request_errors_json(const std::vector<Diagnostic>& errors);

// A load report as `verdict check --format json` prints diagnostics:
// [{file, line, column, end_line, end_column, severity, code, message, notes}].
nlohmann::ordered_json report_json(const LoadReport& report);

}  // namespace verdict::serve
