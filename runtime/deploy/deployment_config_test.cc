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
  CHECK(config->trace_level == "rules");
  CHECK(config->trace_log.ends_with("tests/config/decisions.jsonl"));
  CHECK(diagnostics_for("valid").empty());
}

TEST_CASE("config errors name the key, with line, column and caret", "[config][golden]") {
  for (const char* name : {"weights", "keys", "syntax", "segment", "models", "no_model"}) {
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
