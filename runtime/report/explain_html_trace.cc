// The sections of the explanation page read from the decision's reasons,
// trace and model (docs/decision.md says what each key holds).
#include <optional>

#include "runtime/report/explain_html_parts.h"
#include "runtime/report/html_escape.h"
#include "runtime/report/html_table.h"
#include "runtime/report/json_member.h"
#include "runtime/report/source_excerpt.h"

namespace verdict::explain_html {
namespace {

using nlohmann::ordered_json;

const ordered_json& array_at(const ordered_json& object, const char* key) {
  static const ordered_json empty = ordered_json::array();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

const ordered_json& trace_rules(const ordered_json& d) { return array_at(json_member(d, "trace"), "rules"); }

HtmlCell number_cell(const ordered_json& object, const char* key, int decimals, bool sign = false) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return HtmlCell{"", "num"};
  return HtmlCell{fixed(it->get<double>(), decimals, sign), "num"};
}

std::string status_pill(const std::string& status) {
  if (status == "fired") return pill("fired", "good");
  if (status == "unknown") return pill("unknown", "warn");
  return pill(status == "not_fired" ? "not fired" : status, "");
}

// What a rule's condition saw, with the missing inputs and events behind it.
std::string saw_html(const ordered_json& r) {
  std::string out;
  if (r.contains("saw") && r["saw"].is_object()) {
    for (const auto& [name, value] : r["saw"].items()) {
      out += (out.empty() ? "" : "<br>") + code_html(name) + " = " + value_html(value);
    }
  }
  for (const ordered_json& m : array_at(r, "missing"))
    out += "<br><span class=\"muted\">missing:</span> " + value_html(m);
  for (const ordered_json& e : array_at(r, "events")) {
    out += "<br>" + pill(string_at(e, "event"), "warn") + " in " + code_html(string_at(e, "expr"));
  }
  return out;
}

// Why the rules' source is not shown, or "" when it is.
std::string source_note(const ExplainReport& r) {
  if (r.store_dir.empty()) return "No version store was given (--store): the rules' source text is not shown.";
  if (r.versions.ruleset_text) return "";
  for (const VersionEntry& v : r.versions.entries) {
    if (v.what == "ruleset") {
      return "The version store does not hold the ruleset " + v.sha256 + " intact (" + store_state_text(v) +
             "): the rules' source text is not shown.";
    }
  }
  return "The decision names no ruleset version: the rules' source text is not shown.";
}

std::string source_html(const ExplainReport& r, const ordered_json& rule) {
  std::string at = string_at(rule, "at");
  std::string out = code_html(at);
  if (!r.versions.ruleset_text) return out;
  std::optional<SourceExcerpt> excerpt = declaration_excerpt(*r.versions.ruleset_text, line_of_location(at));
  if (!excerpt) return out + " <span class=\"muted\">(no such line in the ruleset)</span>";
  return out + "<pre>" + html_escape(excerpt->text) + "</pre>";
}

std::string decide_table(const ordered_json& d) {
  const ordered_json& branches = array_at(json_member(d, "trace"), "decide");
  if (branches.empty()) return "";
  HtmlTable table("decide", {"Branch", "Outcome", "Condition", "Taken", "At"});
  size_t n = 0;
  for (const ordered_json& b : branches) {
    bool taken = b.value("taken", false);
    table.row({text_cell(std::to_string(++n)), text_cell(string_at(b, "outcome")), text_cell(string_at(b, "condition")),
               HtmlCell{taken ? pill("taken", "good") : ""}, HtmlCell{code_html(string_at(b, "at"))}},
              taken ? "highlight" : "");
  }
  return "\n<h3>Decide branches</h3>\n" + table.html();
}

}  // namespace

std::string reasons_body(const ordered_json& d) {
  HtmlTable table("reasons", {"Code", "Reason", "From", "Effect on final"});
  table.numeric({3});
  for (const ordered_json& r : d["reasons"]) {
    std::string from = r.contains("feature") ? "model " + code_html(string_at(r, "model")) + ", feature " +
                                                   code_html(string_at(r, "feature"))
                                             : "rule " + code_html(string_at(r, "rule"));
    if (r.value("knockout", false)) from += " " + pill("knock-out", "bad");
    table.row({HtmlCell{code_html(string_at(r, "code"))}, text_cell(string_at(r, "text")), HtmlCell{from},
               number_cell(r, "effect", 4, true)});
  }
  if (table.empty()) return "<p>The decision gives no reasons.</p>";
  return table.html();
}

std::string knockouts_body(const ordered_json& d) {
  HtmlTable table("knockouts", {"Rule", "Outcome if fired", "Status", "Decided"});
  std::string decider = string_at(d["decided_by"], "kind") == "knockout" ? string_at(d["decided_by"], "rule") : "";
  for (const ordered_json& r : trace_rules(d)) {
    if (!r.contains("knockout")) continue;
    std::string name = string_at(r, "rule");
    table.row({HtmlCell{code_html(name)}, HtmlCell{value_html(r["knockout"])},
               HtmlCell{status_pill(string_at(r, "status"))},
               HtmlCell{name == decider && !name.empty() ? pill("decided the outcome", "bad") : ""}});
  }
  if (table.empty()) {
    return d.contains("trace") ? "<p>No knock-out rule in the trace.</p>"
                               : "<p>The decision was logged without a trace: knock-outs are not known.</p>";
  }
  return (decider.empty() ? "<p>No knock-out fired: the score decided.</p>\n" : "") + table.html();
}

std::string rules_body(const ExplainReport& r) {
  const ordered_json& rules = trace_rules(r.decision);
  if (rules.empty()) return "<p>The decision was logged without a trace of its rules.</p>";
  std::string note = source_note(r);
  HtmlTable table("rules", {"Rule", "Status", "Points", "Saw", "Source"});
  table.numeric({2});
  for (const ordered_json& rule : rules) {
    std::string status = string_at(rule, "status");
    table.row({HtmlCell{code_html(string_at(rule, "rule"))}, HtmlCell{status_pill(status)},
               number_cell(rule, "points", 0, true), HtmlCell{saw_html(rule)}, HtmlCell{source_html(r, rule)}},
              status == "fired"     ? "highlight"
              : status == "unknown" ? "caution"
                                    : "");
  }
  return (note.empty() ? "" : "<p class=\"muted\">" + html_escape(note) + "</p>\n") + table.html() +
         decide_table(r.decision);
}

std::string model_body(const ordered_json& d) {
  if (!d.contains("model") || !d["model"].is_object()) return "<p>The ruleset has no model.</p>";
  const ordered_json& m = d["model"];
  const ordered_json& shap = json_member(m, "shap");
  std::string shap_text = string_at(shap, "state");
  if (shap.is_object() && shap.contains("margin")) {
    shap_text +=
        " (margin " + value_html(shap["margin"]) + ", bias " + value_html(shap.value("bias", ordered_json())) + ")";
  }
  std::string facts = html_facts(
      {{"Model", code_html(string_at(m, "name")) + " predicts " + code_html(string_at(m, "predicts"))},
       {"Probability", value_html(m.value("probability", ordered_json()))},
       {"Score", value_html(m.value("score", ordered_json())) + " = " + html_escape(string_at(m, "score_is"))},
       {"Kernel", html_escape(string_at(m, "kernel"))},
       {"SHAP", html_escape(shap_text)}});
  HtmlTable table("features", {"Feature", "Value", "Fed to the model", "SHAP (log-odds)", "Effect on final"});
  table.numeric({2, 3, 4});
  for (const ordered_json& f : array_at(m, "features")) {
    table.row({HtmlCell{code_html(string_at(f, "feature"))}, HtmlCell{value_html(f.value("value", ordered_json()))},
               HtmlCell{value_html(f.value("fed", ordered_json()))}, number_cell(f, "contribution", 4, true),
               number_cell(f, "effect", 4, true)});
  }
  if (table.empty()) return facts + "\n<p>The decision was logged without the model's features.</p>";
  return facts + "\n" + table.html();
}

}  // namespace verdict::explain_html
