#pragma once
#include <span>
#include <string_view>

namespace verdict {

enum class Severity { Error, Warning };

// "error" or "warning", as diagnostics are rendered.
const char* severity_name(Severity severity);

// Who has to act on a diagnostic; the HTTP status of a refused request
// follows from it (runtime/serve/error_body.h).
enum class Fault {
  Input,        // the rules, config, request or call is wrong
  Environment,  // a file, the disk, the decision log or memory failed
  Internal,     // a bug in Verdict
};

// One entry of the registry (compiler/source/diagnostic_codes.def): the
// stable code, the severity it is always reported with, its fault and the
// one-line title the docs' table of codes shows.
struct DiagnosticCode {
  std::string_view id;
  Severity severity;
  Fault fault;
  std::string_view title;
};

// code::E201 and so on: the registry's entries by name, for the factories
// of Diagnostic and Diagnostics (compiler/source/diagnostic.h).
namespace code {
#define VERDICT_DIAGNOSTIC(id, severity, fault, title) \
  inline constexpr DiagnosticCode id{#id, Severity::severity, Fault::fault, title};
#include "compiler/source/diagnostic_codes.def"
#undef VERDICT_DIAGNOSTIC
}  // namespace code

// Every registered code, in the order of the registry.
std::span<const DiagnosticCode> diagnostic_codes();
// The registered code `id` ("E201"), or null when there is none.
const DiagnosticCode* find_diagnostic_code(std::string_view id);

}  // namespace verdict
