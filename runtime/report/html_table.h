#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verdict {

// A table cell: its markup (user data in it already escaped) and its class
// ("num" right-aligns figures; see report_stylesheet()).
struct HtmlCell {
  std::string html;
  std::string css_class = {};
};

// A report table: a header row of plain-text column names and body rows of
// cells. INVARIANT: every row has as many cells as there are columns (a
// short row is padded with empty cells, a long one is cut).
class HtmlTable {
 public:
  HtmlTable(std::string css_class, std::vector<std::string> columns);
  // Columns named in `numeric` are right-aligned, header included.
  void numeric(std::vector<size_t> columns) { numeric_ = std::move(columns); }
  // `row_class` "highlight" or "caution" tints the row (report_stylesheet()).
  void row(std::vector<HtmlCell> cells, std::string_view row_class = "");
  bool empty() const { return rows_.empty(); }
  std::string html() const;

 private:
  bool is_numeric(size_t column) const;
  std::string class_, header_;
  std::vector<std::string> columns_;
  std::vector<size_t> numeric_;
  std::vector<std::string> rows_;
};

// A cell of plain text (escaped here).
HtmlCell text_cell(std::string_view text, std::string css_class = {});

// A definition list of (plain-text term, markup) pairs: the "facts" block
// at the top of a section.
std::string html_facts(const std::vector<std::pair<std::string, std::string>>& facts);

}  // namespace verdict
