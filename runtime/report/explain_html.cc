#include <cstdio>

#include "compiler/util/shortest_number.h"
#include "runtime/report/explain_html_parts.h"
#include "runtime/report/html_escape.h"
#include "runtime/report/html_page.h"
#include "runtime/report/html_table.h"
#include "runtime/report/score_waterfall.h"
#include "runtime/report/svg_waterfall.h"

namespace verdict {
namespace explain_html {

using nlohmann::ordered_json;

std::string value_html(const ordered_json& v) {
  if (v.is_null()) return "<span class=\"muted\">missing</span>";
  if (v.is_string()) return html_escape(v.get<std::string>());
  if (v.is_number()) return html_escape(shortest_number(v.get<double>()));
  return html_escape(v.dump());
}

std::string fixed(double value, int decimals, bool sign) {
  char buf[48];
  std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, value);
  return buf;
}

std::string pill(std::string_view text, std::string_view css_class) {
  return "<span class=\"pill " + html_escape(css_class) + "\">" + html_escape(text) + "</span>";
}

std::string code_html(std::string_view text) { return "<code>" + html_escape(text) + "</code>"; }

std::string string_at(const ordered_json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace explain_html

namespace {

using nlohmann::ordered_json;
using namespace explain_html;

std::string outcome_class(const std::string& outcome) {
  if (outcome == "approve" || outcome == "accept") return "good";
  if (outcome == "decline" || outcome == "reject") return "bad";
  return "warn";
}

std::string decided_by_html(const ordered_json& by) {
  std::string at = " at " + code_html(string_at(by, "at"));
  if (string_at(by, "kind") == "knockout") return "knock-out rule " + code_html(string_at(by, "rule")) + at;
  int branch = by.contains("branch") && by["branch"].is_number_integer() ? by["branch"].get<int>() : -1;
  return "<code>decide</code> branch " + std::to_string(branch + 1) + at;
}

std::string list_html(const ordered_json& list) {
  std::string out;
  for (const ordered_json& item : list) out += (out.empty() ? "" : ", ") + value_html(item);
  return out.empty() ? "<span class=\"muted\">none</span>" : out;
}

std::string outcome_body(const ExplainReport& r) {
  const ordered_json& d = r.decision;
  std::string outcome = d["outcome"].get<std::string>();
  std::vector<std::pair<std::string, std::string>> facts = {
      {"Outcome", "<span class=\"outcome pill " + outcome_class(outcome) + "\">" + html_escape(outcome) + "</span>"},
      {"Decided by", decided_by_html(d["decided_by"])},
      {"Final score", fixed(d["score"].value("final", 0.0), 4)}};
  if (d.contains("request")) facts.emplace_back("Request", value_html(d["request"]));
  if (d.contains("ruleset") && d["ruleset"].is_object()) {
    const ordered_json& rs = d["ruleset"];
    facts.emplace_back("Ruleset", code_html(string_at(rs, "name")) + " version " + code_html(string_at(rs, "version")));
  }
  facts.emplace_back("Segment", value_html(d["segment"]));
  facts.emplace_back("Tags", list_html(d["tags"]));
  std::string outputs;
  for (const auto& [name, value] : d["outputs"].items()) {
    outputs += (outputs.empty() ? "" : ", ") + code_html(name) + " = " + value_html(value);
  }
  facts.emplace_back("Outputs", outputs.empty() ? "<span class=\"muted\">none</span>" : outputs);
  return html_facts(facts);
}

std::string score_body(const ExplainReport& r) {
  const ordered_json& s = r.decision["score"];
  std::string out = svg_waterfall(score_waterfall(r.decision));
  out +=
      "\n<p class=\"muted\">Read from the top: grey bars are starting amounts (the rules' base points, the "
      "model's SHAP base value), green bars raise the score, red bars lower it, and the blue bar is the final "
      "score they add up to. Each bar is the item's effect on the final score: its weight times its share of "
      "the human or the model score.</p>\n";
  if (s.contains("formula")) out += "<pre>" + html_escape(string_at(s, "formula")) + "</pre>";
  return out;
}

std::string versions_body(const ExplainReport& r) {
  HtmlTable table("versions", {"Version", "File", "SHA-256", "Version store"});
  for (const VersionEntry& v : r.versions.entries) {
    std::string css = v.state == StoreState::Verified ? "good" : v.state == StoreState::Failed ? "bad" : "";
    std::string state = r.store_dir.empty() ? "no store given (--store)" : store_state_text(v);
    table.row({text_cell(v.what), HtmlCell{code_html(v.file)}, HtmlCell{code_html(v.sha256), "mono"},
               HtmlCell{css.empty() ? html_escape(state) : pill(state, css)}});
  }
  std::string out = html_facts({{"Engine", code_html(r.versions.engine)}});
  if (table.empty()) return out + "<p>The decision names no versions.</p>";
  return out + table.html();
}

std::string chain_body(const ExplainReport& r) {
  std::string status = chain_status_text(r.record, r.keyed);
  return html_facts({{"This record", r.record.verified() ? pill("verified", "good") : pill("NOT VERIFIED", "bad")},
                     {"Details", html_escape(status)},
                     {"Whole log", html_escape(log_status_text(r.record, r.keyed))},
                     {"Chain", r.keyed ? "HMAC-SHA256 (keyed)" : "SHA-256 (unkeyed)"},
                     {"Record", code_html(r.record.file + ":" + std::to_string(r.record.line))},
                     {"Logged", html_escape(r.record.time) + " <span class=\"muted\">(the writer's clock)</span>"}}) +
         "\n<p class=\"muted\">A verified record is one the chain seals: every link from the start of the log "
         "up to it verifies, and so does the link after it, so its bytes are the ones its writer logged "
         "(docs/audit.md says against whom this holds).</p>";
}

void add_banners(HtmlPage& page, const ExplainReport& r) {
  if (!r.record.verified()) {
    page.banner(BannerKind::Alarm, "NOT VERIFIED: " + chain_status_text(r.record, r.keyed));
  } else if (!r.record.log.ok) {
    page.banner(BannerKind::Warning,
                "This record is verified, but the log breaks after it: " + log_status_text(r.record, r.keyed));
  } else {
    page.banner(BannerKind::Ok, "Chain verified up to this record: " + log_status_text(r.record, r.keyed));
  }
  for (const VersionEntry& v : r.versions.entries) {
    if (v.state == StoreState::Failed)
      page.banner(BannerKind::Alarm, "The " + v.what + " in the store is unusable: " + v.detail);
  }
}

}  // namespace

std::string explain_report_html(const ExplainReport& r) {
  HtmlPage page("Decision explanation: record " + std::to_string(r.record.seq));
  page.subtitle(r.record.file + ":" + std::to_string(r.record.line) + " \u00b7 logged " + r.record.time);
  add_banners(page, r);
  page.section("outcome", "Outcome", outcome_body(r));
  page.section("score", "How the score was reached", score_body(r));
  page.section("reasons", "Reasons", reasons_body(r.decision));
  page.section("knockouts", "Knock-outs", knockouts_body(r.decision));
  page.section("rules", "Rules", rules_body(r));
  page.section("model", "Model", model_body(r.decision));
  page.section("versions", "Versions", versions_body(r));
  page.section("chain", "Decision log chain", chain_body(r));
  page.footer("Generated by verdict explain from the decision log; every value above is as logged.");
  return page.render();
}

}  // namespace verdict
