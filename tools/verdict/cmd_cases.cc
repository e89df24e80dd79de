#include <filesystem>
#include <iostream>
#include <set>

#include "compiler/source/diagnostic_text.h"
#include "runtime/api/engine.h"
#include "runtime/cases/case_check.h"
#include "tools/verdict/commands.h"
#include "tools/verdict/decide_output.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

struct Totals {
  size_t passed = 0, failed = 0;
};

bool is_cases_file(const std::string& path) { return path.size() > 11 && path.ends_with(".cases.toml"); }

void print_coverage(const ir::Program& program, const std::set<uint32_t>& fired) {
  const auto& rules = program.rules;
  std::string never;
  for (uint32_t r = 0; r < rules.size(); ++r) {
    if (!fired.count(r)) never += (never.empty() ? "" : ", ") + ("`" + rules[r].name + "`");
  }
  std::cout << "coverage: " << fired.size() << "/" << rules.size() << " rules fired by some case";
  std::cout << (never.empty() ? "" : "; never fired: " + never) << "\n";
}

// The engine a cases file runs on: its deployment config, or its rules file
// alone. Its decision log, if the config names one, is not opened.
std::unique_ptr<Engine> open_engine(const CasesFile& cases, BackendKind backend) {
  EngineOptions options;
  options.backend = backend;
  options.log_decisions = false;
  LoadReport report;
  bool bare = cases.config_path.empty();
  std::unique_ptr<Engine> engine =
      bare ? Engine::open_rules(cases.ruleset_path, report, options) : Engine::open(cases.config_path, report, options);
  if (!engine) print_report(report, bare ? cases.ruleset_path : cases.config_path);
  return engine;
}

// Runs one cases file; returns false when it could not be run at all.
bool run_file(const std::string& cases_path, BackendKind backend, Totals& totals) {
  std::vector<Diagnostic> errors;
  uint32_t line = 0;
  auto cases = load_cases(cases_path, errors, line);
  if (!cases) {
    std::cerr << render_all(errors, nullptr, cases_path + ":" + std::to_string(line));
    return false;
  }
  std::unique_ptr<Engine> engine = open_engine(*cases, backend);
  if (!engine) return false;
  std::cout << cases_path << " (" << (cases->config_path.empty() ? cases->ruleset_path : cases->config_path) << ")\n";
  std::set<uint32_t> fired;
  for (const TestCase& test : cases->cases) {
    CaseResult result = run_case(*engine, test);
    fired.insert(result.fired_rules.begin(), result.fired_rules.end());
    std::cout << (result.passed ? "  PASS  " : "  FAIL  ") << test.name << "\n";
    for (const std::string& f : result.failures) {
      std::cout << "        " << cases_path << ":" << test.line << ": " << f << "\n";
    }
    (result.passed ? totals.passed : totals.failed)++;
  }
  print_coverage(engine->current()->program(), fired);
  return true;
}

int run_tests(const std::vector<std::string>& files, BackendKind backend) {
  Totals totals;
  bool broken = false;
  for (const std::string& file : files) {
    std::string cases_path = is_cases_file(file) ? file : cases_path_for(file);
    if (!std::filesystem::exists(cases_path)) {
      std::cerr << render_all({Diagnostic::unlocated(code::T002, "no cases file `" + cases_path + "` beside it")},
                              nullptr, file);
      broken = true;
      continue;
    }
    broken = !run_file(cases_path, backend, totals) || broken;
  }
  std::cout << totals.passed << " passed, " << totals.failed << " failed\n";
  return broken || totals.failed > 0 ? 1 : 0;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::vector<std::string> files;
    BackendKind backend = BackendKind::Jit;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("test", "Run the cases file beside each ruleset");
  cmd->add_option("files", opt->files, "Rules files (x.rules uses x.cases.toml) or cases files")->required();
  add_backend_option(*cmd, opt->backend);
  cmd->callback([opt, &exit_code] { exit_code = run_tests(opt->files, opt->backend); });
}

}  // namespace verdict::cli
