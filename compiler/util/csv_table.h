#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace verdict::model {

// A CSV file with a header row, as training reads it: cells may be
// double-quoted ("" inside quotes is a quote); quotes are removed; an empty
// cell is kept as an empty string. Each row remembers its line number.
struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> lines;  // 1-based line of each row in the file

  // Index of the column called `name`, or -1.
  int column(const std::string& name) const;
};

// Splits one CSV line into cells (quotes removed, `""` inside quotes is a
// quote, a trailing `\r` dropped). False when a quote is left open.
bool split_csv_line(const std::string& line, std::vector<std::string>& cells);

// False, with `error`, when the file cannot be read (or is refused: not a
// regular file, over kDataFileLimit), has no header, or a row has a
// different number of cells than the header (named by line). A UTF-8 byte
// order mark before the header is skipped.
bool read_csv_table(const std::string& path, CsvTable& out, std::string& error);

}  // namespace verdict::model
