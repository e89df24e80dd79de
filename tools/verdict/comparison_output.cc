#include "tools/verdict/comparison_output.h"

#include <fstream>
#include <iostream>

#include "compiler/source/diagnostic_text.h"
#include "runtime/report/comparison_html.h"

namespace verdict::cli {

bool write_comparison(const ChallengerComparison& comparison, const ComparisonOutput& output) {
  nlohmann::ordered_json report = comparison.report();
  if (output.format == "json") {
    std::cout << report.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    std::cout << comparison.text();
  }
  if (output.html.empty()) return true;
  std::ofstream out(output.html, std::ios::binary | std::ios::trunc);
  out << comparison_html(report, {output.source, output.champion, output.challenger});
  out.close();
  if (out) return true;
  std::cerr << render_all({Diagnostic::unlocated(code::E000, "cannot write the report `" + output.html + "`")}, nullptr,
                          output.html);
  return false;
}

}  // namespace verdict::cli
