#include "runtime/training/train_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "compiler/source/suggest.h"

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

std::string shortest(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

class Reader {
 public:
  Reader(const std::string& path, std::vector<std::string>& errors) : path_(path), errors_(errors) {}

  std::string where(const toml::source_region& at) const {
    return path_ + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column);
  }

  void error(const toml::source_region& at, const std::string& message) {
    errors_.push_back(where(at) + ": " + message);
  }

  // Reports every key of `table` that is not in `known`, with a hint.
  void check_keys(const toml::table& table, const std::string& where, const std::vector<std::string>& known) {
    for (const auto& [key, node] : table) {
      std::string k(key.str());
      if (std::find(known.begin(), known.end(), k) != known.end()) continue;
      std::string hint = did_you_mean(k, known);
      for (const auto& [alias, ours] : aliases()) {
        if (alias == k && std::find(known.begin(), known.end(), ours) != known.end()) {
          hint = "; did you mean `" + ours + "`?";
        }
      }
      error(key.source(), "unknown key `" + k + "` in " + where + hint);
    }
  }

  // A string value; `required` reports its absence at `table`.
  bool text(const toml::table& table, const std::string& where, const char* key, std::string& out, bool required) {
    const toml::node* node = table.get(key);
    if (!node) {
      if (required) error(table.source(), "missing key `" + std::string(key) + "` in " + where);
      return !required;
    }
    if (!node->is_string() || node->as_string()->get().empty()) {
      error(node->source(), "`" + std::string(key) + "` must be a non-empty string");
      return false;
    }
    out = node->as_string()->get();
    return true;
  }

  bool strings(const toml::node& node, const std::string& what, std::vector<std::string>& out) {
    const toml::array* array = node.as_array();
    if (!array) {
      error(node.source(), what + " must be an array of strings");
      return false;
    }
    for (const toml::node& item : *array) {
      if (!item.is_string()) {
        error(item.source(), what + " must be an array of strings");
        return false;
      }
      out.push_back(item.as_string()->get());
    }
    return true;
  }

 private:
  const std::string& path_;
  std::vector<std::string>& errors_;
};

bool read_values(Reader& r, const toml::table& t, FeatureSpec& f) {
  const toml::node* values = t.get("values");
  if (f.kind == FeatureKind::Number) {
    if (values) r.error(values->source(), "feature `" + f.name + "`: a number has no `values`");
    return !values;
  }
  if (!values) {
    if (f.kind == FeatureKind::Bool)
      f.values = {"no", "yes"};
    else
      r.error(t.source(), "feature `" + f.name + "`: an enum needs `values`, in code order");
    return f.kind == FeatureKind::Bool;
  }
  if (!r.strings(*values, "`values`", f.values)) return false;
  std::set<std::string> unique(f.values.begin(), f.values.end());
  bool ok =
      unique.size() == f.values.size() && !f.values.empty() && (f.kind != FeatureKind::Bool || f.values.size() == 2);
  if (!ok) {
    r.error(values->source(),
            "feature `" + f.name + "`: `values` must be " +
                (f.kind == FeatureKind::Bool ? "two distinct strings, false then true" : "distinct strings"));
  }
  return ok;
}

bool read_feature(Reader& r, const toml::node& node, FeatureSpec& f) {
  if (node.is_string()) {
    f.name = f.column = node.as_string()->get();
    return true;
  }
  const toml::table* t = node.as_table();
  if (!t) {
    r.error(node.source(), "a feature is a column name or a table { name, column, type, values }");
    return false;
  }
  if (!r.text(*t, "a feature", "name", f.name, true)) return false;
  r.check_keys(*t, "feature `" + f.name + "`", {"name", "column", "type", "values"});
  f.column = f.name;
  std::string type = "number";
  if (!r.text(*t, "feature `" + f.name + "`", "column", f.column, false) ||
      !r.text(*t, "feature `" + f.name + "`", "type", type, false)) {
    return false;
  }
  if (type == "bool")
    f.kind = FeatureKind::Bool;
  else if (type == "enum")
    f.kind = FeatureKind::Enum;
  else if (type != "number") {
    r.error(t->get("type")->source(),
            "feature `" + f.name + "`: unknown type `" + type + "`; use `number`, `bool` or `enum`");
    return false;
  }
  return read_values(r, *t, f);
}

void read_features(Reader& r, const toml::table& root, TrainConfig& out) {
  const toml::node* node = root.get("features");
  if (!node || !node->is_array() || node->as_array()->empty()) {
    r.error(node ? node->source() : root.source(), "`features` must be a non-empty array");
    return;
  }
  std::set<std::string> names;
  for (const toml::node& item : *node->as_array()) {
    FeatureSpec f;
    bool ok = read_feature(r, item, f);
    if (!f.name.empty() && !names.insert(f.name).second) {
      r.error(item.source(), "feature `" + f.name + "` is listed twice");
    }
    if (!ok) continue;
    out.features.push_back(std::move(f));
    out.feature_at.push_back(r.where(item.source()));
  }
}

void read_data(Reader& r, const toml::table& root, TrainConfig& out) {
  const toml::table* data = root["data"].as_table();
  if (!data) {
    r.error(root.source(), "missing table `[data]` (file, label, positive)");
    return;
  }
  r.check_keys(*data, "[data]", {"file", "label", "positive", "negative"});
  r.text(*data, "[data]", "file", out.data, true);
  r.text(*data, "[data]", "label", out.label, true);
  out.data_at = r.where(data->get("file") ? data->get("file")->source() : data->source());
  out.label_at = r.where(data->get("label") ? data->get("label")->source() : data->source());
  r.text(*data, "[data]", "positive", out.positive, true);
  if (const toml::node* negative = data->get("negative")) {
    if (negative->is_string())
      out.negative.push_back(negative->as_string()->get());
    else
      r.strings(*negative, "`negative`", out.negative);
  }
}

// One [params] value, checked against its spec; writes both forms.
void read_param(Reader& r, const toml::node* node, const ParamSpec& spec, TrainConfig& out) {
  if (spec.type == ParamType::Choice) {
    std::string value = spec.choices.front();
    if (node && (!node->is_string() ||
                 std::find(spec.choices.begin(), spec.choices.end(), node->as_string()->get()) == spec.choices.end())) {
      r.error(node->source(), "`" + std::string(spec.name) + "` must be " + quoted_list(spec.choices));
      return;
    }
    if (node) value = node->as_string()->get();
    out.params.emplace_back(spec.name, value);
    out.params_json[spec.name] = value;
    return;
  }
  double value = spec.fallback;
  bool typed = !node || (spec.type == ParamType::Int ? node->is_integer() : node->is_number());
  if (node && typed) value = node->value<double>().value_or(spec.fallback);
  bool low = spec.open_min ? value > spec.min : value >= spec.min;
  bool high = spec.open_max ? value < spec.max : value <= spec.max;
  if (!typed || !low || !high) {
    bool integer = spec.type == ParamType::Int;
    auto bound = [&](double v) { return integer ? std::to_string(static_cast<int64_t>(v)) : shortest(v); };
    r.error(node->source(), "`" + std::string(spec.name) + "` must be " + (integer ? "an integer" : "a number") +
                                " in " + (spec.open_min ? "(" : "[") + bound(spec.min) + ", " + bound(spec.max) +
                                (spec.open_max ? ")" : "]"));
    return;
  }
  if (spec.type == ParamType::Int) {
    auto n = static_cast<int64_t>(value);
    out.params_json[spec.name] = n;
    if (std::string(spec.name) == "rounds")
      out.rounds = static_cast<int>(n);
    else
      out.params.emplace_back(spec.name, std::to_string(n));
    return;
  }
  out.params_json[spec.name] = value;
  out.params.emplace_back(spec.name, shortest(value));
}

void read_params(Reader& r, const toml::table& root, TrainConfig& out) {
  const toml::table empty;
  const toml::table* params = root["params"].as_table();
  if (!params) params = &empty;
  std::vector<std::string> known;
  for (const ParamSpec& spec : param_specs()) known.push_back(spec.name);
  r.check_keys(*params, "[params]", known);
  out.params_json = nlohmann::ordered_json::object();
  for (const ParamSpec& spec : param_specs()) read_param(r, params->get(spec.name), spec, out);
}

void read_split(Reader& r, const toml::table& root, TrainConfig& out) {
  const toml::table* split = root["split"].as_table();
  if (!split) return;
  r.check_keys(*split, "[split]", {"validation", "seed"});
  if (const toml::node* v = split->get("validation")) {
    out.validation = v->value<double>().value_or(-1);
    if (!v->is_number() || out.validation <= 0 || out.validation > 0.9) {
      r.error(v->source(), "`validation` must be a number in (0, 0.9]");
    }
  }
  if (const toml::node* s = split->get("seed")) {
    if (!s->is_integer() || s->value<int64_t>().value_or(-1) < 0) {
      r.error(s->source(), "`seed` must be a non-negative integer");
    } else {
      out.split_seed = static_cast<uint64_t>(*s->value<int64_t>());
    }
  }
}

void read_root(Reader& r, const toml::table& root, TrainConfig& out) {
  r.check_keys(root, "the top level", {"name", "description", "output", "features", "data", "params", "split"});
  r.text(root, "the top level", "name", out.name, false);
  r.text(root, "the top level", "description", out.description, false);
  out.output = out.name + ".json";
  r.text(root, "the top level", "output", out.output, false);
  if (out.output.size() < 6 || out.output.substr(out.output.size() - 5) != ".json") {
    r.error(root.get("output") ? root.get("output")->source() : root.source(), "`output` must name a `.json` file");
  }
  read_features(r, root, out);
  read_data(r, root, out);
  read_params(r, root, out);
  read_split(r, root, out);
}

// (line, column) of a "file:line:col: message" error.
std::pair<long, long> error_position(const std::string& error, size_t prefix) {
  char* end = nullptr;
  long line = std::strtol(error.c_str() + prefix, &end, 10);
  long column = *end == ':' ? std::strtol(end + 1, nullptr, 10) : 0;
  return {line, column};
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
  size_t before = errors.size();
  out = TrainConfig();
  out.path = path;
  out.name = std::filesystem::path(path).stem().string();
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(path));
  } catch (const toml::parse_error& e) {
    errors.push_back(path + ":" + std::to_string(e.source().begin.line) + ":" +
                     std::to_string(e.source().begin.column) + ": invalid TOML: " + std::string(e.description()));
    return false;
  }
  Reader reader(path, errors);
  read_root(reader, root, out);
  // Keys are visited in table order (sorted), so sort by position.
  std::stable_sort(errors.begin() + static_cast<long>(before), errors.end(),
                   [&](const std::string& a, const std::string& b) {
                     return error_position(a, path.size() + 1) < error_position(b, path.size() + 1);
                   });
  return errors.size() == before;
}

bool load_train_config(const std::string& path, TrainConfig& out, std::vector<std::string>& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back("cannot read training configuration `" + path + "`");
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_train_config(text.str(), path, out, errors);
}

}  // namespace verdict::model
