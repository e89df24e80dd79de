#include "runtime/cases/case_check.h"

#include <algorithm>
#include <cmath>

namespace verdict {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

// `j[key]`, or null when `j` is not an object or lacks the key.
const ordered_json& member(const ordered_json& j, const char* key) {
  static const ordered_json null;
  if (!j.is_object()) return null;
  auto it = j.find(key);
  return it == j.end() ? null : *it;
}

std::string text_of(const ordered_json& j) { return j.is_string() ? j.get<std::string>() : ""; }

// The strings of a JSON array (other items, and a non-array, give none).
std::vector<std::string> strings_of(const ordered_json& array, const char* key = nullptr) {
  std::vector<std::string> out;
  if (!array.is_array()) return out;
  for (const ordered_json& item : array) {
    const ordered_json& text = key ? member(item, key) : item;
    if (text.is_string()) out.push_back(text.get<std::string>());
  }
  return out;
}

// Reads the expectations of one case against the decision's JSON.
class CaseChecker {
 public:
  CaseChecker(const ir::Program& program, CaseResult& result) : p_(program), r_(result) {}

  void fail(std::string message) {
    r_.passed = false;
    r_.failures.push_back(std::move(message));
  }

  void decision(const TestCase& c, const ordered_json& d) {
    if (c.error) fail("expected the request to be rejected with " + *c.error + ", but it was decided");
    std::string outcome = text_of(member(d, "outcome"));
    if (c.outcome && *c.outcome != outcome) fail("outcome: expected `" + *c.outcome + "`, got `" + outcome + "`");
    // The decision's own list: with a model, rule and model reasons merged.
    if (c.reasons) same_list("reasons", *c.reasons, strings_of(member(d, "reasons"), "code"), true);
    if (c.tags) same_list("tags", *c.tags, strings_of(member(d, "tags")), false);
    rules(c, member(member(d, "trace"), "rules"));
    score("human", c.human, member(member(d, "score"), "human"));
    score("final", c.final, member(member(d, "score"), "final"));
    if (c.probability) probability(*c.probability, d);
    if (c.segment) {
      std::string got = text_of(member(d, "segment"));
      if (got != *c.segment) fail("segment: expected `" + *c.segment + "`, got `" + got + "`");
    }
    if (c.outputs) outputs(*c.outputs, member(d, "outputs"));
  }

  void rejected(const TestCase& c, const std::vector<Diagnostic>& errors) {
    bool matched =
        c.error && std::any_of(errors.begin(), errors.end(), [&](const Diagnostic& e) { return e.code == *c.error; });
    if (matched) return;
    std::string what;
    for (const Diagnostic& e : errors) what += (what.empty() ? "" : "; ") + e.code + " " + e.message;
    fail("the request was rejected: " + what);
  }

 private:
  void same_list(const char* what, const std::vector<std::string>& want, std::vector<std::string> got, bool ordered) {
    std::vector<std::string> w = want;
    if (!ordered) {
      std::sort(w.begin(), w.end());
      std::sort(got.begin(), got.end());
    }
    if (w != got) fail(std::string(what) + ": expected " + join(want) + ", got " + join(got));
  }

  void check_rule_names(const char* what, const std::vector<std::string>& names) {
    for (const std::string& n : names) {
      bool known = std::any_of(p_.rules.begin(), p_.rules.end(), [&](const ir::Rule& r) { return r.name == n; });
      if (!known) fail(std::string(what) + ": there is no rule `" + n + "`");
    }
  }

  // The trace lists every rule with its status; fired rules are recorded
  // for coverage whether or not the case expects them.
  void rules(const TestCase& c, const ordered_json& trace) {
    std::vector<std::string> fired, unknown;
    for (const ordered_json& rule : trace.is_array() ? trace : ordered_json::array()) {
      std::string name = text_of(member(rule, "rule")), status = text_of(member(rule, "status"));
      if (status == "fired") fired.push_back(name);
      if (status == "unknown") unknown.push_back(name);
    }
    for (uint32_t i = 0; i < p_.rules.size(); ++i) {
      if (std::find(fired.begin(), fired.end(), p_.rules[i].name) != fired.end()) r_.fired_rules.push_back(i);
    }
    if (c.fired) {
      check_rule_names("fired", *c.fired);
      same_list("fired rules", *c.fired, fired, false);
    }
    if (c.unknown) {
      check_rule_names("unknown", *c.unknown);
      same_list("unknown rules", *c.unknown, unknown, false);
    }
  }

  void score(const char* what, std::optional<double> want, const ordered_json& got) {
    if (!want) return;
    double value = got.is_number() ? got.get<double>() : std::nan("");
    if (!(std::fabs(*want - value) <= 1e-9)) {
      fail(std::string(what) + ": expected " + std::to_string(*want) + ", got " + got.dump());
    }
  }

  // The probability is a float: to within 1e-6 is to the digits a case writes.
  void probability(double want, const ordered_json& d) {
    const ordered_json& model = member(d, "model");
    if (!model.is_object()) return fail("probability: expected " + std::to_string(want) + ", but no model scored");
    const ordered_json& got = member(model, "probability");
    double value = got.is_number() ? got.get<double>() : std::nan("");
    if (!(std::fabs(want - value) <= 1e-6)) {
      fail("probability: expected " + std::to_string(want) + ", got " + got.dump());
    }
  }

  void outputs(const json& want, const ordered_json& got) {
    if (!want.is_object()) return fail("`expect.outputs` must be a table");
    for (const auto& [name, value] : want.items()) {
      const ordered_json& output = member(got, name.c_str());
      if (!got.is_object() || !got.contains(name)) {
        fail("outputs: there is no output `" + name + "`");
        continue;
      }
      // Compared as JSON values: 1 (a TOML integer) equals 1.0.
      json decided = json::parse(output.dump());
      if (decided != value) fail("output `" + name + "`: expected " + value.dump() + ", got " + decided.dump());
    }
  }

  const ir::Program& p_;
  CaseResult& r_;
};

}  // namespace

CaseResult check_case(const ir::Program& program, const TestCase& test, const ordered_json* decision,
                      const std::vector<Diagnostic>& errors) {
  CaseResult result;
  result.name = test.name;
  CaseChecker checker(program, result);
  if (decision)
    checker.decision(test, *decision);
  else
    checker.rejected(test, errors);
  return result;
}

CaseResult run_case(const Engine& engine, const TestCase& test) {
  DecideSettings settings;
  settings.trace = TraceLevel::Full;
  settings.allow_nonfinite = true;
  DecideResult decided = engine.decide(test.input, settings);
  ordered_json decision = decided.decision();
  return check_case(decided.deployment->program(), test, decided.decided ? &decision : nullptr, decided.errors);
}

}  // namespace verdict
