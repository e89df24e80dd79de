#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace verdict::testing {

// A CSV file with a header row; cells may be double-quoted. Empty cells are
// kept as empty strings.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Csv read_csv(const std::string& path);

// The request a CSV row becomes: lowercase column names, numbers as numbers,
// "yes"/"no" as bools for the columns in `bool_columns`, empty cells left out
// (missing), and the columns in `skip` (labels) dropped.
nlohmann::json row_request(const Csv& csv, size_t row, const std::vector<std::string>& bool_columns,
                           const std::vector<std::string>& skip);

}  // namespace verdict::testing
