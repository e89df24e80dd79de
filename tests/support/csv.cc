#include "tests/support/csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>

namespace verdict::testing {
namespace {

std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      cells.emplace_back();
    else if (c != '\r')
      cells.back() += c;
  }
  return cells;
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

Csv read_csv(const std::string& path) {
  Csv csv;
  std::ifstream in(path);
  std::string line;
  if (std::getline(in, line)) csv.header = split_line(line);
  while (std::getline(in, line)) {
    if (!line.empty()) csv.rows.push_back(split_line(line));
  }
  return csv;
}

nlohmann::json row_request(const Csv& csv, size_t row, const std::vector<std::string>& bool_columns,
                           const std::vector<std::string>& skip) {
  nlohmann::json request = nlohmann::json::object();
  for (size_t c = 0; c < csv.header.size(); ++c) {
    std::string name = csv.header[c];
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    const std::string& cell = csv.rows[row][c];
    if (contains(skip, name) || cell.empty()) continue;
    if (contains(bool_columns, name)) {
      request[name] = cell == "yes";
      continue;
    }
    double number = 0;
    auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
    if (ec == std::errc() && end == cell.data() + cell.size())
      request[name] = number;
    else
      request[name] = cell;
  }
  return request;
}

}  // namespace verdict::testing
