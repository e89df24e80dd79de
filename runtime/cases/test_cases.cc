#include "runtime/cases/test_cases.h"

#include <cmath>
#include <filesystem>

#include "compiler/source/file_diagnostic.h"
#include "runtime/config/table_reader.h"
#include "runtime/config/toml_document.h"
#include "runtime/core/decide.h"
#include "runtime/core/model_effects.h"
#include "runtime/deploy/ruleset.h"
#include "runtime/wire/request.h"
#include "runtime/wire/value_json.h"

namespace verdict {
namespace {

using nlohmann::json;

json to_json(const TomlValue& value) {
  if (std::optional<TomlTable> table = value.table()) {
    json out = json::object();
    for (const TomlEntry& entry : table->entries()) out[entry.key] = to_json(entry.value);
    return out;
  }
  if (std::optional<TomlArray> array = value.array()) {
    json out = json::array();
    for (const TomlValue& item : array->items()) out.push_back(to_json(item));
    return out;
  }
  switch (value.type()) {
    case TomlValue::Type::String: return *value.string();
    case TomlValue::Type::Integer: return *value.integer();
    case TomlValue::Type::Float: return *value.number();
    case TomlValue::Type::Boolean: return *value.boolean();
    default: return value.type_name();  // dates and times: their type's name
  }
}

// Unlike the config readers' string arrays, every wrong item is reported
// and the strings among them kept.
std::optional<std::vector<std::string>> string_list(const TomlTable& expect, std::string_view key,
                                                    std::vector<std::string>& problems) {
  std::optional<TomlValue> value = expect.get(key);
  if (!value) return std::nullopt;
  std::optional<TomlArray> array = value->array();
  if (!array) {
    problems.push_back("`expect." + std::string(key) + "` must be an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const TomlValue& item : array->items()) {
    if (std::optional<std::string> text = item.string())
      out.push_back(std::move(*text));
    else
      problems.push_back("`expect." + std::string(key) + "` must hold only strings");
  }
  return out;
}

const std::vector<std::string> kExpectKeys = {"outcome", "reasons",     "tags",    "fired",   "unknown", "human",
                                              "final",   "probability", "segment", "outputs", "error"};

std::optional<std::string> string_at(const TomlTable& t, std::string_view key) {
  std::optional<TomlValue> value = t.get(key);
  return value ? value->string() : std::nullopt;
}

std::optional<double> number_at(const TomlTable& t, std::string_view key) {
  std::optional<TomlValue> value = t.get(key);
  return value ? value->number() : std::nullopt;
}

void read_expect(const TomlTable& e, TestCase& c, std::vector<std::string>& problems) {
  for (const TomlEntry& entry : unknown_keys(e, kExpectKeys))
    problems.push_back("unknown key `expect." + entry.key + "` in case `" + c.name + "`");
  c.outcome = string_at(e, "outcome");
  c.segment = string_at(e, "segment");
  c.error = string_at(e, "error");
  c.human = number_at(e, "human");
  c.final = number_at(e, "final");
  c.probability = number_at(e, "probability");
  c.reasons = string_list(e, "reasons", problems);
  c.tags = string_list(e, "tags", problems);
  c.fired = string_list(e, "fired", problems);
  c.unknown = string_list(e, "unknown", problems);
  if (std::optional<TomlValue> outputs = e.get("outputs")) c.outputs = to_json(*outputs);
}

TestCase read_case(const TomlTable& t, std::vector<std::string>& problems) {
  TestCase c;
  c.line = t.position().line;
  c.name = string_at(t, "name").value_or("case at line " + std::to_string(c.line));
  if (std::optional<TomlValue> input = t.get("input"))
    c.input = to_json(*input);
  else
    problems.push_back("case `" + c.name + "` has no `input` table");
  std::optional<TomlValue> expect = t.get("expect");
  std::optional<TomlTable> e = expect ? expect->table() : std::nullopt;
  if (!e) {
    problems.push_back("case `" + c.name + "` has no `expect` table");
    return c;
  }
  read_expect(*e, c, problems);
  if (!c.outcome && !c.error) problems.push_back("case `" + c.name + "` expects neither an `outcome` nor an `error`");
  return c;
}

class CaseChecker {
 public:
  CaseChecker(const CompiledRuleset& rs, CaseResult& result) : rs_(rs), p_(rs.program()), r_(result) {}

  void fail(std::string message) {
    r_.passed = false;
    r_.failures.push_back(std::move(message));
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out + "]";
  }

  void same_list(const char* what, const std::vector<std::string>& want, std::vector<std::string> got, bool ordered) {
    std::vector<std::string> w = want;
    if (!ordered) {
      std::sort(w.begin(), w.end());
      std::sort(got.begin(), got.end());
    }
    if (w != got) fail(std::string(what) + ": expected " + join(want) + ", got " + join(got));
  }

  std::vector<std::string> rules_with(const Decision& d, RuleStatus status) const {
    std::vector<std::string> out;
    for (uint32_t i = 0; i < p_.rules.size(); ++i) {
      if (d.evaluation.rules[i] == status) out.push_back(p_.rules[i].name);
    }
    return out;
  }

  void check_rule_names(const char* what, const std::vector<std::string>& names) {
    for (const std::string& n : names) {
      bool known = std::any_of(p_.rules.begin(), p_.rules.end(), [&](const ir::Rule& r) { return r.name == n; });
      if (!known) fail(std::string(what) + ": there is no rule `" + n + "`");
    }
  }

  void score(const char* what, std::optional<double> want, double got) {
    if (want && !(std::fabs(*want - got) <= 1e-9)) {
      fail(std::string(what) + ": expected " + std::to_string(*want) + ", got " + std::to_string(got));
    }
  }

  void outputs(const json& want, const Decision& d) {
    if (!want.is_object()) return fail("`expect.outputs` must be a table");
    for (const auto& [name, value] : want.items()) {
      auto it = std::find_if(p_.outputs.begin(), p_.outputs.end(), [&](const ir::Output& o) { return o.name == name; });
      if (it == p_.outputs.end()) {
        fail("outputs: there is no output `" + name + "`");
        continue;
      }
      const DecidedOutput& got = d.outputs[it - p_.outputs.begin()];
      json got_json = value_json(p_, it->type, got.value);
      if (got_json != value) fail("output `" + name + "`: expected " + value.dump() + ", got " + got_json.dump());
    }
  }

  void decision(const TestCase& c, const Decision& d) {
    if (c.error) fail("expected the request to be rejected with " + *c.error + ", but it was decided");
    if (c.outcome && *c.outcome != p_.outcomes[d.outcome]) {
      fail("outcome: expected `" + *c.outcome + "`, got `" + p_.outcomes[d.outcome] + "`");
    }
    if (c.reasons) {
      std::vector<std::string> codes;
      // The decision's own list: with a model, rule and model reasons merged.
      for (const ExplainedReason& r : explained_reasons(p_, d)) codes.push_back(std::string(r.code));
      same_list("reasons", *c.reasons, codes, true);
    }
    if (c.tags) same_list("tags", *c.tags, {d.tags.begin(), d.tags.end()}, false);
    if (c.fired) {
      check_rule_names("fired", *c.fired);
      same_list("fired rules", *c.fired, rules_with(d, RuleStatus::Fired), false);
    }
    if (c.unknown) {
      check_rule_names("unknown", *c.unknown);
      same_list("unknown rules", *c.unknown, rules_with(d, RuleStatus::Unknown), false);
    }
    score("human", c.human, d.human);
    score("final", c.final, d.final);
    if (c.probability && !d.model.scored)
      fail("probability: expected " + std::to_string(*c.probability) + ", but no model scored");
    // The probability is a float: to within 1e-6 is to the digits a case writes.
    if (c.probability && d.model.scored && !(std::fabs(*c.probability - d.model.probability) <= 1e-6)) {
      fail("probability: expected " + std::to_string(*c.probability) + ", got " + std::to_string(d.model.probability));
    }
    if (c.segment) {
      std::string got = d.segment >= 0 ? p_.derived[d.segment].name : "";
      if (got != *c.segment) fail("segment: expected `" + *c.segment + "`, got `" + got + "`");
    }
    if (c.outputs) outputs(*c.outputs, d);
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
  const CompiledRuleset& rs_;
  const ir::Program& p_;
  CaseResult& r_;
};

}  // namespace

std::optional<CasesFile> load_cases(const std::string& path, std::vector<Diagnostic>& errors, uint32_t& error_line) {
  auto problem = [&](std::string message, uint32_t line) {
    errors.push_back(Diagnostic::unlocated(code::T001, std::move(message)));
    error_line = line;
  };
  std::string text;
  if (FileRead read = read_bounded_file(path, kCasesFileLimit, text); !read) {
    errors.push_back(file_read_diagnostic(read, code::T001));
    error_line = 0;
    return std::nullopt;
  }
  SourceFile source(path, std::move(text));
  TomlSyntaxError syntax;
  std::optional<TomlDocument> document = TomlDocument::parse(source, syntax);
  if (!document) {
    problem(syntax.message, syntax.position.line);
    return std::nullopt;
  }
  TomlTable root = document->root();
  CasesFile file;
  file.path = path;
  std::filesystem::path base = std::filesystem::path(path).parent_path();
  std::string ruleset = string_at(root, "ruleset").value_or("");
  if (ruleset.empty()) {
    std::string name = std::filesystem::path(path).filename().string();
    ruleset = name.substr(0, name.find('.')) + ".rules";
  }
  file.ruleset_path = (base / ruleset).lexically_normal().string();
  if (auto config = string_at(root, "config")) file.config_path = (base / *config).lexically_normal().string();
  std::optional<TomlValue> cases = root.get("case");
  std::optional<TomlArray> list = cases ? cases->array() : std::nullopt;
  if (!list || list->empty()) {
    problem("no `[[case]]` entries", 1);
    return std::nullopt;
  }
  std::vector<std::string> problems;
  for (const TomlValue& item : list->items()) {
    std::optional<TomlTable> t = item.table();
    if (!t) continue;
    size_t before = problems.size();
    file.cases.push_back(read_case(*t, problems));
    for (size_t i = before; i < problems.size(); ++i) problem(problems[i], file.cases.back().line);
  }
  if (!problems.empty()) return std::nullopt;
  return file;
}

CaseResult run_case(const CompiledRuleset& ruleset, const TestCase& test, const Scoring* scoring) {
  CaseResult result;
  result.name = test.name;
  CaseChecker checker(ruleset, result);
  std::vector<Diagnostic> errors;
  RequestOptions options;
  options.allow_nonfinite = true;
  auto frame = frame_from_json(ruleset.program(), test.input, errors, options);
  if (!frame) {
    checker.rejected(test, errors);
    return result;
  }
  Decision d = verdict::decide(ruleset.program(), ruleset.backend(), *frame, true, scoring);
  checker.decision(test, d);
  for (uint32_t i = 0; i < d.evaluation.rules.size(); ++i) {
    if (d.evaluation.rules[i] == RuleStatus::Fired) result.fired_rules.push_back(i);
  }
  result.decision = std::move(d);
  result.frame = std::move(frame);
  return result;
}

std::string cases_path_for(const std::string& rules_path) {
  std::filesystem::path p(rules_path);
  return (p.parent_path() / (p.stem().string() + ".cases.toml")).string();
}

}  // namespace verdict
