#include "runtime/report/html_table.h"

#include <algorithm>

#include "runtime/report/html_escape.h"

namespace verdict {

HtmlTable::HtmlTable(std::string css_class, std::vector<std::string> columns)
    : class_(std::move(css_class)), columns_(std::move(columns)) {}

bool HtmlTable::is_numeric(size_t column) const {
  return std::find(numeric_.begin(), numeric_.end(), column) != numeric_.end();
}

void HtmlTable::row(std::vector<HtmlCell> cells, std::string_view row_class) {
  cells.resize(columns_.size());
  std::string out = row_class.empty() ? "<tr>" : "<tr class=\"" + html_escape(row_class) + "\">";
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string css = cells[i].css_class;
    if (is_numeric(i)) css += css.empty() ? "num" : " num";
    out += css.empty() ? "<td>" : "<td class=\"" + html_escape(css) + "\">";
    out += cells[i].html + "</td>";
  }
  rows_.push_back(out + "</tr>\n");
}

std::string HtmlTable::html() const {
  std::string out = "<table class=\"" + html_escape(class_) + "\">\n<thead><tr>";
  for (size_t i = 0; i < columns_.size(); ++i) {
    out += std::string(is_numeric(i) ? "<th class=\"num\">" : "<th>") + html_escape(columns_[i]) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const std::string& r : rows_) out += r;
  return out + "</tbody>\n</table>";
}

HtmlCell text_cell(std::string_view text, std::string css_class) {
  return HtmlCell{html_escape(text), std::move(css_class)};
}

std::string html_facts(const std::vector<std::pair<std::string, std::string>>& facts) {
  std::string out = "<dl class=\"facts\">\n";
  for (const auto& [term, html] : facts) out += "<dt>" + html_escape(term) + "</dt><dd>" + html + "</dd>\n";
  return out + "</dl>";
}

}  // namespace verdict
