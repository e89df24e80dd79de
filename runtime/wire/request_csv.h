#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"

namespace verdict {

// Requests written as CSV: a header row naming input fields, then one
// request per row. Each row becomes the JSON object frame_from_json reads,
// so CSV and JSON requests are checked by the same code:
//  - a column matches a field by name, exactly or ignoring case (`Income`);
//  - an empty cell is a missing value;
//  - number cells are parsed whole (`12`, `1.5e3`), bool cells are
//    true/false, yes/no or 1/0 (any case); anything else is passed on as a
//    string, so a cell like `abc` for a number is R003 naming the field.
class CsvRequests {
 public:
  // Maps the header to fields. Columns named in `ignore` (labels, ids;
  // matched ignoring case, like fields) are skipped; any other column that
  // is not a field is an error (R010) that names it: an unknown column is
  // never dropped silently. A name in `ignore` that is a field, or is not a
  // column of the header, is an error too (R013).
  static std::optional<CsvRequests> from_header(const ir::Program& program, const std::string& header_line,
                                                const std::vector<std::string>& ignore,
                                                std::vector<Diagnostic>& errors);

  // The request of one data line; false with `errors` (R008: the cell count
  // differs from the header; R009: an unclosed quote; R005: a number cell
  // out of a double's range, such as `1e-400`, naming the field).
  bool request(const std::string& line, nlohmann::json& out, std::vector<Diagnostic>& errors) const;

 private:
  const ir::Program* program_ = nullptr;
  std::vector<int32_t> field_of_column_;  // -1 for an ignored column
};

}  // namespace verdict
