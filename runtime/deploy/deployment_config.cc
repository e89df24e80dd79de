#include "runtime/deploy/deployment_config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>

#include "compiler/source/suggest.h"
#include "runtime/config/toml_span.h"
#include "runtime/deploy/ruleset.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

// The shortest text that reads back as `x`: 1.1, 0.5, 1e-10.
std::string number_text(double x) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(x);
}

class ConfigReader {
 public:
  ConfigReader(DeploymentConfig& config, const SourceFile& source, Diagnostics& diags)
      : config_(config), source_(source), diags_(diags) {}

  void read(const toml::table& root) {
    // [server] belongs to `verdict serve` (runtime/serve), which reads it itself.
    known_keys(root, "", {"ruleset", "models", "blend", "trace", "server"});
    if (auto ruleset = root["ruleset"].value<std::string>()) {
      config_.ruleset = resolve(*ruleset);
    } else {
      error("C003", root, "the config needs `ruleset = \"path/to/file.rules\"`");
    }
    if (const toml::node* models = root.get("models")) read_models(*models);
    if (const toml::node* blend = root.get("blend")) read_blend(*blend);
    if (const toml::node* trace = root.get("trace")) read_trace(*trace);
  }

 private:
  Span span_of(const toml::node& node) const { return toml_span(node, source_); }

  void error(const char* code, const toml::node& where, std::string message) {
    diags_.error(code, span_of(where), std::move(message));
  }

  std::string resolve(const std::string& relative) const {
    fs::path p(relative);
    if (p.is_absolute()) return p.string();
    return (fs::path(config_.path).parent_path() / p).lexically_normal().string();
  }

  void known_keys(const toml::table& table, const std::string& where, const std::vector<std::string>& keys) {
    for (const auto& [key, node] : table) {
      std::string name(key.str());
      if (std::find(keys.begin(), keys.end(), name) != keys.end()) continue;
      std::string in = where.empty() ? "" : " in [" + where + "]";
      error("C002", node, "unknown key `" + name + "`" + in + did_you_mean(name, keys));
    }
  }

  const toml::table* table(const toml::node& node, const std::string& name) {
    if (const toml::table* t = node.as_table()) return t;
    error("C003", node, "`" + name + "` must be a table");
    return nullptr;
  }

  void read_models(const toml::node& node) {
    const toml::table* models = table(node, "models");
    if (!models) return;
    for (const auto& [key, entry] : *models) {
      std::string name(key.str());
      const toml::table* model = table(entry, "models." + name);
      if (!model) continue;
      known_keys(*model, "models." + name, {"file", "kernel"});
      DeploymentConfig::Model& out = config_.models[name];
      config_.spans["models." + name] = span_of(entry);
      if (const toml::node* file = model->get("file")) {
        if (auto path = file->value<std::string>()) {
          out.file = resolve(*path);
          out.file_as_written = *path;
        } else
          error("C003", *file, "`models." + name + ".file` must be a path (a string)");
      }
      if (const toml::node* kernel = model->get("kernel")) {
        auto value = kernel->value<std::string>();
        if (!value || (*value != "native" && *value != "xgboost")) {
          error("C006", *kernel, "`models." + name + ".kernel` must be \"native\" or \"xgboost\"");
        } else {
          out.kernel = *value;
        }
      }
    }
  }

  // A pair of weights: each in [0, 1], summing to 1.
  std::optional<BlendWeights> weights(const toml::table& t, const std::string& where) {
    known_keys(t, where,
               where == "blend" ? std::vector<std::string>{"human", "model", "segments"}
                                : std::vector<std::string>{"human", "model"});
    BlendWeights w;
    bool ok = weight(t, where, "human", w.human) && weight(t, where, "model", w.model);
    if (ok && std::fabs(w.human + w.model - 1.0) > 1e-9) {
      error("C005", t,
            "`" + where + "` weights sum to " + number_text(w.human + w.model) + "; `human` + `model` must be 1");
      ok = false;
    }
    return ok ? std::optional<BlendWeights>(w) : std::nullopt;
  }

  bool weight(const toml::table& t, const std::string& where, const char* key, double& out) {
    const toml::node* n = t.get(key);
    if (!n) {
      error("C003", t, "`" + where + "` needs `" + key + "` (a weight between 0 and 1)");
      return false;
    }
    auto value = n->value<double>();
    if (!value) {
      error("C003", *n, "`" + where + "." + key + "` must be a number");
      return false;
    }
    if (!(*value >= 0.0 && *value <= 1.0)) {
      error("C004", *n, "`" + where + "." + key + "` is " + number_text(*value) + "; a weight must be between 0 and 1");
      return false;
    }
    out = *value;
    config_.spans[where + "." + key] = span_of(*n);
    return true;
  }

  void read_blend(const toml::node& node) {
    const toml::table* blend = table(node, "blend");
    if (!blend) return;
    if (auto w = weights(*blend, "blend")) config_.blend = *w;
    const toml::node* segments = blend->get("segments");
    if (!segments) return;
    const toml::table* by_segment = table(*segments, "blend.segments");
    if (!by_segment) return;
    for (const auto& [key, entry] : *by_segment) {
      std::string name(key.str());
      const toml::table* t = table(entry, "blend.segments." + name);
      if (!t) continue;
      config_.spans["blend.segments." + name] = span_of(entry);
      if (auto w = weights(*t, "blend.segments." + name)) config_.segment_blend[name] = *w;
    }
  }

  void read_trace(const toml::node& node) {
    const toml::table* trace = table(node, "trace");
    if (!trace) return;
    known_keys(*trace, "trace", {"level", "log", "shap"});
    if (const toml::node* shap = trace->get("shap")) read_shap(*shap);
    if (const toml::node* level = trace->get("level")) {
      auto value = level->value<std::string>();
      if (!value || (*value != "off" && *value != "rules" && *value != "full")) {
        error("C006", *level, "`trace.level` must be \"off\", \"rules\" or \"full\"");
      } else {
        config_.trace_level = *value;
      }
    }
    if (const toml::node* log = trace->get("log")) {
      if (auto path = log->value<std::string>(); path && !path->empty())
        config_.trace_log = resolve(*path);
      else
        error("C003", *log, "`trace.log` must be the path of the decision log (a string)");
    }
  }

  // shap = "always" | "off" | ["outcome", ...]
  void read_shap(const toml::node& node) {
    if (auto value = node.value<std::string>(); value && (*value == "always" || *value == "off")) {
      config_.shap = *value;
      return;
    }
    const toml::array* list = node.as_array();
    bool ok = list != nullptr && !list->empty();
    for (size_t i = 0; ok && i < list->size(); ++i) {
      auto outcome = (*list)[i].value<std::string>();
      ok = outcome.has_value();
      if (!ok) break;
      config_.spans["trace.shap." + std::to_string(config_.shap_outcomes.size())] = span_of((*list)[i]);
      config_.shap_outcomes.push_back(*outcome);
    }
    if (!ok) {
      error("C006", node, "`trace.shap` must be \"always\", \"off\" or a list of outcomes");
      config_.shap_outcomes.clear();
      return;
    }
    config_.shap = "outcomes";
  }

  DeploymentConfig& config_;
  const SourceFile& source_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<DeploymentConfig> load_deployment_config(const std::string& path, Diagnostics& diags,
                                                       std::unique_ptr<SourceFile>& source) {
  std::string text;
  if (!read_text_file(path, text)) {
    diags.unlocated_error("C001", "cannot read the config file `" + path + "`");
    return std::nullopt;
  }
  return parse_deployment_config(path, std::move(text), diags, source);
}

std::optional<DeploymentConfig> parse_deployment_config(const std::string& path, std::string text, Diagnostics& diags,
                                                        std::unique_ptr<SourceFile>& source) {
  source = std::make_unique<SourceFile>(path, text);
  size_t errors_before = diags.error_count();
  DeploymentConfig config;
  config.path = path;
  config.text = text;
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    uint32_t at = source->offset_of({b.line, b.column});
    diags.error("C001", {at, at + 1}, "invalid TOML: " + std::string(e.description()));
    return std::nullopt;
  }
  ConfigReader(config, *source, diags).read(root);
  if (diags.error_count() > errors_before) return std::nullopt;
  return config;
}

void check_config_against(const DeploymentConfig& config, const ir::Program& program, const SourceFile& source,
                          Diagnostics& diags) {
  auto at = [&](const std::string& key) -> Span {
    auto it = config.spans.find(key);
    return it == config.spans.end() ? Span{0, 1} : it->second;
  };
  (void)source;
  std::vector<std::string> segments;
  for (uint32_t d : program.segments) segments.push_back(program.derived[d].name);
  for (const auto& [name, _] : config.segment_blend) {
    if (std::find(segments.begin(), segments.end(), name) == segments.end()) {
      diags.error("C007", at("blend.segments." + name),
                  "ruleset `" + program.name + "` has no segment `" + name + "`" + did_you_mean(name, segments));
    }
  }
  std::set<std::string> declared;
  for (const ir::ModelBinding& m : program.models) declared.insert(m.name);
  for (const auto& [name, model] : config.models) {
    if (!declared.count(name)) {
      diags.error("C008", at("models." + name),
                  "`[models." + name + "]` is not a model declared by ruleset `" + program.name + "`");
    } else if (!model.file.empty() && !fs::exists(model.file)) {
      diags.error("C009", at("models." + name), "model file `" + model.file_as_written + "` does not exist");
    }
  }
  for (size_t i = 0; i < config.shap_outcomes.size(); ++i) {
    const std::string& outcome = config.shap_outcomes[i];
    if (std::find(program.outcomes.begin(), program.outcomes.end(), outcome) == program.outcomes.end()) {
      diags.error("C010", at("trace.shap." + std::to_string(i)),
                  "`trace.shap` lists `" + outcome + "`, which is not an outcome of ruleset `" + program.name + "`" +
                      did_you_mean(outcome, program.outcomes));
    }
  }
  if (program.models.empty()) {
    auto no_model = [&](const BlendWeights& w, const std::string& where) {
      if (w.model == 0) return;
      diags.error(
          "C011", at(where + ".model"),
          "ruleset `" + program.name + "` has no model, so `" + where + ".model` cannot be " + number_text(w.model));
    };
    no_model(config.blend, "blend");
    for (const auto& [name, w] : config.segment_blend) no_model(w, "blend.segments." + name);
  }
}

}  // namespace verdict
