#include "runtime/deploy/deployment_config.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "compiler/source/file_diagnostic.h"
#include "compiler/source/suggest.h"
#include "compiler/util/shortest_number.h"
#include "runtime/config/table_reader.h"
#include "runtime/config/toml_document.h"
#include "runtime/deploy/ruleset.h"

namespace verdict {
namespace {

namespace fs = std::filesystem;

// C001 (syntax) is reported by parse_deployment_config; C007-C011 need the
// ruleset (check_config_against).
const ConfigCodes kCodes = {
    .unknown_key = &code::C002, .wrong_type = &code::C003, .out_of_range = &code::C004, .not_one_of = &code::C006};

const NumberRule kWeight = {
    .min = 0, .max = 1, .must_be = "a number", .out_of_range = "a weight must be between 0 and 1"};

std::optional<ModelKernel> parse_kernel(std::string_view name) {
  if (name == "native") return ModelKernel::Native;
  if (name == "xgboost") return ModelKernel::XGBoost;
  return std::nullopt;
}

std::optional<TraceLevel> parse_level(std::string_view name) {
  TraceLevel level;
  return parse_trace_level(name, level) ? std::optional(level) : std::nullopt;
}

class ConfigReader {
 public:
  ConfigReader(DeploymentConfig& config, ConfigReport& report) : config_(config), report_(report) {}

  void read(const TomlTable& root) {
    TableReader top(root, "", report_);
    // [server] belongs to `verdict serve` (runtime/serve), which reads it itself.
    top.known_keys({"ruleset", "models", "blend", "trace", "server"}, "");
    std::optional<TomlValue> ruleset = top.get("ruleset");
    if (std::optional<std::string> path = ruleset ? ruleset->string() : std::nullopt) {
      config_.ruleset = resolve(*path);
    } else {
      report_.error(code::C003, root, "the config needs `ruleset = \"path/to/file.rules\"`");
    }
    if (auto models = top.table("models")) read_models(TableReader(*models, "models", report_));
    if (auto blend = top.table("blend")) read_blend(TableReader(*blend, "blend", report_));
    if (auto trace = top.table("trace")) read_trace(TableReader(*trace, "trace", report_));
    std::optional<TomlValue> server = top.get("server");
    std::optional<TomlTable> table = server ? server->table() : std::nullopt;
    if (std::optional<TomlValue> token = table ? table->get("reload_token") : std::nullopt) {
      config_.secrets.push_back(token->span());
    }
  }

 private:
  std::string resolve(const std::string& relative) const {
    fs::path p(relative);
    if (p.is_absolute()) return p.string();
    return (fs::path(config_.path).parent_path() / p).lexically_normal().string();
  }

  void read_models(TableReader models) {
    for (const TomlEntry& entry : models.table().entries()) {
      std::optional<TomlTable> table = models.table(entry.key);
      if (!table) continue;
      std::string name = models.name_of(entry.key);
      TableReader model(*table, name, report_);
      model.known_keys({"file", "kernel"}, "[" + name + "]");
      DeploymentConfig::Model& out = config_.models[entry.key];
      config_.spans[name] = entry.value.span();
      if (auto path = model.string("file", "a path (a string)")) {
        out.file = resolve(*path);
        out.file_as_written = *path;
      }
      if (auto kernel = model.one_of("kernel", parse_kernel, "\"native\" or \"xgboost\"")) out.kernel = *kernel;
    }
  }

  // A pair of weights: each in [0, 1], summing to 1.
  std::optional<BlendWeights> weights(TableReader& t, const std::string& where) {
    t.known_keys(where == "blend" ? std::vector<std::string>{"human", "model", "segments"}
                                  : std::vector<std::string>{"human", "model"},
                 "[" + where + "]");
    BlendWeights w;
    bool ok = weight(t, where, "human", w.human) && weight(t, where, "model", w.model);
    if (ok && std::fabs(w.human + w.model - 1.0) > 1e-9) {
      report_.error(
          code::C005, t.table(),
          "`" + where + "` weights sum to " + shortest_number(w.human + w.model) + "; `human` + `model` must be 1");
      ok = false;
    }
    return ok ? std::optional<BlendWeights>(w) : std::nullopt;
  }

  bool weight(TableReader& t, const std::string& where, const char* key, double& out) {
    std::optional<TomlValue> value = t.get(key);
    if (!value) {
      report_.error(code::C003, t.table(), "`" + where + "` needs `" + key + "` (a weight between 0 and 1)");
      return false;
    }
    std::optional<double> x = t.number(key, kWeight);
    if (!x) return false;
    out = *x;
    config_.spans[t.name_of(key)] = value->span();
    return true;
  }

  void read_blend(TableReader blend) {
    if (auto w = weights(blend, "blend")) config_.blend = *w;
    std::optional<TomlTable> segments = blend.table("segments");
    if (!segments) return;
    TableReader by_segment(*segments, "blend.segments", report_);
    for (const TomlEntry& entry : segments->entries()) {
      std::optional<TomlTable> table = by_segment.table(entry.key);
      if (!table) continue;
      std::string name = by_segment.name_of(entry.key);
      config_.spans[name] = entry.value.span();
      TableReader segment(*table, name, report_);
      if (auto w = weights(segment, name)) config_.segment_blend[entry.key] = *w;
    }
  }

  void read_trace(TableReader trace) {
    trace.known_keys({"level", "log", "shap", "fsync", "key_file", "key_env", "rotate_mib", "rotate_hours", "store",
                      "pii_key_file", "pii_key_env"},
                     "[trace]");
    if (std::optional<TomlValue> shap = trace.get("shap")) read_shap(*shap);
    if (auto level = trace.one_of("level", parse_level, "\"off\", \"rules\" or \"full\"")) config_.trace_level = *level;
    if (auto log = trace.string("log", "the path of the decision log (a string)", TableReader::Empty::Refused)) {
      config_.decision_log.path = resolve(*log);
    }
    const std::string store_must = "the folder of the version store (a string)";
    if (auto store = trace.string("store", store_must, TableReader::Empty::Refused))
      config_.version_store = resolve(*store);
    read_log_keeping(trace);
    read_pii_key(trace);
  }

  // The key that seals @pii values in the log: one source at most, and a log.
  void read_pii_key(TableReader& trace) {
    DecisionLogConfig& log = config_.decision_log;
    const std::string file_must = "the path of a file holding the key that seals @pii values (a string)";
    if (auto file = trace.string("pii_key_file", file_must, TableReader::Empty::Refused))
      log.pii_key_file = resolve(*file);
    const std::string env_must = "the name of an environment variable holding the key that seals @pii values";
    if (auto env = trace.string("pii_key_env", env_must, TableReader::Empty::Refused)) log.pii_key_env = *env;
    if (trace.get("pii_key_file") && trace.get("pii_key_env")) {
      report_.error(code::C012, *trace.get("pii_key_env"),
                    "`trace.pii_key_file` and `trace.pii_key_env` exclude each other");
    }
    needs_log(trace, {"pii_key_file", "pii_key_env"});
  }

  // How the log is kept: each key needs `log`, and one key source at most.
  void read_log_keeping(TableReader& trace) {
    DecisionLogConfig& log = config_.decision_log;
    const std::string must_sync = "\"always\", \"batch\" or \"interval:MS\" (MS from 1 to 3600000)";
    if (auto sync = trace.one_of("fsync", parse_log_sync, must_sync)) {
      log.sync = sync->sync;
      log.sync_interval_ms = sync->interval_ms;
    }
    const std::string key_file_must = "the path of a file holding the log's HMAC key (a string)";
    if (auto file = trace.string("key_file", key_file_must, TableReader::Empty::Refused)) log.key_file = resolve(*file);
    const std::string key_env_must = "the name of an environment variable holding the log's HMAC key";
    if (auto env = trace.string("key_env", key_env_must, TableReader::Empty::Refused)) log.key_env = *env;
    const IntegerRule rotate = {.min = 1, .max = 1 << 20, .must_be = "a whole number of MiB from 1 to 1048576"};
    if (auto mib = trace.integer("rotate_mib", rotate)) log.rotate_bytes = static_cast<uint64_t>(*mib) << 20;
    const IntegerRule hours = {.min = 1, .max = 24 * 366, .must_be = "a whole number of hours from 1 to 8784"};
    if (auto h = trace.integer("rotate_hours", hours)) log.rotate_seconds = static_cast<uint32_t>(*h) * 3600;
    if (trace.get("key_file") && trace.get("key_env")) {
      report_.error(code::C012, *trace.get("key_env"), "`trace.key_file` and `trace.key_env` exclude each other");
    }
    needs_log(trace, {"fsync", "key_file", "key_env", "rotate_mib", "rotate_hours"});
  }

  // Each of `keys` that is set is about the log: C012 without `trace.log`.
  void needs_log(TableReader& trace, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
      std::optional<TomlValue> value = trace.get(key);
      if (value && !trace.get("log")) {
        report_.error(code::C012, *value,
                      "`" + trace.name_of(key) + "` needs `trace.log`, the decision log it is about");
      }
    }
  }

  // shap = "always" | "off" | ["outcome", ...]
  void read_shap(const TomlValue& value) {
    std::optional<std::string> name = value.string();
    if (name == "always" || name == "off") {
      config_.shap = *name == "always" ? ShapPolicy::Always : ShapPolicy::Off;
      return;
    }
    std::optional<TomlArray> list = value.array();
    bool ok = list && !list->empty();
    for (size_t i = 0; ok && i < list->size(); ++i) {
      std::optional<std::string> outcome = (*list)[i].string();
      ok = outcome.has_value();
      if (!ok) break;
      config_.spans["trace.shap." + std::to_string(i)] = (*list)[i].span();
      config_.shap_outcomes.push_back(*outcome);
    }
    if (!ok) {
      report_.error(code::C006, value, "`trace.shap` must be \"always\", \"off\" or a list of outcomes");
      config_.shap_outcomes.clear();
      return;
    }
    config_.shap = ShapPolicy::Outcomes;
  }

  DeploymentConfig& config_;
  ConfigReport& report_;
};

}  // namespace

std::string hashed_config_text(const DeploymentConfig& config) {
  std::string out;
  size_t from = 0;
  for (const Span& secret : config.secrets) {  // in the order of the text
    out.append(config.text, from, secret.begin - from);
    out += "\"<secret>\"";
    from = secret.end;
  }
  out.append(config.text, from);
  return out;
}

std::optional<DeploymentConfig> load_deployment_config(const std::string& path, Diagnostics& diags,
                                                       std::unique_ptr<SourceFile>& source) {
  std::string text;
  if (FileRead read = read_bounded_file(path, kConfigFileLimit, text); !read) {
    diags.report_unlocated(file_read_code(read, code::C001), read.message);
    return std::nullopt;
  }
  return parse_deployment_config(path, std::move(text), diags, source);
}

std::optional<DeploymentConfig> parse_deployment_config(const std::string& path, std::string text, Diagnostics& diags,
                                                        std::unique_ptr<SourceFile>& source) {
  source = std::make_unique<SourceFile>(path, text);
  TomlSyntaxError syntax;
  std::optional<TomlDocument> document = TomlDocument::parse(*source, syntax);
  if (!document) {
    diags.report(code::C001, syntax.span, syntax.message);
    return std::nullopt;
  }
  DeploymentConfig config;
  config.path = path;
  config.text = std::move(text);
  ConfigReport report(kCodes);
  ConfigReader(config, report).read(document->root());
  report.report_to(diags);
  if (!report.empty()) return std::nullopt;
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
      diags.report(code::C007, at("blend.segments." + name),
                   "ruleset `" + program.name + "` has no segment `" + name + "`" + did_you_mean(name, segments));
    }
  }
  std::set<std::string> declared;
  for (const ir::ModelBinding& m : program.models) declared.insert(m.name);
  for (const auto& [name, model] : config.models) {
    if (!declared.count(name)) {
      diags.report(code::C008, at("models." + name),
                   "`[models." + name + "]` is not a model declared by ruleset `" + program.name + "`");
    } else if (!model.file.empty() && !fs::exists(model.file)) {
      diags.report(code::C009, at("models." + name), "model file `" + model.file_as_written + "` does not exist");
    }
  }
  for (size_t i = 0; i < config.shap_outcomes.size(); ++i) {
    const std::string& outcome = config.shap_outcomes[i];
    if (std::find(program.outcomes.begin(), program.outcomes.end(), outcome) == program.outcomes.end()) {
      diags.report(code::C010, at("trace.shap." + std::to_string(i)),
                   "`trace.shap` lists `" + outcome + "`, which is not an outcome of ruleset `" + program.name + "`" +
                       did_you_mean(outcome, program.outcomes));
    }
  }
  if (program.models.empty()) {
    auto no_model = [&](const BlendWeights& w, const std::string& where) {
      if (w.model == 0) return;
      diags.report(code::C011, at(where + ".model"),
                   "ruleset `" + program.name + "` has no model, so `" + where + ".model` cannot be " +
                       shortest_number(w.model));
    };
    no_model(config.blend, "blend");
    for (const auto& [name, w] : config.segment_blend) no_model(w, "blend.segments." + name);
  }
}

}  // namespace verdict
