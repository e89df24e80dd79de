#pragma once
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "compiler/source/span.h"
#include "runtime/config/toml_value.h"

namespace verdict {

// One problem found in a TOML file.
struct ConfigProblem {
  const DiagnosticCode* code;  // null for a reader without codes (`verdict train`)
  std::string message;
  Span span;
  LineCol position;  // where `span` begins, as the TOML parser counts
};

// The codes a reader gives the problems that table_reader.h finds for it
// (null for a reader without codes, `verdict train`), and what it points at
// when a key is unknown.
struct ConfigCodes {
  const DiagnosticCode* unknown_key = nullptr;
  const DiagnosticCode* wrong_type = nullptr;
  const DiagnosticCode* out_of_range = nullptr;  // a number outside its bounds
  const DiagnosticCode* not_one_of = nullptr;    // a string that is none of the accepted names
  bool unknown_key_at_key = false;               // the key itself rather than its value
};

// The problems found reading one TOML file, in the order found. Each reader
// turns them into its own output (diagnostics, or "file:line:col: ..." lines).
class ConfigReport {
 public:
  explicit ConfigReport(ConfigCodes codes) : codes_(std::move(codes)) {}

  const ConfigCodes& codes() const { return codes_; }
  const std::vector<ConfigProblem>& problems() const { return problems_; }
  bool empty() const { return problems_.empty(); }

  // A problem at `at`, or at `span` (which begins at `position`); `code` is
  // null only for a reader without codes.
  void error(const DiagnosticCode* code, const TomlValue& at, std::string message);
  void error(const DiagnosticCode* code, Span span, LineCol position, std::string message);
  void error(const DiagnosticCode& code, const TomlValue& at, std::string message) {
    error(&code, at, std::move(message));
  }
  void error(const DiagnosticCode& code, Span span, LineCol position, std::string message) {
    error(&code, span, position, std::move(message));
  }

  // Each problem as a diagnostic of `diags`, located at its span. Requires
  // that every problem has a code.
  void report_to(Diagnostics& diags) const;

 private:
  ConfigCodes codes_;
  std::vector<ConfigProblem> problems_;
};

}  // namespace verdict
