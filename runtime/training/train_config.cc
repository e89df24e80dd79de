#include "runtime/training/train_config.h"

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

#include "compiler/source/suggest.h"
#include "compiler/util/bounded_file.h"
#include "compiler/util/shortest_number.h"
#include "runtime/config/table_reader.h"
#include "runtime/config/toml_document.h"

namespace verdict::model {
namespace {

enum class ParamType { Int, Float, Choice };

// One key of [params]. Bounds are inclusive unless marked open.
struct ParamSpec {
  const char* name;
  ParamType type;
  double min, max;
  bool open_min, open_max;
  double fallback;
  std::vector<std::string> choices = {};
};

// Every parameter verdict passes to XGBoost, in the order it passes them.
// `rounds` is verdict's (the number of boosting rounds), not XGBoost's.
const std::vector<ParamSpec>& param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"objective", ParamType::Choice, 0, 0, false, false, 0, {"binary:logistic"}},
      {"rounds", ParamType::Int, 1, 100000, false, false, 100},
      {"max_depth", ParamType::Int, 1, 16, false, false, 6},
      {"eta", ParamType::Float, 0, 1, true, false, 0.3},
      {"seed", ParamType::Int, 0, 2147483647, false, false, 0},
      {"nthread", ParamType::Int, 1, 256, false, false, 1},
      {"tree_method", ParamType::Choice, 0, 0, false, false, 0, {"hist", "exact", "approx"}},
      {"max_bin", ParamType::Int, 2, 65535, false, false, 256},
      {"min_child_weight", ParamType::Float, 0, 1e30, false, false, 1},
      {"subsample", ParamType::Float, 0, 1, true, false, 1},
      {"colsample_bytree", ParamType::Float, 0, 1, true, false, 1},
      {"lambda", ParamType::Float, 0, 1e30, false, false, 1},
      {"alpha", ParamType::Float, 0, 1e30, false, false, 0},
      {"gamma", ParamType::Float, 0, 1e30, false, false, 0},
      {"max_delta_step", ParamType::Float, 0, 1e30, false, false, 0},
      {"scale_pos_weight", ParamType::Float, 0, 1e30, true, false, 1},
      {"base_score", ParamType::Float, 0, 1, true, true, 0.5},
  };
  return specs;
}

// Names other libraries use for our keys, for a better hint than a typo match.
const std::vector<std::pair<std::string, std::string>>& aliases() {
  static const std::vector<std::pair<std::string, std::string>> list = {
      {"n_estimators", "rounds"},  {"num_boost_round", "rounds"}, {"num_round", "rounds"},     {"learning_rate", "eta"},
      {"reg_lambda", "lambda"},    {"reg_alpha", "alpha"},        {"random_state", "seed"},    {"n_jobs", "nthread"},
      {"min_split_loss", "gamma"}, {"fraction", "validation"},    {"test_size", "validation"},
  };
  return list;
}

// `verdict train` reports problems without codes, at the key when it is unknown.
const ConfigCodes kCodes = {.unknown_key_at_key = true};

class Reader {
 public:
  Reader(const std::string& path, ConfigReport& report) : path_(path), report_(report) {}

  // "file:line:col" of a place in the file.
  std::string where(LineCol at) const { return path_ + ":" + std::to_string(at.line) + ":" + std::to_string(at.col); }

  void error(const TomlValue& at, std::string message) { report_.error(nullptr, at, std::move(message)); }

  TableReader table(const TomlTable& t) { return TableReader(t, "", report_); }

  // A non-empty string value; `required` reports its absence at the table.
  bool text(TableReader& t, const std::string& where, const char* key, std::string& out, bool required) {
    if (!t.get(key)) {
      if (required) error(t.table(), "missing key `" + std::string(key) + "` in " + where);
      return !required;
    }
    std::optional<std::string> value = t.string(key, "a non-empty string", TableReader::Empty::Refused);
    if (value) out = *value;
    return value.has_value();
  }

 private:
  const std::string& path_;
  ConfigReport& report_;
};

// Where `key` is in `t`, or the table when it is not there.
LineCol key_or_table(const TableReader& t, const char* key) {
  std::optional<TomlValue> value = t.get(key);
  return value ? value->position() : t.table().position();
}

bool read_values(Reader& r, TableReader& t, FeatureSpec& f) {
  std::optional<TomlValue> values = t.get("values");
  if (f.kind == FeatureKind::Number) {
    if (values) r.error(*values, "feature `" + f.name + "`: a number has no `values`");
    return !values;
  }
  if (!values) {
    if (f.kind == FeatureKind::Bool)
      f.values = {"no", "yes"};
    else
      r.error(t.table(), "feature `" + f.name + "`: an enum needs `values`, in code order");
    return f.kind == FeatureKind::Bool;
  }
  std::optional<std::vector<std::string>> list = t.strings("values", "an array of strings");
  if (!list) return false;
  f.values = std::move(*list);
  std::set<std::string> unique(f.values.begin(), f.values.end());
  bool ok =
      unique.size() == f.values.size() && !f.values.empty() && (f.kind != FeatureKind::Bool || f.values.size() == 2);
  if (!ok) {
    r.error(*values, "feature `" + f.name + "`: `values` must be " +
                         (f.kind == FeatureKind::Bool ? "two distinct strings, false then true" : "distinct strings"));
  }
  return ok;
}

bool read_feature(Reader& r, const TomlValue& node, FeatureSpec& f) {
  if (std::optional<std::string> column = node.string()) {
    f.name = f.column = *column;
    return true;
  }
  std::optional<TomlTable> table = node.table();
  if (!table) {
    r.error(node, "a feature is a column name or a table { name, column, type, values }");
    return false;
  }
  TableReader t = r.table(*table);
  if (!r.text(t, "a feature", "name", f.name, true)) return false;
  std::string where = "feature `" + f.name + "`";
  t.known_keys({"name", "column", "type", "values"}, where, aliases());
  f.column = f.name;
  std::string type = "number";
  if (!r.text(t, where, "column", f.column, false) || !r.text(t, where, "type", type, false)) return false;
  if (type == "bool")
    f.kind = FeatureKind::Bool;
  else if (type == "enum")
    f.kind = FeatureKind::Enum;
  else if (type != "number") {
    r.error(*t.get("type"), where + ": unknown type `" + type + "`; use `number`, `bool` or `enum`");
    return false;
  }
  return read_values(r, t, f);
}

void read_features(Reader& r, const TableReader& root, TrainConfig& out) {
  std::optional<TomlValue> node = root.get("features");
  std::optional<TomlArray> list = node ? node->array() : std::nullopt;
  if (!list || list->empty()) {
    r.error(node ? *node : static_cast<const TomlValue&>(root.table()), "`features` must be a non-empty array");
    return;
  }
  std::set<std::string> names;
  for (const TomlValue& item : list->items()) {
    FeatureSpec f;
    bool ok = read_feature(r, item, f);
    if (!f.name.empty() && !names.insert(f.name).second) r.error(item, "feature `" + f.name + "` is listed twice");
    if (!ok) continue;
    out.features.push_back(std::move(f));
    out.feature_at.push_back(r.where(item.position()));
  }
}

// The table under `key`, if it is one (anything else is taken as absent).
std::optional<TomlTable> table_at(const TableReader& t, const char* key) {
  std::optional<TomlValue> value = t.get(key);
  return value ? value->table() : std::nullopt;
}

void read_data(Reader& r, const TableReader& root, TrainConfig& out) {
  std::optional<TomlTable> table = table_at(root, "data");
  if (!table) {
    r.error(root.table(), "missing table `[data]` (file, label, positive)");
    return;
  }
  TableReader data = r.table(*table);
  data.known_keys({"file", "label", "positive", "negative"}, "[data]", aliases());
  r.text(data, "[data]", "file", out.data, true);
  r.text(data, "[data]", "label", out.label, true);
  out.data_at = r.where(key_or_table(data, "file"));
  out.label_at = r.where(key_or_table(data, "label"));
  r.text(data, "[data]", "positive", out.positive, true);
  if (std::optional<TomlValue> negative = data.get("negative")) {
    if (std::optional<std::string> one = negative->string())
      out.negative.push_back(*one);
    else if (auto list = data.strings("negative", "an array of strings"))
      out.negative = std::move(*list);
  }
}

// "an integer in [1, 16]", "a number in (0, 1]".
std::string range_text(const ParamSpec& spec) {
  bool integer = spec.type == ParamType::Int;
  auto bound = [&](double v) { return integer ? std::to_string(static_cast<int64_t>(v)) : shortest_number(v); };
  return std::string(integer ? "an integer" : "a number") + " in " + (spec.open_min ? "(" : "[") + bound(spec.min) +
         ", " + bound(spec.max) + (spec.open_max ? ")" : "]");
}

// One [params] value (`params` null: there is no [params] table), checked
// against its spec; writes both forms.
void read_param(TableReader* params, const ParamSpec& spec, TrainConfig& out) {
  bool given = params && params->get(spec.name);
  if (spec.type == ParamType::Choice) {
    auto choice = [&](std::string_view name) -> std::optional<std::string> {
      bool listed = std::find(spec.choices.begin(), spec.choices.end(), name) != spec.choices.end();
      return listed ? std::optional<std::string>(name) : std::nullopt;
    };
    std::optional<std::string> value = given ? params->one_of(spec.name, choice, quoted_list(spec.choices))
                                             : std::optional<std::string>(spec.choices.front());
    if (!value) return;
    out.params.emplace_back(spec.name, *value);
    out.params_json[spec.name] = *value;
    return;
  }
  if (spec.type == ParamType::Int) {
    IntegerRule rule = {static_cast<int64_t>(spec.min), static_cast<int64_t>(spec.max), range_text(spec)};
    std::optional<int64_t> n = given ? params->integer(spec.name, rule) : static_cast<int64_t>(spec.fallback);
    if (!n) return;
    out.params_json[spec.name] = *n;
    if (std::string(spec.name) == "rounds")
      out.rounds = static_cast<int>(*n);
    else
      out.params.emplace_back(spec.name, std::to_string(*n));
    return;
  }
  NumberRule rule = {spec.min, spec.max, spec.open_min, spec.open_max, range_text(spec)};
  std::optional<double> x = given ? params->number(spec.name, rule) : spec.fallback;
  if (!x) return;
  out.params_json[spec.name] = *x;
  out.params.emplace_back(spec.name, shortest_number(*x));
}

void read_params(Reader& r, const TableReader& root, TrainConfig& out) {
  std::optional<TomlTable> table = table_at(root, "params");
  std::optional<TableReader> params;
  if (table) {
    params.emplace(r.table(*table));
    std::vector<std::string> known;
    for (const ParamSpec& spec : param_specs()) known.push_back(spec.name);
    params->known_keys(known, "[params]", aliases());
  }
  out.params_json = nlohmann::ordered_json::object();
  for (const ParamSpec& spec : param_specs()) read_param(params ? &*params : nullptr, spec, out);
}

void read_split(Reader& r, const TableReader& root, TrainConfig& out) {
  std::optional<TomlTable> table = table_at(root, "split");
  if (!table) return;
  TableReader split = r.table(*table);
  split.known_keys({"validation", "seed"}, "[split]", aliases());
  if (auto v = split.number("validation", {.min = 0, .max = 0.9, .open_min = true, .must_be = "a number in (0, 0.9]"}))
    out.validation = *v;
  IntegerRule seed = {0, std::numeric_limits<int64_t>::max(), "a non-negative integer"};
  if (auto s = split.integer("seed", seed)) out.split_seed = static_cast<uint64_t>(*s);
}

void read_root(Reader& r, const TomlTable& table, TrainConfig& out) {
  TableReader root = r.table(table);
  root.known_keys({"name", "description", "output", "features", "data", "params", "split"}, "the top level", aliases());
  r.text(root, "the top level", "name", out.name, false);
  r.text(root, "the top level", "description", out.description, false);
  out.output = out.name + ".json";
  r.text(root, "the top level", "output", out.output, false);
  if (out.output.size() < 6 || out.output.substr(out.output.size() - 5) != ".json") {
    std::optional<TomlValue> output = root.get("output");
    r.error(output ? *output : static_cast<const TomlValue&>(table), "`output` must name a `.json` file");
  }
  read_features(r, root, out);
  read_data(r, root, out);
  read_params(r, root, out);
  read_split(r, root, out);
}

}  // namespace

std::string TrainConfig::resolve(const std::string& relative) const {
  std::filesystem::path p(relative);
  if (p.is_absolute()) return relative;
  return (std::filesystem::path(path).parent_path() / p).lexically_normal().string();
}

std::string TrainConfig::card_path() const {
  std::string model = output_path();
  return model.substr(0, model.size() - 5) + ".card.json";
}

bool parse_train_config(std::string_view text, const std::string& path, TrainConfig& out,
                        std::vector<std::string>& errors) {
  out = TrainConfig();
  out.path = path;
  out.name = std::filesystem::path(path).stem().string();
  SourceFile source(path, std::string(text));
  TomlSyntaxError syntax;
  std::optional<TomlDocument> document = TomlDocument::parse(source, syntax);
  if (!document) {
    errors.push_back(path + ":" + std::to_string(syntax.position.line) + ":" + std::to_string(syntax.position.col) +
                     ": " + syntax.message);
    return false;
  }
  ConfigReport report(kCodes);
  Reader reader(path, report);
  read_root(reader, document->root(), out);
  // Keys are visited in table order (sorted), so sort by position.
  std::vector<ConfigProblem> problems = report.problems();
  std::stable_sort(problems.begin(), problems.end(), [](const ConfigProblem& a, const ConfigProblem& b) {
    return std::pair(a.position.line, a.position.col) < std::pair(b.position.line, b.position.col);
  });
  for (const ConfigProblem& p : problems) errors.push_back(reader.where(p.position) + ": " + p.message);
  return problems.empty();
}

bool load_train_config(const std::string& path, TrainConfig& out, std::vector<std::string>& errors) {
  std::string text;
  if (FileRead read = read_bounded_file(path, kConfigFileLimit, text); !read) {
    errors.push_back(read.message);
    return false;
  }
  return parse_train_config(text, path, out, errors);
}

}  // namespace verdict::model
