#pragma once
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "compiler/source/span.h"
#include "runtime/config/toml_value.h"

namespace verdict {

// One problem found in a TOML file.
struct ConfigProblem {
  std::string code;  // empty for a reader without codes (`verdict train`)
  std::string message;
  Span span;
  LineCol position;  // where `span` begins, as the TOML parser counts
};

// The codes a reader gives the problems that table_reader.h finds for it,
// and what it points at when a key is unknown.
struct ConfigCodes {
  std::string unknown_key = {};
  std::string wrong_type = {};
  std::string out_of_range = {};    // a number outside its bounds
  std::string not_one_of = {};      // a string that is none of the accepted names
  bool unknown_key_at_key = false;  // the key itself rather than its value
};

// The problems found reading one TOML file, in the order found. Each reader
// turns them into its own output (diagnostics, or "file:line:col: ..." lines).
class ConfigReport {
 public:
  explicit ConfigReport(ConfigCodes codes) : codes_(std::move(codes)) {}

  const ConfigCodes& codes() const { return codes_; }
  const std::vector<ConfigProblem>& problems() const { return problems_; }
  bool empty() const { return problems_.empty(); }

  void error(std::string code, const TomlValue& at, std::string message);
  void error(std::string code, Span span, LineCol position, std::string message);

  // Each problem as an error of `diags`, located at its span.
  void report_to(Diagnostics& diags) const;

 private:
  ConfigCodes codes_;
  std::vector<ConfigProblem> problems_;
};

}  // namespace verdict
