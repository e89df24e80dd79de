#include "compiler/source/diagnostic_codes.h"

#include <array>

namespace verdict {
namespace {

constexpr std::array kCodes = {
#define VERDICT_DIAGNOSTIC(id, severity, fault, title) code::id,
#include "compiler/source/diagnostic_codes.def"
#undef VERDICT_DIAGNOSTIC
};

}  // namespace

const char* severity_name(Severity severity) { return severity == Severity::Error ? "error" : "warning"; }

std::span<const DiagnosticCode> diagnostic_codes() { return kCodes; }

const DiagnosticCode* find_diagnostic_code(std::string_view id) {
  for (const DiagnosticCode& c : kCodes) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace verdict
