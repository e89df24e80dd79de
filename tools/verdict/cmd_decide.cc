// `verdict decide` (a deployment config) and `verdict run` (a rules file
// alone): the same pipeline over an Engine opened two ways.
#include "tools/verdict/commands.h"
#include "tools/verdict/decide_output.h"
#include "tools/verdict/ruleset_loader.h"

namespace verdict::cli {
namespace {

struct Options {
  std::string source;  // the config (decide) or the rules file (run)
  bool from_config = true;
  BackendKind backend = BackendKind::Jit;
  DecideOptions decide;
};

int decide_all(const Options& opt) {
  LoadReport report;
  EngineOptions options;
  options.backend = opt.backend;
  auto engine =
      opt.from_config ? Engine::open(opt.source, report, options) : Engine::open_rules(opt.source, report, options);
  if (!engine) {
    print_report(report, opt.source);
    return 1;
  }
  return decide_requests(*engine, opt.decide);
}

CLI::App* add_command(CLI::App& app, int& exit_code, std::shared_ptr<Options> opt, const char* name, const char* help) {
  CLI::App* cmd = app.add_subcommand(name, help);
  add_decide_options(*cmd, opt->decide);
  add_backend_option(*cmd, opt->backend);
  cmd->callback([opt, &exit_code] { exit_code = decide_all(*opt); });
  return cmd;
}

}  // namespace

void add_decide_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<Options>();
  opt->decide.number_requests = true;
  CLI::App* cmd = add_command(app, exit_code, opt, "decide",
                              "Decide requests with a deployment: ruleset, model, blend weights (TOML config)");
  cmd->add_option("--config", opt->source, "Deployment config (TOML)")->required();
}

void add_run_command(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<Options>();
  opt->from_config = false;
  CLI::App* cmd =
      add_command(app, exit_code, opt, "run",
                  "Decide requests with a rules file alone (its model is scored; weights human 1, model 0)");
  cmd->add_option("--rules", opt->source, "Rules file")->required();
  cmd->get_option("--input")->required();
}

}  // namespace verdict::cli
