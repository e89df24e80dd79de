#include "runtime/deploy/deployment_config.h"

#include <catch2/catch.hpp>

#include "compiler/source/diagnostic_text.h"
#include "runtime/deploy/ruleset.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

// Loads tests/config/NAME.toml (and checks it against its ruleset when it
// loads) and renders every diagnostic as `verdict` prints them.
std::string diagnostics_for(const std::string& name) {
  std::string path = "tests/config/" + name + ".toml";
  Diagnostics diags;
  std::unique_ptr<SourceFile> source;
  auto config = load_deployment_config(testing::source_path(path), diags, source);
  if (config) {
    Diagnostics rules_diags;
    auto ruleset = CompiledRuleset::load(config->ruleset, rules_diags, BackendKind::Interpreter);
    REQUIRE(ruleset);
    check_config_against(*config, ruleset->program(), *source, diags);
  }
  std::string out;
  SourceFile relative(path, source ? source->text() : "");
  for (const Diagnostic& d : diags.sorted()) out += render_diagnostic(d, relative);
  return out;
}

TEST_CASE("a valid deployment config loads with its weights and trace settings", "[config]") {
  Diagnostics diags;
  std::unique_ptr<SourceFile> source;
  auto config = load_deployment_config(testing::source_path("tests/config/valid.toml"), diags, source);
  REQUIRE(config);
  CHECK(diags.size() == 0);
  CHECK(config->ruleset.ends_with("rules/credit_approval.rules"));
  CHECK(config->blend.human == 1.0);
  CHECK(config->segment_blend.at("thin_file").human == 1.0);
  CHECK(config->trace_level == TraceLevel::Rules);
  CHECK(config->decision_log.path.ends_with("tests/config/decisions.jsonl"));
  CHECK(diagnostics_for("valid").empty());
}

// Parses TOML text as a deployment config; the messages of its errors, "CODE message" each.
std::vector<std::string> errors_of(const std::string& text, std::optional<DeploymentConfig>* out = nullptr) {
  Diagnostics diags;
  std::unique_ptr<SourceFile> source;
  auto config = parse_deployment_config("dir/deploy.toml", text, diags, source);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diags.sorted()) messages.push_back(d.code + " " + d.message);
  if (out) *out = std::move(config);
  return messages;
}

TEST_CASE("kernel, trace level and SHAP mode are read into their types", "[config]") {
  std::optional<DeploymentConfig> config;
  CHECK(errors_of("ruleset = \"r.rules\"\n[models.risk]\nkernel = \"xgboost\"\n"
                  "[trace]\nlevel = \"off\"\nshap = [\"decline\", \"refer\"]\n",
                  &config)
            .empty());
  REQUIRE(config);
  CHECK(config->ruleset == "dir/r.rules");
  CHECK(config->models.at("risk").kernel == ModelKernel::XGBoost);
  CHECK(config->trace_level == TraceLevel::Off);
  CHECK(config->shap == ShapPolicy::Outcomes);
  CHECK(config->shap_outcomes == std::vector<std::string>{"decline", "refer"});
  errors_of("ruleset = \"r.rules\"\n[trace]\nshap = \"off\"\n", &config);
  REQUIRE(config);
  CHECK(config->shap == ShapPolicy::Off);
  CHECK(config->trace_level == TraceLevel::Full);
}

TEST_CASE("how the decision log is kept is read into its types; each key needs the log", "[config][log]") {
  std::optional<DeploymentConfig> config;
  CHECK(errors_of("ruleset = \"r.rules\"\n[trace]\nlog = \"d.jsonl\"\nfsync = \"interval:250\"\n"
                  "key_file = \"keys/log.key\"\nrotate_mib = 64\nrotate_hours = 24\n",
                  &config)
            .empty());
  REQUIRE(config);
  const DecisionLogConfig& log = config->decision_log;
  CHECK(log.path == "dir/d.jsonl");
  CHECK(log.sync == LogSync::Interval);
  CHECK(log.sync_interval_ms == 250);
  CHECK(log.key_file == "dir/keys/log.key");
  CHECK(log.rotate_bytes == uint64_t{64} << 20);
  CHECK(log.rotate_seconds == 24 * 3600);
  errors_of("ruleset = \"r.rules\"\n[trace]\nlog = \"d.jsonl\"\nfsync = \"always\"\nkey_env = \"K\"\n", &config);
  REQUIRE(config);
  CHECK(config->decision_log.sync == LogSync::Always);
  CHECK(config->decision_log.key_env == "K");
  errors_of("ruleset = \"r.rules\"\n[trace]\nlog = \"d.jsonl\"\n", &config);
  CHECK(config->decision_log.sync == LogSync::Batch);  // the default

  for (const char* bad : {"\"interval:0\"", "\"interval:\"", "\"interval:5s\"", "\"interval:3600001\"", "1"}) {
    INFO(bad);
    CHECK(errors_of(std::string("ruleset = \"r\"\n[trace]\nlog = \"d\"\nfsync = ") + bad + "\n") ==
          std::vector<std::string>{"C006 `trace.fsync` must be \"always\", \"batch\" or \"interval:MS\" (MS from 1 "
                                   "to 3600000)"});
  }
  // Out of range (C004), or not a whole number (C003).
  for (auto [bad, code] : {std::pair{"0", "C004"}, {"8785", "C004"}, {"1.5", "C003"}, {"\"daily\"", "C003"}}) {
    INFO(bad);
    CHECK(errors_of(std::string("ruleset = \"r\"\n[trace]\nlog = \"d\"\nrotate_hours = ") + bad + "\n") ==
          std::vector<std::string>{std::string(code) +
                                   " `trace.rotate_hours` must be a whole number of hours from 1 to 8784"});
  }
  CHECK(errors_of("ruleset = \"r\"\n[trace]\nrotate_hours = 24\n") ==
        std::vector<std::string>{"C012 `trace.rotate_hours` needs `trace.log`, the decision log it is about"});
  CHECK(errors_of("ruleset = \"r\"\n[trace]\nlog = \"d\"\nkey_file = \"k\"\nkey_env = \"K\"\n") ==
        std::vector<std::string>{"C012 `trace.key_file` and `trace.key_env` exclude each other"});
}

// The reload token in [server] must not be testable offline from a
// decision's `provenance.config.sha256`.
TEST_CASE("the config's hash is of its text with the reload token replaced", "[config][secrets]") {
  std::optional<DeploymentConfig> a, b;
  errors_of("ruleset = \"r.rules\"\n[server]\nport = 1\nreload_token = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n", &a);
  errors_of("ruleset = \"r.rules\"\n[server]\nport = 1\nreload_token = \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n",
            &b);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(hashed_config_text(*a) == "ruleset = \"r.rules\"\n[server]\nport = 1\nreload_token = \"<secret>\"\n");
  CHECK(hashed_config_text(*a) == hashed_config_text(*b));
  errors_of("ruleset = \"r.rules\"\n", &a);
  CHECK(hashed_config_text(*a) == a->text);
}

TEST_CASE("config values of the wrong type are C003 or C006, each naming its key", "[config]") {
  CHECK(errors_of("ruleset = 1\nmodels = 2\nblend = { human = \"x\", model = 1 }\n") ==
        std::vector<std::string>{
            "C003 the config needs `ruleset = \"path/to/file.rules\"`",
            "C003 `models` must be a table",
            "C003 `blend.human` must be a number",
        });
  CHECK(errors_of("ruleset = \"r\"\n[models]\nrisk = 1\n[blend]\nhuman = 1\nmodel = 0\nsegments = 3\n") ==
        std::vector<std::string>{"C003 `models.risk` must be a table", "C003 `blend.segments` must be a table"});
  CHECK(
      errors_of("ruleset = \"r\"\n[models.risk]\nfile = 1\nkernel = 2\n[trace]\nshap = []\nlevel = 1\nlog = \"\"\n") ==
      std::vector<std::string>{
          "C003 `models.risk.file` must be a path (a string)",
          "C006 `models.risk.kernel` must be \"native\" or \"xgboost\"",
          "C006 `trace.shap` must be \"always\", \"off\" or a list of outcomes",
          "C006 `trace.level` must be \"off\", \"rules\" or \"full\"",
          "C003 `trace.log` must be the path of the decision log (a string)",
      });
  CHECK(errors_of("ruleset = \"r\"\n[blend.segments.thin]\nhuman = 1\n") ==
        std::vector<std::string>{"C003 `blend` needs `human` (a weight between 0 and 1)",
                                 "C003 `blend.segments.thin` needs `model` (a weight between 0 and 1)"});
}

TEST_CASE("config errors name the key, with line, column and caret", "[config][golden]") {
  for (const char* name : {"weights", "keys", "syntax", "segment", "models", "no_model", "log_keys"}) {
    std::string actual = diagnostics_for(name);
    CHECK_FALSE(actual.empty());
    std::string diff =
        testing::check_golden(testing::source_path(std::string("tests/config/") + name + ".diag"), actual);
    INFO(name << ": " << diff);
    CHECK(diff.empty());
  }
}

}  // namespace
}  // namespace verdict
