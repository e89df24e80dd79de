#include "compiler/util/csv_table.h"

#include <algorithm>
#include <string_view>

#include "compiler/util/bounded_file.h"

namespace verdict::model {
bool split_csv_line(const std::string& line, std::vector<std::string>& cells) {
  cells.assign(1, std::string());
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  return !quoted;
}

int CsvTable::column(const std::string& name) const {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

bool read_csv_table(const std::string& path, CsvTable& out, std::string& error) {
  std::string text;
  if (FileRead read = read_bounded_file(path, kDataFileLimit, text); !read) {
    error = read.message;
    return false;
  }
  out = CsvTable();
  out.path = path;
  std::string_view rest(text);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // a byte order mark is not part of the header
  size_t number = 0;
  while (!rest.empty()) {
    size_t end = std::min(rest.find('\n'), rest.size());
    std::string line(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
    ++number;
    if (line.empty() || line == "\r") continue;
    std::vector<std::string> cells;
    if (!split_csv_line(line, cells)) {
      error = path + ":" + std::to_string(number) + ": a quoted cell is not closed";
      return false;
    }
    if (out.header.empty()) {
      out.header = std::move(cells);
      continue;
    }
    if (cells.size() != out.header.size()) {
      error = path + ":" + std::to_string(number) + ": " + std::to_string(cells.size()) +
              " cells where the header has " + std::to_string(out.header.size());
      return false;
    }
    out.rows.push_back(std::move(cells));
    out.lines.push_back(number);
  }
  if (out.header.empty()) {
    error = "data file `" + path + "` is empty";
    return false;
  }
  return true;
}

}  // namespace verdict::model
