// Every TOML reader against text made to crash toml++: a 50,000 part table
// header `[a.a.a...]` once took the process down with a segfault inside the
// library, in the deployment, [server], training and cases readers alike.
// Each now refuses it with its invalid-TOML error at the line, naming the
// limit (runtime/config/toml_bounds.h).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "runtime/cases/test_cases.h"
#include "runtime/deploy/deployment_config.h"
#include "runtime/serve/server_config.h"
#include "runtime/training/train_config.h"

namespace verdict {
namespace {

// Two ordinary lines, then the bomb on line 3.
std::string bomb(const std::string& first_line) {
  std::string text = first_line + "\n# the next line is 100,000 bytes\n[";
  for (int i = 0; i < 49999; ++i) text += "a.";
  return text + "a]\nx = 1\n";
}

const std::string kRefusal =
    "invalid TOML: `[a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a...` nests tables and arrays deeper than 32 levels";

TEST_CASE("toml bomb: the deployment config reader refuses it (C001, line 3)", "[config][toml][faults]") {
  Diagnostics diags;
  std::unique_ptr<SourceFile> source;
  auto config = parse_deployment_config("deploy.toml", bomb("ruleset = \"x.rules\""), diags, source);
  CHECK_FALSE(config);
  std::vector<Diagnostic> found = diags.sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "C001");
  CHECK(found[0].message.starts_with(kRefusal));
  CHECK(source->locate(found[0].span.begin).line == 3);
}

TEST_CASE("toml bomb: the [server] reader refuses it (S001, line 3)", "[config][toml][faults]") {
  SourceFile source("deploy.toml", bomb("[server]"));
  Diagnostics diags;
  CHECK_FALSE(serve::parse_server_config(source, diags));
  std::vector<Diagnostic> found = diags.sorted();
  REQUIRE(found.size() == 1);
  CHECK(found[0].code == "S001");
  CHECK(found[0].message.starts_with(kRefusal));
  CHECK(source.locate(found[0].span.begin).line == 3);
}

TEST_CASE("toml bomb: the training config reader refuses it (line 3)", "[config][toml][faults]") {
  model::TrainConfig config;
  std::vector<std::string> errors;
  CHECK_FALSE(model::parse_train_config(bomb("data = \"x.csv\""), "train.toml", config, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].starts_with("train.toml:3:1: " + kRefusal));
}

TEST_CASE("toml bomb: the cases reader refuses it (T001, line 3)", "[config][toml][faults]") {
  auto path = std::filesystem::temp_directory_path() / ("verdict-bomb-" + std::to_string(::getpid()) + ".cases.toml");
  std::ofstream(path) << bomb("ruleset = \"x.rules\"");
  std::vector<Diagnostic> errors;
  uint32_t line = 0;
  CHECK_FALSE(load_cases(path.string(), errors, line));
  std::filesystem::remove(path);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "T001");
  CHECK(errors[0].message.starts_with(kRefusal));
  CHECK(line == 3);
}

}  // namespace
}  // namespace verdict
