#pragma once
// The sections of the explanation page (explain_report_html), one builder
// each, shared by explain_html.cc (the page, outcome, score, versions,
// chain) and explain_html_trace.cc (reasons, knock-outs, rules, model).
// Each returns the section's body markup, every text from the log escaped.
#include <nlohmann/json.hpp>
#include <string>

#include "runtime/report/explain_report.h"

namespace verdict::explain_html {

std::string reasons_body(const nlohmann::ordered_json& decision);
std::string knockouts_body(const nlohmann::ordered_json& decision);
std::string rules_body(const ExplainReport& report);
std::string model_body(const nlohmann::ordered_json& decision);

// A value of the decision for reading: strings as they are, numbers in
// their shortest form, null as "missing"; escaped.
std::string value_html(const nlohmann::ordered_json& value);
// A number with `decimals` decimals ("%.*f"), "+" first when `sign`.
std::string fixed(double value, int decimals, bool sign = false);
// <span class="pill CLASS">text</span>, text escaped.
std::string pill(std::string_view text, std::string_view css_class);
// <code>text</code>, text escaped.
std::string code_html(std::string_view text);
// The string at `key` of `object`, or "" when absent or not a string.
std::string string_at(const nlohmann::ordered_json& object, const char* key);

}  // namespace verdict::explain_html
