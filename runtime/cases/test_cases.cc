#include "runtime/cases/test_cases.h"

#include <filesystem>

#include "compiler/source/file_diagnostic.h"
#include "runtime/config/table_reader.h"
#include "runtime/config/toml_document.h"

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

std::string cases_path_for(const std::string& rules_path) {
  std::filesystem::path p(rules_path);
  return (p.parent_path() / (p.stem().string() + ".cases.toml")).string();
}

}  // namespace verdict
