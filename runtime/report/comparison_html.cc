#include "runtime/report/comparison_html.h"

#include <cstdio>

#include "runtime/report/html_escape.h"
#include "runtime/report/html_page.h"
#include "runtime/report/html_table.h"
#include "runtime/report/json_member.h"
#include "runtime/report/svg_waterfall.h"

namespace verdict {
namespace {

using Json = nlohmann::ordered_json;

std::string fixed(double x, const char* format = "%.4f") {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}

double number(const Json& j) { return j.is_number() ? j.get<double>() : 0.0; }
std::string count(const Json& j) { return j.is_number() ? std::to_string(j.get<uint64_t>()) : "0"; }
std::string text_of(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

std::string matrix_body(const Json& report) {
  const Json& outcomes = json_member(report, "outcomes");
  std::vector<std::string> columns{"champion \u2193 / challenger \u2192"};
  for (const Json& o : outcomes) columns.push_back(text_of(o));
  columns.push_back("champion rate");
  HtmlTable table("matrix", columns);
  std::vector<size_t> numeric;
  for (size_t i = 1; i < columns.size(); ++i) numeric.push_back(i);
  table.numeric(numeric);
  const Json& transitions = json_member(report, "transitions");
  const Json& rates = json_member(report, "rates");
  for (const Json& a : outcomes) {
    std::vector<HtmlCell> row{text_cell(text_of(a))};
    for (const Json& b : outcomes) {
      const Json& n = json_member(json_member(transitions, text_of(a).c_str()), text_of(b).c_str());
      bool moved = a != b && number(n) > 0;
      row.push_back({moved ? "<strong>" + count(n) + "</strong>" : count(n), "num"});
    }
    row.push_back(text_cell(
        fixed(100 * number(json_member(json_member(rates, "champion"), text_of(a).c_str())), "%.1f%%"), "num"));
    table.row(std::move(row));
  }
  std::vector<HtmlCell> last{text_cell("challenger rate")};
  for (const Json& b : outcomes) {
    last.push_back(text_cell(
        fixed(100 * number(json_member(json_member(rates, "challenger"), text_of(b).c_str())), "%.1f%%"), "num"));
  }
  table.row(std::move(last), "highlight");
  return table.html() + "<p class=\"muted\">Off the diagonal, in bold: decisions whose outcome changes.</p>";
}

std::string rates_chart(const Json& report) {
  WaterfallChart chart{"outcome rates, champion and challenger", "share of decisions", 3, {}};
  const Json& rates = json_member(report, "rates");
  for (const Json& o : json_member(report, "outcomes")) {
    for (const char* side : {"champion", "challenger"}) {
      double rate = number(json_member(json_member(rates, side), text_of(o).c_str()));
      chart.bars.push_back({text_of(o) + " \u2014 " + side, rate, BarKind::Total});
    }
  }
  return svg_waterfall(chart);
}

std::string segments_body(const Json& report) {
  HtmlTable table("segments", {"segment", "decisions", "changed", "share changed"});
  table.numeric({1, 2, 3});
  for (const Json& s : json_member(report, "by_segment")) {
    double n = number(json_member(s, "decisions")), changed = number(json_member(s, "changed"));
    table.row({text_cell(text_of(json_member(s, "segment"))), text_cell(count(json_member(s, "decisions")), "num"),
               text_cell(count(json_member(s, "changed")), "num"),
               text_cell(fixed(n ? 100 * changed / n : 0, "%.1f%%"), "num")},
              changed > 0 ? "caution" : "");
  }
  return table.html();
}

std::string rules_table(const Json& drivers) {
  HtmlTable rules("drivers", {"rule", "fired for the champion only", "fired for the challenger only"});
  rules.numeric({1, 2});
  for (const Json& r : json_member(drivers, "rules")) {
    rules.row({text_cell(text_of(json_member(r, "rule"))),
               text_cell(count(json_member(r, "fired_champion_only")), "num"),
               text_cell(count(json_member(r, "fired_challenger_only")), "num")});
  }
  return rules.empty() ? "<p class=\"muted\">No rule fires differently among the changed decisions.</p>" : rules.html();
}

std::string drivers_body(const Json& report) {
  const Json& drivers = json_member(report, "drivers");
  std::string out = "<h3>Rules</h3>" + rules_table(drivers);
  HtmlTable how("drivers", {"what changed", "decisions"});
  how.numeric({1});
  for (const Json& w : json_member(drivers, "weights")) {
    how.row({text_cell("blend weights (human/model) " + text_of(json_member(w, "weights"))),
             text_cell(count(json_member(w, "decisions")), "num")});
  }
  for (const Json& d : json_member(drivers, "decided_by")) {
    how.row({text_cell("decided by " + text_of(json_member(d, "decided_by"))),
             text_cell(count(json_member(d, "decisions")), "num")});
  }
  out += "<h3>Weights and what decided</h3>" + how.html();
  out += html_facts({{"mean |human score shift|", fixed(number(json_member(drivers, "mean_abs_human_shift")))},
                     {"mean |model score shift|", fixed(number(json_member(drivers, "mean_abs_model_shift")))}});
  HtmlTable features("drivers", {"feature", "mean |effect shift|", "decisions"});
  features.numeric({1, 2});
  for (const Json& f : json_member(drivers, "features")) {
    features.row({text_cell(text_of(json_member(f, "feature"))),
                  text_cell(fixed(number(json_member(f, "mean_abs_effect_shift"))), "num"),
                  text_cell(count(json_member(f, "decisions")), "num")});
  }
  if (!features.empty()) out += "<h3>Model features (where both sides computed SHAP)</h3>" + features.html();
  return out;
}

std::string shift_body(const Json& report) {
  const Json& shift = json_member(report, "final_shift");
  if (number(json_member(shift, "decisions")) == 0) return "<p class=\"muted\">No final scores to compare.</p>";
  std::vector<std::pair<std::string, std::string>> facts;
  for (const char* key : {"mean", "min", "p05", "p50", "p95", "max"})
    facts.emplace_back(key, fixed(number(json_member(shift, key))));
  WaterfallChart chart{"final score shift histogram", "decisions", 0, {}};
  for (const Json& bin : json_member(shift, "histogram")) {
    std::string label =
        fixed(number(json_member(bin, "from")), "%+.3f") + " to " + fixed(number(json_member(bin, "to")), "%+.3f");
    chart.bars.push_back({label, number(json_member(bin, "count")), BarKind::Total});
  }
  return html_facts(facts) + svg_waterfall(chart);
}

}  // namespace

std::string comparison_html(const Json& report, const ComparisonTitle& title) {
  HtmlPage page("Champion and challenger");
  page.subtitle(title.log + " \u00b7 champion: the logged decisions \u00b7 challenger: " + title.challenger);
  double compared = number(json_member(report, "compared")), changed = number(json_member(report, "changed"));
  page.banner(changed > 0 ? BannerKind::Warning : BannerKind::Ok,
              count(json_member(report, "changed")) + " of " + count(json_member(report, "compared")) +
                  " decisions change outcome (" + fixed(compared ? 100 * changed / compared : 0, "%.1f%%") + "); " +
                  count(json_member(report, "not_compared")) + " records could not be compared");
  page.section("transitions", "Outcome transitions", matrix_body(report) + rates_chart(report));
  page.section("segments", "Changed decisions by segment", segments_body(report));
  page.section("drivers", "What drives the changes", drivers_body(report));
  page.section("shift", "Final score shift (challenger \u2212 champion)", shift_body(report));
  page.footer("verdict replay --against; champion: " + title.champion);
  return page.render();
}

}  // namespace verdict
